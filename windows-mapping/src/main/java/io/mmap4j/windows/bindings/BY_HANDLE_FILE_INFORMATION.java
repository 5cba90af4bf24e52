// Written by hand in the shape of jextract's output (jextract needs windows.h, so it cannot run here).
// Regenerate on Windows with the command in windows-mapping/README.md; the output replaces this file.

package io.mmap4j.windows.bindings;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

/**
 * {@snippet lang=c :
 * typedef struct _BY_HANDLE_FILE_INFORMATION {
 *     DWORD dwFileAttributes;
 *     FILETIME ftCreationTime;
 *     FILETIME ftLastAccessTime;
 *     FILETIME ftLastWriteTime;
 *     DWORD dwVolumeSerialNumber;
 *     DWORD nFileSizeHigh;
 *     DWORD nFileSizeLow;
 *     DWORD nNumberOfLinks;
 *     DWORD nFileIndexHigh;
 *     DWORD nFileIndexLow;
 * } BY_HANDLE_FILE_INFORMATION
 * }
 */
@SuppressWarnings("restricted") // MemorySegment.reinterpret, as in jextract's output
public class BY_HANDLE_FILE_INFORMATION {

    BY_HANDLE_FILE_INFORMATION() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kernel32.C_LONG.withName("dwFileAttributes"),
        FILETIME.layout().withName("ftCreationTime"),
        FILETIME.layout().withName("ftLastAccessTime"),
        FILETIME.layout().withName("ftLastWriteTime"),
        Kernel32.C_LONG.withName("dwVolumeSerialNumber"),
        Kernel32.C_LONG.withName("nFileSizeHigh"),
        Kernel32.C_LONG.withName("nFileSizeLow"),
        Kernel32.C_LONG.withName("nNumberOfLinks"),
        Kernel32.C_LONG.withName("nFileIndexHigh"),
        Kernel32.C_LONG.withName("nFileIndexLow")
    ).withName("_BY_HANDLE_FILE_INFORMATION");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final OfInt dwFileAttributes$LAYOUT = (OfInt)$LAYOUT.select(groupElement("dwFileAttributes"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * DWORD dwFileAttributes
     * }
     */
    public static final OfInt dwFileAttributes$layout() {
        return dwFileAttributes$LAYOUT;
    }

    private static final long dwFileAttributes$OFFSET = $LAYOUT.byteOffset(groupElement("dwFileAttributes"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * DWORD dwFileAttributes
     * }
     */
    public static final long dwFileAttributes$offset() {
        return dwFileAttributes$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * DWORD dwFileAttributes
     * }
     */
    public static int dwFileAttributes(MemorySegment struct) {
        return struct.get(dwFileAttributes$LAYOUT, dwFileAttributes$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * DWORD dwFileAttributes
     * }
     */
    public static void dwFileAttributes(MemorySegment struct, int fieldValue) {
        struct.set(dwFileAttributes$LAYOUT, dwFileAttributes$OFFSET, fieldValue);
    }

    private static final GroupLayout ftCreationTime$LAYOUT = (GroupLayout)$LAYOUT.select(groupElement("ftCreationTime"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * FILETIME ftCreationTime
     * }
     */
    public static final GroupLayout ftCreationTime$layout() {
        return ftCreationTime$LAYOUT;
    }

    private static final long ftCreationTime$OFFSET = $LAYOUT.byteOffset(groupElement("ftCreationTime"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * FILETIME ftCreationTime
     * }
     */
    public static final long ftCreationTime$offset() {
        return ftCreationTime$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * FILETIME ftCreationTime
     * }
     */
    public static MemorySegment ftCreationTime(MemorySegment struct) {
        return struct.asSlice(ftCreationTime$OFFSET, ftCreationTime$LAYOUT.byteSize());
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * FILETIME ftCreationTime
     * }
     */
    public static void ftCreationTime(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, ftCreationTime$OFFSET, ftCreationTime$LAYOUT.byteSize());
    }

    private static final GroupLayout ftLastAccessTime$LAYOUT = (GroupLayout)$LAYOUT.select(groupElement("ftLastAccessTime"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * FILETIME ftLastAccessTime
     * }
     */
    public static final GroupLayout ftLastAccessTime$layout() {
        return ftLastAccessTime$LAYOUT;
    }

    private static final long ftLastAccessTime$OFFSET = $LAYOUT.byteOffset(groupElement("ftLastAccessTime"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * FILETIME ftLastAccessTime
     * }
     */
    public static final long ftLastAccessTime$offset() {
        return ftLastAccessTime$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * FILETIME ftLastAccessTime
     * }
     */
    public static MemorySegment ftLastAccessTime(MemorySegment struct) {
        return struct.asSlice(ftLastAccessTime$OFFSET, ftLastAccessTime$LAYOUT.byteSize());
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * FILETIME ftLastAccessTime
     * }
     */
    public static void ftLastAccessTime(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, ftLastAccessTime$OFFSET, ftLastAccessTime$LAYOUT.byteSize());
    }

    private static final GroupLayout ftLastWriteTime$LAYOUT = (GroupLayout)$LAYOUT.select(groupElement("ftLastWriteTime"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * FILETIME ftLastWriteTime
     * }
     */
    public static final GroupLayout ftLastWriteTime$layout() {
        return ftLastWriteTime$LAYOUT;
    }

    private static final long ftLastWriteTime$OFFSET = $LAYOUT.byteOffset(groupElement("ftLastWriteTime"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * FILETIME ftLastWriteTime
     * }
     */
    public static final long ftLastWriteTime$offset() {
        return ftLastWriteTime$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * FILETIME ftLastWriteTime
     * }
     */
    public static MemorySegment ftLastWriteTime(MemorySegment struct) {
        return struct.asSlice(ftLastWriteTime$OFFSET, ftLastWriteTime$LAYOUT.byteSize());
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * FILETIME ftLastWriteTime
     * }
     */
    public static void ftLastWriteTime(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, ftLastWriteTime$OFFSET, ftLastWriteTime$LAYOUT.byteSize());
    }

    private static final OfInt dwVolumeSerialNumber$LAYOUT = (OfInt)$LAYOUT.select(groupElement("dwVolumeSerialNumber"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * DWORD dwVolumeSerialNumber
     * }
     */
    public static final OfInt dwVolumeSerialNumber$layout() {
        return dwVolumeSerialNumber$LAYOUT;
    }

    private static final long dwVolumeSerialNumber$OFFSET = $LAYOUT.byteOffset(groupElement("dwVolumeSerialNumber"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * DWORD dwVolumeSerialNumber
     * }
     */
    public static final long dwVolumeSerialNumber$offset() {
        return dwVolumeSerialNumber$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * DWORD dwVolumeSerialNumber
     * }
     */
    public static int dwVolumeSerialNumber(MemorySegment struct) {
        return struct.get(dwVolumeSerialNumber$LAYOUT, dwVolumeSerialNumber$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * DWORD dwVolumeSerialNumber
     * }
     */
    public static void dwVolumeSerialNumber(MemorySegment struct, int fieldValue) {
        struct.set(dwVolumeSerialNumber$LAYOUT, dwVolumeSerialNumber$OFFSET, fieldValue);
    }

    private static final OfInt nFileSizeHigh$LAYOUT = (OfInt)$LAYOUT.select(groupElement("nFileSizeHigh"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * DWORD nFileSizeHigh
     * }
     */
    public static final OfInt nFileSizeHigh$layout() {
        return nFileSizeHigh$LAYOUT;
    }

    private static final long nFileSizeHigh$OFFSET = $LAYOUT.byteOffset(groupElement("nFileSizeHigh"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * DWORD nFileSizeHigh
     * }
     */
    public static final long nFileSizeHigh$offset() {
        return nFileSizeHigh$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * DWORD nFileSizeHigh
     * }
     */
    public static int nFileSizeHigh(MemorySegment struct) {
        return struct.get(nFileSizeHigh$LAYOUT, nFileSizeHigh$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * DWORD nFileSizeHigh
     * }
     */
    public static void nFileSizeHigh(MemorySegment struct, int fieldValue) {
        struct.set(nFileSizeHigh$LAYOUT, nFileSizeHigh$OFFSET, fieldValue);
    }

    private static final OfInt nFileSizeLow$LAYOUT = (OfInt)$LAYOUT.select(groupElement("nFileSizeLow"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * DWORD nFileSizeLow
     * }
     */
    public static final OfInt nFileSizeLow$layout() {
        return nFileSizeLow$LAYOUT;
    }

    private static final long nFileSizeLow$OFFSET = $LAYOUT.byteOffset(groupElement("nFileSizeLow"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * DWORD nFileSizeLow
     * }
     */
    public static final long nFileSizeLow$offset() {
        return nFileSizeLow$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * DWORD nFileSizeLow
     * }
     */
    public static int nFileSizeLow(MemorySegment struct) {
        return struct.get(nFileSizeLow$LAYOUT, nFileSizeLow$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * DWORD nFileSizeLow
     * }
     */
    public static void nFileSizeLow(MemorySegment struct, int fieldValue) {
        struct.set(nFileSizeLow$LAYOUT, nFileSizeLow$OFFSET, fieldValue);
    }

    private static final OfInt nNumberOfLinks$LAYOUT = (OfInt)$LAYOUT.select(groupElement("nNumberOfLinks"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * DWORD nNumberOfLinks
     * }
     */
    public static final OfInt nNumberOfLinks$layout() {
        return nNumberOfLinks$LAYOUT;
    }

    private static final long nNumberOfLinks$OFFSET = $LAYOUT.byteOffset(groupElement("nNumberOfLinks"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * DWORD nNumberOfLinks
     * }
     */
    public static final long nNumberOfLinks$offset() {
        return nNumberOfLinks$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * DWORD nNumberOfLinks
     * }
     */
    public static int nNumberOfLinks(MemorySegment struct) {
        return struct.get(nNumberOfLinks$LAYOUT, nNumberOfLinks$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * DWORD nNumberOfLinks
     * }
     */
    public static void nNumberOfLinks(MemorySegment struct, int fieldValue) {
        struct.set(nNumberOfLinks$LAYOUT, nNumberOfLinks$OFFSET, fieldValue);
    }

    private static final OfInt nFileIndexHigh$LAYOUT = (OfInt)$LAYOUT.select(groupElement("nFileIndexHigh"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * DWORD nFileIndexHigh
     * }
     */
    public static final OfInt nFileIndexHigh$layout() {
        return nFileIndexHigh$LAYOUT;
    }

    private static final long nFileIndexHigh$OFFSET = $LAYOUT.byteOffset(groupElement("nFileIndexHigh"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * DWORD nFileIndexHigh
     * }
     */
    public static final long nFileIndexHigh$offset() {
        return nFileIndexHigh$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * DWORD nFileIndexHigh
     * }
     */
    public static int nFileIndexHigh(MemorySegment struct) {
        return struct.get(nFileIndexHigh$LAYOUT, nFileIndexHigh$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * DWORD nFileIndexHigh
     * }
     */
    public static void nFileIndexHigh(MemorySegment struct, int fieldValue) {
        struct.set(nFileIndexHigh$LAYOUT, nFileIndexHigh$OFFSET, fieldValue);
    }

    private static final OfInt nFileIndexLow$LAYOUT = (OfInt)$LAYOUT.select(groupElement("nFileIndexLow"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * DWORD nFileIndexLow
     * }
     */
    public static final OfInt nFileIndexLow$layout() {
        return nFileIndexLow$LAYOUT;
    }

    private static final long nFileIndexLow$OFFSET = $LAYOUT.byteOffset(groupElement("nFileIndexLow"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * DWORD nFileIndexLow
     * }
     */
    public static final long nFileIndexLow$offset() {
        return nFileIndexLow$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * DWORD nFileIndexLow
     * }
     */
    public static int nFileIndexLow(MemorySegment struct) {
        return struct.get(nFileIndexLow$LAYOUT, nFileIndexLow$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * DWORD nFileIndexLow
     * }
     */
    public static void nFileIndexLow(MemorySegment struct, int fieldValue) {
        struct.set(nFileIndexLow$LAYOUT, nFileIndexLow$OFFSET, fieldValue);
    }

    /**
     * Obtains a slice of {@code arrayParam} which selects the array element at {@code index}.
     * The returned segment has address {@code arrayParam.address() + index * layout().byteSize()}
     */
    public static MemorySegment asSlice(MemorySegment array, long index) {
        return array.asSlice(layout().byteSize() * index);
    }

    /**
     * The size (in bytes) of this struct
     */
    public static long sizeof() { return layout().byteSize(); }

    /**
     * Allocate a segment of size {@code layout().byteSize()} using {@code allocator}
     */
    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate(layout());
    }

    /**
     * Allocate an array of size {@code elementCount} using {@code allocator}.
     * The returned segment has size {@code elementCount * layout().byteSize()}.
     */
    public static MemorySegment allocateArray(long elementCount, SegmentAllocator allocator) {
        return allocator.allocate(MemoryLayout.sequenceLayout(elementCount, layout()));
    }

    /**
     * Reinterprets {@code addr} using target {@code arena} and {@code cleanupAction} (if any).
     * The returned segment has size {@code layout().byteSize()}
     */
    public static MemorySegment reinterpret(MemorySegment addr, Arena arena, Consumer<MemorySegment> cleanup) {
        return reinterpret(addr, 1, arena, cleanup);
    }

    /**
     * Reinterprets {@code addr} using target {@code arena} and {@code cleanupAction} (if any).
     * The returned segment has size {@code elementCount * layout().byteSize()}
     */
    public static MemorySegment reinterpret(MemorySegment addr, long elementCount, Arena arena, Consumer<MemorySegment> cleanup) {
        return addr.reinterpret(layout().byteSize() * elementCount, arena, cleanup);
    }
}

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
 * typedef union _LARGE_INTEGER {
 *     struct {
 *         DWORD LowPart;
 *         LONG HighPart;
 *     };
 *     struct {
 *         DWORD LowPart;
 *         LONG HighPart;
 *     } u;
 *     LONGLONG QuadPart;
 * } LARGE_INTEGER
 * }
 */
@SuppressWarnings("restricted") // MemorySegment.reinterpret, as in jextract's output
public class LARGE_INTEGER {

    LARGE_INTEGER() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.unionLayout(
        MemoryLayout.structLayout(
            Kernel32.C_LONG.withName("LowPart"),
            Kernel32.C_LONG.withName("HighPart")
        ).withName("$anon$0"),
        MemoryLayout.structLayout(
            Kernel32.C_LONG.withName("LowPart"),
            Kernel32.C_LONG.withName("HighPart")
        ).withName("u"),
        Kernel32.C_LONG_LONG.withName("QuadPart")
    ).withName("_LARGE_INTEGER");

    /**
     * The layout of this union
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final OfInt LowPart$LAYOUT = (OfInt)$LAYOUT.select(groupElement("$anon$0"), groupElement("LowPart"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * DWORD LowPart
     * }
     */
    public static final OfInt LowPart$layout() {
        return LowPart$LAYOUT;
    }

    private static final long LowPart$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$0"), groupElement("LowPart"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * DWORD LowPart
     * }
     */
    public static final long LowPart$offset() {
        return LowPart$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * DWORD LowPart
     * }
     */
    public static int LowPart(MemorySegment struct) {
        return struct.get(LowPart$LAYOUT, LowPart$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * DWORD LowPart
     * }
     */
    public static void LowPart(MemorySegment struct, int fieldValue) {
        struct.set(LowPart$LAYOUT, LowPart$OFFSET, fieldValue);
    }

    private static final OfInt HighPart$LAYOUT = (OfInt)$LAYOUT.select(groupElement("$anon$0"), groupElement("HighPart"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * LONG HighPart
     * }
     */
    public static final OfInt HighPart$layout() {
        return HighPart$LAYOUT;
    }

    private static final long HighPart$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$0"), groupElement("HighPart"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * LONG HighPart
     * }
     */
    public static final long HighPart$offset() {
        return HighPart$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * LONG HighPart
     * }
     */
    public static int HighPart(MemorySegment struct) {
        return struct.get(HighPart$LAYOUT, HighPart$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * LONG HighPart
     * }
     */
    public static void HighPart(MemorySegment struct, int fieldValue) {
        struct.set(HighPart$LAYOUT, HighPart$OFFSET, fieldValue);
    }

    private static final GroupLayout u$LAYOUT = (GroupLayout)$LAYOUT.select(groupElement("u"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * struct { DWORD LowPart; LONG HighPart; } u
     * }
     */
    public static final GroupLayout u$layout() {
        return u$LAYOUT;
    }

    private static final long u$OFFSET = $LAYOUT.byteOffset(groupElement("u"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * struct { DWORD LowPart; LONG HighPart; } u
     * }
     */
    public static final long u$offset() {
        return u$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * struct { DWORD LowPart; LONG HighPart; } u
     * }
     */
    public static MemorySegment u(MemorySegment struct) {
        return struct.asSlice(u$OFFSET, u$LAYOUT.byteSize());
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * struct { DWORD LowPart; LONG HighPart; } u
     * }
     */
    public static void u(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, u$OFFSET, u$LAYOUT.byteSize());
    }

    private static final OfLong QuadPart$LAYOUT = (OfLong)$LAYOUT.select(groupElement("QuadPart"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * LONGLONG QuadPart
     * }
     */
    public static final OfLong QuadPart$layout() {
        return QuadPart$LAYOUT;
    }

    private static final long QuadPart$OFFSET = $LAYOUT.byteOffset(groupElement("QuadPart"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * LONGLONG QuadPart
     * }
     */
    public static final long QuadPart$offset() {
        return QuadPart$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * LONGLONG QuadPart
     * }
     */
    public static long QuadPart(MemorySegment struct) {
        return struct.get(QuadPart$LAYOUT, QuadPart$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * LONGLONG QuadPart
     * }
     */
    public static void QuadPart(MemorySegment struct, long fieldValue) {
        struct.set(QuadPart$LAYOUT, QuadPart$OFFSET, fieldValue);
    }

    /**
     * Obtains a slice of {@code arrayParam} which selects the array element at {@code index}.
     * The returned segment has address {@code arrayParam.address() + index * layout().byteSize()}
     */
    public static MemorySegment asSlice(MemorySegment array, long index) {
        return array.asSlice(layout().byteSize() * index);
    }

    /**
     * The size (in bytes) of this union
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

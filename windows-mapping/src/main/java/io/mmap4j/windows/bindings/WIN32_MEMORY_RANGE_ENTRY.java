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
 * typedef struct _WIN32_MEMORY_RANGE_ENTRY {
 *     PVOID VirtualAddress;
 *     SIZE_T NumberOfBytes;
 * } WIN32_MEMORY_RANGE_ENTRY
 * }
 */
@SuppressWarnings("restricted") // MemorySegment.reinterpret, as in jextract's output
public class WIN32_MEMORY_RANGE_ENTRY {

    WIN32_MEMORY_RANGE_ENTRY() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kernel32.C_POINTER.withName("VirtualAddress"),
        Kernel32.C_LONG_LONG.withName("NumberOfBytes")
    ).withName("_WIN32_MEMORY_RANGE_ENTRY");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final AddressLayout VirtualAddress$LAYOUT = (AddressLayout)$LAYOUT.select(groupElement("VirtualAddress"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * PVOID VirtualAddress
     * }
     */
    public static final AddressLayout VirtualAddress$layout() {
        return VirtualAddress$LAYOUT;
    }

    private static final long VirtualAddress$OFFSET = $LAYOUT.byteOffset(groupElement("VirtualAddress"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * PVOID VirtualAddress
     * }
     */
    public static final long VirtualAddress$offset() {
        return VirtualAddress$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * PVOID VirtualAddress
     * }
     */
    public static MemorySegment VirtualAddress(MemorySegment struct) {
        return struct.get(VirtualAddress$LAYOUT, VirtualAddress$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * PVOID VirtualAddress
     * }
     */
    public static void VirtualAddress(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(VirtualAddress$LAYOUT, VirtualAddress$OFFSET, fieldValue);
    }

    private static final OfLong NumberOfBytes$LAYOUT = (OfLong)$LAYOUT.select(groupElement("NumberOfBytes"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * SIZE_T NumberOfBytes
     * }
     */
    public static final OfLong NumberOfBytes$layout() {
        return NumberOfBytes$LAYOUT;
    }

    private static final long NumberOfBytes$OFFSET = $LAYOUT.byteOffset(groupElement("NumberOfBytes"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * SIZE_T NumberOfBytes
     * }
     */
    public static final long NumberOfBytes$offset() {
        return NumberOfBytes$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * SIZE_T NumberOfBytes
     * }
     */
    public static long NumberOfBytes(MemorySegment struct) {
        return struct.get(NumberOfBytes$LAYOUT, NumberOfBytes$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * SIZE_T NumberOfBytes
     * }
     */
    public static void NumberOfBytes(MemorySegment struct, long fieldValue) {
        struct.set(NumberOfBytes$LAYOUT, NumberOfBytes$OFFSET, fieldValue);
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

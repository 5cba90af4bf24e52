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
 * typedef struct _PSAPI_WORKING_SET_EX_INFORMATION {
 *     PVOID VirtualAddress;
 *     PSAPI_WORKING_SET_EX_BLOCK VirtualAttributes;
 * } PSAPI_WORKING_SET_EX_INFORMATION
 * }
 */
@SuppressWarnings("restricted") // MemorySegment.reinterpret, as in jextract's output
public class PSAPI_WORKING_SET_EX_INFORMATION {

    PSAPI_WORKING_SET_EX_INFORMATION() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kernel32.C_POINTER.withName("VirtualAddress"),
        PSAPI_WORKING_SET_EX_BLOCK.layout().withName("VirtualAttributes")
    ).withName("_PSAPI_WORKING_SET_EX_INFORMATION");

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

    private static final GroupLayout VirtualAttributes$LAYOUT = (GroupLayout)$LAYOUT.select(groupElement("VirtualAttributes"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * PSAPI_WORKING_SET_EX_BLOCK VirtualAttributes
     * }
     */
    public static final GroupLayout VirtualAttributes$layout() {
        return VirtualAttributes$LAYOUT;
    }

    private static final long VirtualAttributes$OFFSET = $LAYOUT.byteOffset(groupElement("VirtualAttributes"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * PSAPI_WORKING_SET_EX_BLOCK VirtualAttributes
     * }
     */
    public static final long VirtualAttributes$offset() {
        return VirtualAttributes$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * PSAPI_WORKING_SET_EX_BLOCK VirtualAttributes
     * }
     */
    public static MemorySegment VirtualAttributes(MemorySegment struct) {
        return struct.asSlice(VirtualAttributes$OFFSET, VirtualAttributes$LAYOUT.byteSize());
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * PSAPI_WORKING_SET_EX_BLOCK VirtualAttributes
     * }
     */
    public static void VirtualAttributes(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, VirtualAttributes$OFFSET, VirtualAttributes$LAYOUT.byteSize());
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

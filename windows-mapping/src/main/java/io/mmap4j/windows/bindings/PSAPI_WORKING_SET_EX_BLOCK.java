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
 * typedef union _PSAPI_WORKING_SET_EX_BLOCK {
 *     ULONG_PTR Flags;
 *     union {
 *         struct {
 *             ULONG_PTR Valid : 1;
 *             ULONG_PTR ShareCount : 3;
 *             ULONG_PTR Win32Protection : 11;
 *             ULONG_PTR Shared : 1;
 *             ULONG_PTR Node : 6;
 *             ULONG_PTR Locked : 1;
 *             ULONG_PTR LargePage : 1;
 *             ULONG_PTR Reserved : 7;
 *             ULONG_PTR Bad : 1;
 *             ULONG_PTR ReservedUlong : 32;
 *         };
 *         struct {
 *             ULONG_PTR Valid : 1;
 *             ULONG_PTR Reserved0 : 14;
 *             ULONG_PTR Shared : 1;
 *             ULONG_PTR Reserved1 : 15;
 *             ULONG_PTR Bad : 1;
 *             ULONG_PTR ReservedUlong : 32;
 *         } Invalid;
 *     };
 * } PSAPI_WORKING_SET_EX_BLOCK
 * }
 */
@SuppressWarnings("restricted") // MemorySegment.reinterpret, as in jextract's output
public class PSAPI_WORKING_SET_EX_BLOCK {

    PSAPI_WORKING_SET_EX_BLOCK() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.unionLayout(
        Kernel32.C_LONG_LONG.withName("Flags"),
        MemoryLayout.unionLayout(
            MemoryLayout.structLayout(
                MemoryLayout.paddingLayout(8)
            ).withName("$anon$1"),
            MemoryLayout.structLayout(
                MemoryLayout.paddingLayout(8)
            ).withName("Invalid")
        ).withName("$anon$0")
    ).withName("_PSAPI_WORKING_SET_EX_BLOCK");

    /**
     * The layout of this union
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final OfLong Flags$LAYOUT = (OfLong)$LAYOUT.select(groupElement("Flags"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * ULONG_PTR Flags
     * }
     */
    public static final OfLong Flags$layout() {
        return Flags$LAYOUT;
    }

    private static final long Flags$OFFSET = $LAYOUT.byteOffset(groupElement("Flags"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * ULONG_PTR Flags
     * }
     */
    public static final long Flags$offset() {
        return Flags$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * ULONG_PTR Flags
     * }
     */
    public static long Flags(MemorySegment struct) {
        return struct.get(Flags$LAYOUT, Flags$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * ULONG_PTR Flags
     * }
     */
    public static void Flags(MemorySegment struct, long fieldValue) {
        struct.set(Flags$LAYOUT, Flags$OFFSET, fieldValue);
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

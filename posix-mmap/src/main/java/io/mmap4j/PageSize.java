// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import io.mmap4j.spi.Backend;

/**
 * The system's page size and mapping granularity, read from the OS ({@code sysconf(_SC_PAGESIZE)}
 * on POSIX), never assumed: 4 KiB, 16 KiB and 64 KiB pages all exist.
 *
 * {@snippet :
 * long page = PageSize.get();              // 4096 on most x86_64 machines
 * long reserved = PageSize.alignUp(10_000); // 12288 with 4 KiB pages
 * }
 */
public final class PageSize {
    private PageSize() {
    }

    /** {@return the page size in bytes} */
    public static long get() {
        return Backend.get().pageSize();
    }

    /**
     * {@return the granularity of mapping offsets in bytes: the page size on POSIX, the allocation
     * granularity (usually 64 KiB) on Windows}
     */
    public static long granularity() {
        return Backend.get().granularity();
    }

    /**
     * {@return {@code value} rounded down to a multiple of the page size}
     *
     * @param value a byte count or offset, not negative
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public static long alignDown(long value) {
        requireNotNegative(value);
        return value & -get();
    }

    /**
     * {@return {@code value} rounded up to a multiple of the page size}
     *
     * @param value a byte count or offset, not negative
     * @throws IllegalArgumentException if {@code value} is negative, or rounding up overflows
     */
    public static long alignUp(long value) {
        requireNotNegative(value);
        long page = get();
        long up = (value + page - 1) & -page;
        if (up < 0) {
            throw new IllegalArgumentException("value: " + value + " overflows when rounded up to the page size " + page);
        }
        return up;
    }

    /**
     * {@return whether {@code value} is a multiple of the page size}
     *
     * @param value a byte count, offset or address
     */
    public static boolean isAligned(long value) {
        return (value & (get() - 1)) == 0;
    }

    private static void requireNotNegative(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("value must not be negative: " + value);
        }
    }
}

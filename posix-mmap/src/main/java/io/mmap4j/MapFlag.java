// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

/**
 * Optional mapping flags: the typed form of the common {@code MAP_*} flags. Any other flag is
 * available through {@link MapOptions#raw(int, int)}.
 *
 * {@snippet :
 * MapOptions options = MapOptions.readWrite().with(MapFlag.POPULATE);
 * }
 */
public enum MapFlag {
    /** {@code MAP_POPULATE}: fault the pages in (read ahead for files) before {@code mmap} returns. */
    POPULATE,
    /** {@code MAP_NORESERVE}: reserve no swap space for the mapping. */
    NORESERVE,
    /**
     * {@code MAP_LOCKED}: lock the pages in memory like {@code mlock}; limited by
     * {@code RLIMIT_MEMLOCK}.
     */
    LOCKED,
    /**
     * {@code MAP_HUGETLB} with the system's default huge page size. Needs huge pages reserved
     * ({@code /proc/sys/vm/nr_hugepages}); for files, a file on {@code hugetlbfs}.
     */
    HUGETLB,
    /** {@code MAP_HUGETLB | MAP_HUGE_2MB}: like {@link #HUGETLB} with 2 MiB pages (Linux 3.8+). */
    HUGE_2MB,
    /** {@code MAP_HUGETLB | MAP_HUGE_1GB}: like {@link #HUGETLB} with 1 GiB pages (Linux 3.8+). */
    HUGE_1GB,
    /**
     * {@code MAP_SYNC} (Linux 4.15+): synchronous page faults for persistent memory on a DAX file
     * system; needs {@link Sharing#SHARED_VALIDATE}. Elsewhere the kernel answers
     * {@code EOPNOTSUPP}.
     */
    SYNC,
    /** {@code MAP_STACK}: the mapping is a thread stack (Linux 5.7+ keeps it from huge pages). */
    STACK,
    /**
     * {@code MAP_32BIT}: place the mapping in the first 2 GiB of the address space (x86_64 only;
     * elsewhere mapping with it throws {@link UnsupportedOperationException}).
     */
    ADDRESS_32BIT
}

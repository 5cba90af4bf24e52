// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

/**
 * Whether writes reach the file and other processes: the typed form of {@code MAP_SHARED},
 * {@code MAP_SHARED_VALIDATE} and {@code MAP_PRIVATE}.
 *
 * {@snippet :
 * // writes stay in this process; the file never sees them
 * Mapping cow = file.map(0, 4096, MapOptions.of(Protection.READ_WRITE, Sharing.PRIVATE));
 * }
 */
public enum Sharing {
    /** {@code MAP_SHARED}: writes go to the page cache, seen by every process mapping the file. */
    SHARED,
    /**
     * {@code MAP_SHARED_VALIDATE} (Linux 4.15+): like {@link #SHARED}, but the kernel rejects flags
     * it does not know instead of ignoring them; needed for {@link MapFlag#SYNC}.
     */
    SHARED_VALIDATE,
    /** {@code MAP_PRIVATE}: copy-on-write; writes are private to this mapping and never reach the file. */
    PRIVATE
}

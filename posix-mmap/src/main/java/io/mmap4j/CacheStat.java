// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

/**
 * Page-cache statistics for a byte range of a file, as Linux {@code cachestat(2)} (6.5+) counts
 * them, in pages: read from the kernel's page-cache tree, with no mapping and no data read.
 *
 * {@snippet :
 * try (MappedFile file = MappedFile.open(path)) {
 *     CacheStat s = file.cacheStat(0, 0);                  // the whole file
 *     System.out.println(s.cached() + " pages cached, " + s.dirty() + " dirty");
 * }
 * }
 *
 * <p>A page counts once in {@link #cached()} and may also count in {@link #dirty()} and
 * {@link #writeback()}; {@link #evicted()} and {@link #recentlyEvicted()} count pages of the range
 * that are not cached but were, as the kernel's shadow entries remember them (the second only those
 * evicted recently enough that reading them again would be a "refault" of the working set).
 * Only reclaim leaves such a record (memory pressure, {@link Advice#PAGEOUT}): pages dropped with
 * {@link MappedFile#dropFromPageCache} ({@code POSIX_FADV_DONTNEED}) or {@code drop_caches} are
 * invalidated and count as neither cached nor evicted.
 *
 * @param cached          pages of the range in the page cache
 * @param dirty           of those, pages written but not yet written back
 * @param writeback       of those, pages being written back now
 * @param evicted         pages of the range evicted from the page cache
 * @param recentlyEvicted of those, pages evicted recently
 * @see MappedFile#cacheStat(long, long)
 */
public record CacheStat(long cached, long dirty, long writeback, long evicted, long recentlyEvicted) {
    /**
     * Checks that no count is negative.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public CacheStat {
        if ((cached | dirty | writeback | evicted | recentlyEvicted) < 0) {
            throw new IllegalArgumentException("page counts must not be negative: cached=" + cached + ", dirty=" + dirty
                    + ", writeback=" + writeback + ", evicted=" + evicted + ", recentlyEvicted=" + recentlyEvicted);
        }
    }
}

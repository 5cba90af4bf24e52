// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Which pages of a range are resident in memory, as {@code mincore} reports, and counts. A
 * snapshot: the kernel may load or evict pages at any time after.
 *
 * <p>Held as runs of resident pages, indexed by {@code long}: a range of any size fits, and the
 * memory it takes grows with the number of runs, which resident memory bounds, not with the size
 * of the range.
 *
 * {@snippet :
 * Residency r = mapping.residency();
 * System.out.printf("%d of %d pages resident (%.1f%%)%n", r.residentPages(), r.pages(), r.percent());
 * }
 */
public final class Residency {
    private final long[] runStarts; // sorted, disjoint, not adjacent
    private final long[] runEnds;
    private final int runs;
    private final long pages;
    private final long pageSize;
    private final long residentPages;

    private Residency(long[] runStarts, long[] runEnds, int runs, long pages, long pageSize) {
        this.runStarts = runStarts;
        this.runEnds = runEnds;
        this.runs = runs;
        this.pages = pages;
        this.pageSize = pageSize;
        long n = 0;
        for (int i = 0; i < runs; i++) {
            n += runEnds[i] - runStarts[i];
        }
        this.residentPages = n;
    }

    /** {@return the number of pages in the range} */
    public long pages() {
        return pages;
    }

    /** {@return the number of resident pages} */
    public long residentPages() {
        return residentPages;
    }

    /** {@return the share of resident pages, from 0 to 100} */
    public double percent() {
        return pages == 0 ? 0 : 100.0 * residentPages / pages;
    }

    /** {@return the page size the counts are in} */
    public long pageSize() {
        return pageSize;
    }

    /**
     * {@return whether page {@code index} of the range is resident}
     *
     * @param index the page's index in the range, from 0
     * @throws IndexOutOfBoundsException if there is no such page
     */
    public boolean isResident(long index) {
        if (index < 0 || index >= pages) {
            throw new IndexOutOfBoundsException("page " + index + " of " + pages);
        }
        int i = Arrays.binarySearch(runStarts, 0, runs, index);
        if (i >= 0) {
            return true;
        }
        int before = -i - 2; // the last run starting below index
        return before >= 0 && index < runEnds[before];
    }

    /** {@return the number of runs of consecutive resident pages} */
    public int residentRuns() {
        return runs;
    }

    /**
     * {@return the first page of the {@code i}th run of resident pages, in page order}
     *
     * @param i the run, from 0 to {@link #residentRuns()} (exclusive)
     * @throws IndexOutOfBoundsException if there is no such run
     */
    public long runStart(int i) {
        java.util.Objects.checkIndex(i, runs);
        return runStarts[i];
    }

    /**
     * {@return the page after the last of the {@code i}th run of resident pages}
     *
     * @param i the run, from 0 to {@link #residentRuns()} (exclusive)
     * @throws IndexOutOfBoundsException if there is no such run
     */
    public long runEnd(int i) {
        java.util.Objects.checkIndex(i, runs);
        return runEnds[i];
    }

    /**
     * {@return a copy of the residency bits, bit i for page i}
     *
     * @throws IllegalStateException if the range has more pages than a {@link BitSet} can index
     *                               ({@link Integer#MAX_VALUE}); use the runs instead
     */
    public BitSet toBitSet() {
        if (pages > Integer.MAX_VALUE) {
            throw new IllegalStateException(pages + " pages do not fit a BitSet; use residentRuns(), runStart(i) "
                    + "and runEnd(i)");
        }
        BitSet bits = new BitSet((int) pages);
        for (int i = 0; i < runs; i++) {
            bits.set((int) runStarts[i], (int) runEnds[i]);
        }
        return bits;
    }

    @Override
    public String toString() {
        return "Residency[" + residentPages + "/" + pages + " pages of " + pageSize + " bytes]";
    }

    /** Collects runs from {@code mincore} vectors, a chunk at a time, in page order. */
    static final class Builder {
        private static final long LOW_BITS = 0x0101010101010101L; // bit 0 of each byte: resident

        private final long pages;
        private final long pageSize;
        private long[] starts = new long[16];
        private long[] ends = new long[16];
        private int runs;

        Builder(long pages, long pageSize) {
            this.pages = pages;
            this.pageSize = pageSize;
        }

        /** Adds pages {@code [first, first + n)} from the first {@code n} bytes of {@code vector}. */
        void add(long first, MemorySegment vector, long n) {
            long i = 0;
            while (i < n) {
                if (i + 8 <= n && (vector.get(ValueLayout.JAVA_LONG_UNALIGNED, i) & LOW_BITS) == 0) {
                    i += 8; // eight pages out of memory: the common case in a cold range
                    continue;
                }
                if ((vector.get(ValueLayout.JAVA_BYTE, i) & 1) != 0) {
                    resident(first + i);
                }
                i++;
            }
        }

        private void resident(long page) {
            if (runs > 0 && ends[runs - 1] == page) {
                ends[runs - 1] = page + 1;
                return;
            }
            if (runs == starts.length) {
                starts = Arrays.copyOf(starts, runs * 2);
                ends = Arrays.copyOf(ends, runs * 2);
            }
            starts[runs] = page;
            ends[runs] = page + 1;
            runs++;
        }

        Residency build() {
            return new Residency(starts, ends, runs, pages, pageSize);
        }
    }
}

package io.mmap4j;

import java.util.BitSet;

/**
 * Which pages of a range are resident in memory, as {@code mincore} reports: one bit per page,
 * and counts. A snapshot: the kernel may load or evict pages at any time after.
 *
 * {@snippet :
 * Residency r = mapping.residency();
 * System.out.printf("%d of %d pages resident (%.1f%%)%n", r.residentPages(), r.pages(), r.percent());
 * }
 */
public final class Residency {
    private final BitSet resident;
    private final long pages;
    private final long pageSize;

    Residency(BitSet resident, long pages, long pageSize) {
        this.resident = resident;
        this.pages = pages;
        this.pageSize = pageSize;
    }

    /** {@return the number of pages in the range} */
    public long pages() {
        return pages;
    }

    /** {@return the number of resident pages} */
    public long residentPages() {
        return resident.cardinality();
    }

    /** {@return the share of resident pages, from 0 to 100} */
    public double percent() {
        return pages == 0 ? 0 : 100.0 * residentPages() / pages;
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
        return resident.get(Math.toIntExact(index));
    }

    /** {@return a copy of the residency bits, bit i for page i} */
    public BitSet toBitSet() {
        return (BitSet) resident.clone();
    }

    @Override
    public String toString() {
        return "Residency[" + residentPages() + "/" + pages + " pages of " + pageSize + " bytes]";
    }
}

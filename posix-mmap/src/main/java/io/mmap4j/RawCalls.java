// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

/**
 * The raw door of one {@link Mapping}: {@code msync}, {@code madvise}, {@code mprotect} and
 * {@code mlock2} with native values, as the platform defines them ({@code PROT_*},
 * {@code MADV_*}, {@code MS_*} on Linux). Offsets count from the first byte of the kernel's page
 * range, {@link #address()}, which is page-aligned even when the mapping was asked to start inside
 * a page; ranges are passed on unrounded, so the kernel's own rules ({@code EINVAL} for an
 * unaligned start) apply.
 *
 * <p>Raw does not mean unsafe. The door keeps the rule that no segment grants more than the pages
 * allow, and that no byte outside a range is lost:
 * <ul>
 * <li>{@link #protect} reads the pages' rights back from the kernel ({@code /proc/self/maps})
 *     afterwards, so a {@code PROT_GROWSDOWN} change that reaches down to the mapping's start is
 *     followed; one whose kernel region reaches past this mapping is refused;</li>
 * <li>{@link #advise} refuses advice that takes access away without the kernel showing it
 *     ({@code MADV_GUARD_INSTALL}, {@code MADV_HWPOISON}) and advice values mmap4j does not know;
 *     advice that discards contents must not reach bytes outside the range (the kernel rounds the
 *     length up to a page), as {@link Mapping#discardContents} requires;</li>
 * <li>every call hands the arena-bound segment to the kernel, so a close in another thread cannot
 *     unmap the pages under it.</li>
 * </ul>
 *
 * {@snippet :
 * RawCalls raw = mapping.raw();
 * raw.advise(0, raw.length(), 14);         // MADV_HUGEPAGE, over every page of the mapping
 * raw.sync(0, PageSize.get(), 4 | 2);      // MS_SYNC|MS_INVALIDATE on the first page
 * int prot = raw.prot();                   // PROT_* as mapped
 * }
 */
public final class RawCalls {
    private final Mapping mapping;

    RawCalls(Mapping mapping) {
        this.mapping = mapping;
    }

    /** {@return the first address of the kernel's page range: {@link Mapping#address()} rounded down to a page} */
    public long address() {
        return mapping.kernelStart();
    }

    /** {@return the length of the kernel's page range: whole pages of {@link Mapping#pageSize()} bytes} */
    public long length() {
        return mapping.kernelLength();
    }

    /** {@return the native protection the mapping was made with: {@code PROT_*} on Linux, {@code PAGE_*} on Windows} */
    public int prot() {
        return mapping.rawProt();
    }

    /** {@return the native flags the mapping was made with: {@code MAP_*} on Linux, {@code FILE_MAP_*} on Windows} */
    public int flags() {
        return mapping.rawFlags();
    }

    /**
     * {@code msync} exactly as given.
     *
     * @param offset where the range starts, from {@link #address()}
     * @param length how many bytes, positive
     * @param flags  native flags, for example {@code MS_SYNC}
     * @throws IllegalArgumentException if the range is not inside the kernel's page range
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code msync} fails
     */
    public void sync(long offset, long length, int flags) throws NativeCallException {
        mapping.rawSync(offset, length, flags);
    }

    /**
     * {@code madvise} exactly as given, unless refused (see the class description).
     *
     * @param offset where the range starts, from {@link #address()}
     * @param length how many bytes, positive
     * @param advice the native advice, for example {@code MADV_WILLNEED}
     * @throws IllegalArgumentException if the range is not inside the kernel's page range, the
     *                                  advice is refused, or discarding would reach bytes outside the range
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code madvise} fails
     */
    public void advise(long offset, long length, int advice) throws NativeCallException {
        mapping.rawAdvise(offset, length, advice);
    }

    /**
     * {@code mprotect} exactly as given; afterwards the mapping's segments carry the rights the
     * kernel reports. Every segment taken before is invalidated, as with {@link Mapping#protect}.
     *
     * @param offset where the range starts, from {@link #address()}
     * @param length how many bytes, positive
     * @param prot   the native protection
     * @throws IllegalArgumentException if the range is not inside the kernel's page range, or the
     *                                  change would reach pages outside this mapping
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code mprotect} fails; the rights are read back then too
     */
    public void protect(long offset, long length, int prot) throws NativeCallException {
        mapping.rawProtect(offset, length, prot);
    }

    /**
     * {@code mlock} ({@code flags == 0}) or {@code mlock2} exactly as given.
     *
     * @param offset where the range starts, from {@link #address()}
     * @param length how many bytes, positive
     * @param flags  native {@code mlock2} flags, for example {@code MLOCK_ONFAULT}
     * @throws IllegalArgumentException if the range is not inside the kernel's page range
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if the call fails
     */
    public void lock(long offset, long length, int flags) throws NativeCallException {
        mapping.rawLock(offset, length, flags);
    }

    @Override
    public String toString() {
        return "RawCalls[" + mapping + "]";
    }
}

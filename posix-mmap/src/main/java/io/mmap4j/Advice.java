// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

/**
 * Advice about how a range will be used ({@code madvise}) that never changes what the memory
 * holds. Advice that throws contents away is {@link DiscardAdvice}, behind
 * {@link Mapping#discardContents}, whose name says so.
 *
 * <p>A kernel that does not know a value answers {@code EINVAL}; mmap4j reports that as a
 * {@link NativeCallException} whose hint names the kernel version the advice needs.
 *
 * {@snippet :
 * mapping.advise(Advice.SEQUENTIAL);                 // read-ahead aggressively, drop behind
 * mapping.advise(0, 64 << 20, Advice.WILLNEED);      // start reading the first 64 MiB now
 * }
 */
public enum Advice {
    /** {@code MADV_NORMAL}: no special treatment. */
    NORMAL,
    /** {@code MADV_RANDOM}: expect random access; read ahead little. */
    RANDOM,
    /** {@code MADV_SEQUENTIAL}: expect sequential access; read ahead much, free behind. */
    SEQUENTIAL,
    /** {@code MADV_WILLNEED}: expect access soon; start reading the pages in. */
    WILLNEED,
    /** {@code MADV_HUGEPAGE} (Linux 2.6.38+): back the range with transparent huge pages where possible. */
    HUGEPAGE,
    /** {@code MADV_NOHUGEPAGE} (Linux 2.6.38+): do not use transparent huge pages here. */
    NOHUGEPAGE,
    /** {@code MADV_DONTFORK}: a child made by {@code fork} does not get this range. */
    DONTFORK,
    /** {@code MADV_DOFORK}: undo {@link #DONTFORK}. */
    DOFORK,
    /** {@code MADV_MERGEABLE} (Linux 2.6.32+): let KSM merge identical private pages. */
    MERGEABLE,
    /** {@code MADV_UNMERGEABLE}: undo {@link #MERGEABLE}. */
    UNMERGEABLE,
    /** {@code MADV_DONTDUMP} (Linux 3.4+): leave the range out of core dumps. */
    DONTDUMP,
    /** {@code MADV_DODUMP}: undo {@link #DONTDUMP}. */
    DODUMP,
    /** {@code MADV_COLD} (Linux 5.4+): the pages are unlikely to be used soon; reclaim them first. */
    COLD,
    /** {@code MADV_PAGEOUT} (Linux 5.4+): reclaim the pages now (written back or swapped out). */
    PAGEOUT,
    /** {@code MADV_POPULATE_READ} (Linux 5.14+): fault the pages in readable, without reading them from Java. */
    POPULATE_READ,
    /** {@code MADV_POPULATE_WRITE} (Linux 5.14+): fault the pages in writable; needs write access. */
    POPULATE_WRITE
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

/**
 * {@code madvise} values that throw away what a range holds, used only through
 * {@link Mapping#discardContents}. After any of them the range stays mapped and safe to access;
 * what it reads depends on the advice.
 *
 * {@snippet :
 * // a private scratch mapping: give its pages back; they read as the file's bytes again
 * scratch.discardContents(0, scratch.length(), DiscardAdvice.DONTNEED);
 * }
 */
public enum DiscardAdvice {
    /**
     * {@code MADV_DONTNEED}: drop the pages now. A shared file mapping reads the file again (its
     * dirty data is kept in the page cache); a private one loses its changes and reads the file's
     * bytes, or zeros for anonymous memory.
     */
    DONTNEED,
    /**
     * {@code MADV_FREE} (Linux 4.5+): private anonymous memory only; the kernel may drop the pages
     * lazily, after which they read as zeros.
     */
    FREE,
    /**
     * {@code MADV_REMOVE} (Linux 2.6.16+): shared mappings on file systems that can punch holes
     * (tmpfs, ext4, xfs, ...): frees the range in the file itself, which then reads as zeros.
     */
    REMOVE
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.internal.posix;


import java.util.Set;

/**
 * Which raw {@code madvise} values mmap4j lets through: those known to leave page rights and
 * ranges alone, so that the library's view of the pages stays true. Advice that makes pages fault
 * without showing in {@code /proc/self/maps} is refused, and so is any value this library does not
 * know, since a newer kernel may give it either effect.
 */
final class RawAdvice {
    private RawAdvice() {
    }

    // Linux UAPI values that glibc 2.36's headers (and so the generated bindings) do not have yet.
    static final int MADV_DONTNEED_LOCKED = 24; // Linux 5.18
    static final int MADV_COLLAPSE = 25;        // Linux 6.1
    static final int MADV_SOFT_OFFLINE = 101;   // Linux 2.6.33
    static final int MADV_GUARD_INSTALL = 102;  // Linux 6.13
    static final int MADV_GUARD_REMOVE = 103;   // Linux 6.13

    private static final Set<Integer> HARMLESS = Set.of(
            LinuxAbi.MADV_NORMAL, LinuxAbi.MADV_RANDOM, LinuxAbi.MADV_SEQUENTIAL, LinuxAbi.MADV_WILLNEED,
            LinuxAbi.MADV_DONTFORK, LinuxAbi.MADV_DOFORK, LinuxAbi.MADV_MERGEABLE, LinuxAbi.MADV_UNMERGEABLE,
            LinuxAbi.MADV_HUGEPAGE, LinuxAbi.MADV_NOHUGEPAGE, LinuxAbi.MADV_DONTDUMP, LinuxAbi.MADV_DODUMP,
            LinuxAbi.MADV_WIPEONFORK, LinuxAbi.MADV_KEEPONFORK, LinuxAbi.MADV_COLD, LinuxAbi.MADV_PAGEOUT,
            LinuxAbi.MADV_POPULATE_READ, LinuxAbi.MADV_POPULATE_WRITE, MADV_COLLAPSE, MADV_SOFT_OFFLINE,
            MADV_GUARD_REMOVE);

    private static final Set<Integer> DISCARDING = Set.of(
            LinuxAbi.MADV_DONTNEED, LinuxAbi.MADV_FREE, LinuxAbi.MADV_REMOVE, MADV_DONTNEED_LOCKED);

    /** {@return why {@code advice} is refused, or null} */
    static String refusal(int advice) {
        if (advice == MADV_GUARD_INSTALL) {
            return "MADV_GUARD_INSTALL makes the pages fault while /proc/self/maps still shows them accessible, so "
                    + "mmap4j could not keep segments off them; use protect(offset, length, Protection.NONE)";
        }
        if (advice == LinuxAbi.MADV_HWPOISON) {
            return "MADV_HWPOISON makes every access to the pages raise SIGBUS";
        }
        if (HARMLESS.contains(advice) || DISCARDING.contains(advice)) {
            return null;
        }
        return "mmap4j does not know this advice value, so it cannot tell whether it changes what the pages allow";
    }

    /** {@return whether {@code advice} throws away what the pages hold} */
    static boolean discards(int advice) {
        return DISCARDING.contains(advice);
    }
}

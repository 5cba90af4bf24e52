// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.internal.posix;

import io.mmap4j.internal.CallText.Flags;

import java.util.HashMap;
import java.util.Map;

/** Symbolic names for errno values and flag words, for messages. Used only on failure paths. */
final class PosixNames {
    private PosixNames() {
    }

    private static final Map<Integer, String> ERRNO = new HashMap<>();

    static {
        // EOPNOTSUPP == ENOTSUP and EWOULDBLOCK == EAGAIN on Linux: the first name put wins
        putErrno(LinuxAbi.EPERM, "EPERM");
        putErrno(LinuxAbi.ENOENT, "ENOENT");
        putErrno(LinuxAbi.ESRCH, "ESRCH");
        putErrno(LinuxAbi.EINTR, "EINTR");
        putErrno(LinuxAbi.EIO, "EIO");
        putErrno(LinuxAbi.ENXIO, "ENXIO");
        putErrno(LinuxAbi.E2BIG, "E2BIG");
        putErrno(LinuxAbi.EBADF, "EBADF");
        putErrno(LinuxAbi.ECHILD, "ECHILD");
        putErrno(LinuxAbi.EAGAIN, "EAGAIN");
        putErrno(LinuxAbi.ENOMEM, "ENOMEM");
        putErrno(LinuxAbi.EACCES, "EACCES");
        putErrno(LinuxAbi.EFAULT, "EFAULT");
        putErrno(LinuxAbi.EBUSY, "EBUSY");
        putErrno(LinuxAbi.EEXIST, "EEXIST");
        putErrno(LinuxAbi.EXDEV, "EXDEV");
        putErrno(LinuxAbi.ENODEV, "ENODEV");
        putErrno(LinuxAbi.ENOTDIR, "ENOTDIR");
        putErrno(LinuxAbi.EISDIR, "EISDIR");
        putErrno(LinuxAbi.EINVAL, "EINVAL");
        putErrno(LinuxAbi.ENFILE, "ENFILE");
        putErrno(LinuxAbi.EMFILE, "EMFILE");
        putErrno(LinuxAbi.ENOTTY, "ENOTTY");
        putErrno(LinuxAbi.ETXTBSY, "ETXTBSY");
        putErrno(LinuxAbi.EFBIG, "EFBIG");
        putErrno(LinuxAbi.ENOSPC, "ENOSPC");
        putErrno(LinuxAbi.ESPIPE, "ESPIPE");
        putErrno(LinuxAbi.EROFS, "EROFS");
        putErrno(LinuxAbi.EMLINK, "EMLINK");
        putErrno(LinuxAbi.EPIPE, "EPIPE");
        putErrno(LinuxAbi.ERANGE, "ERANGE");
        putErrno(LinuxAbi.EDEADLK, "EDEADLK");
        putErrno(LinuxAbi.ENAMETOOLONG, "ENAMETOOLONG");
        putErrno(LinuxAbi.ENOLCK, "ENOLCK");
        putErrno(LinuxAbi.ENOSYS, "ENOSYS");
        putErrno(LinuxAbi.ELOOP, "ELOOP");
        putErrno(LinuxAbi.EOVERFLOW, "EOVERFLOW");
        putErrno(LinuxAbi.EOPNOTSUPP, "EOPNOTSUPP");
        putErrno(LinuxAbi.ETIMEDOUT, "ETIMEDOUT");
        putErrno(LinuxAbi.EDQUOT, "EDQUOT");
        putErrno(LinuxAbi.EHWPOISON, "EHWPOISON");
    }

    private static void putErrno(int value, String name) {
        ERRNO.putIfAbsent(value, name);
    }

    /** {@return the symbolic name of an errno value, or {@code errno N} for one not listed} */
    static String errno(int errno) {
        return ERRNO.getOrDefault(errno, "errno " + errno);
    }

    /** {@return {@code prot} as {@code READ|WRITE}, {@code NONE}, with unknown bits in hex} */
    static String prot(int prot) {
        if (prot == LinuxAbi.PROT_NONE) {
            return "NONE";
        }
        Flags b = new Flags(prot);
        b.take(LinuxAbi.PROT_READ, "READ");
        b.take(LinuxAbi.PROT_WRITE, "WRITE");
        b.take(LinuxAbi.PROT_EXEC, "EXEC");
        b.take(LinuxAbi.PROT_GROWSDOWN, "GROWSDOWN");
        b.take(LinuxAbi.PROT_GROWSUP, "GROWSUP");
        return b.text();
    }

    /** {@return mmap's {@code flags} as {@code SHARED|POPULATE|HUGE_2MB}, unknown bits in hex} */
    static String mapFlags(int flags) {
        Flags b = new Flags(flags);
        int type = flags & LinuxAbi.MAP_TYPE;
        if (type == LinuxAbi.MAP_SHARED_VALIDATE) {
            b.take(LinuxAbi.MAP_SHARED_VALIDATE, "SHARED_VALIDATE");
        } else {
            b.take(LinuxAbi.MAP_SHARED, "SHARED");
            b.take(LinuxAbi.MAP_PRIVATE, "PRIVATE");
        }
        b.take(LinuxAbi.MAP_FIXED, "FIXED");
        b.take(LinuxAbi.MAP_FIXED_NOREPLACE, "FIXED_NOREPLACE");
        b.take(LinuxAbi.MAP_ANONYMOUS, "ANONYMOUS");
        b.take(LinuxAbi.MAP_POPULATE, "POPULATE");
        b.take(LinuxAbi.MAP_NONBLOCK, "NONBLOCK");
        b.take(LinuxAbi.MAP_NORESERVE, "NORESERVE");
        b.take(LinuxAbi.MAP_LOCKED, "LOCKED");
        b.take(LinuxAbi.MAP_HUGETLB, "HUGETLB");
        b.take(LinuxAbi.MAP_SYNC, "SYNC");
        b.take(LinuxAbi.MAP_STACK, "STACK");
        b.take(LinuxAbi.MAP_GROWSDOWN, "GROWSDOWN");
        b.take(LinuxAbi.MAP_32BIT, "32BIT");
        int hugeBits = (flags >>> LinuxAbi.MAP_HUGE_SHIFT) & LinuxAbi.MAP_HUGE_MASK;
        if (hugeBits != 0) {
            b.take(hugeBits << LinuxAbi.MAP_HUGE_SHIFT, "HUGE_" + hugeSize(hugeBits));
        }
        return b.text();
    }

    private static String hugeSize(int log2) {
        return log2 >= 30 ? (1L << (log2 - 30)) + "GB" : log2 >= 20 ? (1L << (log2 - 20)) + "MB" : (1L << log2) + "B";
    }

    /** {@return msync's {@code flags} as {@code SYNC|INVALIDATE}} */
    static String syncFlags(int flags) {
        Flags b = new Flags(flags);
        b.take(LinuxAbi.MS_SYNC, "SYNC");
        b.take(LinuxAbi.MS_ASYNC, "ASYNC");
        b.take(LinuxAbi.MS_INVALIDATE, "INVALIDATE");
        return b.text();
    }

    /** {@return madvise's advice as {@code MADV_WILLNEED}} */
    static String advice(int advice) {
        return ADVICE.getOrDefault(advice, "MADV_" + advice);
    }

    private static final Map<Integer, String> ADVICE = Map.ofEntries(
            Map.entry(LinuxAbi.MADV_NORMAL, "MADV_NORMAL"), Map.entry(LinuxAbi.MADV_RANDOM, "MADV_RANDOM"),
            Map.entry(LinuxAbi.MADV_SEQUENTIAL, "MADV_SEQUENTIAL"), Map.entry(LinuxAbi.MADV_WILLNEED, "MADV_WILLNEED"),
            Map.entry(LinuxAbi.MADV_DONTNEED, "MADV_DONTNEED"), Map.entry(LinuxAbi.MADV_FREE, "MADV_FREE"),
            Map.entry(LinuxAbi.MADV_REMOVE, "MADV_REMOVE"), Map.entry(LinuxAbi.MADV_DONTFORK, "MADV_DONTFORK"),
            Map.entry(LinuxAbi.MADV_DOFORK, "MADV_DOFORK"), Map.entry(LinuxAbi.MADV_MERGEABLE, "MADV_MERGEABLE"),
            Map.entry(LinuxAbi.MADV_UNMERGEABLE, "MADV_UNMERGEABLE"), Map.entry(LinuxAbi.MADV_HUGEPAGE, "MADV_HUGEPAGE"),
            Map.entry(LinuxAbi.MADV_NOHUGEPAGE, "MADV_NOHUGEPAGE"), Map.entry(LinuxAbi.MADV_DONTDUMP, "MADV_DONTDUMP"),
            Map.entry(LinuxAbi.MADV_DODUMP, "MADV_DODUMP"), Map.entry(LinuxAbi.MADV_WIPEONFORK, "MADV_WIPEONFORK"),
            Map.entry(LinuxAbi.MADV_KEEPONFORK, "MADV_KEEPONFORK"), Map.entry(LinuxAbi.MADV_COLD, "MADV_COLD"),
            Map.entry(LinuxAbi.MADV_PAGEOUT, "MADV_PAGEOUT"), Map.entry(LinuxAbi.MADV_POPULATE_READ, "MADV_POPULATE_READ"),
            Map.entry(LinuxAbi.MADV_POPULATE_WRITE, "MADV_POPULATE_WRITE"), Map.entry(LinuxAbi.MADV_HWPOISON, "MADV_HWPOISON"));

    /** {@return mremap's flags as {@code MAYMOVE|FIXED}} */
    static String remapFlags(int flags) {
        Flags b = new Flags(flags);
        b.take(LinuxAbi.MREMAP_MAYMOVE, "MAYMOVE");
        b.take(LinuxAbi.MREMAP_FIXED, "FIXED");
        b.take(LinuxAbi.MREMAP_DONTUNMAP, "DONTUNMAP");
        return b.text();
    }

    /** {@return memfd_create's flags as {@code MFD_CLOEXEC|MFD_ALLOW_SEALING}} */
    static String memfdFlags(int flags) {
        Flags b = new Flags(flags);
        b.take(LinuxAbi.MFD_CLOEXEC, "MFD_CLOEXEC");
        b.take(LinuxAbi.MFD_ALLOW_SEALING, "MFD_ALLOW_SEALING");
        b.take(LinuxAbi.MFD_HUGETLB, "MFD_HUGETLB");
        return b.text();
    }

    /** {@return F_ADD_SEALS's seals as {@code F_SEAL_SHRINK|F_SEAL_GROW}} */
    static String seals(int seals) {
        Flags b = new Flags(seals);
        b.take(LinuxAbi.F_SEAL_SEAL, "F_SEAL_SEAL");
        b.take(LinuxAbi.F_SEAL_SHRINK, "F_SEAL_SHRINK");
        b.take(LinuxAbi.F_SEAL_GROW, "F_SEAL_GROW");
        b.take(LinuxAbi.F_SEAL_WRITE, "F_SEAL_WRITE");
        return b.text();
    }

    /** {@return open's {@code flags} as {@code O_RDWR|O_CREAT|O_CLOEXEC}} */
    static String openFlags(int flags) {
        Flags b = new Flags(flags);
        int mode = flags & LinuxAbi.O_ACCMODE;
        b.named(mode, mode == LinuxAbi.O_RDWR ? "O_RDWR" : mode == LinuxAbi.O_WRONLY ? "O_WRONLY" : "O_RDONLY");
        b.take(LinuxAbi.O_CREAT, "O_CREAT");
        b.take(LinuxAbi.O_EXCL, "O_EXCL");
        b.take(LinuxAbi.O_TRUNC, "O_TRUNC");
        b.take(LinuxAbi.O_APPEND, "O_APPEND");
        b.take(LinuxAbi.O_NONBLOCK, "O_NONBLOCK");
        b.take(LinuxAbi.O_NOFOLLOW, "O_NOFOLLOW");
        b.take(LinuxAbi.O_CLOEXEC, "O_CLOEXEC");
        return b.text();
    }
}

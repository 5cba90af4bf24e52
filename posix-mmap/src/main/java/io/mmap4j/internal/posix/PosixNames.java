package io.mmap4j.internal.posix;

import io.mmap4j.bindings.linux.Libc;
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
        putErrno(Libc.EPERM(), "EPERM");
        putErrno(Libc.ENOENT(), "ENOENT");
        putErrno(Libc.ESRCH(), "ESRCH");
        putErrno(Libc.EINTR(), "EINTR");
        putErrno(Libc.EIO(), "EIO");
        putErrno(Libc.ENXIO(), "ENXIO");
        putErrno(Libc.E2BIG(), "E2BIG");
        putErrno(Libc.EBADF(), "EBADF");
        putErrno(Libc.ECHILD(), "ECHILD");
        putErrno(Libc.EAGAIN(), "EAGAIN");
        putErrno(Libc.ENOMEM(), "ENOMEM");
        putErrno(Libc.EACCES(), "EACCES");
        putErrno(Libc.EFAULT(), "EFAULT");
        putErrno(Libc.EBUSY(), "EBUSY");
        putErrno(Libc.EEXIST(), "EEXIST");
        putErrno(Libc.EXDEV(), "EXDEV");
        putErrno(Libc.ENODEV(), "ENODEV");
        putErrno(Libc.ENOTDIR(), "ENOTDIR");
        putErrno(Libc.EISDIR(), "EISDIR");
        putErrno(Libc.EINVAL(), "EINVAL");
        putErrno(Libc.ENFILE(), "ENFILE");
        putErrno(Libc.EMFILE(), "EMFILE");
        putErrno(Libc.ENOTTY(), "ENOTTY");
        putErrno(Libc.ETXTBSY(), "ETXTBSY");
        putErrno(Libc.EFBIG(), "EFBIG");
        putErrno(Libc.ENOSPC(), "ENOSPC");
        putErrno(Libc.ESPIPE(), "ESPIPE");
        putErrno(Libc.EROFS(), "EROFS");
        putErrno(Libc.EMLINK(), "EMLINK");
        putErrno(Libc.EPIPE(), "EPIPE");
        putErrno(Libc.ERANGE(), "ERANGE");
        putErrno(Libc.EDEADLK(), "EDEADLK");
        putErrno(Libc.ENAMETOOLONG(), "ENAMETOOLONG");
        putErrno(Libc.ENOLCK(), "ENOLCK");
        putErrno(Libc.ENOSYS(), "ENOSYS");
        putErrno(Libc.ELOOP(), "ELOOP");
        putErrno(Libc.EOVERFLOW(), "EOVERFLOW");
        putErrno(Libc.EOPNOTSUPP(), "EOPNOTSUPP");
        putErrno(Libc.ETIMEDOUT(), "ETIMEDOUT");
        putErrno(Libc.EDQUOT(), "EDQUOT");
        putErrno(Libc.EHWPOISON(), "EHWPOISON");
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
        if (prot == Libc.PROT_NONE()) {
            return "NONE";
        }
        Flags b = new Flags(prot);
        b.take(Libc.PROT_READ(), "READ");
        b.take(Libc.PROT_WRITE(), "WRITE");
        b.take(Libc.PROT_EXEC(), "EXEC");
        b.take(Libc.PROT_GROWSDOWN(), "GROWSDOWN");
        b.take(Libc.PROT_GROWSUP(), "GROWSUP");
        return b.text();
    }

    /** {@return mmap's {@code flags} as {@code SHARED|POPULATE|HUGE_2MB}, unknown bits in hex} */
    static String mapFlags(int flags) {
        Flags b = new Flags(flags);
        int type = flags & Libc.MAP_TYPE();
        if (type == Libc.MAP_SHARED_VALIDATE()) {
            b.take(Libc.MAP_SHARED_VALIDATE(), "SHARED_VALIDATE");
        } else {
            b.take(Libc.MAP_SHARED(), "SHARED");
            b.take(Libc.MAP_PRIVATE(), "PRIVATE");
        }
        b.take(Libc.MAP_FIXED(), "FIXED");
        b.take(Libc.MAP_FIXED_NOREPLACE(), "FIXED_NOREPLACE");
        b.take(Libc.MAP_ANONYMOUS(), "ANONYMOUS");
        b.take(Libc.MAP_POPULATE(), "POPULATE");
        b.take(Libc.MAP_NONBLOCK(), "NONBLOCK");
        b.take(Libc.MAP_NORESERVE(), "NORESERVE");
        b.take(Libc.MAP_LOCKED(), "LOCKED");
        b.take(Libc.MAP_HUGETLB(), "HUGETLB");
        b.take(Libc.MAP_SYNC(), "SYNC");
        b.take(Libc.MAP_STACK(), "STACK");
        b.take(Libc.MAP_GROWSDOWN(), "GROWSDOWN");
        b.take(Libc.MAP_32BIT(), "32BIT");
        int hugeBits = (flags >>> Libc.MAP_HUGE_SHIFT()) & Libc.MAP_HUGE_MASK();
        if (hugeBits != 0) {
            b.take(hugeBits << Libc.MAP_HUGE_SHIFT(), "HUGE_" + hugeSize(hugeBits));
        }
        return b.text();
    }

    private static String hugeSize(int log2) {
        return log2 >= 30 ? (1L << (log2 - 30)) + "GB" : log2 >= 20 ? (1L << (log2 - 20)) + "MB" : (1L << log2) + "B";
    }

    /** {@return msync's {@code flags} as {@code SYNC|INVALIDATE}} */
    static String syncFlags(int flags) {
        Flags b = new Flags(flags);
        b.take(Libc.MS_SYNC(), "SYNC");
        b.take(Libc.MS_ASYNC(), "ASYNC");
        b.take(Libc.MS_INVALIDATE(), "INVALIDATE");
        return b.text();
    }

    /** {@return madvise's advice as {@code MADV_WILLNEED}} */
    static String advice(int advice) {
        return ADVICE.getOrDefault(advice, "MADV_" + advice);
    }

    private static final Map<Integer, String> ADVICE = Map.ofEntries(
            Map.entry(Libc.MADV_NORMAL(), "MADV_NORMAL"), Map.entry(Libc.MADV_RANDOM(), "MADV_RANDOM"),
            Map.entry(Libc.MADV_SEQUENTIAL(), "MADV_SEQUENTIAL"), Map.entry(Libc.MADV_WILLNEED(), "MADV_WILLNEED"),
            Map.entry(Libc.MADV_DONTNEED(), "MADV_DONTNEED"), Map.entry(Libc.MADV_FREE(), "MADV_FREE"),
            Map.entry(Libc.MADV_REMOVE(), "MADV_REMOVE"), Map.entry(Libc.MADV_DONTFORK(), "MADV_DONTFORK"),
            Map.entry(Libc.MADV_DOFORK(), "MADV_DOFORK"), Map.entry(Libc.MADV_MERGEABLE(), "MADV_MERGEABLE"),
            Map.entry(Libc.MADV_UNMERGEABLE(), "MADV_UNMERGEABLE"), Map.entry(Libc.MADV_HUGEPAGE(), "MADV_HUGEPAGE"),
            Map.entry(Libc.MADV_NOHUGEPAGE(), "MADV_NOHUGEPAGE"), Map.entry(Libc.MADV_DONTDUMP(), "MADV_DONTDUMP"),
            Map.entry(Libc.MADV_DODUMP(), "MADV_DODUMP"), Map.entry(Libc.MADV_WIPEONFORK(), "MADV_WIPEONFORK"),
            Map.entry(Libc.MADV_KEEPONFORK(), "MADV_KEEPONFORK"), Map.entry(Libc.MADV_COLD(), "MADV_COLD"),
            Map.entry(Libc.MADV_PAGEOUT(), "MADV_PAGEOUT"), Map.entry(Libc.MADV_POPULATE_READ(), "MADV_POPULATE_READ"),
            Map.entry(Libc.MADV_POPULATE_WRITE(), "MADV_POPULATE_WRITE"), Map.entry(Libc.MADV_HWPOISON(), "MADV_HWPOISON"));

    /** {@return mremap's flags as {@code MAYMOVE|FIXED}} */
    static String remapFlags(int flags) {
        Flags b = new Flags(flags);
        b.take(Libc.MREMAP_MAYMOVE(), "MAYMOVE");
        b.take(Libc.MREMAP_FIXED(), "FIXED");
        b.take(Libc.MREMAP_DONTUNMAP(), "DONTUNMAP");
        return b.text();
    }

    /** {@return memfd_create's flags as {@code MFD_CLOEXEC|MFD_ALLOW_SEALING}} */
    static String memfdFlags(int flags) {
        Flags b = new Flags(flags);
        b.take(Libc.MFD_CLOEXEC(), "MFD_CLOEXEC");
        b.take(Libc.MFD_ALLOW_SEALING(), "MFD_ALLOW_SEALING");
        b.take(Libc.MFD_HUGETLB(), "MFD_HUGETLB");
        return b.text();
    }

    /** {@return F_ADD_SEALS's seals as {@code F_SEAL_SHRINK|F_SEAL_GROW}} */
    static String seals(int seals) {
        Flags b = new Flags(seals);
        b.take(Libc.F_SEAL_SEAL(), "F_SEAL_SEAL");
        b.take(Libc.F_SEAL_SHRINK(), "F_SEAL_SHRINK");
        b.take(Libc.F_SEAL_GROW(), "F_SEAL_GROW");
        b.take(Libc.F_SEAL_WRITE(), "F_SEAL_WRITE");
        return b.text();
    }

    /** {@return open's {@code flags} as {@code O_RDWR|O_CREAT|O_CLOEXEC}} */
    static String openFlags(int flags) {
        Flags b = new Flags(flags);
        int mode = flags & Libc.O_ACCMODE();
        b.named(mode, mode == Libc.O_RDWR() ? "O_RDWR" : mode == Libc.O_WRONLY() ? "O_WRONLY" : "O_RDONLY");
        b.take(Libc.O_CREAT(), "O_CREAT");
        b.take(Libc.O_EXCL(), "O_EXCL");
        b.take(Libc.O_TRUNC(), "O_TRUNC");
        b.take(Libc.O_APPEND(), "O_APPEND");
        b.take(Libc.O_NONBLOCK(), "O_NONBLOCK");
        b.take(Libc.O_NOFOLLOW(), "O_NOFOLLOW");
        b.take(Libc.O_CLOEXEC(), "O_CLOEXEC");
        return b.text();
    }
}

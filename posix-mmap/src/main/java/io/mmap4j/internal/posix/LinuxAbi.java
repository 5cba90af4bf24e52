// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.internal.posix;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/**
 * This machine's Linux ABI as the POSIX backend uses it: the constants, struct layouts and C functions
 * of the generated bindings for its architecture, {@code io.mmap4j.bindings.linux.x86_64} or
 * {@code io.mmap4j.bindings.linux.aarch64}, read once, by name, into static finals.
 *
 * <p>The targets share every name and meaning but not every value: {@code O_DIRECTORY},
 * {@code O_NOFOLLOW}, {@code O_DIRECT}, {@code O_TMPFILE} and {@code struct stat} differ, and only
 * x86_64 has {@code MAP_32BIT}. Reading by name keeps one list for all of them; a name a target's
 * bindings lack fails this class's initialization, naming the package and the symbol, so the first
 * use of the backend on that target reports it. A new target needs only its generated package and a
 * line in {@link PosixBackendProvider#bindingsPackage}.
 */
final class LinuxAbi {
    private LinuxAbi() {
    }

    /** The generated package for this machine's {@code os.arch}. */
    static final String PACKAGE = PosixBackendProvider.bindingsPackage(System.getProperty("os.arch", ""));
    private static final Class<?> LIBC = bindingsClass("Libc");

    // open(2) flags
    static final int O_ACCMODE = constant("O_ACCMODE");
    static final int O_APPEND = constant("O_APPEND");
    static final int O_CLOEXEC = constant("O_CLOEXEC");
    static final int O_CREAT = constant("O_CREAT");
    static final int O_EXCL = constant("O_EXCL");
    static final int O_NOFOLLOW = constant("O_NOFOLLOW");
    static final int O_NONBLOCK = constant("O_NONBLOCK");
    static final int O_RDONLY = constant("O_RDONLY");
    static final int O_RDWR = constant("O_RDWR");
    static final int O_TRUNC = constant("O_TRUNC");
    static final int O_WRONLY = constant("O_WRONLY");

    // file types (struct stat's st_mode)
    static final int S_IFBLK = constant("S_IFBLK");
    static final int S_IFCHR = constant("S_IFCHR");
    static final int S_IFDIR = constant("S_IFDIR");
    static final int S_IFIFO = constant("S_IFIFO");
    static final int S_IFMT = constant("S_IFMT");
    static final int S_IFREG = constant("S_IFREG");
    static final int S_IFSOCK = constant("S_IFSOCK");

    // mmap(2) protection
    static final int PROT_EXEC = constant("PROT_EXEC");
    static final int PROT_GROWSDOWN = constant("PROT_GROWSDOWN");
    static final int PROT_GROWSUP = constant("PROT_GROWSUP");
    static final int PROT_NONE = constant("PROT_NONE");
    static final int PROT_READ = constant("PROT_READ");
    static final int PROT_WRITE = constant("PROT_WRITE");

    // mmap(2) flags
    static final int MAP_ANONYMOUS = constant("MAP_ANONYMOUS");
    static final int MAP_FIXED = constant("MAP_FIXED");
    static final int MAP_FIXED_NOREPLACE = constant("MAP_FIXED_NOREPLACE");
    static final int MAP_GROWSDOWN = constant("MAP_GROWSDOWN");
    static final int MAP_HUGETLB = constant("MAP_HUGETLB");
    static final int MAP_HUGE_MASK = constant("MAP_HUGE_MASK");
    static final int MAP_HUGE_SHIFT = constant("MAP_HUGE_SHIFT");
    static final int MAP_LOCKED = constant("MAP_LOCKED");
    static final int MAP_NONBLOCK = constant("MAP_NONBLOCK");
    static final int MAP_NORESERVE = constant("MAP_NORESERVE");
    static final int MAP_POPULATE = constant("MAP_POPULATE");
    static final int MAP_PRIVATE = constant("MAP_PRIVATE");
    static final int MAP_SHARED = constant("MAP_SHARED");
    static final int MAP_SHARED_VALIDATE = constant("MAP_SHARED_VALIDATE");
    static final int MAP_STACK = constant("MAP_STACK");
    static final int MAP_SYNC = constant("MAP_SYNC");
    static final int MAP_TYPE = constant("MAP_TYPE");
    /** 0 where the target has no {@code MAP_32BIT} (every one but x86_64). */
    static final int MAP_32BIT = optionalConstant("MAP_32BIT");
    static final MemorySegment MAP_FAILED = (MemorySegment) value("MAP_FAILED");

    // msync(2)
    static final int MS_ASYNC = constant("MS_ASYNC");
    static final int MS_INVALIDATE = constant("MS_INVALIDATE");
    static final int MS_SYNC = constant("MS_SYNC");

    // madvise(2)
    static final int MADV_COLD = constant("MADV_COLD");
    static final int MADV_DODUMP = constant("MADV_DODUMP");
    static final int MADV_DOFORK = constant("MADV_DOFORK");
    static final int MADV_DONTDUMP = constant("MADV_DONTDUMP");
    static final int MADV_DONTFORK = constant("MADV_DONTFORK");
    static final int MADV_DONTNEED = constant("MADV_DONTNEED");
    static final int MADV_FREE = constant("MADV_FREE");
    static final int MADV_HUGEPAGE = constant("MADV_HUGEPAGE");
    static final int MADV_HWPOISON = constant("MADV_HWPOISON");
    static final int MADV_KEEPONFORK = constant("MADV_KEEPONFORK");
    static final int MADV_MERGEABLE = constant("MADV_MERGEABLE");
    static final int MADV_NOHUGEPAGE = constant("MADV_NOHUGEPAGE");
    static final int MADV_NORMAL = constant("MADV_NORMAL");
    static final int MADV_PAGEOUT = constant("MADV_PAGEOUT");
    static final int MADV_POPULATE_READ = constant("MADV_POPULATE_READ");
    static final int MADV_POPULATE_WRITE = constant("MADV_POPULATE_WRITE");
    static final int MADV_RANDOM = constant("MADV_RANDOM");
    static final int MADV_REMOVE = constant("MADV_REMOVE");
    static final int MADV_SEQUENTIAL = constant("MADV_SEQUENTIAL");
    static final int MADV_UNMERGEABLE = constant("MADV_UNMERGEABLE");
    static final int MADV_WILLNEED = constant("MADV_WILLNEED");
    static final int MADV_WIPEONFORK = constant("MADV_WIPEONFORK");

    // mremap(2), mlock2(2), memfd_create(2)
    static final int MFD_ALLOW_SEALING = constant("MFD_ALLOW_SEALING");
    static final int MFD_CLOEXEC = constant("MFD_CLOEXEC");
    static final int MFD_HUGETLB = constant("MFD_HUGETLB");
    static final int MLOCK_ONFAULT = constant("MLOCK_ONFAULT");
    static final int MREMAP_DONTUNMAP = constant("MREMAP_DONTUNMAP");
    static final int MREMAP_FIXED = constant("MREMAP_FIXED");
    static final int MREMAP_MAYMOVE = constant("MREMAP_MAYMOVE");

    // fcntl(2) seals
    static final int F_ADD_SEALS = constant("F_ADD_SEALS");
    static final int F_GET_SEALS = constant("F_GET_SEALS");
    static final int F_SEAL_GROW = constant("F_SEAL_GROW");
    static final int F_SEAL_SEAL = constant("F_SEAL_SEAL");
    static final int F_SEAL_SHRINK = constant("F_SEAL_SHRINK");
    static final int F_SEAL_WRITE = constant("F_SEAL_WRITE");

    // posix_fadvise(2), sysconf(3), getrlimit(2)
    static final int POSIX_FADV_DONTNEED = constant("POSIX_FADV_DONTNEED");
    static final int POSIX_FADV_WILLNEED = constant("POSIX_FADV_WILLNEED");
    static final int RLIMIT_MEMLOCK = constant("RLIMIT_MEMLOCK");
    static final int _SC_PAGESIZE = constant("_SC_PAGESIZE");
    static final long RLIM_INFINITY = (long) value("RLIM_INFINITY");

    // errno values
    static final int E2BIG = constant("E2BIG");
    static final int EACCES = constant("EACCES");
    static final int EAGAIN = constant("EAGAIN");
    static final int EBADF = constant("EBADF");
    static final int EBUSY = constant("EBUSY");
    static final int ECHILD = constant("ECHILD");
    static final int EDEADLK = constant("EDEADLK");
    static final int EDQUOT = constant("EDQUOT");
    static final int EEXIST = constant("EEXIST");
    static final int EFAULT = constant("EFAULT");
    static final int EFBIG = constant("EFBIG");
    static final int EHWPOISON = constant("EHWPOISON");
    static final int EINTR = constant("EINTR");
    static final int EINVAL = constant("EINVAL");
    static final int EIO = constant("EIO");
    static final int EISDIR = constant("EISDIR");
    static final int ELOOP = constant("ELOOP");
    static final int EMFILE = constant("EMFILE");
    static final int EMLINK = constant("EMLINK");
    static final int ENAMETOOLONG = constant("ENAMETOOLONG");
    static final int ENFILE = constant("ENFILE");
    static final int ENODEV = constant("ENODEV");
    static final int ENOENT = constant("ENOENT");
    static final int ENOLCK = constant("ENOLCK");
    static final int ENOMEM = constant("ENOMEM");
    static final int ENOSPC = constant("ENOSPC");
    static final int ENOSYS = constant("ENOSYS");
    static final int ENOTDIR = constant("ENOTDIR");
    static final int ENOTTY = constant("ENOTTY");
    static final int ENXIO = constant("ENXIO");
    static final int EOPNOTSUPP = constant("EOPNOTSUPP");
    static final int EOVERFLOW = constant("EOVERFLOW");
    static final int EPERM = constant("EPERM");
    static final int EPIPE = constant("EPIPE");
    static final int ERANGE = constant("ERANGE");
    static final int EROFS = constant("EROFS");
    static final int ESPIPE = constant("ESPIPE");
    static final int ESRCH = constant("ESRCH");
    static final int ETIMEDOUT = constant("ETIMEDOUT");
    static final int ETXTBSY = constant("ETXTBSY");
    static final int EXDEV = constant("EXDEV");

    // struct stat: field types differ too (st_blksize is a long on x86_64, an int on aarch64)
    static final GroupLayout STAT = structLayout("stat");
    static final Field STAT_MODE = new Field(STAT, "st_mode");
    static final Field STAT_SIZE = new Field(STAT, "st_size");
    static final Field STAT_BLKSIZE = new Field(STAT, "st_blksize");

    // struct rlimit
    static final GroupLayout RLIMIT = structLayout("rlimit");
    static final Field RLIMIT_CUR = new Field(RLIMIT, "rlim_cur");

    /** A struct member: where it is and how wide, read as a {@code long}. */
    record Field(long offset, ValueLayout layout) {
        Field(GroupLayout struct, String name) {
            this(struct.byteOffset(groupElement(name)), (ValueLayout) struct.select(groupElement(name)));
        }

        /** {@return the member of the struct at the start of {@code struct}, widened to long} */
        long get(MemorySegment struct) {
            return switch (layout) {
                case ValueLayout.OfInt i -> struct.get(i, offset);
                case ValueLayout.OfLong l -> struct.get(l, offset);
                default -> throw new IllegalStateException("unexpected member layout " + layout);
            };
        }
    }

    /** {@return {@code function}'s address, from {@code Libc.function$address()}} */
    static MemorySegment address(String function) {
        return (MemorySegment) invoke(LIBC, function + "$address");
    }

    /** {@return {@code function}'s descriptor, from {@code Libc.function$descriptor()}} */
    static FunctionDescriptor descriptor(String function) {
        return (FunctionDescriptor) invoke(LIBC, function + "$descriptor");
    }

    /** {@return a variadic {@code function}'s address, from its invoker class {@code Libc.function}} */
    static MemorySegment variadicAddress(String function) {
        return (MemorySegment) invoke(bindingsClass("Libc$" + function), "address");
    }

    /** {@return a variadic {@code function}'s descriptor with {@code variadic} as its variadic arguments} */
    static FunctionDescriptor variadicDescriptor(String function, MemoryLayout... variadic) {
        Class<?> invokerClass = bindingsClass("Libc$" + function);
        try {
            Object invoker = invokerClass.getMethod("makeInvoker", MemoryLayout[].class).invoke(null, (Object) variadic);
            return (FunctionDescriptor) invokerClass.getMethod("descriptor").invoke(invoker);
        } catch (ReflectiveOperationException e) {
            throw missing(function + " (variadic)", e);
        }
    }

    private static int constant(String name) {
        return (int) value(name);
    }

    private static int optionalConstant(String name) {
        try {
            LIBC.getMethod(name);
        } catch (NoSuchMethodException e) {
            return 0;
        }
        return constant(name);
    }

    private static Object value(String name) {
        return invoke(LIBC, name);
    }

    private static GroupLayout structLayout(String struct) {
        return (GroupLayout) invoke(bindingsClass(struct), "layout");
    }

    private static Object invoke(Class<?> type, String method) {
        try {
            Method m = type.getMethod(method);
            return m.invoke(null);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(type.getName() + "." + method + "() failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw missing(type.getSimpleName() + "." + method + "()", e);
        }
    }

    private static Class<?> bindingsClass(String simpleName) {
        if (PACKAGE == null) {
            throw new IllegalStateException("no Linux bindings for os.arch " + System.getProperty("os.arch"));
        }
        try {
            return Class.forName(PACKAGE + "." + simpleName, true, LinuxAbi.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw missing(simpleName, e);
        }
    }

    private static IllegalStateException missing(String what, Exception cause) {
        return new IllegalStateException("the generated bindings " + PACKAGE + " have no " + what
                + " (regenerate native-bindings)", cause);
    }
}

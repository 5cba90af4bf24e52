// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.internal.posix;

import io.mmap4j.NativeCallException;
import io.mmap4j.internal.CallText;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static io.mmap4j.internal.CallText.hex;
import static io.mmap4j.internal.CallText.unexpected;

/**
 * The only class that touches the {@link Linker} for POSIX: errno-capturing downcall handles,
 * built once from the generated {@code foo$address()}/{@code foo$descriptor()} of this machine's
 * bindings ({@link LinuxAbi}), and the one helper, {@link #failure}, that turns a failed call into a
 * {@link NativeCallException}.
 *
 * <p>Every method here is one system call: it returns the result or throws, with the call's
 * arguments in the message. Hints are the caller's business ({@link PosixNativeMemory}).
 */
@SuppressWarnings("restricted") // downcall handles and strerror's C string: checked here, once
final class PosixCalls {
    private PosixCalls() {
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout STATE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    /** One capture buffer per thread, freed with the thread: no allocation per call. */
    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(STATE_LAYOUT));
    /** A path for {@code open}, NUL-terminated, one per thread: {@code PATH_MAX} bytes on Linux. */
    private static final int PATH_BYTES = 4096;
    private static final ThreadLocal<MemorySegment> PATH = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(PATH_BYTES));
    /** One {@code struct stat} per thread, for the same reason: {@code fstat} runs on every checked map. */
    private static final ThreadLocal<MemorySegment> STAT =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(LinuxAbi.STAT));

    // Each downcall handle sits in a holder class of its own, named as the constant it was, and is
    // linked on first use: linking spins classes (about 15 ms a handle on a loaded machine before the
    // JIT warms up), and a short-lived command such as ./mmap4j residency FILE makes only a few calls.

    // open(2) is variadic: the mode travels as the first variadic argument.
    private static final class OPEN {
        static final MethodHandle H = LINKER.downcallHandle(LinuxAbi.variadicAddress("open"),
            LinuxAbi.variadicDescriptor("open", JAVA_INT), Linker.Option.firstVariadicArg(2), CAPTURE_ERRNO);
    }
    private static final class CLOSE {
        static final MethodHandle H = capturing("close");
    }
    private static final class FSTAT {
        static final MethodHandle H = capturing("fstat");
    }
    private static final class FTRUNCATE {
        static final MethodHandle H = capturing("ftruncate");
    }
    private static final class FALLOCATE {
        static final MethodHandle H = capturing("fallocate");
    }
    private static final class FSYNC {
        static final MethodHandle H = capturing("fsync");
    }
    private static final class FDATASYNC {
        static final MethodHandle H = capturing("fdatasync");
    }
    private static final class MMAP {
        static final MethodHandle H = capturing("mmap");
    }
    private static final class MUNMAP {
        static final MethodHandle H = capturing("munmap");
    }
    private static final class MSYNC {
        static final MethodHandle H = capturing("msync");
    }
    private static final class SYSCONF {
        static final MethodHandle H = capturing("sysconf");
    }
    private static final class MPROTECT {
        static final MethodHandle H = capturing("mprotect");
    }
    private static final class MADVISE {
        static final MethodHandle H = capturing("madvise");
    }
    private static final class MLOCK {
        static final MethodHandle H = capturing("mlock");
    }
    private static final class MLOCK2 {
        static final MethodHandle H = capturing("mlock2");
    }
    private static final class MUNLOCK {
        static final MethodHandle H = capturing("munlock");
    }
    private static final class MINCORE {
        static final MethodHandle H = capturing("mincore");
    }
    // mremap(2) is variadic: the new address (MREMAP_FIXED) is the first variadic argument.
    private static final class MREMAP {
        static final MethodHandle H = LINKER.downcallHandle(LinuxAbi.variadicAddress("mremap"),
            LinuxAbi.variadicDescriptor("mremap", ADDRESS), Linker.Option.firstVariadicArg(4), CAPTURE_ERRNO);
    }
    // fcntl(2) is variadic: the int argument of F_ADD_SEALS is the first variadic argument.
    private static final class FCNTL {
        static final MethodHandle H = LINKER.downcallHandle(LinuxAbi.variadicAddress("fcntl"),
            LinuxAbi.variadicDescriptor("fcntl", JAVA_INT), Linker.Option.firstVariadicArg(2), CAPTURE_ERRNO);
    }
    private static final class MEMFD_CREATE {
        static final MethodHandle H = capturing("memfd_create");
    }
    private static final class SHM_OPEN {
        static final MethodHandle H = capturing("shm_open");
    }
    private static final class SHM_UNLINK {
        static final MethodHandle H = capturing("shm_unlink");
    }
    private static final class GETRLIMIT {
        static final MethodHandle H = capturing("getrlimit");
    }
    private static final class POSIX_FADVISE { // returns the error number instead of setting errno
        static final MethodHandle H = LINKER.downcallHandle(LinuxAbi.address("posix_fadvise"),
            LinuxAbi.descriptor("posix_fadvise"));
    }
    // syscall(2) is variadic: cachestat(2) (Linux 6.5) has no C library wrapper in the generated bindings.
    // Its number is 451 on x86_64 and aarch64 alike (both use the generic table for new calls).
    private static final class SYSCALL_CACHESTAT {
        static final MethodHandle H = LINKER.downcallHandle(
            LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT),
            Linker.Option.firstVariadicArg(1), CAPTURE_ERRNO);
    }
    private static final long SYS_CACHESTAT = 451;
    /** struct cachestat_range {u64 off, len} then struct cachestat {u64 five counts}, one per thread. */
    private static final ThreadLocal<MemorySegment> CACHESTAT =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(JAVA_LONG, 7));
    // strerror sets no errno worth reading; its string is static or thread-local in glibc.
    private static final class STRERROR {
        static final MethodHandle H = LINKER.downcallHandle(LinuxAbi.address("strerror"), LinuxAbi.descriptor("strerror"));
    }

    private static final long MAP_FAILED = LinuxAbi.MAP_FAILED.address();

    private static MethodHandle capturing(String function) {
        return LINKER.downcallHandle(LinuxAbi.address(function), LinuxAbi.descriptor(function), CAPTURE_ERRNO);
    }

    /** What {@code fstat} says about a file that mmap4j needs. */
    record FileStatus(int mode, long size, long blockSize) {
    }

    static int open(String path, int flags, int mode) throws NativeCallException {
        MemorySegment state = STATE.get();
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        int fd;
        try {
            if (bytes.length < PATH_BYTES) { // this thread's buffer: no arena a call (a tool opens thousands of files)
                MemorySegment buf = PATH.get();
                MemorySegment.copy(bytes, 0, buf, JAVA_BYTE, 0, bytes.length);
                buf.set(JAVA_BYTE, bytes.length, (byte) 0);
                fd = (int) OPEN.H.invokeExact(state, buf, flags, mode);
            } else { // longer than PATH_MAX: the kernel says ENAMETOOLONG, in the same words as ever
                try (Arena arena = Arena.ofConfined()) {
                    fd = (int) OPEN.H.invokeExact(state, arena.allocateFrom(path), flags, mode);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (fd < 0) {
            throw failure("open", errno(state), PosixNativeMemory.hint("open", errno(state)),
                    "path", path, "flags", PosixNames.openFlags(flags), "mode", "0" + Integer.toOctalString(mode));
        }
        return fd;
    }

    static void close(int fd) throws NativeCallException {
        MemorySegment state = STATE.get();
        int r;
        try {
            r = (int) CLOSE.H.invokeExact(state, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r != 0) {
            throw failure("close", errno(state), "", "fd", fd);
        }
    }

    static FileStatus fstat(int fd) throws NativeCallException {
        MemorySegment state = STATE.get();
        MemorySegment buf = STAT.get();
        try {
            int r = (int) FSTAT.H.invokeExact(state, fd, buf);
            if (r != 0) {
                throw failure("fstat", errno(state), "", "fd", fd);
            }
            return new FileStatus((int) LinuxAbi.STAT_MODE.get(buf), LinuxAbi.STAT_SIZE.get(buf),
                    LinuxAbi.STAT_BLKSIZE.get(buf));
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static void ftruncate(int fd, long size) throws NativeCallException {
        MemorySegment state = STATE.get();
        int r;
        try {
            r = (int) FTRUNCATE.H.invokeExact(state, fd, size);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r != 0) {
            throw failure("ftruncate", errno(state), PosixNativeMemory.hint("ftruncate", errno(state)),
                    "fd", fd, "length", size);
        }
    }

    static void fallocate(int fd, int mode, long offset, long length) throws NativeCallException {
        MemorySegment state = STATE.get();
        int r;
        try {
            r = (int) FALLOCATE.H.invokeExact(state, fd, mode, offset, length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r != 0) {
            throw failure("fallocate", errno(state), PosixNativeMemory.hint("fallocate", errno(state)),
                    "fd", fd, "mode", mode, "offset", offset, "len", length);
        }
    }

    static void fsync(int fd, boolean metadata) throws NativeCallException {
        MemorySegment state = STATE.get();
        int r;
        try {
            r = metadata ? (int) FSYNC.H.invokeExact(state, fd) : (int) FDATASYNC.H.invokeExact(state, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r != 0) {
            throw failure(metadata ? "fsync" : "fdatasync", errno(state), "", "fd", fd);
        }
    }

    static long mmap(long length, int prot, int flags, int fd, long offset) throws NativeCallException {
        MemorySegment state = STATE.get();
        MemorySegment r;
        try {
            r = (MemorySegment) MMAP.H.invokeExact(state, MemorySegment.NULL, length, prot, flags, fd, offset);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r.address() == MAP_FAILED) {
            int errno = errno(state);
            throw failure("mmap", errno, PosixNativeMemory.mmapHint(errno, length, prot, flags, offset),
                    "length", length, "prot", PosixNames.prot(prot), "flags", PosixNames.mapFlags(flags),
                    "fd", fd, "offset", offset);
        }
        return r.address();
    }

    static void munmap(long address, long length) throws NativeCallException {
        MemorySegment state = STATE.get();
        int r;
        try {
            r = (int) MUNMAP.H.invokeExact(state, MemorySegment.ofAddress(address), length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r != 0) {
            throw failure("munmap", errno(state), PosixNativeMemory.hint("munmap", errno(state)),
                    "addr", hex(address), "length", length);
        }
    }

    /** msync of {@code range}, which the call keeps alive (a closed arena throws IllegalStateException). */
    static void msync(MemorySegment range, int flags) throws NativeCallException {
        MemorySegment state = STATE.get();
        long address = range.address(), length = range.byteSize();
        int r;
        try {
            r = (int) MSYNC.H.invokeExact(state, range, length, flags);
        } catch (IllegalStateException | WrongThreadException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r != 0) {
            throw failure("msync", errno(state), PosixNativeMemory.hint("msync", errno(state)),
                    "addr", hex(address), "length", length, "flags", PosixNames.syncFlags(flags));
        }
    }

    static long sysconf(int name, String nameText) throws NativeCallException {
        MemorySegment state = STATE.get();
        long r;
        try {
            r = (long) SYSCONF.H.invokeExact(state, name);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r <= 0) {
            throw failure("sysconf", errno(state), "", "name", nameText);
        }
        return r;
    }

    static void mprotect(long address, long length, int prot) throws NativeCallException {
        MemorySegment state = STATE.get();
        int r;
        try {
            r = (int) MPROTECT.H.invokeExact(state, MemorySegment.ofAddress(address), length, prot);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r != 0) {
            throw failure("mprotect", errno(state), PosixNativeMemory.hint("mprotect", errno(state)),
                    "addr", hex(address), "length", length, "prot", PosixNames.prot(prot));
        }
    }

    /** madvise of {@code range}, which the call keeps alive. */
    static void madvise(MemorySegment range, int advice) throws NativeCallException {
        MemorySegment state = STATE.get();
        long address = range.address(), length = range.byteSize();
        int r;
        try {
            r = (int) MADVISE.H.invokeExact(state, range, length, advice);
        } catch (IllegalStateException | WrongThreadException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r != 0) {
            throw failure("madvise", errno(state), PosixNativeMemory.hint("madvise", errno(state)),
                    "addr", hex(address), "length", length, "advice", PosixNames.advice(advice));
        }
    }

    /** mlock of {@code range} when {@code flags} is 0, else mlock2 (Linux 4.4+); the call keeps it alive. */
    static void mlock(MemorySegment range, int flags) throws NativeCallException {
        MemorySegment state = STATE.get();
        long address = range.address(), length = range.byteSize();
        int r;
        try {
            r = flags == 0
                    ? (int) MLOCK.H.invokeExact(state, range, length)
                    : (int) MLOCK2.H.invokeExact(state, range, length, flags);
        } catch (IllegalStateException | WrongThreadException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r != 0) {
            int errno = errno(state);
            throw flags == 0
                    ? failure("mlock", errno, PosixNativeMemory.hint("mlock", errno), "addr", hex(address), "length", length)
                    : failure("mlock2", errno, PosixNativeMemory.hint("mlock", errno), "addr", hex(address),
                    "length", length, "flags", flags == LinuxAbi.MLOCK_ONFAULT ? "MLOCK_ONFAULT" : "0x" + Integer.toHexString(flags));
        }
    }

    /** munlock of {@code range}, which the call keeps alive. */
    static void munlock(MemorySegment range) throws NativeCallException {
        MemorySegment state = STATE.get();
        long address = range.address(), length = range.byteSize();
        int r;
        try {
            r = (int) MUNLOCK.H.invokeExact(state, range, length);
        } catch (IllegalStateException | WrongThreadException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r != 0) {
            throw failure("munlock", errno(state), "", "addr", hex(address), "length", length);
        }
    }

    /** mincore of {@code range} into {@code vector}, one byte per page; the call keeps both alive. */
    static void mincore(MemorySegment range, MemorySegment vector) throws NativeCallException {
        MemorySegment state = STATE.get();
        long address = range.address(), length = range.byteSize();
        int r;
        try {
            r = (int) MINCORE.H.invokeExact(state, range, length, vector);
        } catch (IllegalStateException | WrongThreadException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r != 0) {
            throw failure("mincore", errno(state), PosixNativeMemory.hint("mincore", errno(state)),
                    "addr", hex(address), "length", length);
        }
    }

    static long mremap(long address, long oldLength, long newLength, int flags) throws NativeCallException {
        MemorySegment state = STATE.get();
        MemorySegment r;
        try {
            r = (MemorySegment) MREMAP.H.invokeExact(state, MemorySegment.ofAddress(address), oldLength, newLength, flags,
                    MemorySegment.NULL);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r.address() == MAP_FAILED) {
            throw failure("mremap", errno(state), PosixNativeMemory.hint("mremap", errno(state)), "old_address",
                    hex(address), "old_size", oldLength, "new_size", newLength, "flags", PosixNames.remapFlags(flags));
        }
        return r.address();
    }

    /** mmap at a fixed address (MAP_FIXED or MAP_FIXED_NOREPLACE in {@code flags}). */
    static long mmapAt(long address, long length, int prot, int flags, int fd, long offset) throws NativeCallException {
        MemorySegment state = STATE.get();
        MemorySegment r;
        try {
            r = (MemorySegment) MMAP.H.invokeExact(state, MemorySegment.ofAddress(address), length, prot, flags, fd, offset);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r.address() == MAP_FAILED) {
            int errno = errno(state);
            throw failure("mmap", errno, PosixNativeMemory.mmapHint(errno, length, prot, flags, offset),
                    "addr", hex(address), "length", length, "prot", PosixNames.prot(prot),
                    "flags", PosixNames.mapFlags(flags), "fd", fd, "offset", offset);
        }
        return r.address();
    }

    static int fcntl(int fd, int command, int argument, String commandName, String argumentText)
            throws NativeCallException {
        MemorySegment state = STATE.get();
        int r;
        try {
            r = (int) FCNTL.H.invokeExact(state, fd, command, argument);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r == -1) {
            throw failure("fcntl", errno(state), PosixNativeMemory.hint("fcntl", errno(state)), "fd", fd,
                    "cmd", commandName, "arg", argumentText);
        }
        return r;
    }

    static int memfdCreate(String name, int flags) throws NativeCallException {
        MemorySegment state = STATE.get();
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = (int) MEMFD_CREATE.H.invokeExact(state, arena.allocateFrom(name), flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (fd < 0) {
            throw failure("memfd_create", errno(state), PosixNativeMemory.hint("memfd_create", errno(state)),
                    "name", name, "flags", PosixNames.memfdFlags(flags));
        }
        return fd;
    }

    static int shmOpen(String name, int flags, int mode) throws NativeCallException {
        MemorySegment state = STATE.get();
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = (int) SHM_OPEN.H.invokeExact(state, arena.allocateFrom(name), flags, mode);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (fd < 0) {
            throw failure("shm_open", errno(state), PosixNativeMemory.hint("shm_open", errno(state)),
                    "name", name, "oflag", PosixNames.openFlags(flags), "mode", "0" + Integer.toOctalString(mode));
        }
        return fd;
    }

    static void shmUnlink(String name) throws NativeCallException {
        MemorySegment state = STATE.get();
        int r;
        try (Arena arena = Arena.ofConfined()) {
            r = (int) SHM_UNLINK.H.invokeExact(state, arena.allocateFrom(name));
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r != 0) {
            throw failure("shm_unlink", errno(state), "", "name", name);
        }
    }

    /** {@return the soft RLIMIT_MEMLOCK in bytes, or -1 for unlimited} */
    static long memlockLimit() throws NativeCallException {
        MemorySegment state = STATE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment limit = arena.allocate(LinuxAbi.RLIMIT);
            int r = (int) GETRLIMIT.H.invokeExact(state, LinuxAbi.RLIMIT_MEMLOCK, limit);
            if (r != 0) {
                throw failure("getrlimit", errno(state), "", "resource", "RLIMIT_MEMLOCK");
            }
            long soft = LinuxAbi.RLIMIT_CUR.get(limit);
            return soft == LinuxAbi.RLIM_INFINITY ? -1 : soft;
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static void posixFadvise(int fd, long offset, long length, int advice, String adviceName) throws NativeCallException {
        int r;
        try {
            r = (int) POSIX_FADVISE.H.invokeExact(fd, offset, length, advice);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r != 0) {
            throw failure("posix_fadvise", r, "", "fd", fd, "offset", offset, "len", length, "advice", adviceName);
        }
    }

    /** cachestat(fd, {offset, length}, out, 0): {cached, dirty, writeback, evicted, recently evicted}. */
    static long[] cachestat(int fd, long offset, long length) throws NativeCallException {
        MemorySegment state = STATE.get();
        MemorySegment buf = CACHESTAT.get();
        buf.set(JAVA_LONG, 0, offset);
        buf.set(JAVA_LONG, 8, length);
        long r;
        try {
            r = (long) SYSCALL_CACHESTAT.H.invokeExact(state, SYS_CACHESTAT, fd, buf, buf.asSlice(16), 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r != 0) {
            int errno = errno(state);
            throw failure("cachestat", errno, PosixNativeMemory.hint("cachestat", errno), "fd", fd,
                    "off", offset, "len", length, "flags", 0);
        }
        long[] counts = new long[5];
        for (int i = 0; i < 5; i++) {
            counts[i] = buf.get(JAVA_LONG, 16 + 8L * i);
        }
        return counts;
    }

    /** {@return the C library's text for an errno value} */
    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.H.invokeExact(errno);
            return text.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /**
     * The one place a failed call becomes an exception.
     *
     * @param call          the function's name
     * @param errno         the captured errno
     * @param hint          what to do, or ""
     * @param namesAndValues the arguments, name then value
     */
    static NativeCallException failure(String call, int errno, String hint, Object... namesAndValues) {
        return new NativeCallException(call, CallText.arguments(namesAndValues), errno, PosixNames.errno(errno),
                strerror(errno), hint);
    }
}

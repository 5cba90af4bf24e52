package io.mmap4j.internal.posix;

import io.mmap4j.MapFlag;
import io.mmap4j.MapOptions;
import io.mmap4j.NativeCallException;
import io.mmap4j.SyncMode;
import io.mmap4j.bindings.linux.Libc;
import io.mmap4j.internal.NativeMemory;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** The POSIX (Linux) backend. Stateless apart from the page size, read once. */
public final class PosixNativeMemory implements NativeMemory {
    private final long pageSize;

    /** Reads the page size; fails if the C library cannot be called. */
    public PosixNativeMemory() {
        try {
            pageSize = PosixCalls.sysconf(Libc._SC_PAGESIZE(), "_SC_PAGESIZE");
        } catch (NativeCallException e) {
            throw new IllegalStateException("cannot read the page size", e);
        }
    }

    @Override
    public long pageSize() {
        return pageSize;
    }

    @Override
    public long granularity() {
        return pageSize;
    }

    @Override
    public long open(Path path, OpenRequest request, int permissions) throws IOException {
        int flags = (request.write() ? Libc.O_RDWR() : Libc.O_RDONLY()) | Libc.O_CLOEXEC()
                // a FIFO would block open() until a writer came; mmap4j refuses FIFOs anyway
                | Libc.O_NONBLOCK();
        if (request.createNew()) {
            flags |= Libc.O_CREAT() | Libc.O_EXCL();
        } else if (request.create()) {
            flags |= Libc.O_CREAT();
        }
        if (request.truncate()) {
            flags |= Libc.O_TRUNC();
        }
        if (request.noFollow()) {
            flags |= Libc.O_NOFOLLOW();
        }
        int fd = PosixCalls.open(path.toString(), flags, permissions);
        try {
            int type = PosixCalls.fstat(fd).mode() & Libc.S_IFMT();
            if (type != Libc.S_IFREG()) {
                throw new FileSystemException(path.toString(), null, "not a regular file but a " + typeName(type)
                        + "; mmap4j maps regular files");
            }
            return fd;
        } catch (IOException | RuntimeException e) {
            try {
                PosixCalls.close(fd);
            } catch (NativeCallException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static String typeName(int type) {
        if (type == Libc.S_IFDIR()) {
            return "directory";
        } else if (type == Libc.S_IFIFO()) {
            return "FIFO";
        } else if (type == Libc.S_IFCHR()) {
            return "character device";
        } else if (type == Libc.S_IFBLK()) {
            return "block device";
        } else if (type == Libc.S_IFSOCK()) {
            return "socket";
        }
        return "file of type 0" + Integer.toOctalString(type);
    }

    @Override
    public void close(long handle) throws NativeCallException {
        PosixCalls.close(fd(handle));
    }

    @Override
    public long size(long handle) throws NativeCallException {
        return PosixCalls.fstat(fd(handle)).size();
    }

    @Override
    public void allocate(long handle, long offset, long length) throws NativeCallException {
        // fallocate(2) with mode 0 is posix_fallocate without glibc's silent emulation, which would
        // write a zero into every block on a file system that cannot reserve space.
        PosixCalls.fallocate(fd(handle), 0, offset, length);
    }

    @Override
    public void truncate(long handle, long size) throws NativeCallException {
        PosixCalls.ftruncate(fd(handle), size);
    }

    @Override
    public void force(long handle, boolean metadata) throws NativeCallException {
        PosixCalls.fsync(fd(handle), metadata);
    }

    @Override
    public int prot(MapOptions options) {
        if (options.isRaw()) {
            return options.rawProt();
        }
        var p = options.protection();
        return (p.canRead() ? Libc.PROT_READ() : 0) | (p.canWrite() ? Libc.PROT_WRITE() : 0)
                | (p.canExecute() ? Libc.PROT_EXEC() : 0);
    }

    @Override
    public int flags(MapOptions options) {
        if (options.isRaw()) {
            int flags = options.rawFlags();
            if ((flags & (Libc.MAP_FIXED() | Libc.MAP_FIXED_NOREPLACE())) != 0) {
                throw new IllegalArgumentException("flags: " + PosixNames.mapFlags(flags)
                        + " places a mapping at a chosen address, which this call does not take");
            }
            return flags;
        }
        int flags = switch (options.sharing()) {
            case SHARED -> Libc.MAP_SHARED();
            case SHARED_VALIDATE -> Libc.MAP_SHARED_VALIDATE();
            case PRIVATE -> Libc.MAP_PRIVATE();
        };
        for (MapFlag f : options.flags()) {
            flags |= switch (f) {
                case POPULATE -> Libc.MAP_POPULATE();
                case NORESERVE -> Libc.MAP_NORESERVE();
                case LOCKED -> Libc.MAP_LOCKED();
                case HUGETLB -> Libc.MAP_HUGETLB();
                case HUGE_2MB -> Libc.MAP_HUGETLB() | (21 << Libc.MAP_HUGE_SHIFT());
                case HUGE_1GB -> Libc.MAP_HUGETLB() | (30 << Libc.MAP_HUGE_SHIFT());
                case SYNC -> Libc.MAP_SYNC();
            };
        }
        return flags;
    }

    @Override
    public boolean canRead(int prot) {
        return (prot & Libc.PROT_READ()) != 0;
    }

    @Override
    public boolean canWrite(int prot) {
        // a segment is never write-only: writing needs reading too
        return (prot & Libc.PROT_WRITE()) != 0 && canRead(prot);
    }

    @Override
    public boolean isShared(int flags) {
        int type = flags & Libc.MAP_TYPE();
        return type == Libc.MAP_SHARED() || type == Libc.MAP_SHARED_VALIDATE();
    }

    @Override
    public long map(long handle, long length, int prot, int flags, long offset) throws NativeCallException {
        return PosixCalls.mmap(length, prot, flags, fd(handle), offset);
    }

    @Override
    public void sync(long address, long length, SyncMode mode) throws NativeCallException {
        int flags = switch (mode) {
            case SYNC -> Libc.MS_SYNC();
            case ASYNC -> Libc.MS_ASYNC();
            case INVALIDATE -> Libc.MS_INVALIDATE();
            case SYNC_INVALIDATE -> Libc.MS_SYNC() | Libc.MS_INVALIDATE();
            case ASYNC_INVALIDATE -> Libc.MS_ASYNC() | Libc.MS_INVALIDATE();
        };
        PosixCalls.msync(address, length, flags);
    }

    @Override
    public void unmap(long address, long length) throws NativeCallException {
        PosixCalls.munmap(address, length);
    }

    private static int fd(long handle) {
        return Math.toIntExact(handle);
    }

    /** {@return a hint for a failed call, or ""} */
    static String hint(String call, int errno) {
        if (errno == Libc.EOPNOTSUPP() && call.equals("fallocate")) {
            return "this file system cannot reserve space; mmap4j does not fall back to writing zeros";
        }
        if (errno == Libc.ENOSPC() && call.equals("fallocate")) {
            return "the file system has no room for the requested range";
        }
        if (errno == Libc.EMFILE() || errno == Libc.ENFILE()) {
            return "too many open files; close some or raise the limit (ulimit -n)";
        }
        if (errno == Libc.ENOMEM() && call.equals("munmap")) {
            return "unmapping part of a mapping would exceed the mapping count limit (sysctl vm.max_map_count)";
        }
        if (errno == Libc.EINVAL() && call.equals("msync")) {
            return "the address must be page-aligned and the flags must not combine SYNC with ASYNC";
        }
        return "";
    }

    /** {@return a hint for a failed mmap, or ""} */
    static String mmapHint(int errno, long length, int prot, int flags, long offset) {
        long page = NativeMemory.get().pageSize();
        if (errno == Libc.EINVAL() && offset % page != 0) {
            return "offset must be a multiple of the page size " + page;
        }
        if (errno == Libc.EACCES()) {
            return (flags & Libc.MAP_TYPE()) != Libc.MAP_PRIVATE() && (prot & Libc.PROT_WRITE()) != 0
                    ? "a shared writable mapping needs the file open for reading and writing"
                    : "the file is not open for reading, or its file system forbids mapping (noexec?)";
        }
        if (errno == Libc.ENODEV()) {
            return "this file system does not support memory mapping";
        }
        if ((flags & Libc.MAP_HUGETLB()) != 0 && (errno == Libc.ENOMEM() || errno == Libc.EINVAL())) {
            return "no huge pages of that size are available (see /proc/sys/vm/nr_hugepages; file mappings need hugetlbfs)";
        }
        if (errno == Libc.EOPNOTSUPP() && (flags & Libc.MAP_SYNC()) != 0) {
            return "MAP_SYNC needs a file on a DAX-capable file system (persistent memory)";
        }
        if (errno == Libc.EAGAIN() && (flags & Libc.MAP_LOCKED()) != 0) {
            return "locking the pages exceeds RLIMIT_MEMLOCK (ulimit -l)";
        }
        if (errno == Libc.ENOMEM()) {
            return "out of address space or mappings: check ulimit -v and sysctl vm.max_map_count (length " + length + ")";
        }
        return "";
    }
}

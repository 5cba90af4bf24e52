package io.mmap4j;

import io.mmap4j.internal.NativeMemory;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An open regular file that can be sized and mapped: the file descriptor behind {@code open},
 * {@code fallocate}, {@code ftruncate} and {@code mmap}.
 *
 * <p>Opening takes the usual {@link StandardOpenOption}s: {@code READ} (the default),
 * {@code WRITE} (opens read-write, since mapping needs read access), {@code CREATE},
 * {@code CREATE_NEW} and {@code TRUNCATE_EXISTING}, plus {@link LinkOption#NOFOLLOW_LINKS}. The
 * descriptor is always close-on-exec. A file this call creates gets mode {@code 0600} unless other
 * permissions are given. Anything but a regular file (a directory, a FIFO, a device) is refused.
 *
 * <p>The seed workflow: reserve whole pages, write through a mapping, then shrink the file to the
 * bytes really written.
 * {@snippet :
 * try (MappedFile file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
 *                                        StandardOpenOption.CREATE)) {
 *     file.allocate(0, PageSize.get());                       // posix_fallocate one page
 *     try (Mapping m = file.map(0, PageSize.get(), MapOptions.readWrite())) {
 *         m.segment().setString(0, "hello");                  // MAP_SHARED: the file sees it
 *         m.sync(SyncMode.SYNC);                               // msync(MS_SYNC)
 *     }                                                        // munmap
 *     file.truncate(6);                                        // ftruncate to the bytes written
 * }
 * }
 *
 * <p>Closing the file does not unmap its mappings: as with POSIX, a mapping keeps the file open
 * until it is unmapped. All methods are thread-safe; after {@link #close()} they throw
 * {@link IllegalStateException}.
 */
public final class MappedFile implements AutoCloseable {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final NativeMemory os;
    private final Path path;
    private final boolean writable;
    private long handle; // guarded by this; -1 once closed

    private MappedFile(NativeMemory os, Path path, boolean writable, long handle) {
        this.os = os;
        this.path = path;
        this.writable = writable;
        this.handle = handle;
    }

    /**
     * Opens a file with mode {@code 0600} for a file this call creates.
     *
     * @param path    the file
     * @param options {@code READ}, {@code WRITE}, {@code CREATE}, {@code CREATE_NEW},
     *                {@code TRUNCATE_EXISTING}, {@code NOFOLLOW_LINKS}; none means {@code READ}
     * @return the open file
     * @throws IllegalArgumentException if an option is not one of those
     * @throws NativeCallException      if {@code open} fails: {@code ENOENT} for a missing file,
     *                                  {@code EEXIST} with {@code CREATE_NEW}, {@code EACCES}, ...
     * @throws java.nio.file.FileSystemException if the path is not a regular file
     * @throws IOException              if {@code fstat} fails
     */
    public static MappedFile open(Path path, OpenOption... options) throws IOException {
        return open(path, Set.of(options), OWNER_READ_WRITE);
    }

    /**
     * Opens a file, giving the permissions of a file this call creates.
     *
     * @param path        the file
     * @param options     as for {@link #open(Path, OpenOption...)}
     * @param permissions the permissions of a new file (the process's umask still applies)
     * @return the open file
     * @throws IllegalArgumentException if an option is not supported
     * @throws NativeCallException      if {@code open} fails
     * @throws java.nio.file.FileSystemException if the path is not a regular file
     * @throws IOException              if {@code fstat} fails
     */
    public static MappedFile open(Path path, Set<? extends OpenOption> options, Set<PosixFilePermission> permissions)
            throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(permissions, "permissions");
        boolean write = false, create = false, createNew = false, truncate = false, noFollow = false;
        for (OpenOption o : options) {
            if (o == StandardOpenOption.READ) {
                continue;
            } else if (o == StandardOpenOption.WRITE) {
                write = true;
            } else if (o == StandardOpenOption.CREATE) {
                create = true;
            } else if (o == StandardOpenOption.CREATE_NEW) {
                createNew = true;
            } else if (o == StandardOpenOption.TRUNCATE_EXISTING) {
                truncate = true;
            } else if (o == LinkOption.NOFOLLOW_LINKS) {
                noFollow = true;
            } else {
                throw new IllegalArgumentException("options: " + o + " is not supported (READ, WRITE, CREATE, "
                        + "CREATE_NEW, TRUNCATE_EXISTING, NOFOLLOW_LINKS are)");
            }
        }
        if ((create || createNew || truncate) && !write) {
            throw new IllegalArgumentException("options: " + options + " create or truncate, which needs WRITE");
        }
        NativeMemory os = NativeMemory.get();
        var request = new NativeMemory.OpenRequest(write, create, createNew, truncate, noFollow);
        long handle = os.open(path, request, mode(permissions));
        return new MappedFile(os, path, write, handle);
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal()); // OWNER_READ is ordinal 0 and bit 0400
        }
        return mode;
    }

    /** {@return the path this file was opened with} */
    public Path path() {
        return path;
    }

    /** {@return whether the file is open for writing} */
    public boolean isWritable() {
        return writable;
    }

    /**
     * {@return the native handle: the file descriptor on POSIX}
     *
     * @throws IllegalStateException if the file is closed
     */
    public synchronized long nativeHandle() {
        return open();
    }

    /**
     * {@return the file's size in bytes ({@code fstat})}
     *
     * @throws IllegalStateException if the file is closed
     * @throws NativeCallException   if {@code fstat} fails
     */
    public synchronized long size() throws NativeCallException {
        return os.size(open());
    }

    /**
     * Reserves disk blocks for a byte range, growing the file if the range ends past its end, so
     * that writes through a mapping cannot fail for lack of space. Uses Linux {@code fallocate}
     * with mode 0 (the {@code posix_fallocate} semantics) and never emulates it: on a file system
     * that cannot reserve space this throws instead of writing zeros.
     *
     * {@snippet :
     * file.allocate(0, PageSize.alignUp(bytesToWrite));
     * }
     *
     * @param offset where the range starts, not negative
     * @param length how many bytes, positive
     * @throws IllegalArgumentException if {@code offset} or {@code length} is out of range
     * @throws IllegalStateException    if the file is closed
     * @throws NativeCallException      if {@code fallocate} fails: {@code EOPNOTSUPP} on a file system
     *                                  without it, {@code ENOSPC}, {@code EBADF} for a read-only file
     */
    public synchronized void allocate(long offset, long length) throws NativeCallException {
        requireRange(offset, length);
        os.allocate(open(), offset, length);
    }

    /**
     * Sets the file's size ({@code ftruncate}): shrinking drops the bytes past {@code size},
     * growing adds a hole that reads as zeros. Shrinking under a live mapping makes its pages
     * past the new end fault: an access there throws {@link InternalError}.
     *
     * @param size the new size, not negative
     * @throws IllegalArgumentException if {@code size} is negative
     * @throws IllegalStateException    if the file is closed
     * @throws NativeCallException      if {@code ftruncate} fails ({@code EINVAL} for a read-only file)
     */
    public synchronized void truncate(long size) throws NativeCallException {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        os.truncate(open(), size);
    }

    /**
     * Flushes the file's data, and its metadata if asked, to the device ({@code fsync} or
     * {@code fdatasync}). Use {@link Mapping#sync} for data written through a mapping.
     *
     * @param metadata also flush metadata such as the size and times
     * @throws IllegalStateException if the file is closed
     * @throws NativeCallException   if the call fails
     */
    public synchronized void force(boolean metadata) throws NativeCallException {
        os.force(open(), metadata);
    }

    /**
     * Maps the whole file.
     *
     * @param options how to map
     * @return the mapping
     * @throws IllegalArgumentException if the file is empty
     * @throws IllegalStateException    if the file is closed
     * @throws NativeCallException      if {@code fstat} or {@code mmap} fails
     * @see #map(long, long, MapOptions)
     */
    public Mapping map(MapOptions options) throws NativeCallException {
        long size = size();
        if (size == 0) {
            throw new IllegalArgumentException("cannot map the whole of " + path + ": the file is empty; "
                    + "allocate or truncate it first");
        }
        return map(0, size, options);
    }

    /**
     * Maps {@code length} bytes of the file starting at {@code offset}.
     *
     * <p>Unless the options are strict or raw, {@code offset} may be anything: the mapping starts at
     * the page boundary below it and its segment starts at {@code offset}. Unless the options allow
     * it, the range must lie within the file. Lengths beyond 2 GiB are fine.
     *
     * {@snippet :
     * try (Mapping m = file.map(0, file.size(), MapOptions.readOnly())) {
     *     long first = m.segment().get(ValueLayout.JAVA_LONG, 0);
     * }
     * }
     *
     * @param offset  the file offset of the mapping's first byte, not negative
     * @param length  the number of bytes, positive
     * @param options how to map
     * @return the mapping
     * @throws IllegalArgumentException if {@code offset} or {@code length} is out of range, if the
     *                                  range reaches past the end of the file (and the options do
     *                                  not allow it), or if raw flags ask for a fixed address
     * @throws IllegalStateException    if the file is closed
     * @throws NativeCallException      if {@code mmap} fails: {@code EACCES} for a shared writable
     *                                  mapping of a read-only file, {@code EINVAL} for an unaligned
     *                                  strict offset, {@code ENOMEM}, ...
     */
    public synchronized Mapping map(long offset, long length, MapOptions options) throws NativeCallException {
        Objects.requireNonNull(options, "options");
        requireRange(offset, length);
        long handle = open();
        int prot = os.prot(options);
        int flags = os.flags(options);
        if (!options.isBeyondEndOfFileAllowed()) {
            long size = os.size(handle);
            if (offset + length > size) {
                throw new IllegalArgumentException("offset " + offset + " + length " + length + " = "
                        + (offset + length) + " reaches past the end of " + path + " (size " + size
                        + "); allocate or truncate the file first, or use MapOptions.allowBeyondEndOfFile()");
            }
        }
        long slack = options.isStrictOffset() ? 0 : offset % os.granularity();
        long address = os.map(handle, length + slack, prot, flags, offset - slack);
        return Mapping.of(os, path.toString(), address, slack, length, offset, prot, flags);
    }

    /**
     * Closes the file descriptor. Its mappings stay valid. Closing twice does nothing.
     *
     * @throws NativeCallException if {@code close} fails
     */
    @Override
    public synchronized void close() throws NativeCallException {
        if (handle != -1) {
            long h = handle;
            handle = -1;
            os.close(h);
        }
    }

    private long open() {
        if (handle == -1) {
            throw new IllegalStateException("file " + path + " is closed");
        }
        return handle;
    }

    private static void requireRange(long offset, long length) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive: " + length);
        }
        if (offset + length < 0) {
            throw new IllegalArgumentException("offset " + offset + " + length " + length + " overflows");
        }
    }

    @Override
    public String toString() {
        return "MappedFile[" + path + (writable ? ", read-write" : ", read-only") + "]";
    }
}

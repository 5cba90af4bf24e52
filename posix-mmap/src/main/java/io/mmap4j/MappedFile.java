// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import io.mmap4j.spi.Backend;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

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

    private final Backend os;
    private final Path path;
    private final String name; // for messages: the path, or what the file is
    private final boolean writable;
    private final boolean owned; // whether close() closes the descriptor
    /** Never the monitor of this public object, which users can take. */
    private final ReentrantLock lock = new ReentrantLock();
    private long handle; // guarded by lock; -1 once closed
    // the page size of the last flags mapped with (guarded by lock): a descriptor's file system never
    // changes, so a hugetlbfs check is made once per flags value, not once per map
    private int pageSizeFlags;
    private long pageSizeForFlags;

    private MappedFile(Backend os, Path path, String name, boolean writable, long handle) {
        this(os, path, name, writable, handle, true);
    }

    private MappedFile(Backend os, Path path, String name, boolean writable, long handle, boolean owned) {
        this.os = os;
        this.path = path;
        this.name = name;
        this.writable = writable;
        this.handle = handle;
        this.owned = owned;
    }

    /**
     * Maps a whole file in one call: opens it (read-only, or read-write when the options write to
     * a shared mapping), maps all of it, and closes the descriptor again, which the mapping does
     * not need. For the common case of reading or updating one file in place.
     *
     * {@snippet :
     * try (Mapping m = MappedFile.mapWhole(Path.of("data.bin"), MapOptions.readOnly())) {
     *     long first = m.segment().get(ValueLayout.JAVA_LONG, 0);
     * }
     * }
     *
     * @param path    the file, which must not be empty
     * @param options how to map
     * @return the mapping of bytes {@code [0, size)}
     * @throws IllegalArgumentException if the file is empty
     * @throws IOException              if opening, {@code fstat} or {@code mmap} fails
     */
    public static Mapping mapWhole(Path path, MapOptions options) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        Backend os = Backend.get();
        boolean write = os.canWrite(os.prot(options)) && os.isShared(os.flags(options));
        try (MappedFile file = write ? open(path, StandardOpenOption.READ, StandardOpenOption.WRITE) : open(path)) {
            return file.map(options);
        }
    }

    /**
     * Wraps a file descriptor that the caller hands over, for example one received from another
     * process over a Unix socket ({@code SCM_RIGHTS}): from now on this {@code MappedFile} owns it
     * and {@link #close()} closes it. Whether it can be written is read from the descriptor's open
     * flags. Linux.
     *
     * @param fd an open descriptor of a regular file (or memfd)
     * @return the file, owning {@code fd}
     * @throws IllegalArgumentException      if {@code fd} is negative
     * @throws IOException                   if {@code fd} is not open or not a regular file (it is
     *                                       then left open: the caller still owns it)
     * @throws UnsupportedOperationException on a platform without descriptors
     * @see #borrow(int)
     */
    public static MappedFile adopt(int fd) throws IOException {
        return ofDescriptor(fd, true);
    }

    /**
     * Wraps a file descriptor that the caller keeps: {@link #close()} leaves it open, and the
     * caller must not close it while this {@code MappedFile} is in use (mappings already made stay
     * valid either way). Linux.
     *
     * @param fd an open descriptor of a regular file (or memfd)
     * @return the file, borrowing {@code fd}
     * @throws IllegalArgumentException      if {@code fd} is negative
     * @throws IOException                   if {@code fd} is not open or not a regular file
     * @throws UnsupportedOperationException on a platform without descriptors
     * @see #adopt(int)
     */
    public static MappedFile borrow(int fd) throws IOException {
        return ofDescriptor(fd, false);
    }

    private static MappedFile ofDescriptor(int fd, boolean owned) throws IOException {
        if (fd < 0) {
            throw new IllegalArgumentException("fd must not be negative: " + fd);
        }
        Backend os = Backend.get();
        boolean writable = os.describe(fd);
        return new MappedFile(os, os.handlePath(fd), "fd " + fd, writable, fd, owned);
    }

    /**
     * Opens the file that a {@link FileChannel} has open, with a descriptor of its own: the
     * channel stays the caller's, and closing either one does not affect the other. The file can
     * be written if the channel can. The JDK gives no channel's descriptor, so mmap4j finds the
     * channel's file without touching the channel's position: a one-byte read-only mapping through
     * the channel names the file's device and inode in {@code /proc/self/maps}, and any descriptor
     * of that file is reopened. An empty or write-only channel cannot be mapped; its file is found
     * by its position and access mode in {@code /proc/self/fdinfo}, and if other descriptors of
     * other files share both, this throws rather than guess. Linux.
     *
     * {@snippet :
     * try (FileChannel ch = FileChannel.open(path, READ, WRITE);
     *      MappedFile file = MappedFile.of(ch);
     *      Mapping m = file.map(0, ch.size(), MapOptions.copyOnWrite())) {
     *     // MAP_PRIVATE, which FileChannel.map cannot do for a read-write channel
     * }
     * }
     *
     * @param channel an open channel to a regular file
     * @return the file, with its own descriptor
     * @throws IOException                   if the channel is closed, its file cannot be told
     *                                       apart from another open file, or reopening it fails
     * @throws UnsupportedOperationException on a platform without descriptors
     */
    public static MappedFile of(FileChannel channel) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Backend os = Backend.get();
        boolean writable = io.mmap4j.internal.Channels.isWritable(channel);
        long handle = os.reopen(os.descriptorOf(channel), writable);
        try {
            return new MappedFile(os, os.handlePath(handle), "channel " + channel, writable, handle);
        } catch (RuntimeException e) {
            os.close(handle);
            throw e;
        }
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
        return openWith(path, Arrays.asList(options), OWNER_READ_WRITE); // no set made: this runs once a file
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
        return openWith(path, options, permissions);
    }

    private static MappedFile openWith(Path path, Collection<? extends OpenOption> options,
                                       Set<PosixFilePermission> permissions) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(permissions, "permissions");
        Backend os = Backend.get();
        Backend.OpenRequest request = request(options);
        long handle = os.open(path, request, mode(permissions));
        return new MappedFile(os, path, path.toString(), request.write(), handle);
    }

    private static Backend.OpenRequest request(Collection<? extends OpenOption> options) {
        boolean write = false, create = false, createNew = false, truncate = false, noFollow = false;
        for (OpenOption o : options) {
            if (Objects.requireNonNull(o, "options: null") == StandardOpenOption.READ) {
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
        return new Backend.OpenRequest(write, create, createNew, truncate, noFollow);
    }

    /**
     * Creates an anonymous in-memory file ({@code memfd_create}, Linux 3.17+), open read-write and
     * close-on-exec, empty until {@linkplain #truncate truncated} to a size. Another process can map
     * it through {@code /proc/<pid>/fd/<fd>} ({@link #path()}) or a descriptor passed to it. It
     * disappears when the last descriptor and mapping are gone.
     *
     * {@snippet :
     * try (MappedFile mem = MappedFile.memfd("ring", true)) {
     *     mem.truncate(1 << 20);
     *     mem.addSeals(Seal.SHRINK);
     *     Mapping m = mem.map(MapOptions.readWrite());
     * }
     * }
     *
     * @param name         a name shown in {@code /proc/self/maps} as {@code /memfd:name}; at most
     *                     249 bytes of UTF-8
     * @param allowSealing whether {@link #addSeals seals} can be added later
     * @return the open file
     * @throws IllegalArgumentException if the name is too long or holds a NUL
     * @throws NativeCallException      if {@code memfd_create} fails
     */
    public static MappedFile memfd(String name, boolean allowSealing) throws NativeCallException {
        Objects.requireNonNull(name, "name");
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 249 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("name must be at most 249 bytes of UTF-8 with no NUL: " + name);
        }
        Backend os = Backend.get();
        long handle = sealing(os).memfd(name, allowSealing);
        return new MappedFile(os, os.handlePath(handle), "memfd:" + name, true, handle);
    }

    /**
     * Opens or creates a POSIX shared memory object ({@code shm_open}; on Linux a file in
     * {@code /dev/shm}), close-on-exec, with mode
     * {@code 0600} for an object this call creates. Any process that opens the same name shares
     * its pages. It lives until {@link #unlinkSharedMemory unlinked} (and then until the last
     * mapping is gone).
     *
     * {@snippet :
     * try (MappedFile shm = MappedFile.openSharedMemory("/mmap4j-demo", READ, WRITE, CREATE)) {
     *     shm.truncate(PageSize.get());
     * }
     * }
     *
     * @param name    one leading slash and no other, at most 255 bytes, for example {@code "/table"}
     * @param options as for {@link #open(Path, OpenOption...)}, but for {@code NOFOLLOW_LINKS}
     * @return the open object
     * @throws IllegalArgumentException if the name or an option is not valid
     * @throws NativeCallException      if {@code shm_open} fails
     */
    public static MappedFile openSharedMemory(String name, OpenOption... options) throws NativeCallException {
        requireSharedMemoryName(name);
        var request = request(Arrays.asList(options));
        Backend os = Backend.get();
        long handle = os.openSharedMemory(name, request, mode(OWNER_READ_WRITE));
        return new MappedFile(os, os.sharedMemoryPath(name), "shm:" + name, request.write(), handle);
    }

    /**
     * Removes a POSIX shared memory object's name ({@code shm_unlink}); mappings of it stay valid.
     *
     * @param name the name given to {@link #openSharedMemory}
     * @throws IllegalArgumentException if the name is not valid
     * @throws NativeCallException      if {@code shm_unlink} fails ({@code ENOENT}: no such object)
     */
    public static void unlinkSharedMemory(String name) throws NativeCallException {
        requireSharedMemoryName(name);
        Backend.get().unlinkSharedMemory(name);
    }

    private static Backend.Sealing sealing(Backend os) {
        return os.sealing().orElseThrow(() -> os.unsupported("anonymous sealable files (memfd_create, F_ADD_SEALS)"));
    }

    private static void requireSharedMemoryName(String name) {
        Objects.requireNonNull(name, "name");
        int bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (!name.startsWith("/") || name.indexOf('/', 1) >= 0 || name.length() < 2 || bytes > 255
                || name.indexOf('\0') >= 0 || name.equals("/.") || name.equals("/..")) {
            throw new IllegalArgumentException("name must be one slash then 1 to 254 bytes with no slash or NUL "
                    + "(NAME_MAX 255 in all), for example \"/table\": \"" + name + "\"");
        }
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
    public long nativeHandle() {
        lock.lock();
        try {
            return open();
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@return the file's size in bytes ({@code fstat})}
     *
     * @throws IllegalStateException if the file is closed
     * @throws NativeCallException   if {@code fstat} fails
     */
    public long size() throws NativeCallException {
        lock.lock();
        try {
            return os.size(open());
        } finally {
            lock.unlock();
        }
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
    public void allocate(long offset, long length) throws NativeCallException {
        lock.lock();
        try {
            requireRange(offset, length);
            os.allocate(open(), offset, length);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sets the file's size ({@code ftruncate}): shrinking drops the bytes past {@code size},
     * growing adds a hole that reads as zeros. Shrinking below the end of a live mapping made
     * through this {@code MappedFile} is refused: its pages past the new end would fault (see the
     * README's safety section for what that does to the JVM). Close or unmap the mapping first.
     * Mappings made through another {@code MappedFile}, or by another process, are not seen.
     *
     * @param size the new size, not negative
     * @throws IllegalArgumentException if {@code size} is negative
     * @throws IllegalStateException    if the file is closed, or a live mapping made through it
     *                                  reaches past {@code size}; the file is then unchanged
     * @throws NativeCallException      if {@code ftruncate} fails ({@code EINVAL} for a read-only file)
     */
    public void truncate(long size) throws NativeCallException {
        lock.lock();
        try {
            if (size < 0) {
                throw new IllegalArgumentException("size must not be negative: " + size);
            }
            long handle = open();
            // mappings are made under this lock, so none can appear between the check and the call
            Ledger.Range live = Ledger.liveBeyond(this, size);
            if (live != null) {
                throw new IllegalStateException("cannot shrink " + name + " to " + size + " bytes: a live mapping "
                        + "covers file bytes " + live.fileOffset() + ".." + (live.fileOffset() + live.length())
                        + " (at 0x" + Long.toHexString(live.start()) + "), whose pages past the new end would fault; "
                        + "close or unmap it first");
            }
            os.truncate(handle, size);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Flushes the file's data, and its metadata if asked, to the device ({@code fsync} or
     * {@code fdatasync}). Use {@link Mapping#sync} for data written through a mapping.
     *
     * @param metadata also flush metadata such as the size and times
     * @throws IllegalStateException if the file is closed
     * @throws NativeCallException   if the call fails
     */
    public void force(boolean metadata) throws NativeCallException {
        lock.lock();
        try {
            os.force(open(), metadata);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds seals to a {@link #memfd memfd} created with sealing allowed ({@code F_ADD_SEALS}).
     *
     * @param seals the seals to add
     * @throws IllegalStateException if the file is closed
     * @throws NativeCallException   if {@code fcntl} fails: {@code EPERM} when sealing is not allowed
     *                               or {@link Seal#SEAL} was added, {@code EBUSY} for
     *                               {@link Seal#WRITE} while a writable shared mapping exists
     */
    public void addSeals(Seal... seals) throws NativeCallException {
        lock.lock();
        try {
            sealing(os).addSeals(open(), java.util.EnumSet.copyOf(java.util.List.of(seals)));
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@return the seals on this file ({@code F_GET_SEALS}); empty for a memfd without sealing}
     *
     * @throws IllegalStateException if the file is closed
     * @throws NativeCallException   if {@code fcntl} fails ({@code EINVAL}: not a file that takes seals)
     */
    public Set<Seal> seals() throws NativeCallException {
        lock.lock();
        try {
            return sealing(os).seals(open());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks the kernel to drop a range of this file's clean, unmapped pages from the page cache
     * ({@code posix_fadvise(POSIX_FADV_DONTNEED)}). Dirty pages, and pages some process has mapped,
     * stay: check with {@link Mapping#residency()} what was really dropped.
     *
     * @param offset where the range starts, not negative
     * @param length how many bytes; 0 means to the end of the file
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
     * @throws IllegalStateException    if the file is closed
     * @throws NativeCallException      if {@code posix_fadvise} fails
     */
    public void dropFromPageCache(long offset, long length) throws NativeCallException {
        lock.lock();
        try {
            requireCacheRange(offset, length);
            os.adviseFileCache(open(), offset, length, false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks the kernel to start reading a range of this file into the page cache
     * ({@code posix_fadvise(POSIX_FADV_WILLNEED)}); returns before the reads complete.
     *
     * @param offset where the range starts, not negative
     * @param length how many bytes; 0 means to the end of the file
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
     * @throws IllegalStateException    if the file is closed
     * @throws NativeCallException      if {@code posix_fadvise} fails
     */
    public void loadIntoPageCache(long offset, long length) throws NativeCallException {
        lock.lock();
        try {
            requireCacheRange(offset, length);
            os.adviseFileCache(open(), offset, length, true);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts a range of this file's pages in the page cache: cached, dirty, under writeback,
     * evicted and recently evicted ({@code cachestat(2)}, Linux 6.5+). Nothing is mapped and no data
     * is read, so this is much cheaper than mapping the file for {@link Mapping#residency()}
     * ({@code mincore}), and it sees what {@code mincore} cannot: dirty pages and evictions. It
     * counts pages per file, not per mapping: a range past the end of the file counts nothing.
     *
     * {@snippet :
     * try (MappedFile file = MappedFile.open(path)) {
     *     CacheStat s = file.cacheStat(0, 0);             // 0: up to the end of the file
     *     if (s.dirty() > 0) {
     *         file.force(false);                          // fdatasync: the dirty pages become clean
     *     }
     * }
     * }
     *
     * <p><b>Files the caller cannot write.</b> The kernel answers {@code cachestat} only for a file
     * opened for writing, or one the caller owns, may write, or holds {@code CAP_FOWNER} for (root
     * does); otherwise it fails with {@code EPERM}, and this method throws. {@code mincore} on a
     * mapping of such a file does not fail: since Linux 5.0 it reports every page resident, true or
     * not (a defence against side channels). mmap4j passes both answers on as they are; the
     * {@code ./mmap4j residency} tool falls back to {@code mincore} and says that its counts for
     * those files may be all-resident.
     *
     * @param offset where the range starts, not negative
     * @param length how many bytes; 0 means to the end of the file
     * @return the page counts of the pages that overlap the range
     * @throws IllegalArgumentException      if {@code offset} or {@code length} is negative
     * @throws IllegalStateException         if the file is closed
     * @throws UnsupportedOperationException if the kernel has no {@code cachestat} ({@code ENOSYS}:
     *                                       Linux before 6.5), or the platform is not Linux
     * @throws NativeCallException           if {@code cachestat} fails: {@code EPERM} for a file the
     *                                       caller cannot write, {@code EOPNOTSUPP} on hugetlbfs
     */
    public CacheStat cacheStat(long offset, long length) throws NativeCallException {
        lock.lock();
        try {
            requireCacheRange(offset, length);
            long[] c = os.cacheStat(open(), offset, length);
            return new CacheStat(c[0], c[1], c[2], c[3], c[4]);
        } finally {
            lock.unlock();
        }
    }

    private static void requireCacheRange(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length + " must not be negative");
        }
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
            throw new IllegalArgumentException("cannot map the whole of " + name + ": the file is empty; "
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
    public Mapping map(long offset, long length, MapOptions options) throws NativeCallException {
        Objects.requireNonNull(options, "options");
        requireRange(offset, length);
        Lifetime lifetime = Lifetime.of(options);
        int cost = Crossings.check(lifetime, Crossings.Placement.STANDALONE);
        if (!Ledger.tryTakeRoom(cost)) { // the arguments are spelled out only for a refusal
            Ledger.takeRoom(cost, "mmap", "length=" + length + ", offset=" + offset + ", file=" + name);
        }
        lock.lock();
        try {
            long handle = open();
            int prot = os.prot(options);
            int flags = os.flags(options);
            requireWithinFile(handle, offset, length, options);
            long page = pageSize(flags, handle);
            long slack = options.isStrictOffset() ? 0 : offset % Math.max(page, os.granularity());
            long address = options.fixedAddress() == 0
                    ? os.map(handle, length + slack, prot, flags, offset - slack)
                    : os.mapAt(options.fixedAddress(), false, handle, length + slack, prot, flags, offset - slack);
            return Mapping.of(os, new Ledger(), this, name, Crossings.Placement.STANDALONE, address, page, slack, length,
                    offset, prot, flags, lifetime, null, Mapping.NO_CUTS, options.isBeyondEndOfFileAllowed());
        } finally {
            lock.unlock();
            Ledger.giveRoom(cost);
        }
    }

    /**
     * Takes this file's lock for a mapping that grows to end at file byte {@code end}, refusing an
     * end past the file's, so that no truncate through this file can come between the check and
     * the new range's registration. The caller releases it with {@link #unlockAfterGrowth()}.
     *
     * @throws IllegalArgumentException if {@code end} is past the end of the file
     * @throws IllegalStateException    if the file is closed (its size cannot be checked)
     */
    void lockToGrowTo(long end, Mapping growing) throws NativeCallException {
        lock.lock();
        try {
            if (handle == -1) {
                throw new IllegalStateException("file " + name + " is closed, so " + growing + " cannot grow: its size "
                        + "cannot be checked; keep the MappedFile open, or map with MapOptions.allowBeyondEndOfFile()");
            }
            long size = os.size(handle);
            if (end > size) {
                throw new IllegalArgumentException(growing + " cannot grow to file byte " + end + ", past the end of "
                        + name + " (size " + size + "): its new pages would fault; allocate the file first, or map "
                        + "with MapOptions.allowBeyondEndOfFile()");
            }
        } catch (NativeCallException | RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }

    void unlockAfterGrowth() {
        lock.unlock();
    }

    /** {@return the size of the pages a mapping with {@code options} is made of, as the kernel says} */
    long pageSize(MapOptions options) throws NativeCallException {
        lock.lock();
        try {
            return pageSize(os.flags(options), open());
        } finally {
            lock.unlock();
        }
    }

    /** {@return the size of the pages that a mapping of this file with {@code flags} is made of} Caller holds the lock. */
    private long pageSize(int flags, long handle) throws NativeCallException {
        if (pageSizeForFlags == 0 || pageSizeFlags != flags) {
            pageSizeForFlags = os.mappingPageSize(flags, handle);
            pageSizeFlags = flags;
        }
        return pageSizeForFlags;
    }

    /** Refuses a range past the end of the file, unless the options allow it; costs one {@code fstat}. */
    private void requireWithinFile(long handle, long offset, long length, MapOptions options)
            throws NativeCallException {
        if (!options.isBeyondEndOfFileAllowed()) {
            long size = os.size(handle);
            if (offset + length > size) {
                throw new IllegalArgumentException("offset " + offset + " + length " + length + " = "
                        + (offset + length) + " reaches past the end of " + name + " (size " + size
                        + "); allocate or truncate the file first, or use MapOptions.allowBeyondEndOfFile()");
            }
        }
    }

    /**
     * Maps with {@code MAP_FIXED} into a reservation; the caller checked the crossing, took room, and
     * checked that the range, in pages of {@code page} bytes, is its own.
     */
    Mapping mapInto(Crossings.Placement.InReservation placement, Ledger ledger, long address, long offset, long length,
                    MapOptions options, Lifetime lifetime, long page) throws NativeCallException {
        lock.lock();
        try {
            long handle = open();
            int prot = os.prot(options);
            int flags = os.flags(options);
            requireWithinFile(handle, offset, length, options);
            if (pageSize(flags, handle) != page) {
                throw new IllegalStateException("the page size of " + name + " changed from " + page + " bytes while placing it");
            }
            if (offset % page != 0) {
                throw new IllegalArgumentException("fileOffset must be a multiple of the mapping's page size " + page
                        + ": " + offset);
            }
            // SAFETY: MAP_FIXED inside the caller's open reservation, over no live mapping placed there, in whole pages
            os.mapAt(address, true, handle, length, prot, flags, offset);
            return Mapping.of(os, ledger, this, name, placement, address, page, 0, length, offset, prot, flags,
                    lifetime, null, Mapping.NO_CUTS, options.isBeyondEndOfFileAllowed());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the file descriptor. Its mappings stay valid. Closing twice does nothing.
     *
     * @throws NativeCallException if {@code close} fails
     */
    @Override
    public void close() throws NativeCallException {
        lock.lock();
        try {
            if (handle != -1) {
                long h = handle;
                handle = -1;
                if (owned) {
                    os.close(h);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private long open() {
        if (handle == -1) {
            throw new IllegalStateException("file " + name + " is closed");
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
        return "MappedFile[" + name + (writable ? ", read-write" : ", read-only") + "]";
    }
}

package io.mmap4j;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * An append-only file written through a growing shared mapping, as the seeds' log does: space is
 * reserved a page at a time ahead of the writes ({@code fallocate}), the mapping grows with
 * {@code mremap} (moving if it must), and {@link #close()} shrinks the file to exactly the bytes
 * appended ({@code ftruncate}). Another process can follow the file live: appended bytes are in
 * the page cache, where every mapping and reader of the file sees them, before any sync.
 *
 * <p>Growing may move the mapping: segments from {@link #segment()} are valid until the next
 * append that grows the log, then throw {@link IllegalStateException}. Thread-safe.
 *
 * {@snippet :
 * try (MappedLog log = MappedLog.open(path)) {
 *     log.append("first entry\n".getBytes(StandardCharsets.UTF_8));
 *     log.append("second entry\n".getBytes(StandardCharsets.UTF_8));
 *     log.sync(SyncMode.SYNC);
 * } // the file is now exactly 25 bytes long
 * }
 */
public final class MappedLog implements AutoCloseable {
    private final MappedFile file;
    private Mapping mapping; // guarded by this; null once closed
    private long size;       // bytes appended, including what the file held when opened

    private MappedLog(MappedFile file, Mapping mapping, long size) {
        this.file = file;
        this.mapping = mapping;
        this.size = size;
    }

    /**
     * Opens a log, creating the file (mode {@code 0600}) if it is missing; appends go after what it
     * already holds.
     *
     * @param path the file
     * @return the open log
     * @throws IOException if opening, allocating or mapping fails
     */
    public static MappedLog open(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        MappedFile file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE);
        try {
            long size = file.size();
            long capacity = Math.max(PageSize.get(), PageSize.alignUp(size));
            file.allocate(0, capacity);
            return new MappedLog(file, file.map(0, capacity, MapOptions.readWrite()), size);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * Appends bytes, growing the file and the mapping by whole pages when they are full.
     *
     * @param bytes what to append; may be empty
     * @return the offset in the file where the bytes start
     * @throws IllegalStateException if the log is closed
     * @throws NativeCallException   if growing fails ({@code fallocate} or {@code mremap}); nothing
     *                               was appended then
     */
    public synchronized long append(MemorySegment bytes) throws NativeCallException {
        Objects.requireNonNull(bytes, "bytes");
        requireOpen();
        long at = size;
        reserve(at + bytes.byteSize());
        MemorySegment.copy(bytes, 0, mapping.segment(), at, bytes.byteSize());
        size = at + bytes.byteSize();
        return at;
    }

    /**
     * Appends bytes; see {@link #append(MemorySegment)}.
     *
     * @param bytes what to append
     * @return the offset in the file where the bytes start
     * @throws IllegalStateException if the log is closed
     * @throws NativeCallException   if growing fails
     */
    public long append(byte[] bytes) throws NativeCallException {
        return append(MemorySegment.ofArray(bytes));
    }

    private void reserve(long needed) throws NativeCallException {
        long capacity = mapping.length();
        if (needed <= capacity) {
            return;
        }
        long grown = PageSize.alignUp(Math.max(needed, 2 * capacity));
        file.allocate(capacity, grown - capacity);
        mapping = mapping.remap(grown, true);
    }

    /** {@return the number of bytes in the log} */
    public synchronized long size() {
        return size;
    }

    /** {@return the bytes reserved so far: the file's size until {@link #close()}} */
    public synchronized long capacity() {
        requireOpen();
        return mapping.length();
    }

    /**
     * {@return a read-only segment over the bytes appended so far; valid until an append grows
     * the log or it is closed}
     *
     * @throws IllegalStateException if the log is closed or empty
     */
    public synchronized MemorySegment segment() {
        requireOpen();
        if (size == 0) {
            throw new IllegalStateException("log " + file.path() + " is empty");
        }
        return mapping.segment(0, size).asReadOnly();
    }

    /**
     * Writes the appended bytes back to the file ({@code msync}).
     *
     * @param mode how
     * @throws IllegalStateException if the log is closed
     * @throws NativeCallException   if {@code msync} fails
     */
    public synchronized void sync(SyncMode mode) throws NativeCallException {
        requireOpen();
        if (size > 0) {
            mapping.sync(0, size, mode);
        }
    }

    /**
     * Unmaps the log, shrinks the file to exactly the bytes appended and closes it. Closing twice
     * does nothing.
     *
     * @throws NativeCallException if {@code munmap}, {@code ftruncate} or {@code close} fails
     */
    @Override
    public synchronized void close() throws NativeCallException {
        if (mapping == null) {
            return;
        }
        mapping.close();
        mapping = null;
        try (file) {
            file.truncate(size);
        }
    }

    private void requireOpen() {
        if (mapping == null) {
            throw new IllegalStateException("log " + file.path() + " is closed");
        }
    }

    @Override
    public synchronized String toString() {
        return "MappedLog[" + file.path() + ", " + size + " bytes" + (mapping == null ? ", closed" : "") + "]";
    }
}

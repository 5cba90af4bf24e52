// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An append-only file written through a growing shared mapping, whose committed length survives a
 * crash of the writer and can be read by a {@linkplain #follow follower} in another process or
 * thread. Space is reserved a page at a time ahead of the writes ({@code fallocate}), the mapping
 * grows with {@code mremap} (moving if it must), and {@link #close()} shrinks the file to exactly
 * the header and the bytes appended ({@code ftruncate}).
 *
 * <p><b>File format.</b> The file starts with a 64-byte header; the appended bytes follow it, back
 * to back, with no framing added by the log. All numbers are little-endian.
 * <ul>
 *   <li>bytes 0&ndash;7: the magic {@code MMAP4JLG} in ASCII;</li>
 *   <li>bytes 8&ndash;11: the format version, an {@code int}, 1;</li>
 *   <li>bytes 12&ndash;15: the header size, an {@code int}, 64;</li>
 *   <li>bytes 16&ndash;23: the committed length, a {@code long}: how many bytes after the header
 *       belong to the log;</li>
 *   <li>bytes 24&ndash;63: zero, reserved.</li>
 * </ul>
 * While the log is open the file is longer than the header and the committed length: it ends in
 * zeros reserved for later appends, or, after a crash, in bytes of an append that had not
 * returned. Only the committed length counts; opening the log again ignores whatever lies past it,
 * and the next append overwrites it.
 *
 * <p><b>Crashes and followers.</b> {@link #append} copies the bytes first and then publishes the new
 * committed length in the header with a release store; a follower reads it with an acquire load. So
 * a follower never sees a length that covers bytes not yet written, and once {@code append}
 * returns, its bytes and the length that covers them are in the page cache, which a {@code kill -9}
 * of the writer leaves intact: reopening the log finds every entry whose append returned, and
 * nothing else, with no {@link #sync} needed. Surviving a power loss takes {@link #sync}.
 *
 * <p>One writer at a time: nothing stops a second {@code open} of the same file, and two writers
 * would overwrite each other's bytes. Growing may move the mapping: segments from
 * {@link #segment()} are valid until the next append that grows the log, then throw
 * {@link IllegalStateException}. Thread-safe; the lock is private, so synchronizing on a log blocks
 * none of its methods.
 *
 * {@snippet :
 * try (MappedLog log = MappedLog.open(path)) {
 *     log.append("first entry\n".getBytes(StandardCharsets.UTF_8));   // returns 0
 *     log.append("second entry\n".getBytes(StandardCharsets.UTF_8));  // returns 12
 *     log.sync(SyncMode.SYNC);
 * } // the file is now exactly 64 + 25 bytes long
 * try (MappedLog log = MappedLog.open(path)) {
 *     long size = log.size();                                          // 25
 * }
 * }
 */
public final class MappedLog implements AutoCloseable {
    /** The header's size in bytes: the offset in the file of the first appended byte. */
    static final int HEADER_SIZE = 64;
    /** The format version this class writes and reads. */
    static final int FORMAT_VERSION = 1;
    static final long VERSION_OFFSET = 8;
    static final long HEADER_SIZE_OFFSET = 12;
    static final long LENGTH_OFFSET = 16; // 8-aligned, so that the release store and acquire load are atomic
    private static final byte[] MAGIC = "MMAP4JLG".getBytes(StandardCharsets.US_ASCII);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LENGTH =
            ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    private final ReentrantLock lock = new ReentrantLock();
    private final MappedFile file;
    private Mapping mapping; // guarded by lock; null once closed; starts at file offset 0
    private long size;       // guarded by lock; the committed length, as in the header

    private MappedLog(MappedFile file, Mapping mapping, long size) {
        this.file = file;
        this.mapping = mapping;
        this.size = size;
    }

    /**
     * Opens a log for appending, creating the file (mode {@code 0600}) if it is missing. A missing or
     * empty file gets a fresh header; a file that holds a log continues it, after the committed
     * length its header records.
     *
     * @param path the file
     * @return the open log
     * @throws IOException if opening, allocating or mapping fails; if the file is not empty and does
     *                     not start with a log header (the file is left as it was); or if its header
     *                     is corrupt or of another format version
     */
    public static MappedLog open(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        MappedFile file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE);
        Mapping mapping = null;
        try {
            long fileSize = file.size();
            if (fileSize == 0) {
                writeFreshHeader(path);
                fileSize = HEADER_SIZE;
            }
            requireHeaderFits(path, fileSize);
            mapping = file.map(0, fileSize, MapOptions.readWrite());
            long committed = committedLength(path, mapping.segment(), fileSize);
            long capacity = Math.max(PageSize.get(), PageSize.alignUp(fileSize));
            if (capacity > fileSize) {
                file.allocate(fileSize, capacity - fileSize);
                mapping = mapping.remap(capacity, RemapOptions.mayMove()); // if this fails, mapping stays open
            }
            return new MappedLog(file, mapping, committed);
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(e, mapping, file);
            throw e;
        }
    }

    /**
     * Opens a log read-only to follow it as a writer appends, from another process or thread. The
     * writer must have opened the log first: until then the file has no header.
     *
     * @param path the file
     * @return the follower
     * @throws IOException if opening or mapping fails, if the file is empty, does not start with a
     *                     log header, or its header is corrupt or of another format version
     */
    public static Follower follow(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        MappedFile file = MappedFile.open(path, StandardOpenOption.READ);
        Mapping mapping = null;
        try {
            long fileSize = file.size();
            if (fileSize == 0) {
                throw new IOException(path + " is empty: no log header yet; open the log with MappedLog.open first");
            }
            requireHeaderFits(path, fileSize);
            mapping = file.map(0, fileSize, MapOptions.readOnly());
            committedLength(path, mapping.segment(), fileSize);
            return new Follower(file, mapping);
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(e, mapping, file);
            throw e;
        }
    }

    /** Closes what an open that failed had opened (null for not opened yet), adding failures to {@code failure}. */
    private static void closeAfterFailure(Throwable failure, AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    /**
     * Writes the header of an empty log with one {@code pwrite}, before the file is mapped or grown:
     * a crash leaves the file empty or with a whole header, never zeros that a later open would
     * take for a foreign file.
     */
    private static void writeFreshHeader(Path path) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putInt(FORMAT_VERSION).putInt(HEADER_SIZE).putLong(0).rewind(); // all 64 bytes, reserved zeros included
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            while (header.hasRemaining()) {
                channel.write(header, header.position());
            }
        }
    }

    private static void requireHeaderFits(Path path, long fileSize) throws IOException {
        if (fileSize < HEADER_SIZE) {
            throw new IOException(path + " is not an mmap4j log: it is " + fileSize + " bytes long, shorter than "
                    + "the " + HEADER_SIZE + "-byte log header; refusing to use it as a log");
        }
    }

    /** Checks the header at the start of {@code s} and returns its committed length (acquire load). */
    private static long committedLength(Path path, MemorySegment s, long fileSize) throws IOException {
        byte[] magic = s.asSlice(0, MAGIC.length).toArray(ValueLayout.JAVA_BYTE);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(path + " is not an mmap4j log: it starts with " + describe(magic)
                    + " where a log starts with \"MMAP4JLG\"; refusing to use it as a log");
        }
        int version = s.get(INT, VERSION_OFFSET);
        if (version != FORMAT_VERSION) {
            throw new IOException(path + " has a log header of format version " + version
                    + "; this library reads version " + FORMAT_VERSION + " only");
        }
        int headerSize = s.get(INT, HEADER_SIZE_OFFSET);
        if (headerSize != HEADER_SIZE) {
            throw new IOException(path + " has a corrupt log header: header size " + headerSize + ", expected "
                    + HEADER_SIZE);
        }
        long committed = (long) LENGTH.getAcquire(s, LENGTH_OFFSET);
        if (committed < 0 || committed > fileSize - HEADER_SIZE) {
            throw new IOException(path + " has a corrupt log header: committed length " + committed
                    + " is not within the " + (fileSize - HEADER_SIZE) + " bytes after the header (file size "
                    + fileSize + ")");
        }
        return committed;
    }

    /** {@return bytes as hex and as ASCII, non-printable ones as dots} */
    private static String describe(byte[] bytes) {
        StringBuilder ascii = new StringBuilder();
        for (byte b : bytes) {
            ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return "0x" + HexFormat.of().formatHex(bytes) + " (\"" + ascii + "\")";
    }

    /**
     * Appends bytes, growing the file and the mapping by whole pages when they are full, and then
     * commits them: the header's committed length covers them once this returns, for this log, for
     * followers, and for a later {@link #open} even if this process is killed.
     *
     * @param bytes what to append; may be empty
     * @return where the bytes start, counted in appended bytes: 0 for the first byte ever appended,
     *         which lies in the file just after the 64-byte header
     * @throws IllegalStateException if the log is closed
     * @throws NativeCallException   if growing fails ({@code fallocate} or {@code mremap}); nothing
     *                               was appended then
     */
    public long append(MemorySegment bytes) throws NativeCallException {
        Objects.requireNonNull(bytes, "bytes");
        lock.lock();
        try {
            requireOpen();
            long at = size;
            long end = Math.addExact(at, bytes.byteSize());
            reserve(Math.addExact(HEADER_SIZE, end));
            MemorySegment s = mapping.segment();
            MemorySegment.copy(bytes, 0, s, HEADER_SIZE + at, bytes.byteSize());
            LENGTH.setRelease(s, LENGTH_OFFSET, end); // publish only after the bytes are written
            size = end;
            return at;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends bytes; see {@link #append(MemorySegment)}.
     *
     * @param bytes what to append
     * @return where the bytes start, counted in appended bytes (0 for the first)
     * @throws IllegalStateException if the log is closed
     * @throws NativeCallException   if growing fails
     */
    public long append(byte[] bytes) throws NativeCallException {
        return append(MemorySegment.ofArray(bytes));
    }

    /** Grows the file and the mapping to at least {@code needed} bytes; the caller holds the lock. */
    private void reserve(long needed) throws NativeCallException {
        long capacity = mapping.length();
        if (needed <= capacity) {
            return;
        }
        long grown = PageSize.alignUp(Math.max(needed, 2 * capacity));
        file.allocate(capacity, grown - capacity);
        mapping = mapping.remap(grown, RemapOptions.mayMove());
    }

    /** {@return the committed length: the number of bytes appended, header not counted} */
    public long size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@return how many bytes the log holds before it must grow: the file's size less the header,
     * until {@link #close()}}
     *
     * @throws IllegalStateException if the log is closed
     */
    public long capacity() {
        lock.lock();
        try {
            requireOpen();
            return mapping.length() - HEADER_SIZE;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@return a read-only segment over the bytes appended so far, header not included (empty for an
     * empty log); valid until an append grows the log or it is closed}
     *
     * @throws IllegalStateException if the log is closed
     */
    public MemorySegment segment() {
        lock.lock();
        try {
            requireOpen();
            return mapping.segment().asSlice(HEADER_SIZE, size).asReadOnly();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the appended bytes and then the header back to the file ({@code msync}): first the
     * pages after the header's page, then the header's page. So the header this writes never
     * covers bytes that this sync has not written; the first {@code 4096 - 64} appended bytes (on
     * 4 KiB pages) share the header's page and go to the disk in the same page write.
     *
     * <p>What this does not cover: between syncs the kernel writes dirty pages back on its own, in
     * any order, so after a power loss the header on disk may cover bytes appended after the last
     * completed sync that never reached the disk (they read as zeros or as older bytes). Everything
     * appended before a {@link SyncMode#SYNC} sync returned survives; frame entries with a checksum
     * to tell a torn tail. A {@code kill -9} of the writer needs no sync at all: the page cache
     * survives it.
     *
     * @param mode how
     * @throws IllegalStateException if the log is closed
     * @throws NativeCallException   if {@code msync} fails
     */
    public void sync(SyncMode mode) throws NativeCallException {
        Objects.requireNonNull(mode, "mode");
        lock.lock();
        try {
            requireOpen();
            long page = PageSize.get();
            long end = HEADER_SIZE + size;
            if (end > page) {
                mapping.sync(page, end - page, mode); // the data pages after the header's page
            }
            mapping.sync(0, Math.min(end, page), mode); // then the header's page
        } finally {
            lock.unlock();
        }
    }

    /**
     * Unmaps the log, shrinks the file to exactly the header and the bytes appended, and closes it.
     * Closing twice does nothing.
     *
     * @throws IllegalStateException if a native call in another thread holds the log's segment: the
     *                               log then stays open; close it again once the call returns
     * @throws NativeCallException   if {@code munmap}, {@code ftruncate} or {@code close} fails
     */
    @Override
    public void close() throws NativeCallException {
        lock.lock();
        try {
            if (mapping == null) {
                return;
            }
            mapping.close();
            mapping = null;
            try (file) {
                file.truncate(HEADER_SIZE + size);
            }
        } finally {
            lock.unlock();
        }
    }

    private void requireOpen() {
        if (mapping == null) {
            throw new IllegalStateException("log " + file.path() + " is closed");
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "MappedLog[" + file.path() + ", " + size + " bytes" + (mapping == null ? ", closed" : "") + "]";
        } finally {
            lock.unlock();
        }
    }

    /**
     * A read-only view of a live log, for another process or thread than the writer's: it maps the
     * file itself and reads the committed length from the header with an acquire load, so every
     * byte it shows was fully written before the writer's {@link MappedLog#append append} returned.
     * Made by {@link MappedLog#follow(Path)}.
     *
     * <p>The follower maps the file again, larger, when the writer has grown it: segments from
     * {@link #segment()} are valid until a later {@code segment()} call that grows the mapping, or
     * {@link #close()}, then throw {@link IllegalStateException}. The follower keeps working after
     * the writer closes the log. Thread-safe; the lock is private.
     *
     * {@snippet :
     * try (MappedLog.Follower follower = MappedLog.follow(path)) {
     *     long seen = 0;
     *     while (running) {
     *         MemorySegment all = follower.segment();      // every committed byte, fully written
     *         MemorySegment fresh = all.asSlice(seen);     // what was appended since the last look
     *         seen = all.byteSize();
     *         // ... read fresh; then wait a little before looking again
     *     }
     * }
     * }
     */
    public static final class Follower implements AutoCloseable {
        private final ReentrantLock lock = new ReentrantLock();
        private final MappedFile file;
        private Mapping mapping; // guarded by lock; null once closed; starts at file offset 0
        private final List<Mapping> retired = new ArrayList<>(); // outgrown, still held by a downcall; guarded by lock

        private Follower(MappedFile file, Mapping mapping) {
            this.file = file;
            this.mapping = mapping;
        }

        /**
         * {@return the committed length as the writer last published it: the number of bytes
         * appended, header not counted}
         *
         * @throws IllegalStateException if the follower is closed
         */
        public long size() {
            lock.lock();
            try {
                requireOpen();
                return committed();
            } finally {
                lock.unlock();
            }
        }

        private long committed() {
            return (long) LENGTH.getAcquire(mapping.segment(), LENGTH_OFFSET);
        }

        /**
         * {@return a read-only segment over the bytes committed when called, header not included
         * (empty for an empty log); mapping the file again, larger, if the writer has grown it}
         *
         * <p>The outgrown mapping is unmapped at once, unless a native call in another thread still
         * holds one of its segments: it is then unmapped by a later {@code segment()} or by
         * {@link #close()}, and its segments stay valid until then.
         *
         * @throws IllegalStateException if the follower is closed, or the header's committed length
         *                               reaches past the end of the file (the file was changed by
         *                               something other than a {@code MappedLog})
         * @throws NativeCallException   if {@code fstat} or {@code mmap} fails
         */
        public MemorySegment segment() throws NativeCallException {
            lock.lock();
            try {
                requireOpen();
                long committed = committed();
                long end = HEADER_SIZE + committed;
                if (end > mapping.length()) {
                    long fileSize = file.size();
                    if (end > fileSize) {
                        throw new IllegalStateException("log " + file.path() + " has a committed length of "
                                + committed + " bytes, past the end of the file (size " + fileSize + ")");
                    }
                    Mapping bigger = file.map(0, fileSize, MapOptions.readOnly());
                    retired.add(mapping);
                    mapping = bigger;
                }
                closeRetired(false);
                return mapping.segment().asSlice(HEADER_SIZE, committed).asReadOnly();
            } finally {
                lock.unlock();
            }
        }

        /**
         * Unmaps the log and closes the file; the writer is not affected. Closing twice does nothing.
         * Mappings that {@link #segment()} outgrew while a native call in another thread held them
         * are unmapped here (or at the next {@code segment()} that finds them free), never leaked.
         *
         * @throws IllegalStateException if a native call in another thread still holds a segment
         *                               from this follower: the follower then stays open and usable;
         *                               close it again once the call returns
         * @throws NativeCallException   if {@code munmap} or {@code close} fails
         */
        @Override
        public void close() throws NativeCallException {
            lock.lock();
            try {
                if (mapping == null) {
                    return;
                }
                closeRetired(true); // outgrown mappings first: if one is held, nothing else changes
                mapping.close();
                mapping = null;
                file.close();
            } finally {
                lock.unlock();
            }
        }

        /**
         * Unmaps outgrown mappings that no native call holds any more; {@code all}: throws, leaving
         * the rest to a later close, if one is still held.
         */
        private void closeRetired(boolean all) throws NativeCallException {
            for (var it = retired.iterator(); it.hasNext(); ) {
                Mapping old = it.next();
                try {
                    old.close();
                    it.remove();
                } catch (IllegalStateException held) { // a downcall in another thread still holds its segment
                    if (all) {
                        throw held;
                    }
                }
            }
        }

        private void requireOpen() {
            if (mapping == null) {
                throw new IllegalStateException("follower of log " + file.path() + " is closed");
            }
        }

        @Override
        public String toString() {
            lock.lock();
            try {
                return "MappedLog.Follower[" + file.path() + (mapping == null ? ", closed" : "") + "]";
            } finally {
                lock.unlock();
            }
        }
    }
}

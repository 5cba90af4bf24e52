package io.mmap4j;

import io.mmap4j.internal.NativeMemory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * One live memory mapping: a range of this process's address space backed by a file, and the
 * {@link MemorySegment} through which Java reads and writes it.
 *
 * <p><b>Lifetime.</b> The mapping owns its segment: the segment belongs to a shared
 * {@link Arena} whose cleanup is {@code munmap}. {@link #close()} closes that arena, which
 * invalidates the segment and every slice of it in every thread before the pages are unmapped;
 * from then on any access throws {@link IllegalStateException}, never {@code SIGSEGV}. A thread
 * that is reading while another closes the mapping gets that exception too.
 *
 * <p><b>Rights.</b> The segment never grants more than the pages allow: without write access it
 * is {@linkplain MemorySegment#isReadOnly() read-only}, so a write throws instead of faulting;
 * without read access ({@code PROT_NONE}) there is no segment and {@link #segment()} throws.
 *
 * <p><b>Partial unmap.</b> {@link #unmap(long, long)} removes a page-aligned range at the start,
 * the end or in the middle, as {@code munmap} on part of a mapping does. The kernel then holds up
 * to two separate mappings; mmap4j hands them back as new {@code Mapping}s with fresh segments,
 * and closes this one, so every segment taken from it, including those over the parts that stay
 * mapped, throws on access from then on. The order is what makes this safe: first the old arena is
 * closed (no thread can touch the old segments any more), then only the removed range is
 * unmapped, then the remaining parts get new arenas. No segment ever covers an unmapped page.
 * {@snippet :
 * long page = PageSize.get();
 * try (Mapping m = file.map(0, 16 * page, MapOptions.readWrite())) {
 *     List<Mapping> parts = m.unmap(6 * page, 4 * page); // pages 6..9 go, m is closed
 *     Mapping head = parts.get(0);                       // pages 0..5
 *     Mapping tail = parts.get(1);                       // pages 10..15
 *     tail.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
 *     // m.segment() now throws IllegalStateException
 * }
 * }
 *
 * <p><b>Offsets.</b> {@link #length()} and every offset taken by this class count from the byte
 * the mapping was asked to start at ({@link #fileOffset()}), which may lie inside the first page
 * when the file offset was not page-aligned.
 *
 * <p><b>Threads.</b> Any number of threads may read and write the segment at once (they need
 * their own ordering, as with any shared memory). {@link #sync}, {@link #unmap} and
 * {@link #close()} are thread-safe and may be called while other threads use the segment.
 */
public final class Mapping implements AutoCloseable {
    private final NativeMemory os;
    private final String origin;
    private final long base;         // page-aligned address of the kernel mapping
    private final long mappedLength; // bytes the kernel maps: slack + length, rounded up to a page
    private final long slack;        // bytes from base to the first byte asked for
    private final long length;
    private final long fileOffset;
    private final int prot;
    private final int flags;

    // guarded by this
    private Arena arena;              // null once closed
    private long releaseAddress;      // what the arena's cleanup unmaps
    private long releaseLength;
    private NativeCallException releaseFailure;

    private volatile MemorySegment segment; // null when closed or not readable

    private Mapping(NativeMemory os, String origin, long base, long slack, long length, long fileOffset,
                    int prot, int flags) {
        this.os = os;
        this.origin = origin;
        this.base = base;
        this.slack = slack;
        this.length = length;
        this.mappedLength = alignUp(slack + length, os.pageSize());
        this.fileOffset = fileOffset;
        this.prot = prot;
        this.flags = flags;
    }

    static Mapping of(NativeMemory os, String origin, long base, long slack, long length, long fileOffset,
                      int prot, int flags) {
        Mapping m = new Mapping(os, origin, base, slack, length, fileOffset, prot, flags);
        synchronized (m) {
            m.issueSegment();
        }
        return m;
    }

    /** Gives this mapping a fresh arena and, if the pages can be read, a fresh segment. */
    @SuppressWarnings("restricted") // the one place a raw address becomes a segment
    private void issueSegment() {
        Arena a = Arena.ofShared();
        // SAFETY: [base, base + mappedLength) is mapped by the kernel until this arena's cleanup runs
        MemorySegment whole = MemorySegment.ofAddress(base).reinterpret(slack + length, a, ignored -> release());
        MemorySegment view = whole.asSlice(slack, length);
        arena = a;
        releaseAddress = base;
        releaseLength = mappedLength;
        if (!os.canRead(prot)) {
            segment = null;
        } else {
            segment = os.canWrite(prot) ? view : view.asReadOnly();
        }
    }

    /** The arena's cleanup: runs inside {@code arena.close()}, after every segment is invalid. */
    private void release() {
        try {
            os.unmap(releaseAddress, releaseLength);
        } catch (NativeCallException e) {
            releaseFailure = e;
        }
    }

    /**
     * {@return the segment over the mapped bytes: read-only if the pages cannot be written}
     *
     * <p>The same segment is returned until the mapping is closed or partly unmapped; cheap enough
     * to call on every access.
     *
     * @throws IllegalStateException if the mapping is closed, or its pages cannot be read
     *                               ({@code PROT_NONE}, or a raw {@code prot} without {@code PROT_READ})
     */
    public MemorySegment segment() {
        MemorySegment s = segment;
        if (s == null) {
            throw new IllegalStateException(describeUnusable());
        }
        return s;
    }

    private synchronized String describeUnusable() {
        return arena == null ? "mapping of " + origin + " is closed"
                : "mapping of " + origin + " cannot be read (prot=" + prot + "), so it has no segment";
    }

    /** {@return the address of the mapping's first byte} */
    public long address() {
        return base + slack;
    }

    /** {@return the number of bytes mapped, as asked for} */
    public long length() {
        return length;
    }

    /** {@return the file offset of the mapping's first byte} */
    public long fileOffset() {
        return fileOffset;
    }

    /** {@return the native protection value the pages were mapped with ({@code prot})} */
    public int nativeProt() {
        return prot;
    }

    /** {@return the native flags the pages were mapped with ({@code flags})} */
    public int nativeFlags() {
        return flags;
    }

    /** {@return whether the segment can be read} */
    public boolean isReadable() {
        return os.canRead(prot);
    }

    /** {@return whether the segment can be written} */
    public boolean isWritable() {
        return os.canWrite(prot);
    }

    /** {@return whether writes reach the file and other processes ({@code MAP_SHARED})} */
    public boolean isShared() {
        return os.isShared(flags);
    }

    /** {@return whether the mapping is still mapped} */
    public synchronized boolean isOpen() {
        return arena != null;
    }

    /**
     * Writes dirty pages of the whole mapping back to the file ({@code msync}).
     *
     * @param mode how
     * @throws IllegalStateException if the mapping is closed
     * @throws NativeCallException   if {@code msync} fails
     */
    public void sync(SyncMode mode) throws NativeCallException {
        sync(0, length, mode);
    }

    /**
     * Writes dirty pages under a byte range back to the file ({@code msync}); the range is rounded
     * out to whole pages.
     *
     * {@snippet :
     * mapping.segment().set(ValueLayout.JAVA_LONG, 4096 + 8, 42L);
     * mapping.sync(4096 + 8, 8, SyncMode.SYNC);   // msync of the one page that holds those bytes
     * }
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes, positive
     * @param mode   how
     * @throws IllegalArgumentException if the range is not inside the mapping
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code msync} fails
     */
    public synchronized void sync(long offset, long length, SyncMode mode) throws NativeCallException {
        requireInside(offset, length);
        java.util.Objects.requireNonNull(mode, "mode");
        requireOpen();
        long page = os.pageSize();
        long start = (base + slack + offset) & -page;
        long end = alignUp(base + slack + offset + length, page);
        os.sync(start, end - start, mode);
    }

    /**
     * Unmaps part of this mapping ({@code munmap} of a page-aligned range) and returns what stays
     * mapped, in address order: none, one or two new mappings with fresh segments. This mapping is
     * closed afterwards, and all its segments throw on access. Unmapping everything is
     * {@link #close()}.
     *
     * <p>The range must start on a page boundary (or at offset 0) and end on one (or at
     * {@link #length()}). If {@code munmap} fails, nothing is unmapped and this mapping stays open
     * with a fresh segment: take it again with {@link #segment()}.
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes, positive
     * @return the parts that stay mapped
     * @throws IllegalArgumentException if the range is not inside the mapping or not page-aligned
     * @throws IllegalStateException    if the mapping is closed, or a native call in another thread
     *                                  holds its segment (nothing is unmapped then)
     * @throws NativeCallException      if {@code munmap} fails ({@code ENOMEM}: splitting a mapping
     *                                  would pass {@code vm.max_map_count})
     */
    public synchronized List<Mapping> unmap(long offset, long length) throws NativeCallException {
        requireInside(offset, length);
        requireOpen();
        long page = os.pageSize();
        long start = offset == 0 ? base : base + slack + offset;
        long end = offset + length == this.length ? base + mappedLength : base + slack + offset + length;
        if ((start & (page - 1)) != 0 || (end & (page - 1)) != 0) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length
                    + " must bound whole pages of " + page + " bytes (the mapping starts " + slack
                    + " bytes into its first page)");
        }
        closeArena(start, end - start);
        if (releaseFailure != null) {
            NativeCallException e = releaseFailure;
            releaseFailure = null;
            issueSegment(); // munmap failed, so every page is still mapped
            throw e;
        }
        List<Mapping> parts = new ArrayList<>(2);
        if (start > base) {
            parts.add(of(os, origin, base, slack, offset, fileOffset, prot, flags));
        }
        if (end < base + mappedLength) {
            long tailOffset = offset + length; // end == base + slack + tailOffset
            parts.add(of(os, origin, end, 0, this.length - tailOffset, fileOffset + tailOffset, prot, flags));
        }
        return List.copyOf(parts);
    }

    /**
     * Unmaps the whole mapping ({@code munmap}); every segment taken from it throws on access from
     * then on. Closing twice does nothing.
     *
     * @throws IllegalStateException if a native call in another thread holds the segment (for
     *                               example a downcall given it as a pointer): the mapping then
     *                               stays open and usable; close it again once the call returns
     * @throws NativeCallException   if {@code munmap} fails (the segments are invalid all the same)
     */
    @Override
    public synchronized void close() throws NativeCallException {
        if (arena == null) {
            return;
        }
        closeArena(base, mappedLength);
        if (releaseFailure != null) {
            NativeCallException e = releaseFailure;
            releaseFailure = null;
            throw e;
        }
    }

    /**
     * Invalidates every segment, then unmaps the given range through the arena's cleanup. If a
     * native call in another thread holds a segment, the arena refuses to close: nothing changes,
     * and the {@link IllegalStateException} goes to the caller.
     */
    private void closeArena(long unmapAddress, long unmapLength) {
        releaseAddress = unmapAddress;
        releaseLength = unmapLength;
        arena.close();
        arena = null;
        segment = null;
    }

    private void requireOpen() {
        if (arena == null) {
            throw new IllegalStateException("mapping of " + origin + " is closed");
        }
    }

    private void requireInside(long offset, long length) {
        if (offset < 0 || length <= 0 || offset + length > this.length || offset + length < 0) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length
                    + " must name a non-empty range inside the mapping's " + this.length + " bytes");
        }
    }

    private static long alignUp(long value, long page) {
        return (value + page - 1) & -page;
    }

    @Override
    public synchronized String toString() {
        return "Mapping[" + origin + ", offset " + fileOffset + ", " + length + " bytes at 0x"
                + Long.toHexString(address()) + (arena == null ? ", closed" : "") + "]";
    }
}

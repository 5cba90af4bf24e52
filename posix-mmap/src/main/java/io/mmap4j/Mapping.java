package io.mmap4j;

import io.mmap4j.internal.NativeMemory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

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
 * <p><b>Changing protection.</b> {@link #protect} changes the rights of a page range the same
 * way: the old segments are invalidated before {@code mprotect}, and fresh ones carry the new
 * rights. A mapping whose pages differ in protection has no single segment; take
 * {@link #segment(long, long)} over a range of pages that can be read (read-only unless every page
 * in it can be written).
 *
 * <p><b>Offsets.</b> {@link #length()} and every offset taken by this class count from the byte
 * the mapping was asked to start at ({@link #fileOffset()}), which may lie inside the first page
 * when the file offset was not page-aligned.
 *
 * <p><b>Threads.</b> Any number of threads may read and write the segment at once (they need
 * their own ordering, as with any shared memory). A {@linkplain MapOptions#confined() confined}
 * mapping instead belongs to the thread that made it: only that thread may use its segments or
 * change it, and any other gets {@link WrongThreadException}; in return, closing it costs no
 * handshake with the other threads of the JVM. {@link #sync}, {@link #unmap} and
 * {@link #close()} are thread-safe and may be called while other threads use the segment.
 */
public final class Mapping implements AutoCloseable {
    /** The origin of every anonymous mapping. */
    static final String ANONYMOUS = "anonymous memory";

    /** mmap4j's live mappings by kernel start address, for {@link MapsEntry#isMmap4j()}. */
    private static final ConcurrentSkipListMap<Long, Mapping> LIVE = new ConcurrentSkipListMap<>();

    private final NativeMemory os;
    private final String origin;
    private final Reservation owner; // null, or the reservation this mapping was placed in
    private final long base;         // page-aligned address of the kernel mapping
    private final long mappedLength; // bytes the kernel maps: slack + length, rounded up to a page
    private final long slack;        // bytes from base to the first byte asked for
    private final long length;
    private final long fileOffset;
    private final int prot;          // as mapped
    private final int flags;
    private final boolean confined;  // one thread owns the segments: cheap to close, see MapOptions.confined()

    // guarded by this
    private ProtectionRuns runs;       // the pages' protection now, over [0, mappedLength)
    private Arena arena;              // null once closed
    private MemorySegment whole;      // [base, base + slack + length) in the current arena
    private long releaseAddress;      // what the arena's cleanup releases
    private long releaseLength;
    private NativeCallException releaseFailure;

    private volatile MemorySegment segment; // null when closed or not uniformly readable

    private Mapping(NativeMemory os, String origin, Reservation owner, long base, long slack, long length,
                    long fileOffset, int prot, int flags, boolean confined, ProtectionRuns runs) {
        this.confined = confined;
        this.os = os;
        this.origin = origin;
        this.owner = owner;
        this.base = base;
        this.slack = slack;
        this.length = length;
        this.mappedLength = alignUp(slack + length, os.pageSize());
        this.fileOffset = fileOffset;
        this.prot = prot;
        this.flags = flags;
        this.runs = runs != null ? runs : ProtectionRuns.uniform(mappedLength, prot);
    }

    static Mapping of(NativeMemory os, String origin, Reservation owner, long base, long slack, long length,
                      long fileOffset, int prot, int flags, boolean confined, ProtectionRuns runs) {
        Mapping m = new Mapping(os, origin, owner, base, slack, length, fileOffset, prot, flags, confined, runs);
        synchronized (m) {
            m.issueSegment();
        }
        LIVE.put(base, m);
        return m;
    }

    /**
     * Maps anonymous memory: zero-filled pages backed by no file. {@link Sharing#PRIVATE} memory is
     * this process's own; {@link Sharing#SHARED} memory is also seen by children made by
     * {@code fork}. To share with any process, map a {@link MappedFile#memfd memfd} or
     * {@link MappedFile#openSharedMemory shared memory object} instead.
     *
     * {@snippet :
     * try (Mapping scratch = Mapping.anonymous(1 << 20, MapOptions.copyOnWrite())) {
     *     scratch.segment().fill((byte) 0);
     * }
     * }
     *
     * @param length  how many bytes, positive
     * @param options typed or raw options; the anonymous flag is added, offsets and the end-of-file
     *                check do not apply; an {@linkplain MapOptions#atAddress address} is honoured
     * @return the mapping
     * @throws IllegalArgumentException if {@code length} is not positive
     * @throws NativeCallException      if {@code mmap} fails ({@code EEXIST}: something is already
     *                                  mapped at the address asked for)
     */
    public static Mapping anonymous(long length, MapOptions options) throws NativeCallException {
        Objects.requireNonNull(options, "options");
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive: " + length);
        }
        NativeMemory os = NativeMemory.get();
        int prot = os.prot(options), flags = os.flags(options);
        long address = options.fixedAddress() == 0
                ? os.mapAnonymous(length, prot, flags)
                : os.mapAt(options.fixedAddress(), false, -1, length, prot, flags, 0);
        return of(os, ANONYMOUS, null, address, 0, length, 0, prot, flags, options.isConfined(), null);
    }

    /** Gives this mapping a fresh arena and fresh segments with the pages' current rights. */
    @SuppressWarnings("restricted") // the one place a raw address becomes a segment
    private void issueSegment() {
        Arena a = confined ? Arena.ofConfined() : Arena.ofShared();
        // SAFETY: [base, base + mappedLength) is mapped by the kernel until this arena's cleanup runs,
        // and no segment is handed out over pages whose protection does not allow the access
        whole = MemorySegment.ofAddress(base).reinterpret(slack + length, a, ignored -> release());
        arena = a;
        releaseAddress = base;
        releaseLength = mappedLength;
        segment = runs.isUniform() ? view(0, length) : null;
    }

    /** A segment over bytes {@code [offset, offset + length)} with the rights all their pages share, or null. */
    private MemorySegment view(long offset, long length) {
        long from = (slack + offset) & -os.pageSize(), to = alignUp(slack + offset + length, os.pageSize());
        int common = runs.common(from, to);
        if (!os.canRead(common)) {
            return null;
        }
        MemorySegment s = whole.asSlice(slack + offset, length);
        return os.canWrite(common) ? s : s.asReadOnly();
    }

    /** The arena's cleanup: runs inside {@code arena.close()}, after every segment is invalid. */
    private void release() {
        if (releaseLength == 0) {
            return;
        }
        try {
            if (owner == null) {
                os.unmap(releaseAddress, releaseLength);
            } else {
                os.reserve(releaseAddress, releaseLength); // back to inaccessible, still reserved
            }
        } catch (NativeCallException e) {
            releaseFailure = e;
        }
    }

    /**
     * {@return the segment over all the mapped bytes: read-only if the pages cannot be written}
     *
     * <p>The same segment is returned until the mapping is closed, partly unmapped, re-protected
     * or remapped; cheap enough to call on every access.
     *
     * @throws IllegalStateException if the mapping is closed, if its pages cannot be read
     *                               ({@code PROT_NONE}, or a raw {@code prot} without {@code PROT_READ}),
     *                               or if its pages differ in protection
     */
    public MemorySegment segment() {
        MemorySegment s = segment;
        if (s == null) {
            throw new IllegalStateException(describeUnusable());
        }
        return s;
    }

    /**
     * {@return a segment over bytes {@code [offset, offset + length)}, with the rights every page
     * under it has: read-only unless all of them can be written}
     *
     * <p>Valid until the mapping is closed, partly unmapped, re-protected or remapped.
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes, positive
     * @throws IllegalArgumentException if the range is not inside the mapping
     * @throws IllegalStateException    if the mapping is closed, or a page under the range cannot be read
     */
    public synchronized MemorySegment segment(long offset, long length) {
        requireInside(offset, length);
        requireOpen();
        MemorySegment s = view(offset, length);
        if (s == null) {
            throw new IllegalStateException("bytes " + offset + ".." + (offset + length) + " of the mapping of "
                    + origin + " include pages that cannot be read");
        }
        return s;
    }

    private synchronized String describeUnusable() {
        if (arena == null) {
            return "mapping of " + origin + " is closed";
        }
        return runs.isUniform()
                ? "mapping of " + origin + " cannot be read (prot=" + prot + "), so it has no segment"
                : "mapping of " + origin + " has pages of different protection " + runs
                + "; take segment(offset, length) over pages that can be read";
    }

    /** {@return the address of the mapping's first byte} */
    public long address() {
        return base + slack;
    }

    /** {@return the number of bytes mapped, as asked for} */
    public long length() {
        return length;
    }

    /** {@return the file offset of the mapping's first byte (0 for anonymous memory)} */
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

    /** {@return whether every page can be read} */
    public synchronized boolean isReadable() {
        return os.canRead(runs.common(0, mappedLength));
    }

    /** {@return whether every page can be written} */
    public synchronized boolean isWritable() {
        return os.canWrite(runs.common(0, mappedLength));
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
     * out to whole pages. POSIX; on Windows, {@code FlushViewOfFile} (and {@code FlushFileBuffers}
     * for {@link SyncMode#SYNC}).
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
        Objects.requireNonNull(mode, "mode");
        long start = firstPage(offset, length);
        os.sync(start, pagesEnd(offset, length) - start, mode);
    }

    /**
     * {@code msync} exactly as given: {@code flags} unchanged, the range not rounded, so an
     * unaligned start is the kernel's {@code EINVAL}.
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes, positive
     * @param flags  native flags, for example {@code MS_SYNC}
     * @throws IllegalArgumentException if the range is not inside the mapping
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code msync} fails
     */
    public synchronized void syncRaw(long offset, long length, int flags) throws NativeCallException {
        requireInside(offset, length);
        requireOpen();
        os.syncRaw(address() + offset, length, flags);
    }

    /**
     * Advises the kernel how the whole mapping will be used ({@code madvise}).
     *
     * @param advice the advice
     * @throws IllegalStateException if the mapping is closed
     * @throws NativeCallException   if {@code madvise} fails ({@code EINVAL}: this kernel does not
     *                               know the advice, or it does not apply to this kind of mapping)
     */
    public void advise(Advice advice) throws NativeCallException {
        advise(0, length, advice);
    }

    /**
     * Advises the kernel how a byte range will be used ({@code madvise}); the range is rounded out
     * to whole pages. No advice here changes what the memory holds. Linux; each {@link Advice} names
     * the kernel version it needs. On Windows only {@link Advice#WILLNEED} exists
     * ({@code PrefetchVirtualMemory}); other advice throws {@link UnsupportedOperationException}.
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes, positive
     * @param advice the advice
     * @throws IllegalArgumentException if the range is not inside the mapping
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code madvise} fails
     */
    public synchronized void advise(long offset, long length, Advice advice) throws NativeCallException {
        Objects.requireNonNull(advice, "advice");
        long start = firstPage(offset, length);
        os.advise(start, pagesEnd(offset, length) - start, os.advice(advice));
    }

    /**
     * Throws away what a range holds ({@code madvise} with {@code MADV_DONTNEED}, {@code MADV_FREE}
     * or {@code MADV_REMOVE}; Linux, versions in {@link DiscardAdvice}). The range must bound whole pages, so that no byte outside it is
     * lost. The memory stays mapped and safe to access; see {@link DiscardAdvice} for what it then
     * reads.
     *
     * @param offset where the range starts, from the mapping's first byte, on a page boundary
     * @param length how many bytes, ending on a page boundary or at the mapping's end
     * @param advice which discarding advice
     * @throws IllegalArgumentException if the range is not inside the mapping or not page-aligned
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code madvise} fails
     */
    public synchronized void discardContents(long offset, long length, DiscardAdvice advice)
            throws NativeCallException {
        Objects.requireNonNull(advice, "advice");
        long[] r = exactPages(offset, length);
        os.advise(r[0], r[1] - r[0], os.advice(advice));
    }

    /**
     * {@code madvise} exactly as given: any advice value, including ones that discard contents,
     * and the range not rounded, so an unaligned start is the kernel's {@code EINVAL}.
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes, positive
     * @param advice the native advice value, for example {@code MADV_WILLNEED}
     * @throws IllegalArgumentException if the range is not inside the mapping
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code madvise} fails
     */
    public synchronized void adviseRaw(long offset, long length, int advice) throws NativeCallException {
        requireInside(offset, length);
        requireOpen();
        os.advise(address() + offset, length, advice);
    }

    /**
     * Locks the pages under a byte range in memory ({@code mlock}): they are faulted in now and
     * never paged out until unlocked or unmapped. Limited by {@code RLIMIT_MEMLOCK} unless the
     * process has {@code CAP_IPC_LOCK}. POSIX; on Windows, {@code VirtualLock}.
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes, positive
     * @throws IllegalArgumentException if the range is not inside the mapping
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code mlock} fails; past {@code RLIMIT_MEMLOCK} the
     *                                  message names the limit and how to raise it
     */
    public synchronized void lock(long offset, long length) throws NativeCallException {
        long start = firstPage(offset, length);
        os.lock(start, pagesEnd(offset, length) - start, false);
    }

    /**
     * Like {@link #lock}, but pages are locked only once touched ({@code mlock2} with
     * {@code MLOCK_ONFAULT}, Linux 4.4+).
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes, positive
     * @throws IllegalArgumentException if the range is not inside the mapping
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code mlock2} fails
     */
    public synchronized void lockOnFault(long offset, long length) throws NativeCallException {
        long start = firstPage(offset, length);
        os.lock(start, pagesEnd(offset, length) - start, true);
    }

    /**
     * {@code mlock} ({@code flags == 0}) or {@code mlock2} exactly as given.
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes, positive
     * @param flags  native {@code mlock2} flags
     * @throws IllegalArgumentException if the range is not inside the mapping
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if the call fails
     */
    public synchronized void lockRaw(long offset, long length, int flags) throws NativeCallException {
        requireInside(offset, length);
        requireOpen();
        os.lockRaw(address() + offset, length, flags);
    }

    /**
     * Unlocks the pages under a byte range ({@code munlock}).
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes, positive
     * @throws IllegalArgumentException if the range is not inside the mapping
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code munlock} fails
     */
    public synchronized void unlock(long offset, long length) throws NativeCallException {
        long start = firstPage(offset, length);
        os.unlock(start, pagesEnd(offset, length) - start);
    }

    /**
     * {@return which pages of the whole mapping are resident in memory ({@code mincore})}
     *
     * @throws IllegalStateException if the mapping is closed
     * @throws NativeCallException   if {@code mincore} fails
     */
    public Residency residency() throws NativeCallException {
        return residency(0, length);
    }

    /**
     * {@return which pages under a byte range are resident in memory ({@code mincore}, Linux and
     * the BSDs; {@code QueryWorkingSetEx} on Windows); page 0 of the result is the page that holds
     * byte {@code offset}}
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes, positive
     * @throws IllegalArgumentException if the range is not inside the mapping
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code mincore} fails
     */
    public synchronized Residency residency(long offset, long length) throws NativeCallException {
        long start = firstPage(offset, length), end = pagesEnd(offset, length);
        long page = os.pageSize();
        long pages = (end - start) / page;
        BitSet bits = new BitSet(Math.toIntExact(pages));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment vector = a.allocate(pages);
            os.residency(start, end - start, vector);
            for (long i = 0; i < pages; i++) {
                if ((vector.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i) & 1) != 0) {
                    bits.set((int) i);
                }
            }
        }
        return new Residency(bits, pages, page);
    }

    /**
     * Changes the protection of a page range ({@code mprotect}; {@code VirtualProtect} on Windows). Every segment taken from this
     * mapping is invalidated first; fresh ones, from {@link #segment()} or
     * {@link #segment(long, long)}, carry the new rights. Lowering to {@link Protection#READ}
     * makes them read-only; {@link Protection#NONE} leaves no accessible segment over the range.
     *
     * {@snippet :
     * mapping.protect(0, PageSize.get(), Protection.READ);    // the first page becomes read-only
     * MemorySegment rest = mapping.segment(PageSize.get(), mapping.length() - PageSize.get());
     * }
     *
     * @param offset     where the range starts, on a page boundary (or 0)
     * @param length     how many bytes, ending on a page boundary or at the mapping's end
     * @param protection the new protection
     * @throws IllegalArgumentException if the range is not inside the mapping or not page-aligned
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code mprotect} fails ({@code EACCES}: a shared mapping
     *                                  of a read-only file cannot become writable); the mapping
     *                                  is then unchanged, with fresh segments
     */
    public synchronized void protect(long offset, long length, Protection protection) throws NativeCallException {
        Objects.requireNonNull(protection, "protection");
        long[] r = exactPages(offset, length);
        changeProtection(r[0], r[1] - r[0], os.prot(protection));
    }

    /**
     * {@code mprotect} exactly as given: {@code prot} unchanged and the range not rounded (an
     * unaligned start is the kernel's {@code EINVAL}); the segments honour {@code prot} as the typed
     * form does.
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes, positive
     * @param prot   the native protection
     * @throws IllegalArgumentException if the range is not inside the mapping
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code mprotect} fails
     */
    public synchronized void protectRaw(long offset, long length, int prot) throws NativeCallException {
        requireInside(offset, length);
        requireOpen();
        changeProtection(address() + offset, length, prot);
    }

    private void changeProtection(long address, long length, int newProt) throws NativeCallException {
        closeArena(0, 0, false);
        try {
            os.protect(address, length, newProt);
            long from = address - base;
            runs = runs.with(from, Math.min(alignUp(from + length, os.pageSize()), mappedLength), newProt);
        } catch (NativeCallException | RuntimeException e) {
            // mprotect may have changed part of the range before failing: believe the kernel
            runs = runsFromKernel();
            throw e;
        } finally {
            issueSegment();
        }
    }

    /** The pages' protection as the kernel reports it; all inaccessible if it cannot be asked. */
    private ProtectionRuns runsFromKernel() {
        ProtectionRuns[] fromKernel = {ProtectionRuns.uniform(mappedLength, os.prot(Protection.NONE))};
        try {
            os.currentProtection(base, mappedLength,
                    (offset, length, p) -> fromKernel[0] = fromKernel[0].with(offset, offset + length, p));
        } catch (java.io.IOException unreadable) {
            return ProtectionRuns.uniform(mappedLength, os.prot(Protection.NONE));
        }
        return fromKernel[0];
    }

    /**
     * Resizes the mapping ({@code mremap}, Linux only) and returns it at its new size; this mapping
     * is closed and all its segments throw on access from then on, whether or not the pages moved.
     * For a file mapping, grow the file first ({@link MappedFile#allocate}): pages past the end of
     * the file throw {@link InternalError} when touched. Shared anonymous memory cannot grow: the
     * kernel backs it with an object of fixed size, so new pages would fault; map a
     * {@link MappedFile#memfd memfd} and grow that instead.
     *
     * {@snippet :
     * file.allocate(0, 2 * oldLength);
     * Mapping bigger = mapping.remap(2 * oldLength, true);  // may move; mapping is closed now
     * }
     *
     * @param newLength the new length in bytes, positive
     * @param mayMove   whether the kernel may move the mapping when it cannot grow in place
     * @return the resized mapping
     * @throws IllegalArgumentException      if {@code newLength} is not positive
     * @throws IllegalStateException         if the mapping is closed
     * @throws UnsupportedOperationException if the mapping was placed in a {@link Reservation}, if
     *                                       it is shared anonymous memory asked to grow, or if the
     *                                       platform cannot resize mappings
     * @throws NativeCallException           if {@code mremap} fails ({@code ENOMEM}: it cannot grow
     *                                       in place); this mapping then stays open, with fresh segments
     */
    public synchronized Mapping remap(long newLength, boolean mayMove) throws NativeCallException {
        if (newLength <= 0) {
            throw new IllegalArgumentException("newLength must be positive: " + newLength);
        }
        requireOpen();
        if (owner != null) {
            throw new UnsupportedOperationException("a mapping placed in a reservation cannot be remapped");
        }
        long newMapped = alignUp(slack + newLength, os.pageSize());
        if (newMapped > mappedLength && origin.equals(ANONYMOUS) && isShared()) {
            throw new UnsupportedOperationException("shared anonymous memory cannot grow from " + length + " to "
                    + newLength + " bytes: its backing object keeps its size, so the new pages would fault; "
                    + "map a memfd (MappedFile.memfd) and grow it instead");
        }
        closeArena(0, 0, false);
        long address;
        try {
            address = os.remap(base, mappedLength, newMapped, mayMove);
        } catch (NativeCallException | RuntimeException e) {
            issueSegment();
            throw e;
        }
        LIVE.remove(base, this);
        return of(os, origin, null, address, slack, newLength, fileOffset, prot, flags, confined, runs.resized(newMapped));
    }

    /**
     * Unmaps part of this mapping ({@code munmap} of a page-aligned range) and returns what stays
     * mapped, in address order: none, one or two new mappings with fresh segments. This mapping is
     * closed afterwards, and all its segments throw on access. Unmapping everything is
     * {@link #close()}. In a {@link Reservation}, the range goes back to being reserved.
     *
     * <p>The range must start on a page boundary (or at offset 0) and end on one (or at
     * {@link #length()}). If {@code munmap} fails, nothing is unmapped and this mapping stays open
     * with fresh segments: take them again with {@link #segment()}.
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes, positive
     * @return the parts that stay mapped
     * @throws IllegalArgumentException      if the range is not inside the mapping or not page-aligned
     * @throws IllegalStateException         if the mapping is closed, or a native call in another
     *                                       thread holds its segment (nothing is unmapped then)
     * @throws UnsupportedOperationException on a platform that cannot unmap part of a mapping
     *                                       (Windows), unless the range is the whole mapping
     * @throws NativeCallException      if {@code munmap} fails ({@code ENOMEM}: splitting a mapping
     *                                  would pass {@code vm.max_map_count})
     */
    public synchronized List<Mapping> unmap(long offset, long length) throws NativeCallException {
        long[] r = exactPages(offset, length);
        long start = r[0], end = r[1];
        if (!os.canUnmapPart() && (start != base || end != base + mappedLength)) {
            throw new UnsupportedOperationException("this platform (os.name=" + System.getProperty("os.name")
                    + ") cannot unmap part of a mapping");
        }
        closeArena(start, end - start, true);
        if (releaseFailure != null) {
            NativeCallException e = releaseFailure;
            releaseFailure = null;
            LIVE.put(base, this);
            issueSegment(); // munmap failed, so every page is still mapped
            throw e;
        }
        List<Mapping> parts = new ArrayList<>(2);
        if (start > base) {
            parts.add(of(os, origin, owner, base, slack, offset, fileOffset, prot, flags, confined,
                    runs.slice(0, start - base)));
        }
        if (end < base + mappedLength) {
            long tailOffset = offset + length; // end == base + slack + tailOffset
            parts.add(of(os, origin, owner, end, 0, this.length - tailOffset, fileOffset + tailOffset, prot, flags,
                    confined, runs.slice(end - base, mappedLength)));
        }
        if (owner != null) {
            owner.replaced(this, parts);
        }
        return List.copyOf(parts);
    }

    /**
     * Unmaps the whole mapping ({@code munmap}); every segment taken from it throws on access from
     * then on. In a {@link Reservation}, the range goes back to being reserved. Closing twice does
     * nothing.
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
        closeArena(base, mappedLength, true);
        if (owner != null) {
            owner.replaced(this, List.of());
        }
        if (releaseFailure != null) {
            NativeCallException e = releaseFailure;
            releaseFailure = null;
            throw e;
        }
    }

    /**
     * Invalidates every segment, then releases the given range through the arena's cleanup (none
     * when {@code releaseLength} is 0). If a native call in another thread holds a segment, the
     * arena refuses to close: nothing changes, and the {@link IllegalStateException} goes to the
     * caller.
     */
    private void closeArena(long releaseAddress, long releaseLength, boolean ending) {
        requireOpen();
        this.releaseAddress = releaseAddress;
        this.releaseLength = releaseLength;
        arena.close();
        arena = null;
        segment = null;
        whole = null;
        if (ending) {
            LIVE.remove(base, this);
        }
    }

    /** The kernel range {@code [start, end)} of exactly the pages under a page-aligned byte range. */
    private long[] exactPages(long offset, long length) {
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
        return new long[]{start, end};
    }

    /**
     * The kernel address of the first page that holds a byte of the range, after checking that the
     * range is inside this open mapping. Two longs rather than an array: sync and advise are hot paths.
     */
    private long firstPage(long offset, long length) {
        requireInside(offset, length);
        requireOpen();
        return (base + slack + offset) & -os.pageSize();
    }

    /** The kernel address after the last page that holds a byte of the range. */
    private long pagesEnd(long offset, long length) {
        return alignUp(base + slack + offset + length, os.pageSize());
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

    /** {@return whether a live mmap4j mapping overlaps the address range} */
    static boolean isLive(long start, long end) {
        // live mappings never overlap: only the last one starting below end can reach into the range
        Map.Entry<Long, Mapping> below = LIVE.lowerEntry(end);
        return below != null && start < below.getValue().kernelEnd();
    }

    long kernelStart() {
        return base;
    }

    long kernelEnd() {
        return base + mappedLength;
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

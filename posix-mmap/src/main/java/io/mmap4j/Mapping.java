// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import io.mmap4j.spi.Backend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * After a raw call that may change rights in ways the library cannot predict
 * ({@link RawCalls#protect}), the rights are read back from the kernel ({@code /proc/self/maps});
 * raw advice that would take rights away unseen ({@code MADV_GUARD_INSTALL},
 * {@code MADV_HWPOISON}, values this library does not know) is refused.
 *
 * <p><b>What is not protected.</b> If another descriptor or process shrinks the file under a live
 * shared mapping, a page past the new end raises {@code SIGBUS} when touched. Plain segment
 * accesses then throw {@link InternalError}, in C2-compiled code possibly only after the loop has
 * read stale values and outside the {@code try} around the access; JDK routines that read the
 * memory natively ({@code CRC32}, {@code CRC32C}, {@code Adler32}, {@code Deflater} and
 * {@code Inflater} over {@code segment().asByteBuffer()}, and {@code MemorySegment.mismatch} once
 * compiled) kill the JVM. {@link MappedFile#truncate} refuses to shrink below a live mapping made
 * through the same {@code MappedFile}, and a {@link MappedFile#memfd memfd} sealed with
 * {@link Seal#SHRINK} cannot shrink at all; nothing stops another process from shrinking an
 * ordinary file. Nor can mmap4j see what native code does with {@link #address()}.
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
 *     Split split = m.unmap(6 * page, 4 * page);         // pages 6..9 go, m is closed
 *     Mapping head = split.head().orElseThrow();         // pages 0..5
 *     Mapping tail = split.tail().orElseThrow();         // pages 10..15
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
 * <p><b>Page size.</b> A mapping knows its own page size, {@link #pageSize()}: the huge page size
 * for {@link MapFlag#HUGETLB} memory, the system's page size otherwise. Its length in the kernel
 * and every alignment that {@link #unmap}, {@link #protect} and {@link #discardContents} require
 * are in that unit.
 *
 * <p><b>Offsets.</b> {@link #length()} and every offset taken by this class count from the byte
 * the mapping was asked to start at ({@link #fileOffset()}), which may lie inside the first page
 * when the file offset was not page-aligned.
 *
 * <p><b>Threads.</b> Any number of threads may read and write the segment at once (they need
 * their own ordering, as with any shared memory), and any two operations may race: each one that
 * changes the mapped range or its rights ({@link #unmap}, {@link #protect}, {@link #remap},
 * {@link #close}, and those of the {@link Reservation} it is placed in) runs under one private
 * lock of the range's owner, so they happen one after the other; {@code close} is idempotent.
 * {@link #sync}, {@link #advise}, {@link #lock} and {@link #residency} take no lock: they hand the
 * arena's segment to the native call, which keeps the pages mapped until it returns, so a close
 * in another thread meanwhile fails with {@link IllegalStateException} and changes nothing. Never
 * synchronize on a {@code Mapping}: mmap4j does not use its monitor. A
 * {@linkplain MapOptions#confined() confined} mapping instead belongs to the thread that made it:
 * only that thread may use its segments or change it, and any other gets
 * {@link WrongThreadException}; in return, closing it costs no handshake with the other threads
 * of the JVM.
 */
public final class Mapping implements AutoCloseable {
    /** The origin of every anonymous mapping. */
    static final String ANONYMOUS = "anonymous memory";
    static final long[] NO_CUTS = {};

    /** mincore's vector is filled a chunk at a time: one native byte per page of this many pages. */
    private static final long RESIDENCY_CHUNK_PAGES = 1 << 20;

    private final Backend os;
    private final Ledger ledger;     // the owner of this range: every structural change holds its lock
    private final MappedFile file;   // null for anonymous memory
    private final String origin;
    private final Crossings.Placement placement; // standalone, or in a reservation
    private final long base;         // page-aligned address of the kernel mapping
    private final long page;         // this mapping's page size: the huge page size for hugetlb memory
    private final long mappedLength; // bytes the kernel maps: slack + length, rounded up to a page
    private final long slack;        // bytes from base to the first byte asked for
    private final long length;
    private final long fileOffset;
    private final int prot;          // as mapped
    private final int flags;
    private final Lifetime lifetime; // whose arena the segments belong to, see MapOptions
    private final boolean beyondEnd; // a file mapping that may reach past the end of the file (MapOptions.allowBeyondEndOfFile)
    private final Ledger.Range range; // what the ledger's registry knows of this mapping
    private final RawCalls raw = new RawCalls(this);

    // guarded by ledger
    private long releaseAddress;      // what the arena's cleanup releases
    private long releaseLength;
    private NativeCallException releaseFailure;
    private MappingGroup.Batch batch; // the group's batch whose arena the segments belong to; set once, in of()

    /** What threads without the lock read: replaced whole, never changed in place. */
    private volatile State state;

    /**
     * @param arena   null once the mapping is closed
     * @param whole   {@code [base, base + mappedLength)} in {@code arena}: handed to native calls only
     * @param runs    the pages' protection, over {@code [0, mappedLength)}
     * @param segment the user's segment, or null when the pages are not uniformly readable
     */
    private record State(Arena arena, MemorySegment whole, ProtectionRuns runs, MemorySegment segment) {
        boolean isOpen() {
            return arena != null;
        }
    }

    private Mapping(Backend os, Ledger ledger, MappedFile file, String origin, Crossings.Placement placement, long base,
                    long page, long slack, long length, long fileOffset, int prot, int flags, Lifetime lifetime,
                    long[] cuts, boolean beyondEnd) {
        this.os = os;
        this.ledger = ledger;
        this.file = file;
        this.origin = origin;
        this.placement = placement;
        this.base = base;
        this.page = page;
        this.slack = slack;
        this.length = length;
        this.mappedLength = alignUp(slack + length, page);
        this.fileOffset = fileOffset;
        this.prot = prot;
        this.flags = flags;
        this.lifetime = lifetime;
        this.beyondEnd = beyondEnd;
        this.range = new Ledger.Range(base, base + mappedLength, file, fileOffset, length, origin,
                new Ledger.Cost(base, base + mappedLength, placement.reservation() != null, cuts));
    }

    /**
     * Takes ownership of a range the kernel has just mapped, which {@link Crossings#check} allowed
     * before the call and {@link Ledger#takeRoom} made room for. The caller holds {@code ledger}'s
     * lock or is the only thread that knows the range. {@code cuts}: addresses inside the range
     * where the kernel may have split it (from the mapping this one is a part of).
     */
    static Mapping of(Backend os, Ledger ledger, MappedFile file, String origin, Crossings.Placement placement,
                      long base, long page, long slack, long length, long fileOffset, int prot, int flags,
                      Lifetime lifetime, ProtectionRuns runs, long[] cuts, boolean beyondEnd) throws NativeCallException {
        MappingGroup group = lifetime.group();
        Mapping m = new Mapping(os, group != null ? group.ledger : ledger, file, origin, placement,
                base, page, slack, length, fileOffset, prot, flags, lifetime, cuts, beyondEnd);
        if (group != null) {
            try {
                m.batch = group.enter();
            } catch (IllegalStateException closed) {
                os.unmap(base, m.mappedLength);
                throw closed;
            }
        }
        // registered before the segment exists: a group closed meanwhile runs the member's cleanup,
        // which must find the range to forget it
        Ledger.register(m.range);
        try {
            m.issueSegment(runs != null ? runs : ProtectionRuns.uniform(m.mappedLength, prot));
        } catch (IllegalStateException groupClosed) { // the group closed meanwhile: give the pages back
            Ledger.unregister(m.range);
            if (group == null) {
                throw groupClosed;
            }
            os.unmap(base, m.mappedLength);
            m.ledger.lock();
            try {
                group.left(null, m.batch); // nothing to unmap: the group closed the batch
            } finally {
                m.ledger.unlock();
            }
            throw new IllegalStateException(group + " is closed", groupClosed);
        }
        if (group != null) {
            group.joined(m, m.batch);
            if (!m.state.isOpen()) { // the group closed between the segment and joining: never hand out a closed mapping
                throw new IllegalStateException(group + " is closed");
            }
        }
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
        Lifetime lifetime = Lifetime.of(options);
        int cost = Crossings.check(lifetime, Crossings.Placement.STANDALONE);
        Backend os = Backend.get();
        int prot = os.prot(options), flags = os.flags(options);
        long page = os.mappingPageSize(flags, -1);
        if (!Ledger.tryTakeRoom(cost)) {
            Ledger.takeRoom(cost, "mmap", "length=" + length + ", anonymous");
        }
        try {
            long address = options.fixedAddress() == 0
                    ? os.mapAnonymous(length, prot, flags)
                    : os.mapAt(options.fixedAddress(), false, -1, length, prot, flags, 0);
            return of(os, new Ledger(), null, ANONYMOUS, Crossings.Placement.STANDALONE, address, page, 0, length, 0,
                    prot, flags, lifetime, null, NO_CUTS, false);
        } finally {
            Ledger.giveRoom(cost);
        }
    }

    /** Gives this mapping a fresh arena and fresh segments with the given rights. Caller holds the lock. */
    @SuppressWarnings("restricted") // the one place a raw address becomes a segment
    private void issueSegment(ProtectionRuns runs) {
        Arena a;
        java.util.function.Consumer<MemorySegment> cleanup;
        if (lifetime.ownsArena()) {
            a = lifetime instanceof Lifetime.Confined ? Arena.ofConfined() : Arena.ofShared();
            cleanup = ignored -> release();
        } else {
            // the group's arena, or the garbage collector's: the cleanup must not reach this Mapping, or
            // an automatic arena could never become unreachable
            a = batch != null ? batch.arena : Arena.ofAuto();
            cleanup = unmapLater(os, base, mappedLength, range);
        }
        // SAFETY: [base, base + mappedLength) is mapped by the kernel until this arena's cleanup runs,
        // the ledger's lock keeps every other structural change off it, and no user segment is handed
        // out over pages whose protection does not allow the access
        MemorySegment whole = MemorySegment.ofAddress(base).reinterpret(mappedLength, a, cleanup);
        releaseAddress = base;
        releaseLength = mappedLength;
        State fresh = new State(a, whole, runs, null);
        state = runs.isUniform() ? new State(a, whole, runs, view(fresh, 0, length)) : fresh;
    }

    /** A segment over bytes {@code [offset, offset + length)} with the rights all their pages share, or null. */
    private MemorySegment view(State s, long offset, long length) {
        long from = (slack + offset) & -page, to = alignUp(slack + offset + length, page);
        int common = s.runs.common(from, to);
        if (!os.canRead(common)) {
            return null;
        }
        MemorySegment slice = s.whole.asSlice(slack + offset, length);
        return os.canWrite(common) ? slice : slice.asReadOnly();
    }

    /** The cleanup of an arena the mapping does not own: unmaps, and forgets the range. Captures no Mapping. */
    private static java.util.function.Consumer<MemorySegment> unmapLater(Backend os, long base, long length,
                                                                         Ledger.Range range) {
        return ignored -> {
            if (!Ledger.owns(range)) {
                return; // never unmap a range the registry no longer says is this one's
            }
            try {
                // SAFETY: the arena that every segment over these pages belongs to is closed or unreachable,
                // and the registry still holds this very range, so nothing else was mapped there since
                os.unmap(base, length);
            } catch (NativeCallException e) {
                return; // nothing to report to in a cleanup: the pages stay mapped and counted, no segment covers them
            }
            Ledger.unregister(range);
        };
    }

    /** The arena's cleanup: runs inside {@code arena.close()}, under the lock, after every segment is invalid. */
    private void release() {
        if (releaseLength == 0) {
            return;
        }
        try {
            switch (placement) {
                case Crossings.Placement.Standalone s ->
                    // SAFETY: the range is this mapping's alone (the ledger's lock) and no segment covers it any more
                    os.unmap(releaseAddress, releaseLength);
                case Crossings.Placement.InReservation r ->
                    // SAFETY: MAP_FIXED over pages of this reservation, which is open (its close holds the same lock);
                    // a placed mapping exists only where the platform has reservations
                    os.reservations().orElseThrow().reserve(releaseAddress, releaseLength); // back to reserved
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
        MemorySegment s = state.segment;
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
    public MemorySegment segment(long offset, long length) {
        requireInside(offset, length);
        MemorySegment s = view(requireOpen(), offset, length);
        if (s == null) {
            throw new IllegalStateException("bytes " + offset + ".." + (offset + length) + " of the mapping of "
                    + origin + " include pages that cannot be read");
        }
        return s;
    }

    private String describeUnusable() {
        State s = state;
        if (!s.isOpen()) {
            return "mapping of " + origin + " is closed";
        }
        return s.runs.isUniform()
                ? "mapping of " + origin + " cannot be read (prot=" + s.runs.common(0, mappedLength)
                + "), so it has no segment"
                : "mapping of " + origin + " has pages of different protection " + s.runs
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

    /**
     * {@return this mapping's page size: the huge page size for {@link MapFlag#HUGETLB} memory (2 MiB
     * or 1 GiB on x86_64, or the kernel's default huge page size), the system's page size otherwise}
     */
    public long pageSize() {
        return page;
    }

    /** {@return whether every page can be read} */
    public boolean isReadable() {
        return os.canRead(state.runs.common(0, mappedLength));
    }

    /** {@return whether every page can be written} */
    public boolean isWritable() {
        return os.canWrite(state.runs.common(0, mappedLength));
    }

    /** {@return whether writes reach the file and other processes ({@code MAP_SHARED})} */
    public boolean isShared() {
        return os.isShared(flags);
    }

    /** {@return whether the mapping is still mapped} */
    public boolean isOpen() {
        return state.isOpen();
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
    public void sync(long offset, long length, SyncMode mode) throws NativeCallException {
        Objects.requireNonNull(mode, "mode");
        requireInside(offset, length);
        onPages(offset, length, range -> os.sync(range, mode));
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
     * to whole pages of {@link #pageSize()} bytes. No advice here changes what the memory holds. Linux; each {@link Advice} names
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
    public void advise(long offset, long length, Advice advice) throws NativeCallException {
        Objects.requireNonNull(advice, "advice");
        requireInside(offset, length);
        int value = os.advice(advice);
        if (os.splitsMappings(value)) {
            cutPages(offset, length, "madvise");
        }
        onPages(offset, length, page, range -> os.advise(range, value)); // hugetlb: madvise needs huge pages
    }

    /**
     * Throws away what a range holds ({@code madvise} with {@code MADV_DONTNEED}, {@code MADV_FREE}
     * or {@code MADV_REMOVE}; Linux, versions in {@link DiscardAdvice}). The memory stays mapped and
     * safe to access; see {@link DiscardAdvice} for what it then reads.
     *
     * <p>The kernel discards whole pages, so no byte outside the range may share a page with it:
     * the range must start and end on page boundaries of the file (of {@link #pageSize()} bytes).
     * Only where the bytes around the range belong to this mapping alone (anonymous or
     * {@link Sharing#PRIVATE} memory) may the range start at offset 0 or end at {@link #length()}
     * inside a page. In a {@link Sharing#SHARED} file mapping that starts or ends inside a page,
     * the first or last partial page cannot be discarded: those bytes are the file's.
     * {@snippet :
     * // file.map(100, 200, readWrite()): bytes 100..300 of the file, all inside page 0
     * mapping.discardContents(0, 200, DiscardAdvice.REMOVE); // IllegalArgumentException: page 0 holds other bytes
     * }
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes
     * @param advice which discarding advice
     * @throws IllegalArgumentException if the range is not inside the mapping, or its pages hold
     *                                  bytes outside it that could be lost
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code madvise} fails
     */
    public void discardContents(long offset, long length, DiscardAdvice advice) throws NativeCallException {
        Objects.requireNonNull(advice, "advice");
        requireInside(offset, length);
        requireNoWidening(base + slack + offset, base + slack + offset + length, "discardContents", offset, length);
        int value = os.advice(advice);
        onPages(offset, length, page, range -> os.advise(range, value));
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
    public void lock(long offset, long length) throws NativeCallException {
        requireInside(offset, length);
        cutPages(offset, length, "mlock");
        onPages(offset, length, page, range -> os.lock(range, false));
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
    public void lockOnFault(long offset, long length) throws NativeCallException {
        requireInside(offset, length);
        cutPages(offset, length, "mlock2");
        onPages(offset, length, page, range -> os.lock(range, true));
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
    public void unlock(long offset, long length) throws NativeCallException {
        requireInside(offset, length);
        cutPages(offset, length, "munlock");
        onPages(offset, length, page, range -> os.unlock(range));
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
     * <p>Counted in the system's page size ({@link PageSize#get()}), also for huge-page memory.
     * Any size works: the kernel is asked a chunk at a time, and the result holds only the runs of
     * resident pages, so a mostly cold mapping of terabytes costs little memory.
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes, positive
     * @throws IllegalArgumentException if the range is not inside the mapping
     * @throws IllegalStateException    if the mapping is closed
     * @throws NativeCallException      if {@code mincore} fails
     */
    public Residency residency(long offset, long length) throws NativeCallException {
        requireInside(offset, length);
        long small = os.pageSize();
        long start = (base + slack + offset) & -small, end = alignUp(base + slack + offset + length, small);
        long pages = (end - start) / small;
        Residency.Builder result = new Residency.Builder(pages, small);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment vector = a.allocate(Math.min(pages, RESIDENCY_CHUNK_PAGES));
            for (long done = 0; done < pages; ) {
                long n = Math.min(RESIDENCY_CHUNK_PAGES, pages - done);
                long from = start + done * small;
                onRange(from, from + n * small, range -> os.residency(range, vector));
                result.add(done, vector, n);
                done += n;
            }
        }
        return result.build();
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
    public void protect(long offset, long length, Protection protection) throws NativeCallException {
        Objects.requireNonNull(protection, "protection");
        requireInside(offset, length);
        int newProt = os.prot(protection);
        ledger.lock();
        try {
            State s = requireChangeable();
            long start = exactStart(offset, length), end = exactEnd(offset, length);
            cut(start, end, "mprotect");
            changeProtection(s, start, end - start, newProt, false);
        } finally {
            ledger.unlock();
        }
    }

    /** Invalidates the segments, calls {@code mprotect}, issues fresh ones. Caller holds the lock. */
    private void changeProtection(State s, long address, long length, int newProt, boolean raw)
            throws NativeCallException {
        closeArena(s, 0, 0);
        ProtectionRuns runs;
        try {
            // SAFETY: no segment covers the range now, and the lock keeps every other change off it
            os.protect(address, length, newProt);
            long from = address - base;
            runs = raw ? runsFromKernel()
                    : s.runs.with(from, Math.min(alignUp(from + length, page), mappedLength), newProt);
        } catch (NativeCallException | RuntimeException e) {
            // mprotect may have changed part of the range before failing: believe the kernel
            issueSegment(runsFromKernel());
            throw e;
        }
        issueSegment(runs);
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
     * For a file mapping, grow the file first ({@link MappedFile#allocate}): growing past the end of
     * the file is refused, as mapping past it is, unless the mapping was made with
     * {@link MapOptions#allowBeyondEndOfFile()} (then pages past the end throw
     * {@link InternalError} when touched, or worse in native code). Shared anonymous memory cannot grow: the
     * kernel backs it with an object of fixed size, so new pages would fault; map a
     * {@link MappedFile#memfd memfd} and grow that instead.
     *
     * {@snippet :
     * file.allocate(0, 2 * oldLength);
     * Mapping bigger = mapping.remap(2 * oldLength, RemapOptions.mayMove()); // mapping is closed now
     * }
     *
     * @param newLength the new length in bytes, positive
     * @param how       whether the kernel may move the mapping when it cannot grow in place
     * @return the resized mapping
     * @throws IllegalArgumentException      if {@code newLength} is not positive, or a file mapping
     *                                       would grow past the end of the file (unless mapped with
     *                                       {@link MapOptions#allowBeyondEndOfFile()}); nothing changes
     * @throws IllegalStateException         if the mapping is closed, or a file mapping is to grow
     *                                       while its {@link MappedFile} is closed (its size cannot
     *                                       be checked)
     * @throws UnsupportedOperationException if the mapping was placed in a {@link Reservation}, if
     *                                       it is shared anonymous memory asked to grow, or if the
     *                                       platform cannot resize mappings
     * @throws NativeCallException           if {@code mremap} fails ({@code ENOMEM}: it cannot grow
     *                                       in place); this mapping then stays open, with fresh segments
     */
    public Mapping remap(long newLength, RemapOptions how) throws NativeCallException {
        Objects.requireNonNull(how, "how");
        if (newLength <= 0) {
            throw new IllegalArgumentException("newLength must be positive: " + newLength);
        }
        if (!Ledger.tryTakeRoom(1)) {
            Ledger.takeRoom(1, "mremap", "address=0x" + Long.toHexString(base) + ", newLength=" + newLength);
        }
        ledger.lock();
        try {
            State s = requireChangeable();
            if (placement.reservation() != null) {
                throw new UnsupportedOperationException("a mapping placed in a reservation cannot be remapped");
            }
            Backend.Remapping remapping = os.remapping()
                    .orElseThrow(() -> os.unsupported("resizing a mapping (mremap)"));
            long newMapped = alignUp(slack + newLength, page);
            if (newMapped > mappedLength && origin.equals(ANONYMOUS) && isShared()) {
                throw new UnsupportedOperationException("shared anonymous memory cannot grow from " + length + " to "
                        + newLength + " bytes: its backing object keeps its size, so the new pages would fault; "
                        + "map a memfd (MappedFile.memfd) and grow it instead");
            }
            // a file mapping grows only over bytes the file has, checked under the file's lock (order: ledger,
            // then file) until the grown range is registered, so a truncate through the file cannot come between
            boolean withinFile = file != null && !beyondEnd && newLength > length;
            if (withinFile) {
                file.lockToGrowTo(fileOffset + newLength, this);
            }
            try {
                closeArena(s, 0, 0);
                long address;
                try {
                    // SAFETY: no segment covers the old range now; the kernel moves or resizes only this range
                    address = remapping.remap(base, mappedLength, newMapped, how.isMayMove());
                } catch (NativeCallException | RuntimeException e) {
                    issueSegment(s.runs);
                    throw e;
                }
                state = new State(null, null, s.runs, null); // closed before its successor exists, whatever happens next
                long kept = Math.min(mappedLength, newMapped), moved = address - base;
                long[] cuts = java.util.Arrays.stream(range.cost().cutsWithin(base, base + kept)).map(c -> c + moved)
                        .toArray();
                Mapping grown = of(os, ledger, file, origin, placement, address, page, slack, newLength, fileOffset, prot,
                        flags, lifetime, s.runs.resized(newMapped), cuts, beyondEnd);
                Ledger.unregister(range); // a no-op where the grown range took its start address
                return grown;
            } finally {
                if (withinFile) {
                    file.unlockAfterGrowth();
                }
            }
        } finally {
            ledger.unlock();
            Ledger.giveRoom(1);
        }
    }

    /**
     * Unmaps part of this mapping ({@code munmap} of a page-aligned range) and returns what stays
     * mapped: the {@link Split#head() head} before the range and the {@link Split#tail() tail}
     * after it, each a new mapping with fresh segments, or empty. This mapping is
     * closed afterwards, and all its segments throw on access. Unmapping everything is
     * {@link #close()}. In a {@link Reservation}, the range goes back to being reserved.
     *
     * <p>The range must start on a boundary of this mapping's pages ({@link #pageSize()}; or at
     * offset 0) and end on one (or at {@link #length()}). If {@code munmap} fails, nothing is
     * unmapped and this mapping stays open with fresh segments: take them again with
     * {@link #segment()}.
     *
     * @param offset where the range starts, from the mapping's first byte
     * @param length how many bytes, positive
     * @return the parts that stay mapped
     * @throws IllegalArgumentException      if the range is not inside the mapping or not page-aligned
     * @throws IllegalStateException         if the mapping is closed (by another thread too, or with
     *                                       its reservation), or a native call in another thread
     *                                       holds its segment (nothing is unmapped then)
     * @throws UnsupportedOperationException on a platform that cannot unmap part of a mapping
     *                                       (Windows), unless the range is the whole mapping
     * @throws NativeCallException      if {@code munmap} fails ({@code ENOMEM}: splitting a mapping
     *                                  would pass {@code vm.max_map_count})
     */
    public Split unmap(long offset, long length) throws NativeCallException {
        requireInside(offset, length);
        // two parts where there was one: one kernel mapping more, or two where the range goes back to a reservation
        long room = offset == 0 && length == this.length ? 0 : placement.reservation() != null ? 2 : 1;
        if (!Ledger.tryTakeRoom(room)) {
            Ledger.takeRoom(room, "munmap", "address=0x" + Long.toHexString(base + slack + offset) + ", length=" + length);
        }
        ledger.lock();
        try {
            State s = requireChangeable();
            long start = exactStart(offset, length), end = exactEnd(offset, length);
            if (!os.canUnmapPart() && (start != base || end != base + mappedLength)) {
                throw new UnsupportedOperationException("this platform (os.name=" + System.getProperty("os.name")
                        + ") cannot unmap part of a mapping");
            }
            closeArena(s, start, end - start);
            if (releaseFailure != null) {
                NativeCallException e = releaseFailure;
                releaseFailure = null;
                issueSegment(s.runs); // munmap failed, so every page is still mapped
                throw e;
            }
            state = new State(null, null, s.runs, null);
            Mapping head = null, tail = null;
            if (start > base) {
                head = of(os, ledger, file, origin, placement, base, page, slack, offset, fileOffset, prot, flags,
                        lifetime, s.runs.slice(0, start - base), range.cost().cutsWithin(base, start), beyondEnd);
            }
            if (end < base + mappedLength) {
                long tailOffset = offset + length; // end == base + slack + tailOffset
                tail = of(os, ledger, file, origin, placement, end, page, 0, this.length - tailOffset,
                        fileOffset + tailOffset, prot, flags, lifetime, s.runs.slice(end - base, mappedLength),
                        range.cost().cutsWithin(end, base + mappedLength), beyondEnd);
            }
            Split split = new Split(Optional.ofNullable(head), Optional.ofNullable(tail));
            Ledger.unregister(range); // after the parts: a live range is never missing from the ledger
            if (placement.reservation() != null) {
                placement.reservation().replaced(this, split.parts());
            }
            return split;
        } finally {
            ledger.unlock();
            Ledger.giveRoom(room);
        }
    }

    /**
     * Unmaps the whole mapping ({@code munmap}); every segment taken from it throws on access from
     * then on. In a {@link Reservation}, the range goes back to being reserved. Closing twice, or
     * from two threads at once, unmaps once; the other calls do nothing.
     *
     * @throws IllegalStateException if a native call in another thread holds the segment (for
     *                               example a {@link #sync} or a downcall given it as a pointer):
     *                               the mapping then stays open and usable; close it again once the
     *                               call returns
     * @throws NativeCallException   if {@code munmap} fails (the segments are invalid all the same)
     */
    @Override
    public void close() throws NativeCallException {
        NativeCallException failure;
        MappingGroup.Batch drained = null;
        ledger.lock();
        try {
            State s = state;
            if (!s.isOpen()) {
                return;
            }
            if (!lifetime.ownsArena()) { // bookkeeping: the group (or its last closer), or the collector, unmaps
                state = new State(null, null, s.runs, null);
                if (lifetime.group() != null) {
                    drained = lifetime.group().left(this, batch);
                }
                return;
            }
            closeArena(s, base, mappedLength);
            state = new State(null, null, s.runs, null);
            failure = releaseFailure;
            releaseFailure = null;
            if (failure == null) { // else the pages are still mapped: the registry and the budget keep them
                Ledger.unregister(range);
            }
            if (placement.reservation() != null) {
                placement.reservation().replaced(this, List.of());
            }
        } finally {
            ledger.unlock();
            if (drained != null) { // the last member of a full or aged batch: its handshake, outside the lock
                lifetime.group().unmap(drained);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Invalidates every segment, then releases the given range through the arena's cleanup (none
     * when {@code releaseLength} is 0). If a native call in another thread holds a segment, the
     * arena refuses to close: nothing changes, and the caller gets an {@link IllegalStateException}.
     * Caller holds the lock.
     */
    private void closeArena(State s, long releaseAddress, long releaseLength) {
        this.releaseAddress = releaseAddress;
        this.releaseLength = releaseLength;
        this.releaseFailure = null;
        try {
            s.arena.close();
        } catch (IllegalStateException e) {
            this.releaseLength = 0;
            throw new IllegalStateException("mapping of " + origin + " is in use by a native call in another "
                    + "thread (a sync, lock or advice, or a downcall given its segment); nothing changed: try again "
                    + "once the call returns", e);
        }
    }

    /**
     * {@return the raw door: {@code msync}, {@code madvise}, {@code mprotect} and {@code mlock2}
     * with native values, over the kernel's page range, and the native {@code prot} and
     * {@code flags} the mapping was made with}
     *
     * <p>Kept apart from the typed calls on purpose, as memmap2 keeps its unchecked advice apart:
     * see {@link RawCalls} for what it still refuses, so that no segment is ever handed out over
     * pages that fault.
     */
    public RawCalls raw() {
        return raw;
    }

    // ---- the raw door's calls, in kernel coordinates: [base + offset, base + offset + length)

    int rawProt() {
        return prot;
    }

    int rawFlags() {
        return flags;
    }

    long kernelLength() {
        return mappedLength;
    }

    void rawSync(long offset, long length, int syncFlags) throws NativeCallException {
        requireInsideKernel(offset, length);
        onRange(base + offset, base + offset + length, range -> os.syncRaw(range, syncFlags));
    }

    void rawAdvise(long offset, long length, int advice) throws NativeCallException {
        requireInsideKernel(offset, length);
        String refusal = os.refusedRawAdvice(advice);
        if (refusal != null) {
            throw new IllegalArgumentException("advice " + advice + " is refused: " + refusal);
        }
        if (os.discardsContents(advice)) {
            requireNoWidening(base + offset, base + offset + length, "raw().advise(" + advice + ")", offset, length);
        }
        if (os.splitsMappings(advice)) {
            cut(base + offset, alignUp(base + offset + length, page), "madvise");
        }
        onRange(base + offset, base + offset + length, range -> os.advise(range, advice));
    }

    void rawLock(long offset, long length, int lockFlags) throws NativeCallException {
        requireInsideKernel(offset, length);
        cut(base + offset, alignUp(base + offset + length, page), "mlock2");
        onRange(base + offset, base + offset + length, range -> os.lockRaw(range, lockFlags));
    }

    void rawProtect(long offset, long length, int newProt) throws NativeCallException {
        requireInsideKernel(offset, length);
        ledger.lock();
        try {
            State s = requireChangeable();
            String reach = os.protectionReach(newProt, base, mappedLength);
            if (reach != null) {
                throw new IllegalArgumentException("prot " + newProt + " is refused: " + reach);
            }
            cut(base + offset, alignUp(base + offset + length, page), "mprotect");
            changeProtection(s, base + offset, length, newProt, true);
        } finally {
            ledger.unlock();
        }
    }

    private void requireInsideKernel(long offset, long length) {
        if (offset < 0 || length <= 0 || offset + length > mappedLength || offset + length < 0) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length
                    + " must name a non-empty range inside the mapping's " + mappedLength + " bytes (its kernel page range)");
        }
    }

    // ---- calls that change no range: no lock, the arena keeps the pages mapped

    /** A native call on part of {@code whole}. */
    @FunctionalInterface
    private interface RangeCall {
        void run(MemorySegment range) throws NativeCallException;
    }

    /** Calls on the pages that hold bytes {@code [offset, offset + length)}, in the system's page size. */
    private void onPages(long offset, long length, RangeCall call) throws NativeCallException {
        onPages(offset, length, os.pageSize(), call);
    }

    /** Calls on the pages of {@code unit} bytes that hold bytes {@code [offset, offset + length)}. */
    private void onPages(long offset, long length, long unit, RangeCall call) throws NativeCallException {
        onRange((base + slack + offset) & -unit, alignUp(base + slack + offset + length, unit), call);
    }

    /** Calls on exactly bytes {@code [offset, offset + length)}. */
    private void onBytes(long offset, long length, RangeCall call) throws NativeCallException {
        onRange(base + slack + offset, base + slack + offset + length, call);
    }

    /**
     * Calls on the kernel range {@code [start, end)} through the arena's segment, so that the pages
     * stay mapped for the call. If a structural change closes the arena meanwhile, waits for it and
     * calls again on the fresh segment; if the mapping is closed, throws.
     */
    private void onRange(long start, long end, RangeCall call) throws NativeCallException {
        State s = requireOpen();
        while (true) {
            try {
                call.run(s.whole.asSlice(start - base, end - start));
                return;
            } catch (IllegalStateException e) {
                if (s.arena.scope().isAlive()) {
                    throw e; // not about this mapping's arena
                }
                State now = state;
                if (now == s) { // a change is under way: it holds the lock until the new state is out
                    ledger.lock();
                    ledger.unlock();
                    now = state;
                }
                if (!now.isOpen() || now == s) { // closed, or a change that failed half-way left no segment
                    throw new IllegalStateException("mapping of " + origin + " is closed", e);
                }
                s = now;
            }
        }
    }

    // ---- the budget: cuts a call may make inside the kernel mapping

    /** Counts the cuts a flag-setting call on the pages under bytes {@code [offset, offset + length)} may make. */
    private void cutPages(long offset, long length, String call) throws NativeCallException {
        cut((base + slack + offset) & -page, alignUp(base + slack + offset + length, page), call);
    }

    /** Counts the cuts a call on the kernel range {@code [start, end)} may make, before the call. */
    private void cut(long start, long end, String call) throws NativeCallException {
        Ledger.cut(range, start, end, call);
    }

    // ---- checks

    /**
     * Refuses a kernel range {@code [start, end)} whose whole pages, which the kernel discards, hold
     * bytes outside it that someone can see: the user's own bytes of this mapping, or, in a shared
     * file mapping, any byte of the file.
     */
    private void requireNoWidening(long start, long end, String call, long offset, long length) {
        long lostStart = start & -page, lostEnd = alignUp(end, page);
        boolean ownsEdges = file == null || !isShared(); // anonymous or private: bytes outside [slack, slack + length) are nobody's
        long visibleStart = base + slack, visibleEnd = base + slack + this.length;
        boolean startOk = lostStart == start || (ownsEdges && start <= visibleStart);
        boolean endOk = lostEnd == end || (ownsEdges && end >= visibleEnd);
        if (!startOk || !endOk) {
            long from = start - visibleStart, to = end - visibleStart; // in the mapping's own offsets
            throw new IllegalArgumentException(call + ": offset " + offset + " and length " + length
                    + (file == null ? "" : " (file bytes " + (fileOffset + from) + ".." + (fileOffset + to) + ")")
                    + " must bound whole pages of " + page + " bytes: the kernel discards whole pages, and would lose "
                    + (file == null ? "" : "file ") + "bytes outside the range");
        }
    }

    /** The kernel address of the first page of a page-aligned byte range (offset 0 may start inside it). */
    private long exactStart(long offset, long length) {
        long start = offset == 0 ? base : base + slack + offset;
        requirePageAligned(start, offset, length);
        return start;
    }

    /** The kernel address after the last page of a page-aligned byte range (it may end at the mapping's end). */
    private long exactEnd(long offset, long length) {
        long end = offset + length == this.length ? base + mappedLength : base + slack + offset + length;
        requirePageAligned(end, offset, length);
        return end;
    }

    private void requirePageAligned(long address, long offset, long length) {
        if ((address & (page - 1)) != 0) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length
                    + " must bound whole pages of " + page + " bytes (the mapping starts " + slack
                    + " bytes into its first page)");
        }
    }

    /** {@return the state, if open} */
    private State requireOpen() {
        State s = state;
        if (!s.isOpen()) {
            throw new IllegalStateException("mapping of " + origin + " is closed");
        }
        return s;
    }

    /** {@return the state, if open and not in a closed reservation} Caller holds the lock. */
    private State requireChangeable() {
        State s = requireOpen();
        switch (lifetime) {
            case Lifetime.Shared sh -> { }
            case Lifetime.Confined c -> { }
            case Lifetime.Automatic a -> throw new UnsupportedOperationException("the mapping of " + origin
                    + " is automatic: the JVM cannot invalidate its segments, so it cannot be split, protected or "
                    + "remapped; map it without automatic()");
            case Lifetime.Grouped(MappingGroup g) -> throw new UnsupportedOperationException("the mapping of " + origin
                    + " belongs to " + g + ": its segments live until the group closes, so it cannot be split, "
                    + "protected or remapped; map it without in(group)");
        }
        Reservation owner = placement.reservation();
        if (owner != null && owner.isClosed()) {
            throw new IllegalStateException("the reservation of the mapping of " + origin + " is closed");
        }
        return s;
    }

    private void requireInside(long offset, long length) {
        if (offset < 0 || length <= 0 || offset + length > this.length || offset + length < 0) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length
                    + " must name a non-empty range inside the mapping's " + this.length + " bytes");
        }
    }

    /** Throws if this thread cannot close the mapping: it is confined to another. Caller holds the lock. */
    void requireClosableHere() {
        State s = state;
        if (s.isOpen() && !s.whole.isAccessibleBy(Thread.currentThread())) {
            throw new WrongThreadException("the mapping of " + origin + " is confined to another thread, which must "
                    + "close it first");
        }
    }

    /** {@return the group's batch this member belongs to, or null} */
    MappingGroup.Batch batch() {
        return batch;
    }

    /** Called by the group, under its lock, once its arena is closed and this member's pages unmapped. */
    void groupClosed() {
        state = new State(null, null, state.runs, null);
    }

    /** {@return whether a live mmap4j mapping overlaps the address range} */
    static boolean isLive(long start, long end) {
        return Ledger.isLive(start, end);
    }

    long kernelStart() {
        return base;
    }

    long kernelEnd() {
        return base + mappedLength;
    }

    MappedFile file() {
        return file;
    }

    private static long alignUp(long value, long page) {
        return (value + page - 1) & -page;
    }

    @Override
    public String toString() {
        return "Mapping[" + origin + ", offset " + fileOffset + ", " + length + " bytes at 0x"
                + Long.toHexString(address()) + (state.isOpen() ? "" : ", closed") + "]";
    }
}

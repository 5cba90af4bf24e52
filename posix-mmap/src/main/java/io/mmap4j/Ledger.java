package io.mmap4j;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who owns which address range. mmap4j's live ranges are registered here by kernel start address,
 * and every structural change to a range (map, split, protect, remap, reservation place, release
 * and close) happens under the lock of the range's owner: one {@code Ledger} per
 * {@link Reservation}, shared by every mapping placed in it; one per {@link MappingGroup}, shared
 * by its members; and one per standalone mapping, shared by the parts it is split into and the
 * mapping it is remapped into.
 *
 * <p><b>Lock order.</b> A thread holds at most one ledger lock; while holding it, it may take a
 * {@link MappedFile}'s lock (to map the file), never the other way round. Nothing else in mmap4j
 * locks. Calls that change no range (sync, advice, lock, residency) take no lock: they pass the
 * arena-bound segment to the downcall, which keeps the pages mapped for the call.
 *
 * <p>The registry holds plain facts about each range, never a {@code Mapping} or a segment, so
 * that it keeps no automatic mapping from being collected.
 */
final class Ledger {
    /** What the registry knows of a live range: the kernel's {@code [start, end)} and, for a file, its bytes. */
    record Range(long start, long end, MappedFile file, long fileOffset, long length, String description) {
    }

    /** Live ranges by kernel start address; they never overlap. */
    private static final ConcurrentSkipListMap<Long, Range> LIVE = new ConcurrentSkipListMap<>();

    private final ReentrantLock lock = new ReentrantLock();

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    static void register(Range r) {
        LIVE.put(r.start(), r);
    }

    /** Forgets {@code r}, unless another range has taken its start address since (the head of a split). */
    static void unregister(Range r) {
        LIVE.remove(r.start(), r);
    }

    /** {@return whether a live mmap4j mapping overlaps the address range} */
    static boolean isLive(long start, long end) {
        // live ranges never overlap: only the last one starting below end can reach into the range
        Map.Entry<Long, Range> below = LIVE.lowerEntry(end);
        return below != null && start < below.getValue().end();
    }

    /** {@return a live range of {@code file} whose bytes reach past {@code size}, or null} */
    static Range liveBeyond(MappedFile file, long size) {
        for (Range r : LIVE.values()) {
            if (r.file() == file && r.fileOffset() + r.length() > size) {
                return r;
            }
        }
        return null;
    }
}

package io.mmap4j;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who owns which address range. mmap4j's live mappings are registered here by kernel start address,
 * and every structural change to a range (map, split, protect, remap, reservation place, release
 * and close) happens under the lock of the range's owner: one {@code Ledger} per
 * {@link Reservation}, shared by every mapping placed in it, and one per standalone mapping, shared
 * by the parts it is split into and the mapping it is remapped into.
 *
 * <p><b>Lock order.</b> A thread holds at most one ledger lock; while holding it, it may take a
 * {@link MappedFile}'s lock (to map the file), never the other way round. Nothing else in mmap4j
 * locks. Calls that change no range (sync, advice, lock, residency) take no lock: they pass the
 * arena-bound segment to the downcall, which keeps the pages mapped for the call.
 */
final class Ledger {
    /** Live mappings by kernel start address; they never overlap. */
    private static final ConcurrentSkipListMap<Long, Mapping> LIVE = new ConcurrentSkipListMap<>();

    private final ReentrantLock lock = new ReentrantLock();

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    static void register(Mapping m) {
        LIVE.put(m.kernelStart(), m);
    }

    static void unregister(Mapping m) {
        LIVE.remove(m.kernelStart(), m);
    }

    /** {@return whether a live mmap4j mapping overlaps the address range} */
    static boolean isLive(long start, long end) {
        // live mappings never overlap: only the last one starting below end can reach into the range
        Map.Entry<Long, Mapping> below = LIVE.lowerEntry(end);
        return below != null && start < below.getValue().kernelEnd();
    }

    /** {@return a live mapping of {@code file} that reaches past {@code size}, or null} */
    static Mapping liveBeyond(MappedFile file, long size) {
        for (Mapping m : LIVE.values()) {
            if (m.file() == file && m.fileOffset() + m.length() > size) {
                return m;
            }
        }
        return null;
    }
}

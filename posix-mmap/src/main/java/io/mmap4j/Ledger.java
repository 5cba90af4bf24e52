// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import io.mmap4j.spi.Backend;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
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
        /**
         * Identity: a range unmapped and a new one made at the same address with the same facts are
         * two ranges, and the first one's late {@link #unregister} (its cleanup unmaps, then forgets)
         * must not drop the second from the registry, which the truncate guard and the budget read.
         */
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** Live ranges by kernel start address; they never overlap. */
    private static final ConcurrentSkipListMap<Long, Range> LIVE = new ConcurrentSkipListMap<>();
    private static final AtomicLong COUNT = new AtomicLong(); // LIVE's size, which the map counts in O(n)

    private final ReentrantLock lock = new ReentrantLock();

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    static void register(Range r) {
        if (LIVE.put(r.start(), r) == null) {
            COUNT.incrementAndGet();
        }
    }

    /** Forgets {@code r}, unless another range has taken its start address since (the head of a split). */
    static void unregister(Range r) {
        if (LIVE.remove(r.start(), r)) {
            COUNT.decrementAndGet();
        }
    }

    /** {@return how many ranges mmap4j has mapped and not yet unmapped} */
    static long liveCount() {
        return COUNT.get();
    }

    /**
     * How many live mappings mmap4j makes at most: {@code -Dio.mmap4j.maxMappings}, or the process's
     * limit less an eighth of it (at least 4096), which stays for the JVM's own mappings: a JVM that
     * cannot map its thread stacks, code or heap aborts.
     */
    static final class Budget {
        static final long LIMIT = Backend.get().mappingLimit();
        static final long MAX = budget(Long.getLong("io.mmap4j.maxMappings", 0), LIMIT);

        static long budget(long asked, long limit) {
            if (asked > 0) {
                return asked;
            }
            return limit == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, limit - Math.max(4096, limit / 8));
        }
    }

    /** {@return whether one more mapping fits the budget; when not, {@link #makeRoom} before mapping} */
    static boolean hasRoom() {
        return COUNT.get() < Budget.MAX;
    }

    /**
     * Makes room for one more mapping before {@code call}: when the budget is spent, asks the
     * collector for automatic mappings nobody reaches (and gives batched groups' daemon time),
     * waiting up to about a quarter of a second, then refuses. Holds no lock.
     */
    static void makeRoom(String call, String arguments) throws NativeCallException {
        long max = Budget.MAX;
        for (int i = 0; i < 8 && COUNT.get() >= max; i++) {
            System.gc(); // an automatic mapping's pages go with its arena, which the collector finds
            try {
                Thread.sleep(1L << i);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long live = COUNT.get();
        if (live >= max) {
            throw new NativeCallException(call, arguments, 0, "REFUSED", "not called: " + live
                    + " live mmap4j mappings reach its budget of " + max, "close mappings no longer needed"
                    + (Budget.LIMIT == Long.MAX_VALUE ? "" : ", or raise sysctl vm.max_map_count (" + Budget.LIMIT
                    + "; mmap4j leaves " + (Budget.LIMIT - max) + " of it to the JVM, which aborts when it cannot map)")
                    + ", or set -Dio.mmap4j.maxMappings");
        }
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

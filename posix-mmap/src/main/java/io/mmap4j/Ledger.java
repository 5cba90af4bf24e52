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
    record Range(long start, long end, MappedFile file, long fileOffset, long length, String description, Cost cost) {
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

    /**
     * How many kernel mappings a range may stand for, counted conservatively: the kernel only
     * splits a mapping where a call named an address, and merging only lowers the count, so a range
     * costs one, one more when placed in a reservation (it cuts the reservation's mapping in up to
     * three), and one per distinct address strictly inside it at which a call may have cut it.
     */
    static final class Cost {
        private final ReentrantLock lock = new ReentrantLock(); // private: nobody else can hold it
        private final long start;
        private final long end;
        private final int placed;  // 1 in a reservation, else 0
        private long[] cuts;       // sorted, strictly inside (start, end); guarded by lock
        private int count;
        private boolean live;      // registered and not yet unregistered; guarded by lock

        Cost(long start, long end, boolean placed, long[] cuts) {
            this.start = start;
            this.end = end;
            this.placed = placed ? 1 : 0;
            this.cuts = new long[Math.max(4, cuts.length)];
            for (long c : cuts) {
                if (c > start && c < end) {
                    this.cuts[count++] = c;
                }
            }
            java.util.Arrays.sort(this.cuts, 0, count);
        }

        /** {@return the kernel mappings this range may stand for} */
        long units() {
            lock.lock();
            try {
                return 1 + placed + count;
            } finally {
                lock.unlock();
            }
        }

        /** {@return the cuts in {@code (from, to)}, for a part of this range} */
        long[] cutsWithin(long from, long to) {
            lock.lock();
            try {
                return java.util.Arrays.stream(cuts, 0, count).filter(c -> c > from && c < to).toArray();
            } finally {
                lock.unlock();
            }
        }

        private boolean isNew(long at) {
            return at > start && at < end && java.util.Arrays.binarySearch(cuts, 0, count, at) < 0;
        }

        private int missing(long from, long to) {
            return (isNew(from) ? 1 : 0) + (to != from && isNew(to) ? 1 : 0);
        }

        /** Adds what is missing of {@code from} and {@code to}; {@return how many were added} Caller holds lock. */
        private int add(long from, long to) {
            int added = 0;
            for (long at : new long[] {from, to}) {
                if (isNew(at)) {
                    if (count == cuts.length) {
                        cuts = java.util.Arrays.copyOf(cuts, 2 * count);
                    }
                    int i = -java.util.Arrays.binarySearch(cuts, 0, count, at) - 1;
                    System.arraycopy(cuts, i, cuts, i + 1, count - i);
                    cuts[i] = at;
                    count++;
                    added++;
                }
            }
            return added;
        }
    }

    /** Live ranges by kernel start address; they never overlap. */
    private static final ConcurrentSkipListMap<Long, Range> LIVE = new ConcurrentSkipListMap<>();
    /** Kernel mappings mmap4j may stand for: live ranges' and reservations' costs, and room taken for calls under way. */
    private static final AtomicLong COUNT = new AtomicLong();

    private final ReentrantLock lock = new ReentrantLock();

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** Records a range the kernel has just mapped, and its cost; the caller took room for it with {@link #takeRoom}. */
    static void register(Range r) {
        long units;
        r.cost.lock.lock();
        try {
            r.cost.live = true;
            units = 1 + r.cost.placed + r.cost.count;
        } finally {
            r.cost.lock.unlock();
        }
        Range replaced = LIVE.put(r.start(), r);
        COUNT.addAndGet(units);
        if (replaced != null && replaced != r) { // a part or a resized range at the same start: the old one is gone
            forget(replaced);
        }
    }

    /** Forgets {@code r} and its cost, unless another range has taken its start address since (the head of a split). */
    static void unregister(Range r) {
        if (LIVE.remove(r.start(), r)) {
            forget(r);
        }
    }

    private static void forget(Range r) {
        r.cost.lock.lock();
        try {
            if (r.cost.live) {
                r.cost.live = false;
                COUNT.addAndGet(-(1 + r.cost.placed + r.cost.count));
            }
        } finally {
            r.cost.lock.unlock();
        }
    }

    /** {@return whether {@code r} itself is still live: a cleanup unmaps only a range the registry says is its own} */
    static boolean owns(Range r) {
        return LIVE.get(r.start()) == r;
    }

    /**
     * Counts the cuts that a call on {@code [from, to)} inside {@code r} may make (mprotect, mlock,
     * advice that sets flags), taking room for them first.
     *
     * @throws NativeCallException if the budget has no room for them (nothing was called)
     */
    static void cut(Range r, long from, long to, String call) throws NativeCallException {
        int needed;
        r.cost.lock.lock();
        try {
            needed = r.cost.live ? r.cost.missing(from, to) : 0;
        } finally {
            r.cost.lock.unlock();
        }
        if (needed == 0) {
            return;
        }
        if (!tryTakeRoom(needed)) { // may wait for the collector: no lock held
            takeRoom(needed, call, "address=0x" + Long.toHexString(from) + ", length=" + (to - from));
        }
        r.cost.lock.lock();
        try {
            int added = r.cost.live ? r.cost.add(from, to) : 0;
            COUNT.addAndGet(added - needed); // the room taken becomes the range's; the rest is given back
        } finally {
            r.cost.lock.unlock();
        }
    }

    /** Counts a reservation's own kernel mapping; {@link #giveRoom} gives it back once released. */
    static void reserveCounted(String call, String arguments) throws NativeCallException {
        takeRoom(1, call, arguments);
    }

    /** {@return how many kernel mappings mmap4j may stand for now, counted conservatively} */
    static long liveCount() {
        return COUNT.get();
    }

    /**
     * How many kernel mappings mmap4j makes at most: {@code -Dio.mmap4j.maxMappings}, or the process's
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

    /**
     * Takes room for {@code units} more kernel mappings before {@code call}, atomically, so that
     * threads mapping at once never pass the budget together. When the budget is spent, asks the
     * collector for automatic mappings nobody reaches (and gives batched groups' daemon time),
     * waiting up to about a quarter of a second, then refuses. Holds no lock. The caller gives the
     * room back with {@link #giveRoom} once the call failed or its ranges are registered.
     *
     * @throws NativeCallException naming the budget, the kernel's cap and how to raise each
     */
    static void takeRoom(long units, String call, String arguments) throws NativeCallException {
        long max = Budget.MAX;
        for (int i = 0; ; i++) {
            if (tryTakeRoom(units)) {
                return;
            }
            long live = COUNT.get();
            if (i >= 8) {
                throw new NativeCallException(call, arguments, 0, "REFUSED", "not called: mmap4j's "
                        + live + " kernel mappings (counted conservatively) and " + units + " more would pass its budget of "
                        + max, "close mappings no longer needed"
                        + (Budget.LIMIT == Long.MAX_VALUE ? "" : ", or raise sysctl vm.max_map_count (" + Budget.LIMIT
                        + "; mmap4j leaves " + (Budget.LIMIT - max) + " of it to the JVM, which aborts when it cannot map)")
                        + ", or set -Dio.mmap4j.maxMappings");
            }
            System.gc(); // an automatic mapping's pages go with its arena, which the collector finds
            try {
                Thread.sleep(1L << i);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                i = 8;
            }
        }
    }

    /**
     * {@return whether room for {@code units} was taken at once} The caller's fast path: when false,
     * it builds its call's arguments and asks {@link #takeRoom}, which waits for the collector or refuses.
     */
    static boolean tryTakeRoom(long units) {
        for (long live = COUNT.get(); live + units <= Budget.MAX; live = COUNT.get()) {
            if (COUNT.compareAndSet(live, live + units)) {
                return true;
            }
        }
        return false;
    }

    /** Gives back room taken with {@link #takeRoom}. */
    static void giveRoom(long units) {
        COUNT.addAndGet(-units);
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

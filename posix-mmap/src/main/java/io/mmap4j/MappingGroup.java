// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Many mappings under one lifetime: the members share one shared {@link Arena}, so closing a
 * member is bookkeeping, and closing the group is one handshake with the JVM's threads followed by
 * every member's {@code munmap}. Closing a shared arena stops every thread of the JVM at a
 * handshake, which costs far more than the {@code munmap} itself when mappings come and go often;
 * a group pays that price once for all its members (Lucene groups the files of one index segment
 * the same way).
 *
 * {@snippet :
 * try (MappingGroup request = MappingGroup.open()) {
 *     for (Path p : files) {
 *         Mapping m = MappedFile.mapWhole(p, MapOptions.readOnly().in(request));
 *         total += m.segment().get(ValueLayout.JAVA_LONG, 0);
 *         m.close();                // bookkeeping: the pages stay mapped until the group closes
 *     }
 * }                                 // one handshake, then every munmap
 * }
 *
 * <p><b>What a member can do.</b> Read and write its segments, {@code sync}, {@code advise},
 * {@code discardContents}, {@code lock}, {@code residency} and the raw door's calls that change no
 * rights. What a member cannot do is invalidate its own segments without invalidating every
 * member's: {@link Mapping#unmap}, {@link Mapping#protect}, {@link Mapping#remap} and
 * {@link RawCalls#protect} throw {@link UnsupportedOperationException}; map outside a group
 * where you need them. {@link Mapping#close()} on a member makes {@link Mapping#segment()} throw,
 * but segments taken before stay valid, and its pages stay mapped, until the group closes: never
 * a segment over an unmapped page.
 *
 * <p><b>Which lifetime fits which workload.</b>
 * <ul>
 * <li>Long-lived and shared by threads (a whole index, a whole log): a group per unit that is
 *     dropped at once (an index segment, a log generation), or default mappings if they change
 *     shape (split, protect, remap).</li>
 * <li>Short and many (one request, one batch): a group per request; memory is returned when the
 *     request ends.</li>
 * <li>Short and many, with no unit to hang them on (mappings made and dropped for as long as a
 *     service runs, by any thread): one {@link #openBatched batched} group, which unmaps closed
 *     members in reference-counted batches, one handshake per batch, with a bound on how long
 *     their pages stay mapped.</li>
 * <li>One thread maps, uses and unmaps: {@link MapOptions#confined()}, the cheapest close.</li>
 * <li>Owned by nothing in particular, and may be forgotten: {@link MapOptions#automatic()}; the
 *     garbage collector unmaps it.</li>
 * </ul>
 *
 * <p>Thread-safe; the group's lock is private, and no handshake runs under it except the group's
 * own close. Closing twice, or from two threads at once, unmaps once. If a native call in another
 * thread holds a member's segment, {@link #close()} throws {@link IllegalStateException} and the
 * group stays open.
 */
public final class MappingGroup implements AutoCloseable {
    /** Retires batches that reach their age while nobody maps; one daemon thread for every batched group. */
    private static final class Timer {
        static final ScheduledThreadPoolExecutor EXECUTOR = executor();

        private static ScheduledThreadPoolExecutor executor() {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "mmap4j-batch-unmapper");
                t.setDaemon(true);
                return t;
            });
            e.setRemoveOnCancelPolicy(true);
            return e;
        }
    }

    /**
     * Members that share one shared arena: reference counted by its open members. Guarded by the
     * group's ledger.
     */
    static final class Batch {
        final Arena arena = Arena.ofShared();
        final long born = System.nanoTime();
        int joined;        // members ever made in it
        int open;          // members not yet closed, or being made
        boolean retired;   // takes no new members
        boolean unmapping; // handed to unmap(): nobody else closes it
        ScheduledFuture<?> expiry;
    }

    final Ledger ledger = new Ledger();
    private final int batchSize;   // 0: one batch for the group's whole life
    private final long maxAgeNanos;
    private final Set<Mapping> members = new LinkedHashSet<>(); // open members, guarded by ledger
    private final Set<Batch> batches = new LinkedHashSet<>();   // batches not yet unmapped, guarded by ledger
    private Batch current;                                     // guarded by ledger; null: the next member starts one
    private volatile boolean closed;                           // written under ledger

    private MappingGroup(int batchSize, long maxAgeNanos) {
        this.batchSize = batchSize;
        this.maxAgeNanos = maxAgeNanos;
    }

    /** {@return a new, empty, open group, whose members are unmapped when it closes} */
    public static MappingGroup open() {
        return new MappingGroup(0, 0);
    }

    /**
     * {@return a new, empty, open group that unmaps closed members in batches, for mappings that come
     * and go for as long as a service runs}
     *
     * <p>Members join the current batch until it holds {@code batchSize} members or is
     * {@code maxAge} old; the next member starts a new batch. Each batch has its own shared arena,
     * reference counted by its open members: once every member of a batch is closed and the batch is
     * full or {@code maxAge} old, it is unmapped, one handshake with the JVM's threads then each
     * member's {@code munmap}, by the thread that closes its last member (or whose new member starts
     * the next batch), or by mmap4j's daemon thread {@code mmap4j-batch-unmapper} when the age comes
     * later. So a closed member's pages stay mapped
     * until the later of two moments: the last close among the at most {@code batchSize - 1} others
     * made in its batch, and {@code maxAge} after the batch began. A member that stays open keeps its
     * batch's closed members mapped: batch together mappings that live about as long as one another
     * (requests, queries, short reads), and map long-lived ones in a group of their own.
     *
     * {@snippet :
     * MappingGroup reads = MappingGroup.openBatched(64, Duration.ofMillis(100));  // for the service's life
     * // in any thread, for each request:
     * try (Mapping m = file.map(offset, length, MapOptions.readOnly().in(reads))) {
     *     return m.segment().get(ValueLayout.JAVA_LONG, 0);
     * }   // bookkeeping; every 64 closes (or 100 ms) cost one handshake
     * }
     *
     * <p>Closing the group unmaps every batch, and every member with it, at once.
     *
     * @param batchSize how many members a batch takes, at least 1
     * @param maxAge    how long a batch takes members, and the least time its closed members' pages
     *                  may stay mapped; positive
     * @throws IllegalArgumentException if {@code batchSize} or {@code maxAge} is not positive
     */
    public static MappingGroup openBatched(int batchSize, Duration maxAge) {
        Objects.requireNonNull(maxAge, "maxAge");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
        }
        long nanos;
        try {
            nanos = maxAge.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        return new MappingGroup(batchSize, nanos);
    }

    /** {@return whether the group is open} */
    public boolean isOpen() {
        return !closed;
    }

    /** {@return the members not yet closed} */
    public List<Mapping> mappings() {
        ledger.lock();
        try {
            return List.copyOf(members);
        } finally {
            ledger.unlock();
        }
    }

    /**
     * {@return the batch a new member joins, counted as open so that it cannot be unmapped under the
     * member being made}
     *
     * @throws IllegalStateException if the group is closed
     */
    Batch enter() {
        Batch drained = null;
        Batch entered;
        ledger.lock();
        try {
            if (closed) {
                throw new IllegalStateException(this + " is closed");
            }
            if (current != null && batchSize > 0
                    && (current.joined >= batchSize || System.nanoTime() - current.born >= maxAgeNanos)) {
                current.retired = true;
                if (drainable(current)) { // every member closed already: this thread unmaps it
                    drained = take(current);
                }
                current = null;
            }
            if (current == null) {
                current = new Batch();
                batches.add(current);
                if (batchSize > 0 && maxAgeNanos != Long.MAX_VALUE) {
                    Batch b = current;
                    b.expiry = Timer.EXECUTOR.schedule(() -> expire(b), maxAgeNanos, TimeUnit.NANOSECONDS);
                }
            }
            current.joined++;
            current.open++;
            entered = current;
        } finally {
            ledger.unlock();
        }
        if (drained != null) { // the handshake, outside the lock; mapping threads pay it, so they cannot outrun it
            unmap(drained);
        }
        return entered;
    }

    /** Called by a member made in {@code batch} (under no lock: the member is new). */
    void joined(Mapping m, Batch batch) {
        ledger.lock();
        try {
            if (batches.contains(batch)) {
                members.add(m);
            } else { // the group closed while the member was made: its arena is closed and its pages gone
                m.groupClosed();
            }
        } finally {
            ledger.unlock();
        }
    }

    /**
     * Called, under the lock, by a member that was closed, or whose making failed ({@code m} null).
     * {@return the batch to {@link #unmap} once the lock is released, or null}
     */
    Batch left(Mapping m, Batch batch) {
        if (m != null) {
            members.remove(m);
        }
        batch.open--;
        return drainable(batch) ? take(batch) : null;
    }

    private boolean drainable(Batch b) {
        return b.open == 0 && b.retired && !b.unmapping && batches.contains(b);
    }

    private Batch take(Batch b) {
        b.unmapping = true;
        forget(b);
        return b;
    }

    /** Drops a batch that is being or has been unmapped from the group's books. */
    private void forget(Batch b) {
        batches.remove(b);
        if (b.expiry != null) {
            b.expiry.cancel(false);
        }
        if (current == b) {
            current = null;
        }
    }

    /** Retires a batch that reached its age; unmaps it if every member is closed. */
    private void expire(Batch b) {
        Batch drained = null;
        ledger.lock();
        try {
            if (closed || !batches.contains(b)) {
                return;
            }
            b.retired = true;
            if (drainable(b)) {
                drained = take(b);
            } else if (current == b) {
                current = null;
            }
        } finally {
            ledger.unlock();
        }
        if (drained != null) {
            unmap(drained);
        }
    }

    /**
     * Unmaps a batch whose members are all closed, under no lock (nobody else reaches a batch being
     * unmapped): one handshake, then each member's {@code munmap}. If a native call still holds a
     * segment of one of them, mmap4j's daemon thread tries again a little later.
     */
    void unmap(Batch b) {
        try {
            b.arena.close();
        } catch (IllegalStateException inUse) {
            long delay = Math.min(maxAgeNanos, TimeUnit.MILLISECONDS.toNanos(100));
            Timer.EXECUTOR.schedule(() -> unmap(b), delay, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Closes the group: invalidates every member's segments, one handshake per batch (one in all
     * for a group made by {@link #open()}), then unmaps every member. Members closed before are
     * unmapped now too, if they were not already.
     *
     * @throws IllegalStateException if a native call in another thread holds a member's segment;
     *                               that member's batch is left as it was (for {@link #open()}, the
     *                               whole group), and the group stays open
     */
    @Override
    public void close() {
        ledger.lock();
        try {
            if (closed) {
                return;
            }
            IllegalStateException inUse = null;
            for (Batch b : List.copyOf(batches)) {
                try {
                    b.arena.close(); // the handshake; each member's cleanup unmaps its pages
                } catch (IllegalStateException e) {
                    if (inUse == null) {
                        inUse = new IllegalStateException("a member of " + this + " is in use by a native call in "
                                + "another thread; its batch is unchanged: try again once the call returns", e);
                    }
                    continue;
                }
                forget(b);
            }
            for (Mapping m : List.copyOf(members)) {
                if (!batches.contains(m.batch())) {
                    m.groupClosed();
                    members.remove(m);
                }
            }
            if (inUse != null) {
                throw inUse;
            }
            closed = true;
        } finally {
            ledger.unlock();
        }
    }

    @Override
    public String toString() {
        return "MappingGroup@" + Integer.toHexString(System.identityHashCode(this)) + (closed ? "[closed]" : "");
    }
}

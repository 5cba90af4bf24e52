package io.mmap4j;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

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
 * <li>One thread maps, uses and unmaps: {@link MapOptions#confined()}, the cheapest close.</li>
 * <li>Owned by nothing in particular, and may be forgotten: {@link MapOptions#automatic()}; the
 *     garbage collector unmaps it.</li>
 * </ul>
 *
 * <p>Thread-safe; the group's lock is private. Closing twice, or from two threads at once, unmaps
 * once. If a native call in another thread holds a member's segment, {@link #close()} throws
 * {@link IllegalStateException} and the group stays open.
 */
public final class MappingGroup implements AutoCloseable {
    final Ledger ledger = new Ledger();
    private final Arena arena = Arena.ofShared();
    private final List<Mapping> members = new ArrayList<>(); // guarded by ledger
    private volatile boolean closed;                          // written under ledger

    private MappingGroup() {
    }

    /** {@return a new, empty, open group} */
    public static MappingGroup open() {
        return new MappingGroup();
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

    /** The arena members' segments belong to. */
    Arena arena() {
        return arena;
    }

    /** Called by a member made in this group (under no lock: the member is new). */
    void joined(Mapping m) {
        ledger.lock();
        try {
            members.add(m);
        } finally {
            ledger.unlock();
        }
    }

    /** Called, under the lock, by a member that was closed. */
    void left(Mapping m) {
        members.remove(m);
    }

    /**
     * Closes the group: invalidates every member's segments in one handshake, then unmaps every
     * member. Members closed before are unmapped now too.
     *
     * @throws IllegalStateException if a native call in another thread holds a member's segment;
     *                               nothing changed then
     */
    @Override
    public void close() {
        ledger.lock();
        try {
            if (closed) {
                return;
            }
            try {
                arena.close(); // the one handshake; each member's cleanup unmaps its pages
            } catch (IllegalStateException e) {
                throw new IllegalStateException("a member of " + this + " is in use by a native call in another "
                        + "thread; nothing changed: try again once the call returns", e);
            }
            closed = true;
            for (Mapping m : List.copyOf(members)) {
                m.groupClosed();
            }
            members.clear();
        } finally {
            ledger.unlock();
        }
    }

    @Override
    public String toString() {
        return "MappingGroup@" + Integer.toHexString(System.identityHashCode(this)) + (closed ? "[closed]" : "");
    }
}

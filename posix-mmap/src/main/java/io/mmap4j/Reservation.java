// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import io.mmap4j.spi.Backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A range of address space reserved for this program: mapped {@code PROT_NONE}, uncommitted and
 * inaccessible, into which file or anonymous mappings are placed at chosen offsets with
 * {@code MAP_FIXED}. {@code MAP_FIXED} replaces whatever is mapped at the address, so mmap4j
 * offers it only here, inside the caller's own reservation, never over memory the JVM owns, and
 * never over another live mapping of the same reservation.
 *
 * <p>POSIX ({@code mmap} with {@code PROT_NONE}, then {@code MAP_FIXED}); not available on Windows,
 * where reserving takes placeholder views (Windows 10 1803+), which mmap4j does not use yet.
 *
 * <p>Closing a placed mapping, or unmapping part of it, returns the range to being reserved.
 * Closing the reservation closes every mapping still placed in it, then releases the range. Only
 * mappings that own their arena can be placed (the default lifetime and
 * {@link MapOptions#confined()}): an automatic or grouped mapping's close is bookkeeping, so the
 * reservation's close would unmap it under valid segments; they are refused before any call.
 * Huge-page placements are checked in their own page size. Each placement counts two kernel
 * mappings against mmap4j's budget (it cuts the reservation's mapping in up to three).
 *
 * <p><b>Threads.</b> The reservation and every mapping placed in it share one private lock:
 * placing, splitting, protecting and closing them happen one at a time, so a split racing the
 * reservation's close either finishes first (and its parts are closed with the reservation) or
 * finds the mapping closed. Closing from two threads at once releases the range once.
 *
 * {@snippet :
 * long page = PageSize.get();
 * try (Reservation r = Reservation.reserve(64 * page)) {
 *     Mapping header = r.map(file, 0, page, MapOptions.readOnly(), 0);
 *     Mapping body = r.map(file, 16 * page, 8 * page, MapOptions.readWrite(), page);
 *     // header and body are adjacent in memory although far apart in the file
 * }
 * }
 */
public final class Reservation implements AutoCloseable {
    private final Backend os;
    private final Ledger ledger = new Ledger(); // shared with every mapping placed here
    private final long address;
    private final long length;
    private final List<Mapping> placed = new ArrayList<>(); // guarded by ledger
    private volatile boolean closed;                          // written under ledger

    private Reservation(Backend os, long address, long length) {
        this.os = os;
        this.address = address;
        this.length = length;
    }

    /**
     * Reserves address space ({@code mmap} with {@code PROT_NONE},
     * {@code MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE}).
     *
     * @param length how many bytes, positive; rounded up to whole pages
     * @return the reservation
     * @throws IllegalArgumentException if {@code length} is not positive
     * @throws NativeCallException      if {@code mmap} fails
     */
    public static Reservation reserve(long length) throws NativeCallException {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive: " + length);
        }
        Backend os = Backend.get();
        long rounded = PageSize.alignUp(length);
        Backend.Reservations reservations = os.reservations()
                .orElseThrow(() -> os.unsupported("address-space reservations"));
        Ledger.takeRoom(1, "mmap", "length=" + rounded + ", prot=NONE, a reservation"); // its own kernel mapping
        try {
            return new Reservation(os, reservations.reserve(0, rounded), rounded);
        } catch (NativeCallException | RuntimeException e) {
            Ledger.giveRoom(1);
            throw e;
        }
    }

    /** {@return the reservation's first address} */
    public long address() {
        return address;
    }

    /** {@return the reservation's length in bytes, a multiple of the page size} */
    public long length() {
        return length;
    }

    /** {@return whether the reservation is still open} */
    public boolean isOpen() {
        return !closed;
    }

    /**
     * Maps a file range at {@code at} bytes into the reservation ({@code MAP_FIXED}). The arguments
     * come in the order of {@link MappedFile#map(long, long, MapOptions)}: what to map, how, then where.
     *
     * @param file       the file
     * @param fileOffset where in the file, page-aligned
     * @param length     how many bytes, positive
     * @param options    how to map (typed or raw; a fixed address in them is ignored)
     * @param at         where in the reservation, page-aligned
     * @return the placed mapping
     * @throws IllegalArgumentException if a range is out of bounds or not aligned (huge pages: the
     *                                  address and the file offset to the mapping's page size, and
     *                                  its whole pages inside the reservation), overlaps a live
     *                                  mapping placed here, or the options ask for a lifetime that
     *                                  cannot be placed ({@link MapOptions#automatic()},
     *                                  {@link MapOptions#in(MappingGroup)}); all before any call
     * @throws IllegalStateException    if the reservation or the file is closed
     * @throws NativeCallException      if {@code mmap} fails, the range then stays reserved; or if
     *                                  mmap4j's budget of kernel mappings is spent (nothing called)
     */
    public Mapping map(MappedFile file, long fileOffset, long length, MapOptions options, long at)
            throws NativeCallException {
        long offset = at;
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        if (fileOffset < 0 || !PageSize.isAligned(fileOffset)) {
            throw new IllegalArgumentException("fileOffset must be a non-negative multiple of the page size "
                    + PageSize.get() + ": " + fileOffset);
        }
        Lifetime lifetime = Lifetime.of(options);
        Crossings.Placement.InReservation here = new Crossings.Placement.InReservation(this);
        int cost = Crossings.check(lifetime, here); // every refusal before the first mmap
        if (!Ledger.tryTakeRoom(cost)) {
            Ledger.takeRoom(cost, "mmap", "length=" + length + ", fileOffset=" + fileOffset + ", at=" + offset + ", " + this);
        }
        ledger.lock();
        try {
            // lock order: this ledger, then the file's lock (in pageSize and mapInto)
            long page = file.pageSize(options);
            requireFree(offset, length, page);
            Mapping m = file.mapInto(here, ledger, address + offset, fileOffset, length, options, lifetime, page);
            placed.add(m);
            return m;
        } finally {
            ledger.unlock();
            Ledger.giveRoom(cost);
        }
    }

    /**
     * Maps anonymous memory at {@code at} bytes into the reservation ({@code MAP_FIXED}): what, how,
     * then where, as {@link #map(MappedFile, long, long, MapOptions, long)}.
     *
     * @param length  how many bytes, positive
     * @param options how to map (typed or raw)
     * @param at      where in the reservation, page-aligned
     * @return the placed mapping
     * @throws IllegalArgumentException if the range is out of bounds, not aligned (huge pages: to
     *                                  the mapping's page size, whole pages inside the reservation),
     *                                  overlaps a live mapping placed here, or the options ask for
     *                                  a lifetime that cannot be placed ({@link MapOptions#automatic()},
     *                                  {@link MapOptions#in(MappingGroup)}); all before any call
     * @throws IllegalStateException    if the reservation is closed
     * @throws NativeCallException      if {@code mmap} fails, the range then stays reserved; or if
     *                                  mmap4j's budget of kernel mappings is spent (nothing called)
     */
    public Mapping mapAnonymous(long length, MapOptions options, long at) throws NativeCallException {
        long offset = at;
        Objects.requireNonNull(options, "options");
        Lifetime lifetime = Lifetime.of(options);
        Crossings.Placement.InReservation here = new Crossings.Placement.InReservation(this);
        int cost = Crossings.check(lifetime, here); // every refusal before the first mmap
        int prot = os.prot(options), flags = os.flags(options);
        long page = os.mappingPageSize(flags, -1);
        if (!Ledger.tryTakeRoom(cost)) {
            Ledger.takeRoom(cost, "mmap", "length=" + length + ", anonymous, at=" + offset + ", " + this);
        }
        ledger.lock();
        try {
            requireFree(offset, length, page);
            // SAFETY: MAP_FIXED inside this open reservation, over no live mapping placed here (requireFree), in
            // whole pages of the mapping's own size
            os.mapAt(address + offset, true, -1, length, prot, flags, 0);
            Mapping m = Mapping.of(os, ledger, null, Mapping.ANONYMOUS, here, address + offset, page, 0, length, 0,
                    prot, flags, lifetime, null, Mapping.NO_CUTS, false);
            placed.add(m);
            return m;
        } finally {
            ledger.unlock();
            Ledger.giveRoom(cost);
        }
    }

    /** {@return the mappings now placed in this reservation} */
    public List<Mapping> mappings() {
        ledger.lock();
        try {
            return List.copyOf(placed);
        } finally {
            ledger.unlock();
        }
    }

    /** Called, under the lock, by a placed mapping that was closed or split. */
    void replaced(Mapping old, List<Mapping> parts) {
        placed.remove(old);
        placed.addAll(parts);
    }

    /** Read under the lock by placed mappings. */
    boolean isClosed() {
        return closed;
    }

    /** Checks that {@code [offset, offset + length)}, in whole pages of {@code page} bytes, is free here. */
    private void requireFree(long offset, long length, long page) {
        if (closed) {
            throw new IllegalStateException("reservation at 0x" + Long.toHexString(address) + " is closed");
        }
        if (offset < 0 || length <= 0 || offset + length > this.length || offset + length < 0) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length
                    + " must name a non-empty range inside the reservation's " + this.length + " bytes");
        }
        if (!PageSize.isAligned(offset)) {
            throw new IllegalArgumentException("offset must be a multiple of the page size " + PageSize.get() + ": " + offset);
        }
        long start = address + offset, end = (start + length + page - 1) & -page;
        if (start % page != 0) {
            throw new IllegalArgumentException("offset " + offset + " puts the mapping at 0x" + Long.toHexString(start)
                    + ", which is not a multiple of its page size " + page + " (huge pages: the kernel maps whole "
                    + "pages of " + page + " bytes at an address aligned to them); reserve more and place it at an "
                    + "offset where address() + offset is aligned");
        }
        if (end > address + this.length) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length + " take whole pages of "
                    + page + " bytes, up to " + (end - address) + ", past the end of the reservation's " + this.length
                    + " bytes");
        }
        for (Mapping m : placed) {
            if (m.kernelStart() < end && start < m.kernelEnd()) {
                throw new IllegalArgumentException("offset " + offset + " and length " + length
                        + " overlap a live mapping in this reservation: " + m);
            }
        }
    }

    /**
     * Closes every mapping still placed here, then releases the whole range ({@code munmap}).
     * Closing twice, or from two threads at once, releases the range once. If a placed mapping
     * cannot be closed, the exception goes to the caller and the reservation stays open, to be
     * closed again: if one is confined to another thread, before anything is closed; if another
     * thread's native call holds a segment, the mappings closed before it stay closed.
     *
     * @throws IllegalStateException if a placed mapping is in use by a native call in another thread
     * @throws WrongThreadException  if a placed mapping is confined to another thread (nothing is closed)
     * @throws NativeCallException   if a call fails
     */
    @Override
    public void close() throws NativeCallException {
        ledger.lock();
        try {
            if (closed) {
                return;
            }
            for (Mapping m : placed) {
                m.requireClosableHere(); // a confined mapping of another thread: refused before anything closes
            }
            for (Mapping m : List.copyOf(placed)) {
                m.close(); // the same lock, taken again: it removes m from placed
            }
            closed = true; // from here on no placement, split or protect in this range
            // SAFETY: every mapping placed here is closed, and the range is this reservation's alone
            os.unmap(address, length);
            Ledger.giveRoom(1); // its own kernel mapping
        } finally {
            ledger.unlock();
        }
    }

    @Override
    public String toString() {
        return "Reservation[" + length + " bytes at 0x" + Long.toHexString(address) + (closed ? ", closed" : "") + "]";
    }
}

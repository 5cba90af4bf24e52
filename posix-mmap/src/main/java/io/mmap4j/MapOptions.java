// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How to map: protection, sharing and flags, either typed or as raw {@code prot}/{@code flags}
 * integers passed to {@code mmap} unchanged. Immutable; every {@code with...} method returns a new
 * value.
 *
 * <p><b>Offsets.</b> By default any file offset is accepted: the mapping starts at the page
 * boundary below it and the segment starts at the requested byte, as {@code FileChannel.map} does.
 * With {@link #strictOffset()}, and always for {@link #raw raw} options, the offset goes to the
 * kernel as given, so an unaligned one fails with the kernel's {@code EINVAL}.
 *
 * <p><b>End of file.</b> A segment byte beyond the end of the file has no page behind it: touching
 * it raises {@code SIGBUS}, which the JDK turns into an {@link InternalError}. So by default a
 * mapping that reaches past the end of the file is refused before {@code mmap} is called; allocate
 * or truncate the file first ({@link MappedFile#allocate}, {@link MappedFile#truncate}), or opt in
 * with {@link #allowBeyondEndOfFile()}.
 *
 * {@snippet :
 * MapOptions typed = MapOptions.of(Protection.READ_WRITE, Sharing.SHARED, MapFlag.POPULATE);
 * MapOptions raw = MapOptions.raw(0x1 | 0x2, 0x01 | 0x8000); // PROT_READ|PROT_WRITE, MAP_SHARED|MAP_POPULATE on Linux
 * }
 */
public final class MapOptions {
    private final Protection protection;
    private final Sharing sharing;
    private final Set<MapFlag> flags;
    private final int rawProt;
    private final int rawFlags;
    private final boolean raw;
    private final boolean strictOffset;
    private final boolean beyondEndOfFile;
    private final long fixedAddress;
    private final boolean confined;
    private final boolean automatic;
    private final MappingGroup group;

    private MapOptions(Protection protection, Sharing sharing, Set<MapFlag> flags, int rawProt, int rawFlags,
                       boolean raw, boolean strictOffset, boolean beyondEndOfFile) {
        this(protection, sharing, flags, rawProt, rawFlags, raw, strictOffset, beyondEndOfFile, 0, false, false, null);
    }

    private MapOptions(Protection protection, Sharing sharing, Set<MapFlag> flags, int rawProt, int rawFlags,
                       boolean raw, boolean strictOffset, boolean beyondEndOfFile, long fixedAddress,
                       boolean confined, boolean automatic, MappingGroup group) {
        this.fixedAddress = fixedAddress;
        this.confined = confined;
        this.automatic = automatic;
        this.group = group;
        this.protection = protection;
        this.sharing = sharing;
        this.flags = flags;
        this.rawProt = rawProt;
        this.rawFlags = rawFlags;
        this.raw = raw;
        this.strictOffset = strictOffset;
        this.beyondEndOfFile = beyondEndOfFile;
    }

    /**
     * Typed options.
     *
     * @param protection what the pages allow
     * @param sharing    whether writes reach the file
     * @param flags      optional flags
     * @return the options
     * @throws IllegalArgumentException if {@link MapFlag#SYNC} is given without
     *                                  {@link Sharing#SHARED_VALIDATE}, or more than one huge page size
     */
    public static MapOptions of(Protection protection, Sharing sharing, MapFlag... flags) {
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(sharing, "sharing");
        EnumSet<MapFlag> set = EnumSet.noneOf(MapFlag.class);
        for (MapFlag f : flags) {
            set.add(Objects.requireNonNull(f, "flags"));
        }
        return typed(protection, sharing, set, false, false);
    }

    private static MapOptions typed(Protection protection, Sharing sharing, EnumSet<MapFlag> set,
                                    boolean strictOffset, boolean beyondEndOfFile) {
        if (set.contains(MapFlag.SYNC) && sharing != Sharing.SHARED_VALIDATE) {
            throw new IllegalArgumentException("flags: MapFlag.SYNC needs Sharing.SHARED_VALIDATE, not Sharing." + sharing);
        }
        int hugeSizes = (set.contains(MapFlag.HUGE_2MB) ? 1 : 0) + (set.contains(MapFlag.HUGE_1GB) ? 1 : 0);
        if (hugeSizes > 1) {
            throw new IllegalArgumentException("flags: choose one huge page size, not " + set);
        }
        return new MapOptions(protection, sharing, Collections.unmodifiableSet(set), 0, 0, false,
                strictOffset, beyondEndOfFile);
    }

    /** {@return read-only shared options: {@code PROT_READ}, {@code MAP_SHARED}} */
    public static MapOptions readOnly() {
        return of(Protection.READ, Sharing.SHARED);
    }

    /** {@return read-write shared options: {@code PROT_READ|PROT_WRITE}, {@code MAP_SHARED}} */
    public static MapOptions readWrite() {
        return of(Protection.READ_WRITE, Sharing.SHARED);
    }

    /**
     * {@return copy-on-write options: {@code PROT_READ|PROT_WRITE}, {@code MAP_PRIVATE}; writes never
     * reach the file, and the file may be open read-only}
     */
    public static MapOptions copyOnWrite() {
        return of(Protection.READ_WRITE, Sharing.PRIVATE);
    }

    /**
     * Raw options: {@code prot} and {@code flags} go to {@code mmap} unchanged, and the offset is
     * strict. The segment honours {@code prot} as the typed form does: no {@code PROT_READ} gives no
     * segment, no {@code PROT_WRITE} a read-only one. {@code MAP_FIXED} and
     * {@code MAP_FIXED_NOREPLACE} in {@code flags} are refused here: use {@link #atAddress} or a
     * {@link Reservation}, which never replace memory the JVM owns.
     *
     * @param prot  the {@code prot} argument of {@code mmap}, for example {@code PROT_READ|PROT_WRITE}
     * @param flags the {@code flags} argument of {@code mmap}, for example {@code MAP_SHARED}
     * @return the options
     * @throws IllegalArgumentException if {@code flags} place the mapping at a chosen address
     */
    public static MapOptions raw(int prot, int flags) {
        String refusal = io.mmap4j.spi.Backend.get().refusedRawFlags(flags);
        if (refusal != null) {
            throw new IllegalArgumentException("flags: " + refusal);
        }
        return new MapOptions(null, null, Set.of(), prot, flags, true, true, false);
    }

    /**
     * {@return these options plus the given flags}
     *
     * @param more flags to add
     * @throws IllegalStateException    if these are raw options (add the bits to the raw flags instead)
     * @throws IllegalArgumentException on the combinations {@link #of} refuses
     */
    public MapOptions with(MapFlag... more) {
        if (raw) {
            throw new IllegalStateException("raw options take no typed flags; add the bits to flags=0x"
                    + Integer.toHexString(rawFlags));
        }
        EnumSet<MapFlag> set = flags.isEmpty() ? EnumSet.noneOf(MapFlag.class) : EnumSet.copyOf(flags);
        for (MapFlag f : more) {
            set.add(Objects.requireNonNull(f, "more"));
        }
        MapOptions result = typed(protection, sharing, set, strictOffset, beyondEndOfFile).atAddressIfSet(fixedAddress);
        return confined ? result.confined() : automatic ? result.automatic() : group != null ? result.in(group) : result;
    }

    private MapOptions atAddressIfSet(long address) {
        return address == 0 ? this : atAddress(address);
    }

    /** {@return these options with a strict offset: an unaligned offset is the kernel's {@code EINVAL}} */
    public MapOptions strictOffset() {
        return new MapOptions(protection, sharing, flags, rawProt, rawFlags, raw, true, beyondEndOfFile, fixedAddress, confined, automatic, group);
    }

    /**
     * {@return these options allowing a mapping that reaches past the end of the file; touching a
     * page wholly beyond the end then throws {@link InternalError} (the JDK's answer to
     * {@code SIGBUS})}
     */
    public MapOptions allowBeyondEndOfFile() {
        return new MapOptions(protection, sharing, flags, rawProt, rawFlags, raw, strictOffset, true, fixedAddress, confined, automatic, group);
    }

    /**
     * {@return these options placing the mapping's first page at {@code address}
     * ({@code MAP_FIXED_NOREPLACE}, Linux 4.17+): if anything is mapped there already, mapping fails
     * with {@code EEXIST} and nothing is replaced. (To replace, map into a {@link Reservation}.)}
     *
     * @param address a page-aligned, non-zero address
     * @throws IllegalArgumentException if {@code address} is zero or not page-aligned
     */
    public MapOptions atAddress(long address) {
        if (address == 0 || !PageSize.isAligned(address)) {
            throw new IllegalArgumentException("address must be a non-zero multiple of the page size "
                    + PageSize.get() + ": 0x" + Long.toHexString(address));
        }
        return new MapOptions(protection, sharing, flags, rawProt, rawFlags, raw, strictOffset, beyondEndOfFile, address,
                confined, automatic, group);
    }

    /**
     * {@return these options making a thread-confined mapping: its segments belong to the thread
     * that maps ({@link java.lang.foreign.Arena#ofConfined()}), so any other thread that uses them,
     * or tries to close, unmap, protect or remap the mapping, gets {@link WrongThreadException};
     * closing it needs no handshake with the JVM's other threads, which makes map and unmap several
     * times cheaper}
     */
    public MapOptions confined() {
        requireOneLifetime(true, automatic, group);
        return new MapOptions(protection, sharing, flags, rawProt, rawFlags, raw, strictOffset, beyondEndOfFile,
                fixedAddress, true, false, null);
    }

    /**
     * {@return these options making a mapping whose pages the garbage collector unmaps
     * ({@link java.lang.foreign.Arena#ofAuto()}): once neither the {@code Mapping} nor any segment
     * taken from it can be reached, the pages go, so a forgotten mapping does not leak. Its
     * {@link Mapping#close()} only marks it closed; since the JVM cannot invalidate segments of an
     * automatic arena, {@link Mapping#unmap}, {@link Mapping#protect}, {@link Mapping#remap} and
     * {@link RawCalls#protect} are refused. The collector sees only small objects, not the
     * mappings behind them: when mmap4j's budget of live mappings (below {@code vm.max_map_count},
     * or {@code -Dio.mmap4j.maxMappings}) is spent, the next map asks it to collect, waits briefly,
     * and only then refuses. An automatic mapping cannot be placed in a {@link Reservation}: the
     * reservation's close would unmap it under reachable segments}
     *
     * {@snippet :
     * MemorySegment table = file.map(0, size, MapOptions.readOnly().automatic()).segment();
     * // no close: the pages are unmapped after table becomes unreachable
     * }
     */
    public MapOptions automatic() {
        requireOneLifetime(confined, true, group);
        return new MapOptions(protection, sharing, flags, rawProt, rawFlags, raw, strictOffset, beyondEndOfFile,
                fixedAddress, false, true, null);
    }

    /**
     * {@return these options making a member of {@code group}: its segments belong to the group's
     * shared arena (its current batch's, for a {@linkplain MappingGroup#openBatched batched} group),
     * so closing the member is bookkeeping, and closing the group (or the batch's last member)
     * unmaps every member with one handshake. See {@link MappingGroup} for what a member can and
     * cannot do; it cannot be placed in a {@link Reservation}, whose close would unmap it under the
     * group's valid segments}
     *
     * @param group the group
     * @throws IllegalArgumentException if these options are confined or automatic
     */
    public MapOptions in(MappingGroup group) {
        Objects.requireNonNull(group, "group");
        requireOneLifetime(confined, automatic, group);
        return new MapOptions(protection, sharing, flags, rawProt, rawFlags, raw, strictOffset, beyondEndOfFile,
                fixedAddress, false, false, group);
    }

    private static void requireOneLifetime(boolean confined, boolean automatic, MappingGroup group) {
        if ((confined ? 1 : 0) + (automatic ? 1 : 0) + (group != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("a mapping has one lifetime: confined, automatic or in a group, not "
                    + (confined ? "confined " : "") + (automatic ? "automatic " : "") + (group != null ? "in " + group : ""));
        }
    }

    /** {@return whether the garbage collector unmaps the mapping} */
    public boolean isAutomatic() {
        return automatic;
    }

    /** {@return the group the mapping will belong to, or null} */
    public MappingGroup group() {
        return group;
    }

    /** {@return whether the mapping will be confined to the thread that makes it} */
    public boolean isConfined() {
        return confined;
    }

    /** {@return the address asked for with {@link #atAddress}, or 0 for anywhere} */
    public long fixedAddress() {
        return fixedAddress;
    }

    /** {@return whether these are raw options} */
    public boolean isRaw() {
        return raw;
    }

    /** {@return the typed protection}  @throws IllegalStateException for raw options */
    public Protection protection() {
        requireTyped("protection");
        return protection;
    }

    /** {@return the typed sharing}  @throws IllegalStateException for raw options */
    public Sharing sharing() {
        requireTyped("sharing");
        return sharing;
    }

    /** {@return the typed flags (unmodifiable); empty for raw options} */
    public Set<MapFlag> flags() {
        return flags;
    }

    /** {@return the raw {@code prot} value}  @throws IllegalStateException for typed options */
    public int rawProt() {
        requireRaw("rawProt");
        return rawProt;
    }

    /** {@return the raw {@code flags} value}  @throws IllegalStateException for typed options */
    public int rawFlags() {
        requireRaw("rawFlags");
        return rawFlags;
    }

    /** {@return whether an unaligned offset goes to the kernel as given} */
    public boolean isStrictOffset() {
        return strictOffset;
    }

    /** {@return whether a mapping may reach past the end of the file} */
    public boolean isBeyondEndOfFileAllowed() {
        return beyondEndOfFile;
    }

    private void requireTyped(String what) {
        if (raw) {
            throw new IllegalStateException(what + " is not set on raw options; read rawProt() and rawFlags()");
        }
    }

    private void requireRaw(String what) {
        if (!raw) {
            throw new IllegalStateException(what + " is set only on raw options");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapOptions m && protection == m.protection && sharing == m.sharing
                && flags.equals(m.flags) && rawProt == m.rawProt && rawFlags == m.rawFlags && raw == m.raw
                && strictOffset == m.strictOffset && beyondEndOfFile == m.beyondEndOfFile
                && fixedAddress == m.fixedAddress && confined == m.confined && automatic == m.automatic
                && group == m.group;
    }

    @Override
    public int hashCode() {
        return Objects.hash(protection, sharing, flags, rawProt, rawFlags, raw, strictOffset, beyondEndOfFile,
                fixedAddress, confined, automatic, System.identityHashCode(group));
    }

    @Override
    public String toString() {
        String core = raw
                ? "raw(prot=0x" + Integer.toHexString(rawProt) + ", flags=0x" + Integer.toHexString(rawFlags) + ")"
                : protection + ", " + sharing + (flags.isEmpty() ? "" : ", " + flags);
        return "MapOptions[" + core + (strictOffset ? ", strictOffset" : "")
                + (beyondEndOfFile ? ", beyondEndOfFile" : "")
                + (fixedAddress != 0 ? ", at 0x" + Long.toHexString(fixedAddress) : "")
                + (confined ? ", confined" : "") + (automatic ? ", automatic" : "")
                + (group != null ? ", in " + group : "") + "]";
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** protect, advise, discard, lock, residency and remap, each checked against the kernel's own account. */
class MappingOperationsTest {
    @TempDir
    Path dir;
    long page;

    @BeforeEach
    void readPageSize() {
        page = PageSize.get();
    }

    private Path patternFile(long pages) throws IOException {
        Path p = dir.resolve("f");
        byte[] bytes = new byte[Math.toIntExact(pages * page)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(p, bytes);
        return p;
    }

    private static String perms(long address) {
        return ProcMaps.read().at(address).orElseThrow().perms();
    }

    @Test
    void protectingAPageReadOnlyReissuesReadOnlySegmentsForItAndInvalidatesTheOldOnes() throws Exception {
        Emulation.skipIfEmulated("qemu-user's synthesised /proc/self/maps does not show the kernel merging adjacent ranges back after mprotect");
        Path p = patternFile(4);
        try (MappedFile file = MappedFile.open(p, READ, WRITE); Mapping m = file.map(MapOptions.readWrite())) {
            MemorySegment old = m.segment();
            m.protect(page, page, Protection.READ);

            assertEquals("rw-s", perms(m.address()));
            assertEquals("r--s", perms(m.address() + page));
            assertEquals("rw-s", perms(m.address() + 2 * page));
            assertThrows(IllegalStateException.class, () -> old.get(ValueLayout.JAVA_BYTE, 0));
            var mixed = assertThrows(IllegalStateException.class, m::segment);
            assertTrue(mixed.getMessage().contains("different protection"), mixed.getMessage());
            assertFalse(m.isWritable());
            assertTrue(m.isReadable());

            MemorySegment first = m.segment(0, page);
            assertFalse(first.isReadOnly());
            first.set(ValueLayout.JAVA_BYTE, 0, (byte) 9);
            MemorySegment second = m.segment(page, page);
            assertTrue(second.isReadOnly());
            assertEquals((byte) (page * 31), second.get(ValueLayout.JAVA_BYTE, 0));
            var write = assertThrows(IllegalArgumentException.class, () -> second.set(ValueLayout.JAVA_BYTE, 0, (byte) 1));
            assertTrue(write.getMessage().contains("read-only"), write.getMessage());
            assertTrue(m.segment(0, 2 * page).isReadOnly(), "a range that spans a read-only page is read-only");

            m.protect(page, page, Protection.READ_WRITE);
            assertEquals(1, ProcMaps.read().overlapping(m.address(), m.address() + 4 * page).size(),
                    "the kernel merged the ranges back into one mapping");
            assertFalse(m.segment().isReadOnly());
        }
        assertEquals(9, Files.readAllBytes(p)[0]);
    }

    @Test
    void protectionNoneLeavesNoAccessibleSegmentOverTheRange() throws Exception {
        try (Mapping m = Mapping.anonymous(3 * page, MapOptions.copyOnWrite())) {
            m.protect(page, page, Protection.NONE);
            assertEquals("---p", perms(m.address() + page));
            assertThrows(IllegalStateException.class, m::segment);
            assertThrows(IllegalStateException.class, () -> m.segment(page, 1));
            assertThrows(IllegalStateException.class, () -> m.segment(0, page + 1));
            m.segment(2 * page, page).set(ValueLayout.JAVA_LONG, 0, 7L);
            m.raw().protect(page, page, 1 | 2); // PROT_READ|PROT_WRITE
            assertEquals(0L, m.segment().get(ValueLayout.JAVA_LONG, page));
            assertEquals(7L, m.segment().get(ValueLayout.JAVA_LONG, 2 * page));
        }
    }

    @Test
    void makingASharedMappingOfAReadOnlyFileWritableFailsWithEaccesAndChangesNothing() throws Exception {
        Path p = patternFile(1);
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(MapOptions.readOnly())) {
            var e = assertThrows(NativeCallException.class, () -> m.protect(0, page, Protection.READ_WRITE));
            assertEquals("mprotect", e.call());
            assertEquals("EACCES", e.errorName());
            assertEquals("r--s", perms(m.address()));
            assertTrue(m.segment().isReadOnly());
        }
    }

    @Test
    void adviceReachesTheKernel() throws Exception {
        Emulation.skipIfEmulated("qemu-user synthesises /proc/self/smaps with every size and counter zero (here: Rss after MADV_POPULATE_READ), and qemu-user accepts most madvise advice without passing it to the kernel");
        Path p = patternFile(64);
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(MapOptions.readOnly())) {
            file.dropFromPageCache(0, 0);
            m.advise(Advice.SEQUENTIAL);
            assertFlags(m, List.of("sr"), List.of("rr"));
            m.advise(Advice.RANDOM);
            assertFlags(m, List.of("rr"), List.of("sr"));
            m.advise(Advice.NORMAL);
            assertFlags(m, List.of(), List.of("rr", "sr"));
            m.advise(Advice.DONTDUMP);
            assertFlags(m, List.of("dd"), List.of());
            m.advise(Advice.DODUMP);
            assertFlags(m, List.of(), List.of("dd"));
            m.advise(Advice.COLD); // no flag: it only ages the pages
            m.advise(0, 16 * page, Advice.POPULATE_READ);
            // POPULATE_READ faulted the first 16 pages into this mapping: the kernel counts them in Rss
            assertTrue(ProcMaps.smapsAt(m.address()).get("Rss") >= 16 * page / 1024);
            m.advise(0, m.length(), Advice.WILLNEED);
            var e = assertThrows(NativeCallException.class, () -> m.advise(Advice.POPULATE_WRITE));
            assertEquals("madvise", e.call());
            assertTrue(e.getMessage().contains("MADV_POPULATE_WRITE"), e.getMessage());
        }
    }

    @Test
    void adviceOnAnonymousMemorySetsAndClearsItsVmFlags() throws Exception {
        Emulation.skipIfEmulated("qemu-user synthesises /proc/self/smaps with every size and counter zero");
        try (Mapping m = Mapping.anonymous(16 * page, MapOptions.copyOnWrite())) {
            m.advise(Advice.RANDOM);
            assertFlags(m, List.of("rr"), List.of("sr"));
            m.advise(Advice.SEQUENTIAL);
            assertFlags(m, List.of("sr"), List.of("rr"));
            m.advise(Advice.NORMAL);
            assertFlags(m, List.of(), List.of("rr", "sr"));
            m.advise(Advice.DONTFORK);
            assertFlags(m, List.of("dc"), List.of());
            m.advise(Advice.DOFORK);
            assertFlags(m, List.of(), List.of("dc"));
            m.advise(Advice.DONTDUMP);
            assertFlags(m, List.of("dd"), List.of());
            m.advise(Advice.DODUMP);
            assertFlags(m, List.of(), List.of("dd"));
            m.advise(Advice.HUGEPAGE);
            assertFlags(m, List.of("hg"), List.of("nh"));
            m.advise(Advice.NOHUGEPAGE);
            assertFlags(m, List.of("nh"), List.of("hg"));
            m.raw().advise(0, m.length(), 18); // MADV_WIPEONFORK, which Advice does not name
            assertFlags(m, List.of("wf"), List.of());
            m.raw().advise(0, m.length(), 19); // MADV_KEEPONFORK
            assertFlags(m, List.of(), List.of("wf"));
            m.advise(page, page, Advice.DONTFORK);
            assertFlags(m, List.of(), List.of("dc"));
            Smaps second = Smaps.at(m.address() + page);
            assertTrue(second.hasFlag("dc"), second::toString);
            assertEquals(page, second.region().end() - second.region().start(), "advice on one page splits it off");
        }
    }

    @Test
    void mergeableAdviceShowsInVmFlagsWhereTheKernelHasKsm() throws Exception {
        Emulation.skipIfEmulated("qemu-user synthesises /proc/self/smaps with every size and counter zero");
        assumeTrue(Files.isDirectory(Path.of("/sys/kernel/mm/ksm")),
                "this kernel has no KSM (/sys/kernel/mm/ksm is missing), so MADV_MERGEABLE is EINVAL");
        try (Mapping m = Mapping.anonymous(16 * page, MapOptions.copyOnWrite())) {
            m.advise(Advice.MERGEABLE);
            assertFlags(m, List.of("mg"), List.of());
            m.advise(Advice.UNMERGEABLE);
            assertFlags(m, List.of(), List.of("mg"));
        }
    }

    @Test
    void hugePageAdviceShowsInVmFlagsAndBacksAnonymousMemoryWithHugePages() throws Exception {
        Emulation.skipIfEmulated("qemu-user synthesises /proc/self/smaps with every size and counter zero");
        String thp = Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
        try (Mapping m = Mapping.anonymous(8L << 20, MapOptions.copyOnWrite())) {
            m.advise(Advice.HUGEPAGE);
            assertFlags(m, List.of("hg"), List.of("nh"));
            m.segment().fill((byte) 1);
            long hugeKb = ProcMaps.smapsAt(m.address()).get("AnonHugePages");
            if (!thp.contains("[never]")) {
                // 8 MiB holds at least three aligned 2 MiB ranges; THP backs them at first touch
                assertTrue(hugeKb >= 2048, "AnonHugePages " + hugeKb + " kB with THP " + thp.strip());
            }
            m.advise(Advice.NOHUGEPAGE);
            assertFlags(m, List.of("nh"), List.of("hg"));
        }
    }

    /** Asserts which {@code VmFlags} the kernel shows for the region at the mapping's start. */
    private static void assertFlags(Mapping m, List<String> present, List<String> absent) {
        Smaps smaps = Smaps.at(m.address());
        for (String flag : present) {
            assertTrue(smaps.hasFlag(flag), () -> "VmFlags lack " + flag + ": " + smaps);
        }
        for (String flag : absent) {
            assertFalse(smaps.hasFlag(flag), () -> "VmFlags still hold " + flag + ": " + smaps);
        }
    }

    @Test
    void discardingAPrivateRangeRestoresTheFilesBytes() throws Exception {
        Path p = patternFile(2);
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(MapOptions.copyOnWrite())) {
            m.segment().fill((byte) 0x11);
            m.discardContents(page, page, DiscardAdvice.DONTNEED);
            assertEquals(0x11, m.segment().get(ValueLayout.JAVA_BYTE, 0));
            assertEquals((byte) (page * 31), m.segment().get(ValueLayout.JAVA_BYTE, page));
            assertThrows(IllegalArgumentException.class, () -> m.discardContents(1, page, DiscardAdvice.DONTNEED));
        }
    }

    @Test
    void removingASharedRangePunchesAHoleThatReadsAsZeros() throws Exception {
        Emulation.skipIfEmulated("qemu-user accepts MADV_REMOVE without passing it to the kernel, so no hole is punched");
        Path p = patternFile(3);
        try (MappedFile file = MappedFile.open(p, READ, WRITE); Mapping m = file.map(MapOptions.readWrite())) {
            m.discardContents(page, page, DiscardAdvice.REMOVE);
            assertEquals(0, m.segment().get(ValueLayout.JAVA_BYTE, page + 5));
            assertEquals((byte) (2 * page * 31), m.segment().get(ValueLayout.JAVA_BYTE, 2 * page));
        }
        assertEquals(0, Files.readAllBytes(p)[Math.toIntExact(page + 5)]);
    }

    @Test
    void lockingARangeLocksExactlyItsPagesAndUnlockingClearsTheFlag() throws Exception {
        Emulation.skipIfEmulated("qemu-user synthesises /proc/self/smaps with every size and counter zero");
        Path p = patternFile(4);
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(MapOptions.readOnly())) {
            m.lock(0, 2 * page);
            Smaps locked = Smaps.at(m.address());
            assertEquals(2 * page / 1024, locked.kb("Locked"), locked::toString);
            assertEquals(2 * page, locked.region().end() - locked.region().start(), locked::toString);
            assertTrue(locked.hasFlag("lo") && !locked.hasFlag("lf"), locked::toString);
            Smaps rest = Smaps.at(m.address() + 2 * page);
            assertEquals(0, rest.kb("Locked"), rest::toString);
            assertFalse(rest.hasFlag("lo"), rest::toString);

            m.unlock(0, 2 * page);
            Smaps unlocked = Smaps.at(m.address());
            assertEquals(0, unlocked.kb("Locked"), unlocked::toString);
            assertFalse(unlocked.hasFlag("lo"), unlocked::toString);
        }
    }

    @Test
    void lockOnFaultLocksNoPageUntilItIsTouchedThenEachTouchedPage() throws Exception {
        Emulation.skipIfEmulated("qemu-user synthesises /proc/self/smaps with every size and counter zero");
        // private anonymous memory: a write faults in exactly one page (no fault-around, no THP
        // in 16 pages), so Locked counts exactly the pages written
        try (Mapping m = Mapping.anonymous(16 * page, MapOptions.copyOnWrite())) {
            m.lockOnFault(0, m.length());
            Smaps armed = Smaps.at(m.address());
            assertTrue(armed.hasFlag("lo") && armed.hasFlag("lf"), armed::toString);
            assertEquals(16 * page, armed.region().end() - armed.region().start(), armed::toString);
            assertEquals(0, armed.kb("Locked"), armed::toString);
            assertEquals(0, armed.kb("Rss"), armed::toString);

            for (long touched : new long[] {0, 5, 9}) {
                m.segment().set(ValueLayout.JAVA_BYTE, touched * page + 7, (byte) 1);
            }
            Smaps touched = Smaps.at(m.address());
            assertEquals(3 * page / 1024, touched.kb("Locked"), touched::toString);
            m.segment().set(ValueLayout.JAVA_BYTE, 15 * page, (byte) 1);
            assertEquals(4 * page / 1024, Smaps.at(m.address()).kb("Locked"));

            m.unlock(0, m.length());
            Smaps unlocked = Smaps.at(m.address());
            assertFalse(unlocked.hasFlag("lo") || unlocked.hasFlag("lf"), unlocked::toString);
            assertEquals(0, unlocked.kb("Locked"), unlocked::toString);
            assertEquals(4 * page / 1024, unlocked.kb("Rss"), "unlocking keeps the pages: " + unlocked);
        }
    }

    @Test
    void residencyAgreesWithWhatWasTouched() throws Exception {
        Path p = patternFile(32);
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(MapOptions.readOnly())) {
            file.dropFromPageCache(0, 0);
            Residency before = m.residency();
            assertEquals(32, before.pages());
            m.advise(0, 8 * page, Advice.POPULATE_READ);
            Residency after = m.residency();
            for (int i = 0; i < 8; i++) {
                assertTrue(after.isResident(i), "page " + i);
            }
            assertTrue(after.residentPages() >= 8);
            Residency part = m.residency(3 * page + 1, 10);
            assertEquals(1, part.pages());
            assertTrue(part.isResident(0));
            assertEquals(page, part.pageSize());
            assertThrows(IndexOutOfBoundsException.class, () -> part.isResident(1));
        }
    }

    @Test
    void remapGrowsInPlaceOrByMovingAndInvalidatesTheOldSegments() throws Exception {
        Path p = patternFile(2);
        try (MappedFile file = MappedFile.open(p, READ, WRITE)) {
            Mapping m = file.map(MapOptions.readWrite());
            MemorySegment old = m.segment();
            file.allocate(0, 64 * page);
            Mapping grown = m.remap(64 * page, RemapOptions.mayMove());
            assertEquals(64 * page, grown.length());
            assertFalse(m.isOpen());
            assertThrows(IllegalStateException.class, () -> old.get(ValueLayout.JAVA_BYTE, 0));
            assertEquals((byte) 31, grown.segment().get(ValueLayout.JAVA_BYTE, 1));
            grown.segment().set(ValueLayout.JAVA_BYTE, 63 * page, (byte) 5);
            assertEquals(64 * page, ProcMaps.read().at(grown.address()).map(e -> e.end() - e.start()).orElseThrow());

            Mapping shrunk = grown.remap(page, RemapOptions.inPlace());
            assertEquals(grown.address(), shrunk.address(), "shrinking never moves");
            assertTrue(ProcMaps.read().overlapping(shrunk.address() + page, shrunk.address() + 64 * page).isEmpty());
            shrunk.close();
        }
        assertEquals(5, Files.readAllBytes(p)[Math.toIntExact(63 * page)]);
    }

    @Test
    void remapPastTheEndOfTheFileIsRefusedBeforeAnyCallUnlessTheMappingAllowsIt() throws Exception {
        Path p = patternFile(2);
        MappedFile file = MappedFile.open(p, READ, WRITE);
        {
            Mapping m = file.map(0, 2 * page, MapOptions.readWrite());
            MemorySegment s = m.segment();
            var e = assertThrows(IllegalArgumentException.class, () -> m.remap(3 * page, RemapOptions.mayMove()));
            assertTrue(e.getMessage().contains("past the end") && e.getMessage().contains("size " + 2 * page),
                    e.getMessage());
            assertTrue(m.isOpen());
            assertEquals(s, m.segment(), "nothing changed: the same segment");
            Mapping shrunk = m.remap(page, RemapOptions.mayMove()); // shrinking needs no check
            Mapping beyond = file.map(0, 2 * page, MapOptions.readWrite().allowBeyondEndOfFile());
            Mapping grown = beyond.remap(3 * page, RemapOptions.mayMove()); // asked for: its own risk
            assertEquals(3 * page, grown.length());
            grown.close();
            file.close();
            var closed = assertThrows(IllegalStateException.class, () -> shrunk.remap(2 * page, RemapOptions.mayMove()));
            assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
            shrunk.close();
        }
    }

    @Test
    void remapThatCannotGrowInPlaceFailsWithEnomemAndKeepsTheMapping() throws Exception {
        try (Reservation blocker = Reservation.reserve(2 * page)) {
            Mapping m = blocker.mapAnonymous(page, MapOptions.copyOnWrite(), 0);
            // a placed mapping cannot be remapped at all
            assertThrows(UnsupportedOperationException.class, () -> m.remap(2 * page, RemapOptions.inPlace()));
        }
        try (Mapping a = Mapping.anonymous(2 * page, MapOptions.copyOnWrite())) {
            List<Mapping> parts = a.unmap(page, page).parts(); // leave a one-page mapping with a hole after it...
            Mapping first = parts.getFirst();
            try (Mapping fence = Mapping.anonymous(page, MapOptions.readOnly().atAddress(first.address() + page))) {
                // ...then fill the hole, so growing in place is impossible
                first.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 3);
                var e = assertThrows(NativeCallException.class, () -> first.remap(2 * page, RemapOptions.inPlace()));
                assertEquals("ENOMEM", e.errorName());
                assertTrue(first.isOpen());
                assertEquals(3, first.segment().get(ValueLayout.JAVA_BYTE, 0));
                Mapping moved = first.remap(2 * page, RemapOptions.mayMove());
                assertNotEquals(first.address(), moved.address());
                assertEquals(3, moved.segment().get(ValueLayout.JAVA_BYTE, 0));
                moved.close();
                assertTrue(fence.isOpen());
            }
        }
    }

    @Test
    void address32BitPlacesTheMappingBelow2GiBOnX86_64AndIsUnsupportedElsewhere() throws Exception {
        Path p = patternFile(1);
        try (MappedFile file = MappedFile.open(p)) {
            MapOptions low = MapOptions.readOnly().with(MapFlag.ADDRESS_32BIT);
            if (List.of("amd64", "x86_64").contains(System.getProperty("os.arch"))) {
                try (Mapping m = file.map(0, page, low)) {
                    assertTrue(m.address() < (1L << 31), "MAP_32BIT placed it below 2 GiB: 0x" + Long.toHexString(m.address()));
                }
            } else {
                var e = assertThrows(UnsupportedOperationException.class, () -> file.map(0, page, low));
                assertTrue(e.getMessage().contains("MAP_32BIT exists only on x86_64"), e.getMessage());
            }
        }
    }

    @Test
    void mappingFlagsDoWhatTheKernelSaysTheyDo() throws Exception {
        Emulation.skipIfEmulated("qemu-user synthesises /proc/self/smaps with every size and counter zero (here: Locked after MAP_LOCKED, Rss after MAP_POPULATE)");
        Path p = patternFile(4);
        try (MappedFile file = MappedFile.open(p)) {
            try (Mapping locked = file.map(0, 4 * page, MapOptions.readOnly().with(MapFlag.LOCKED))) {
                assertEquals(4 * page / 1024, ProcMaps.smapsAt(locked.address()).get("Locked"));
            }
            try (Mapping populated = file.map(0, 4 * page, MapOptions.readOnly().with(MapFlag.POPULATE))) {
                assertEquals(4 * page / 1024, ProcMaps.smapsAt(populated.address()).get("Rss"));
            }
            try (Mapping stack = Mapping.anonymous(4 * page, MapOptions.copyOnWrite().with(MapFlag.STACK, MapFlag.NORESERVE))) {
                stack.segment().set(ValueLayout.JAVA_LONG, 0, 1L);
                assertEquals("rw-p", perms(stack.address()));
            }
        }
    }

    @Test
    void sharedAndPrivateAnonymousMemoryShowAsSuchAndStartZeroed() throws Exception {
        try (Mapping shared = Mapping.anonymous(page, MapOptions.readWrite());
             Mapping priv = Mapping.anonymous(page, MapOptions.copyOnWrite())) {
            assertEquals("rw-s", perms(shared.address()));
            assertEquals("rw-p", perms(priv.address()));
            shared.segment().set(ValueLayout.JAVA_INT, 0, 42);
            assertEquals(42, shared.segment().get(ValueLayout.JAVA_INT, 0));
            assertEquals(0, priv.segment().get(ValueLayout.JAVA_INT, 0));
        }
    }

    @Test
    void aReservationHoldsPlacedMappingsAndTakesTheirRangesBackWhenTheyClose() throws Exception {
        Path p = patternFile(16);
        try (MappedFile file = MappedFile.open(p); Reservation r = Reservation.reserve(8 * page)) {
            assertEquals("---p", perms(r.address()));
            Mapping header = r.map(file, 0, page, MapOptions.readOnly(), 0);
            Mapping body = r.map(file, 10 * page, 2 * page, MapOptions.readOnly(), page);
            Mapping scratch = r.mapAnonymous(page, MapOptions.copyOnWrite(), 4 * page);
            assertEquals(r.address() + page, body.address());
            assertEquals((byte) (10 * page * 31), body.segment().get(ValueLayout.JAVA_BYTE, 0));
            assertEquals("r--s", perms(r.address()));
            assertEquals("---p", perms(r.address() + 3 * page));
            scratch.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            assertEquals(3, r.mappings().size());
            assertThrows(IllegalArgumentException.class, () -> r.map(file, 0, page, MapOptions.readOnly(), page),
                    "overlapping a live placed mapping");
            assertThrows(IllegalArgumentException.class, () -> r.map(file, 0, 2 * page, MapOptions.readOnly(), 7 * page),
                    "past the reservation's end");

            body.close();
            assertEquals("---p", perms(r.address() + page), "back to reserved, not unmapped");
            assertEquals(2, r.mappings().size());
            Mapping again = r.map(file, 0, page, MapOptions.readOnly(), page);
            assertEquals((byte) 31, again.segment().get(ValueLayout.JAVA_BYTE, 1));
        }
        // closing the reservation closed what was still placed and released the range
    }

    @Test
    void aMappedFileWhoseNameIsNotUtf8IsOpenedFromItsChannelListedAndReprotected() throws Exception {
        // file names are bytes: 0xff 0xe9 decode as no UTF-8; /proc/self/maps shows them raw
        Process mk = new ProcessBuilder("sh", "-c", "printf 'abcd' > \"$1\"/$(printf 'bad\\377\\351name')", "sh",
                dir.toString()).start();
        assertEquals(0, mk.waitFor());
        Path odd;
        try (var names = Files.list(dir)) {
            odd = names.filter(x -> x.getFileName().toString().startsWith("bad")).findFirst().orElseThrow();
        }
        try (var channel = java.nio.channels.FileChannel.open(odd, READ);
             MappedFile file = MappedFile.of(channel);
             Mapping m = file.map(0, 4, MapOptions.copyOnWrite())) {
            assertEquals('d', m.segment().get(ValueLayout.JAVA_BYTE, 3));
            MapsEntry e = MapsEntry.readSelf().stream().filter(x -> x.start() == m.raw().address()).findFirst().orElseThrow();
            assertTrue(e.path().contains("bad") && e.path().contains("\uFFFD"), e.path());
            m.raw().protect(0, m.raw().length(), 1); // PROT_READ: the rights are read back from /proc/self/maps
            assertTrue(m.segment().isReadOnly());
        }
    }

    @Test
    void mapsEntriesShowWhatTheFlagsDidAndWhichRangesAreMmap4jS() throws Exception {
        Path p = patternFile(2);
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(page, page, MapOptions.copyOnWrite())) {
            MapsEntry e = MapsEntry.readSelf().stream().filter(x -> x.start() == m.address()).findFirst().orElseThrow();
            assertEquals("rw-p", e.permissions());
            assertFalse(e.isShared());
            assertTrue(e.canRead() && e.canWrite() && !e.canExecute());
            assertEquals(page, e.offset());
            assertEquals(page, e.length());
            assertEquals(p.toRealPath().toString(), e.path());
            assertEquals(Files.getAttribute(p, "unix:ino"), e.inode());
            assertTrue(e.isMmap4j());
            assertTrue(e.toString().startsWith(Long.toHexString(m.address()) + "-"));
            assertFalse(MapsEntry.readSelf().stream().filter(x -> x.path().equals("[stack]")).findFirst().orElseThrow().isMmap4j());
        }
        assertTrue(MapsEntry.readSelf().stream().noneMatch(MapsEntry::isMmap4j));
    }

    @Test
    void aFixedAddressThatIsTakenFailsWithEexistAndReplacesNothing() throws Exception {
        try (Mapping a = Mapping.anonymous(page, MapOptions.copyOnWrite())) {
            a.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 8);
            var e = assertThrows(NativeCallException.class,
                    () -> Mapping.anonymous(page, MapOptions.copyOnWrite().atAddress(a.address())));
            assertEquals("EEXIST", e.errorName());
            assertTrue(e.hint().contains("already mapped"), e.getMessage());
            assertEquals(8, a.segment().get(ValueLayout.JAVA_BYTE, 0));
        }
    }

    @Test
    void theRawFormsPassTheirArgumentsUnchanged() throws Exception {
        Emulation.skipIfEmulated("qemu-user synthesises /proc/self/smaps with every size and counter zero (here: Locked after mlock)");
        Path p = patternFile(2);
        try (MappedFile file = MappedFile.open(p, READ, WRITE); Mapping m = file.map(MapOptions.readWrite())) {
            m.raw().sync(0, 2 * page, 4); // MS_SYNC
            m.raw().advise(0, 2 * page, 3); // MADV_WILLNEED
            m.raw().lock(0, page, 0);
            assertEquals(page / 1024, ProcMaps.smapsAt(m.address()).get("Locked"));
            m.unlock(0, page);
            var e = assertThrows(NativeCallException.class, () -> m.raw().sync(1, page, 4));
            assertEquals("EINVAL", e.errorName());
            assertEquals("msync", e.call());
        }
    }

    @Test
    void anAppendOnlyLogGrowsPageByPageAndClosesAtItsExactSize() throws Exception {
        Path p = dir.resolve("log");
        byte[] entry = "entry of 20 bytes..\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long entries = 3 * page / entry.length + 7; // spans four pages
        try (MappedLog log = MappedLog.open(p)) {
            assertEquals(page, Files.size(p), "one page reserved ahead");
            for (long i = 0; i < entries; i++) {
                assertEquals(i * entry.length, log.append(entry));
            }
            assertEquals(entries * entry.length, log.size());
            assertTrue(log.capacity() >= log.size() && (MappedLog.HEADER_SIZE + log.capacity()) % page == 0);
            assertEquals(MappedLog.HEADER_SIZE + log.capacity(), Files.size(p));
            // a reader of the file sees the entries, after the header, before any sync
            assertArrayEquals(entry, java.util.Arrays.copyOfRange(Files.readAllBytes(p),
                    MappedLog.HEADER_SIZE + entry.length, MappedLog.HEADER_SIZE + 2 * entry.length));
            assertTrue(log.segment().isReadOnly());
            log.sync(SyncMode.SYNC);
        }
        assertEquals(MappedLog.HEADER_SIZE + entries * entry.length, Files.size(p));
        try (MappedLog again = MappedLog.open(p)) {
            assertEquals(entries * entry.length, again.append(entry));
        }
        assertEquals(MappedLog.HEADER_SIZE + (entries + 1) * entry.length, Files.size(p));
    }
}

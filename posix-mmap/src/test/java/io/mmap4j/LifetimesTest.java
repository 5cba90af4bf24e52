// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grouped and garbage-collected lifetimes (issue 11, part 1), checked against /proc/self/maps. */
class LifetimesTest {
    @TempDir
    Path dir;
    final long page = PageSize.get();

    /** Prints what the child said it did, so that the test's output shows how much happened. */
    private static void printLines(ChildJvm.Result r, String prefix) {
        r.stdout().stream().filter(l -> l.startsWith(prefix)).forEach(System.out::println);
    }

    private static boolean mapped(long address) {
        return !ProcMaps.read().overlapping(address, address + 1).isEmpty();
    }

    @Test
    void closingAMemberIsBookkeepingAndClosingTheGroupUnmapsEveryMember() throws Exception {
        List<Long> addresses = new ArrayList<>();
        MemorySegment kept;
        Mapping first;
        try (MappingGroup group = MappingGroup.open()) {
            for (int i = 0; i < 8; i++) {
                Mapping m = Mapping.anonymous(page, MapOptions.copyOnWrite().in(group));
                m.segment().set(JAVA_LONG, 0, i);
                addresses.add(m.address());
            }
            assertEquals(8, group.mappings().size());
            first = group.mappings().get(0);
            kept = first.segment();
            first.close();
            assertFalse(first.isOpen());
            assertThrows(IllegalStateException.class, first::segment);
            assertEquals(0, kept.get(JAVA_LONG, 0), "a segment taken before the member closed stays valid");
            assertTrue(mapped(first.address()), "the member's pages stay mapped until the group closes");
            assertEquals(7, group.mappings().size());
            first.close(); // twice: nothing
        }
        assertThrows(IllegalStateException.class, () -> kept.get(JAVA_LONG, 0));
        for (long a : addresses) {
            assertFalse(mapped(a), "0x" + Long.toHexString(a) + " is unmapped with the group");
        }
    }

    @Test
    void aMemberCanSyncAndAdviseButNotSplitProtectOrRemap() throws Exception {
        Path p = dir.resolve("f");
        Files.write(p, new byte[(int) (4 * page)]);
        try (MappedFile file = MappedFile.open(p, READ, WRITE); MappingGroup group = MappingGroup.open()) {
            Mapping m = file.map(0, 4 * page, MapOptions.readWrite().in(group));
            m.segment().set(JAVA_BYTE, 0, (byte) 7);
            m.sync(SyncMode.SYNC);
            m.advise(Advice.RANDOM);
            assertEquals(4, m.residency().pages());
            var e = assertThrows(UnsupportedOperationException.class, () -> m.unmap(page, page));
            assertTrue(e.getMessage().contains("MappingGroup"), e.getMessage());
            assertThrows(UnsupportedOperationException.class, () -> m.protect(0, page, Protection.READ));
            assertThrows(UnsupportedOperationException.class, () -> m.remap(8 * page, RemapOptions.mayMove()));
            assertThrows(UnsupportedOperationException.class, () -> m.raw().protect(0, page, 1));
            assertTrue(m.isOpen());
            assertEquals(7, m.segment().get(JAVA_BYTE, 0));
        }
        assertEquals(7, Files.readAllBytes(p)[0]);
    }

    @Test
    void aClosedGroupTakesNoMembersAndLeaksNoPages() throws Exception {
        MappingGroup group = MappingGroup.open();
        group.close();
        group.close();
        assertFalse(group.isOpen());
        long live = Ledger.liveCount();
        assertThrows(IllegalStateException.class, () -> Mapping.anonymous(page, MapOptions.copyOnWrite().in(group)));
        Path data = dir.resolve("refused-member");
        try (MappedFile file = MappedFile.open(data, READ, WRITE,
                java.nio.file.StandardOpenOption.CREATE)) {
            file.allocate(0, page);
            assertThrows(IllegalStateException.class, () -> file.map(0, page, MapOptions.readOnly().in(group)));
            // the JVM maps and unmaps its own memory at any moment, so a count of all lines says nothing:
            // look for the refused member's own file instead (under qemu-user /proc/self/maps is synthesised)
            if (!Emulation.isEmulated()) {
                assertTrue(ProcMaps.read().entries().stream().noneMatch(e -> e.path().equals(data.toString())),
                        "the refused member's pages were unmapped");
            }
        }
        assertEquals(live, Ledger.liveCount(), "the refused members gave their room back");
    }

    @Test
    void aMappingHasOneLifetime() {
        MappingGroup group = MappingGroup.open();
        assertThrows(IllegalArgumentException.class, () -> MapOptions.readWrite().confined().in(group));
        assertThrows(IllegalArgumentException.class, () -> MapOptions.readWrite().automatic().in(group));
        assertThrows(IllegalArgumentException.class, () -> MapOptions.readWrite().in(group).confined());
        assertTrue(MapOptions.readWrite().in(group).with(MapFlag.POPULATE).group() == group, "with keeps the group");
        group.close();
    }

    @Test
    void anAutomaticMappingIsUnmappedOnceNothingReachesItAndNotBefore() throws Exception {
        Mapping m = Mapping.anonymous(page, MapOptions.copyOnWrite().automatic());
        long address = m.address();
        MemorySegment s = m.segment();
        s.set(JAVA_LONG, 0, 42);
        m.close(); // bookkeeping only
        m = null;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(mapped(address), "still mapped while its segment is reachable");
        assertEquals(42, s.get(JAVA_LONG, 0));
        s = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (mapped(address) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertFalse(mapped(address), "the collector unmapped 0x" + Long.toHexString(address));
        assertFalse(Mapping.isLive(address, address + page), "and the ledger forgot it");
    }

    @Test
    void closingAGroupWhileThreadsReadItsMembersEndsTheReadersWithIllegalStateExceptionInAChild() throws Exception {
        ChildJvm.Result r = ChildJvm.run(dir, Duration.ofSeconds(60), CrashScenarios.class,
                "closeAGroupWhileThreadsReadItsMembers").assertCleanExit();
        assertTrue(r.stdout().contains("readers ended with IllegalStateException: 2 of 2"), r::toString);
    }

    @Test
    void automaticMappingsCollectedWhileOtherThreadsReadTheirOwnNeverCrashAChild() throws Exception {
        ChildJvm.Result r = ChildJvm.run(dir, Duration.ofSeconds(90), List.of("-Xmx64m"), CrashScenarios.class,
                "automaticMappingsComeAndGoWhileThreadsReadThem").assertCleanExit();
        // the child checks that 500 dropped mappings were collected while the readers read their own
        printLines(r, "automatic reads: ");
        assertTrue(r.stdout().stream().anyMatch(l -> l.startsWith("automatic reads: ")
                && l.contains("; collected while read: ")), r::toString);
    }

    @Test
    void anAutomaticMappingCannotBeSplitOrProtected() throws Exception {
        Mapping m = Mapping.anonymous(2 * page, MapOptions.copyOnWrite().automatic());
        var e = assertThrows(UnsupportedOperationException.class, () -> m.unmap(0, page));
        assertTrue(e.getMessage().contains("automatic"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> m.protect(0, page, Protection.NONE));
        assertEquals(0, m.segment().get(JAVA_BYTE, page));
    }

    /**
     * Whether the kernel maps {@code file} at {@code address}. Under qemu-user, whose synthesised
     * /proc/self/maps names a run of guest pages with equal rights after its first page's file (so
     * a neighbour's name can show), only the ledger's word is taken.
     */
    private boolean mappedFrom(Path file, long address) {
        if (Emulation.isEmulated()) {
            return Mapping.isLive(address, address + 1);
        }
        return ProcMaps.read().overlapping(address, address + 1).stream().anyMatch(e -> e.path().equals(file.toString()));
    }

    @Test
    void aBatchIsUnmappedInOneGoWhenItsLastMemberClosesAndTheNextBatchStaysMapped() throws Exception {
        Path p = dir.resolve("batched");
        Files.write(p, new byte[(int) (8 * page)]);
        try (MappedFile file = MappedFile.open(p, READ, WRITE);
             MappingGroup group = MappingGroup.openBatched(4, Duration.ofHours(1))) {
            List<Mapping> first = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Mapping m = file.map(i * page, page, MapOptions.readWrite().in(group));
                m.segment().set(JAVA_LONG, 0, 100 + i);
                first.add(m);
            }
            MemorySegment oldSegment = first.get(0).segment();
            for (int i = 0; i < 3; i++) {
                first.get(i).close();
            }
            for (Mapping m : first) {
                assertTrue(mappedFrom(p, m.address()), "a batch with an open member stays mapped: " + m);
            }
            assertEquals(100, oldSegment.get(JAVA_LONG, 0), "a closed member's old segment still reads");
            Mapping next = file.map(4 * page, page, MapOptions.readWrite().in(group)); // the fifth starts batch two
            first.get(3).close(); // the last member of a full batch: one handshake, four munmaps
            for (Mapping m : first) {
                assertFalse(mappedFrom(p, m.address()), "the full, closed batch is unmapped: " + m);
                assertFalse(Mapping.isLive(m.kernelStart(), m.kernelEnd()), "and the ledger forgot " + m);
            }
            assertThrows(IllegalStateException.class, () -> oldSegment.get(JAVA_LONG, 0));
            assertTrue(mappedFrom(p, next.address()), "the next batch stays mapped");
            next.segment().set(JAVA_LONG, 8, 7);
            assertEquals(List.of(next), group.mappings());
        }
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(0, 8 * page, MapOptions.readOnly())) {
            for (int i = 0; i < 4; i++) {
                assertEquals(100 + i, m.segment().get(JAVA_LONG, i * page), "page " + i + " reached the file");
            }
            assertEquals(7, m.segment().get(JAVA_LONG, 4 * page + 8));
        }
    }

    @Test
    void aBatchThatStopsFillingIsUnmappedByTheDaemonOnceItsMembersAreClosedAndItIsOld() throws Exception {
        MappingGroup group = MappingGroup.openBatched(1000, Duration.ofMillis(50));
        List<Long> addresses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Mapping m = Mapping.anonymous(page, MapOptions.copyOnWrite().in(group));
            addresses.add(m.address());
            m.close();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (addresses.stream().anyMatch(a -> Mapping.isLive(a, a + page)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        for (long a : addresses) {
            assertFalse(Mapping.isLive(a, a + page), "0x" + Long.toHexString(a) + " was unmapped after the batch's age");
        }
        assertTrue(group.isOpen(), "the group goes on");
        try (Mapping later = Mapping.anonymous(page, MapOptions.copyOnWrite().in(group))) {
            later.segment().set(JAVA_LONG, 0, 1);
        }
        group.close();
    }

    @Test
    void anOpenMemberKeepsItsBatchMappedPastItsAgeAndItsCloseUnmapsTheBatch() throws Exception {
        MappingGroup group = MappingGroup.openBatched(8, Duration.ofMillis(20));
        Mapping a = Mapping.anonymous(page, MapOptions.copyOnWrite().in(group));
        Mapping b = Mapping.anonymous(page, MapOptions.copyOnWrite().in(group));
        MemorySegment aSegment = a.segment();
        aSegment.set(JAVA_LONG, 0, 5);
        a.close();
        Thread.sleep(200); // ten times the age: the daemon retired the batch, b keeps it
        assertTrue(Mapping.isLive(a.kernelStart(), a.kernelEnd()) && mapped(a.address()), "b keeps a's pages mapped");
        assertEquals(5, aSegment.get(JAVA_LONG, 0));
        b.close(); // the batch's last member, and it is old: unmapped now, by this thread
        assertFalse(Mapping.isLive(a.kernelStart(), a.kernelEnd()));
        assertFalse(Mapping.isLive(b.kernelStart(), b.kernelEnd()));
        assertThrows(IllegalStateException.class, () -> aSegment.get(JAVA_LONG, 0));
        group.close();
    }

    @Test
    void closingABatchedGroupUnmapsEveryBatchAndRefusesNewMembers() throws Exception {
        MappingGroup group = MappingGroup.openBatched(2, Duration.ofHours(1));
        List<Mapping> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // three batches: 2, 2 and 1
            members.add(Mapping.anonymous(page, MapOptions.copyOnWrite().in(group)));
        }
        members.get(0).close();
        MemorySegment s = members.get(4).segment();
        group.close();
        group.close();
        assertFalse(group.isOpen());
        assertTrue(group.mappings().isEmpty());
        for (Mapping m : members) {
            assertFalse(Mapping.isLive(m.kernelStart(), m.kernelEnd()), m + " is unmapped with the group");
            assertThrows(IllegalStateException.class, m::segment);
        }
        assertThrows(IllegalStateException.class, () -> s.get(JAVA_LONG, 0));
        var e = assertThrows(IllegalStateException.class, () -> Mapping.anonymous(page, MapOptions.copyOnWrite().in(group)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void aBatchedGroupRefusesANonPositiveSizeOrAge() {
        var size = assertThrows(IllegalArgumentException.class, () -> MappingGroup.openBatched(0, Duration.ofMillis(1)));
        assertTrue(size.getMessage().contains("batchSize") && size.getMessage().contains("0"), size.getMessage());
        var age = assertThrows(IllegalArgumentException.class, () -> MappingGroup.openBatched(4, Duration.ofMillis(-1)));
        assertTrue(age.getMessage().contains("maxAge"), age.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MappingGroup.openBatched(4, Duration.ZERO));
        assertThrows(NullPointerException.class, () -> MappingGroup.openBatched(4, null));
        MappingGroup.openBatched(1, Duration.ofSeconds(Long.MAX_VALUE)).close(); // an age too long for nanoseconds
    }

    @Test
    void batchedMembersMadeAndClosedByThreadsWhileTheGroupClosesNeverCrashAChild() throws Exception {
        // the child runs until the workers made 10,000 members, however long that takes, then closes the group
        ChildJvm.Result r = ChildJvm.run(dir, Duration.ofSeconds(120), CrashScenarios.class,
                "batchedMembersComeAndGoWhileThreadsReadThemAndTheGroupCloses").assertCleanExit();
        printLines(r, "batched members: ");
        assertTrue(r.stdout().stream().anyMatch(l -> l.startsWith("batched members: ")
                && l.endsWith("workers ended with IllegalStateException: 3 of 3")), r::toString);
    }

    @Test
    void automaticMappingsMadeFasterThanTheCollectorRunsNeverExhaustTheProcessInAChild() throws Exception {
        // the child makes a quarter more than vm.max_map_count, and checks the live count against the budget
        ChildJvm.Result r = ChildJvm.run(dir, Duration.ofSeconds(180), CrashScenarios.class,
                "automaticMappingsMadeFasterThanTheCollectorRuns").assertCleanExit();
        printLines(r, "automatic: ");
        assertTrue(r.stdout().stream().anyMatch(l -> l.startsWith("automatic: ") && l.contains(" made (vm.max_map_count ")),
                r::toString);
    }

    @Test
    void aSpentMappingBudgetRefusesTheNextMappingNamingItAndACloseMakesRoomInAChild() throws Exception {
        ChildJvm.Result r = ChildJvm.run(dir, Duration.ofSeconds(60), List.of("-Dio.mmap4j.maxMappings=500"),
                CrashScenarios.class, "aSpentBudgetRefusesTheNextMapping").assertCleanExit();
        assertTrue(r.stdout().stream().anyMatch(l -> l.startsWith("room again after a close")), r::toString);
    }
}

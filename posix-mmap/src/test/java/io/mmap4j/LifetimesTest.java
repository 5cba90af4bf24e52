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
        int before = ProcMaps.read().entries().size();
        assertThrows(IllegalStateException.class, () -> Mapping.anonymous(page, MapOptions.copyOnWrite().in(group)));
        // under qemu-user /proc/self/maps is synthesised from the emulator's own tables, which its other
        // threads change at any moment: there the count says nothing, and only the refusal is checked
        if (!Emulation.isEmulated()) {
            assertEquals(before, ProcMaps.read().entries().size(), "the refused member's pages were unmapped");
        }
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
        ChildJvm.Result r = ChildJvm.run(dir, Duration.ofSeconds(60), List.of("-Xmx64m"), CrashScenarios.class,
                "automaticMappingsComeAndGoWhileThreadsReadThem").assertCleanExit();
        assertTrue(r.stdout().stream().anyMatch(l -> l.startsWith("automatic reads: ")), r::toString);
    }

    @Test
    void anAutomaticMappingCannotBeSplitOrProtected() throws Exception {
        Mapping m = Mapping.anonymous(2 * page, MapOptions.copyOnWrite().automatic());
        var e = assertThrows(UnsupportedOperationException.class, () -> m.unmap(0, page));
        assertTrue(e.getMessage().contains("automatic"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> m.protect(0, page, Protection.NONE));
        assertEquals(0, m.segment().get(JAVA_BYTE, page));
    }
}

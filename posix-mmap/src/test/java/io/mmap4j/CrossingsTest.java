// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where two features meet: a lifetime and a placement, huge pages and a reservation, the mapping
 * budget and every door that adds a kernel mapping, a log follower and a native call, a descriptor
 * handed in and its page size, a caller's channel and its position. Each runs in a child JVM,
 * checked for {@code hs_err} and for every expectation the child prints. Huge-page cases reserve
 * 2 MiB pages where this process may (root), and give them back after.
 */
@EnabledOnOs(OS.LINUX)
class CrossingsTest {
    private static final Path NR = Path.of("/proc/sys/vm/nr_hugepages");
    private static final int HUGE_NEEDED = 8;
    private static String nrBefore;
    private static boolean hugeAvailable;

    @TempDir
    Path dir;

    @BeforeAll
    static void reserveHugePages() throws IOException {
        if (Emulation.isEmulated() || !Files.isRegularFile(NR)) {
            return;
        }
        nrBefore = Sysctl.read(NR);
        long free = CrossingScenarios.freeHugePages();
        if (free < HUGE_NEEDED) {
            try {
                Files.writeString(NR, Long.toString(Long.parseLong(nrBefore) + HUGE_NEEDED - free));
            } catch (IOException notRoot) {
                System.out.println("CrossingsTest: cannot reserve 2 MiB pages (" + notRoot + "): huge-page crossings are "
                        + "skipped, and say so in the child's output");
            }
        }
        hugeAvailable = CrossingScenarios.freeHugePages() >= HUGE_NEEDED;
    }

    @AfterAll
    static void giveHugePagesBack() throws IOException {
        if (nrBefore != null && !Sysctl.read(NR).equals(nrBefore)) {
            Files.writeString(NR, nrBefore);
        }
    }

    private ChildJvm.Result child(List<String> options, String... args) throws Exception {
        return ChildJvm.run(dir, Emulation.scaled(Duration.ofSeconds(120)), options, CrossingScenarios.class, args)
                .assertCleanExit();
    }

    @Test
    void automaticAndGroupedMappingsAreRefusedInAReservationBeforeAnyCallInAChild() throws Exception {
        child(List.of(), "lifetimesThatCannotBePlacedAreRefusedBeforeAnyCall");
    }

    @Test
    void hugePagePlacementsAreCheckedInHugePagesAndNeverReplaceANeighbourInAChild() throws Exception {
        Emulation.skipIfEmulated("qemu-user maps guest memory in its own pages: hugetlb is not the kernel's here");
        ChildJvm.Result r = child(List.of(), "hugePagePlacementsAreCheckedInHugePages");
        assertTrue(!hugeAvailable || r.stdout().stream().noneMatch(l -> l.startsWith("SKIPPED")), r::toString);
    }

    @Test
    void theBudgetCountsReservationsPlacementsProtectSplitsAdviceAndSplitsInAChild() throws Exception {
        Emulation.skipIfEmulated("qemu-user synthesises /proc/self/maps, so the kernel's count cannot be compared");
        child(List.of("-Dio.mmap4j.maxMappings=400"), "theBudgetCountsKernelMappingsAtEveryDoor");
    }

    @Test
    void placementsAndProtectSplitsStopAtTheBudgetAndTheJvmLivesOnInAChild() throws Exception {
        Emulation.skipIfEmulated("qemu-user synthesises /proc/self/maps, so the kernel's count cannot be compared");
        child(List.of(), "placementsAndSplitsNeverExhaustTheProcess");
    }

    @Test
    void aFollowerNeverLeaksAMappingItOutgrewWhileANativeCallHeldItInAChild() throws Exception {
        Emulation.skipIfEmulated("qemu-user synthesises /proc/self/maps");
        child(List.of(), "anOutgrownFollowerMappingHeldByACallIsUnmappedLater");
    }

    @Test
    void aHugetlbMemfdHandedInIsMappedAndUnmappedInHugePagesInAChild() throws Exception {
        Emulation.skipIfEmulated("qemu-user maps guest memory in its own pages: hugetlb is not the kernel's here");
        ChildJvm.Result r = child(List.of(), "aHugetlbMemfdAdoptedMapsInHugePages");
        assertTrue(!hugeAvailable || r.stdout().stream().noneMatch(l -> l.startsWith("SKIPPED")), r::toString);
    }

    @Test
    void mappedFileOfAChannelNeverMovesItsPositionWhileThreadsCallItInAChild() throws Exception {
        child(List.of(), "channelsKeepTheirPositionWhileThreadsOpenThem");
    }

    @Test
    void everyCrossingOfLifetimePlacementPageKindOriginAndSharingHoldsInAChild() throws Exception {
        ChildJvm.Result r = child(List.of(), "everyCrossing", hugeAvailable ? "huge" : "base");
        String summary = r.stdout().stream().filter(l -> l.startsWith("crossings:")).findFirst().orElseThrow();
        System.out.println("CrossingsTest: " + summary);
        int expected = CrossingMatrix.cases().size();
        assertTrue(summary.contains(" run, ") && !summary.startsWith("crossings: 0 run"), summary);
        if (hugeAvailable) {
            assertTrue(summary.contains(" 0 skipped") || summary.contains("SKIPPED"), summary + " of " + expected);
        }
    }
}

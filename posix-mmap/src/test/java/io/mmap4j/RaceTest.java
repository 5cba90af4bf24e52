// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Races between structural changes, and raw calls that change rights behind the library's back,
 * each run in a child JVM ({@link RaceScenarios}) so that a fault leaves an {@code hs_err} file
 * instead of ending the tests. Every scenario must end with exit code 0, no crash log and no
 * {@code FAILED} line, and must show that the race it is about actually happened.
 */
@EnabledOnOs(OS.LINUX)
class RaceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String RACE_MILLIS = "6000";

    @TempDir
    Path dir;

    @Test
    void aReservationClosedWhileAMappingInItIsSplitLeavesNoOpenPartOverUnmappedPagesAndClobbersNothing()
            throws Exception {
        Emulation.skipIfEmulated("the scenario counts how often racing threads meet, which assumes native speed; under emulation, several times slower, the threads rarely overlap");
        ChildJvm.Result r = scenario("reservationCloseRacingSplit", "touch", RACE_MILLIS);
        // both orders happened, and each was checked
        assertAtLeast(r, "split before close (unmap returned 2 parts)", 1);
        assertAtLeast(r, "close before split (unmap threw IllegalStateException)", 1);
        assertAtLeast(r, "checked read of the original segment after the race", 10);
        // the neighbour check ran: an unrelated mapping sat where the reservation was while parts closed again
        assertAtLeast(r, "unrelated mapping placed over the old range", 1);
        assertAtLeast(r, "unrelated mapping intact", 1);
    }

    @Test
    void twoClosesOfOneReservationNeverUnmapWhatAThirdThreadMappedThereInBetween() throws Exception {
        ChildJvm.Result r = scenario("doubleReservationCloseRacingPlacement", "touch", RACE_MILLIS);
        // the placer was waiting on the range and got it as soon as the first close freed it
        assertAtLeast(r, "placer was refused while the reservation held the range, then mapped it", 10);
        assertAtLeast(r, "placer's successful mmap began before both closes had returned", 1);
    }

    @Test
    void rawGuardPageAdviceIsRefusedOrLeavesNoSegmentThatFaults() throws Exception {
        ChildJvm.Result r = scenario("guardInstall");
        assertRefusedOrReadable(r, "MADV_GUARD_INSTALL");
    }

    @Test
    void rawHardwarePoisonAdviceIsRefusedOrLeavesNoSegmentThatFaults() throws Exception {
        // as root this advice would really poison a page: drop CAP_SYS_ADMIN so that the kernel
        // refuses it (EPERM) if mmap4j does not
        List<String> launcher = Files.isExecutable(Path.of("/usr/bin/setpriv"))
                ? List.of("/usr/bin/setpriv", "--bounding-set=-sys_admin") : List.of();
        ChildJvm.Result r = ChildJvm.runThrough(launcher, dir, TIMEOUT, List.of(), RaceScenarios.class, "hwPoison")
                .assertCleanExit();
        assertRefusedOrReadable(r, "MADV_HWPOISON");
    }

    @Test
    void protectRawWithGrowsDownLeavesTheLibrarysRightsEqualToTheKernels() throws Exception {
        Emulation.skipIfEmulated("qemu-user's mprotect refuses PROT_GROWSDOWN with EINVAL");
        ChildJvm.Result r = scenario("growsDownProtect", "touch");
        List<String> out = r.stdout();
        if (out.contains("fact: protectRaw(3 * page, page, PROT_NONE | PROT_GROWSDOWN) returned normally")) {
            // the kernel changed pages 0..3, not only page 3; the library must know it
            assertTrue(out.contains("fact: page 0 kernel ---p, segment none"), r::toString);
            assertTrue(out.contains("fact: page 3 kernel ---p, segment none"), r::toString);
            assertTrue(out.contains("fact: page 4 kernel rw-p, segment read-write"), r::toString);
            assertTrue(out.contains("fact: isReadable() false"), r::toString);
        } else {
            assertTrue(out.stream().anyMatch(l -> l.startsWith("caught " + IllegalArgumentException.class.getName())
                    && l.endsWith("(protectRaw PROT_GROWSDOWN)")), r::toString);
            assertTrue(out.contains("fact: page 0 kernel rw-p, segment read-write"), r::toString);
        }
    }

    @Test
    void closingAMappingWhileOtherThreadsReadSplitProtectAndSyncItThrowsOnlyDocumentedExceptions()
            throws Exception {
        Emulation.skipIfEmulated("the scenario counts how often racing threads meet, which assumes native speed; under emulation, several times slower, the threads rarely overlap");
        ChildJvm.Result r = scenario("closeWhileOthersUse", "", RACE_MILLIS);
        for (String op : List.of("reader", "splitter", "protector", "syncer")) {
            assertAtLeast(r, op + " succeeded", 1);
            assertAtLeast(r, op + " threw IllegalStateException", 1);
        }
        for (String op : List.of("reader", "splitter", "protector")) { // sync is not confined to the owner
            assertAtLeast(r, op + " threw WrongThreadException", 1);  // the confined rounds
        }
        assertAtLeast(r, "closer closed the first mapping", 10);
    }

    private ChildJvm.Result scenario(String... args) throws Exception {
        return ChildJvm.run(dir, TIMEOUT, RaceScenarios.class, args).assertCleanExit();
    }

    private static void assertRefusedOrReadable(ChildJvm.Result r, String advice) {
        boolean refused = r.stdout().stream().anyMatch(l ->
                l.startsWith("caught " + IllegalArgumentException.class.getName()) && l.endsWith("(adviseRaw " + advice + ")"));
        assertTrue(refused || r.stdout().contains("fact: every segment handed out was readable"), r::toString);
    }

    private static void assertAtLeast(ChildJvm.Result r, String name, long least) {
        String prefix = "count " + name + ": ";
        long n = r.stdout().stream().filter(l -> l.startsWith(prefix))
                .mapToLong(l -> Long.parseLong(l.substring(prefix.length()).trim())).findFirst().orElse(0);
        assertTrue(n >= least, () -> "count of '" + name + "' is " + n + ", expected at least " + least + "; " + r);
    }
}

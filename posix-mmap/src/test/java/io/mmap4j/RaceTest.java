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
    /** How long a race runs at least; it goes on until it has seen what {@link RaceScenarios#TARGETS} asks. */
    private static final String RACE_MILLIS = "6000";
    /** Room for a race that needs all of its bound (ten times {@link #RACE_MILLIS}) to meet its targets. */
    private static final Duration RACE_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aReservationClosedWhileAMappingInItIsSplitLeavesNoOpenPartOverUnmappedPagesAndClobbersNothing()
            throws Exception {
        Emulation.skipIfEmulated("the scenario counts how often racing threads meet, which assumes native speed; under emulation, several times slower, the threads rarely overlap");
        ChildJvm.Result r = race("reservationCloseRacingSplit", "touch");
        // both orders happened, and each was checked (split before close, close before split, reads of the
        // original segment after the race); the neighbour check ran: an unrelated mapping sat where the
        // reservation was while parts closed again, and stayed intact
        assertTargets(r, "reservationCloseRacingSplit");
    }

    @Test
    void twoClosesOfOneReservationNeverUnmapWhatAThirdThreadMappedThereInBetween() throws Exception {
        ChildJvm.Result r = race("doubleReservationCloseRacingPlacement", "touch");
        // the placer was waiting on the range and got it as soon as the first close freed it
        assertTargets(r, "doubleReservationCloseRacingPlacement");
    }

    @Test
    void rawGuardPageAdviceIsRefusedByTheLibraryAndLeavesNoSegmentThatFaults() throws Exception {
        ChildJvm.Result r = scenario("guardInstall");
        assertRefusedByTheLibrary(r, "MADV_GUARD_INSTALL");
    }

    @Test
    void rawHardwarePoisonAdviceIsRefusedByTheLibraryAndLeavesNoSegmentThatFaults() throws Exception {
        // as root this advice would really poison a page: drop CAP_SYS_ADMIN so that the kernel
        // refuses it (EPERM) if mmap4j does not
        List<String> launcher = Files.isExecutable(Path.of("/usr/bin/setpriv"))
                ? List.of("/usr/bin/setpriv", "--bounding-set=-sys_admin") : List.of();
        ChildJvm.Result r = ChildJvm.runThrough(launcher, dir, TIMEOUT, List.of(), RaceScenarios.class, "hwPoison")
                .assertCleanExit();
        assertRefusedByTheLibrary(r, "MADV_HWPOISON");
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
        ChildJvm.Result r = race("closeWhileOthersUse", "");
        // every operation succeeded and lost a race to close; the confined rounds refused other threads
        // (sync is not confined to the owner)
        assertTargets(r, "closeWhileOthersUse");
    }

    /** Runs a race for {@link #RACE_MILLIS} and on until it has seen what its targets ask. */
    private ChildJvm.Result race(String name, String touch) throws Exception {
        return ChildJvm.run(dir, RACE_TIMEOUT, RaceScenarios.class, name, touch, RACE_MILLIS).assertCleanExit();
    }

    private static void assertTargets(ChildJvm.Result r, String scenario) {
        RaceScenarios.TARGETS.get(scenario).forEach((name, least) -> assertAtLeast(r, name, least));
    }

    private ChildJvm.Result scenario(String... args) throws Exception {
        return ChildJvm.run(dir, TIMEOUT, RaceScenarios.class, args).assertCleanExit();
    }

    /**
     * The library refused the advice itself (IllegalArgumentException, before madvise), not the
     * kernel (an older kernel, or no CAP_SYS_ADMIN, refuses it too, which would hide a missing check),
     * and every segment handed out afterwards was readable.
     */
    private static void assertRefusedByTheLibrary(ChildJvm.Result r, String advice) {
        boolean refused = r.stdout().stream().anyMatch(l ->
                l.startsWith("caught " + IllegalArgumentException.class.getName()) && l.endsWith("(adviseRaw " + advice + ")"));
        assertTrue(refused, () -> "mmap4j did not refuse " + advice + " itself; " + r);
        assertTrue(r.stdout().stream().noneMatch(l -> l.startsWith("fact: adviseRaw(")),
                () -> "madvise was called with " + advice + "; " + r);
        assertTrue(r.stdout().contains("fact: every segment handed out was readable"), r::toString);
    }

    private static void assertAtLeast(ChildJvm.Result r, String name, long least) {
        String prefix = "count " + name + ": ";
        long n = r.stdout().stream().filter(l -> l.startsWith(prefix))
                .mapToLong(l -> Long.parseLong(l.substring(prefix.length()).trim())).findFirst().orElse(0);
        assertTrue(n >= least, () -> "count of '" + name + "' is " + n + ", expected at least " + least + "; " + r);
    }
}

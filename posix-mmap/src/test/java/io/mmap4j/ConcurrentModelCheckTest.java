// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several threads change a shared pool of mappings and reservations at random while others read
 * and write through their segments ({@link ConcurrentModelCheck}, in child JVMs so that a fault
 * leaves a crash log). At quiescent points the library's view is checked against
 * {@code /proc/self/maps} and a model of the file.
 *
 * <p>Runs several random seeds, each for {@value #SECONDS_PER_SEED} seconds and then on until it has
 * done what {@link ConcurrentModelCheck#TARGETS} asks, however long that takes on this machine (about
 * 90 seconds in all on a fast one); {@code -Dseed=N} runs that seed alone, for the whole budget. Each
 * seed is printed in the failure message; {@code ConcurrentModelCheck N S B} replays it for {@code S}
 * seconds and on to its targets, at most {@code B} seconds (the same choices per thread, not the same
 * interleaving).
 */
@EnabledOnOs(OS.LINUX)
class ConcurrentModelCheckTest {
    private static final long BUDGET_SECONDS = 75; // of running children; plus JVM start-up, about 90 s
    private static final long SECONDS_PER_SEED = 23;

    @TempDir
    Path dir;

    @Test
    void randomConcurrentChangesNeverCrashAndAlwaysAgreeWithTheKernelAtQuiescentPoints() throws Exception {
        Emulation.skipIfEmulated("qemu-user emulates mremap over its own page table, which does not split where the kernel splits a mapping (after mprotect or madvise), so remap succeeds or fails where the kernel's would not");
        List<Long> seeds = new ArrayList<>();
        String given = System.getProperty("seed");
        if (given != null) {
            seeds.add(Long.parseLong(given));
        } else {
            SplittableRandom rnd = new SplittableRandom();
            for (long left = BUDGET_SECONDS; left >= SECONDS_PER_SEED; left -= SECONDS_PER_SEED) {
                seeds.add(rnd.nextLong());
            }
        }
        long seconds = given != null ? BUDGET_SECONDS : SECONDS_PER_SEED;
        long bound = 6 * seconds; // only for a stuck run: each runs on until its targets are met
        for (long seed : seeds) {
            Path run = Files.createDirectory(dir.resolve("seed-" + Long.toUnsignedString(seed)));
            ChildJvm.Result r = ChildJvm.run(run, Duration.ofSeconds(bound + 45), ConcurrentModelCheck.class,
                    Long.toString(seed), Long.toString(seconds), Long.toString(bound));
            String context = "seed " + seed + " (replay: -Dseed=" + seed + "); " + r;
            assertEquals(List.of(), ChildJvm.crashLogs(run), () -> "crash logs; " + context);
            assertEquals(0, r.exitCode(), () -> "exit code; " + context);
            assertEquals("", r.stderr(), () -> "standard error; " + context);
            assertTrue(r.stdout().contains("no failures, seed " + seed), () -> context);
            // the run did what it is for, however long that took here: every kind of change happened many
            // times and raced, readers read, and the checker checked (the child runs on until it has)
            r.stdout().stream().filter(l -> l.startsWith("targets ")).forEach(System.out::println);
            ConcurrentModelCheck.TARGETS.forEach((name, least) -> assertAtLeast(r, name + ": ", least, context));
        }
    }

    private static void assertAtLeast(ChildJvm.Result r, String prefix, long least, String context) {
        long n = r.stdout().stream().filter(l -> l.startsWith(prefix))
                .mapToLong(l -> Long.parseLong(l.substring(prefix.length()).trim())).findFirst().orElse(0);
        assertTrue(n >= least, () -> "'" + prefix + "' is " + n + ", expected at least " + least + "; " + context);
    }
}

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
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A file shrunk by another party under a live {@code MAP_SHARED} mapping, each case in a child JVM
 * ({@link TruncationScenarios}). These tests state what the JDK protects and what it does not: some
 * assert that the child dies, which documents a JDK limit, not a wish.
 */
@EnabledOnOs(OS.LINUX)
class TruncationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long PAGE = PageSize.get();

    /** {@code shrink PATH SIZE}: a second process that opens the file for writing and calls {@code ftruncate}. */
    private static final String SHRINK_C = """
            #define _GNU_SOURCE
            #include <errno.h>
            #include <fcntl.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <unistd.h>

            int main(int argc, char **argv) {
                if (argc != 3) {
                    fprintf(stderr, "usage: shrink PATH SIZE\\n");
                    return 2;
                }
                long long size = strtoll(argv[2], NULL, 10);
                int fd = open(argv[1], O_WRONLY);
                if (fd < 0) {
                    printf("open failed: errno %d (%s)\\n", errno, strerror(errno));
                    return 0;
                }
                if (ftruncate(fd, (off_t) size) != 0) {
                    printf("ftruncate failed: errno %d (%s)\\n", errno, strerror(errno));
                } else {
                    printf("shrunk to %lld\\n", size);
                }
                close(fd);
                return 0;
            }
            """;

    /** {@code open_for_writing PATH}: opens the file for writing and says how long the open took. */
    private static final String OPEN_FOR_WRITING_C = """
            #define _GNU_SOURCE
            #include <errno.h>
            #include <fcntl.h>
            #include <stdio.h>
            #include <string.h>
            #include <time.h>
            #include <unistd.h>

            int main(int argc, char **argv) {
                if (argc != 2) {
                    fprintf(stderr, "usage: open_for_writing PATH\\n");
                    return 2;
                }
                struct timespec start, end;
                clock_gettime(CLOCK_MONOTONIC, &start);
                int fd = open(argv[1], O_WRONLY);
                clock_gettime(CLOCK_MONOTONIC, &end);
                long ms = (end.tv_sec - start.tv_sec) * 1000 + (end.tv_nsec - start.tv_nsec) / 1000000;
                if (fd < 0) {
                    printf("open failed after %ld ms: errno %d (%s)\\n", ms, errno, strerror(errno));
                    return 0;
                }
                printf("opened for writing after %ld ms\\n", ms);
                close(fd);
                return 0;
            }
            """;

    @TempDir
    Path dir;

    private String shrinkProgram() throws Exception {
        return CProgram.compile("shrink", SHRINK_C, dir).binary().toString();
    }

    // --- what the JDK protects: plain access, interpreted and compiled -------------------------------

    @Test
    void getAndSetPastTheEndOfAFileShrunkThroughASecondDescriptorThrowInternalErrorWhenInterpreted() throws Exception {
        ChildJvm.Result r = ChildJvm.run(dir, TIMEOUT, List.of("-Xint"), TruncationScenarios.class,
                "plainAccess", "descriptor").assertCleanExit();
        assertCaught(r, InternalError.class, "get of page 3");
        assertCaught(r, InternalError.class, "set of page 1");
    }

    @Test
    void getAndSetPastTheEndOfAFileShrunkByASecondProcessThrowInternalErrorWhenInterpreted() throws Exception {
        ChildJvm.Result r = ChildJvm.run(dir, TIMEOUT, List.of("-Xint"), TruncationScenarios.class,
                "plainAccess", shrinkProgram()).assertCleanExit();
        assertCaught(r, InternalError.class, "get of page 3");
        assertCaught(r, InternalError.class, "set of page 1");
    }

    @Test
    void aC1CompiledLoopGetsInternalErrorInsideTheTryAtTheFirstFaultingGet() throws Exception {
        ChildJvm.Result r = ChildJvm.run(dir, TIMEOUT, List.of("-XX:TieredStopAtLevel=1", "-XX:+PrintCompilation"),
                TruncationScenarios.class, "hotLoop", shrinkProgram()).assertCleanExit();
        assertCompiledBeforeTheShrink(r, tier -> tier >= 1 && tier <= 3);
        for (int run = 1; run <= 3; run++) {
            // contains, not equals: -XX:+PrintCompilation's thread may print on the same line
            String expected = "run " + run + ": inside the try, caught at offset " + PAGE
                    + " = first faulting offset + 0 longs (sum so far " + PAGE / 8 + ")";
            assertTrue(r.stdout().stream().anyMatch(l -> l.endsWith(expected)), r::toString);
        }
    }

    /**
     * The JDK limit: C2 compiles the faulting load so that it does not stop the loop. The observed
     * behaviour is that gets past the end return stale values, the loop goes on, and the
     * {@code InternalError} arrives later, thrown out of the method past the catch around the get.
     */
    @Test
    void aC2CompiledLoopReadsOnPastTheEndAndGetsInternalErrorOutsideTheTryAroundTheGet() throws Exception {
        ChildJvm.Result r = ChildJvm.run(dir, TIMEOUT, List.of("-XX:+PrintCompilation"),
                TruncationScenarios.class, "hotLoop", shrinkProgram()).assertCleanExit();
        assertCompiledBeforeTheShrink(r, tier -> tier == 4);
        String prefix = "run 1: outside the try around the access, thrown at sumWithATryAroundEachGet:";
        String line = r.stdout().stream().filter(l -> l.contains(prefix)).map(l -> l.substring(l.indexOf(prefix)))
                .findFirst().orElse(null);
        assertTrue(line != null, () -> "the first run past the end, compiled by C2, escaped the catch; " + r);
        int returned = Integer.parseInt(line.replaceAll(".*\\), (\\d+) of the \\d+ gets past the end returned.*", "$1"));
        assertTrue(returned > 0, () -> "gets past the end returned stale values before the error arrived; " + r);
    }

    /** Whether {@code -XX:+PrintCompilation} shows a non-OSR compile of the loop at an accepted tier before the shrink. */
    private static void assertCompiledBeforeTheShrink(ChildJvm.Result r, IntPredicate tierAccepted) {
        List<String> out = r.stdout();
        int warm = out.indexOf("warm");
        assertTrue(warm > 0, r::toString);
        assertTrue(out.subList(0, warm).stream().anyMatch(l -> {
            List<String> words = List.of(l.trim().split("\\s+"));
            int at = words.indexOf(TruncationScenarios.class.getName() + "::sumWithATryAroundEachGet");
            return at > 0 && words.get(at - 1).matches("\\d") && tierAccepted.test(Integer.parseInt(words.get(at - 1)))
                    && words.get(at + 1).startsWith("(") && !l.contains("made not entrant");
        }), () -> "the loop was compiled at the expected tier before the file shrank; " + r);
    }

    // --- bulk operations ---------------------------------------------------------------------------

    @Test
    void bulkCopyBufferGetAndFillPastTheEndThrowInternalErrorColdAndAfterWarmUp() throws Exception {
        Emulation.skipIfEmulated("under qemu-user a SIGBUS inside the JIT's copy stub (StubRoutines::copy_byte_f) kills the JVM instead of becoming InternalError; whether aarch64 hardware does the same is not yet known");
        for (String op : List.of("copyOut", "copyIn", "bufferGet", "fill")) {
            for (String mode : List.of("cold", "hot")) {
                assertCaught(bulk(op, mode).assertCleanExit(), InternalError.class,
                        op + " over a file shrunk to 1 page (" + mode + ")");
            }
        }
    }

    @Test
    void mismatchPastTheEndThrowsInternalErrorOnTheFirstCall() throws Exception {
        assertCaught(bulk("mismatch", "cold").assertCleanExit(), InternalError.class,
                "mismatch over a file shrunk to 1 page (cold)");
    }

    /**
     * After warm-up, {@code MemorySegment.mismatch} may run in the JIT's {@code vectorizedMismatch}
     * stub, which the JVM does not treat as an unsafe access: in 3 of 10 runs the JVM died there of
     * {@code SIGBUS}, in the others it threw {@code InternalError}. Either outcome passes; anything
     * else fails.
     */
    @Test
    void mismatchAfterWarmUpThrowsInternalErrorOrKillsTheJvmInTheVectorizedMismatchStubAJdkLimit() throws Exception {
        ChildJvm.Result r = bulk("mismatch", "hot");
        if (r.exitCode() == 0) {
            r.assertCleanExit();
            assertCaught(r, InternalError.class, "mismatch over a file shrunk to 1 page (hot)");
        } else {
            List<Path> logs = ChildJvm.crashLogs(r.dir());
            assertEquals(1, logs.size(), r::toString);
            String log = Files.readString(logs.getFirst());
            assertTrue(log.contains("SIGBUS") && log.contains("StubRoutines::vectorizedMismatch"),
                    () -> "the crash log names SIGBUS in vectorizedMismatch:\n" + log);
        }
    }

    private ChildJvm.Result bulk(String op, String mode) throws Exception {
        Path child = Files.createDirectory(dir.resolve(op + "-" + mode));
        return ChildJvm.run(child, TIMEOUT, TruncationScenarios.class, "bulk", "descriptor", op, mode);
    }

    // --- what the JDK does not protect: routines that read a direct buffer in native code or stubs --

    @Test
    void crc32OverATruncatedMappingKillsTheJvmAJdkLimit() throws Exception {
        assertKilledBySigbus("CRC32");
    }

    @Test
    void crc32cOverATruncatedMappingKillsTheJvmAJdkLimit() throws Exception {
        assertKilledBySigbus("CRC32C");
    }

    @Test
    void adler32OverATruncatedMappingKillsTheJvmAJdkLimit() throws Exception {
        assertKilledBySigbus("Adler32");
    }

    @Test
    void deflaterInputFromATruncatedMappingKillsTheJvmAJdkLimit() throws Exception {
        assertKilledBySigbus("Deflater");
    }

    @Test
    void inflaterInputFromATruncatedMappingKillsTheJvmAJdkLimit() throws Exception {
        assertKilledBySigbus("Inflater");
    }

    /** The child got as far as the call, did not come back from it, and left a crash log that names {@code SIGBUS}. */
    private void assertKilledBySigbus(String routine) throws Exception {
        ChildJvm.Result r = ChildJvm.run(dir, TIMEOUT, TruncationScenarios.class, "intrinsic", routine);
        assertTrue(r.stdout().contains("calling " + routine), r::toString);
        assertFalse(r.stdout().stream().anyMatch(l -> l.startsWith("caught ") || l.contains(" returned ")),
                r::toString);
        assertTrue(r.exitCode() != 0, r::toString);
        List<Path> logs = ChildJvm.crashLogs(dir);
        assertEquals(1, logs.size(), r::toString);
        String log = Files.readString(logs.getFirst());
        assertTrue(log.contains("SIGBUS"), () -> "the crash log names SIGBUS:\n" + log);
    }

    // --- what the OS offers against it --------------------------------------------------------------

    @Test
    void aMemfdSealedAgainstShrinkingCannotBeShrunkByItsOwnerASecondDescriptorOrASecondProcess() throws Exception {
        ChildJvm.Result r = ChildJvm.run(dir, TIMEOUT, TruncationScenarios.class,
                "sealedMemfd", shrinkProgram()).assertCleanExit();
        assertCaught(r, NativeCallException.class, "truncate of the memfd itself to 1 page");
        assertTrue(r.stdout().stream().anyMatch(l -> l.startsWith("caught " + NativeCallException.class.getName())
                && l.contains("EPERM")), r::toString);
        assertTrue(r.stdout().stream().anyMatch(l -> l.startsWith("caught java.io.IOException: Operation not permitted")
                && l.contains("(setLength through a second descriptor /proc/self/fd/")), r::toString);
        assertTrue(r.stdout().stream().anyMatch(l -> l.startsWith("second process: ftruncate failed: errno 1 ")),
                r::toString);
        assertTrue(r.stdout().stream().anyMatch(l -> l.startsWith("caught " + NativeCallException.class.getName())
                && l.contains("EINVAL") && l.endsWith("(addSeals on a regular file)")), r::toString);
    }

    /**
     * Expects the guard in {@link MappedFile#truncate}: a size below the end of a live mapping made
     * through the same file is refused with {@link IllegalStateException} naming the mapping's file
     * range, and the file keeps its size.
     */
    @Test
    void truncateBelowTheEndOfALiveMappingIsRefusedAndLeavesTheFileAsItWas() throws Exception {
        ChildJvm.Result r = ChildJvm.run(dir, TIMEOUT, TruncationScenarios.class, "truncateBelowALiveMapping")
                .assertCleanExit();
        assertCaught(r, IllegalStateException.class, "truncate to 2 pages under a mapping of pages 1..2");
    }

    /**
     * A read lease ({@code F_SETLEASE}) in a JVM that does not handle {@code SIGIO}: the kernel's
     * notice of a lease break is {@code SIGIO}, whose default action ends the process, and HotSpot
     * installs no handler for it. Exit code 128 + 29, no crash log.
     */
    @Test
    void aFileLeaseWithoutASigioHandlerKillsTheJvmWhenAnotherProcessOpensTheFileForWriting() throws Exception {
        ChildJvm.Result r = leaseBrokenBySecondProcess("none");
        assertEquals(128 + 29, r.exitCode(), r::toString);
        assertEquals(List.of(), ChildJvm.crashLogs(dir), r::toString);
    }

    /**
     * With a {@code SIGIO} handler ({@code sun.misc.Signal}) that closes the mapping and releases the
     * lease, the writer's {@code open} waits for that and the old segment then throws
     * {@link IllegalStateException}.
     */
    @Test
    void aFileLeaseWithASigioHandlerLetsTheJvmUnmapBeforeAnotherProcessMayOpenTheFileForWriting() throws Exception {
        ChildJvm.Result r = leaseBrokenBySecondProcess("handler").assertCleanExit();
        assertTrue(r.stdout().contains("SIGIO: mapping closed, lease released"), r::toString);
        assertCaught(r, IllegalStateException.class, "read of the mapping after the lease broke");
    }

    private ChildJvm.Result leaseBrokenBySecondProcess(String handling) throws Exception {
        assumeTrue(Sysctl.read(Path.of("/proc/sys/fs/leases-enable")).equals("1"), "leases are enabled");
        CProgram writer = CProgram.compile("open_for_writing", OPEN_FOR_WRITING_C, dir);
        Files.write(dir.resolve("data"), new byte[(int) (4 * PAGE)]);
        try (ChildJvm.Running child = ChildJvm.start(dir, TruncationScenarios.class, "lease", handling)) {
            child.awaitLine("leased", TIMEOUT);
            String opened = writer.run(dir.resolve("data").toString()).strip();
            assertTrue(opened.matches("opened for writing after \\d+ ms"), opened);
            long ms = Long.parseLong(opened.replaceAll("\\D", ""));
            // well under /proc/sys/fs/lease-break-time (45 s by default), after which the kernel breaks the
            // lease itself: the holder gave way, the kernel did not time out (however slow this machine)
            long breakMillis = 1000 * Long.parseLong(Sysctl.read(Path.of("/proc/sys/fs/lease-break-time")));
            assertTrue(ms < breakMillis * 3 / 4, opened + "; lease-break-time " + breakMillis + " ms");
            List<String> rest = child.remainingLines(TIMEOUT);
            return new ChildJvm.Result(dir, child.waitFor(TIMEOUT), rest, child.stderr());
        }
    }

    /** Asserts a line {@code caught <class>: <message> (<what>)}, the form {@link TruncationScenarios} prints. */
    private static void assertCaught(ChildJvm.Result r, Class<? extends Throwable> expected, String what) {
        assertTrue(r.stdout().stream().anyMatch(l -> l.startsWith("caught " + expected.getName() + ": ")
                        && l.endsWith(" (" + what + ")")),
                () -> "expected " + expected.getName() + " for " + what + "; " + r);
    }
}

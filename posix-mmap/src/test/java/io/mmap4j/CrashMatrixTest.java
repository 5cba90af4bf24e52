// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Misuse that would fault in C, run in a child JVM ({@link CrashScenarios}) so that a real crash
 * shows up as an {@code hs_err} file instead of taking the test JVM down. Each scenario must end
 * with the expected Java exception, exit code 0 and no crash log.
 */
@EnabledOnOs(OS.LINUX)
class CrashMatrixTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What the JDK throws for a write to a read-only segment, as {@code MemorySegment.set} documents. */
    private static final Class<IllegalArgumentException> READ_ONLY_WRITE = IllegalArgumentException.class;

    @TempDir
    Path dir;

    @Test
    void useAfterCloseThrowsInTheChildAndLeavesNoCrashLog() throws Exception {
        ChildJvm.Result r = scenario("useAfterClose");
        assertCaught(r, IllegalStateException.class, "read after close");
        assertCaught(r, IllegalStateException.class, "write after close");
        assertCaught(r, IllegalStateException.class, "read of a slice after close");
        assertCaught(r, IllegalStateException.class, "segment() after close");
    }

    @Test
    void useOfTheOldSegmentAfterPartialUnmapThrowsOnRemovedAndKeptPagesAlike() throws Exception {
        ChildJvm.Result r = scenario("useAfterPartialUnmap");
        assertCaught(r, IllegalStateException.class, "read of the old segment at page 7 (unmapped)");
        assertCaught(r, IllegalStateException.class, "read of the old segment at page 0 (still mapped)");
        assertCaught(r, IllegalStateException.class, "write to the old segment at page 0 (still mapped)");
        assertCaught(r, IllegalStateException.class, "segment() of the unmapped-from mapping");
        assertTrue(r.stdout().contains("parts still work"), r::toString);
    }

    @Test
    void accessPastTheEndOfAFileTruncatedUnderneathThrowsInternalError() throws Exception {
        ChildJvm.Result r = scenario("readPastTruncatedEnd");
        assertCaught(r, InternalError.class, "read of page 3 after the file shrank to 1 page");
        assertCaught(r, InternalError.class, "write to page 1 after the file shrank to 1 page");
    }

    @Test
    void aC2CompiledLoopPastTheEndOfATruncatedFileThrowsInternalError() throws Exception {
        ChildJvm.Result r = ChildJvm.run(dir, TIMEOUT, List.of("-XX:+PrintCompilation"), CrashScenarios.class,
                "hotLoopPastTruncatedEnd").assertCleanExit();
        assertCaught(r, InternalError.class, "compiled loop over a file shrunk to 1 page");
        assertCaught(r, InternalError.class, "the same loop again");
        // the fault must hit C2's code for the loop, so C2 (tier 4) compiles it before the first fault
        List<String> out = r.stdout();
        int firstFault = indexOf(out, "caught ");
        assertTrue(out.subList(0, firstFault).stream().anyMatch(CrashMatrixTest::isC2CompileOfSumLongs),
                () -> "C2 compiled sumLongs before the file shrank; " + r);
    }

    /** Whether a {@code -XX:+PrintCompilation} line reports a tier-4 (C2), non-OSR compile of {@code sumLongs}. */
    private static boolean isC2CompileOfSumLongs(String line) {
        List<String> words = List.of(line.trim().split("\\s+"));
        int at = words.indexOf(CrashScenarios.class.getName() + "::sumLongs");
        return at > 0 && words.get(at - 1).equals("4") && words.get(at + 1).startsWith("(")
                && !line.contains("made not entrant");
    }

    @Test
    void writesThroughReadOnlyMappingsThrowAndUnreadableMappingsHaveNoSegment() throws Exception {
        ChildJvm.Result r = scenario("writeThroughReadOnlyMappings");
        for (String mapping : List.of("readOnly()", "raw(PROT_READ, MAP_SHARED)", "raw(PROT_READ, MAP_PRIVATE)")) {
            assertCaught(r, READ_ONLY_WRITE, "set through " + mapping);
            assertCaught(r, READ_ONLY_WRITE, "fill through " + mapping);
            assertCaught(r, READ_ONLY_WRITE, "copy into " + mapping);
        }
        assertCaught(r, IllegalStateException.class, "segment() of Protection.NONE");
        assertCaught(r, IllegalStateException.class, "segment() of raw(PROT_NONE, MAP_SHARED)");
        assertCaught(r, IllegalStateException.class, "segment() of raw(PROT_WRITE, MAP_SHARED), write-only");
    }

    @Test
    void closeWhileFourThreadsReadEndsEveryReaderWithIllegalStateException() throws Exception {
        ChildJvm.Result r = scenario("closeWhileOtherThreadsRead");
        assertTrue(r.stdout().contains("readers ended with IllegalStateException: 4 of 4"), r::toString);
        assertEquals(4, r.stdout().stream()
                .filter(l -> l.startsWith("caught " + IllegalStateException.class.getName() + ": ")
                        && l.contains("(reader "))
                .count(), r::toString);
    }

    @Test
    void closeDuringANativeCallOnTheSegmentIsRefusedAndLeavesTheMappingOpenUntilClosedAgain() throws Exception {
        // the child retries with a longer call where its close came before the call began or after it
        // ended (a loaded machine): up to 0.8 + 2.4 + 7.2 + 21.6 s
        ChildJvm.Result r = ChildJvm.run(dir, Duration.ofSeconds(60), CrashScenarios.class,
                "closeDuringANativeCallOnTheSegment").assertCleanExit();
        assertCaught(r, IllegalStateException.class, "close during a native call on the segment");
        assertCaught(r, IllegalStateException.class, "read after the second close");
    }

    private ChildJvm.Result scenario(String name) throws Exception {
        return ChildJvm.run(dir, TIMEOUT, CrashScenarios.class, name).assertCleanExit();
    }

    /** Asserts a line {@code caught <class>: <message> (<what>)}, the form {@link CrashScenarios} prints. */
    private static void assertCaught(ChildJvm.Result r, Class<? extends Throwable> expected, String what) {
        // contains, not startsWith: -XX:+PrintCompilation's thread may print on the same line
        assertTrue(r.stdout().stream().anyMatch(l -> l.contains("caught " + expected.getName() + ": ")
                        && l.endsWith(" (" + what + ")")),
                () -> "expected " + expected.getName() + " for " + what + "; " + r);
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(prefix)) {
                return i;
            }
        }
        return lines.size();
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner's command line: defaults, --help, and one line for each bad argument. */
class RunnerArgumentsTest {
    @Test
    void noArgumentsMeanAQuickRunOfEverything() throws Exception {
        Runner.Arguments a = Runner.parse();
        assertEquals(RunMode.QUICK, a.mode());
        assertEquals(".*", a.include());
        assertNull(a.data());
    }

    @Test
    void everyOptionIsRead(@TempDir Path dir) throws Exception {
        Runner.Arguments a = Runner.parse("--mode", "SMOKE", "--out", dir.toString(), "--include", "MapUnmap",
                "--data", dir.resolve("not/yet").toString());
        assertEquals(new Runner.Arguments(RunMode.SMOKE, dir, "MapUnmap", dir.resolve("not/yet")), a);
    }

    @Test
    void helpAsksForTheUsage() throws Exception {
        assertNull(Runner.parse("--mode", "quick", "--help"));
        assertNull(Runner.parse("-h"));
    }

    @Test
    void badArgumentsAreRefusedWithOneLine(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("file"));
        String[][] bad = {{"--fast"}, {"--mode"}, {"--mode", "fast"}, {"--include", "(["}, {"--data", file.toString()},
                {"--out", file.toString()}, {"--data", ""}, {"quick"}};
        String[] expected = {"unknown argument '--fast'", "--mode needs a value", "--mode must be smoke, quick or full, not 'fast'",
                "--include is not a regular expression", "--data is not a directory", "--out is not a directory",
                "--data needs a value", "unknown argument 'quick'"};
        for (int i = 0; i < bad.length; i++) {
            String[] args = bad[i];
            Runner.UsageException e = assertThrows(Runner.UsageException.class, () -> Runner.parse(args));
            assertTrue(e.getMessage().startsWith(expected[i]), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void aMissingDataDirectoryIsCreated(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data/nested");
        Runner.run(RunMode.SMOKE, dir.resolve("out"), "NoSuchBenchmark", data);
        assertTrue(Files.isDirectory(data));
        assertTrue(Files.isRegularFile(dir.resolve("out/RESULTS.md")));
    }

    @Test
    void theCommandPrintsOneLineAndExitsWithTwoOnABadArgument() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Runner.class.getName(), "--mode", "fast")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertEquals("Runner: --mode must be smoke, quick or full, not 'fast' (--help for usage)\n", err);
    }

    @Test
    void theCommandPrintsTheUsageOnHelp() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Runner.class.getName(), "--help").start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(out.startsWith("usage: Runner [--mode smoke|quick|full]"), out);
    }
}

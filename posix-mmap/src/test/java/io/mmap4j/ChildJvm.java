// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs a {@code main} class from the test sources in a child JVM, so that a test can watch a fault,
 * a {@code SIGKILL} or a second process without putting the JVM that runs the tests at risk.
 *
 * <p>The child runs everything on the class path: this JVM's module path, class path and test
 * classes ({@code mmap4j.test.classes}), with {@code --enable-native-access=ALL-UNNAMED}. It runs in
 * a given directory, and writes a crash log there ({@code -XX:ErrorFile}) and no core dump. Under
 * emulation every timeout is {@linkplain Emulation#scaled scaled}.
 */
final class ChildJvm {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private ChildJvm() {
    }

    /** How a child ended: its exit code, its standard output by line, and its standard error. */
    record Result(Path dir, int exitCode, List<String> stdout, String stderr) {
        /**
         * Asserts exit code 0, nothing at all on standard error (no warning, for example about native
         * access) and no crash log in the child's directory.
         */
        Result assertCleanExit() {
            assertEquals(0, exitCode, () -> "exit code of the child; " + this);
            assertEquals("", stderr, () -> "the child's standard error; " + this);
            assertEquals(List.of(), crashLogs(dir), () -> "crash logs of the child; " + this);
            return this;
        }

        @Override
        public String toString() {
            return "exit code " + exitCode + "\n--- stdout ---\n" + String.join("\n", stdout)
                    + "\n--- stderr ---\n" + stderr;
        }
    }

    /**
     * Runs a child to its end.
     *
     * @param dir       the child's working directory, which also receives its crash log
     * @param timeout   how long it may run; past that it is killed and the test fails
     * @param mainClass the class whose {@code main} runs
     * @param args      its arguments
     * @return how it ended
     */
    static Result run(Path dir, Duration timeout, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        return run(dir, timeout, List.of(), mainClass, args);
    }

    /** As {@link #run(Path, Duration, Class, String...)}, with extra JVM options before the class. */
    static Result run(Path dir, Duration timeout, List<String> jvmOptions, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        return runThrough(List.of(), dir, timeout, jvmOptions, mainClass, args);
    }

    /**
     * As {@link #run(Path, Duration, List, Class, String...)}, with the JVM started through
     * {@code launcher}: a command that runs the command line after it, such as
     * {@code prlimit --memlock=65536:65536} or {@code setpriv --bounding-set=-ipc_lock}.
     */
    static Result runThrough(List<String> launcher, Path dir, Duration timeout, List<String> jvmOptions,
                             Class<?> mainClass, String... args) throws IOException, InterruptedException {
        timeout = Emulation.scaled(timeout);
        int n = RUNS.incrementAndGet();
        Path out = dir.resolve("child-" + n + ".stdout");
        Path err = dir.resolve("child-" + n + ".stderr");
        Process p = builder(launcher, dir, jvmOptions, mainClass, args)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            fail("child " + mainClass.getSimpleName() + " " + String.join(" ", args) + " ran past " + timeout
                    + " and was killed; " + new Result(dir, p.exitValue(), Files.readAllLines(out), Files.readString(err)));
        }
        return new Result(dir, p.exitValue(), Files.readAllLines(out), Files.readString(err));
    }

    /**
     * Starts a child and returns at once; its standard output can be read line by line as it comes.
     *
     * @param dir       the child's working directory, which also receives its crash log
     * @param mainClass the class whose {@code main} runs
     * @param args      its arguments
     * @return the running child; close it to kill it if it still runs
     */
    static Running start(Path dir, Class<?> mainClass, String... args) throws IOException {
        return start(dir, List.of(), mainClass, args);
    }

    /** As {@link #start(Path, Class, String...)}, with extra JVM options before the class. */
    static Running start(Path dir, List<String> jvmOptions, Class<?> mainClass, String... args) throws IOException {
        Path err = dir.resolve("child-" + RUNS.incrementAndGet() + ".stderr");
        Process p = builder(List.of(), dir, jvmOptions, mainClass, args)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(err.toFile())
                .start();
        return new Running(dir, p, err);
    }

    /** A child started by {@link #start}. */
    static final class Running implements AutoCloseable {
        private static final String END = new String("end of stream"); // compared by identity

        private final Path dir;
        private final Process process;
        private final Path stderr;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        private Running(Path dir, Process process, Path stderr) {
            this.dir = dir;
            this.process = process;
            this.stderr = stderr;
            Thread reader = new Thread(this::pump, "stdout of child " + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        private void pump() {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading stdout failed: " + e + ")");
            } finally {
                lines.add(END);
            }
        }

        /** {@return the child's process id} */
        long pid() {
            return process.pid();
        }

        /**
         * Waits until the child prints exactly {@code expected} on a line; fails if it exits first or
         * the timeout passes.
         */
        void awaitLine(String expected, Duration timeout) throws InterruptedException, IOException {
            timeout = Emulation.scaled(timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line == END) {
                    fail((line == null ? "no line '" + expected + "' within " + timeout
                            : "the child ended without printing '" + expected + "'") + "; " + describe());
                }
                seen.add(line);
                if (line.equals(expected)) {
                    return;
                }
            }
        }

        /**
         * Kills the child with {@code SIGKILL} ({@link Process#destroyForcibly()} on Linux) and waits
         * for it to end.
         *
         * @return the exit code: 137 (128 + 9) for a child that {@code SIGKILL} ended
         */
        int kill() throws InterruptedException {
            process.destroyForcibly();
            return process.waitFor();
        }

        /**
         * Waits for the child's standard output to end (it exited or was killed) and returns the
         * lines that no {@link #awaitLine} took, in order; fails if the timeout passes first.
         */
        List<String> remainingLines(Duration timeout) throws InterruptedException, IOException {
            timeout = Emulation.scaled(timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            List<String> rest = new ArrayList<>();
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    fail("standard output did not end within " + timeout + "; " + describe());
                }
                if (line == END) {
                    lines.add(END); // for a later call
                    return rest;
                }
                seen.add(line);
                rest.add(line);
            }
        }

        /**
         * Waits for the child to exit by itself.
         *
         * @return its exit code
         */
        int waitFor(Duration timeout) throws InterruptedException, IOException {
            timeout = Emulation.scaled(timeout);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("the child did not exit within " + timeout + "; " + describe());
            }
            return process.exitValue();
        }

        /** {@return what the child wrote on standard error so far} */
        String stderr() throws IOException {
            return Files.readString(stderr);
        }

        private String describe() throws IOException {
            return "stdout so far:\n" + String.join("\n", seen) + "\n--- stderr ---\n" + stderr()
                    + "\n--- crash logs ---\n" + crashLogs(dir);
        }

        /** Kills the child if it still runs, and waits for it to end. */
        @Override
        public void close() {
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    /** {@return the JVM crash logs ({@code hs_err_pid*.log}) in {@code dir}} */
    static List<Path> crashLogs(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("hs_err")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProcessBuilder builder(List<String> launcher, Path dir, List<String> jvmOptions, Class<?> mainClass,
                                          String... args) {
        List<String> command = new ArrayList<>(launcher);
        command.add(javaBinary());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Xshare:auto");
        command.add("-XX:ErrorFile=" + dir.toAbsolutePath().resolve("hs_err_pid%p.log"));
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-cp");
        command.add(classPath());
        command.addAll(jvmOptions);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile());
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String classPath() {
        String testClasses = System.getProperty("mmap4j.test.classes");
        if (testClasses == null) {
            throw new IllegalStateException("system property mmap4j.test.classes is not set; run the tests with Maven");
        }
        return Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""), testClasses)
                .flatMap(p -> Stream.of(p.split(File.pathSeparator)))
                .filter(p -> !p.isEmpty())
                .distinct()
                .reduce((a, b) -> a + File.pathSeparator + b)
                .orElseThrow();
    }
}

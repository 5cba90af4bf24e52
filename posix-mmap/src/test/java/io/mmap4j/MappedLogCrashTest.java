// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@link MappedLog} writer in a child JVM is killed with {@code SIGKILL} at a random moment; the
 * log, opened again, holds every entry whose append had returned (none lost) and nothing but whole,
 * intact entries (no phantom). Entries are self-checking ({@link LogEntries}).
 *
 * <p>What this shows and what it does not: {@code SIGKILL} leaves the page cache alone, so this
 * checks the committed length in the header against what the writer had appended, with no
 * {@code msync}; a power loss is not simulated.
 *
 * <p>Each run's seed is {@code mmap4j.logCrash.seed} plus the run's number; a failure names the seed
 * that replays it: {@code -Dmmap4j.logCrash.seed=S -Dmmap4j.logCrash.runs=1}.
 */
@EnabledOnOs(OS.LINUX)
class MappedLogCrashTest {
    private static final int RUNS = Integer.getInteger("mmap4j.logCrash.runs", 100);
    private static final int PARALLEL = 2;
    /** Children that start fast: C1 only, the serial collector, a small heap. */
    private static final List<String> FAST_JVM =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-XX:-UsePerfData");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** How many appends a writer reports at most before it is killed (at least one, unless killed early). */
    private static final int MAX_APPENDS_BEFORE_KILL = 400;

    /** What one run found: {@code awaited} appends were reported before the kill was sent. */
    private record Outcome(long awaited, long reported, long recovered, boolean killedBeforeOpen, boolean padded) {
    }

    @Test
    void appendedEntriesSurviveKillDashNine() throws Exception {
        long seed = Long.getLong("mmap4j.logCrash.seed", System.nanoTime());
        long started = System.nanoTime();
        List<Future<Outcome>> runs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            for (int i = 0; i < RUNS; i++) {
                long runSeed = seed + i;
                int run = i;
                runs.add(pool.submit(() -> killAndRecover(run, runSeed)));
            }
            List<String> failures = new ArrayList<>();
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                try {
                    outcomes.add(runs.get(i).get());
                } catch (ExecutionException e) {
                    failures.add("run " + i + ", seed " + (seed + i) + " (replay with -Dmmap4j.logCrash.seed="
                            + (seed + i) + " -Dmmap4j.logCrash.runs=1): " + e.getCause());
                }
            }
            long awaited = outcomes.stream().mapToLong(Outcome::awaited).sum();
            long reported = outcomes.stream().mapToLong(Outcome::reported).sum();
            long recovered = outcomes.stream().mapToLong(Outcome::recovered).sum();
            long early = outcomes.stream().filter(Outcome::killedBeforeOpen).count();
            long padded = outcomes.stream().filter(Outcome::padded).count();
            String summary = String.format("%d runs from seed %d in %.1f s: %d entries reported appended (%d awaited "
                            + "before a kill), %d recovered, %d kills before the log was open, %d files left padded past "
                            + "the committed length",
                    RUNS, seed, (System.nanoTime() - started) / 1e9, reported, awaited, recovered, early, padded);
            System.out.println(summary);
            if (!failures.isEmpty()) {
                fail(failures.size() + " of " + RUNS + " runs failed; " + summary + "\n" + String.join("\n", failures));
            }
            // "none lost" means something only where appends were reported: every run not killed early
            // waits for at least one (a writer that appends nothing fails it), and at least one run of
            // ten or more is not killed early
            long notEarly = outcomes.stream().filter(o -> o.awaited() > 0).count();
            assertTrue(reported >= awaited && recovered >= reported && (notEarly > 0 || RUNS < 10),
                    "runs not killed early reported and recovered at least their awaited appends; " + summary);
            assertTrue(padded >= (RUNS - early) / 2,
                    "most kills leave zeros reserved past the committed length, which must not count; " + summary);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Starts a writer and kills it once it has reported a random number of appends (1 to
     * {@value #MAX_APPENDS_BEFORE_KILL}, however long that takes), plus a random few milliseconds, or
     * one run in ten after a random delay from its start; then checks and continues the log it left.
     */
    private Outcome killAndRecover(int run, long seed) throws Exception {
        Random random = new Random(seed);
        Path runDir = Files.createDirectory(dir.resolve("run-" + run));
        Path log = runDir.resolve("log");
        boolean early = random.nextInt(10) == 0; // one in ten: from the JVM's start, maybe before the log exists
        int delayMillis = early ? random.nextInt(600) : random.nextInt(10);
        int awaited = early ? 0 : 1 + random.nextInt(MAX_APPENDS_BEFORE_KILL);
        long reported = awaited;
        try (ChildJvm.Running child = ChildJvm.start(runDir, FAST_JVM, Writer.class, log.toString())) {
            if (!early) {
                child.awaitLine("opened", TIMEOUT);
                child.awaitLine("appended " + (awaited - 1), TIMEOUT); // the writer reports appends in order
            }
            Thread.sleep(delayMillis);
            assertEquals(128 + 9, child.kill(), "exit code of a writer ended by SIGKILL");
            for (String line : child.remainingLines(TIMEOUT)) {
                if (line.startsWith("appended ")) {
                    long index = Long.parseLong(line.substring("appended ".length()));
                    assertEquals(reported, index, "the writer reports its appends in order");
                    reported++;
                }
            }
            assertEquals("", child.stderr(), "the writer's standard error");
        }
        assertEquals(List.of(), ChildJvm.crashLogs(runDir), "crash logs of the writer");

        long fileSize = Files.exists(log) ? Files.size(log) : 0;
        long entries = 0, committed = 0;
        if (fileSize > 0) {
            try (MappedLog.Follower follower = MappedLog.follow(log)) {
                LogEntries.Reader r = new LogEntries.Reader();
                r.readAll(follower.segment()); // fails on a phantom: bytes that are not whole, intact entries
                entries = r.entries();
                committed = r.bytes();
            }
        }
        if (entries < reported) {
            throw new AssertionError("lost " + (reported - entries) + " entries: the writer reported " + reported
                    + " appends, the log holds " + entries + " (" + committed + " bytes, file " + fileSize + " bytes)");
        }
        boolean padded = fileSize > MappedLog.HEADER_SIZE + committed;

        // the defect this guards against: the next append must land right after the committed bytes
        byte[] next = LogEntries.entry(entries);
        try (MappedLog again = MappedLog.open(log)) {
            assertEquals(committed, again.size(), "size after reopening");
            assertEquals(committed, again.append(next), "offset of the next append");
        }
        assertEquals(MappedLog.HEADER_SIZE + committed + next.length, Files.size(log), "file size after close");
        try (MappedLog.Follower follower = MappedLog.follow(log)) {
            LogEntries.Reader r = new LogEntries.Reader();
            r.readAll(follower.segment());
            assertEquals(entries + 1, r.entries(), "entries after one more append");
        }
        Files.delete(log); // keep the disk use of a hundred runs small
        return new Outcome(awaited, reported, entries, fileSize == 0, padded);
    }

    @Test
    void aFollowerInAnotherProcessSeesOnlyFullyWrittenEntries() throws Exception {
        Path log = dir.resolve("log");
        int entries = 20_000;
        try (MappedLog writer = MappedLog.open(log);
             ChildJvm.Running child = ChildJvm.start(dir, FAST_JVM, Follower.class, log.toString(),
                     Integer.toString(entries))) {
            child.awaitLine("following", TIMEOUT);
            for (int i = 0; i < entries; i++) {
                if (i == entries / 2) {
                    // the follower has read a length short of the end, however slow it is to start
                    child.awaitLine("saw " + i + " entries", TIMEOUT);
                }
                writer.append(LogEntries.entry(i));
                if (i % 400 == 399) {
                    Thread.sleep(2); // spread the appends over 100 ms or more, so the child sees many lengths
                }
            }
            child.awaitLine("saw all " + entries + " entries", Duration.ofSeconds(60));
            List<String> rest = child.remainingLines(TIMEOUT);
            assertEquals(0, child.waitFor(TIMEOUT), "the follower's exit code");
            assertEquals("", child.stderr(), "the follower's standard error");
            Matcher m = Pattern.compile("(\\d+) reads, (\\d+) distinct lengths").matcher(String.join("\n", rest));
            assertTrue(m.find(), rest::toString);
            assertTrue(Long.parseLong(m.group(2)) >= 2, "the follower read the log while it grew: " + m.group());
            System.out.println("follower in a child JVM: " + m.group());
        }
        assertEquals(List.of(), ChildJvm.crashLogs(dir), "crash logs of the follower");
    }

    /**
     * The child that is killed: {@code Writer PATH} opens the log, prints {@code opened}, then appends
     * entries 0, 1, 2, ... printing {@code appended I} after each append returns, with an
     * {@code MS_ASYNC} sync now and then.
     */
    static final class Writer {
        public static void main(String[] args) throws Exception {
            MappedLog log = MappedLog.open(Path.of(args[0]));
            System.out.println("opened");
            System.out.flush();
            for (long i = 0; i < 2_000_000; i++) {
                log.append(LogEntries.entry(i));
                System.out.println("appended " + i);
                System.out.flush();
                if (i % 4096 == 4095) {
                    log.sync(SyncMode.ASYNC);
                }
            }
            Thread.sleep(Duration.ofSeconds(60)); // killed long before; bounded in case the parent dies
            System.exit(3);
        }
    }

    /**
     * The following child: {@code Follower PATH N} follows the log, prints {@code following}, reads
     * every entry as it is committed, prints {@code saw N/2 entries} once it has read half (the writer
     * waits for that line), and once it has seen N prints {@code saw all N entries} and
     * {@code R reads, D distinct lengths}. A torn or phantom entry ends it with an error.
     */
    static final class Follower {
        public static void main(String[] args) throws Exception {
            long total = Long.parseLong(args[1]);
            long deadline = System.nanoTime() + Emulation.scaled(Duration.ofSeconds(60)).toNanos();
            try (MappedLog.Follower follower = MappedLog.follow(Path.of(args[0]))) {
                System.out.println("following");
                System.out.flush();
                LogEntries.Reader r = new LogEntries.Reader();
                Set<Long> lengths = new HashSet<>();
                long reads = 0;
                boolean sawHalf = false;
                while (r.entries() < total) {
                    MemorySegment s = follower.segment();
                    r.readAll(s);
                    lengths.add(s.byteSize());
                    reads++;
                    if (!sawHalf && r.entries() >= total / 2) {
                        sawHalf = true; // the writer waits for this line before it appends the second half
                        System.out.println("saw " + r.entries() + " entries");
                        System.out.flush();
                    }
                    if (System.nanoTime() > deadline) {
                        System.err.println("gave up after " + Emulation.scaled(Duration.ofSeconds(60)) + " with " + r.entries() + " entries of " + total);
                        System.exit(2);
                    }
                }
                System.out.println("saw all " + total + " entries");
                System.out.println(reads + " reads, " + lengths.size() + " distinct lengths");
            }
        }
    }
}

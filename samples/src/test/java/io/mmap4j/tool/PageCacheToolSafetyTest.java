// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.tool;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.PageSize;
import io.mmap4j.samples.SampleSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The page-cache tool run as root over trees it does not trust, and its cachestat columns (issue 17). */
class PageCacheToolSafetyTest {
    @TempDir
    Path dir;
    long page;

    @BeforeEach
    void readPageSize() {
        page = PageSize.get();
    }

    record Run(int code, String out, String err) {
    }

    private static Run tool(String command, String... args) throws Exception {
        return toolTo(new ByteArrayOutputStream(), command, args);
    }

    private static Run toolTo(OutputStream stdout, String command, String... args) throws Exception {
        var err = new ByteArrayOutputStream();
        int code = PageCacheTool.run(command, List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(stdout, false, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, stdout instanceof ByteArrayOutputStream b ? b.toString(StandardCharsets.UTF_8) : "",
                err.toString(StandardCharsets.UTF_8));
    }

    /** Runs the tool in a child JVM, optionally behind a wrapper command (prlimit, setpriv). */
    private static Run child(List<String> wrapper, List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(SampleSupport.childCommand(jvmOptions, args));
        Process p = new ProcessBuilder(command).start();
        var out = p.getInputStream();
        var err = p.getErrorStream();
        var errText = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(err.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        String outText = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child ended");
        return new Run(p.exitValue(), outText, errText.get());
    }

    private Path cleanFile(String name, long pages) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, new byte[Math.toIntExact(pages * page)]);
        try (MappedFile f = MappedFile.open(p)) {
            f.force(true);
        }
        return p;
    }

    private static void assertNoCrash(Run r, Path workDir) throws IOException {
        String all = r.out() + r.err();
        assertFalse(all.contains("Exception") || all.contains("\tat ") || all.contains("InternalError")
                || all.contains("SIGBUS") || all.contains("hs_err"), all);
        try (var files = Files.list(workDir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err")), "no JVM crash log");
        }
    }

    @Test
    void cachestatColumnsShowDirtyPagesInTableRawAndJson() throws Exception {
        Path p = dir.resolve("dirty");
        try (MappedFile f = MappedFile.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE)) {
            f.truncate(8 * page);
            try (Mapping m = f.map(MapOptions.readWrite())) {
                m.segment().set(JAVA_BYTE, 0, (byte) 1);
                m.segment().set(JAVA_BYTE, 3 * page, (byte) 1);

                Run table = tool("residency", "-o", "PAGES,DIRTY_PAGES,WRITEBACK_PAGES,EVICTED_PAGES,"
                        + "RECENTLY_EVICTED_PAGES,FILE", p.toString());
                assertEquals(0, table.code(), table.err());
                String row = table.out().lines().toList().get(1).trim();
                String[] cells = row.split("\\s+");
                assertEquals("2", cells[1], row); // two dirty pages
                assertEquals(p.toString(), cells[5], row);
                assertTrue(table.out().lines().findFirst().orElseThrow()
                        .matches("\\s*PAGES\\s+DIRTY_PAGES\\s+WRITEBACK_PAGES\\s+EVICTED_PAGES\\s+RECENTLY_EVICTED_PAGES\\s+FILE"),
                        table.out());

                Run raw = tool("residency", "-r", "-n", "--bytes", "-o", "DIRTY,FILE", p.toString());
                assertEquals((2 * page) + " " + p, raw.out().strip());

                Run json = tool("residency", "--json", p.toString());
                assertTrue(json.out().contains("\"dirty\": 2, \"writeback\": "), json.out());
                assertTrue(json.out().contains("\"evicted\": 0, \"recentlyEvicted\": 0"), json.out());
                m.sync(io.mmap4j.SyncMode.SYNC);
            }
        }
        Run clean = tool("residency", "-r", "-n", "-o", "DIRTY_PAGES", p.toString());
        assertEquals("0", clean.out().strip());
    }

    @Test
    void anEmptyOperandIsNoSuchFileNotTheCurrentDirectory() throws Exception {
        for (String command : List.of("evict", "residency", "touch", "lock")) {
            Run r = tool(command, "");
            assertEquals(PageCacheTool.SOME_FAILED, r.code(), command + ": " + r.err());
            assertTrue(r.err().contains("'': no such file or directory"), r.err());
            assertFalse(r.out().contains("total"), r.out());
        }
    }

    @Test
    void aFailedWriteToStandardOutputGivesANonZeroExit() throws Exception {
        Path p = cleanFile("f", 1);
        OutputStream full = new OutputStream() { // as /dev/full: every write fails with ENOSPC
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        Run r = toolTo(full, "residency", p.toString());
        assertEquals(PageCacheTool.SOME_FAILED, r.code());
        assertTrue(r.err().contains("cannot write to standard output"), r.err());

        if (Files.exists(Path.of("/dev/full"))) { // the same through a child process's real stdout
            List<String> command = SampleSupport.childCommand(List.of(), "residency", p.toString());
            Process child = new ProcessBuilder(command).redirectOutput(new java.io.File("/dev/full")).start();
            String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertEquals(PageCacheTool.SOME_FAILED, child.exitValue(), err);
        }
    }

    @Test
    void controlBytesInNamesAreEscapedWithAndWithoutRaw() throws Exception {
        Path p = cleanFile("red\u001b[31mname\u0007\\", 1);
        Run table = tool("residency", p.toString());
        assertEquals(0, table.code(), table.err());
        assertFalse(table.out().contains("\u001b") || table.out().contains("\u0007"), table.out());
        assertTrue(table.out().contains("red\\x1b[31mname\\x07\\x5c"), table.out());
        Run raw = tool("residency", "-r", "-n", "-o", "FILE", p.toString());
        assertEquals(PageCacheTool.rawEscape(p.toString()), raw.out().strip());
        assertFalse(raw.out().contains("\u001b"));
        Run missing = tool("residency", dir.resolve("gone\u001b]0;title\u0007").toString());
        assertFalse(missing.err().contains("\u001b"), missing.err());
        assertTrue(missing.err().contains("gone\\x1b]0;title\\x07: no such file"), missing.err());
    }

    @Test
    void namesThatAreNotUtf8AreWalkedMeasuredAndShownEscaped() throws Exception {
        // file names are bytes: make one with 0xff and 0xe9 (Latin-1 é), which no UTF-8 decoder accepts
        Process mk = new ProcessBuilder("sh", "-c", "printf 'x' > \"$1\"/$(printf 'bad\\377\\351name')", "sh",
                dir.toString()).start();
        assertEquals(0, mk.waitFor());
        cleanFile("caf\u00e9", 1);
        Run r = tool("residency", "-o", "TOTAL,FILE", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("total (2 files)"), r.out());
        assertFalse(r.out().contains("\ufffd"), "undecodable bytes are escaped: " + r.out());
        assertTrue(r.out().contains("bad\\xff\\xe9name"), r.out());
        Run raw = tool("residency", "-r", "-n", "-o", "FILE", dir.toString());
        assertTrue(raw.out().contains("bad\\xff\\xe9name"), raw.out());
    }

    @Test
    void aNonAsciiOperandWorksThroughTheLauncherUnderAnEmptyLocale() throws Exception {
        Path launcher = Path.of(System.getProperty("user.dir")).getParent().resolve("mmap4j");
        Path jar = Path.of(System.getProperty("user.dir"), "target", "mmap4j-samples.jar");
        assumeTrue(Files.isExecutable(launcher) && Files.isRegularFile(jar), "the launcher and a packaged jar");
        Path p = cleanFile("\u00e9t\u00e9 \u65e5\u672c", 1);
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "residency", "-r", "-n", "-o", "TOTAL", p.toString());
        pb.environment().remove("LC_ALL");
        pb.environment().remove("LC_CTYPE");
        pb.environment().put("LANG", "");
        pb.environment().put("MMAP4J_AOT", "off");
        pb.environment().put("MMAP4J_JAVA_HOME", System.getProperty("java.home"));
        Process child = pb.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), out + err);
        assertEquals("1", out.strip(), err);
    }

    @Test
    void anUnreadableDirectoryInTheWalkIsOneLineAndTheWalkGoesOn() throws Exception {
        cleanFile("a", 1);
        cleanFile("z", 1);
        // /proc/1/map_files fails while it is read for most callers (EPERM/EACCES from readdir or open)
        Run r = tool("residency", "-o", "TOTAL,FILE", dir.toString(), "/proc/1/map_files", dir.resolve("z").toString());
        assertTrue(r.code() == PageCacheTool.OK || r.code() == PageCacheTool.SOME_FAILED, r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertTrue(r.out().contains(dir.resolve("a").toString()), r.out());
        for (String line : r.err().lines().toList()) {
            assertTrue(line.startsWith("mmap4j: "), "one line per problem: " + r.err());
        }
    }

    @Test
    void thePidfileIsCreatedWithoutFollowingLinksAndRemovedWithoutReadingIt() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "root only\n");
        Path pidFile = dir.resolve("lock.pid");
        Files.createSymbolicLink(pidFile, victim);
        Object written = PageCacheTool.writePidFile(pidFile, "4242");
        assertEquals("root only\n", Files.readString(victim), "the link's target is untouched");
        assertFalse(Files.isSymbolicLink(pidFile));
        assertEquals("4242\n", Files.readString(pidFile));
        try (var left = Files.list(dir)) {
            assertEquals(2, left.count(), "no temporary file left behind");
        }

        // replaced by a FIFO while held: removal neither blocks on it nor removes it
        Files.delete(pidFile);
        assertEquals(0, new ProcessBuilder("mkfifo", pidFile.toString()).start().waitFor());
        Instant start = Instant.now();
        PageCacheTool.removePidFile(pidFile, written);
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 30, "did not block");
        assertTrue(Files.exists(pidFile), "someone else's FIFO is left alone");

        // replaced by a link or another file: left alone; still ours: removed
        Files.delete(pidFile);
        Files.createSymbolicLink(pidFile, victim);
        PageCacheTool.removePidFile(pidFile, written);
        assertTrue(Files.isSymbolicLink(pidFile));
        Files.delete(pidFile);
        Object ours = PageCacheTool.writePidFile(pidFile, "4242");
        PageCacheTool.removePidFile(pidFile, ours);
        assertTrue(Files.notExists(pidFile));
    }

    @Test
    void aFileWhoseMlockFailsIsReportedAndNeitherCountedNorHeld() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) && Files.isExecutable(Path.of("/usr/bin/prlimit")),
                "setpriv and prlimit (util-linux)");
        Path p = cleanFile("f", 4);
        // without CAP_IPC_LOCK and with RLIMIT_MEMLOCK 0, mlock fails even for root
        Run r = child(List.of("/usr/bin/prlimit", "--memlock=0:0", "/usr/bin/setpriv", "--bounding-set=-ipc_lock",
                "--inh-caps=-ipc_lock"), List.of(), "lock", "--seconds", "0", p.toString());
        assumeTrue(!r.err().contains("setpriv:") && !r.err().contains("prlimit:"), "allowed to drop: " + r.err());
        assertEquals(PageCacheTool.SOME_FAILED, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("mlock"), r.err());
        assertFalse(r.out().contains("holding"), "nothing is held: " + r.out());
        assertFalse(r.out().contains("locked " + p), r.out());
    }

    @Test
    void aFileTheCallerCannotWriteIsCountedWithMincoreAndTheToolSaysSo() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux)");
        assumeTrue("root".equals(System.getProperty("user.name")), "run as root, to run the tool as nobody");
        // root's file, readable by all, in directories nobody may enter; evicted, so its pages are not cached
        Path shared = Files.createDirectory(dir.resolve("shared"));
        var open = java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x");
        Files.setPosixFilePermissions(dir, open);
        Files.setPosixFilePermissions(shared, open);
        Path p = shared.resolve("roots");
        Files.write(p, new byte[Math.toIntExact(4 * page)]);
        try (MappedFile f = MappedFile.open(p)) {
            f.force(true);
        }
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(0, tool("evict", p.toString()).code());
        assertTrue(tool("residency", "-n", "-o", "PAGES", p.toString()).out().strip().equals("0"), "evicted for root");

        Run r = child(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"), List.of(),
                "residency", "-n", "-o", "TOTAL,PAGES,DIRTY_PAGES,FILE", p.toString());
        assumeTrue(!r.err().contains("setpriv:") && !r.err().contains("Could not find or load main class")
                && !r.err().contains("Error occurred during initialization"), "the tool starts as nobody: " + r.err());
        assertNoCrash(r, shared);
        assertEquals(0, r.code(), r.out() + r.err());
        // cachestat refuses a file the caller cannot write (EPERM); mincore answers for it with every
        // page resident (Linux 5.0+), which the tool prints as the kernel said, and warns about
        assertEquals(List.of("4", "4", "-", p.toString()), List.of(r.out().strip().split("\\s+")), r.out());
        assertTrue(r.err().contains("1 file(s) you cannot write were counted with mincore")
                && r.err().contains("EPERM") && r.err().contains(p.toString()), r.err());
    }

    @Test
    void touchOverPagesTheDeviceCannotReadReportsTheFileAndGoesOnInAChildJvm() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/fuse")) && Files.isExecutable(Path.of("/usr/bin/fusermount3")),
                "FUSE (/dev/fuse, fuse3)");
        assumeTrue("root".equals(System.getProperty("user.name")), "root, to mount");
        Process flags = new ProcessBuilder("pkg-config", "--cflags", "--libs", "fuse3").start();
        String cflags = new String(flags.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assumeTrue(flags.waitFor() == 0, "libfuse3-dev");
        // a file system whose file "bad" fails reads of its second half with EIO, as a failing disk does
        Path fs = dir.resolve("eiofs");
        List<String> cc = new ArrayList<>(List.of("cc", "-O2", "-Wall", "-Werror", "-o", fs.toString(),
                Path.of("src/test/c/eiofs.c").toAbsolutePath().toString()));
        cc.addAll(List.of(cflags.split("\\s+")));
        Process compile = new ProcessBuilder(cc).redirectErrorStream(true).start();
        String compiled = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, compile.waitFor(), compiled);
        Path mnt = Files.createDirectory(dir.resolve("mnt"));
        Process daemon = new ProcessBuilder(fs.toString(), "-f", "-s", mnt.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("eiofs.log").toFile()).start();
        try {
            Instant mounted = Instant.now().plus(Duration.ofSeconds(30));
            while (!Files.exists(mnt.resolve("good")) && Instant.now().isBefore(mounted)) {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(mnt.resolve("good")), "mounted: " + Files.readString(dir.resolve("eiofs.log")));
            Path bad = mnt.resolve("bad"), good = mnt.resolve("good");
            Run r = child(List.of(), List.of(), "touch", "-n", "-o", "PAGES,FILE", bad.toString(), good.toString());
            assertNoCrash(r, dir);
            // vmtouch dies of SIGBUS here; the tool says which file and why, and goes on to the next
            assertEquals(PageCacheTool.SOME_FAILED, r.code(), r.out() + r.err());
            assertTrue(r.err().contains(bad + ": a page in bytes ") && r.err().contains("cannot be read (an I/O error"),
                    r.err());
            assertEquals(List.of((1L << 20) / page + " " + good), List.of(r.out().strip().replaceAll(" +", " ")),
                    "the readable file after it is touched whole: " + r.out());
        } finally {
            new ProcessBuilder("fusermount3", "-u", mnt.toString()).start().waitFor(30, TimeUnit.SECONDS);
            daemon.destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void lockingMoreFilesThanDescriptorsAllowsKeepsNoDescriptorPerFile() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "prlimit (util-linux)");
        Path many = Files.createDirectory(dir.resolve("many"));
        for (int i = 0; i < 300; i++) {
            Files.write(many.resolve("f" + i), new byte[] {1});
        }
        Run r = child(List.of("/usr/bin/prlimit", "--nofile=128:128"), List.of(), "lock", "--seconds", "0",
                many.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("in 300 file(s) locked"), r.out());
    }

    @Test
    void rangeMapsOnlyThePartAskedForOfAFileLargerThanTheAddressSpaceAllowed() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "prlimit (util-linux)");
        Path big = dir.resolve("sparse");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(64L << 30); // 64 GiB, a hole
        }
        // 12 GiB of address space: enough for a small JVM, not for a mapping of the whole file
        List<String> limit = List.of("/usr/bin/prlimit", "--as=" + (12L << 30));
        List<String> jvm = List.of("-Xmx64m", "-XX:ReservedCodeCacheSize=48m", "-XX:CompressedClassSpaceSize=64m",
                "-XX:+UseSerialGC");
        for (String command : List.of("residency", "touch", "lock")) {
            List<String> args = new ArrayList<>(List.of(command, "-p", "32G-" + ((32L << 30) + 8192)));
            if (command.equals("lock")) {
                args.addAll(List.of("--seconds", "0"));
            }
            args.add(big.toString());
            Run r = child(limit, jvm, args.toArray(String[]::new));
            assertEquals(0, r.code(), command + ": " + r.out() + r.err());
        }
    }

    @Test
    void truncationRacesOverTouchResidencyAndLockEndInOneLinePerFileAndNoCrash() throws Exception {
        Path victim = dir.resolve("shrinking");
        long large = 64L << 20;
        try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
            f.setLength(large);
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread truncator = new Thread(() -> { // another writer: the file's size jumps between 0 and 64 MiB
            try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
                while (!stop.get()) {
                    f.setLength(0);
                    f.setLength(large);
                    f.seek(large / 2);
                    f.write(1);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        truncator.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        int runs = 0;
        try {
            for (; runs < 12 && Instant.now().isBefore(deadline); runs++) {
                String[][] commands = {{"touch", victim.toString()}, {"residency", "-v", victim.toString()},
                        {"lock", "--seconds", "0", victim.toString()}};
                String[] args = commands[runs % commands.length];
                Run r = child(List.of(), List.of("-XX:ErrorFile=" + dir.resolve("hs_err_%p.log")), args);
                assertTrue(r.code() == PageCacheTool.OK || r.code() == PageCacheTool.SOME_FAILED,
                        String.join(" ", args) + ": " + r.code() + r.err());
                assertNoCrash(r, dir);
                for (String line : r.err().lines().toList()) {
                    assertTrue(line.startsWith("mmap4j: ") || line.startsWith("\rtouching"),
                            "a failure is one line: " + r.err());
                    assertFalse(line.contains("allowBeyondEndOfFile"), "in the tool's words: " + line);
                }
            }
        } finally {
            stop.set(true);
            truncator.join();
        }
        assertTrue(runs >= 3, "ran each command at least once: " + runs);
    }
}

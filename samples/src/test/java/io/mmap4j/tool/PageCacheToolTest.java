package io.mmap4j.tool;

import io.mmap4j.MappedFile;
import io.mmap4j.PageSize;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PageCacheToolTest {
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
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = PageCacheTool.run(command, List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A file of {@code pages} pages, written and flushed to disk, so that its pages are clean. */
    private Path cleanFile(String name, long pages) throws Exception {
        Path p = dir.resolve(name);
        byte[] bytes = new byte[Math.toIntExact(pages * page)];
        java.util.Arrays.fill(bytes, (byte) 7);
        Files.write(p, bytes);
        try (MappedFile f = MappedFile.open(p)) {
            f.force(true);
        }
        return p;
    }

    /** Resident pages per file from {@code --json} output. */
    private static Map<String, Long> residentFromJson(String json) {
        Map<String, Long> resident = new HashMap<>();
        Matcher m = Pattern.compile("\"file\": \"([^\"]+)\", \"size\": \\d+, \"pages\": \\d+, \"resident\": (\\d+)").matcher(json);
        while (m.find()) {
            resident.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return resident;
    }

    @Test
    void residencyAgreesWithFincoreOnCachedEvictedAndPartlyCachedFiles() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/fincore")), "util-linux fincore is installed");
        Path cached = cleanFile("cached", 8);
        Path evicted = cleanFile("evicted", 8);
        Path partly = cleanFile("partly", 16);
        assertEquals(0, tool("evict", evicted.toString(), partly.toString()).code());
        try (var ch = java.nio.channels.FileChannel.open(partly)) { // read pages 0..3 back in
            ch.read(java.nio.ByteBuffer.allocate(Math.toIntExact(4 * page)), 0);
        }
        Run ours = tool("residency", "--json", cached.toString(), evicted.toString(), partly.toString());
        Process fincore = new ProcessBuilder("fincore", "--json", "--bytes", cached.toString(), evicted.toString(),
                partly.toString()).start();
        String theirs = new String(fincore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, fincore.waitFor());
        assertEquals(0, ours.code(), ours.err());

        Map<String, Long> oursByFile = residentFromJson(ours.out());
        Matcher m = Pattern.compile("\"res\":\\s*(\\d+),\\s*\"pages\":\\s*(\\d+),\\s*\"size\":\\s*\\d+,\\s*\"file\":\\s*\"([^\"]+)\"")
                .matcher(theirs);
        int compared = 0;
        while (m.find()) {
            assertEquals(Long.parseLong(m.group(2)), oursByFile.get(m.group(3)), "resident pages of " + m.group(3)
                    + "\nours: " + ours.out() + "\nfincore: " + theirs);
            compared++;
        }
        assertEquals(3, compared, theirs);
        assertEquals(8, oursByFile.get(cached.toString()));
        assertEquals(0, oursByFile.get(evicted.toString()));
        assertTrue(oursByFile.get(partly.toString()) >= 4);
    }

    @Test
    void touchBringsAnEvictedFileIntoThePageCache() throws Exception {
        Path p = cleanFile("f", 32);
        Run evicted = tool("evict", "--json", p.toString());
        assertEquals(0, residentFromJson(evicted.out()).get(p.toString()), evicted.out() + evicted.err());
        Run touched = tool("touch", "--json", p.toString());
        assertEquals(0, touched.code(), touched.err());
        assertEquals(32, residentFromJson(touched.out()).get(p.toString()));
    }

    @Test
    void directoriesAreWalkedAndTotalledAndSpecialFilesSkippedWithANote() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("a/b"));
        cleanFile("a/one", 2);
        cleanFile("a/b/two", 3);
        Files.createFile(dir.resolve("a/empty"));
        assertEquals(0, new ProcessBuilder("mkfifo", sub.resolve("fifo").toString()).start().waitFor());
        Run r = tool("residency", "--bytes", dir.resolve("a").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("fifo: skipped: not a regular file"), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("SIZE", lines.getFirst().trim().split("\\s+")[0]);
        String total = lines.getLast();
        assertTrue(total.contains("total (3 files)"), total);
        assertEquals(String.valueOf(5 * page), total.trim().split("\\s+")[0], total);
        assertEquals("5", total.trim().split("\\s+")[1], total);
    }

    @Test
    void problemsGiveExitCodesScriptsCanUse() throws Exception {
        Run missing = tool("residency", dir.resolve("missing").toString());
        assertEquals(PageCacheTool.SOME_FAILED, missing.code());
        assertTrue(missing.err().contains("missing: no such file or directory"), missing.err());
        assertEquals(PageCacheTool.USAGE, tool("residency").code());
        assertEquals(PageCacheTool.USAGE, tool("residency", "--nope", "x").code());
        assertEquals(PageCacheTool.USAGE, tool("maps", "notapid").code());
        assertEquals(PageCacheTool.SOME_FAILED, tool("maps", "999999999").code());
    }

    @Test
    void lockPinsTheFilesPagesWhileItHoldsThem() throws Exception {
        Path p = cleanFile("locked", 4);
        CompletableFuture<Run> held = CompletableFuture.supplyAsync(() -> {
            try {
                return tool("lock", "--seconds", "3", p.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long lockedKb = 0;
        for (int i = 0; i < 50 && lockedKb == 0; i++) {
            Thread.sleep(50);
            lockedKb = lockedKbOf(p);
        }
        assertEquals(4 * page / 1024, lockedKb);
        Run r = held.get();
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("locked " + p), r.out());
        assertEquals(0, lockedKbOf(p), "released after the hold");
    }

    /** The Locked field of the /proc/self/smaps entry that maps {@code file}, or 0 if none does. */
    private static long lockedKbOf(Path file) throws Exception {
        boolean inside = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                inside = line.endsWith(" " + file);
            } else if (inside && line.startsWith("Locked:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    @Test
    void mapsListsThisProcessWithSharingAndMarksMmap4jMappings() throws Exception {
        Path p = cleanFile("m", 1);
        try (MappedFile f = MappedFile.open(p, StandardOpenOption.READ);
             var m = f.map(io.mmap4j.MapOptions.readOnly())) {
            Run text = tool("maps");
            assertEquals(0, text.code());
            assertTrue(text.out().startsWith("RANGE"), text.out());
            String line = text.out().lines().filter(l -> l.endsWith(" " + p)).findFirst().orElseThrow();
            assertTrue(line.contains(" r--s ") && line.contains(" shared "), line);
            Run json = tool("maps", "--json", String.valueOf(ProcessHandle.current().pid()));
            assertTrue(json.out().contains("\"path\": \"" + p + "\", \"mmap4j\": true"), json.out());
            assertTrue(m.isOpen());
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.tool;

import io.mmap4j.MappedFile;
import io.mmap4j.PageSize;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
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
        return toolWithInput("", command, args);
    }

    private static Run toolWithInput(String stdin, String command, String... args) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = PageCacheTool.run(command, List.of(args), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
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
    void aTreeOfManyFilesIsReportedInNameOrderWithEachNoteInItsFilesTurn() throws Exception {
        // more files than one worker's chunk, so that several threads take them; four stay mapped
        // and dirty, which evict cannot drop: their notes must come in the files' order
        Path tree = Files.createDirectories(dir.resolve("tree"));
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String name = String.format("f%03d", i);
            Files.write(tree.resolve(name), new byte[(int) page]);
            names.add(name);
        }
        // written back, so that evict can drop every page but those held below
        Process sync = new ProcessBuilder("sync", "--file-system", tree.toString()).inheritIO().start();
        assertEquals(0, sync.waitFor(), "sync --file-system");
        List<String> held = List.of("f010", "f200", "f401", "f599");
        List<io.mmap4j.Mapping> mappings = new java.util.ArrayList<>();
        List<MappedFile> files = new java.util.ArrayList<>();
        try {
            for (String name : held) {
                MappedFile f = MappedFile.open(tree.resolve(name), StandardOpenOption.READ, StandardOpenOption.WRITE);
                files.add(f);
                io.mmap4j.Mapping m = f.map(0, page, io.mmap4j.MapOptions.readWrite());
                m.segment().set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 1);
                mappings.add(m);
            }
            Run evict = tool("evict", "-n", "-o", "PAGES,FILE", tree.toString());
            assertEquals(0, evict.code(), evict.err());
            List<String> listed = evict.out().lines().filter(l -> !l.contains("total ("))
                    .map(l -> Path.of(l.strip().split("\\s+", 2)[1]).getFileName().toString()).toList();
            assertEquals(names, listed, "every file once, in name order");
            List<String> noted = evict.err().lines()
                    .map(l -> Path.of(l.substring("mmap4j: ".length(), l.indexOf(": ", "mmap4j: ".length())))
                            .getFileName().toString())
                    .toList();
            assertEquals(held, noted, "a note for each file whose pages stayed, in the files' order:\n" + evict.err());
            for (String name : held) {
                assertTrue(evict.out().lines().anyMatch(l -> l.strip().startsWith("1 ") && l.endsWith(name)),
                        name + "'s dirty, mapped page stayed:\n" + evict.out());
            }
        } finally {
            for (io.mmap4j.Mapping m : mappings) {
                m.close();
            }
            for (MappedFile f : files) {
                f.close();
            }
        }
    }

    @Test
    void sizesAndPercentsAreWrittenAsFormatWritesThem() {
        var random = new java.util.Random(17);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> 100.0 * random.nextInt(5000) / (1 + random.nextInt(5000));
                case 1 -> random.nextLong(1L << 50) / Math.pow(1024, 1 + random.nextInt(4));
                case 2 -> random.nextInt(2000) / 20.0; // ties at .x5, and whole numbers
                default -> random.nextInt(200) / 8.0;  // ties at .5 and .25
            };
            assertEquals(String.format(java.util.Locale.ROOT, "%.1f", v), PageCacheTool.decimals(v, 1), "%.1f of " + v);
            assertEquals(String.format(java.util.Locale.ROOT, "%.0f", v), PageCacheTool.decimals(v, 0), "%.0f of " + v);
        }
    }

    /** fincore 2.41 (cachestat), where samples/fincore-2.41.sh has extracted it (.ci/run does). */
    private static List<String> fincore241(String... args) throws Exception {
        Path cache = Path.of(System.getenv().getOrDefault("MMAP4J_FINCORE_CACHE", "/var/cache/mmap4j-fincore"));
        assumeTrue(Files.exists(Path.of(cache + ".ok")), "fincore 2.41 extracted (samples/fincore-2.41.sh --version)");
        List<String> command = new java.util.ArrayList<>(List.of("bash", "fincore-2.41.sh"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().toList();
    }

    @Test
    void cachestatColumnsEqualThoseOfFincore241OnDirtyEvictedAndCachedFiles() throws Exception {
        // not WRITEBACK: fincore 2.41.5 prints there the value of the column before it (its
        // get_cstat_value skips the assignment when cachestat worked), 4 for DIRTY_PAGES' 4
        String columns = "PAGES,DIRTY_PAGES,EVICTED_PAGES,RECENTLY_EVICTED_PAGES,FILE";
        assertTrue(fincore241("--version").getFirst().contains("2.41"), "fincore 2.41");
        Path cached = cleanFile("cached", 4);
        Path evicted = cleanFile("evicted", 8);
        Path dirty = cleanFile("dirty", 8);
        try (MappedFile e = MappedFile.open(evicted);
             io.mmap4j.Mapping em = e.map(io.mmap4j.MapOptions.readOnly().confined());
             MappedFile d = MappedFile.open(dirty, StandardOpenOption.READ, StandardOpenOption.WRITE);
             io.mmap4j.Mapping dm = d.map(io.mmap4j.MapOptions.readWrite())) {
            em.advise(io.mmap4j.Advice.POPULATE_READ);
            // reclaimed pages are remembered as evicted; PAGEOUT is best effort, so it is asked again
            for (int i = 0; i < 20 && e.cacheStat(0, 4 * page).evicted() < 4; i++) {
                em.advise(0, 4 * page, io.mmap4j.Advice.PAGEOUT);
            }
            dm.segment().set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 1);
            dm.segment().set(java.lang.foreign.ValueLayout.JAVA_BYTE, 3 * page, (byte) 1);
            String[] files = {cached.toString(), evicted.toString(), dirty.toString()};
            // the kernel may start writing the dirty pages back between two readings: compare a
            // reading of fincore's taken between two equal readings of ours
            List<String> ours = null, theirs = null;
            for (int attempt = 0; attempt < 10; attempt++) {
                List<String> args = new java.util.ArrayList<>(List.of("-n", "-r", "-o", columns));
                args.addAll(List.of(files));
                List<String> before = tool("residency", args.toArray(String[]::new)).out().lines().toList();
                theirs = fincore241(args.toArray(String[]::new));
                ours = tool("residency", args.toArray(String[]::new)).out().lines().toList();
                if (before.equals(ours) && ours.equals(theirs)) {
                    break;
                }
            }
            assertEquals(theirs, ours, "mmap4j against fincore 2.41, " + columns);
            assertEquals("4 0 0 0 " + cached, ours.get(0), "all cached, clean");
            assertTrue(ours.get(1).startsWith("4 0 4 "), "4 of 8 reclaimed, counted as evicted: " + ours.get(1));
            String[] row = ours.get(2).split(" ");
            assertEquals("8", row[0], "all cached: " + ours.get(2));
            assertTrue(Long.parseLong(row[1]) > 0, "written pages are dirty (in the kernel's folios): " + ours.get(2));
        }
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
        assertEquals("SIZE TOTAL PAGES PERCENT MAP", String.join(" ", lines.getFirst().trim().split("\\s+")).replace(" FILE", ""));
        assertEquals("5", total.trim().split("\\s+")[1], total);
    }

    @Test
    void problemsGiveExitCodesScriptsCanUse() throws Exception {
        Run missing = tool("residency", dir.resolve("missing").toString());
        assertEquals(PageCacheTool.SOME_FAILED, missing.code());
        assertTrue(missing.err().contains("missing: no such file or directory"), missing.err());
        Run nothing = tool("residency", "-n", dir.resolve("missing").toString()); // no heading, no row at all
        assertEquals(PageCacheTool.SOME_FAILED, nothing.code(), nothing.err());
        assertEquals("", nothing.out());
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

    /**
     * A file of {@code pages} pages of which exactly {@code resident} are in the page cache: the
     * file is evicted, then those pages are written whole (no read, no read-ahead) and flushed.
     */
    private Path fileWithResidentPages(String name, long pages, int... resident) throws Exception {
        Path p = cleanFile(name, pages);
        Run evicted = tool("evict", "-n", "-o", "PAGES", p.toString());
        assertEquals("0", evicted.out().strip(), evicted.out() + evicted.err());
        try (var ch = java.nio.channels.FileChannel.open(p, StandardOpenOption.WRITE)) {
            for (int i : resident) {
                byte[] bytes = new byte[Math.toIntExact(page)];
                java.util.Arrays.fill(bytes, (byte) 9);
                ch.write(java.nio.ByteBuffer.wrap(bytes), i * page);
            }
            ch.force(true);
        }
        return p;
    }

    private static String sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    @Test
    void rawOutputOfFincoresColumnsIsByteForByteWhatFincorePrints() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/fincore")), "util-linux fincore is installed");
        Path cached = cleanFile("cached file", 8);
        Path evicted = fileWithResidentPages("back\\slash", 4);
        String[] files = {cached.toString(), evicted.toString()};
        for (String[] opts : List.of(new String[] {"--raw", "--bytes", "--output", "RES,PAGES,SIZE,FILE"},
                new String[] {"--raw", "--noheadings", "--bytes", "--output", "FILE,PAGES,SIZE,RES"})) {
            Run ours = tool("residency", concat(opts, files));
            List<String> fincore = new java.util.ArrayList<>(List.of("fincore"));
            for (String o : opts) {
                fincore.add(o.equals("--raw") ? "-r" : o.equals("--bytes") ? "-b" : o.equals("--noheadings") ? "-n" : o);
            }
            fincore.addAll(List.of(files));
            assertEquals(0, ours.code(), ours.err());
            assertEquals(sh(fincore.toArray(String[]::new)), ours.out(), String.join(" ", opts));
        }
        assertTrue(tool("residency", "--raw", "--bytes", "-o", "FILE", files[0]).out().contains("cached\\x20file"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void outputSelectsAndExtendsColumnsAndNoheadingsDropsTheHeading() throws Exception {
        Path p = cleanFile("f", 4);
        Run chosen = tool("residency", "-n", "--bytes", "-o", "pages,total,file", p.toString());
        assertEquals(0, chosen.code(), chosen.err());
        assertEquals("4 4 " + p, chosen.out().strip());
        Run extended = tool("residency", "--output", "+RES", p.toString());
        assertEquals(List.of("SIZE", "TOTAL", "PAGES", "PERCENT", "MAP", "FILE", "RES"),
                List.of(extended.out().lines().findFirst().orElseThrow().trim().split("\\s+")));
        Run bad = tool("residency", "-o", "SIZE,NOPE", p.toString());
        assertEquals(PageCacheTool.USAGE, bad.code());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().contains("unknown column 'NOPE'"), bad.err());
    }

    @Test
    void theMapCellCountedWithCachestatACellEqualsTheOneMadeFromMincoresRuns() throws Exception {
        // 103 pages in 40 cells of 2 or 3 pages; pages dropped in a pattern that leaves cells all,
        // some and none resident, and a last page that is partly the file's
        Path p = dir.resolve("cells");
        Files.write(p, new byte[Math.toIntExact(103 * page - 100)]);
        try (MappedFile f = MappedFile.open(p)) {
            f.force(true);
        }
        Files.readAllBytes(p);
        for (long[] drop : new long[][] {{0, 1}, {3, 4}, {10, 12}, {17, 18}, {40, 60}, {66, 67}, {77, 79}, {99, 100}}) {
            Run evicted = tool("evict", "-p", drop[0] * page + "-" + drop[1] * page, p.toString());
            assertEquals(0, evicted.code(), evicted.err());
        }
        Run cells = tool("residency", "-n", "-o", "PAGES,MAP", p.toString()); // cachestat a cell
        Run runs = tool("residency", "-n", "-v", "-o", "PAGES,MAP", p.toString()); // mincore's runs (-v)
        assertEquals(0, cells.code(), cells.err());
        assertEquals(runs.out().lines().findFirst().orElseThrow(), cells.out().strip());
        assertTrue(cells.out().contains("+") && cells.out().contains("#") && cells.out().contains("."), cells.out());
        // over a range that starts inside the file
        Run rangeCells = tool("residency", "-n", "-o", "TOTAL,PAGES,MAP", "-p", 5 * page + "-", p.toString());
        Run rangeRuns = tool("residency", "-n", "-v", "-o", "TOTAL,PAGES,MAP", "-p", 5 * page + "-", p.toString());
        assertEquals(rangeRuns.out().lines().findFirst().orElseThrow(), rangeCells.out().strip());
    }

    @Test
    void rangeTakesVmtouchsSyntaxAndLimitsResidencyTouchAndEvict() throws Exception {
        assertEquals(List.of(4096L, 8L << 20), boxed(ToolOptions.parseRange("4k-8M")));
        assertEquals(List.of(0L, 5L << 20), boxed(ToolOptions.parseRange("-5M")));
        assertEquals(List.of(0L, 5L << 20), boxed(ToolOptions.parseRange("5M")));
        assertEquals(List.of(100L << 20, Long.MAX_VALUE), boxed(ToolOptions.parseRange("100M-")));
        assertEquals(List.of(0L, Long.MAX_VALUE), boxed(ToolOptions.parseRange("-")));
        assertEquals(3L << 29, ToolOptions.parseSize("1.5G", "-m"));
        assertEquals(PageCacheTool.USAGE, tool("residency", "-p", "8k-4k", "x").code());
        assertEquals(PageCacheTool.USAGE, tool("residency", "-p", "4q", "x").code());

        Path p = cleanFile("r", 16);
        Run evicted = tool("evict", "-p", "0-8k", "--json", p.toString());
        assertEquals(0, evicted.code(), evicted.err());
        Run whole = tool("residency", "-n", "-o", "MAP", p.toString());
        assertEquals("[.." + "#".repeat(14) + "]", whole.out().strip());
        long first = 2 * page - 1; // rounded down to page 1, as vmtouch does
        Run part = tool("residency", "-n", "--bytes", "-o", "TOTAL,PAGES,MAP", "-p", first + "-" + 6 * page, p.toString());
        assertEquals("5 4 [.####]", part.out().strip());
        assertEquals(0, tool("evict", p.toString()).code());
        Run touched = tool("touch", "-n", "--bytes", "-o", "TOTAL,PAGES", "-p", 3 * page + "-" + 4 * page, p.toString());
        assertEquals(0, touched.code(), touched.err());
        assertEquals("1 1", touched.out().strip().replaceAll("\\s+", " "), "reported over the range");
        // the kernel's read-ahead may bring in neighbours too, so only the range is checked
        Run beyond = tool("residency", "-n", "-o", "TOTAL,PAGES", "-p", "1G-", p.toString());
        assertEquals("0 0", beyond.out().strip().replaceAll("\\s+", " "));
    }

    @Test
    void rangeCountsTheSamePagesAsVmtouch() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/vmtouch")), "vmtouch is installed");
        Path p = fileWithResidentPages("v", 16, 0, 1, 2, 3, 8);
        for (String range : List.of("4k-40k", "-12k", "16k-", "30000-40000")) {
            String theirs = sh("vmtouch", "-p", range, p.toString());
            Matcher m = Pattern.compile("Resident Pages: (\\d+)/(\\d+)").matcher(theirs);
            assertTrue(m.find(), theirs);
            Run ours = tool("residency", "-n", "-o", "PAGES,TOTAL", "-p", range, p.toString());
            assertEquals(m.group(1) + " " + m.group(2), ours.out().strip().replaceAll("\\s+", " "), range);
        }
    }

    private static List<Long> boxed(long[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    @Test
    void ignoreAndIncludePatternsChooseFilesAndIgnoreStopsTheWalk() throws Exception {
        Files.createDirectories(dir.resolve("src/.git"));
        cleanFile("src/a.c", 1);
        cleanFile("src/a.h", 1);
        cleanFile("src/a.c.bak", 1);
        cleanFile("src/.git/b.c", 1);
        Run r = tool("residency", "-n", "-r", "-o", "FILE", "-i", ".git", "-i", "*.bak", "-I", "*.c", "-I", "*.h",
                dir.resolve("src").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(dir.resolve("src/a.c").toString(), dir.resolve("src/a.h").toString()), r.out().lines().toList());
        assertEquals(PageCacheTool.USAGE, tool("residency", "-I", "[", "x").code());
    }

    @Test
    void maxSizeSkipsLargerFilesWithANote() throws Exception {
        Path small = cleanFile("small", 1);
        Path big = cleanFile("big", 3);
        Run r = tool("residency", "-n", "-r", "-o", "FILE", "-m", (2 * page / 1024) + "k", small.toString(), big.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(small.toString(), r.out().strip());
        assertTrue(r.err().contains("big: skipped: larger than the maximum size"), r.err());
    }

    @Test
    void symbolicLinksAreFollowedOnlyWithFollowAndLoopsAreNoted() throws Exception {
        Path target = cleanFile("target", 2);
        Path sub = Files.createDirectories(dir.resolve("d"));
        Path link = Files.createSymbolicLink(sub.resolve("link"), target);
        Files.createSymbolicLink(sub.resolve("loop"), sub);
        Run plain = tool("residency", "-n", "-r", "-o", "FILE", sub.toString());
        assertEquals(0, plain.code(), plain.err());
        assertEquals("", plain.out());
        assertTrue(plain.err().contains("link: skipped: a symbolic link (-f follows links)"), plain.err());
        assertEquals("", tool("residency", "-n", "-o", "FILE", link.toString()).out(), "an operand link too");
        Run followed = tool("residency", "-f", "-n", "-r", "-o", "FILE,TOTAL", sub.toString());
        assertEquals(0, followed.code(), followed.err());
        assertEquals(List.of(link + " 2"), followed.out().lines().toList());
        assertTrue(followed.err().contains("loop: skipped: a symbolic link loop"), followed.err());
    }

    @Test
    void hardLinksCountOnceUnlessAllLinksIsGiven() throws Exception {
        Path a = cleanFile("a", 3);
        Path b = Files.createLink(dir.resolve("b"), a);
        Run once = tool("residency", "--bytes", dir.toString());
        assertEquals(0, once.code(), once.err());
        assertEquals(List.of(a.toString()), filesOf(tool("residency", "-n", "-r", "-o", "FILE", dir.toString())));
        Run all = tool("residency", "-n", "-r", "-o", "FILE", "--all-links", dir.toString());
        assertEquals(List.of(a.toString(), b.toString()), filesOf(all));
        Run verbose = tool("residency", "-v", a.toString(), b.toString());
        assertTrue(verbose.err().contains("b: skipped: the same file as " + a), verbose.err());
    }

    private static List<String> filesOf(Run r) {
        return r.out().lines().toList();
    }

    @Test
    void batchReadsTheFileListFromStandardInputOrAFileByLineOrByNul() throws Exception {
        Path a = cleanFile("a", 1);
        Path b = cleanFile("b with\nnewline", 1);
        Run lines = toolWithInput(a + "\n\n" + dir.resolve("nope") + "\n", "residency", "-n", "-r", "-o", "FILE", "-b", "-");
        assertEquals(PageCacheTool.SOME_FAILED, lines.code());
        assertEquals(a.toString(), lines.out().strip());
        assertTrue(lines.err().contains("nope: no such file or directory"), lines.err());
        Run nul = toolWithInput(a + "\0" + b + "\0", "residency", "-n", "-r", "-o", "FILE", "-0b", "-");
        assertEquals(0, nul.code(), nul.err());
        assertEquals(List.of(a.toString(), PageCacheTool.rawEscape(b.toString())), nul.out().lines().toList());
        Path list = dir.resolve("list");
        Files.writeString(list, b + "\0");
        assertEquals(2, tool("residency", "-n", "-r", "-o", "FILE", "-0", "-b", list.toString(), a.toString())
                .out().lines().count());
        assertEquals(PageCacheTool.USAGE, tool("residency", "-0", a.toString()).code(), "-0 without -b");
    }

    @Test
    void verboseShowsEachFilesPageMapAndRunsByPageNumber() throws Exception {
        Path p = fileWithResidentPages("v", 16, 0, 1, 2, 3, 8);
        Run r = tool("residency", "-v", "--bytes", p.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        int at = lines.indexOf(p + ": 5 of 16 pages resident in 2 run(s); a cell is 1 page(s)");
        assertTrue(at > 0, r.out());
        assertEquals("0  ####....#.......", lines.get(at + 1));
        assertEquals("resident pages: 0-3 8", lines.get(at + 2));
        Run ranged = tool("residency", "-v", "--bytes", "-p", (2 * page) + "-", p.toString());
        assertTrue(ranged.out().contains("\n2  ##....#.......\nresident pages: 2-3 8\n"), ranged.out());
        Run json = tool("residency", "-v", "--json", p.toString());
        assertTrue(json.out().contains("\"runs\": [[0, 4], [8, 9]]"), json.out());
        if (Files.isExecutable(Path.of("/usr/bin/fincore"))) {
            assertEquals("5", sh("fincore", "-n", "-o", "PAGES", p.toString()).strip());
        }
    }

    @Test
    void everyCommandPrintsItsHelpAndRejectsUnknownOptionsInOneLine() throws Exception {
        for (String command : List.of("residency", "touch", "evict", "lock", "maps")) {
            for (String h : List.of("--help", "-h")) {
                Run help = tool(command, h);
                assertEquals(0, help.code(), command + " " + h);
                assertTrue(help.out().startsWith("usage: mmap4j " + command + " "), help.out());
                assertEquals("", help.err());
            }
            Run bad = tool(command, "--nope", "x");
            assertEquals(PageCacheTool.USAGE, bad.code(), command);
            assertEquals(List.of("mmap4j " + command + ": unknown option --nope; try: mmap4j " + command + " --help"),
                    bad.err().lines().toList());
            assertEquals(PageCacheTool.USAGE, tool(command, "-Z").code(), command);
        }
        assertEquals(PageCacheTool.USAGE, tool("maps", "-p", "1k").code(), "file options are not maps options");
        assertEquals(PageCacheTool.USAGE, tool("lock", "-o", "FILE", "x").code(), "report options are not lock options");
    }

    @Test
    void lockAsADaemonHoldsTheFilesInAnotherProcessUntilSigtermAndRemovesItsPidfile() throws Exception {
        Path p = cleanFile("held", 16);
        Path pidFile = dir.resolve("lock.pid");
        Run started = tool("lock", "-d", "-P", pidFile.toString(), p.toString());
        assertEquals(0, started.code(), started.out() + started.err());
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        try {
            assertTrue(started.out().contains("locked " + p), started.out());
            assertTrue(started.out().contains("daemon " + pid + " holds them until SIGTERM"), started.out());
            assertTrue(pid != ProcessHandle.current().pid());
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            Matcher vmLck = Pattern.compile("VmLck:\\s+(\\d+) kB").matcher(status);
            assertTrue(vmLck.find(), status);
            assertTrue(Long.parseLong(vmLck.group(1)) >= 16 * page / 1024, status);
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String session = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3];
                assertEquals(String.valueOf(pid), session, "leads its own session: " + stat);
            }
        } finally {
            daemon.destroy(); // SIGTERM
            daemon.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertTrue(Files.notExists(pidFile), "pidfile removed on SIGTERM");
    }

    @Test
    void lockWithAPidfileInTheForegroundRemovesItWhenItReleases() throws Exception {
        Path p = cleanFile("held", 2);
        Path pidFile = dir.resolve("fg.pid");
        CompletableFuture<Run> held = CompletableFuture.supplyAsync(() -> {
            try {
                return tool("lock", "--seconds", "2", "--pidfile", pidFile.toString(), p.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < 100 && Files.notExists(pidFile); i++) {
            Thread.sleep(20);
        }
        assertEquals(String.valueOf(ProcessHandle.current().pid()), Files.readString(pidFile).strip());
        assertEquals(0, held.get().code());
        assertTrue(Files.notExists(pidFile));
    }
}

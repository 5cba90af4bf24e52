// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/** The Markdown report: the machine, one table per family, and the targets. */
final class Report {
    /** Families whose variants are different operations, compared only with the same C case. */
    private static final Set<String> GROUPED_BY_CASE = Set.of("NativeCall", "Msync", "CloseStorm");

    private Report() {
    }

    /** {@return the C case that does the same work as a JMH variant} */
    static String cCase(String family, String variant) {
        String v = variant.toLowerCase(Locale.ROOT);
        return switch (family) {
            case "SeedLoop" -> v.equals("randomaccessfile") ? "lseek_read" : v.equals("filechannelpositional") ? "pread" : "mmap";
            case "SequentialScan" -> v.contains("sequential") ? "madvise_sequential" : v.contains("populate") ? "populate"
                    : v.equals("filechannelread") ? "read" : "mmap";
            case "RandomRead" -> v.equals("filechannelpositional") ? "pread" : "mmap";
            case "NativeCall" -> v.contains("msync") ? "msync" : v.contains("madvise") ? "madvise" : "sysconf";
            case "FirstTouch" -> v.contains("populatewrite") ? "populate_write" : v.contains("populate") ? "populate"
                    : v.contains("huge") ? "huge_pages" : "lazy";
            case "Msync" -> v.contains("async") ? "async" : "sync";
            case "PartialUnmap" -> v.contains("partial") ? "partial" : "remap";
            case "CloseStorm" -> v.equals("readeralone") ? "alone" : "storm";
            default -> "mmap";
        };
    }

    /** {@return the C row doing the same work as a Java row, or null} */
    static Row cRow(List<Row> rows, Row java) {
        String wanted = cCase(java.family(), java.variant());
        return rows.stream().filter(r -> r.c() && r.family().equals(java.family()) && r.variant().equals(wanted)
                && r.params().equals(java.params())).findFirst().orElse(null);
    }

    /** {@return the fastest Java alternative to a row for the same work and parameters, or null} */
    static Row bestAlternative(List<Row> rows, Row row) {
        return rows.stream()
                .filter(r -> r.isJavaAlternative() && r.family().equals(row.family()) && r.params().equals(row.params()))
                .filter(r -> !GROUPED_BY_CASE.contains(row.family())
                        || cCase(r.family(), r.variant()).equals(row.c() ? row.variant() : cCase(row.family(), row.variant())))
                .min((a, b) -> Double.compare(a.nanos(), b.nanos())).orElse(null);
    }

    static String markdown(List<Row> rows, RunMode mode, Path dataDir) {
        StringBuilder md = new StringBuilder();
        md.append("# mmap4j benchmark results\n\n");
        md.append("Measured ").append(LocalDate.now()).append(" in ").append(mode.describe()).append(".\n\n");
        md.append("Machine: ").append(machine(dataDir)).append("\n\n");
        md.append("Time per operation, lower is better. ± is the 99.9% confidence half-width (JMH's; the C "
                + "harness computes it the same way; n/a with a single sample). **× C** is the time divided by C's "
                + "time for the same work, named after it (1.00 is as fast as C, below 1 is faster). **× best Java** "
                + "is the time divided by that of the fastest Java alternative to mmap4j (RandomAccessFile, "
                + "FileChannel, MappedByteBuffer, JNA, Arena) with the same parameters. Every family's C reference "
                + "is in `benchmarks/src/main/c/`. mmap4j's rows are in bold.\n\n");
        md.append("Every ratio carries its interval in brackets, computed conservatively from the two confidence "
                + "intervals: a/b lies in [(a − ea)/(b + eb), (a + ea)/(b − eb)], and a difference a − b in "
                + "[a − ea − (b + eb), a + ea − (b − eb)] (interval arithmetic, no assumption about the errors' "
                + "distribution or independence; each input holds its true value with 99.9% confidence, so the result "
                + "holds it with at least 99.8%, or 99.7% with three inputs). A divisor whose interval reaches zero, "
                + "or a figure without an error, gives an unbounded interval. A target is **met** only when its whole "
                + "interval is inside the bound, **missed** when the whole interval is outside, and **inconclusive** "
                + "when the interval holds the bound.\n\n");
        Map<String, List<Row>> byFamily = new LinkedHashMap<>();
        for (Row r : rows) {
            byFamily.computeIfAbsent(r.family(), k -> new ArrayList<>()).add(r);
        }
        byFamily.forEach((family, familyRows) -> {
            md.append("## ").append(title(family)).append("\n\n");
            md.append("| Variant | Parameters | Time/op | ± | × C | × best Java |\n");
            md.append("|---|---|--:|--:|--:|--:|\n");
            for (Row r : familyRows) {
                Row c = r.c() ? null : cRow(rows, r);
                Row best = bestAlternative(rows, r);
                md.append("| ").append(r.c() ? "C: " + r.variant() : r.isMmap4j() ? "**" + r.variant() + "**" : r.variant())
                        .append(" | ").append(params(r.params()))
                        .append(" | ").append(time(r.nanos()))
                        .append(" | ").append(Double.isNaN(r.error()) ? "n/a" : time(r.error()))
                        .append(" | ").append(c == null ? "" : Estimate.of(r).over(Estimate.of(c)).asRatio() + " (" + c.variant() + ")")
                        .append(" | ").append(best == null ? "" : Estimate.of(r).over(Estimate.of(best)).asRatio())
                        .append(" |\n");
            }
            md.append('\n');
        });
        md.append(targets(rows));
        return md.toString();
    }

    /** The targets of issues 6 and 11, checked against the rows; a target whose rows are missing is left out. */
    static String targets(List<Row> rows) {
        StringBuilder md = new StringBuilder("## Targets\n\n| Target | Measured [interval] | Verdict |\n|---|--:|:-:|\n");
        for (String size : values(rows, "SequentialScan", "size")) {
            Map<String, String> p = Map.of("size", size);
            Row mine = find(rows, "SequentialScan", "mmap4jPlain", false, p);
            target(md, "sequential scan " + bytes(size) + ": mmap4jPlain speed ≥ 0.95 × C mmap",
                    find(rows, "SequentialScan", "mmap", true, p), mine, 0.95, true);
            target(md, "sequential scan " + bytes(size) + ": mmap4jPlain speed ≥ FileChannel.map segment",
                    find(rows, "SequentialScan", "fileChannelMapSegment", false, p), mine, 1.0, true);
            target(md, "sequential scan " + bytes(size) + ": mmap4jConfined speed ≥ FileChannel.map segment",
                    find(rows, "SequentialScan", "fileChannelMapSegment", false, p),
                    find(rows, "SequentialScan", "mmap4jConfined", false, p), 1.0, true);
        }
        for (String size : values(rows, "RandomRead", "size")) {
            Map<String, String> p = Map.of("size", size);
            target(md, "random read " + bytes(size) + ": time per read ≤ 1.1 × C",
                    find(rows, "RandomRead", "mmap4j", false, p), find(rows, "RandomRead", "mmap", true, p), 1.1, false);
        }
        for (String size : values(rows, "SeedLoop", "size")) {
            Map<String, String> p = Map.of("size", size);
            target(md, "seed loop " + bytes(size) + ": ≥ 20 × faster than RandomAccessFile",
                    find(rows, "SeedLoop", "randomAccessFile", false, p), find(rows, "SeedLoop", "mmap4j", false, p), 20, true);
        }
        Map<String, String> onePage = Map.of("size", "4096");
        Row cOnePage = find(rows, "MapUnmap", "mmap", true, onePage);
        target(md, "map + touch + unmap of one page: mmap4j (default, shared arena) time ≤ 1.5 × C",
                find(rows, "MapUnmap", "mmap4j", false, onePage), cOnePage, 1.5, false);
        target(md, "map + touch + unmap of one page: mmap4jConfined time ≤ 1.2 × C",
                find(rows, "MapUnmap", "mmap4jConfined", false, onePage), cOnePage, 1.2, false);
        for (Row grouped : rows.stream().filter(r -> r.family().equals("MapUnmap") && isGroupMember(r.variant())
                && r.params().entrySet().containsAll(onePage.entrySet())).toList()) {
            target(md, "map + touch + unmap of one page: " + grouped.variant() + " time per member ≤ 2 × C", grouped,
                    cOnePage, 2, false);
        }
        Row alone = find(rows, "CloseStorm", "readerAlone", false, Map.of());
        for (Row storm : rows.stream().filter(r -> r.family().equals("CloseStorm") && !r.c()
                && isGroupMember(r.variant())).toList()) {
            target(md, "close storm, " + storm.variant() + ": reader's time ≤ 1.05 × without a closer", storm, alone,
                    1.05, false);
        }
        md.append('\n').append(overheads(rows)).append(closeStorm(rows));
        return md.toString();
    }

    /** {@return whether a variant maps members of a {@code MappingGroup}: grouped or batched} */
    static boolean isGroupMember(String variant) {
        return variant.startsWith("mmap4jGrouped") || variant.startsWith("mmap4jBatched");
    }

    /** The native calls whose overhead above C is compared: name, mmap4j's variant, JNA direct's variant. */
    static final List<List<String>> CALLS = List.of(List.of("sysconf", "ffmSysconf", "jnaDirectSysconf"),
            List.of("madvise", "mmap4jMadvise", "jnaDirectMadvise"),
            List.of("madvise", "mmap4jMadviseConfined", "jnaDirectMadvise"),
            List.of("msync", "mmap4jMsync", "jnaDirectMsync"));

    /**
     * The native calls' overhead above C: a call's time minus C's for the same call. The target is
     * mmap4j's overhead at most a fifth of JNA direct's, judged on {@link #overheadMargin}.
     */
    static String overheads(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        for (List<String> call : CALLS) {
            Row c = find(rows, "NativeCall", call.get(0), true, Map.of());
            Row mine = find(rows, "NativeCall", call.get(1), false, Map.of());
            Row jna = find(rows, "NativeCall", call.get(2), false, Map.of());
            if (c == null || mine == null || jna == null) {
                continue;
            }
            if (md.isEmpty()) {
                md.append("### Native call overhead above C\n\n").append("Overhead is a call's time minus C's "
                        + "for the same call, with its interval. The target: mmap4j's overhead at most a fifth of JNA "
                        + "direct's, judged on the margin mmap4j − C − (JNA − C)/5, which must be ≤ 0 (C's time enters "
                        + "it once, so its error is not counted twice).\n\n| Call | C | mmap4j overhead | JNA direct "
                        + "overhead | margin (≤ 0 to meet) | Verdict |\n|---|--:|--:|--:|--:|:-:|\n");
            }
            Estimate margin = overheadMargin(mine, jna, c);
            md.append("| ").append(call.get(0)).append(" (").append(call.get(1)).append(" vs ").append(call.get(2))
                    .append(") | ").append(Estimate.of(c).asTime())
                    .append(" | ").append(overhead(mine, c).asTime())
                    .append(" | ").append(overhead(jna, c).asTime())
                    .append(" | ").append(margin.asTime())
                    .append(" | ").append(margin.atMost(0).label()).append(" |\n");
        }
        return md.isEmpty() ? "" : md.append('\n').toString();
    }

    /** {@return what a call costs above C's: its time minus C's, in nanoseconds} */
    static Estimate overhead(Row call, Row c) {
        return Estimate.of(call).minus(Estimate.of(c));
    }

    /**
     * {@return mmap4j's overhead minus a fifth of JNA's, {@code m - c - (j - c)/5 = m - j/5 - 0.8 c}:
     * at most zero when the target is met; C's time appears once, so its error counts once}
     */
    static Estimate overheadMargin(Row mmap4j, Row jna, Row c) {
        return Estimate.of(mmap4j).minus(Estimate.of(jna).times(0.2)).minus(Estimate.of(c).times(0.8));
    }

    /**
     * The close storm: each reader's time against the reader alone, and against the reader beside a
     * closer that calls {@code mmap}/{@code munmap} with no arena (the kernel's share of the cost,
     * CPU sharing included), which leaves the lifetime's own share.
     */
    static String closeStorm(List<Row> rows) {
        Row alone = find(rows, "CloseStorm", "readerAlone", false, Map.of());
        if (alone == null) {
            return "";
        }
        Row raw = find(rows, "CloseStorm", "jnaRaw", false, Map.of());
        StringBuilder md = new StringBuilder("### What a close storm costs the reader\n\n"
                + "The reader's time per sum of a 64 MiB mapping while another thread maps and closes one-page "
                + "mappings, over its time with no closer (1.00 is no cost)"
                + (raw == null ? "" : ", and over its time beside a closer that calls mmap/munmap through JNA with no "
                + "arena (jnaRaw: what the kernel and the shared CPUs cost, so the second ratio is what the lifetime "
                + "itself adds)") + ".\n\n"
                + "| Closer's lifetime | Reader's time | × reader alone |" + (raw == null ? "" : " × beside jnaRaw |")
                + "\n|---|--:|--:|" + (raw == null ? "" : "--:|") + "\n");
        md.append("| none (reader alone) | ").append(Estimate.of(alone).asTime()).append(" | |")
                .append(raw == null ? "" : " |").append('\n');
        for (Row r : rows.stream().filter(r -> r.family().equals("CloseStorm") && !r.c()
                && !r.variant().equals("readerAlone")).toList()) {
            md.append("| ").append(r.variant()).append(" | ").append(Estimate.of(r).asTime()).append(" | ")
                    .append(Estimate.of(r).over(Estimate.of(alone)).asRatio()).append(" |");
            if (raw != null) {
                md.append(r == raw ? "" : " " + Estimate.of(r).over(Estimate.of(raw)).asRatio()).append(" |");
            }
            md.append('\n');
        }
        Row cAlone = find(rows, "CloseStorm", "alone", true, Map.of());
        Row cStorm = find(rows, "CloseStorm", "storm", true, Map.of());
        if (cAlone != null && cStorm != null) {
            md.append("| C: munmap, no arena (C reader alone: ").append(Estimate.of(cAlone).asTime()).append(") | ")
                    .append(Estimate.of(cStorm).asTime()).append(" | ")
                    .append(Estimate.of(cStorm).over(Estimate.of(cAlone)).asRatio()).append(" |")
                    .append(raw == null ? "" : " |").append('\n');
        }
        return md.append('\n').toString();
    }

    /**
     * Adds a target row. With {@code atLeast}, the measured figure is {@code a / b} (how many times
     * faster {@code b} is than {@code a}) and must reach {@code bound}; otherwise it is {@code a / b}
     * and must stay under {@code bound}. The verdict is judged on the ratio's whole interval.
     */
    static void target(StringBuilder md, String what, Row a, Row b, double bound, boolean atLeast) {
        if (a == null || b == null) {
            return;
        }
        Estimate measured = Estimate.of(a).over(Estimate.of(b));
        Estimate.Verdict verdict = atLeast ? measured.atLeast(bound) : measured.atMost(bound);
        md.append("| ").append(what).append(" | ").append(measured.asRatio()).append(" | ").append(verdict.label())
                .append(" |\n");
    }

    private static Row find(List<Row> rows, String family, String variant, boolean c, Map<String, String> params) {
        return rows.stream().filter(r -> r.c() == c && r.family().equals(family) && r.variant().equals(variant)
                && r.params().entrySet().containsAll(params.entrySet())).findFirst().orElse(null);
    }

    private static List<String> values(List<Row> rows, String family, String param) {
        return rows.stream().filter(r -> r.family().equals(family)).map(r -> r.params().get(param))
                .filter(Objects::nonNull).distinct().toList();
    }

    private static String title(String family) {
        return switch (family) {
            case "SeedLoop" -> "1. Seed loop (one operation: one walk over the file)";
            case "SequentialScan" -> "2. Sequential scan (one operation: map, sum every 64-bit word, unmap)";
            case "RandomRead" -> "3. Random reads (one operation: one 8-byte read)";
            case "NativeCall" -> "4. Native call overhead (one operation: one call)";
            case "MapUnmap" -> "5. Map, touch every page, unmap";
            case "FirstTouch" -> "6. First touch (one operation: map, write a byte per page, unmap)";
            case "Msync" -> "7. msync (one operation: dirty the pages, then sync them)";
            case "PartialUnmap" -> "8. Partial munmap (one operation: map, drop the middle half, unmap the rest)";
            case "CloseStorm" -> "9. Close storm (one operation: the reader's sum of a 64 MiB mapping, while another "
                    + "thread maps and closes one-page mappings)";
            default -> family;
        };
    }

    private static String params(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + (k.equals("size") ? bytes(v) : v)));
        return String.join(", ", parts);
    }

    /** {@return a byte count in the largest binary unit that divides it: 2147483648 is "2 GiB"} */
    static String bytes(String value) {
        long v = Long.parseLong(value);
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (v >= 1024 && v % 1024 == 0 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return v + " " + units[u];
    }

    /** {@return nanoseconds in a readable unit with three significant digits} */
    static String time(double nanos) {
        double[] scale = {1, 1e3, 1e6, 1e9};
        String[] unit = {"ns", "µs", "ms", "s"};
        int u = 0;
        while (u < scale.length - 1 && Math.abs(nanos) >= scale[u + 1]) {
            u++;
        }
        return significant(nanos / scale[u]) + " " + unit[u];
    }

    static String significant(double v) {
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }

    /** {@return the CPU, memory, kernel, JDK, compiler, file system and huge page setting} */
    static String machine(Path dataDir) {
        String cpu = firstMatch(Path.of("/proc/cpuinfo"), l -> l.startsWith("model name"));
        cpu = cpu == null ? System.getProperty("os.arch") : cpu.substring(cpu.indexOf(':') + 1).strip();
        String mem = firstMatch(Path.of("/proc/meminfo"), l -> l.startsWith("MemTotal"));
        String ram = mem == null ? "?" : Math.round(Long.parseLong(mem.replaceAll("\\D", "")) / 1048576.0) + " GiB RAM";
        String thp = firstMatch(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"), l -> true);
        String fs;
        try {
            fs = Files.getFileStore(dataDir).type() + " (data in " + dataDir + ")";
        } catch (IOException e) {
            fs = "?";
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, " + ram + "; "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + "; "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "; "
                + ccVersion() + "; file system " + fs + "; transparent huge pages " + (thp == null ? "absent" : thp);
    }

    private static String firstMatch(Path file, Predicate<String> wanted) {
        try (var lines = Files.lines(file)) {
            return lines.filter(wanted).findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String ccVersion() {
        try {
            Process p = new ProcessBuilder("cc", "--version").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().findFirst().orElse("cc");
            p.waitFor();
            return first;
        } catch (IOException e) {
            return "cc unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "cc unknown";
        }
    }
}

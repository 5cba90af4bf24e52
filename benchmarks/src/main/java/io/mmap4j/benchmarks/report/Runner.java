package io.mmap4j.benchmarks.report;

import io.mmap4j.benchmarks.FirstTouchBenchmark;
import io.mmap4j.benchmarks.MapUnmapBenchmark;
import io.mmap4j.benchmarks.MsyncBenchmark;
import io.mmap4j.benchmarks.NativeCallBenchmark;
import io.mmap4j.benchmarks.PartialUnmapBenchmark;
import io.mmap4j.benchmarks.RandomReadBenchmark;
import io.mmap4j.benchmarks.SeedLoopBenchmark;
import io.mmap4j.benchmarks.SequentialScanBenchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs every benchmark family under JMH and its C reference, then writes {@code jmh.json}, {@code
 * RESULTS.md} and {@code chart.png}:
 * {@snippet lang=sh :
 * java -cp benchmarks/target/benchmarks.jar io.mmap4j.benchmarks.report.Runner --mode quick
 * }
 * Options: {@code --mode smoke|quick|full} (default quick), {@code --out DIR} (default
 * {@code benchmarks/results}, or {@code results} when there is no {@code benchmarks} directory),
 * {@code --include REGEX} (benchmark classes or methods to run, as JMH matches them), and
 * {@code --data DIR} (where data files go; default {@code java.io.tmpdir}).
 */
public final class Runner {
    /** Every benchmark family, in report order. */
    static final List<Class<?>> BENCHMARKS = List.of(SeedLoopBenchmark.class, SequentialScanBenchmark.class,
            RandomReadBenchmark.class, NativeCallBenchmark.class, MapUnmapBenchmark.class, FirstTouchBenchmark.class,
            MsyncBenchmark.class, PartialUnmapBenchmark.class);
    /**
     * Flags of every forked benchmark JVM: mmap4j and JNA on the class path call native code, and
     * JMH 1.37 calls {@code sun.misc.Unsafe.objectFieldOffset}, which JDK 24+ warns about.
     */
    static final String[] FORK_JVM_ARGS = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"};

    private Runner() {
    }

    /** What a run produced. */
    record Outcome(List<Row> rows, Path json, Path markdown, Path chart, Path log) {
    }

    /**
     * Runs the benchmarks as the arguments say.
     *
     * @param args {@code --mode}, {@code --out}, {@code --include}, {@code --data}
     * @throws Exception if a benchmark, a C reference or writing the results fails
     */
    public static void main(String[] args) throws Exception {
        RunMode mode = RunMode.QUICK;
        Path out = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks", "results") : Path.of("results");
        String include = ".*";
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--mode" -> mode = RunMode.valueOf(require(args[i], value).toUpperCase(Locale.ROOT));
                case "--out" -> out = Path.of(require(args[i], value));
                case "--include" -> include = require(args[i], value);
                case "--data" -> data = Path.of(require(args[i], value));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --mode smoke|quick|full, --out DIR, --include REGEX, --data DIR");
            }
            i++;
        }
        Outcome o = run(mode, out, include, data);
        System.out.println("wrote " + o.json() + ", " + o.markdown() + ", " + o.chart() + " (log: " + o.log() + ")");
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /**
     * Runs the families whose class or method names match {@code include}, with their C references.
     *
     * @param mode    how long to measure
     * @param out     where results go
     * @param include a regular expression over {@code Class.method} names
     * @param data    where data files go, or null for {@code java.io.tmpdir}
     * @return what was written
     */
    static Outcome run(RunMode mode, Path out, String include, Path data)
            throws IOException, InterruptedException, RunnerException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("mmap4j-bench-run");
        Path dataDir = data != null ? data : Path.of(System.getProperty("java.io.tmpdir"));
        Pattern filter = Pattern.compile(include);
        List<Row> rows = new ArrayList<>();
        List<String> jsonParts = new ArrayList<>();
        StringBuilder log = new StringBuilder();
        try {
            for (Class<?> benchmark : BENCHMARKS) {
                String simple = benchmark.getSimpleName();
                if (!filter.matcher(benchmark.getName()).find() && !anyMethodMatches(benchmark, filter)) {
                    continue;
                }
                String family = simple.substring(0, simple.length() - "Benchmark".length());
                Map<String, String[]> params = params(benchmark, mode);
                rows.addAll(runJmh(benchmark, family, params, mode, include, work, dataDir, jsonParts, log));
                rows.addAll(CReference.run(family, params, mode, work, dataDir, log));
            }
        } finally {
            Files.writeString(out.resolve("jmh.log"), log, StandardCharsets.UTF_8);
            deleteTree(work);
        }
        Path json = out.resolve("jmh.json");
        Files.writeString(json, "[\n" + String.join(",\n", jsonParts) + "\n]\n", StandardCharsets.UTF_8);
        Path markdown = out.resolve("RESULTS.md");
        Files.writeString(markdown, Report.markdown(rows, mode, dataDir), StandardCharsets.UTF_8);
        Path chart = out.resolve("chart.png");
        Chart.write(rows, chart);
        return new Outcome(rows, json, markdown, chart, out.resolve("jmh.log"));
    }

    private static boolean anyMethodMatches(Class<?> benchmark, Pattern filter) {
        for (var m : benchmark.getMethods()) {
            if (m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class)
                    && filter.matcher(benchmark.getName() + "." + m.getName()).find()) {
                return true;
            }
        }
        return false;
    }

    /** The parameters a family runs with in this mode: the declared values unless the mode replaces them. */
    static Map<String, String[]> params(Class<?> benchmark, RunMode mode) {
        Map<String, String[]> params = new LinkedHashMap<>();
        for (Field f : benchmark.getFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p != null) {
                params.put(f.getName(), p.value());
            }
        }
        params.putAll(mode.params.getOrDefault(benchmark.getSimpleName(), Map.of()));
        return params;
    }

    private static List<Row> runJmh(Class<?> benchmark, String family, Map<String, String[]> params, RunMode mode,
                                    String include, Path work, Path dataDir, List<String> jsonParts,
                                    StringBuilder log) throws IOException, RunnerException {
        Path json = work.resolve(family + ".json");
        Path text = work.resolve(family + ".log");
        List<String> jvmArgs = new ArrayList<>(List.of(FORK_JVM_ARGS));
        jvmArgs.add("-Dmmap4j.bench.dir=" + dataDir);
        String methods = Pattern.quote(benchmark.getName() + ".") + "\\w+";
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(mode.forks)
                .warmupIterations(mode.warmupIterations)
                .warmupTime(TimeValue.milliseconds(mode.warmupMillis))
                .measurementIterations(mode.iterations)
                .measurementTime(TimeValue.milliseconds(mode.iterationMillis))
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .output(text.toString());
        if (include.equals(".*")) {
            options.include("^" + methods + "$");
        } else { // this family's methods that match
            options.include(include).exclude("^(?!" + methods + "$).*");
        }
        params.forEach(options::param);
        Collection<RunResult> results;
        try {
            results = new org.openjdk.jmh.runner.Runner(options.build()).run();
        } finally {
            if (Files.exists(text)) {
                log.append(Files.readString(text, StandardCharsets.UTF_8));
            }
        }
        String body = Files.readString(json, StandardCharsets.UTF_8).strip();
        if (body.length() > 2) {
            jsonParts.add(body.substring(1, body.length() - 1).strip());
        }
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            var p = r.getParams();
            String name = p.getBenchmark();
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : p.getParamsKeys()) {
                values.put(key, p.getParam(key));
            }
            double toNanos = nanosPer(r.getPrimaryResult().getScoreUnit());
            rows.add(new Row(family, name.substring(name.lastIndexOf('.') + 1), false, values,
                    r.getPrimaryResult().getScore() * toNanos, r.getPrimaryResult().getScoreError() * toNanos));
        }
        return rows;
    }

    /** {@return how many nanoseconds one unit of a JMH average-time score is: "us/op" is 1000} */
    static double nanosPer(String unit) {
        return switch (unit) {
            case "ns/op" -> 1;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> throw new IllegalStateException("unexpected score unit " + unit);
        };
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks.report;

import io.mmap4j.benchmarks.CloseStormBenchmark;
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
 * {@code --include REGEX} (benchmark classes or methods to run, as JMH matches them),
 * {@code --data DIR} (where data files go, created if missing; default {@code java.io.tmpdir}) and
 * {@code --help}. A bad argument prints one line to standard error and exits with status 2.
 */
public final class Runner {
    /** Every benchmark family, in report order. */
    static final List<Class<?>> BENCHMARKS = List.of(SeedLoopBenchmark.class, SequentialScanBenchmark.class,
            RandomReadBenchmark.class, NativeCallBenchmark.class, MapUnmapBenchmark.class, FirstTouchBenchmark.class,
            MsyncBenchmark.class, PartialUnmapBenchmark.class, CloseStormBenchmark.class);
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

    /** What the command line asked for. */
    record Arguments(RunMode mode, Path out, String include, Path data) {
    }

    /** A command line that cannot be run; its message is the one line the user sees. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static final String USAGE = """
            usage: Runner [--mode smoke|quick|full] [--out DIR] [--include REGEX] [--data DIR] [--help]
              --mode     how long to measure: smoke (every benchmark once, numbers meaningless),
                         quick (2 forks, short iterations; default) or full
              --out      where jmh.json, RESULTS.md, chart.png and jmh.log go
                         (default benchmarks/results, or results without a benchmarks directory)
              --include  a regular expression over benchmark classes or Class.method names
              --data     where the data files go (created if missing; default java.io.tmpdir)
            """;

    /**
     * Runs the benchmarks as the arguments say. A bad argument prints one line and exits with 2;
     * {@code --help} prints the usage and exits with 0.
     *
     * @param args {@code --mode}, {@code --out}, {@code --include}, {@code --data}, {@code --help}
     * @throws Exception if a benchmark, a C reference or writing the results fails
     */
    public static void main(String[] args) throws Exception {
        Arguments a;
        try {
            a = parse(args);
        } catch (UsageException e) {
            System.err.println("Runner: " + e.getMessage() + " (--help for usage)");
            System.exit(2);
            return;
        }
        if (a == null) {
            System.out.print(USAGE);
            return;
        }
        Outcome o = run(a.mode(), a.out(), a.include(), a.data());
        System.out.println("wrote " + o.json() + ", " + o.markdown() + ", " + o.chart() + " (log: " + o.log() + ")");
    }

    /**
     * {@return the parsed command line, or null when it asks for {@code --help}}
     *
     * @throws UsageException on an unknown option, a missing or bad value, or a {@code --data} or
     *                        {@code --out} that exists and is not a directory
     */
    static Arguments parse(String... args) throws UsageException {
        RunMode mode = RunMode.QUICK;
        Path out = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks", "results") : Path.of("results");
        String include = ".*";
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return null;
            }
            if (!List.of("--mode", "--out", "--include", "--data").contains(option)) {
                throw new UsageException("unknown argument '" + option + "'");
            }
            if (i + 1 == args.length || args[i + 1].isEmpty()) {
                throw new UsageException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--mode" -> mode = mode(value);
                case "--out" -> out = directory(option, value);
                case "--include" -> include = regex(value);
                default -> data = directory(option, value);
            }
        }
        return new Arguments(mode, out, include, data);
    }

    private static RunMode mode(String value) throws UsageException {
        for (RunMode m : RunMode.values()) {
            if (m.name().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new UsageException("--mode must be smoke, quick or full, not '" + value + "'");
    }

    private static String regex(String value) throws UsageException {
        try {
            Pattern.compile(value);
            return value;
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new UsageException("--include is not a regular expression: " + e.getDescription() + " in '" + value + "'");
        }
    }

    private static Path directory(String option, String value) throws UsageException {
        Path p;
        try {
            p = Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException(option + " is not a path: '" + value + "'");
        }
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw new UsageException(option + " is not a directory: " + p);
        }
        return p;
    }

    /**
     * Runs the families whose class or method names match {@code include}, with their C references.
     *
     * @param mode    how long to measure
     * @param out     where results go
     * @param include a regular expression over {@code Class.method} names
     * @param data    where data files go (created if missing), or null for {@code java.io.tmpdir}
     * @return what was written
     */
    static Outcome run(RunMode mode, Path out, String include, Path data)
            throws IOException, InterruptedException, RunnerException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("mmap4j-bench-run");
        Path dataDir = data != null ? Files.createDirectories(data) : Path.of(System.getProperty("java.io.tmpdir"));
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
            org.openjdk.jmh.results.Result<?> score = r.getPrimaryResult();
            for (String label : r.getSecondaryResults().keySet()) { // a @Group: the reader's score is what counts
                if (label.endsWith("Reader")) {
                    score = r.getSecondaryResults().get(label);
                }
            }
            double toNanos = nanosPer(score.getScoreUnit());
            rows.add(new Row(family, name.substring(name.lastIndexOf('.') + 1), false, values,
                    score.getScore() * toNanos, score.getScoreError() * toNanos));
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

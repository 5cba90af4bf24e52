// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks.report;

import java.util.Map;

/**
 * How long a run measures. {@link #SMOKE} runs every benchmark once, briefly, on small sizes, so
 * that none can rot; its numbers mean nothing. {@link #QUICK} and {@link #FULL} use the sizes the
 * benchmarks declare.
 */
public enum RunMode {
    /** One fork, one 100 ms warm-up and one 100 ms measurement, smallest sizes: under a minute. */
    SMOKE(1, 1, 100, 1, 100, Map.of(
            "SeedLoopBenchmark", Map.of("size", new String[]{"1048576"}),
            "SequentialScanBenchmark", Map.of("size", new String[]{"1048576"}),
            "RandomReadBenchmark", Map.of("size", new String[]{"1048576"}),
            "MapUnmapBenchmark", Map.of("size", new String[]{"4096"}),
            "FirstTouchBenchmark", Map.of("size", new String[]{"4194304"}),
            "MsyncBenchmark", Map.of("pages", new String[]{"1"}),
            "PartialUnmapBenchmark", Map.of("pages", new String[]{"64"}))),
    /**
     * Two forks (so that the error covers the variation between JVMs, not only within one), 2 x
     * 500 ms warm-up (time for C2) and 5 x 400 ms measurement each: ten samples per figure, so that
     * Student's factor at 99.9% is 4.8 rather than 6.9 with six. Short iterations still give wide
     * errors; the report says so rather than guess.
     */
    QUICK(2, 2, 500, 5, 400, Map.of()),
    /** Two forks, 3 x 2 s warm-up, 5 x 2 s measurement each: about an hour and a half. */
    FULL(2, 3, 2000, 5, 2000, Map.of());

    final int forks;
    final int warmupIterations;
    final int warmupMillis;
    final int iterations;
    final int iterationMillis;
    /** Parameter values that replace the declared ones, by benchmark class simple name. */
    final Map<String, Map<String, String[]>> params;

    RunMode(int forks, int warmupIterations, int warmupMillis, int iterations, int iterationMillis,
            Map<String, Map<String, String[]>> params) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.iterations = iterations;
        this.iterationMillis = iterationMillis;
        this.params = params;
    }

    /** {@return a one-line description for the report} */
    String describe() {
        return name().toLowerCase(java.util.Locale.ROOT) + ": " + forks + (forks == 1 ? " fork, " : " forks, ")
                + warmupIterations + " × " + seconds(warmupMillis) + " warm-up, " + iterations + " × "
                + seconds(iterationMillis) + " measurement" + (forks > 1 ? " per fork" : "")
                + "; C references: the same warm-up, then " + forks * iterations + (forks * iterations == 1 ? " round" : " rounds")
                + " of " + seconds(iterationMillis);
    }

    private static String seconds(int millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}

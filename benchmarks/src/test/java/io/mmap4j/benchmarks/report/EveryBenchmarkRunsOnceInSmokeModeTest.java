// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks.report;

import io.mmap4j.benchmarks.SeedLoopBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;

import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the whole suite once in smoke mode, so that no benchmark and no C reference can rot. No
 * timing is asserted: smoke numbers mean nothing.
 */
@EnabledOnOs(OS.LINUX)
class EveryBenchmarkRunsOnceInSmokeModeTest {
    @Test
    void everyBenchmarkMethodAndEveryCReferenceReportsANumberWithoutWarnings(@TempDir Path out) throws Exception {
        Runner.Outcome outcome = Runner.run(RunMode.SMOKE, out, ".*", out);

        Set<String> inJson = new TreeSet<>();
        Matcher m = Pattern.compile("\"benchmark\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(outcome.json()));
        while (m.find()) {
            inJson.add(m.group(1));
        }
        assertEquals(allBenchmarkMethods(), inJson, "benchmarks in jmh.json");

        Set<String> families = new TreeSet<>(), familiesWithC = new TreeSet<>();
        for (Row r : outcome.rows()) {
            assertTrue(r.nanos() > 0 && Double.isFinite(r.nanos()), () -> "no time for " + r);
            (r.c() ? familiesWithC : families).add(r.family());
        }
        assertEquals(families, familiesWithC, "families with a C reference");

        String markdown = Files.readString(outcome.markdown());
        assertTrue(markdown.contains("| C: "), "RESULTS.md has C rows");
        assertTrue(markdown.contains("## Targets"), "RESULTS.md checks the targets");
        byte[] png = Files.readAllBytes(outcome.chart());
        assertTrue(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "chart.png is a PNG");

        List<String> warnings = Files.readAllLines(outcome.log()).stream()
                .filter(l -> l.contains("WARNING") || l.contains("warning:")).toList();
        assertTrue(warnings.isEmpty(), () -> "forked JVMs or cc warned:\n" + String.join("\n", warnings));
    }

    /** Every {@code @Benchmark} method of every {@code *Benchmark} class compiled into the benchmarks package. */
    private static Set<String> allBenchmarkMethods() throws URISyntaxException, java.io.IOException, ClassNotFoundException {
        Path classes = Path.of(SeedLoopBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = classes.resolve("io/mmap4j/benchmarks");
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Benchmark.class")).forEach(names::add);
        }
        Set<String> methods = new TreeSet<>();
        for (String n : names) {
            Class<?> c = Class.forName("io.mmap4j.benchmarks." + n.substring(0, n.length() - ".class".length()));
            assertTrue(Runner.BENCHMARKS.contains(c), () -> c.getSimpleName() + " is not in Runner.BENCHMARKS");
            for (Method method : c.getMethods()) {
                if (method.isAnnotationPresent(Benchmark.class)) { // JMH names a @Group's methods after the group
                    Group group = method.getAnnotation(Group.class);
                    methods.add(c.getName() + "." + (group == null ? method.getName() : group.value()));
                }
            }
        }
        assertEquals(Runner.BENCHMARKS.size(), names.size(), "benchmark classes");
        return methods;
    }
}

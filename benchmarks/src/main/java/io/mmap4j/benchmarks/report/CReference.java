// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The C reference of one benchmark family: {@code src/main/c/<family>.c} (carried in the jar under
 * {@code c/}), compiled with {@code cc -O2} and run with the same parameters and time budget.
 */
final class CReference {
    private CReference() {
    }

    /** {@return the C file name, without {@code .c}, of a family: {@code SequentialScan} is {@code sequential_scan}} */
    static String programName(String family) {
        return family.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Compiles and runs one family's C reference; returns its rows. */
    static List<Row> run(String family, Map<String, String[]> params, RunMode mode, Path work, Path dataDir,
                         StringBuilder log) throws IOException, InterruptedException {
        String name = programName(family);
        Path source = extract(work, name + ".c");
        extract(work, "bench.h");
        Path binary = work.resolve(name);
        exec(work, log, "cc", "-O2", "-Wall", "-o", binary.toString(), source.toString(), "-lm");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "dir=" + dataDir,
                "warmup_ms=" + (long) mode.warmupIterations * mode.warmupMillis,
                "round_ms=" + mode.iterationMillis, "rounds=" + mode.forks * mode.iterations));
        params.forEach((k, v) -> command.add(k + "=" + String.join(",", v)));
        String out = exec(work, log, command.toArray(String[]::new));
        List<Row> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.startsWith("case=")) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String token : line.trim().split("\\s+")) {
                int eq = token.indexOf('=');
                fields.put(token.substring(0, eq), token.substring(eq + 1));
            }
            String variant = fields.remove("case");
            double nanos = Double.parseDouble(fields.remove("ns"));
            String e = fields.remove("error");
            double error = e.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(e);
            rows.add(new Row(family, variant, true, fields, nanos, error));
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException(name + " printed no results:\n" + out);
        }
        return rows;
    }

    private static Path extract(Path work, String resource) throws IOException {
        Path target = work.resolve(resource);
        try (InputStream in = CReference.class.getResourceAsStream("/c/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no C reference c/" + resource + " on the class path");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Runs a command, returns its standard output; stderr goes to the log; a non-zero exit throws. */
    private static String exec(Path work, StringBuilder log, String... command) throws IOException, InterruptedException {
        log.append("$ ").append(String.join(" ", command)).append('\n');
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(false).start();
        p.getOutputStream().close();
        Thread errors = Thread.ofVirtual().start(() -> {
            try {
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (log) {
                    log.append(err);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        errors.join();
        synchronized (log) {
            log.append(out);
        }
        if (exit != 0) {
            throw new IllegalStateException(command[0] + " exited with " + exit + "; see the log:\n" + log);
        }
        return out;
    }
}

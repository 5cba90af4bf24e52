package io.mmap4j.windows.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The samples are written once for both platforms: they name only the public package
 * {@code io.mmap4j}, never the platform interface, a backend or the bindings, and they compile
 * against the API module with the Windows backend beside it. (Java bytecode is the same on both
 * systems, so compiling here is compiling for Windows; what differs is only which backend runs.)
 */
class SamplesUseOnlyThePublicApiTest {
    private static final Path SAMPLES = Path.of(System.getProperty("mmap4j.test.samplesSource", "../samples/src/main/java"));
    private static final Pattern MMAP4J_NAME = Pattern.compile("\\bio\\.mmap4j\\.([a-z][\\w.]*\\.)?[A-Za-z_]\\w*");

    @TempDir
    Path out;

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void theSamplesNameNoPackageOfMmap4jButThePublicOne() throws IOException {
        List<Path> sources = sources();
        assertFalse(sources.isEmpty(), "no samples under " + SAMPLES.toAbsolutePath());
        List<String> offending = new ArrayList<>();
        for (Path f : sources) {
            Matcher m = MMAP4J_NAME.matcher(Files.readString(f));
            while (m.find()) {
                String sub = m.group(1);
                // io.mmap4j.Type, or the samples' own package io.mmap4j.samples
                if (sub != null && !sub.equals("samples.")) {
                    offending.add(SAMPLES.relativize(f) + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), offending);
    }

    @Test
    void theSamplesModuleRequiresOnlyTheApiModule() throws IOException {
        String descriptor = Files.readString(SAMPLES.resolve("module-info.java"));
        List<String> requires = Pattern.compile("\\brequires\\s+([\\w.]+)\\s*;").matcher(descriptor).results()
                .map(r -> r.group(1)).toList();
        assertEquals(List.of("io.mmap4j"), requires);
    }

    @Test
    void theSamplesCompileAgainstTheApiWithTheWindowsBackendOnTheModulePath() throws IOException, InterruptedException {
        String modulePath = System.getProperty("jdk.module.path", System.getProperty("java.class.path"));
        assertTrue(modulePath.contains("mmap4j"), modulePath);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "--release", "25", "-Xlint:all", "-Werror", "-d", out.toString(), "--module-path", modulePath));
        sources().forEach(f -> command.add(f.toString()));
        Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(javac.waitFor(120, TimeUnit.SECONDS), "javac did not finish");
        assertEquals(0, javac.exitValue(), log);
        assertTrue(Files.exists(out.resolve("module-info.class")));
    }
}

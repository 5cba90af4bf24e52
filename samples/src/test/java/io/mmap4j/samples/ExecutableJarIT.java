package io.mmap4j.samples;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the packaged jar as ./mmap4j does: java -jar, native access granted by its manifest alone. */
class ExecutableJarIT {
    @Test
    void theExecutableJarRunsTheTourWithNoWarnings() throws Exception {
        Path jar = Path.of("target", "mmap4j-samples.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built by the package phase");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "tour").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out + err);
        assertEquals("", err, "stderr must be empty (no native-access or other warnings)");
        assertTrue(out.contains("== c-workflow"), out);
        assertTrue(out.contains("read back with plain file I/O: " + CWorkflow.TEXT.strip()), out);
    }
}

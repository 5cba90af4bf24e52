// SPDX-License-Identifier: Apache-2.0
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
        for (String sample : new String[]{"c-workflow", "seek-loop", "write-in-place", "records", "copy-on-write",
                "access-modes", "two-processes", "shared-vs-private", "typed-arrays"}) {
            assertTrue(out.contains("== " + sample + ": "), sample + " is missing from the tour:\n" + out);
        }
        // the children of the tour run from the jar itself
        assertTrue(out.contains("(java -jar mmap4j-samples.jar) maps it MAP_SHARED"), out);
        assertTrue(out.contains("(java -Xmx64m -jar mmap4j-samples.jar) maps an array larger than its heap"), out);
        assertTrue(out.contains("  | removed big.dat"), out);
        assertTrue(out.contains("read back with plain file I/O: " + CWorkflow.TEXT.strip()), out);
    }
}

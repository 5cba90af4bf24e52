// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.windows.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The samples are written once for both platforms: of mmap4j they name only the public package
 * {@code io.mmap4j} (besides their own packages), never the platform interface, a backend or the
 * bindings, and their module requires no mmap4j module but {@code io.mmap4j}. Bytecode does not
 * differ between the systems and the Windows backend adds no API, so with this the samples module's
 * own compilation is their compilation for Windows too; which backend runs is decided at run time.
 */
class SamplesUseOnlyThePublicApiTest {
    private static final Path SAMPLES = Path.of(System.getProperty("mmap4j.test.samplesSource", "../samples/src/main/java"));
    /** The package part of a name under io.mmap4j: lower-case segments, up to the first class name. */
    private static final Pattern MMAP4J_PACKAGE = Pattern.compile("\\bio\\.mmap4j(?:\\.[a-z_][a-z0-9_]*)*(?![a-z0-9_])");
    private static final Pattern PACKAGE_DECLARATION = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void theSamplesNameNoPackageOfMmap4jButThePublicOneAndTheirOwn() throws IOException {
        List<Path> sources = sources();
        assertFalse(sources.isEmpty(), "no samples under " + SAMPLES.toAbsolutePath());
        Set<String> allowed = new HashSet<>(Set.of("io.mmap4j"));
        for (Path f : sources) {
            PACKAGE_DECLARATION.matcher(Files.readString(f)).results().forEach(r -> allowed.add(r.group(1)));
        }
        List<String> offending = new ArrayList<>();
        for (Path f : sources) {
            Matcher m = MMAP4J_PACKAGE.matcher(Files.readString(f));
            while (m.find()) {
                if (!allowed.contains(m.group())) {
                    offending.add(SAMPLES.relativize(f) + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), offending);
        assertTrue(allowed.stream().noneMatch(p -> p.startsWith("io.mmap4j.internal") || p.startsWith("io.mmap4j.spi") || p.startsWith("io.mmap4j.windows")
                || p.startsWith("io.mmap4j.bindings")), "the samples declare a package of the library: " + allowed);
    }

    @Test
    void theSamplesModuleRequiresNoMmap4jModuleButTheApi() throws IOException {
        String descriptor = Files.readString(SAMPLES.resolve("module-info.java"));
        List<String> mmap4j = Pattern.compile("\\brequires\\s+(?:transitive\\s+|static\\s+)*([\\w.]+)\\s*;")
                .matcher(descriptor).results().map(r -> r.group(1)).filter(m -> m.startsWith("io.mmap4j")).toList();
        assertEquals(List.of("io.mmap4j"), mmap4j);
    }

    @Test
    void theCheckCatchesAnInternalName() {
        Matcher m = MMAP4J_PACKAGE.matcher("import io.mmap4j.spi.Backend; io.mmap4j.MappedFile x;");
        assertTrue(m.find());
        assertEquals("io.mmap4j.spi", m.group());
        assertTrue(m.find());
        assertEquals("io.mmap4j", m.group());
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.MethodModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The API guard (build-tools/ApiSignature.java, run by the build against api/mmap4j-posix.api) on copies of this
 * module's classes: it passes on them as built, fails on a copy with a public method removed, and names an
 * addition as compatible; the committed baseline is exactly what the tool writes for these classes.
 */
class ApiGuardTest {
    static final String REMOVED = "io.mmap4j.MappedFile method public truncate(J)V throws io.mmap4j.NativeCallException";

    @TempDir
    Path dir;

    Path tool;
    Path baseline;
    Path classes;

    @BeforeEach
    void copyTheApiPackages() throws IOException {
        String main = System.getProperty("mmap4j.test.mainClasses");
        assumeTrue(main != null, "run by Maven, which passes the classes, the tool and the baseline");
        tool = Path.of(System.getProperty("mmap4j.test.apiTool"));
        baseline = Path.of(System.getProperty("mmap4j.test.apiBaseline"));
        classes = dir.resolve("classes");
        for (String pkg : List.of("io/mmap4j", "io/mmap4j/spi")) {
            Path to = Files.createDirectories(classes.resolve(pkg));
            try (Stream<Path> files = Files.list(Path.of(main).resolve(pkg))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }

    @Test
    void theClassesAsBuiltMatchTheCommittedBaseline() throws Exception {
        Result result = guard(baseline, "false");
        assertEquals(0, result.status(), result.err());
    }

    @Test
    void aCopyWithAPublicMethodRemovedFailsAsIncompatibleNamingIt() throws Exception {
        Path mappedFile = classes.resolve("io/mmap4j/MappedFile.class");
        ClassFile classFile = ClassFile.of();
        byte[] broken = classFile.transformClass(classFile.parse(Files.readAllBytes(mappedFile)),
                ClassTransform.dropping(e -> e instanceof MethodModel m && m.methodName().equalsString("truncate")));
        Files.write(mappedFile, broken);

        Result result = guard(baseline, "false");
        assertEquals(1, result.status(), result.err());
        assertTrue(result.err().contains("INCOMPATIBLE change: 1 element(s)"), result.err());
        assertTrue(result.err().contains("  - " + REMOVED + "\n"), result.err());
        assertTrue(result.err().contains("-Dapi.update"), result.err());
    }

    @Test
    void anAdditionFailsUntilRecordedButIsNamedCompatible() throws Exception {
        Path older = dir.resolve("older.api");
        List<String> lines = Files.readAllLines(baseline, StandardCharsets.UTF_8);
        assertTrue(lines.remove(REMOVED), "the baseline lists " + REMOVED);
        Files.write(older, lines, StandardCharsets.UTF_8);

        Result result = guard(older, "false");
        assertEquals(1, result.status(), result.err());
        assertFalse(result.err().contains("INCOMPATIBLE"), result.err());
        assertTrue(result.err().contains("  + " + REMOVED + "\n"), result.err());
    }

    @Test
    void updatingWritesTheCommittedBaselineByteForByte() throws Exception {
        Path written = dir.resolve("written.api");
        Result result = guard(written, "true");
        assertEquals(0, result.status(), result.err());
        assertEquals(Files.readString(baseline), Files.readString(written),
                "api/mmap4j-posix.api is not what the tool writes: regenerate it with -Dapi.update");
    }

    record Result(int status, String err) {
    }

    Result guard(Path against, String update) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(java.toString(), tool.toString(), classes.toString(), against.toString(),
                update, "io.mmap4j", "io.mmap4j.spi")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the API tool did not finish in five minutes");
        return new Result(process.exitValue(), Files.readString(err));
    }
}

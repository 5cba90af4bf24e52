// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's example, line for line, so that it keeps compiling and doing what it says; the Javadoc's start
 * page (module-info.java) shows the same lines.
 */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeExampleRunsAsWritten() throws Exception {
        Path path = dir.resolve("example");
        Mapping first;
        // --- README example starts
        long page = PageSize.get();                                      // sysconf(_SC_PAGESIZE)
        try (MappedFile file = MappedFile.open(path, READ, WRITE, CREATE)) { // O_CLOEXEC, mode 0600
            file.allocate(0, 16 * page);                                  // fallocate: reserve, never emulate
            try (Mapping m = file.map(0, 16 * page, MapOptions.readWrite().with(MapFlag.POPULATE))) {
                m.segment().setString(0, "hello");                        // MAP_SHARED: the file sees it
                m.sync(0, 5, SyncMode.SYNC);                              // msync(MS_SYNC) of one page
                Split split = m.unmap(6 * page, 4 * page);                // munmap of pages 6..9
                Mapping head = split.head().orElseThrow();                // fresh segments over 0..5
                Mapping tail = split.tail().orElseThrow();                // and over 10..15
                tail.segment().set(JAVA_BYTE, 0, (byte) 1);               // m.segment() now throws
                head.close();
                tail.close();
                first = m;
            }
            file.truncate(5);                                             // ftruncate to the bytes written
        }
        // --- README example ends
        assertThrows(IllegalStateException.class, first::segment);
        assertEquals("hello", Files.readString(path));
    }

    @Test
    void theJavadocStartPageShowsTheReadmeExample() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("posix-mmap/src/main/java/module-info.java"))) {
            root = root.getParent();
        }
        assumeTrue(root != null, "the sources are not under the working directory (a run outside the checkout)");
        String readme = Files.readString(root.resolve("README.md"));
        String example = readme.substring(readme.indexOf("## Example\n\n```java\n") + "## Example\n\n```java\n".length());
        example = example.substring(0, example.indexOf("```"));
        String moduleInfo = Files.readString(root.resolve("posix-mmap/src/main/java/module-info.java"));
        String snippet = moduleInfo.substring(moduleInfo.indexOf("{@snippet lang=java :\n") + "{@snippet lang=java :\n".length());
        snippet = snippet.substring(0, snippet.indexOf("\n * }\n *\n") + 1).replaceAll("(?m)^ \\* ?", "");
        assertEquals(example, snippet, "module-info.java's {@snippet} is not the README's example");
    }
}

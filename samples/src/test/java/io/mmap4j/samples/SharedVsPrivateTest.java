// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SharedVsPrivateTest {
    @TempDir
    Path dir;

    @Test
    void sharedWritesReachTheChildAndTheFileWhilePrivateWritesReachNobody() throws Exception {
        var out = new SampleOutput();
        SharedVsPrivate.run(dir, out.stream);

        // columns: shared, private, child (shared), file (read(2))
        assertEquals(List.of("original", "original", "original", "original"), row(out, "start"));
        // Linux: the private page is untouched so far, and still the file's page
        assertEquals(List.of("shared 1", "shared 1", "shared 1", "shared 1"), row(out, "write \"shared 1\" via shared"));
        assertEquals(List.of("shared 1", "private", "shared 1", "shared 1"), row(out, "write \"private\" via private"));
        assertEquals(List.of("shared 2", "private", "shared 2", "shared 2"), row(out, "write \"shared 2\" via shared"));
        assertEquals(List.of("shared 2", "private", "shared 2", "shared 2"), row(out, "msync(MS_SYNC) both"));
        out.line("after munmap, the file holds \"shared 2\"");

        byte[] file = Files.readAllBytes(dir.resolve("one-page.dat"));
        assertEquals(PageSize.get(), file.length);
        assertEquals("shared 2\0", new String(file, 0, 9, StandardCharsets.UTF_8));
    }

    private static List<String> row(SampleOutput out, String step) {
        String cells = out.line("\\Q" + step + "\\E +(\".*)").group(1);
        return Arrays.stream(cells.split("\" +\"")).map(c -> c.replace("\"", "")).toList();
    }
}

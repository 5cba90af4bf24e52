// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwoProcessesTest {
    @TempDir
    Path dir;

    @Test
    void theChildSeesEachWriteOfTheParentBeforeAnyMsync() throws Exception {
        var out = new SampleOutput();
        TwoProcesses.run(dir, out.stream);

        List<String> lines = out.lines();
        assertTrue(lines.get(1).matches("child  pid \\d+ \\(java -cp .*\\) maps it MAP_SHARED, PROT_READ"), lines.get(1));
        assertEquals("before any write, the child sees: \"\"", lines.get(2));
        for (int i = 0; i < TwoProcesses.MESSAGES.size(); i++) {
            String message = TwoProcesses.MESSAGES.get(i);
            assertEquals("parent wrote: \"" + message + "\"", lines.get(3 + 2 * i));
            assertEquals("child sees:   \"" + message + "\"", lines.get(4 + 2 * i));
        }
        String last = TwoProcesses.MESSAGES.getLast();
        assertEquals("msync calls so far: none; plain read(2) of the file also gives \"" + last + "\"", lines.get(9));

        byte[] file = Files.readAllBytes(dir.resolve("shared.dat"));
        assertEquals(PageSize.get(), file.length);
        assertEquals(last + "\0", new String(file, 0, last.length() + 1, StandardCharsets.UTF_8));
    }
}

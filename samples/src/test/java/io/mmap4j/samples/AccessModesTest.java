// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AccessModesTest {
    @TempDir
    Path dir;

    @Test
    void readOnlyRefusesWritesReadWriteReachesTheFileAndCopyDoesNot() throws Exception {
        var out = new SampleOutput();
        AccessModes.run(dir, out.stream);

        String written = "0123456789ABCDEFghijklmnopqrstuvwxyz";
        assertEquals(written, Files.readString(dir.resolve("access.txt")));
        out.line("read-only:  m\\[10:16\\] = \"abcdef\"; segment read-only: true");
        out.line("read-only:  m\\[10\\] = 'X' throws java.lang.(IllegalArgumentException|UnsupportedOperationException): .*");
        out.line("read-write: m\\[10:16\\] = \"ABCDEF\", msync; mapping \"" + written + "\", file \"" + written + "\"");
        out.line("copy:       m\\[0:10\\] = \"----------\"; mapping \"----------ABCDEFghijklmnopqrstuvwxyz\", file \""
                + written + "\"");
        out.line("a file opened O_RDONLY cannot be mapped read-write MAP_SHARED: mmap fails with EACCES .*");
    }
}

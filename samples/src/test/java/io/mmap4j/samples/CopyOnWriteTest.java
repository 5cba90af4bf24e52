// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CopyOnWriteTest {
    @TempDir
    Path dir;

    @Test
    void thePrivateMappingShowsTheChangeWhileTheFileAndASharedMappingKeepTheOriginal() throws Exception {
        var out = new SampleOutput();
        CopyOnWrite.run(dir, out.stream);

        String original = '"' + CopyOnWrite.ORIGINAL + '"';
        assertEquals(CopyOnWrite.ORIGINAL, Files.readString(dir.resolve("cow.dat")));
        out.line("open O_RDONLY, mmap PROT_READ\\|PROT_WRITE, MAP_PRIVATE: writable true, shared false");
        assertEquals("\"The file on disk says: CHANGED!\"", out.line(" +the private mapping holds: (.*)").group(1));
        assertEquals(original, out.line(" +the file \\(read\\(2\\)\\) holds: +(.*)").group(1));
        assertEquals(original, out.line(" +a MAP_SHARED mapping: +(.*)").group(1));
        assertEquals(original, out.line("msync\\(MS_SYNC\\) on the private mapping; the file holds: (.*)").group(1));
        assertEquals(original, out.line("munmap, then a new private mapping holds: (.*)").group(1));
        Matcher crc = out.line("cow.dat crc32c: before (\\p{XDigit}{8}), after (\\p{XDigit}{8})");
        assertEquals(crc.group(1), crc.group(2));
        assertEquals(SampleSupport.crc32c(dir.resolve("cow.dat")), crc.group(2));
    }
}

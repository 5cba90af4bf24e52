// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WriteInPlaceTest {
    @TempDir
    Path dir;

    @Test
    void oneByteChangedThroughTheMappingTurnsMmapIntoNmapInTheFile() throws Exception {
        var out = new SampleOutput();
        WriteInPlace.run(dir, out.stream);

        assertEquals("nmap is a cool feature!\n", Files.readString(dir.resolve("write_test.txt")));
        assertEquals("write_test.txt (24 bytes): mmap is a cool feature!", out.lines().get(0));
        assertEquals("mapping[0]: 'm' -> 'n', through a 24-byte MAP_SHARED mapping", out.lines().get(1));
        assertEquals("write_test.txt (24 bytes), read with plain file I/O: nmap is a cool feature!",
                out.lines().get(3));
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartialUnmapTest {
    @TempDir
    Path dir;

    @Test
    void unmappingPagesSixToNineLeavesTwoWorkingPartsAndAnOldSegmentThatThrows() throws Exception {
        Path file = dir.resolve("p.dat");
        var out = new SampleOutput();
        PartialUnmap.run(file, out.stream);
        List<String> lines = out.lines();

        int before = lines.indexOf("/proc/self/maps before:"), after = lines.indexOf("/proc/self/maps after:");
        List<String> mapsBefore = lines.subList(before + 1, lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("munmap(")).findFirst().orElseThrow()));
        assertEquals(1, mapsBefore.stream().filter(l -> l.endsWith(file + "  (pages 0-15)")).count(), out.toString());
        List<String> mapsAfter = lines.subList(after + 1, lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("head:")).findFirst().orElseThrow()));
        assertTrue(mapsAfter.stream().anyMatch(l -> l.contains(file + "  (pages 0-5)")), out.toString());
        assertTrue(mapsAfter.stream().anyMatch(l -> l.contains(file + "  (pages 10-15)")), out.toString());
        assertTrue(mapsAfter.stream().noneMatch(l -> l.contains(file.toString()) && l.contains("(pages 6")), out.toString());

        out.line("head: pages 0-5 at 0x[0-9a-f]+, first int of page 5 = 5");
        out.line("tail: pages 10-15 at 0x[0-9a-f]+, first int of page 10 = 10");
        out.line("old segment at byte \\d+ \\(page 7\\): java.lang.IllegalStateException: .*");
        out.line("old segment at byte 0 \\(page 0\\): java.lang.IllegalStateException: .*");
        out.line("the file afterwards: page 7 starts with 7, page 10 with 1010");
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppendOnlyLogTest {
    /** The size of a {@code MappedLog}'s header, which its Javadoc documents. */
    private static final long HEADER = 64;

    @TempDir
    Path dir;

    @Test
    void theLogGrowsPageByPageWhileAChildFollowsItAndClosesAtItsExactSize() throws Exception {
        long page = PageSize.get();
        int entryLength = AppendOnlyLog.entry(1).length;
        int entries = Math.toIntExact(3 * page / entryLength + 10); // spans four pages
        var out = new SampleOutput();
        AppendOnlyLog.run(dir, entries, out.stream);

        long growths = out.lines().stream().filter(l -> l.matches("entry \\d+: the log grew from .*")).count();
        assertTrue(growths >= 2, out.toString());
        long data = (long) entries * entryLength;
        Matcher before = out.line("after " + entries + " entries, before any msync, child sees: (\\d+) entries, "
                + "last \"(.*)\", committed " + data + " bytes, file (\\d+) bytes");
        assertEquals(entries, Integer.parseInt(before.group(1)), "the child saw every entry before any sync");
        assertEquals(new String(AppendOnlyLog.entry(entries)).strip(), before.group(2));
        assertEquals(0, Long.parseLong(before.group(3)) % page, "while open, the file is whole pages");

        long exact = HEADER + data;
        out.line("closed: ftruncate to the 64-byte header and " + data + " bytes of entries; the file is " + exact
                + " bytes");
        Matcher after = out.line("child sees: (\\d+) entries, last .*, committed " + data + " bytes, file " + exact
                + " bytes");
        assertEquals(entries, Integer.parseInt(after.group(1)));
        assertEquals(exact, Files.size(dir.resolve("append.log")));
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RecordsTest {
    @TempDir
    Path dir;

    @Test
    void theFileEndsUpHoldingEveryRecordWithItsValueDoubledAndNothingMore() throws Exception {
        int count = 500;
        var out = new SampleOutput();
        Records.run(dir, count, out.stream);

        // parse the file as the article's struct.unpack('I') / 'd' would, and regenerate what was written
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("smiles_properties.dat")))
                .order(ByteOrder.nativeOrder());
        var random = new SplittableRandom(Records.SEED);
        double sumBefore = 0, sumAfter = 0;
        for (int i = 0; i < count; i++) {
            String smiles = Records.smilesLike(random);
            double value = Records.u0Like(random);
            byte[] bytes = new byte[file.getInt()];
            file.get(bytes);
            assertEquals(smiles, new String(bytes, StandardCharsets.UTF_8), "record " + i);
            assertEquals(2 * value, file.getDouble(), "record " + i);
            sumBefore += value;
            sumAfter += 2 * value;
        }
        assertFalse(file.hasRemaining(), "the file was truncated to exactly the records");
        long used = file.capacity();

        assertEquals(PageSize.alignUp((long) count * Records.MAX_RECORD_BYTES),
                Long.parseLong(out.line("allocated: (\\d+) bytes .*").group(1)));
        assertEquals("wrote %d records, %d bytes, sum of values %.6f; msync(MS_SYNC)".formatted(count, used, sumBefore),
                out.line("wrote .*").group());
        Matcher sums = out.line("sum of values: before (\\S+), after (\\S+) \\(after / before = (\\S+)\\)");
        assertEquals("%.6f".formatted(sumBefore), sums.group(1));
        assertEquals("%.6f".formatted(sumAfter), sums.group(2));
        assertEquals("2.0", sums.group(3));
        out.line("ftruncate\\(fd, " + used + "\\): the file shrinks from \\d+ to " + used + " bytes");
        assertEquals("read with plain file I/O: %d records, %d bytes, sum of values %.6f".formatted(count, used, sumAfter),
                out.line("read with plain file I/O: .*").group());
    }
}

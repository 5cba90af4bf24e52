// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SeekLoopTest {
    @TempDir
    Path dir;

    @Test
    void bothLoopsReadTheSameBytesAtTheArticlesPositionsAndPrintEqualChecksums() throws Exception {
        long limit = 256 * 1024;
        var out = new SampleOutput();
        SeekLoop.run(dir, limit, out.stream);

        byte[] bytes = Files.readAllBytes(dir.resolve("test.out"));
        byte[] expected = new byte[Math.toIntExact(limit + PageSize.get())];
        new SplittableRandom(SeekLoop.SEED).nextBytes(expected);
        assertArrayEquals(expected, bytes);

        // step k reads at 48k + 64 and at 48k + 40, and ends at 48(k + 1); the loop stops past the limit
        MemorySegment file = MemorySegment.ofArray(bytes);
        long steps = limit / 48 + 1, checksum = 0;
        for (long k = 0; k < steps; k++) {
            checksum = 31 * checksum + file.get(ValueLayout.JAVA_LONG_UNALIGNED, 48 * k + 64);
            checksum = 31 * checksum + file.get(ValueLayout.JAVA_LONG_UNALIGNED, 48 * k + 40);
        }
        Matcher plain = out.line("RandomAccessFile: (\\d+) reads, checksum (\\p{XDigit}{16}), [\\d.]+ ms .*");
        Matcher mapped = out.line("mapping: +(\\d+) reads, checksum (\\p{XDigit}{16}), [\\d.]+ ms .*");
        assertEquals(2 * steps, Long.parseLong(plain.group(1)));
        assertEquals(2 * steps, Long.parseLong(mapped.group(1)));
        assertEquals("%016x".formatted(checksum), plain.group(2));
        assertEquals("%016x".formatted(checksum), mapped.group(2));
        out.line("checksums equal: .*");
    }
}

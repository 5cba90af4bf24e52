// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import org.jtransforms.fft.FloatFFT_2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;

import static io.mmap4j.samples.TypedArrays.BLOCK;
import static io.mmap4j.samples.TypedArrays.BLOCK_COLUMN;
import static io.mmap4j.samples.TypedArrays.BLOCK_ROW;
import static io.mmap4j.samples.TypedArrays.COLUMNS;
import static io.mmap4j.samples.TypedArrays.ROWS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypedArraysTest {
    @TempDir
    Path dir;

    @Test
    void theVectorHoldsItsIndicesAndReadsBackWithTheirSum() throws Exception {
        var out = new SampleOutput();
        TypedArrays.vector(dir, TypedArrays.VECTOR_LENGTH, out.stream);

        Path file = dir.resolve("large_array.dat");
        DoubleBuffer values = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        assertEquals(TypedArrays.VECTOR_LENGTH, values.capacity());
        for (int i = 0; i < values.capacity(); i++) {
            assertEquals(i, values.get(i));
        }
        out.line("float64\\[1000000\\] in large_array.dat \\(8000000 bytes\\): initialised in 10 chunks of 100000, msync");
        out.line("mapped again read-only: a\\[123456\\] = 123456.0(, a\\[(\\d+)\\] = \\2.0){3}");
        Matcher sum = out.line("sum of all elements: 499999500000.0 \\(n\\(n-1\\)/2 = 499999500000\\), "
                + "crc32c of the file (\\p{XDigit}{8})");
        assertEquals(SampleSupport.crc32c(file), sum.group(1));
    }

    @Test
    void theMatrixBlockHoldsTheRealPartOfItsSpectrumAndNothingElseChanges() throws Exception {
        var out = new SampleOutput();
        TypedArrays.matrix(dir, out.stream);

        FloatBuffer file = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("matrix.dat")))
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        assertEquals(ROWS * COLUMNS, file.capacity());
        float[][] spectrum = new float[BLOCK][2 * BLOCK];
        double blockSum = 0;
        for (int r = 0; r < BLOCK; r++) {
            for (int c = 0; c < BLOCK; c++) {
                spectrum[r][c] = TypedArrays.matrixValue(BLOCK_ROW + r, BLOCK_COLUMN + c);
                blockSum += spectrum[r][c];
            }
        }
        new FloatFFT_2D(BLOCK, BLOCK).realForwardFull(spectrum);
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                boolean inBlock = r >= BLOCK_ROW && r < BLOCK_ROW + BLOCK && c >= BLOCK_COLUMN && c < BLOCK_COLUMN + BLOCK;
                float expected = inBlock ? spectrum[r - BLOCK_ROW][2 * (c - BLOCK_COLUMN)] : TypedArrays.matrixValue(r, c);
                assertEquals(expected, file.get(r * COLUMNS + c), inBlock ? 1e-3 : 0, "[" + r + "][" + c + "]");
            }
        }
        Matcher dc = out.line("fft2 of the block: DC term (\\S+), sum of the block (\\S+)");
        assertEquals("%.4f".formatted(blockSum), dc.group(2));
        assertEquals(dc.group(2), dc.group(1));
        double error = Double.parseDouble(out.line("inverse fft2 gives the block back: max \\|error\\| (\\S+) .*").group(1));
        assertTrue(error < TypedArrays.ROUND_TRIP_TOLERANCE, "round trip error " + error);
        out.line("real part written back, msync of rows 128..255 only; matrix\\[128\\]\\[128\\] = \\Q" + dc.group(1)
                + "\\E \\(the DC term\\)");
        Matcher crc = out.line("crc32c of everything outside the block: before (\\p{XDigit}{8}), after (\\p{XDigit}{8})");
        assertEquals(crc.group(1), crc.group(2));
    }

    @Test
    void anArrayFourTimesTheHeapOfAChildJvmIsSetCheckedAndRemoved() throws Exception {
        var out = new SampleOutput();
        TypedArrays.bigInChild(dir, TypedArrays.CHILD_BIG_BYTES, out.stream);

        long length = TypedArrays.CHILD_BIG_BYTES / Double.BYTES;
        out.line("child pid \\d+ \\(java -Xmx64m -cp .*\\) maps an array larger than its heap:");
        Matcher size = out.line("  \\| float64\\[" + length + "\\] in .*big.dat: 256.0 MiB, (\\S+) times this JVM's "
                + "maximum heap \\((\\S+) MiB\\)");
        assertTrue(Double.parseDouble(size.group(1)) >= 4.0, size.group());
        assertTrue(Double.parseDouble(size.group(2)) <= 64.0, size.group());
        out.line("  \\|   initialised 256.0 MiB of 256.0 MiB \\(100%\\)");
        out.line("  \\|   checked 256.0 MiB of 256.0 MiB \\(100%\\)");
        out.line("  \\| checked " + length + " elements: 0 differ from their index; sum " + length * (length - 1) / 2
                + " \\(n\\(n-1\\)/2 = " + length * (length - 1) / 2 + "\\)");
        out.line("  \\| removed big.dat");
        assertFalse(Files.exists(dir.resolve("big.dat")));
    }
}

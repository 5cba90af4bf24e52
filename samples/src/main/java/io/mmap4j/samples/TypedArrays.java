// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.NativeCallException;
import io.mmap4j.SyncMode;
import io.mmap4j.samples.SampleSupport.Child;
import org.jtransforms.fft.FloatFFT_2D;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

import static io.mmap4j.samples.SampleSupport.mib;

/**
 * {@code numpy.memmap} in Java ("Memory-Efficient Arrays with numpy.memmap"): typed arrays whose
 * elements live in a mapped file, in native byte order and row-major order as NumPy writes them.
 *
 * <ul>
 *   <li>A vector of one million {@code float64}, initialised in chunks of 100,000 (the article's
 *       {@code linspace}, so element {@code i} holds {@code i}), synced, then mapped again
 *       read-only for random access.</li>
 *   <li>A 512 x 512 {@code float32} matrix: a 128 x 128 block is copied to the heap, transformed by
 *       a 2-D FFT (JTransforms), and its real part written back, as {@code np.fft.fft2} on a
 *       {@code .copy()} of a slice does; the inverse FFT must give the block back within 1e-4.</li>
 *   <li>A {@code float64} array larger than the JVM's heap, initialised and checked in chunks with
 *       progress shown; the tour runs it in a child JVM with {@code -Xmx64m}. Its file is
 *       {@code fallocate}d (or, where that is not supported, created sparse with
 *       {@code ftruncate}) and removed afterwards.</li>
 * </ul>
 */
final class TypedArrays {
    private TypedArrays() {
    }

    static final int VECTOR_LENGTH = 1_000_000;
    static final int CHUNK = 100_000;
    static final int ROWS = 512;
    static final int COLUMNS = 512;
    static final int BLOCK = 128;
    static final int BLOCK_ROW = 128;
    static final int BLOCK_COLUMN = 128;
    static final double ROUND_TRIP_TOLERANCE = 1e-4;
    static final long DEFAULT_BIG_BYTES = 8L << 30;
    static final long CHILD_BIG_BYTES = 256L << 20;
    static final String CHILD_MAX_HEAP = "-Xmx64m";

    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT;

    /** The vector, the matrix, and an array four times the heap of a child JVM. */
    static void run(Path dir, PrintStream out) throws IOException {
        vector(dir, VECTOR_LENGTH, out);
        matrix(dir, out);
        bigInChild(dir, CHILD_BIG_BYTES, out);
    }

    static void vector(Path dir, int length, PrintStream out) throws IOException {
        Path path = dir.resolve("large_array.dat");
        long bytes = (long) length * Double.BYTES;
        try (MappedFile file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            file.truncate(bytes); // np.memmap(mode='w+'): a file of the array's size
            try (Mapping m = file.map(MapOptions.readWrite())) {
                double[] chunk = new double[CHUNK];
                int chunks = 0;
                for (int i = 0; i < length; i += CHUNK, chunks++) {
                    int n = Math.min(CHUNK, length - i);
                    for (int k = 0; k < n; k++) {
                        chunk[k] = i + k; // np.linspace(i, i + CHUNK - 1, CHUNK)
                    }
                    MemorySegment.copy(chunk, 0, m.segment(), F64, (long) i * Double.BYTES, n);
                }
                m.sync(SyncMode.SYNC);
                out.printf("float64[%d] in large_array.dat (%d bytes): initialised in %d chunks of %d, msync%n",
                        length, bytes, chunks, CHUNK);
            }
        }
        try (MappedFile file = MappedFile.open(path); Mapping m = file.map(MapOptions.readOnly())) {
            MemorySegment a = m.segment();
            var random = new SplittableRandom(1);
            out.printf("mapped again read-only: a[123456] = %s", a.getAtIndex(F64, Math.min(123_456, length - 1)));
            for (int i = 0; i < 3; i++) {
                long index = random.nextLong(length);
                out.printf(", a[%d] = %s", index, a.getAtIndex(F64, index));
            }
            out.println();
            double sum = 0;
            for (long i = 0; i < length; i++) {
                sum += a.getAtIndex(F64, i);
            }
            out.printf("sum of all elements: %.1f (n(n-1)/2 = %d), crc32c of the file %s%n",
                    sum, (long) length * (length - 1) / 2, SampleSupport.crc32c(a));
        }
    }

    /** The matrix's initial value at a row and column: smooth waves, deterministic. */
    static float matrixValue(int row, int column) {
        return (float) (Math.sin(row / 16.0) * Math.cos(column / 8.0) + 0.25 * Math.sin((row + 2 * column) / 5.0));
    }

    static void matrix(Path dir, PrintStream out) throws IOException {
        Path path = dir.resolve("matrix.dat");
        long rowBytes = (long) COLUMNS * Float.BYTES;
        try (MappedFile file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            file.truncate(ROWS * rowBytes);
            try (Mapping m = file.map(MapOptions.readWrite())) {
                MemorySegment a = m.segment();
                for (int r = 0; r < ROWS; r++) {
                    for (int c = 0; c < COLUMNS; c++) {
                        a.setAtIndex(F32, (long) r * COLUMNS + c, matrixValue(r, c));
                    }
                }
                m.sync(SyncMode.SYNC);
                String outsideBefore = crc32cOutsideBlock(a);
                out.printf("float32[%d][%d] in matrix.dat (%d bytes), row-major; block [%d:%d, %d:%d] to the heap%n",
                        ROWS, COLUMNS, ROWS * rowBytes, BLOCK_ROW, BLOCK_ROW + BLOCK, BLOCK_COLUMN,
                        BLOCK_COLUMN + BLOCK);

                // temp = buffer[128:256, 128:256].copy(), as interleaved complex rows for JTransforms
                float[][] original = new float[BLOCK][BLOCK];
                float[][] spectrum = new float[BLOCK][2 * BLOCK];
                double blockSum = 0;
                for (int r = 0; r < BLOCK; r++) {
                    MemorySegment.copy(a, F32, offset(BLOCK_ROW + r, BLOCK_COLUMN), original[r], 0, BLOCK);
                    System.arraycopy(original[r], 0, spectrum[r], 0, BLOCK);
                    for (float v : original[r]) {
                        blockSum += v;
                    }
                }
                var fft = new FloatFFT_2D(BLOCK, BLOCK);
                fft.realForwardFull(spectrum); // temp = np.fft.fft2(temp)

                float[][] back = new float[BLOCK][];
                for (int r = 0; r < BLOCK; r++) {
                    back[r] = spectrum[r].clone();
                }
                fft.complexInverse(back, true);
                double worst = 0;
                for (int r = 0; r < BLOCK; r++) {
                    for (int c = 0; c < BLOCK; c++) {
                        worst = Math.max(worst, Math.abs(back[r][2 * c] - original[r][c]));
                        worst = Math.max(worst, Math.abs(back[r][2 * c + 1]));
                    }
                }
                out.printf("fft2 of the block: DC term %.4f, sum of the block %.4f%n", spectrum[0][0], blockSum);
                out.printf("inverse fft2 gives the block back: max |error| %.2e (tolerance %.0e)%n",
                        worst, ROUND_TRIP_TOLERANCE);
                if (worst > ROUND_TRIP_TOLERANCE) {
                    throw new IllegalStateException("the inverse FFT is off by " + worst);
                }

                // buffer[128:256, 128:256] = temp.real; buffer.flush(), for the block's rows only
                float[] real = new float[BLOCK];
                for (int r = 0; r < BLOCK; r++) {
                    for (int c = 0; c < BLOCK; c++) {
                        real[c] = spectrum[r][2 * c];
                    }
                    MemorySegment.copy(real, 0, a, F32, offset(BLOCK_ROW + r, BLOCK_COLUMN), BLOCK);
                }
                m.sync(offset(BLOCK_ROW, 0), BLOCK * rowBytes, SyncMode.SYNC);
                out.printf("real part written back, msync of rows %d..%d only; matrix[%d][%d] = %.4f (the DC term)%n",
                        BLOCK_ROW, BLOCK_ROW + BLOCK - 1, BLOCK_ROW, BLOCK_COLUMN,
                        a.getAtIndex(F32, (long) BLOCK_ROW * COLUMNS + BLOCK_COLUMN));
                out.printf("crc32c of everything outside the block: before %s, after %s%n",
                        outsideBefore, crc32cOutsideBlock(a));
            }
        }
    }

    private static long offset(int row, int column) {
        return ((long) row * COLUMNS + column) * Float.BYTES;
    }

    static String crc32cOutsideBlock(MemorySegment matrix) {
        var crc = new CRC32C();
        for (int r = 0; r < ROWS; r++) {
            if (r < BLOCK_ROW || r >= BLOCK_ROW + BLOCK) {
                crc.update(matrix.asSlice(offset(r, 0), offset(1, 0)).asByteBuffer());
            } else {
                crc.update(matrix.asSlice(offset(r, 0), offset(0, BLOCK_COLUMN)).asByteBuffer());
                crc.update(matrix.asSlice(offset(r, BLOCK_COLUMN + BLOCK), offset(0, COLUMNS - BLOCK_COLUMN - BLOCK))
                        .asByteBuffer());
            }
        }
        return "%08x".formatted(crc.getValue());
    }

    /**
     * A {@code float64} array of {@code bytes} bytes, in this JVM: element {@code i} is set to
     * {@code i} and checked, one chunk at a time, straight in the mapping; nothing goes through the heap.
     */
    static void big(Path dir, long bytes, PrintStream out) throws IOException {
        long length = bytes / Double.BYTES;
        long size = length * Double.BYTES;
        Path path = dir.resolve("big.dat");
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free < size) {
            throw new IllegalArgumentException("big array: " + mib(size) + " does not fit in the " + mib(free)
                    + " free in " + dir + "; give a smaller size or another directory");
        }
        long heap = Runtime.getRuntime().maxMemory();
        out.printf("float64[%d] in %s: %s, %.1f times this JVM's maximum heap (%s)%n",
                length, path, mib(size), (double) size / heap, mib(heap));
        long chunk = Math.max(1, length / 8);
        try {
            try (MappedFile file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
                try {
                    file.allocate(0, size);
                    out.printf("fallocate: %s reserved, so a full disk fails now, not halfway%n", mib(size));
                } catch (NativeCallException e) {
                    if (!e.errorName().equals("EOPNOTSUPP")) {
                        throw e;
                    }
                    file.truncate(size);
                    out.printf("fallocate is not supported here: ftruncate made a sparse file of %s%n", mib(size));
                }
                try (Mapping m = file.map(MapOptions.readWrite())) {
                    MemorySegment a = m.segment();
                    long start = System.nanoTime();
                    for (long from = 0; from < length; from += chunk) {
                        long to = Math.min(length, from + chunk);
                        for (long i = from; i < to; i++) {
                            a.setAtIndex(F64, i, i);
                        }
                        out.printf("  initialised %s of %s (%d%%)%n", mib(to * Double.BYTES), mib(size), 100 * to / length);
                    }
                    m.sync(SyncMode.SYNC);
                    out.printf("initialised and msync'd in %.1f s%n", (System.nanoTime() - start) / 1e9);
                    long wrong = 0, sum = 0;
                    for (long from = 0; from < length; from += chunk) {
                        long to = Math.min(length, from + chunk);
                        for (long i = from; i < to; i++) {
                            double v = a.getAtIndex(F64, i);
                            wrong += v == i ? 0 : 1;
                            sum += (long) v;
                        }
                        out.printf("  checked %s of %s (%d%%)%n", mib(to * Double.BYTES), mib(size), 100 * to / length);
                    }
                    out.printf("checked %d elements: %d differ from their index; sum %d (n(n-1)/2 = %d)%n",
                            length, wrong, sum, length * (length - 1) / 2);
                    if (wrong != 0) {
                        throw new IllegalStateException(wrong + " elements of the big array are wrong");
                    }
                }
            }
            Runtime rt = Runtime.getRuntime();
            out.printf("heap in use at the end: %s of at most %s%n", mib(rt.totalMemory() - rt.freeMemory()), mib(heap));
        } finally {
            Files.deleteIfExists(path);
        }
        out.printf("removed %s%n", path.getFileName());
    }

    /** {@link #big} in a child JVM with a 64 MiB heap, its output relayed line by line. */
    static void bigInChild(Path dir, long bytes, PrintStream out) throws IOException {
        try (Child child = Child.start(List.of(CHILD_MAX_HEAP), "typed-arrays", "--big", Long.toString(bytes),
                dir.toString())) {
            out.printf("child pid %d (%s) maps an array larger than its heap:%n", child.pid(), child.launch());
            for (String line = child.nextLine(); line != null; line = child.nextLine()) {
                out.println("  | " + line);
            }
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.PageSize;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The seek loop of "Memory-Mapped (mmap) File Support in Python": over a file of more than
 * 10 MiB, from the current position seek +64 and read 8 bytes, seek -32 and read 8 bytes, until
 * the position is past 10 MiB. Once with {@link RandomAccessFile} ({@code lseek} and {@code read}
 * for every step), once on a read-only mapping (plain memory loads). Both print a checksum of the
 * values read, which must be equal, and a time, which is one cold run and only informational: the
 * benchmarks module measures properly.
 */
final class SeekLoop {
    private SeekLoop() {
    }

    /** How far the article's loop goes: 10 MiB. */
    static final long ARTICLE_LIMIT = 10L * 1024 * 1024;
    static final int FORWARD = 64;
    static final int BACK = -32;
    static final int READ = 8;
    static final long SEED = 42;

    private static final VarHandle LONG_IN_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    static void run(Path dir, long limit, PrintStream out) throws IOException {
        Path file = dir.resolve("test.out");
        long size = limit + PageSize.get(); // the loop reads up to FORWARD + READ bytes past the limit
        writeRandomFile(file, size);
        out.printf("test.out: %d bytes of seeded random data (seed %d); loop until the position is past %d%n",
                size, SEED, limit);

        long start = System.nanoTime();
        Result plain = withRandomAccessFile(file, limit);
        long plainNanos = System.nanoTime() - start;
        out.printf("RandomAccessFile: %d reads, checksum %016x, %.1f ms (lseek + read per step)%n",
                plain.reads(), plain.checksum(), plainNanos / 1e6);

        start = System.nanoTime();
        Result mapped;
        try (MappedFile f = MappedFile.open(file); Mapping m = f.map(MapOptions.readOnly())) {
            mapped = onSegment(m.segment(), limit);
        }
        long mappedNanos = System.nanoTime() - start;
        out.printf("mapping:          %d reads, checksum %016x, %.1f ms (mmap once, then memory loads)%n",
                mapped.reads(), mapped.checksum(), mappedNanos / 1e6);

        if (!plain.equals(mapped)) {
            throw new IllegalStateException("the two loops read different bytes: " + plain + " vs " + mapped);
        }
        out.println("checksums equal: both loops read the same bytes; times are one cold run each, not a benchmark");
    }

    /** The number of 8-byte reads and a checksum of the values read. */
    record Result(long reads, long checksum) {
    }

    static void writeRandomFile(Path file, long size) throws IOException {
        byte[] bytes = new byte[Math.toIntExact(size)];
        new SplittableRandom(SEED).nextBytes(bytes);
        Files.write(file, bytes);
    }

    static Result withRandomAccessFile(Path file, long limit) throws IOException {
        byte[] buffer = new byte[READ];
        long checksum = 0, reads = 0, position = 0;
        try (var raf = new RandomAccessFile(file.toFile(), "r")) {
            while (true) {
                position += FORWARD;
                raf.seek(position);
                raf.readFully(buffer);
                position += READ;
                checksum = mix(checksum, (long) LONG_IN_BYTES.get(buffer, 0));
                position += BACK;
                raf.seek(position);
                raf.readFully(buffer);
                position += READ;
                checksum = mix(checksum, (long) LONG_IN_BYTES.get(buffer, 0));
                reads += 2;
                if (position > limit) {
                    return new Result(reads, checksum);
                }
            }
        }
    }

    static Result onSegment(MemorySegment file, long limit) {
        long checksum = 0, reads = 0, position = 0;
        while (true) {
            position += FORWARD;
            checksum = mix(checksum, file.get(LONG, position));
            position += READ;
            position += BACK;
            checksum = mix(checksum, file.get(LONG, position));
            position += READ;
            reads += 2;
            if (position > limit) {
                return new Result(reads, checksum);
            }
        }
    }

    private static long mix(long checksum, long value) {
        return 31 * checksum + value;
    }
}

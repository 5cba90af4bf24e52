// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.PageSize;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Random reads: 8-byte reads at random 8-byte-aligned positions of a warm, already mapped file.
 * The positions come from the same xorshift generator as in the C reference; the reads do not
 * depend on each other. Scores are per read.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class RandomReadBenchmark {
    /** Reads per operation. */
    static final int READS = 1024;
    /** The size of each {@link MappedByteBuffer}: 1 GiB. */
    private static final int CHUNK_SHIFT = 30;

    /** The file size in bytes, a power of two: 2 GiB. */
    @Param("2147483648")
    public long size;

    private Path dir;
    private FileChannel channel;
    private ByteBuffer eight;
    private MappedByteBuffer[] buffers;
    private Arena arena;
    private MemorySegment channelSegment;
    private MappedFile mappedFile;
    private Mapping mapping;
    private long state = 0x2545F4914F6CDD1DL;
    private long mask;
    /** Keeps the warming reads from being optimised away. */
    long warmSum;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (Long.bitCount(size) != 1 || size < 4096) {
            throw new IllegalArgumentException("size must be a power of two of at least 4096: " + size);
        }
        mask = (size - 1) & ~7L;
        dir = BenchFiles.tempDir();
        Path file = BenchFiles.writeWarm(dir, "random", size);
        channel = FileChannel.open(file, StandardOpenOption.READ);
        eight = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        int chunks = (int) Math.max(1, size >>> CHUNK_SHIFT);
        buffers = new MappedByteBuffer[chunks];
        for (int i = 0; i < chunks; i++) {
            buffers[i] = channel.map(FileChannel.MapMode.READ_ONLY, (long) i << CHUNK_SHIFT,
                    Math.min(1L << CHUNK_SHIFT, size));
            buffers[i].order(ByteOrder.nativeOrder());
        }
        arena = Arena.ofShared();
        channelSegment = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
        mappedFile = MappedFile.open(file);
        mapping = mappedFile.map(0, size, MapOptions.readOnly());
        // warm the page tables too: one read per page through every mapping
        long sum = 0;
        for (long p = 0; p < size; p += PageSize.get()) {
            sum += channelSegment.get(ValueLayout.JAVA_BYTE, p) + mapping.segment().get(ValueLayout.JAVA_BYTE, p)
                    + buffers[(int) (p >>> CHUNK_SHIFT)].get((int) (p & ((1L << CHUNK_SHIFT) - 1)));
        }
        warmSum = sum;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        mapping.close();
        mappedFile.close();
        arena.close();
        buffers = null;
        channel.close();
        BenchFiles.delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(READS)
    public long mmap4j() {
        return reads(mapping.segment());
    }

    @Benchmark
    @OperationsPerInvocation(READS)
    public long fileChannelMapSegment() {
        return reads(channelSegment);
    }

    private long reads(MemorySegment s) {
        long x = state, m = mask, sum = 0;
        for (int i = 0; i < READS; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            sum += s.get(ValueLayout.JAVA_LONG, x & m);
        }
        state = x;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(READS)
    public long mappedByteBuffer() {
        MappedByteBuffer[] b = buffers;
        long x = state, m = mask, sum = 0;
        int low = (1 << CHUNK_SHIFT) - 1;
        for (int i = 0; i < READS; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            long p = x & m;
            sum += b[(int) (p >>> CHUNK_SHIFT)].getLong((int) p & low);
        }
        state = x;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(READS)
    public long fileChannelPositional() throws IOException {
        FileChannel ch = channel;
        ByteBuffer b = eight;
        long x = state, m = mask, sum = 0;
        for (int i = 0; i < READS; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            ch.read(b.clear(), x & m);
            sum += b.getLong(0);
        }
        state = x;
        return sum;
    }
}

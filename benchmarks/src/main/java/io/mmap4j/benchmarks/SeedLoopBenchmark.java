// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.RandomAccessFile;
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
 * The seed workload: walk a warm file with "seek +64, read 8 bytes, seek -32, read 8 bytes"
 * (a net step of 48 bytes) from start to end. One operation is one walk over the whole file.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SeedLoopBenchmark {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    /** The file size in bytes. */
    @Param("10485760")
    public long size;

    private Path dir;
    private RandomAccessFile randomAccessFile;
    private FileChannel channel;
    private ByteBuffer eight;
    private MappedByteBuffer buffer;
    private Arena arena;
    private MemorySegment channelSegment;
    private MappedFile mappedFile;
    private Mapping mapping;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = BenchFiles.tempDir();
        Path file = BenchFiles.writeWarm(dir, "seed", size);
        randomAccessFile = new RandomAccessFile(file.toFile(), "r");
        channel = FileChannel.open(file, StandardOpenOption.READ);
        eight = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        buffer.order(ByteOrder.nativeOrder());
        arena = Arena.ofShared();
        channelSegment = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
        mappedFile = MappedFile.open(file);
        mapping = mappedFile.map(0, size, MapOptions.readOnly());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        mapping.close();
        mappedFile.close();
        arena.close();
        channel.close();
        randomAccessFile.close();
        BenchFiles.delete(dir);
    }

    @Benchmark
    public long randomAccessFile() throws IOException {
        RandomAccessFile f = randomAccessFile;
        long sum = 0;
        for (long p = 0; p + 72 <= size; p += 48) { // seek +64, read 8, seek -32, read 8: net +48
            f.seek(p + 64);
            sum += f.readLong();
            f.seek(p + 40);
            sum += f.readLong();
        }
        return sum;
    }

    @Benchmark
    public long fileChannelPositional() throws IOException {
        FileChannel ch = channel;
        ByteBuffer b = eight;
        long sum = 0;
        for (long p = 0; p + 72 <= size; p += 48) {
            ch.read(b.clear(), p + 64);
            sum += b.getLong(0);
            ch.read(b.clear(), p + 40);
            sum += b.getLong(0);
        }
        return sum;
    }

    @Benchmark
    public long mappedByteBuffer() {
        MappedByteBuffer b = buffer;
        long sum = 0;
        for (int p = 0; p + 72 <= size; p += 48) {
            sum += b.getLong(p + 64);
            sum += b.getLong(p + 40);
        }
        return sum;
    }

    @Benchmark
    public long fileChannelMapSegment() {
        return walk(channelSegment, size);
    }

    @Benchmark
    public long mmap4j() {
        return walk(mapping.segment(), size);
    }

    private static long walk(MemorySegment s, long size) {
        long sum = 0;
        for (long p = 0; p + 72 <= size; p += 48) {
            sum += s.get(LONG, p + 64);
            sum += s.get(LONG, p + 40);
        }
        return sum;
    }
}

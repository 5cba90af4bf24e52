// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks;

import io.mmap4j.Advice;
import io.mmap4j.MapFlag;
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
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Sequential scan: the sum of every 64-bit word of a warm file. One operation maps the file, sums
 * it and unmaps it (or reads it through a buffer), so that page faults, {@code MADV_SEQUENTIAL} and
 * {@code MAP_POPULATE} count. Sizes past 2 GiB make {@link MappedByteBuffer} work in chunks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class SequentialScanBenchmark {
    /** The largest chunk {@link MappedByteBuffer} maps at once here: 1 GiB. */
    private static final long BUFFER_CHUNK = 1L << 30;

    /** The file size in bytes: 64 MiB, 2 GiB, 3 GiB. */
    @Param({"67108864", "2147483648", "3221225472"})
    public long size;

    private Path dir;
    private FileChannel channel;
    private ByteBuffer readBuffer;
    private MappedFile mappedFile;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = BenchFiles.tempDir();
        Path file = BenchFiles.writeWarm(dir, "scan", size);
        channel = FileChannel.open(file, StandardOpenOption.READ);
        readBuffer = ByteBuffer.allocateDirect(BenchFiles.CHUNK).order(ByteOrder.nativeOrder());
        mappedFile = MappedFile.open(file);
    }

    /** Lets the garbage collector unmap the buffers {@link #mappedByteBuffer} left behind. */
    @TearDown(Level.Iteration)
    public void collect() {
        System.gc();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        mappedFile.close();
        channel.close();
        BenchFiles.delete(dir);
    }

    @Benchmark
    public long mmap4jPlain() throws IOException {
        try (Mapping m = mappedFile.map(0, size, MapOptions.readOnly())) {
            return BenchFiles.sum(m.segment());
        }
    }

    /** Thread-confined, as the FileChannel.map segment below is: no shared-arena handshake at unmap. */
    @Benchmark
    public long mmap4jConfined() throws IOException {
        try (Mapping m = mappedFile.map(0, size, MapOptions.readOnly().confined())) {
            return BenchFiles.sum(m.segment());
        }
    }

    @Benchmark
    public long mmap4jSequential() throws IOException {
        try (Mapping m = mappedFile.map(0, size, MapOptions.readOnly())) {
            m.advise(Advice.SEQUENTIAL);
            return BenchFiles.sum(m.segment());
        }
    }

    @Benchmark
    public long mmap4jPopulate() throws IOException {
        try (Mapping m = mappedFile.map(0, size, MapOptions.readOnly().with(MapFlag.POPULATE))) {
            return BenchFiles.sum(m.segment());
        }
    }

    @Benchmark
    public long fileChannelMapSegment() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return BenchFiles.sum(channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena));
        }
    }

    @Benchmark
    public long mappedByteBuffer() throws IOException {
        long sum = 0;
        for (long offset = 0; offset < size; offset += BUFFER_CHUNK) {
            MappedByteBuffer b = channel.map(FileChannel.MapMode.READ_ONLY, offset, Math.min(BUFFER_CHUNK, size - offset));
            b.order(ByteOrder.nativeOrder());
            int n = b.capacity() & ~7;
            for (int i = 0; i < n; i += Long.BYTES) {
                sum += b.getLong(i);
            }
        }
        return sum;
    }

    @Benchmark
    public long fileChannelRead() throws IOException {
        ByteBuffer b = readBuffer;
        long sum = 0;
        for (long offset = 0; offset < size; ) {
            int n = channel.read(b.clear(), offset);
            if (n <= 0) {
                break;
            }
            offset += n;
            int words = n & ~7;
            for (int i = 0; i < words; i += Long.BYTES) {
                sum += b.getLong(i);
            }
        }
        return sum;
    }
}

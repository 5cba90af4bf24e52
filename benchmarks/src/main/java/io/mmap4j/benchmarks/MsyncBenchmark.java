// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.PageSize;
import io.mmap4j.SyncMode;
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
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * {@code msync} of dirty pages: one operation writes one byte to each of the first {@code pages}
 * pages of a shared file mapping, then syncs them. mmap4j with {@code MS_SYNC} and
 * {@code MS_ASYNC}; the Java alternatives ({@code MemorySegment.force} of a slice of a
 * {@code FileChannel.map} segment, {@code MappedByteBuffer.force(index, length)}) offer only
 * {@code MS_SYNC}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class MsyncBenchmark {
    /** Dirty pages per sync. */
    @Param({"1", "256", "65536"})
    public int pages;

    private Path dir;
    private long page;
    private long length;
    private MappedFile mappedFile;
    private Mapping mapping;
    private FileChannel channel;
    private Arena arena;
    private MemorySegment channelSegment;
    private MappedByteBuffer buffer;
    private byte value;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        page = PageSize.get();
        length = pages * page;
        dir = BenchFiles.tempDir();
        Path file = BenchFiles.writeWarm(dir, "dirty", length);
        mappedFile = MappedFile.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        mapping = mappedFile.map(0, length, MapOptions.readWrite());
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        arena = Arena.ofShared();
        channelSegment = channel.map(FileChannel.MapMode.READ_WRITE, 0, length, arena);
        buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        mapping.close();
        mappedFile.close();
        arena.close();
        buffer = null;
        channel.close();
        BenchFiles.delete(dir);
    }

    @Benchmark
    public void mmap4jSync() throws IOException {
        dirty(mapping.segment());
        mapping.sync(0, length, SyncMode.SYNC);
    }

    @Benchmark
    public void mmap4jAsync() throws IOException {
        dirty(mapping.segment());
        mapping.sync(0, length, SyncMode.ASYNC);
    }

    @Benchmark
    public void fileChannelSegmentForce() {
        dirty(channelSegment);
        channelSegment.force();
    }

    @Benchmark
    public void mappedByteBufferForce() {
        byte v = ++value;
        for (int i = 0; i < length; i += (int) page) {
            buffer.put(i, v);
        }
        buffer.force(0, (int) length);
    }

    private void dirty(MemorySegment s) {
        byte v = ++value;
        for (long i = 0; i < length; i += page) {
            s.set(ValueLayout.JAVA_BYTE, i, v);
        }
    }
}

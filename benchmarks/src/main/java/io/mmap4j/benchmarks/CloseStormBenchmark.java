// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.MappingGroup;
import com.sun.jna.Pointer;
import io.mmap4j.bindings.linux.x86_64.Libc;
import io.mmap4j.PageSize;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What closing mappings costs everyone else: a reader thread sums every 64-bit word of a 64 MiB
 * mapping in a loop while, in each {@code @Group}, a closer thread maps, touches and closes
 * one-page mappings as fast as it can, with one lifetime per group: mmap4j's default (a shared
 * arena per mapping, so a handshake with every thread per close), confined (no handshake), grouped
 * (a {@code MappingGroup} of 64 or 1024 members, one handshake per group), batched (a long-lived
 * {@code MappingGroup.openBatched} group: one handshake per batch of 64, or per 20 ms) and the JDK's
 * {@code FileChannel.map} with a shared arena; and, to tell the JVM's price from the kernel's, a
 * closer that calls {@code mmap}/{@code munmap} through JNA with no arena at all.
 * {@link #readerAlone()} is the reader with no closer.
 * The reader's score (the {@code *Reader} method's) is the figure; the closer's is not.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class CloseStormBenchmark {
    /** The reader's mapping: 64 MiB. */
    static final long SIZE = 64L << 20;

    private Path dir;
    private MappedFile big;
    private Mapping data;
    private MemorySegment segment;
    private MappedFile small;
    private FileChannel smallChannel;
    private long page;
    private int smallFd;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        page = PageSize.get();
        dir = BenchFiles.tempDir();
        big = MappedFile.open(BenchFiles.writeWarm(dir, "data", SIZE));
        data = big.map(0, SIZE, MapOptions.readOnly());
        segment = data.segment();
        Path one = BenchFiles.writeWarm(dir, "page", page);
        small = MappedFile.open(one);
        smallFd = (int) small.nativeHandle();
        smallChannel = FileChannel.open(one, StandardOpenOption.READ);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        data.close();
        big.close();
        small.close();
        smallChannel.close();
        BenchFiles.delete(dir);
    }

    /** The closer's groups, one per closer thread. */
    @State(Scope.Thread)
    public static class Groups {
        GroupCycle of64;
        GroupCycle of1024;
        MappingGroup batchedBy64;
        MapOptions inBatchesOf64;
        MappingGroup batchedBy20ms;
        MapOptions inBatchesOf20ms;

        @Setup(Level.Trial)
        public void setUp() {
            of64 = new GroupCycle(64, MapOptions.readOnly());
            of1024 = new GroupCycle(1024, MapOptions.readOnly());
            batchedBy64 = MappingGroup.openBatched(64, Duration.ofMillis(100));
            inBatchesOf64 = MapOptions.readOnly().in(batchedBy64);
            batchedBy20ms = MappingGroup.openBatched(Integer.MAX_VALUE, Duration.ofMillis(20));
            inBatchesOf20ms = MapOptions.readOnly().in(batchedBy20ms);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            of64.close();
            of1024.close();
            batchedBy64.close();
            batchedBy20ms.close();
        }
    }

    private long read() {
        return BenchFiles.sum(segment);
    }

    private long mapAndClose(MapOptions options) throws IOException {
        try (Mapping m = small.map(0, page, options)) {
            return m.segment().get(ValueLayout.JAVA_BYTE, 0);
        }
    }

    private long member(GroupCycle groups) throws IOException {
        long b = mapAndClose(groups.options());
        groups.memberClosed();
        return b;
    }

    @Benchmark
    public long readerAlone() {
        return read();
    }

    @Benchmark
    @Group("mmap4jDefault")
    @GroupThreads(1)
    public long mmap4jDefaultReader() {
        return read();
    }

    @Benchmark
    @Group("mmap4jDefault")
    @GroupThreads(1)
    public long mmap4jDefaultCloser() throws IOException {
        return mapAndClose(MapOptions.readOnly());
    }

    @Benchmark
    @Group("mmap4jConfined")
    @GroupThreads(1)
    public long mmap4jConfinedReader() {
        return read();
    }

    @Benchmark
    @Group("mmap4jConfined")
    @GroupThreads(1)
    public long mmap4jConfinedCloser() throws IOException {
        return mapAndClose(MapOptions.readOnly().confined());
    }

    @Benchmark
    @Group("mmap4jGrouped64")
    @GroupThreads(1)
    public long mmap4jGrouped64Reader() {
        return read();
    }

    @Benchmark
    @Group("mmap4jGrouped64")
    @GroupThreads(1)
    public long mmap4jGrouped64Closer(Groups groups) throws IOException {
        return member(groups.of64);
    }

    @Benchmark
    @Group("mmap4jGrouped1024")
    @GroupThreads(1)
    public long mmap4jGrouped1024Reader() {
        return read();
    }

    @Benchmark
    @Group("mmap4jGrouped1024")
    @GroupThreads(1)
    public long mmap4jGrouped1024Closer(Groups groups) throws IOException {
        return member(groups.of1024);
    }

    @Benchmark
    @Group("fileChannelMapShared")
    @GroupThreads(1)
    public long fileChannelMapSharedReader() {
        return read();
    }

    @Benchmark
    @Group("fileChannelMapShared")
    @GroupThreads(1)
    public long fileChannelMapSharedCloser() throws IOException {
        try (Arena arena = Arena.ofShared()) {
            return smallChannel.map(FileChannel.MapMode.READ_ONLY, 0, page, arena).get(ValueLayout.JAVA_BYTE, 0);
        }
    }

    @Benchmark
    @Group("mmap4jBatched64")
    @GroupThreads(1)
    public long mmap4jBatched64Reader() {
        return read();
    }

    @Benchmark
    @Group("mmap4jBatched64")
    @GroupThreads(1)
    public long mmap4jBatched64Closer(Groups groups) throws IOException {
        return mapAndClose(groups.inBatchesOf64);
    }

    @Benchmark
    @Group("mmap4jBatched20ms")
    @GroupThreads(1)
    public long mmap4jBatched20msReader() {
        return read();
    }

    @Benchmark
    @Group("mmap4jBatched20ms")
    @GroupThreads(1)
    public long mmap4jBatched20msCloser(Groups groups) throws IOException {
        return mapAndClose(groups.inBatchesOf20ms);
    }

    @Benchmark
    @Group("jnaRaw")
    @GroupThreads(1)
    public long jnaRawReader() {
        return read();
    }

    /** No arena, no handshake: what the kernel's {@code mmap}/{@code munmap} alone cost the reader. */
    @Benchmark
    @Group("jnaRaw")
    @GroupThreads(1)
    public long jnaRawCloser() {
        Pointer p = JnaLibc.Direct.mmap(null, page, Libc.PROT_READ(), Libc.MAP_SHARED(), smallFd, 0);
        if (Pointer.nativeValue(p) == -1) {
            throw new IllegalStateException("mmap failed");
        }
        long b = p.getByte(0);
        JnaLibc.check(JnaLibc.Direct.munmap(p, page), "munmap");
        return b;
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks;

import com.sun.jna.Pointer;
import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.MappingGroup;
import io.mmap4j.PageSize;
import io.mmap4j.bindings.linux.x86_64.Libc;
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
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Map, touch (read one byte of every page) and unmap a warm file range of one page or 1 MiB, for
 * each lifetime: mmap4j's default (a shared arena per mapping), confined, and grouped (a
 * {@link MappingGroup} of 1, 64 or 1024 members, renewed when full; one operation is one member,
 * the group's close amortised over its members), and batched (one {@link MappingGroup#openBatched}
 * group for the whole trial, in batches of 64 members, or of however many come in 20 ms, each
 * unmapped in one go once it is full or old and its members closed); {@code FileChannel.map} with a confined and with a
 * shared arena; raw {@code mmap}/{@code munmap} through JNA.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class MapUnmapBenchmark {
    /** Bytes mapped: one page (4 KiB here) or 1 MiB. */
    @Param({"4096", "1048576"})
    public long size;

    private Path dir;
    private FileChannel channel;
    private MappedFile mappedFile;
    private int fd;
    private long page;
    private MapOptions unchecked;
    private MapOptions confined;
    private GroupCycle groupOf1;
    private GroupCycle groupOf64;
    private GroupCycle groupOf1024;
    private MappingGroup batchedBy64;
    private MapOptions inBatchesOf64;
    private MappingGroup batchedBy20ms;
    private MapOptions inBatchesOf20ms;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        page = PageSize.get();
        dir = BenchFiles.tempDir();
        Path file = BenchFiles.writeWarm(dir, "map", size);
        channel = FileChannel.open(file, StandardOpenOption.READ);
        mappedFile = MappedFile.open(file);
        fd = (int) mappedFile.nativeHandle();
        unchecked = MapOptions.readOnly().allowBeyondEndOfFile();
        confined = MapOptions.readOnly().confined();
        groupOf1 = new GroupCycle(1, MapOptions.readOnly());
        groupOf64 = new GroupCycle(64, MapOptions.readOnly());
        groupOf1024 = new GroupCycle(1024, MapOptions.readOnly());
        batchedBy64 = MappingGroup.openBatched(64, Duration.ofMillis(100));
        inBatchesOf64 = MapOptions.readOnly().in(batchedBy64);
        batchedBy20ms = MappingGroup.openBatched(Integer.MAX_VALUE, Duration.ofMillis(20));
        inBatchesOf20ms = MapOptions.readOnly().in(batchedBy20ms);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        groupOf1.close();
        groupOf64.close();
        groupOf1024.close();
        batchedBy64.close();
        batchedBy20ms.close();
        mappedFile.close();
        channel.close();
        BenchFiles.delete(dir);
    }

    @Benchmark
    public long mmap4j() throws IOException {
        return mapTouchClose(MapOptions.readOnly());
    }

    /** Without the end-of-file check, which costs an {@code fstat} per map. */
    @Benchmark
    public long mmap4jWithoutSizeCheck() throws IOException {
        return mapTouchClose(unchecked);
    }

    /** A thread-confined mapping, like {@code FileChannel.map} with a confined arena: no handshake on close. */
    @Benchmark
    public long mmap4jConfined() throws IOException {
        return mapTouchClose(confined);
    }

    /** A group of one member: the member's close is bookkeeping, the group's close is the handshake and the munmap. */
    @Benchmark
    public long mmap4jGrouped1() throws IOException {
        return member(groupOf1);
    }

    /** One member of a group of 64; every 64th operation also closes the group. */
    @Benchmark
    public long mmap4jGrouped64() throws IOException {
        return member(groupOf64);
    }

    /** One member of a group of 1024; every 1024th operation also closes the group. */
    @Benchmark
    public long mmap4jGrouped1024() throws IOException {
        return member(groupOf1024);
    }

    /** One member of a long-lived batched group: every 64th map also unmaps the previous, closed batch. */
    @Benchmark
    public long mmap4jBatched64() throws IOException {
        return mapTouchClose(inBatchesOf64);
    }

    /** One member of a long-lived group batched by time: one handshake per 20 ms, however many close. */
    @Benchmark
    public long mmap4jBatched20ms() throws IOException {
        return mapTouchClose(inBatchesOf20ms);
    }

    private long member(GroupCycle groups) throws IOException {
        long sum = mapTouchClose(groups.options());
        groups.memberClosed();
        return sum;
    }

    private long mapTouchClose(MapOptions options) throws IOException {
        try (Mapping m = mappedFile.map(0, size, options)) {
            return touch(m.segment());
        }
    }

    @Benchmark
    public long fileChannelMap() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return touch(channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena));
        }
    }

    /** The JDK's own mapping with a shared arena: what thread-safe unmapping costs in this JVM. */
    @Benchmark
    public long fileChannelMapShared() throws IOException {
        try (Arena arena = Arena.ofShared()) {
            return touch(channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena));
        }
    }

    @Benchmark
    public long jnaRaw() {
        Pointer p = JnaLibc.Direct.mmap(null, size, Libc.PROT_READ(), Libc.MAP_SHARED(), fd, 0);
        if (Pointer.nativeValue(p) == -1) {
            throw new IllegalStateException("mmap failed");
        }
        long sum = 0;
        for (long i = 0; i < size; i += page) {
            sum += p.getByte(i);
        }
        JnaLibc.check(JnaLibc.Direct.munmap(p, size), "munmap");
        return sum;
    }

    private long touch(MemorySegment s) {
        long sum = 0;
        for (long i = 0; i < size; i += page) {
            sum += s.get(ValueLayout.JAVA_BYTE, i);
        }
        return sum;
    }
}

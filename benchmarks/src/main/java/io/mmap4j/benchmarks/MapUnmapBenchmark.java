package io.mmap4j.benchmarks;

import com.sun.jna.Pointer;
import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
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
import java.util.concurrent.TimeUnit;

/**
 * Map, touch (read one byte of every page) and unmap a warm file range of one page or 1 MiB:
 * mmap4j, {@code FileChannel.map} with a confined arena, and raw {@code mmap}/{@code munmap}
 * through JNA.
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
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        mappedFile.close();
        channel.close();
        BenchFiles.delete(dir);
    }

    @Benchmark
    public long mmap4j() throws IOException {
        try (Mapping m = mappedFile.map(0, size, MapOptions.readOnly())) {
            return touch(m.segment());
        }
    }

    /** Without the end-of-file check, which costs an {@code fstat} per map. */
    @Benchmark
    public long mmap4jWithoutSizeCheck() throws IOException {
        try (Mapping m = mappedFile.map(0, size, unchecked)) {
            return touch(m.segment());
        }
    }

    /** A thread-confined mapping, like {@code FileChannel.map} with a confined arena: no handshake on close. */
    @Benchmark
    public long mmap4jConfined() throws IOException {
        try (Mapping m = mappedFile.map(0, size, confined)) {
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

// SPDX-License-Identifier: Apache-2.0
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Dropping the middle half of a mapping: one operation maps {@code pages} pages of a warm file,
 * reads a byte of each, gives up pages {@code [pages/4, 3*pages/4)}, reads a byte of each page
 * that is left, and unmaps the rest. Either by a partial {@code munmap} (mmap4j with a shared or a
 * confined arena, JNA), or, as {@code FileChannel.map} must, by unmapping everything and mapping the
 * head and the tail again (with a confined or a shared arena). A member of a {@code MappingGroup}
 * cannot be partially unmapped (that would invalidate every member's segments), so groups are not
 * measured here.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class PartialUnmapBenchmark {
    /** Pages in the mapping, a multiple of 4. */
    @Param({"64", "4096"})
    public int pages;

    private Path dir;
    private long page;
    private long length;
    private long head;
    private long tail;
    private FileChannel channel;
    private MappedFile mappedFile;
    private int fd;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (pages % 4 != 0) {
            throw new IllegalArgumentException("pages must be a multiple of 4: " + pages);
        }
        page = PageSize.get();
        length = pages * page;
        head = length / 4;
        tail = 3 * length / 4;
        dir = BenchFiles.tempDir();
        Path file = BenchFiles.writeWarm(dir, "partial", length);
        channel = FileChannel.open(file, StandardOpenOption.READ);
        mappedFile = MappedFile.open(file);
        fd = (int) mappedFile.nativeHandle();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        mappedFile.close();
        channel.close();
        BenchFiles.delete(dir);
    }

    @Benchmark
    public long mmap4jPartialUnmap() throws IOException {
        Mapping m = mappedFile.map(0, length, MapOptions.readOnly());
        long sum = touch(m.segment());
        List<Mapping> rest = m.unmap(head, tail - head).parts();
        for (Mapping part : rest) {
            sum += touch(part.segment());
            part.close();
        }
        return sum;
    }

    /** The same with a thread-confined mapping: closing its arenas needs no handshake. */
    @Benchmark
    public long mmap4jPartialUnmapConfined() throws IOException {
        Mapping m = mappedFile.map(0, length, MapOptions.readOnly().confined());
        long sum = touch(m.segment());
        List<Mapping> rest = m.unmap(head, tail - head).parts();
        for (Mapping part : rest) {
            sum += touch(part.segment());
            part.close();
        }
        return sum;
    }

    @Benchmark
    public long mmap4jUnmapAndRemap() throws IOException {
        long sum;
        try (Mapping m = mappedFile.map(0, length, MapOptions.readOnly())) {
            sum = touch(m.segment());
        }
        try (Mapping first = mappedFile.map(0, head, MapOptions.readOnly());
             Mapping last = mappedFile.map(tail, length - tail, MapOptions.readOnly())) {
            sum += touch(first.segment()) + touch(last.segment());
        }
        return sum;
    }

    @Benchmark
    public long fileChannelUnmapAndRemap() throws IOException {
        long sum;
        try (Arena arena = Arena.ofConfined()) {
            sum = touch(channel.map(FileChannel.MapMode.READ_ONLY, 0, length, arena));
        }
        try (Arena arena = Arena.ofConfined()) {
            sum += touch(channel.map(FileChannel.MapMode.READ_ONLY, 0, head, arena))
                    + touch(channel.map(FileChannel.MapMode.READ_ONLY, tail, length - tail, arena));
        }
        return sum;
    }

    /** The JDK's mapping with shared arenas: two handshakes per operation. */
    @Benchmark
    public long fileChannelUnmapAndRemapShared() throws IOException {
        long sum;
        try (Arena arena = Arena.ofShared()) {
            sum = touch(channel.map(FileChannel.MapMode.READ_ONLY, 0, length, arena));
        }
        try (Arena arena = Arena.ofShared()) {
            sum += touch(channel.map(FileChannel.MapMode.READ_ONLY, 0, head, arena))
                    + touch(channel.map(FileChannel.MapMode.READ_ONLY, tail, length - tail, arena));
        }
        return sum;
    }

    /** Raw {@code mmap} and partial {@code munmap} through JNA, as C does it. */
    @Benchmark
    public long jnaPartialUnmap() {
        Pointer p = JnaLibc.Direct.mmap(null, length, Libc.PROT_READ(), Libc.MAP_SHARED(), fd, 0);
        if (Pointer.nativeValue(p) == -1) {
            throw new IllegalStateException("mmap failed");
        }
        long sum = touch(p, 0, length);
        JnaLibc.check(JnaLibc.Direct.munmap(p.share(head), tail - head), "munmap");
        sum += touch(p, 0, head) + touch(p, tail, length);
        JnaLibc.check(JnaLibc.Direct.munmap(p, head), "munmap");
        JnaLibc.check(JnaLibc.Direct.munmap(p.share(tail), length - tail), "munmap");
        return sum;
    }

    private long touch(Pointer p, long from, long to) {
        long sum = 0;
        for (long i = from; i < to; i += page) {
            sum += p.getByte(i);
        }
        return sum;
    }

    private long touch(MemorySegment s) {
        long sum = 0;
        for (long i = 0; i < s.byteSize(); i += page) {
            sum += s.get(ValueLayout.JAVA_BYTE, i);
        }
        return sum;
    }
}

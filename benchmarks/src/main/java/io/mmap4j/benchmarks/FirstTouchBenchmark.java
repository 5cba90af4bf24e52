// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks;

import io.mmap4j.Advice;
import io.mmap4j.MapFlag;
import io.mmap4j.MapOptions;
import io.mmap4j.Mapping;
import io.mmap4j.NativeCallException;
import io.mmap4j.PageSize;
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
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

/**
 * First touch: map fresh private anonymous memory, write one byte to every page, unmap. Lazily
 * (a page fault per page), with {@code MAP_POPULATE}, with {@code MADV_POPULATE_WRITE}, and with
 * {@code MADV_HUGEPAGE} (transparent huge pages, if the kernel is built with them; with
 * {@code enabled=never} the advice is accepted and does nothing). A confined arena's
 * {@code allocate}, which zeroes the memory it gets, is the Java alternative. (It gets fresh pages
 * from {@code malloc} only above glibc's mmap threshold, which adapts up to 32 MiB; below that,
 * freed memory is reused already touched, as the smoke size shows.)
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class FirstTouchBenchmark {
    /** Bytes mapped, a multiple of 2 MiB: 1 GiB. */
    @Param("1073741824")
    public long size;

    private long page;
    private boolean hugePages;

    @Setup(Level.Trial)
    public void setUp() throws NativeCallException {
        page = PageSize.get();
        try (Mapping probe = Mapping.anonymous(2 << 20, MapOptions.copyOnWrite())) {
            probe.advise(Advice.HUGEPAGE);
            hugePages = true;
        } catch (NativeCallException notBuiltIn) {
            hugePages = false; // EINVAL: no CONFIG_TRANSPARENT_HUGEPAGE; the variant then runs lazily
        }
    }

    @Benchmark
    public long mmap4jLazy() throws NativeCallException {
        try (Mapping m = Mapping.anonymous(size, MapOptions.copyOnWrite())) {
            return touch(m.segment());
        }
    }

    @Benchmark
    public long mmap4jPopulate() throws NativeCallException {
        try (Mapping m = Mapping.anonymous(size, MapOptions.copyOnWrite().with(MapFlag.POPULATE))) {
            return touch(m.segment());
        }
    }

    @Benchmark
    public long mmap4jPopulateWrite() throws NativeCallException {
        try (Mapping m = Mapping.anonymous(size, MapOptions.copyOnWrite())) {
            m.advise(Advice.POPULATE_WRITE);
            return touch(m.segment());
        }
    }

    @Benchmark
    public long mmap4jHugePages() throws NativeCallException {
        try (Mapping m = Mapping.anonymous(size, MapOptions.copyOnWrite())) {
            if (hugePages) {
                m.advise(Advice.HUGEPAGE);
            }
            return touch(m.segment());
        }
    }

    @Benchmark
    public long arenaAllocate() {
        try (Arena arena = Arena.ofConfined()) {
            return touch(arena.allocate(size, page));
        }
    }

    private long touch(MemorySegment s) {
        for (long i = 0; i < size; i += page) {
            s.set(ValueLayout.JAVA_BYTE, i, (byte) 1);
        }
        return s.address();
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks;

import com.sun.jna.Pointer;
import io.mmap4j.Advice;
import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.PageSize;
import io.mmap4j.SyncMode;
import io.mmap4j.bindings.linux.x86_64.Libc;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one native call: {@code sysconf(_SC_PAGESIZE)}, {@code msync(MS_SYNC)} of one clean
 * page, {@code madvise(MADV_WILLNEED)} of one page; mmap4j (typed and raw forms) against JNA's
 * direct and interface mappings. Every variant checks the return value.
 *
 * <p>mmap4j has no public {@code sysconf}: {@link PageSize#get()} reads the value it fetched once.
 * {@link #ffmSysconf()} makes the downcall the way mmap4j makes all of its calls (a handle built
 * once from the generated binding, with {@code errno} captured into a per-thread buffer), so that
 * the FFM call itself can be set against JNA and C. {@link #ffmMadvise()} and
 * {@link #ffmMadviseSharedArena()} split mmap4j's {@code madvise} overhead the same way: the FFM
 * call alone, then with the shared arena that keeps the pages mapped during the call (issue 9's
 * fix for a call racing a close).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class NativeCallBenchmark {
    private static final StructLayout STATE_LAYOUT = Linker.Option.captureStateLayout();
    @SuppressWarnings("restricted") // a downcall handle to sysconf, with its generated descriptor
    private static final MethodHandle SYSCONF = Linker.nativeLinker().downcallHandle(Libc.sysconf$address(),
            Libc.sysconf$descriptor(), Linker.Option.captureCallState("errno"));
    /** No errno capture, no thread-state transition ({@code critical}): the floor an FFM call can reach. */
    @SuppressWarnings("restricted")
    private static final MethodHandle SYSCONF_CRITICAL = Linker.nativeLinker().downcallHandle(Libc.sysconf$address(),
            Libc.sysconf$descriptor(), Linker.Option.critical(false));
    /** No errno capture, with the thread-state transition: the capture's own cost is ffmSysconf minus this. */
    @SuppressWarnings("restricted")
    private static final MethodHandle SYSCONF_PLAIN = Linker.nativeLinker().downcallHandle(Libc.sysconf$address(),
            Libc.sysconf$descriptor());
    /** madvise as mmap4j links it (errno captured), to split mmap4j's overhead into the FFM call and the arena. */
    @SuppressWarnings("restricted")
    private static final MethodHandle MADVISE = Linker.nativeLinker().downcallHandle(Libc.madvise$address(),
            Libc.madvise$descriptor(), Linker.Option.captureCallState("errno"));
    private static final int SC_PAGESIZE = Libc._SC_PAGESIZE();
    private static final int MS_SYNC = Libc.MS_SYNC();
    private static final int MADV_WILLNEED = Libc.MADV_WILLNEED();

    private Path dir;
    private MappedFile mappedFile;
    private Mapping mapping;
    private long page;
    private Pointer pointer;
    private Arena arena;
    private MemorySegment callState;
    private Mapping confinedMapping;
    private MemorySegment pageNoArena;      // the mapped page as a global-scope segment: nothing to acquire
    private Arena sharedArena;
    private MemorySegment pageSharedArena;  // the same page in a shared arena: acquired for each call

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        page = PageSize.get();
        dir = BenchFiles.tempDir();
        Path file = BenchFiles.writeWarm(dir, "page", page);
        mappedFile = MappedFile.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        mapping = mappedFile.map(0, page, MapOptions.readWrite());
        mapping.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0); // mapped in, never written: clean
        pointer = new Pointer(mapping.address());
        arena = Arena.ofConfined();
        callState = arena.allocate(STATE_LAYOUT);
        confinedMapping = mappedFile.map(0, page, MapOptions.readWrite().confined());
        pageNoArena = MemorySegment.ofAddress(mapping.address());
        sharedArena = Arena.ofShared();
        pageSharedArena = reinterpret(pageNoArena, sharedArena);
    }

    @SuppressWarnings("restricted") // the benchmark's own mapping, alive for the whole trial
    private MemorySegment reinterpret(MemorySegment s, Arena in) {
        return s.reinterpret(page, in, null);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        arena.close();
        sharedArena.close();
        confinedMapping.close();
        mapping.close();
        mappedFile.close();
        BenchFiles.delete(dir);
    }

    @Benchmark
    public long mmap4jPageSize() {
        return PageSize.get();
    }

    @Benchmark
    public long ffmSysconfNoCapture() throws Throwable {
        return (long) SYSCONF_PLAIN.invokeExact(SC_PAGESIZE);
    }

    @Benchmark
    public long ffmSysconfCritical() throws Throwable {
        return (long) SYSCONF_CRITICAL.invokeExact(SC_PAGESIZE);
    }

    @Benchmark
    public long ffmSysconf() throws Throwable {
        long r = (long) SYSCONF.invokeExact(callState, SC_PAGESIZE);
        if (r <= 0) {
            throw new IllegalStateException("sysconf failed");
        }
        return r;
    }

    @Benchmark
    public long jnaDirectSysconf() {
        long r = JnaLibc.Direct.sysconf(SC_PAGESIZE);
        if (r <= 0) {
            throw new IllegalStateException("sysconf failed");
        }
        return r;
    }

    @Benchmark
    public long jnaInterfaceSysconf() {
        long r = JnaLibc.Interface.C.sysconf(SC_PAGESIZE);
        if (r <= 0) {
            throw new IllegalStateException("sysconf failed");
        }
        return r;
    }

    @Benchmark
    public void mmap4jMsync() throws IOException {
        mapping.sync(0, page, SyncMode.SYNC);
    }

    @Benchmark
    public void mmap4jMsyncRaw() throws IOException {
        mapping.raw().sync(0, page, MS_SYNC);
    }

    @Benchmark
    public void jnaDirectMsync() {
        JnaLibc.check(JnaLibc.Direct.msync(pointer, page, MS_SYNC), "msync");
    }

    @Benchmark
    public void jnaInterfaceMsync() {
        JnaLibc.check(JnaLibc.Interface.C.msync(pointer, page, MS_SYNC), "msync");
    }

    @Benchmark
    public void mmap4jMadvise() throws IOException {
        mapping.advise(0, page, Advice.WILLNEED);
    }

    /** A confined mapping: its arena is acquired without an atomic operation. */
    @Benchmark
    public void mmap4jMadviseConfined() throws IOException {
        confinedMapping.advise(0, page, Advice.WILLNEED);
    }

    /** The bare FFM call on a segment of no arena: what is left of mmap4j's overhead is the arena's. */
    @Benchmark
    public void ffmMadvise() throws Throwable {
        if ((int) MADVISE.invokeExact(callState, pageNoArena, page, MADV_WILLNEED) != 0) {
            throw new IllegalStateException("madvise failed");
        }
    }

    /** The bare FFM call on a segment of a shared arena, which keeps the pages mapped for the call. */
    @Benchmark
    public void ffmMadviseSharedArena() throws Throwable {
        if ((int) MADVISE.invokeExact(callState, pageSharedArena, page, MADV_WILLNEED) != 0) {
            throw new IllegalStateException("madvise failed");
        }
    }

    @Benchmark
    public void mmap4jMadviseRaw() throws IOException {
        mapping.raw().advise(0, page, MADV_WILLNEED);
    }

    @Benchmark
    public void jnaDirectMadvise() {
        JnaLibc.check(JnaLibc.Direct.madvise(pointer, page, MADV_WILLNEED), "madvise");
    }

    @Benchmark
    public void jnaInterfaceMadvise() {
        JnaLibc.check(JnaLibc.Interface.C.madvise(pointer, page, MADV_WILLNEED), "madvise");
    }
}

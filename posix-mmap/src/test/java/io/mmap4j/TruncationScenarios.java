// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static io.mmap4j.ScenarioChecks.check;
import static io.mmap4j.ScenarioChecks.create;
import static io.mmap4j.ScenarioChecks.expect;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The child side of {@link TruncationTest}: a file mapped {@code MAP_SHARED} is shrunk by another
 * party, and the child reports what each kind of access does. The first argument names the
 * scenario; where a scenario shrinks the file, the next argument says who shrinks it:
 * {@code descriptor} (a second file descriptor in this JVM, {@link RandomAccessFile#setLength}) or
 * the path of a compiled {@code shrink PATH SIZE} C program (a second process).
 *
 * <p>Output as in {@link CrashScenarios}: {@code caught <class>: <message> (<what>)} for an expected
 * exception, {@code FAILED ...} for a broken expectation, other lines as measurements. Exits 0 only
 * if every expectation held. A scenario that kills the JVM prints {@code calling <what>} first, so
 * the parent knows the child got that far.
 */
final class TruncationScenarios {
    private static final long PAGE = PageSize.get();

    private TruncationScenarios() {
    }

    public static void main(String[] args) throws Throwable {
        Path dir = Path.of("").toAbsolutePath();
        switch (args[0]) {
            case "plainAccess" -> plainAccess(dir, args[1]);
            case "hotLoop" -> hotLoop(dir, args[1]);
            case "bulk" -> bulk(dir, args[1], args[2], args[3]);
            case "intrinsic" -> intrinsic(dir, args[1]);
            case "sealedMemfd" -> sealedMemfd(dir, args[1]);
            case "truncateBelowALiveMapping" -> truncateBelowALiveMapping(dir);
            case "lease" -> lease(dir, args[1]);
            default -> throw new IllegalArgumentException("no scenario " + args[0]);
        }
        System.out.flush();
        System.exit(ScenarioChecks.exitCode());
    }

    /** Who shrinks the file: a second descriptor here, or a second process. */
    private static void shrink(String shrinker, Path path, long size) throws Exception {
        if (shrinker.equals("descriptor")) {
            try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
                raf.setLength(size);
            }
        } else {
            String out = new CProgram(Path.of(shrinker)).run(path.toString(), Long.toString(size)).strip();
            check(out.equals("shrunk to " + size), "the second process shrank the file: " + out);
        }
    }

    /** Get and set past the new end, in whatever mode the JVM runs (the parent passes {@code -Xint}). */
    static void plainAccess(Path dir, String shrinker) throws Exception {
        try (MappedFile file = create(dir, 4); Mapping m = file.map(0, 4 * PAGE, MapOptions.readWrite())) {
            MemorySegment s = m.segment();
            s.set(JAVA_LONG, 3 * PAGE, 3);
            shrink(shrinker, file.path(), PAGE);
            check(file.size() == PAGE, "the file is 1 page now, not " + file.size());
            expect("get of page 3", InternalError.class, () -> s.get(JAVA_LONG, 3 * PAGE));
            expect("set of page 1", InternalError.class, () -> s.set(JAVA_LONG, PAGE, 1));
            check(s.get(JAVA_LONG, 0) == 0, "page 0, still inside the file, reads as before");
        }
    }

    /** Where the last {@link #sumWithATryAroundEachGet} faulted, read and caught; -1 for none. */
    private static long caughtAtOffset = -1;

    /**
     * The hot loop under test: a {@code try} around each single {@code get}, and nothing else in it.
     * The catch records the offset at which it caught and ends the loop. Each value a {@code get}
     * returns is also stored in {@code seen}, one slot per long, so that the caller can tell how far
     * the loop got.
     */
    static long sumWithATryAroundEachGet(MemorySegment s, long[] seen) {
        long sum = 0;
        for (long i = 0; i < s.byteSize(); i += 8) {
            long value;
            try {
                value = s.get(JAVA_LONG, i);
            } catch (InternalError e) {
                caughtAtOffset = i;
                return sum;
            }
            seen[(int) (i / 8)] = value;
            sum += value;
        }
        return sum;
    }

    /**
     * Warms {@link #sumWithATryAroundEachGet} until the JIT compiles it (the parent checks
     * {@code -XX:+PrintCompilation}), shrinks the file to 1 page and runs the loop again, three
     * times. Each run prints one line saying where the {@code InternalError} arrived: inside the
     * loop's catch (and at which offset, against the first faulting offset, page 1) or in the
     * caller, outside the {@code try} around the access (and at which source line of the loop it was
     * thrown).
     */
    static void hotLoop(Path dir, String shrinker) throws Exception {
        try (MappedFile file = create(dir, 4); Mapping m = file.map(0, 4 * PAGE, MapOptions.readWrite())) {
            MemorySegment s = m.segment();
            for (long i = 0; i < s.byteSize(); i += 8) {
                s.set(JAVA_LONG, i, 1);
            }
            long expected = s.byteSize() / 8;
            long[] seen = new long[(int) (s.byteSize() / 8)];
            for (int round = 0; round < 20_000; round++) {
                if (sumWithATryAroundEachGet(s, seen) != expected) {
                    check(false, "sum in round " + round);
                }
            }
            System.out.println("warm");
            shrink(shrinker, file.path(), PAGE);
            for (int run = 1; run <= 3; run++) {
                caughtAtOffset = -1;
                java.util.Arrays.fill(seen, NOT_SEEN);
                try {
                    long sum = sumWithATryAroundEachGet(s, seen);
                    if (caughtAtOffset >= 0) {
                        System.out.println("run " + run + ": inside the try, caught at offset " + caughtAtOffset
                                + " = first faulting offset + " + (caughtAtOffset - PAGE) / 8 + " longs (sum so far "
                                + sum + ")");
                    } else {
                        System.out.println("run " + run + ": no InternalError at all, sum " + sum);
                        check(false, "run " + run + " of the loop past the end threw nothing");
                    }
                } catch (InternalError e) {
                    StackTraceElement top = e.getStackTrace()[0];
                    System.out.println("run " + run + ": outside the try around the access, thrown at "
                            + top.getMethodName() + ":" + top.getLineNumber() + " (the get is at line "
                            + lineOfTheGet() + "), " + pastTheEnd(seen));
                }
            }
            check(sumWithATryAroundEachGet(s.asSlice(0, PAGE), seen) == PAGE / 8, "the loop over page 0 alone still works");
        }
    }

    private static final long NOT_SEEN = 0x5ee5ee5ee5ee5eeL;

    /** {@return how many gets past the end of the file returned, and the values they returned} */
    private static String pastTheEnd(long[] seen) {
        long[] past = java.util.Arrays.copyOfRange(seen, (int) (PAGE / 8), seen.length);
        long returned = java.util.Arrays.stream(past).filter(v -> v != NOT_SEEN).count();
        return returned + " of the " + past.length + " gets past the end returned, with values "
                + java.util.Arrays.stream(past).filter(v -> v != NOT_SEEN).distinct().limit(5).boxed().toList();
    }

    /** {@return the source line of the {@code get} in {@link #sumWithATryAroundEachGet}}, taken from a trace. */
    private static int lineOfTheGet() {
        try {
            sumWithATryAroundEachGet(null, new long[1]);
        } catch (NullPointerException e) {
            for (StackTraceElement f : e.getStackTrace()) {
                if (f.getMethodName().equals("sumWithATryAroundEachGet")) {
                    return f.getLineNumber();
                }
            }
        }
        return -1;
    }

    /** A bulk operation over the whole mapped segment, against a heap buffer as big. */
    interface Bulk {
        void run(MemorySegment mapped, MemorySegment heap);
    }

    private static Bulk bulkOperation(String name) {
        return switch (name) {
            case "copyOut" -> (s, h) -> MemorySegment.copy(s, 0, h, 0, s.byteSize());
            case "copyIn" -> (s, h) -> MemorySegment.copy(h, 0, s, 0, s.byteSize());
            case "bufferGet" -> (s, h) -> s.asByteBuffer().get(0, (byte[]) h.heapBase().orElseThrow());
            case "mismatch" -> (s, h) -> {
                if (MemorySegment.mismatch(s, 0, s.byteSize(), h, 0, h.byteSize()) != -1) {
                    throw new AssertionError("mismatch");
                }
            };
            case "fill" -> (s, h) -> s.fill((byte) 0);
            default -> throw new IllegalArgumentException("no bulk operation " + name);
        };
    }

    /**
     * One bulk operation over a 4-page mapping of a file shrunk to 1 page: {@code cold} runs it for
     * the first time after the shrink, {@code hot} first runs it 20 000 times on the whole file.
     */
    static void bulk(Path dir, String shrinker, String name, String mode) throws Exception {
        Bulk op = bulkOperation(name);
        try (MappedFile file = create(dir, 4); Mapping m = file.map(0, 4 * PAGE, MapOptions.readWrite())) {
            MemorySegment s = m.segment();
            MemorySegment heap = MemorySegment.ofArray(new byte[(int) s.byteSize()]);
            if (mode.equals("hot")) {
                for (int round = 0; round < 20_000; round++) {
                    op.run(s, heap);
                }
            }
            shrink(shrinker, file.path(), PAGE);
            System.out.println("calling " + name);
            System.out.flush();
            expect(name + " over a file shrunk to 1 page (" + mode + ")", InternalError.class, () -> op.run(s, heap));
            check(s.get(JAVA_LONG, 0) == 0, "page 0 still reads");
        }
    }

    /**
     * A JDK routine fed {@code segment().asByteBuffer()} of a 4-page mapping whose file shrank to 1
     * page. Prints {@code calling <name>} and then, if the JVM survives, what happened.
     */
    static void intrinsic(Path dir, String name) throws Exception {
        try (MappedFile file = create(dir, 4); Mapping m = file.map(0, 4 * PAGE, MapOptions.readWrite())) {
            MemorySegment s = m.segment();
            s.fill((byte) 7);
            // for the Inflater: a raw deflate stream that opens with a stored block of 65 535 bytes,
            // so that it copies on past page 0 (header byte 0: not final, stored; then LEN, ~LEN)
            s.asSlice(0, 5).copyFrom(MemorySegment.ofArray(new byte[]{0, (byte) 0xff, (byte) 0xff, 0, 0}));
            ByteBuffer buffer = s.asByteBuffer();
            shrink("descriptor", file.path(), PAGE);
            System.out.println("calling " + name);
            System.out.flush();
            expect(name + " over asByteBuffer() of a file shrunk to 1 page", InternalError.class, () -> {
                switch (name) {
                    case "CRC32" -> update(new CRC32(), buffer);
                    case "CRC32C" -> update(new CRC32C(), buffer);
                    case "Adler32" -> update(new Adler32(), buffer);
                    case "Deflater" -> {
                        Deflater d = new Deflater();
                        d.setInput(buffer);
                        d.finish();
                        d.deflate(new byte[(int) (8 * PAGE)]);
                        d.end();
                    }
                    case "Inflater" -> {
                        Inflater i = new Inflater(true); // raw: any bytes are read before they are judged
                        i.setInput(buffer);
                        i.inflate(new byte[(int) (8 * PAGE)]);
                        i.end();
                    }
                    default -> throw new IllegalArgumentException("no routine " + name);
                }
            });
        }
    }

    private static void update(Checksum checksum, ByteBuffer buffer) {
        checksum.update(buffer);
        System.out.println(checksum.getClass().getSimpleName() + " returned " + checksum.getValue());
    }

    /**
     * A sealed memfd of 4 pages with {@link Seal#SHRINK}, mapped: this JVM's own {@code truncate},
     * a second descriptor opened through {@code /proc/self/fd} and, given a {@code shrink} program,
     * a second process through {@code /proc/<pid>/fd} all fail to shrink it; the whole mapping reads.
     * A regular file takes no seals.
     */
    static void sealedMemfd(Path dir, String shrinkProgram) throws Exception {
        try (MappedFile file = create(dir, 1)) {
            expect("addSeals on a regular file", NativeCallException.class, () -> file.addSeals(Seal.SHRINK));
        }
        try (MappedFile mem = MappedFile.memfd("sealed", true)) {
            mem.truncate(4 * PAGE);
            mem.addSeals(Seal.SHRINK);
            // unmapped, the kernel's seal refuses; mapped, mmap4j's own guard refuses first
            expect("truncate of the memfd itself to 1 page", NativeCallException.class, () -> mem.truncate(PAGE));
            try (Mapping m = mem.map(MapOptions.readWrite())) {
                MemorySegment s = m.segment();
                s.set(JAVA_LONG, 3 * PAGE, 3);
                expect("truncate of the mapped memfd to 1 page", IllegalStateException.class, () -> mem.truncate(PAGE));
                Path self = Path.of("/proc/self/fd/" + mem.nativeHandle());
                expect("setLength through a second descriptor " + self, IOException.class, () -> {
                    try (RandomAccessFile raf = new RandomAccessFile(self.toFile(), "rw")) {
                        raf.setLength(PAGE);
                    }
                });
                Path other = Path.of("/proc/" + ProcessHandle.current().pid() + "/fd/" + mem.nativeHandle());
                String out = new CProgram(Path.of(shrinkProgram)).run(other.toString(), Long.toString(PAGE)).strip();
                System.out.println("second process: " + out);
                check(out.startsWith("ftruncate failed: errno 1 "), "the second process got EPERM: " + out);
                check(mem.size() == 4 * PAGE, "the memfd is still 4 pages, not " + mem.size());
                check(s.get(JAVA_LONG, 3 * PAGE) == 3, "page 3 still reads");
                s.set(JAVA_LONG, 3 * PAGE, 4);
                check(s.get(JAVA_LONG, 3 * PAGE) == 4, "page 3 still takes writes");
                mem.truncate(8 * PAGE);
                check(mem.size() == 8 * PAGE, "growing is still allowed with only SHRINK");
            }
        }
    }

    /**
     * {@code MappedFile.truncate} below the end of a live mapping made through the same file is
     * refused and leaves the file as it was; a size that still covers every live mapping is fine.
     */
    static void truncateBelowALiveMapping(Path dir) throws Exception {
        try (MappedFile file = create(dir, 4)) {
            Mapping m = file.map(PAGE, 2 * PAGE, MapOptions.readWrite()); // file bytes [PAGE, 3 * PAGE)
            m.segment().set(JAVA_LONG, PAGE, 2);
            try {
                file.truncate(2 * PAGE);
                check(false, "truncate to 2 pages under a mapping of [" + PAGE + ", " + 3 * PAGE + ") was allowed");
            } catch (IllegalStateException e) {
                System.out.println("caught " + e.getClass().getName() + ": " + e.getMessage()
                        + " (truncate to 2 pages under a mapping of pages 1..2)");
                check(e.getMessage() != null && e.getMessage().contains(Long.toString(PAGE))
                                && e.getMessage().contains(Long.toString(3 * PAGE)),
                        "the message names the mapping's file range " + PAGE + ".." + 3 * PAGE + ": " + e.getMessage());
            }
            long size = file.size();
            check(size == 4 * PAGE, "the file is still 4 pages, not " + size);
            if (size >= 3 * PAGE) { // else the read below would fault
                check(m.segment().get(JAVA_LONG, PAGE) == 2, "the mapping's last page still reads");
            }
            file.truncate(3 * PAGE);
            check(file.size() == 3 * PAGE, "truncate to exactly the mapping's end works");
            file.truncate(5 * PAGE);
            check(file.size() == 5 * PAGE, "growing works");
            m.close();
            file.truncate(0);
            check(file.size() == 0, "with the mapping closed, truncate to 0 works");
        }
    }

    private static final int F_SETLEASE = 1024;
    private static final int F_GETLEASE = 1025;
    private static final int F_RDLCK = 0;
    private static final int F_UNLCK = 2;

    private static final MemoryLayout ERRNO_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = ERRNO_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** {@code int fcntl(int fd, int cmd, int arg)}, errno captured. */
    @SuppressWarnings("restricted") // a downcall with a fixed, correct signature
    private static final MethodHandle FCNTL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().findOrThrow("fcntl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));

    private static int fcntl(long fd, int cmd, int arg) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(ERRNO_STATE);
            int r = (int) FCNTL.invokeExact(state, (int) fd, cmd, arg);
            if (r == -1) {
                throw new IOException("fcntl(" + fd + ", " + cmd + ", " + arg + ") failed: errno "
                        + (int) ERRNO.get(state, 0L));
            }
            return r;
        }
    }

    /**
     * Takes a read lease ({@code F_SETLEASE}, {@code F_RDLCK}) on the file {@code data}, opened
     * read-only and mapped read-only, and prints {@code leased}. With {@code handler}, a
     * {@code SIGIO} handler closes the mapping and releases the lease when the kernel says another
     * process wants to write; with {@code none}, nothing handles {@code SIGIO}. Then it waits up to
     * 20 s for the lease to go and tries the old segment.
     */
    static void lease(Path dir, String handling) throws Throwable {
        try (MappedFile file = MappedFile.open(dir.resolve("data"), StandardOpenOption.READ)) {
            Mapping m = file.map(MapOptions.readOnly());
            MemorySegment s = m.segment();
            long fd = file.nativeHandle();
            CountDownLatch released = new CountDownLatch(1);
            if (handling.equals("handler")) {
                onSignal("IO", () -> {
                    try {
                        m.close();
                        fcntl(fd, F_SETLEASE, F_UNLCK);
                        System.out.println("SIGIO: mapping closed, lease released");
                        released.countDown();
                    } catch (Throwable e) {
                        check(false, "the SIGIO handler failed: " + e);
                    }
                });
            }
            fcntl(fd, F_SETLEASE, F_RDLCK);
            check(fcntl(fd, F_GETLEASE, 0) == F_RDLCK, "the lease is a read lease");
            System.out.println("leased");
            System.out.flush();
            check(released.await(20, TimeUnit.SECONDS), "the lease was released within 20 s");
            expect("read of the mapping after the lease broke", IllegalStateException.class,
                    () -> s.get(JAVA_BYTE, 0));
        }
    }

    /**
     * {@code sun.misc.Signal.handle(new Signal(name), handler)}, through reflection: the test
     * sources compile inside module {@code io.mmap4j}, which does not read {@code jdk.unsupported},
     * while the child runs them on the class path, where {@code sun.misc} is visible.
     */
    private static void onSignal(String name, Runnable handler) throws ReflectiveOperationException {
        Class<?> signal = Class.forName("sun.misc.Signal");
        Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
        Object proxy = java.lang.reflect.Proxy.newProxyInstance(handlerType.getClassLoader(),
                new Class<?>[]{handlerType}, (self, method, args) -> {
                    if (method.getName().equals("handle")) {
                        handler.run();
                        return null;
                    }
                    return method.invoke(handler, args); // equals, hashCode, toString
                });
        signal.getMethod("handle", signal, handlerType)
                .invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The child side of {@link RaceTest}: one race or raw-call scenario, named by the first argument,
 * run in the working directory. Every broken expectation prints a line starting {@code FAILED};
 * every fact the parent checks prints {@code count NAME: N} or a {@code caught}/{@code fact} line.
 * Exits 0 only if no expectation broke; a fault leaves an {@code hs_err} file for the parent.
 *
 * <p>Where the library hands out a segment that the kernel says cannot be read, the scenario first
 * prints {@code FAILED}, then (with the argument {@code touch}) reads through it anyway, so that
 * today's fault shows up as what it is: a crash.
 */
final class RaceScenarios {
    private static final long PAGE = PageSize.get();
    private static final int PROT_READ = 1, PROT_WRITE = 2, PROT_GROWSDOWN = 0x01000000;
    private static final int MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20, MAP_GROWSDOWN = 0x100;
    private static final int MADV_HWPOISON = 100, MADV_GUARD_INSTALL = 102;

    private static final AtomicInteger FAILURES = new AtomicInteger();
    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

    /**
     * What each racing scenario must have seen before it stops, whatever the speed of the machine: it
     * runs the milliseconds it is given, then on until every count here reaches its minimum, at most
     * ten times as long (then the parent fails it, naming the counts).
     */
    static final Map<String, Map<String, Long>> TARGETS = Map.of(
            "reservationCloseRacingSplit", Map.of(
                    "split before close (unmap returned 2 parts)", 1L,
                    "close before split (unmap threw IllegalStateException)", 1L,
                    "checked read of the original segment after the race", 10L,
                    "unrelated mapping placed over the old range", 1L,
                    "unrelated mapping intact", 1L),
            "doubleReservationCloseRacingPlacement", Map.of(
                    "placer was refused while the reservation held the range, then mapped it", 10L,
                    "placer's successful mmap began before both closes had returned", 1L),
            "closeWhileOthersUse", closeWhileOthersUseTargets());

    private static Map<String, Long> closeWhileOthersUseTargets() {
        Map<String, Long> t = new java.util.HashMap<>();
        for (String op : List.of("reader", "splitter", "protector", "syncer")) {
            t.put(op + " succeeded", 1L);
            t.put(op + " threw IllegalStateException", 1L);
        }
        for (String op : List.of("reader", "splitter", "protector")) { // sync is not confined to the owner
            t.put(op + " threw WrongThreadException", 1L); // the confined rounds
        }
        t.put("closer closed the first mapping", 10L);
        return Map.copyOf(t);
    }

    /** Whether a scenario goes on: no failure yet, and its time is not up or its targets are not met. */
    private static boolean goOn(String scenario, long started, long millis) {
        long ran = (System.nanoTime() - started) / 1_000_000;
        if (FAILURES.get() != 0 || ran >= 10 * millis) {
            return false;
        }
        return ran < millis || TARGETS.get(scenario).entrySet().stream()
                .anyMatch(e -> COUNTS.getOrDefault(e.getKey(), new AtomicLong()).get() < e.getValue());
    }

    private RaceScenarios() {
    }

    public static void main(String[] args) throws Throwable {
        Path dir = Path.of("").toAbsolutePath();
        boolean touch = args.length > 1 && args[1].equals("touch");
        long millis = args.length > 2 ? Long.parseLong(args[2]) : 8_000;
        switch (args[0]) {
            case "reservationCloseRacingSplit" -> reservationCloseRacingSplit(touch, millis);
            case "doubleReservationCloseRacingPlacement" -> doubleReservationCloseRacingPlacement(touch, millis);
            case "guardInstall" -> rawAdvice(MADV_GUARD_INSTALL, "MADV_GUARD_INSTALL");
            case "hwPoison" -> rawAdvice(MADV_HWPOISON, "MADV_HWPOISON");
            case "growsDownProtect" -> growsDownProtect(touch);
            case "closeWhileOthersUse" -> closeWhileOthersUse(dir, millis);
            default -> throw new IllegalArgumentException("no scenario " + args[0]);
        }
        new TreeMap<>(COUNTS).forEach((k, v) -> System.out.println("count " + k + ": " + v.get()));
        System.out.flush();
        System.exit(FAILURES.get() == 0 ? 0 : 1);
    }

    // ---- a. a reservation's close racing a split of a mapping placed in it

    static void reservationCloseRacingSplit(boolean touch, long millis) throws Exception {
        long started = System.nanoTime();
        int iterations = 0;
        while (goOn("reservationCloseRacingSplit", started, millis)) {
            iterations++;
            Reservation r = Reservation.reserve(16 * PAGE);
            Mapping m = r.mapAnonymous(8 * PAGE, MapOptions.copyOnWrite(), 0);
            MemorySegment old = m.segment();
            old.fill((byte) 7);
            CyclicBarrier start = new CyclicBarrier(2);
            AtomicReference<List<Mapping>> parts = new AtomicReference<>();
            AtomicReference<Throwable> splitError = new AtomicReference<>(), closeError = new AtomicReference<>();
            int skew = ThreadLocalRandom.current().nextInt(-30, 31); // microseconds one side waits, to see both orders
            Thread a = Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    spin(skew);
                    parts.set(m.unmap(2 * PAGE, 2 * PAGE).parts());
                } catch (Throwable t) {
                    splitError.set(t);
                }
            });
            Thread b = Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    spin(-skew);
                    r.close();
                } catch (Throwable t) {
                    closeError.set(t);
                }
            });
            a.join();
            b.join();
            if (closeError.get() != null) {
                fail("iteration " + iterations + ": reservation close threw", closeError.get());
            }
            List<Mapping> got = parts.get();
            if (got == null) {
                if (splitError.get() instanceof IllegalStateException) {
                    count("close before split (unmap threw IllegalStateException)");
                } else {
                    fail("iteration " + iterations + ": unmap threw", splitError.get());
                }
                got = List.of();
            } else {
                count("split before close (unmap returned " + got.size() + " parts)");
            }
            check(!m.isOpen(), "the original mapping is closed after the race");
            expectIllegalState("read of the original segment after the race", () -> old.get(JAVA_BYTE, 0));
            checkOpenMappingsAgainstTheKernel("iteration " + iterations, got, touch);

            // an unrelated mapping over the reservation's old range, where it is free, must survive
            // closing the parts and the reservation again
            Mapping neighbour = mapOverIfFree(r.address(), 16 * PAGE);
            for (Mapping p : got) {
                p.close();
            }
            r.close();
            if (neighbour != null) {
                checkNeighbourIntact("iteration " + iterations, neighbour);
                neighbour.close();
            }
        }
        System.out.println("iterations: " + iterations);
    }

    /**
     * Checks every open mapping against {@code /proc/self/maps} (the whole kernel range, with at least
     * the rights of its segment), reads every open one whose range is mapped (and, with
     * {@code touch}, also those that are not), and checks that closed ones refuse a segment.
     */
    private static void checkOpenMappingsAgainstTheKernel(String when, List<Mapping> mappings, boolean touch) {
        for (Mapping p : mappings) {
            if (!p.isOpen()) {
                count("part closed after the race");
                expectIllegalState("segment() of a closed part", p::segment);
                continue;
            }
            count("part open after the race");
            MemorySegment s;
            try {
                s = p.segment();
            } catch (IllegalStateException e) {
                check(false, when + ": open part " + p + " has no segment: " + e.getMessage());
                continue;
            }
            String missing = kernelShortfall(p.kernelStart(), p.kernelEnd(), !s.isReadOnly());
            if (missing != null) {
                check(false, when + ": " + p + " is open, but " + missing);
                if (!touch) {
                    continue;
                }
                System.out.println("touching the segment of " + p + " anyway");
            }
            for (long at = 0; at < s.byteSize(); at += PAGE) {
                if (s.get(JAVA_BYTE, at) != 7) {
                    check(false, when + ": " + p + " byte " + at + " lost its contents");
                    break;
                }
            }
        }
    }

    /**
     * {@return null if every page of {@code [start, end)} is mapped and readable (and writable if
     * asked) in {@code /proc/self/maps}; else what is missing}
     */
    private static String kernelShortfall(long start, long end, boolean writable) {
        ProcMaps maps = ProcMaps.read();
        for (long at = start; at < end; at += PAGE) {
            Optional<ProcMaps.Entry> e = maps.at(at);
            if (e.isEmpty()) {
                return "nothing is mapped at 0x" + Long.toHexString(at);
            }
            String perms = e.get().perms();
            if (perms.charAt(0) != 'r' || (writable && perms.charAt(1) != 'w')) {
                return "0x" + Long.toHexString(at) + " is " + perms + " in /proc/self/maps";
            }
        }
        return null;
    }

    /** Maps read-write anonymous memory at {@code address} if the range is free, and fills it; else null. */
    private static Mapping mapOverIfFree(long address, long length) throws Exception {
        try {
            Mapping n = Mapping.anonymous(length, MapOptions.of(Protection.READ_WRITE, Sharing.PRIVATE).atAddress(address));
            n.segment().fill((byte) 0x5A);
            count("unrelated mapping placed over the old range");
            return n;
        } catch (NativeCallException e) {
            if (!e.errorName().equals("EEXIST")) {
                throw e;
            }
            count("old range still in use, no unrelated mapping placed");
            return null;
        }
    }

    private static void checkNeighbourIntact(String when, Mapping neighbour) {
        String missing = kernelShortfall(neighbour.kernelStart(), neighbour.kernelEnd(), true);
        if (missing != null) {
            check(false, when + ": an unrelated read-write mapping " + neighbour + " was clobbered: " + missing);
            return;
        }
        MemorySegment s = neighbour.segment();
        for (long at = 0; at < s.byteSize(); at += PAGE) {
            if (s.get(JAVA_BYTE, at) != 0x5A) {
                check(false, when + ": the unrelated mapping " + neighbour + " lost its contents at byte " + at);
                return;
            }
        }
        count("unrelated mapping intact");
    }

    // ---- b. two closes of one reservation while a third thread maps where it was

    static void doubleReservationCloseRacingPlacement(boolean touch, long millis) throws Exception {
        long started = System.nanoTime();
        int iterations = 0;
        MapOptions rw = MapOptions.of(Protection.READ_WRITE, Sharing.PRIVATE);
        while (goOn("doubleReservationCloseRacingPlacement", started, millis)) {
            iterations++;
            Reservation r = Reservation.reserve(16 * PAGE);
            r.mapAnonymous(4 * PAGE, MapOptions.copyOnWrite(), 4 * PAGE).segment().fill((byte) 1);
            MapOptions there = rw.atAddress(r.address());
            CyclicBarrier start = new CyclicBarrier(3);
            AtomicInteger closesReturned = new AtomicInteger();
            AtomicReference<Throwable> error = new AtomicReference<>();
            Runnable closer = () -> {
                try {
                    start.await();
                    r.close();
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                } finally {
                    closesReturned.incrementAndGet();
                }
            };
            AtomicReference<Mapping> got = new AtomicReference<>();
            AtomicInteger closesBeforeMapping = new AtomicInteger(-1);
            AtomicInteger refusals = new AtomicInteger();
            Thread placer = Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    while (true) {
                        int returned = closesReturned.get();
                        boolean last = returned == 2; // after both closes the range is free
                        try {
                            got.set(Mapping.anonymous(PAGE, there));
                            closesBeforeMapping.set(returned);
                            return;
                        } catch (NativeCallException e) {
                            if (!e.errorName().equals("EEXIST")) {
                                throw e;
                            }
                            if (last) { // something else of this JVM took the address: nothing to check
                                count("address taken by something else after both closes");
                                return;
                            }
                            refusals.incrementAndGet();
                        }
                    }
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                }
            });
            Thread c1 = Thread.ofPlatform().start(closer), c2 = Thread.ofPlatform().start(closer);
            c1.join();
            c2.join();
            placer.join();
            if (error.get() != null) {
                fail("iteration " + iterations, error.get());
                break;
            }
            Mapping m = got.get();
            if (m == null) {
                continue;
            }
            if (refusals.get() > 0) {
                count("placer was refused while the reservation held the range, then mapped it");
            }
            if (closesBeforeMapping.get() < 2) {
                count("placer's successful mmap began before both closes had returned");
            }
            String missing = kernelShortfall(m.kernelStart(), m.kernelEnd(), true);
            if (missing != null) {
                check(false, "iteration " + iterations + ": the placer's mapping " + m + " (its mmap began when "
                        + closesBeforeMapping.get() + " closes had returned) is open, but " + missing);
                if (touch) {
                    System.out.println("touching the placer's mapping anyway");
                    m.segment().get(JAVA_LONG, 0);
                }
            } else {
                m.segment().set(JAVA_LONG, 0, 42);
                check(m.segment().get(JAVA_LONG, 0) == 42, "the placer's mapping keeps what was written");
            }
            m.close();
        }
        System.out.println("iterations: " + iterations);
    }

    // ---- c. raw advice that makes pages fault without changing what /proc/self/maps shows

    static void rawAdvice(int advice, String name) throws Exception {
        try (Mapping m = Mapping.anonymous(4 * PAGE, MapOptions.of(Protection.READ_WRITE, Sharing.PRIVATE))) {
            m.segment().fill((byte) 3);
            try {
                m.raw().advise(0, PAGE, advice);
                System.out.println("fact: adviseRaw(0, page, " + advice + ") returned normally");
            } catch (IllegalArgumentException e) {
                System.out.println("caught " + e.getClass().getName() + ": " + e.getMessage() + " (adviseRaw " + name + ")");
                check(e.getMessage().contains(name) || e.getMessage().contains(Integer.toString(advice)),
                        "the refusal names the advice " + name + ": " + e.getMessage());
            } catch (NativeCallException e) {
                System.out.println("fact: adviseRaw(0, page, " + advice + ") failed in the kernel: " + e.getMessage());
            }
            // whatever happened, every segment the API hands out must be readable
            List<String> ways = List.of("segment()", "segment(0, page)", "segment(page, page)", "segment(0, 4 pages)");
            for (String way : ways) {
                MemorySegment s;
                try {
                    s = switch (way) {
                        case "segment()" -> m.segment();
                        case "segment(0, page)" -> m.segment(0, PAGE);
                        case "segment(page, page)" -> m.segment(PAGE, PAGE);
                        default -> m.segment(0, 4 * PAGE);
                    };
                } catch (IllegalStateException e) {
                    System.out.println("fact: " + way + " refused: " + e.getMessage());
                    continue;
                }
                System.out.println("reading " + way);
                for (long at = 0; at < s.byteSize(); at += PAGE) {
                    s.get(JAVA_BYTE, at);
                }
                System.out.println("fact: " + way + " was readable");
            }
            System.out.println("fact: every segment handed out was readable");
        }
    }

    // ---- d. mprotect with PROT_GROWSDOWN changes pages below the range asked for

    static void growsDownProtect(boolean touch) throws Exception {
        int pages = 8;
        Mapping m = Mapping.anonymous(pages * PAGE,
                MapOptions.raw(PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN));
        m.segment().fill((byte) 9);
        try {
            m.raw().protect(3 * PAGE, PAGE, PROT_GROWSDOWN);
            System.out.println("fact: protectRaw(3 * page, page, PROT_NONE | PROT_GROWSDOWN) returned normally");
        } catch (IllegalArgumentException e) {
            System.out.println("caught " + e.getClass().getName() + ": " + e.getMessage() + " (protectRaw PROT_GROWSDOWN)");
        }
        ProcMaps maps = ProcMaps.read();
        boolean allReadable = true;
        for (int i = 0; i < pages; i++) {
            long at = m.kernelStart() + i * PAGE;
            String perms = maps.at(at).map(ProcMaps.Entry::perms).orElse("unmapped");
            boolean kernelReads = perms.charAt(0) == 'r', kernelWrites = perms.length() > 1 && perms.charAt(1) == 'w';
            allReadable &= kernelReads;
            MemorySegment s = null;
            try {
                s = m.segment(i * PAGE, PAGE);
            } catch (IllegalStateException e) {
                // no segment: fine whatever the kernel says
            }
            String granted = s == null ? "none" : s.isReadOnly() ? "read" : "read-write";
            System.out.println("fact: page " + i + " kernel " + perms + ", segment " + granted);
            if (s != null && (!kernelReads || (!s.isReadOnly() && !kernelWrites))) {
                check(false, "page " + i + ": a " + granted + " segment over a page /proc/self/maps shows as " + perms);
                if (touch) {
                    System.out.println("touching page " + i + " anyway");
                    s.get(JAVA_BYTE, 0);
                }
            }
            if (s == null && kernelReads) {
                check(false, "page " + i + " is " + perms + " in /proc/self/maps, but the mapping gives no segment");
            }
        }
        check(m.isReadable() == allReadable, "isReadable() is " + m.isReadable() + ", /proc/self/maps says "
                + allReadable);
        System.out.println("fact: isReadable() " + m.isReadable());
        m.close();
    }

    // ---- e. close while other threads read, split, protect and sync

    static void closeWhileOthersUse(Path dir, long millis) throws Exception {
        long started = System.nanoTime();
        int rounds = 0;
        try (MappedFile file = MappedFile.open(dir.resolve("data"), StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE)) {
            file.allocate(0, 16 * PAGE);
            while (goOn("closeWhileOthersUse", started, millis)) {
                rounds++;
                closeRound(file, rounds % 5 == 0);
            }
        }
        System.out.println("rounds: " + rounds);
    }

    private interface Op {
        void run(Mapping m, ThreadLocalRandom rnd) throws Exception;
    }

    private static void closeRound(MappedFile file, boolean confined) throws Exception {
        List<Mapping> all = new CopyOnWriteArrayList<>();
        AtomicBoolean over = new AtomicBoolean();
        CyclicBarrier start = new CyclicBarrier(5);
        AtomicReference<Mapping> first = new AtomicReference<>();
        CountDownLatch tried = new CountDownLatch(4); // every op tries the open first mapping at least once
        MapOptions options = confined ? MapOptions.readWrite().confined() : MapOptions.readWrite();
        if (!confined) {
            first.set(file.map(0, 16 * PAGE, options));
            all.add(first.get());
        }
        Op read = (m, rnd) -> {
            MemorySegment s = rnd.nextBoolean() ? m.segment() : m.segment(PAGE * rnd.nextLong(m.length() / PAGE), PAGE);
            long sum = 0;
            for (long at = 0; at < s.byteSize(); at += 512) {
                sum += s.get(JAVA_BYTE, at);
            }
            if (!s.isReadOnly()) {
                s.set(JAVA_BYTE, 0, (byte) sum);
            }
        };
        Op split = (m, rnd) -> {
            long pages = m.length() / PAGE;
            long from = rnd.nextLong(pages), n = 1 + rnd.nextLong(pages - from);
            if (n < pages) { // never the whole mapping: that is close
                all.addAll(m.unmap(from * PAGE, n * PAGE).parts());
            }
        };
        Protection[] protections = {Protection.NONE, Protection.READ, Protection.READ_WRITE};
        Op protect = (m, rnd) -> {
            long pages = m.length() / PAGE;
            long from = rnd.nextLong(pages), n = 1 + rnd.nextLong(pages - from);
            m.protect(from * PAGE, n * PAGE, protections[rnd.nextInt(3)]);
        };
        Op sync = (m, rnd) -> m.sync(0, m.length(), rnd.nextBoolean() ? SyncMode.ASYNC : SyncMode.SYNC);
        List<Thread> threads = new ArrayList<>();
        for (Map.Entry<String, Op> e : Map.of("reader", read, "splitter", split, "protector", protect, "syncer", sync)
                .entrySet()) {
            threads.add(Thread.ofPlatform().name(e.getKey()).start(() -> {
                await(start);
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                boolean triedFirst = false;
                while (!over.get()) {
                    if (all.isEmpty()) {
                        Thread.onSpinWait();
                        continue;
                    }
                    // the first try goes to the first mapping, so that even a thread the scheduler starts
                    // late meets it open (on a loaded machine the closer's spin can end before)
                    Mapping m = triedFirst ? all.get(rnd.nextInt(all.size())) : first.get();
                    try {
                        e.getValue().run(m, rnd);
                        count(e.getKey() + " succeeded");
                    } catch (IllegalStateException | WrongThreadException | IllegalArgumentException x) {
                        count(e.getKey() + " threw " + x.getClass().getSimpleName());
                    } catch (Throwable x) {
                        fail(e.getKey() + " on " + m, x);
                    }
                    if (!triedFirst) {
                        triedFirst = true;
                        tried.countDown();
                    }
                }
            }));
        }
        // the closer: maps the confined mapping itself, lets the others run a little, then closes everything
        await(start);
        if (confined) {
            first.set(file.map(0, 16 * PAGE, options));
            all.add(first.get());
        }
        spin(ThreadLocalRandom.current().nextInt(50, 400));
        if (!tried.await(30, TimeUnit.SECONDS)) {
            check(false, "every op thread tried the first mapping within 30 s");
        }
        try {
            first.get().close();
            count("closer closed the first mapping");
        } catch (IllegalStateException e) {
            count("closer's close threw IllegalStateException");
        }
        over.set(true);
        for (Thread t : threads) {
            t.join();
        }
        for (Mapping m : all) {
            if (m.isOpen()) {
                String missing = kernelShortfall(m.kernelStart(), m.kernelEnd(), false);
                // protect may have left pages PROT_NONE: only check that something of ours is mapped there
                if (missing != null && missing.startsWith("nothing")) {
                    check(false, m + " is open, but " + missing);
                }
                m.close();
            } else {
                expectIllegalState("segment() of a closed mapping", m::segment);
            }
        }
        check(!first.get().isOpen(), "the first mapping is closed");
    }

    // ---- helpers

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Busy-waits about {@code micros} microseconds (nothing for zero or less). */
    private static void spin(long micros) {
        long end = System.nanoTime() + micros * 1000;
        while (micros > 0 && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static void count(String what) {
        COUNTS.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    private interface Access {
        void run() throws Exception;
    }

    private static void expectIllegalState(String what, Access access) {
        try {
            access.run();
            check(false, what + " threw nothing, expected IllegalStateException");
        } catch (IllegalStateException e) {
            count("checked " + what);
        } catch (Throwable t) {
            fail(what + " threw, expected IllegalStateException", t);
        }
    }

    private static void fail(String what, Throwable t) {
        check(false, what + ": " + t);
        t.printStackTrace(System.out);
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            FAILURES.incrementAndGet();
            System.out.println("FAILED: " + what);
        }
    }
}

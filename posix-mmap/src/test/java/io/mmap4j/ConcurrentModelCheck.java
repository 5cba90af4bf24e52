// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The child side of {@link ConcurrentModelCheckTest}: several threads change a shared pool of
 * mappings at random (split, protect, protectRaw, remap, discard, close, double close, placements
 * in reservations, reservation close) while reader threads read and write segments taken from the
 * pool. Every {@value #PAUSE_MILLIS} ms all threads stop at a barrier and the checker compares the
 * library's view with {@code /proc/self/maps} and a model of the file's bytes.
 *
 * <p>Arguments: {@code [SEED [SECONDS]]}; the seed also comes from {@code -Dseed=...}, else it is
 * random. It is printed first ({@code seed: N}). The seed fixes each thread's choices, not how the
 * threads interleave, so a replay repeats the mix of operations, not the exact schedule. To narrow
 * a failure down, {@code -Dexclude=reservation close,split} leaves those mutations out.
 *
 * <p>What holds at every quiescent point:
 * <ul>
 * <li>no two open mappings own the same pages;</li>
 * <li>every page of an open mapping's kernel range is mapped, from the right file and with the
 * right sharing, and no segment grants reading or writing that {@code /proc/self/maps} does not
 * show;</li>
 * <li>closed mappings refuse segments, and segments held from them throw on access;</li>
 * <li>a held segment that still works lies inside its open mapping, over pages the kernel lets it
 * use;</li>
 * <li>every mapping placed in a closed reservation is closed; an open reservation lists exactly
 * its open mappings, and its free pages are {@code ---p};</li>
 * <li>the file, and every readable page of its shared mappings, holds what the model says.</li>
 * </ul>
 * Readers write only the longs of the file they own (long index modulo the number of readers),
 * so the model of each long has one writer; they also check those longs on every read.
 *
 * <p>Expected exceptions from racing are counted: {@link IllegalStateException} where a race
 * explains it (a mutation of a mapping that another thread closed or split meanwhile, a placement in
 * a reservation another thread closed meanwhile, a reader's segment of a mapping closed, split or
 * re-protected meanwhile, or no readable segment; never from map, close or a reservation's close), {@code EFAULT} from {@code mremap}
 * growing a range the kernel holds as several mappings, and {@link UnsupportedOperationException}
 * from remapping a placed mapping. Anything else, including {@link IllegalArgumentException}
 * (every argument here is in range for the object it is given to), is a failure. On a failure
 * prints {@code FAILED seed=N: ...} and exits 1; else prints the counts and exits 0.
 */
final class ConcurrentModelCheck {
    private static final long P = PageSize.get();
    private static final int FILE_PAGES = 64;
    private static final int RESERVATION_PAGES = 32;
    private static final int RESERVATIONS = 2;
    private static final int MUTATORS = 3;
    private static final int READERS = 2;
    private static final int MAX_OPEN = 24;
    private static final int MAX_PAGES = 12;
    private static final int PAUSE_MILLIS = 250;
    /**
     * What a run must have done before it stops, whatever the speed of the machine: it runs at least
     * the seconds it is given, then on until every count here reaches its minimum (or its bound passes,
     * and the parent fails it). Every mutation succeeds many times; the ones that race with a close or
     * split on another thread also lose such races; readers use fresh and held segments.
     */
    static final Map<String, Long> TARGETS = targets();

    private static Map<String, Long> targets() {
        Map<String, Long> t = new java.util.LinkedHashMap<>();
        for (String op : List.of("map", "place", "split", "protect", "protectRaw", "remap", "discard", "sync",
                "close", "double close", "reservation close")) {
            t.put("count " + op + " succeeded", 50L);
        }
        for (String op : List.of("split", "protect", "remap")) { // close of a closed mapping returns quietly
            t.put("count " + op + " threw IllegalStateException", 5L);
        }
        for (String lifetime : List.of("an automatic", "a grouped", "a batched")) {
            t.put("count place of " + lifetime + " mapping refused before any call", 5L);
        }
        t.put("count place of a confined mapping, used and closed by its thread", 5L);
        t.put("count remap past the end of the file refused", 5L);
        t.put("count reader used a fresh segment", 1000L);
        t.put("count reader's fresh segment threw IllegalStateException", 5L);
        t.put("count checked held segments of closed mappings", 5L);
        t.put("count checked pages of shared file mappings", 1000L);
        t.put("quiescent checks", 20L);
        return java.util.Collections.unmodifiableMap(t);
    }

    /** Operations left out, for narrowing a failure down: {@code -Dexclude=split,reservation close}. */
    private static final List<String> EXCLUDED = List.of(System.getProperty("exclude", "").split(","));

    private enum Kind {
        FILE_SHARED(true, true), FILE_PRIVATE(true, false), ANON_PRIVATE(false, false),
        PLACED_ANON(false, false), PLACED_FILE_SHARED(true, true);

        final boolean file;
        final boolean shared;

        Kind(boolean file, boolean shared) {
            this.file = file;
            this.shared = shared;
        }
    }

    /** One mapping object the API handed out, with what the test knows about it. */
    private record Entry(Mapping m, Kind kind, Reservation owner) {
        long pages() {
            return (m.kernelEnd() - m.kernelStart()) / P;
        }
    }

    /** A segment a reader kept, to use later. */
    private record Held(Entry entry, MemorySegment segment) {
    }

    private final long seed;
    private final Path path;
    private final MappedFile file;
    private final long[] model = new long[(int) (FILE_PAGES * P / 8)]; // the file's longs; long i is written only by reader i % READERS
    // a write that threw IllegalStateException may still have happened: the shared arena's close stops
    // a thread with an asynchronous exception, which can arrive just after the store. Until a read
    // settles it, such a long may hold its model value or this one.
    private final long[] maybe = new long[model.length];
    private final boolean[] uncertain = new boolean[model.length];
    private final List<Entry> pool = new ArrayList<>();                 // guarded by itself
    private final List<Entry> retired = new ArrayList<>();               // guarded by pool: closed or replaced, checked once
    private final AtomicReferenceArray<Reservation> reservations = new AtomicReferenceArray<>(RESERVATIONS);
    private final List<Reservation> closedReservations = new ArrayList<>(); // guarded by pool
    private final List<List<Held>> held = new ArrayList<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final MappingGroup group = MappingGroup.open();       // offered to placements, which must refuse it
    private final MappingGroup batched = MappingGroup.openBatched(4, java.time.Duration.ofMillis(50));
    private final CyclicBarrier paused = new CyclicBarrier(MUTATORS + READERS + 1);
    private final CyclicBarrier resumed = new CyclicBarrier(MUTATORS + READERS + 1);
    private volatile boolean pause;
    private volatile boolean stop;

    private ConcurrentModelCheck(long seed, Path dir) throws IOException {
        this.seed = seed;
        this.path = dir.resolve("model-data");
        byte[] initial = new byte[(int) (FILE_PAGES * P)];
        new SplittableRandom(seed).nextBytes(initial);
        Files.write(path, initial);
        ByteBuffer.wrap(initial).order(ByteOrder.nativeOrder()).asLongBuffer().get(model);
        file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        for (int i = 0; i < RESERVATIONS; i++) {
            reservations.set(i, Reservation.reserve(RESERVATION_PAGES * P));
        }
        for (int i = 0; i < READERS; i++) {
            held.add(new ArrayList<>());
        }
    }

    public static void main(String[] args) throws Exception {
        long seed = args.length > 0 ? Long.parseLong(args[0])
                : Long.getLong("seed", new SplittableRandom().nextLong());
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
        long bound = args.length > 2 ? Long.parseLong(args[2]) : 6 * seconds;
        System.out.println("seed: " + seed + " (replay: " + ConcurrentModelCheck.class.getName() + " " + seed + " "
                + seconds + " " + bound + ")");
        ConcurrentModelCheck check = new ConcurrentModelCheck(seed, Path.of("").toAbsolutePath());
        boolean ok = check.run(seconds * 1000, bound * 1000);
        check.counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.println("count " + e.getKey() + ": " + e.getValue().get()));
        System.out.println(ok ? "no failures, seed " + seed : "FAILED seed=" + seed);
        System.out.flush();
        System.exit(ok ? 0 : 1);
    }

    /** Runs at least {@code millis}, then until {@link #TARGETS} are met, but never past {@code boundMillis}. */
    private boolean run(long millis, long boundMillis) throws Exception {
        SplittableRandom root = new SplittableRandom(seed);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < MUTATORS; i++) {
            int id = i;
            SplittableRandom rnd = root.split();
            threads.add(Thread.ofPlatform().name("mutator " + i).start(() -> work(() -> mutate(id, rnd))));
        }
        for (int i = 0; i < READERS; i++) {
            int id = i;
            SplittableRandom rnd = root.split();
            threads.add(Thread.ofPlatform().name("reader " + i).start(() -> work(() -> read(id, rnd))));
        }
        long started = System.nanoTime();
        int quiescent = 0;
        while (true) {
            long ran = (System.nanoTime() - started) / 1_000_000;
            boolean last = (ran >= millis && unmet(quiescent).isEmpty()) || ran >= boundMillis || !failures.isEmpty();
            Thread.sleep(last ? 0 : PAUSE_MILLIS);
            pause = true;
            try {
                paused.await(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                System.out.println("FAILED seed=" + seed + ": a thread did not reach the quiescent point within 30 s");
                Thread.getAllStackTraces().forEach((t, stack) -> {
                    System.out.println(t);
                    for (StackTraceElement f : stack) {
                        System.out.println("    at " + f);
                    }
                });
                System.out.flush();
                Runtime.getRuntime().halt(1);
            }
            pause = false;
            try {
                checkQuiescent();
                quiescent++;
            } catch (RuntimeException | AssertionError e) {
                failure("checker", e);
            }
            if (last || !failures.isEmpty()) {
                stop = true;
            }
            resumed.await();
            if (stop) {
                break;
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("quiescent checks: " + quiescent);
        List<String> unmet = unmet(quiescent);
        System.out.println(unmet.isEmpty() ? "targets met in " + (System.nanoTime() - started) / 1_000_000_000 + " s"
                : "targets unmet after " + boundMillis / 1000 + " s: " + unmet);
        if (failures.isEmpty()) {
            finish();
        }
        return failures.isEmpty();
    }

    /** {@return the targets not yet reached, each with its count} */
    private List<String> unmet(long quiescent) {
        List<String> unmet = new ArrayList<>();
        TARGETS.forEach((name, least) -> {
            long n = name.equals("quiescent checks") ? quiescent
                    : counts.getOrDefault(name.substring("count ".length()), new AtomicLong()).get();
            if (n < least) {
                unmet.add(name + ": " + n + " of " + least);
            }
        });
        return unmet;
    }

    private interface Step {
        void run() throws Exception;
    }

    /** A worker's loop: one step at a time, stopping at the barriers when the checker asks. */
    private void work(Step step) {
        try {
            while (true) {
                if (pause) {
                    paused.await();
                    resumed.await();
                    if (stop) {
                        return;
                    }
                }
                try {
                    step.run();
                } catch (Throwable t) {
                    failure(Thread.currentThread().getName(), t);
                }
                if (Thread.interrupted()) {
                    // HotSpot sets the interrupt flag of a thread whose segment access a concurrent
                    // close stopped (it installs the async exception as Thread.stop did)
                    count("interrupt flag set by a close that stopped an access");
                }
            }
        } catch (InterruptedException | BrokenBarrierException e) {
            failure(Thread.currentThread().getName() + " at a barrier", e);
        }
    }

    // ---- the pool

    private Entry pick(SplittableRandom rnd) {
        synchronized (pool) {
            return pool.isEmpty() ? null : pool.get(rnd.nextInt(pool.size()));
        }
    }

    private void replace(Entry old, List<Entry> successors) {
        synchronized (pool) {
            if (old != null && pool.remove(old)) {
                retired.add(old);
            }
            pool.addAll(successors);
        }
    }

    private int poolSize() {
        synchronized (pool) {
            return pool.size();
        }
    }

    // ---- mutators

    private void mutate(int id, SplittableRandom rnd) throws Exception {
        int r = rnd.nextInt(100);
        Entry e = pick(rnd);
        String op;
        if (e == null || (r < 14 && poolSize() < MAX_OPEN)) {
            op = id == 0 && rnd.nextBoolean() ? "place" : "map";
        } else if (r < 30) {
            op = "split";
        } else if (r < 44) {
            op = "protect";
        } else if (r < 54) {
            op = "protectRaw";
        } else if (r < 64) {
            op = "remap";
        } else if (r < 72) {
            op = "discard";
        } else if (r < 78) {
            op = "sync";
        } else if (r < 88) {
            op = "close";
        } else if (r < 92) {
            op = "double close";
        } else if (r < 95) {
            op = "reservation close";
        } else {
            op = id == 0 ? "place" : "map";
        }
        if ((op.equals("place") || op.equals("map")) && e != null && poolSize() >= MAX_OPEN) {
            op = "split";
        }
        if (EXCLUDED.contains(op)) {
            return;
        }
        try {
            switch (op) {
                case "map" -> map(rnd);
                case "place" -> place(rnd);
                case "split" -> split(e, rnd);
                case "protect" -> protect(e, rnd, false);
                case "protectRaw" -> protect(e, rnd, true);
                case "remap" -> remap(e, rnd);
                case "discard" -> discard(e, rnd);
                case "sync" -> e.m().sync(pagesFrom(e, rnd), P, rnd.nextBoolean() ? SyncMode.ASYNC : SyncMode.SYNC);
                case "close" -> close(e);
                case "double close" -> {
                    e.m().close();
                    e.m().close();
                    replace(e, List.of());
                }
                case "reservation close" -> closeReservation(rnd);
                default -> throw new IllegalStateException(op);
            }
            count(op + " succeeded");
        } catch (IllegalStateException x) {
            // a race explains it only where another thread closed or split what this one used (the
            // mapping: by close, split, remap, or its reservation's close; or the reservation a
            // placement went to), or where a native call on another thread (sync, discard) held the
            // mapping, and the change was refused with nothing changed; never from map
            boolean explained = x instanceof ClosedMeanwhile
                    || (e != null && TARGETS_A_MAPPING.contains(op) && !e.m().isOpen())
                    || (!op.equals("map") && inUseByANativeCall(x));
            if (!explained) {
                failure(Thread.currentThread().getName(), new AssertionError(op + " threw IllegalStateException, and"
                        + " nothing closed what it used" + (e == null ? "" : ": " + e.m()), x));
            }
            count(op + " threw IllegalStateException");
        }
    }

    /** Whether {@code x} is the documented refusal of a change while another thread's native call holds the memory. */
    private static boolean inUseByANativeCall(IllegalStateException x) {
        return x.getMessage() != null && x.getMessage().contains("in use by a native call in another thread");
    }

    /** The operations on an entry of the pool, which another thread may close or split meanwhile. */
    private static final List<String> TARGETS_A_MAPPING =
            List.of("split", "protect", "protectRaw", "remap", "discard", "sync");

    /** A placement refused because another thread closed its reservation meanwhile. */
    private static final class ClosedMeanwhile extends IllegalStateException {
        private static final long serialVersionUID = 1;

        ClosedMeanwhile(IllegalStateException cause) {
            super("the reservation was closed meanwhile", cause);
        }
    }

    private void map(SplittableRandom rnd) throws Exception {
        Kind kind = Kind.values()[rnd.nextInt(3)];
        long pages = 1 + rnd.nextInt(MAX_PAGES);
        Mapping m = switch (kind) {
            case FILE_SHARED -> file.map(rnd.nextLong(FILE_PAGES - pages + 1) * P, pages * P, MapOptions.readWrite());
            case FILE_PRIVATE -> file.map(rnd.nextLong(FILE_PAGES - pages + 1) * P, pages * P, MapOptions.copyOnWrite());
            default -> Mapping.anonymous(pages * P, MapOptions.copyOnWrite());
        };
        replace(null, List.of(new Entry(m, kind, null)));
    }

    /**
     * Places a mapping in a free gap of a reservation. Only mutator 0 places, and nothing else
     * makes a gap smaller, so the gap seen in {@link Reservation#mappings()} is still free.
     */
    private void place(SplittableRandom rnd) throws Exception {
        Reservation r = reservations.get(rnd.nextInt(RESERVATIONS));
        List<Mapping> placed = new ArrayList<>(r.mappings());
        placed.sort(Comparator.comparingLong(Mapping::kernelStart));
        List<long[]> gaps = new ArrayList<>();
        long at = r.address();
        for (Mapping m : placed) {
            if (m.kernelStart() > at) {
                gaps.add(new long[]{at, m.kernelStart()});
            }
            at = Math.max(at, m.kernelEnd());
        }
        if (at < r.address() + r.length()) {
            gaps.add(new long[]{at, r.address() + r.length()});
        }
        if (gaps.isEmpty()) {
            count("place found no gap");
            return;
        }
        long[] gap = gaps.get(rnd.nextInt(gaps.size()));
        long gapPages = (gap[1] - gap[0]) / P;
        long first = rnd.nextLong(gapPages), pages = 1 + rnd.nextLong(Math.min(MAX_PAGES, gapPages - first));
        long offset = gap[0] - r.address() + first * P;
        Mapping m;
        Kind kind;
        switch (rnd.nextInt(8)) { // every lifetime: the table refuses three, and a confined one stays with its thread
            case 0 -> {
                placeConfined(r, offset, pages);
                return;
            }
            case 1 -> {
                placeRefused(r, offset, pages, MapOptions.copyOnWrite().automatic(), "an automatic", rnd);
                return;
            }
            case 2 -> {
                placeRefused(r, offset, pages, MapOptions.readWrite().in(group), "a grouped", rnd);
                return;
            }
            case 3 -> {
                placeRefused(r, offset, pages, MapOptions.readWrite().in(batched), "a batched", rnd);
                return;
            }
            default -> { }
        }
        try {
            if (rnd.nextBoolean()) {
                kind = Kind.PLACED_ANON;
                m = r.mapAnonymous(pages * P, MapOptions.copyOnWrite(), offset);
            } else {
                kind = Kind.PLACED_FILE_SHARED;
                m = r.map(file, rnd.nextLong(FILE_PAGES - pages + 1) * P, pages * P, MapOptions.readWrite(), offset);
            }
        } catch (IllegalStateException x) {
            if (r.isOpen()) {
                throw x; // an open reservation with a free gap must place
            }
            throw new ClosedMeanwhile(x);
        }
        replace(null, List.of(new Entry(m, kind, r)));
    }

    /** A lifetime that cannot be placed is refused before any call: the quiescent check finds its gap still {@code ---p}. */
    private void placeRefused(Reservation r, long offset, long pages, MapOptions options, String what,
                              SplittableRandom rnd) throws Exception {
        try {
            Mapping m = rnd.nextBoolean() ? r.mapAnonymous(pages * P, options, offset)
                    : r.map(file, rnd.nextLong(FILE_PAGES - pages + 1) * P, pages * P, options, offset);
            failure("place", new AssertionError("placing " + what + " mapping succeeded: " + m));
        } catch (IllegalArgumentException expected) {
            count("place of " + what + " mapping refused before any call");
        }
    }

    /**
     * A confined placement, used and closed by this thread. Meanwhile another thread's reservation
     * close must be refused with {@link WrongThreadException}, closing nothing.
     */
    private void placeConfined(Reservation r, long offset, long pages) throws Exception {
        Mapping m;
        try {
            m = r.mapAnonymous(pages * P, MapOptions.copyOnWrite().confined(), offset);
        } catch (IllegalStateException x) {
            if (r.isOpen()) {
                throw x;
            }
            throw new ClosedMeanwhile(x);
        }
        m.segment().fill((byte) 7);
        check(m.segment().get(JAVA_BYTE, pages * P - 1) == 7, "a confined placement reads what it wrote");
        m.close();
        count("place of a confined mapping, used and closed by its thread");
    }

    /** A whole-page range inside the entry: {offset, length}. */
    private static long[] pageRange(Entry e, SplittableRandom rnd) {
        long pages = e.pages();
        long from = rnd.nextLong(pages), n = 1 + rnd.nextLong(pages - from);
        return new long[]{from * P, n * P};
    }

    private static long pagesFrom(Entry e, SplittableRandom rnd) {
        return rnd.nextLong(e.pages()) * P;
    }

    private void split(Entry e, SplittableRandom rnd) throws Exception {
        long[] range = pageRange(e, rnd);
        List<Mapping> parts = e.m().unmap(range[0], range[1]).parts();
        replace(e, parts.stream().map(p -> new Entry(p, e.kind(), e.owner())).toList());
    }

    private static final Protection[] PROTECTIONS = {Protection.NONE, Protection.READ, Protection.READ_WRITE};
    private static final int[] RAW_PROTS = {0, 1, 3}; // PROT_NONE, PROT_READ, PROT_READ|PROT_WRITE

    private void protect(Entry e, SplittableRandom rnd, boolean raw) throws Exception {
        long[] range = pageRange(e, rnd);
        int to = rnd.nextInt(3);
        if (raw) {
            e.m().raw().protect(range[0], range[1], RAW_PROTS[to]);
        } else {
            e.m().protect(range[0], range[1], PROTECTIONS[to]);
        }
    }

    private void remap(Entry e, SplittableRandom rnd) throws Exception {
        long pages = 1 + rnd.nextInt(MAX_PAGES);
        if (e.kind().file && e.owner() == null && e.m().fileOffset() + pages * P > FILE_PAGES * P && rnd.nextInt(3) == 0) {
            // growing against the file's size: refused before any call, the mapping unchanged
            long length = e.m().length();
            try {
                Mapping grown = e.m().remap(pages * P, RemapOptions.mayMove());
                failure("remap", new AssertionError("remap past the end of the file succeeded: " + grown));
            } catch (IllegalArgumentException expected) {
                check(expected.getMessage().contains("past the end"), "the refusal says why: " + expected.getMessage());
                check(!e.m().isOpen() || e.m().length() == length, "a refused remap leaves the mapping as it was");
                count("remap past the end of the file refused");
            }
            return;
        }
        if (e.kind().file) {
            pages = Math.min(pages, FILE_PAGES - e.m().fileOffset() / P);
        }
        if (e.owner() != null) {
            try {
                e.m().remap(pages * P, RemapOptions.mayMove());
                failure("remap", new AssertionError("remap of a placed mapping " + e.m() + " succeeded"));
            } catch (UnsupportedOperationException expected) {
                count("remap of a placed mapping threw UnsupportedOperationException");
            }
            return;
        }
        try {
            Mapping resized = e.m().remap(pages * P, RemapOptions.mayMove());
            replace(e, List.of(new Entry(resized, e.kind(), null)));
        } catch (NativeCallException x) {
            // mremap grows only a range that the kernel holds as one mapping; protect splits it
            if (!x.call().equals("mremap") || !x.errorName().equals("EFAULT") || pages * P <= e.m().length()) {
                throw x;
            }
            count("remap growing several kernel mappings refused (EFAULT)");
        }
    }

    private void discard(Entry e, SplittableRandom rnd) throws Exception {
        long[] range = pageRange(e, rnd);
        boolean anonymousPrivate = e.kind() == Kind.ANON_PRIVATE || e.kind() == Kind.PLACED_ANON;
        // FREE is for private anonymous memory only; on shared file pages DONTNEED keeps the contents
        DiscardAdvice advice = anonymousPrivate && rnd.nextBoolean() ? DiscardAdvice.FREE : DiscardAdvice.DONTNEED;
        e.m().discardContents(range[0], range[1], advice);
    }

    private void close(Entry e) throws Exception {
        e.m().close();
        replace(e, List.of());
    }

    private void closeReservation(SplittableRandom rnd) throws Exception {
        int i = rnd.nextInt(RESERVATIONS);
        Reservation r = reservations.get(i);
        try {
            r.close();
        } catch (WrongThreadException confinedElsewhere) { // mutator 0's confined placement is in it: nothing closed
            check(r.isOpen(), "a reservation close refused for a confined placement closes nothing");
            count("reservation close refused: a confined placement of another thread is in it");
            return;
        }
        if (rnd.nextBoolean()) {
            r.close(); // closing twice does nothing
        }
        Reservation fresh = Reservation.reserve(RESERVATION_PAGES * P);
        if (reservations.compareAndSet(i, r, fresh)) {
            synchronized (pool) {
                closedReservations.add(r);
            }
        } else {
            fresh.close(); // another thread closed and replaced it first
        }
    }

    // ---- readers

    private void read(int id, SplittableRandom rnd) {
        List<Held> mine = held.get(id);
        if (!mine.isEmpty() && rnd.nextInt(4) == 0) {
            Held h = mine.get(rnd.nextInt(mine.size()));
            try {
                use(id, h.entry(), h.segment(), rnd);
                count("reader used a held segment");
            } catch (IllegalStateException stale) {
                count("reader's held segment threw IllegalStateException");
                mine.remove(h);
            }
            return;
        }
        Entry e = pick(rnd);
        if (e == null) {
            return;
        }
        MemorySegment s;
        try {
            long from = pagesFrom(e, rnd), n = 1 + rnd.nextLong(Math.min(4, e.pages() - from / P));
            s = rnd.nextInt(4) == 0 ? e.m().segment() : e.m().segment(from, n * P);
        } catch (IllegalStateException x) {
            count("reader's segment() threw IllegalStateException");
            return;
        }
        if (rnd.nextInt(8) == 0) {
            mine.add(new Held(e, s));
            if (mine.size() > 4) {
                mine.removeFirst();
            }
        }
        try {
            use(id, e, s, rnd);
            count("reader used a fresh segment");
        } catch (IllegalStateException x) {
            count("reader's fresh segment threw IllegalStateException");
        }
    }

    /**
     * Reads the segment; checks this reader's own longs of the file through shared mappings; writes
     * them (and anything, through private memory) where the segment is writable.
     */
    private void use(int id, Entry e, MemorySegment s, SplittableRandom rnd) {
        long start = s.address() - e.m().address(); // the segment's offset in the mapping
        boolean sharedFile = e.kind().shared;
        long sum = 0;
        for (long at = 0; at < s.byteSize(); at += 8) {
            if (!sharedFile) {
                if (at % 512 == 0) {
                    sum += s.get(JAVA_LONG, at);
                }
                continue;
            }
            int index = (int) ((e.m().fileOffset() + start + at) / 8);
            if (index % READERS != id) {
                continue;
            }
            long value = s.get(JAVA_LONG, at);
            if (!agrees(index, value)) {
                failure("reader " + id, new AssertionError("long " + index + " of the file reads " + value
                        + " through " + e.m() + ", the model says " + expected(index)));
                return;
            }
        }
        if (s.isReadOnly() || rnd.nextBoolean()) {
            return;
        }
        int pending = -1;
        long pendingValue = 0;
        try {
            for (long at = 0; at < s.byteSize(); at += 8) {
                long value = rnd.nextLong();
                if (!sharedFile) {
                    if (at % 256 == 0) {
                        s.set(JAVA_LONG, at, value + sum);
                    }
                    continue;
                }
                int index = (int) ((e.m().fileOffset() + start + at) / 8);
                if (index % READERS == id) {
                    pending = index;
                    pendingValue = value;
                    s.set(JAVA_LONG, at, value);
                    model[index] = value;
                    uncertain[index] = false;
                    pending = -1;
                }
            }
        } catch (IllegalStateException x) {
            if (pending >= 0) {
                maybe[pending] = pendingValue;
                uncertain[pending] = true;
                count("write that threw IllegalStateException, model unsure whether it happened");
            }
            throw x;
        }
    }

    /** Whether long {@code index} of the file may hold {@code value}; settles an uncertain long. */
    private boolean agrees(int index, long value) {
        if (value == model[index]) {
            uncertain[index] = false;
            return true;
        }
        if (uncertain[index] && value == maybe[index]) {
            model[index] = value;
            uncertain[index] = false;
            count("write that threw IllegalStateException had happened");
            return true;
        }
        return false;
    }

    private String expected(int index) {
        return model[index] + (uncertain[index] ? " or " + maybe[index] : "");
    }

    // ---- the checker

    private void checkQuiescent() throws IOException {
        ProcMaps maps = ProcMaps.read();
        List<Entry> open = new ArrayList<>();
        List<Entry> closed = new ArrayList<>();
        synchronized (pool) {
            for (Entry e : pool) {
                (e.m().isOpen() ? open : closed).add(e);
            }
            closed.addAll(retired);
            retired.clear();
            pool.removeIf(e -> !e.m().isOpen());
        }
        for (Entry e : closed) {
            check(!e.m().isOpen(), "a retired mapping is open: " + e.m());
            expectIllegalState("segment() of closed " + e.m(), () -> e.m().segment());
            expectIllegalState("segment(0, page) of closed " + e.m(), () -> e.m().segment(0, Math.min(P, e.m().length())));
        }
        count("checked closed mappings", closed.size());

        // one owner per page
        List<Entry> byStart = new ArrayList<>(open);
        byStart.sort(Comparator.comparingLong(e -> e.m().kernelStart()));
        for (int i = 1; i < byStart.size(); i++) {
            Entry a = byStart.get(i - 1), b = byStart.get(i);
            check(a.m().kernelEnd() <= b.m().kernelStart(), "two open mappings own the same pages: " + a.m() + " and " + b.m());
        }

        for (Entry e : open) {
            checkAgainstKernel(e, maps);
        }
        count("checked open mappings", open.size());

        // reservations: closed ones closed everything placed in them; open ones list exactly their open mappings
        List<Reservation> closedNow;
        synchronized (pool) {
            closedNow = List.copyOf(closedReservations);
        }
        for (Entry e : open) {
            check(e.owner() == null || !closedNow.contains(e.owner()),
                    "a mapping placed in a closed reservation is open: " + e.m() + " in " + e.owner());
        }
        for (int i = 0; i < RESERVATIONS; i++) {
            Reservation r = reservations.get(i);
            List<Mapping> placed = r.mappings();
            for (Mapping m : placed) {
                check(m.isOpen(), r + " lists a closed mapping " + m);
                check(open.stream().anyMatch(e -> e.m() == m), r + " lists a mapping the test was never given: " + m);
            }
            for (Entry e : open) {
                check(e.owner() != r || placed.contains(e.m()), r + " does not list its open mapping " + e.m());
            }
            for (long at = r.address(); at < r.address() + r.length(); at += P) {
                long a = at;
                if (placed.stream().anyMatch(m -> m.kernelStart() <= a && a < m.kernelEnd())) {
                    continue;
                }
                String perms = maps.at(at).map(ProcMaps.Entry::perms).orElse("unmapped");
                check(perms.equals("---p"), "free page 0x" + Long.toHexString(at) + " of " + r + " is " + perms);
            }
        }
        count("checked reservations", RESERVATIONS);

        // held segments: throw if their mapping is closed; if they work, the kernel lets them
        for (List<Held> mine : held) {
            for (Held h : mine) {
                checkHeld(h, maps);
            }
        }

        // the file as a whole
        byte[] onDisk = Files.readAllBytes(path);
        long[] longs = new long[model.length];
        ByteBuffer.wrap(onDisk).order(ByteOrder.nativeOrder()).asLongBuffer().get(longs);
        for (int i = 0; i < model.length; i++) {
            if (!agrees(i, longs[i])) {
                check(false, "long " + i + " of the file (page " + (i * 8 / P) + ") is " + longs[i]
                        + ", the model says " + expected(i));
                break;
            }
        }
        count("checked the file");
    }

    /** Every page of an open mapping: mapped, right file and sharing, and no segment beyond the kernel's rights. */
    private void checkAgainstKernel(Entry e, ProcMaps maps) {
        Mapping m = e.m();
        for (long i = 0; i < e.pages(); i++) {
            long at = m.kernelStart() + i * P;
            Optional<ProcMaps.Entry> k = maps.at(at);
            if (k.isEmpty()) {
                check(false, "page " + i + " of open " + m + " (" + e.kind() + ") is not mapped");
                return; // reading it would fault
            }
            String perms = k.get().perms();
            check(k.get().shared() == e.kind().shared, "page " + i + " of " + m + " is " + perms + ", expected "
                    + (e.kind().shared ? "shared" : "private"));
            if (e.kind().file) {
                check(k.get().path().equals(path.toString()), "page " + i + " of " + m + " maps " + k.get().path());
            }
            MemorySegment s;
            try {
                s = m.segment(i * P, Math.min(P, m.length() - i * P));
            } catch (IllegalStateException x) {
                if (perms.charAt(0) == 'r') {
                    count("page the kernel can read but the library gives no segment");
                }
                continue;
            }
            boolean kernelReads = perms.charAt(0) == 'r', kernelWrites = perms.charAt(1) == 'w';
            if (!kernelReads || (!s.isReadOnly() && !kernelWrites)) {
                check(false, "page " + i + " of " + m + " has a " + (s.isReadOnly() ? "read-only" : "writable")
                        + " segment, but /proc/self/maps shows " + perms);
                continue;
            }
            if (s.isReadOnly() && kernelWrites) {
                count("page the kernel can write but the library gives a read-only segment");
            }
            if (e.kind().shared && e.kind().file) {
                long fileOffset = m.fileOffset() + i * P;
                for (long b = 0; b < s.byteSize(); b += 8) {
                    int index = (int) ((fileOffset + b) / 8);
                    long value = s.get(JAVA_LONG, b);
                    if (!agrees(index, value)) {
                        check(false, "long " + index + " of the file reads " + value + " through page " + i + " of "
                                + m + ", the model says " + expected(index));
                        break;
                    }
                }
                count("checked pages of shared file mappings");
            } else {
                s.get(JAVA_BYTE, 0);
            }
        }
    }

    private void checkHeld(Held h, ProcMaps maps) {
        Mapping m = h.entry().m();
        MemorySegment s = h.segment();
        if (!m.isOpen()) {
            expectIllegalState("a held segment of closed " + m, () -> s.get(JAVA_BYTE, 0));
            count("checked held segments of closed mappings");
            return;
        }
        if (!s.scope().isAlive()) {
            expectIllegalState("a held, invalidated segment of " + m, () -> s.get(JAVA_BYTE, 0));
            return;
        }
        long from = s.address() & -P, to = (s.address() + s.byteSize() + P - 1) & -P;
        check(m.kernelStart() <= from && to <= m.kernelEnd(), "a live held segment at 0x" + Long.toHexString(s.address())
                + " lies outside its open mapping " + m);
        for (long at = from; at < to; at += P) {
            String perms = maps.at(at).map(ProcMaps.Entry::perms).orElse("unmapped");
            if (perms.charAt(0) != 'r' || (!s.isReadOnly() && perms.charAt(1) != 'w')) {
                check(false, "a live held " + (s.isReadOnly() ? "read-only" : "writable") + " segment of " + m
                        + " covers 0x" + Long.toHexString(at) + ", which is " + perms);
                return;
            }
        }
        s.get(JAVA_BYTE, 0);
        count("checked live held segments");
    }

    /** After the last check: closes everything, then the file must match the model and be mapped nowhere. */
    private void finish() throws IOException {
        synchronized (pool) {
            for (Entry e : pool) {
                e.m().close();
            }
            pool.clear();
        }
        for (int i = 0; i < RESERVATIONS; i++) {
            reservations.get(i).close();
        }
        group.close();
        batched.close();
        file.close();
        byte[] onDisk = Files.readAllBytes(path);
        long[] longs = new long[model.length];
        ByteBuffer.wrap(onDisk).order(ByteOrder.nativeOrder()).asLongBuffer().get(longs);
        for (int i = 0; i < model.length; i++) {
            if (!agrees(i, longs[i])) {
                check(false, "after closing everything, long " + i + " of the file is " + longs[i]
                        + ", the model says " + expected(i));
                break;
            }
        }
        check(ProcMaps.read().entries().stream().noneMatch(e -> e.path().equals(path.toString())),
                "nothing maps the file once everything is closed");
    }

    // ---- helpers

    private void expectIllegalState(String what, Step step) {
        try {
            step.run();
            check(false, what + " threw nothing, expected IllegalStateException");
        } catch (IllegalStateException expected) {
            // as documented
        } catch (Throwable t) {
            failure(what, t);
        }
    }

    private void count(String what) {
        count(what, 1);
    }

    private void count(String what, long n) {
        counts.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(n);
    }

    private void check(boolean condition, String what) {
        if (!condition) {
            failures.add(what);
            System.out.println("FAILED seed=" + seed + ": " + what);
        }
    }

    private void failure(String where, Throwable t) {
        failures.add(where + ": " + t);
        System.out.println("FAILED seed=" + seed + ": " + where + ": " + t);
        t.printStackTrace(System.out);
    }

}

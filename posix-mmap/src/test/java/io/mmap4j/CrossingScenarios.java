// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import static io.mmap4j.ScenarioChecks.check;
import static io.mmap4j.ScenarioChecks.expect;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The child side of {@link CrossingsTest}: where two features meet (a lifetime and a placement, a
 * page kind and a reservation, the budget and every door). Runs one scenario, named by the first
 * argument, in the working directory; prints {@code FAILED ...} for each broken expectation and
 * exits 0 only if none broke. A JVM crash leaves an {@code hs_err} file for the parent to find.
 */
@SuppressWarnings("restricted") // the test's own downcalls: memfd_create, open, close, nanosleep
final class CrossingScenarios {
    static final long PAGE = PageSize.get();
    static final long HUGE = 2L << 20;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MEMFD_CREATE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("memfd_create").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ValueLayout.ADDRESS, JAVA_INT));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ValueLayout.ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle NANOSLEEP = LINKER.downcallHandle(
            LINKER.defaultLookup().find("nanosleep").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final int MFD_HUGETLB = 4;
    private static final int O_RDWR = 2;

    private CrossingScenarios() {
    }

    public static void main(String[] args) throws Throwable {
        Path dir = Path.of("").toAbsolutePath();
        switch (args[0]) {
            case "lifetimesThatCannotBePlacedAreRefusedBeforeAnyCall" -> lifetimesThatCannotBePlacedAreRefusedBeforeAnyCall(dir);
            case "hugePagePlacementsAreCheckedInHugePages" -> hugePagePlacementsAreCheckedInHugePages(dir);
            case "theBudgetCountsKernelMappingsAtEveryDoor" -> theBudgetCountsKernelMappingsAtEveryDoor();
            case "placementsAndSplitsNeverExhaustTheProcess" -> placementsAndSplitsNeverExhaustTheProcess();
            case "anOutgrownFollowerMappingHeldByACallIsUnmappedLater" -> anOutgrownFollowerMappingHeldByACallIsUnmappedLater(dir);
            case "aHugetlbMemfdAdoptedMapsInHugePages" -> aHugetlbMemfdAdoptedMapsInHugePages();
            case "channelsKeepTheirPositionWhileThreadsOpenThem" -> channelsKeepTheirPositionWhileThreadsOpenThem(dir);
            case "everyCrossing" -> CrossingMatrix.all(dir, args.length > 1 && args[1].equals("huge"));
            default -> throw new IllegalArgumentException("no scenario " + args[0]);
        }
        System.out.flush();
        System.exit(ScenarioChecks.exitCode());
    }

    // ---- helpers

    static MappedFile file(Path dir, String name, long length) throws Exception {
        MappedFile f = MappedFile.open(dir.resolve(name), StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE);
        f.allocate(0, length);
        return f;
    }

    /** {@return the lines of /proc/self/maps that overlap {@code [start, end)}} */
    static List<ProcMaps.Entry> linesIn(long start, long end) {
        return ProcMaps.read().entries().stream().filter(e -> e.start() < end && start < e.end()).toList();
    }

    /** {@return whether every page of {@code [start, end)} is mapped inaccessible, as a reservation holds it} */
    static boolean onlyReserved(long start, long end) {
        List<ProcMaps.Entry> lines = linesIn(start, end);
        long covered = lines.stream().mapToLong(e -> Math.min(e.end(), end) - Math.max(e.start(), start)).sum();
        return covered == end - start && lines.stream().allMatch(e -> e.perms().startsWith("---"));
    }

    static int memfdHugetlb(String name) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            return (int) MEMFD_CREATE.invokeExact(a.allocateFrom(name), MFD_HUGETLB);
        }
    }

    static int openFd(Path path) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            return (int) OPEN.invokeExact(a.allocateFrom(path.toString()), O_RDWR);
        }
    }

    static void closeFd(int fd) throws Exception {
        try {
            check((int) CLOSE.invokeExact(fd) == 0, "close(" + fd + ") succeeded");
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static long freeHugePages() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("HugePages_Free:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    static long alignUp(long v, long a) {
        return (v + a - 1) & -a;
    }

    // ---- defect 1 and 6: automatic and grouped mappings in a reservation

    static void lifetimesThatCannotBePlacedAreRefusedBeforeAnyCall(Path dir) throws Exception {
        try (MappedFile f = file(dir, "data", 4 * PAGE); MappingGroup group = MappingGroup.open();
             MappingGroup batched = MappingGroup.openBatched(4, Duration.ofSeconds(1))) {
            List<MapOptions> refused = List.of(MapOptions.readWrite().automatic(), MapOptions.copyOnWrite().automatic(),
                    MapOptions.readWrite().in(group), MapOptions.readOnly().in(batched));
            Reservation r = Reservation.reserve(8 * PAGE);
            long liveBefore = Ledger.liveCount();
            for (MapOptions o : refused) {
                expect("placing a file mapping with " + o, IllegalArgumentException.class,
                        () -> r.map(f, 0, PAGE, o, 0));
                expect("placing anonymous memory with " + o, IllegalArgumentException.class,
                        () -> r.mapAnonymous(PAGE, o, 2 * PAGE));
                check(onlyReserved(r.address(), r.address() + r.length()),
                        "after refusing " + o + " the reservation holds no page: " + linesIn(r.address(), r.address() + r.length()));
                check(r.mappings().isEmpty(), "the reservation lists no mapping: " + r.mappings());
            }
            check(Ledger.liveCount() == liveBefore, "the refusals took no room from the budget: "
                    + liveBefore + " then " + Ledger.liveCount());
            // nothing is mapped, so the file can shrink, and no old owner's cleanup touches what comes next
            f.truncate(0);
            f.allocate(0, 4 * PAGE);
            Mapping placed = r.map(f, 0, PAGE, MapOptions.readWrite(), 0);
            placed.segment().set(JAVA_LONG, 0, 7);
            r.close();
            check(!placed.isOpen(), "closing the reservation closed what was placed in it");
            expect("reading a placed mapping after its reservation closed", IllegalStateException.class,
                    () -> placed.segment());
            // a default mapping at the freed address is never unmapped by someone else's cleanup
            Mapping after = f.map(0, 4 * PAGE, MapOptions.readWrite());
            for (int i = 0; i < 5; i++) {
                System.gc();
                Thread.sleep(20);
            }
            check(after.segment().get(JAVA_LONG, 0) == 7, "the byte written through the placement is in the file");
            after.close();
        }
    }

    // ---- defect 2: huge pages in a reservation are checked in huge pages

    static void hugePagePlacementsAreCheckedInHugePages(Path dir) throws Exception {
        if (freeHugePages() < 3) {
            System.out.println("SKIPPED: fewer than 3 free 2 MiB huge pages");
            return;
        }
        MapOptions huge = MapOptions.copyOnWrite().with(MapFlag.HUGE_2MB);
        try (Reservation r = Reservation.reserve(4 * HUGE)) {
            long aligned = alignUp(r.address(), HUGE) - r.address(); // first offset at a huge page boundary
            if (aligned != 0) {
                long unaligned = aligned - PAGE;
                expect("a huge-page placement at an address that is not huge-aligned", IllegalArgumentException.class,
                        () -> r.mapAnonymous(4096, huge, unaligned));
            }
            long last = aligned + 2 * HUGE; // the last huge boundary inside, when the reservation is not aligned
            if (aligned != 0) {
                expect("a huge-page placement whose whole huge page passes the reservation's end",
                        IllegalArgumentException.class, () -> r.mapAnonymous(4096, huge, last + HUGE));
            }
            Mapping sibling = r.mapAnonymous(PAGE, MapOptions.copyOnWrite(), aligned + HUGE + 16 * PAGE);
            sibling.segment().fill((byte) 3);
            expect("a huge-page placement whose huge page covers a live sibling", IllegalArgumentException.class,
                    () -> r.mapAnonymous(4096, huge, aligned + HUGE));
            Mapping h = r.mapAnonymous(4096, huge, aligned);
            check(h.pageSize() == HUGE, "the placement is made of 2 MiB pages: " + h.pageSize());
            h.segment().fill((byte) 1);
            expect("a base-page sibling inside the huge page's 2 MiB", IllegalArgumentException.class,
                    () -> r.mapAnonymous(PAGE, MapOptions.copyOnWrite(), aligned + 4 * PAGE));
            CRC32 crc = new CRC32();
            crc.update(sibling.segment().asByteBuffer());
            check(sibling.segment().get(JAVA_BYTE, PAGE - 1) == 3, "the sibling kept its bytes");
            List<ProcMaps.Entry> lines = linesIn(r.address() + aligned, r.address() + aligned + HUGE);
            check(lines.size() == 1 && lines.get(0).perms().startsWith("rw"), "the huge page is one kernel mapping: " + lines);
            h.close();
            check(onlyReserved(r.address() + aligned, r.address() + aligned + HUGE), "its huge page went back to reserved");
        }
        // just past the reservation's end lives another mapping: a huge placement can never reach it
        Mapping neighbour = Mapping.anonymous(4 * HUGE, MapOptions.copyOnWrite());
        long start = alignUp(neighbour.address(), HUGE);
        neighbour.close();
        try (Reservation r = Reservation.reserve(HUGE + PAGE)) {
            long aligned = alignUp(r.address(), HUGE) - r.address();
            if (aligned + HUGE > r.length()) {
                expect("a huge-page placement that would pass the reservation's end", IllegalArgumentException.class,
                        () -> r.mapAnonymous(4096, huge, aligned));
            }
        }
        check(start != 0, "a huge-aligned address was found");
        {
            Reservation r = Reservation.reserve(HUGE);
            Mapping outside = Mapping.anonymous(PAGE, MapOptions.copyOnWrite());
            outside.segment().fill((byte) 9);
            if (r.address() % HUGE != 0) {
                expect("a huge-page placement in a reservation that is not huge-aligned", IllegalArgumentException.class,
                        () -> r.mapAnonymous(4096, huge, 0));
            }
            r.close();
            CRC32 crc = new CRC32();
            crc.update(outside.segment().asByteBuffer());
            check(outside.segment().get(JAVA_BYTE, 0) == 9, "a mapping outside the reservation kept its bytes");
            outside.close();
        }
    }

    // ---- defect 3: the budget counts what the kernel counts, at every door

    /** With {@code -Dio.mmap4j.maxMappings=400}: reservations, placements, protect splits, locks and splits. */
    static void theBudgetCountsKernelMappingsAtEveryDoor() throws Exception {
        long baseline = ProcMaps.read().entries().size();
        List<AutoCloseable> held = new ArrayList<>();
        int reservations = 0;
        try {
            while (true) {
                held.add(Reservation.reserve(PAGE));
                reservations++;
            }
        } catch (NativeCallException e) {
            check(e.getMessage().contains("budget of 400"), "the refusal names the budget: " + e.getMessage());
        }
        check(reservations > 0 && reservations <= 400, "reservations are counted: " + reservations + " fit");
        checkKernelWithinCount(baseline, "after the reservations");
        closeAll(held);

        Reservation r = Reservation.reserve(2000 * PAGE);
        int placed = 0;
        try {
            for (int i = 0; i < 1000; i++) {
                r.mapAnonymous(PAGE, MapOptions.copyOnWrite(), 2 * i * PAGE);
                placed++;
            }
            check(false, "1000 one-page placements (about 2000 kernel mappings) fit a budget of 400");
        } catch (NativeCallException e) {
            check(e.getMessage().contains("budget of 400"), "the refusal names the budget: " + e.getMessage());
        }
        check(placed > 100 && placed < 200, "each placement counts two kernel mappings: " + placed + " fit in 400");
        checkKernelWithinCount(baseline, "after the placements");
        r.close();

        Mapping m = Mapping.anonymous(2000 * PAGE, MapOptions.copyOnWrite().confined());
        int protects = 0;
        try {
            for (int i = 1; i < 1000; i++) {
                m.protect(2 * i * PAGE, PAGE, Protection.READ);
                protects++;
            }
            check(false, "999 protect splits fit a budget of 400");
        } catch (NativeCallException e) {
            check(e.getMessage().contains("budget of 400") && e.getMessage().contains("mprotect"),
                    "the refusal names the call and the budget: " + e.getMessage());
        }
        check(protects > 100 && protects < 200, "each protect counts its two cuts: " + protects);
        checkKernelWithinCount(baseline, "after the protect splits");
        m.close();

        Mapping locked = Mapping.anonymous(2000 * PAGE, MapOptions.copyOnWrite().confined());
        int advised = 0;
        try {
            for (int i = 1; i < 1000; i++) {
                locked.advise(2 * i * PAGE, PAGE, Advice.DONTFORK); // sets a flag: the kernel splits
                advised++;
            }
            check(false, "999 splitting advice calls fit a budget of 400");
        } catch (NativeCallException e) {
            check(e.getMessage().contains("budget of 400"), "the refusal names the budget: " + e.getMessage());
        }
        checkKernelWithinCount(baseline, "after splitting advice (" + advised + " calls)");
        for (int i = 0; i < 1000; i++) { // advice that sets no flag costs nothing, however often
            locked.advise(2 * (i % 100) * PAGE, PAGE, Advice.WILLNEED);
        }
        locked.close();

        Mapping whole = Mapping.anonymous(2000 * PAGE, MapOptions.copyOnWrite().confined());
        List<Mapping> parts = new ArrayList<>();
        Mapping rest = whole;
        try {
            for (int i = 0; i < 1000; i++) {
                Split s = rest.unmap(PAGE, PAGE); // keeps one page, drops one, keeps the rest
                parts.add(s.head().orElseThrow());
                rest = s.tail().orElseThrow();
            }
            check(false, "1000 partial unmaps fit a budget of 400");
        } catch (NativeCallException e) {
            check(e.getMessage().contains("budget of 400") && e.getMessage().contains("munmap"),
                    "the refusal names the call: " + e.getMessage());
        }
        checkKernelWithinCount(baseline, "after " + parts.size() + " partial unmaps");
        check(parts.size() > 300, "a split costs one kernel mapping: " + parts.size() + " made");
        for (Mapping p : parts) {
            p.close();
        }
        rest.close();
        check(Ledger.liveCount() == 0, "everything closed gives every unit back: " + Ledger.liveCount());
        System.out.println("budget 400: " + reservations + " reservations, " + placed + " placements, " + protects
                + " protects, " + advised + " splitting advice calls, " + parts.size() + " splits");
    }

    private static void checkKernelWithinCount(long baseline, String when) {
        long kernel = ProcMaps.read().entries().size() - baseline;
        check(kernel <= Ledger.liveCount() + 32, when + ": the kernel holds " + kernel + " more mappings, mmap4j counted "
                + Ledger.liveCount() + " (up to 32 of the JVM's own may have come meanwhile: thread stacks, code)");
    }

    private static void closeAll(List<AutoCloseable> held) throws Exception {
        for (AutoCloseable c : held) {
            c.close();
        }
        held.clear();
    }

    /**
     * With the kernel's own limit and the default budget: one-page placements, then protect splits,
     * until mmap4j refuses; the JVM then still starts threads and maps its own memory. Before, 32,660
     * placements took the process to {@code vm.max_map_count} and the JVM aborted.
     */
    static void placementsAndSplitsNeverExhaustTheProcess() throws Exception {
        long limit = Long.parseLong(Sysctl.read(Path.of("/proc/sys/vm/max_map_count")));
        long pages = limit; // more one-page placements than the kernel could ever hold, at two mappings each
        int placed = 0;
        Reservation r = Reservation.reserve(2 * pages * PAGE);
        try {
            for (long i = 0; i < pages; i++) {
                r.mapAnonymous(PAGE, MapOptions.copyOnWrite().confined(), 2 * i * PAGE);
                placed++;
            }
            check(false, "a refusal before " + pages + " placements");
        } catch (NativeCallException e) {
            check(e.getMessage().contains("budget of"), "the refusal names the budget: " + e.getMessage());
        }
        long kernel = ProcMaps.read().entries().size();
        check(kernel < limit, "the process stays below vm.max_map_count: " + kernel + " of " + limit);
        stillWorks("after " + placed + " placements");
        r.close();

        Mapping m = Mapping.anonymous(2 * pages * PAGE, MapOptions.copyOnWrite().confined().with(MapFlag.NORESERVE));
        int protects = 0;
        try {
            for (long i = 1; i < pages; i++) {
                m.protect(2 * i * PAGE, PAGE, Protection.READ);
                protects++;
            }
            check(false, "a refusal before " + pages + " protect splits");
        } catch (NativeCallException e) {
            check(e.getMessage().contains("budget of"), "the refusal names the budget: " + e.getMessage());
        }
        kernel = ProcMaps.read().entries().size();
        check(kernel < limit, "the process stays below vm.max_map_count: " + kernel + " of " + limit);
        stillWorks("after " + protects + " protect splits");
        m.close();
        System.out.println("limit " + limit + ": " + placed + " placements, " + protects + " protect splits, then refused");
    }

    private static void stillWorks(String when) throws Exception {
        AtomicLong sum = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                byte[] b = new byte[1 << 20];
                sum.addAndGet(b.length);
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        try (Arena a = Arena.ofConfined()) {
            a.allocate(64 << 20).fill((byte) 1);
        }
        check(sum.get() == 8 << 20, when + ": the JVM still starts threads and allocates");
    }

    // ---- defect 4: a follower's outgrown mapping held by a native call is unmapped later, never leaked

    static void anOutgrownFollowerMappingHeldByACallIsUnmappedLater(Path dir) throws Throwable {
        Path path = dir.resolve("log");
        try (MappedLog log = MappedLog.open(path)) {
            ByteBuffer timespec = ByteBuffer.allocate(16).order(java.nio.ByteOrder.nativeOrder());
            timespec.putLong(0).putLong(600_000_000L); // 600 ms
            log.append(timespec.array());
            MappedLog.Follower follower = MappedLog.follow(path);
            MemorySegment first = follower.segment();
            check(first.byteSize() == 16, "the follower sees 16 bytes: " + first.byteSize());
            MemorySegment held = first; // a 600 ms nanosleep reads its timespec from the first mapping, holding it
            CountDownLatch calling = new CountDownLatch(1);
            AtomicBoolean returned = new AtomicBoolean();
            Thread sleeper = Thread.ofPlatform().start(() -> {
                calling.countDown();
                try {
                    returned.set((int) NANOSLEEP.invokeExact(held, MemorySegment.NULL) == 0);
                } catch (Throwable e) {
                    check(false, "nanosleep threw " + e);
                }
            });
            calling.await();
            Thread.sleep(100);
            long capacity = log.capacity();
            while (log.capacity() == capacity) {
                log.append(new byte[4096]); // until the log grows past the file the follower mapped
            }
            MemorySegment grown = follower.segment(); // must not throw although the old mapping is held
            check(grown.byteSize() > 16, "the follower sees the grown log: " + grown.byteSize());
            sleeper.join();
            check(returned.get(), "the call on the old mapping returned normally");
            follower.close();
            List<ProcMaps.Entry> left = ProcMaps.read().entries().stream()
                    .filter(e -> e.path().equals(path.toString())).toList();
            check(left.size() == 1, "after the follower closed only the writer maps the log: " + left);
        }
        List<ProcMaps.Entry> left = ProcMaps.read().entries().stream().filter(e -> e.path().equals(path.toString())).toList();
        check(left.isEmpty(), "after both closed nothing maps the log: " + left);
    }

    // ---- defect 5: a hugetlb memfd handed in is mapped in huge pages

    static void aHugetlbMemfdAdoptedMapsInHugePages() throws Throwable {
        if (freeHugePages() < 2) {
            System.out.println("SKIPPED: fewer than 2 free 2 MiB huge pages");
            return;
        }
        for (boolean adopt : new boolean[] {true, false}) {
            int fd = memfdHugetlb("crossing");
            check(fd >= 0, "memfd_create(MFD_HUGETLB) succeeded: " + fd);
            try (MappedFile f = adopt ? MappedFile.adopt(fd) : MappedFile.borrow(fd)) {
                f.truncate(HUGE);
                Mapping m = f.map(0, 4096, MapOptions.readWrite());
                check(m.pageSize() == HUGE, "the memfd's mapping is made of 2 MiB pages: " + m.pageSize());
                m.segment().set(JAVA_LONG, 0, 42);
                long a = m.raw().address();
                m.close(); // before, munmap(4096 bytes) failed with EINVAL and the 2 MiB stayed mapped
                List<ProcMaps.Entry> left = ProcMaps.read().leftOf(a, a + HUGE, "/memfd:crossing (deleted)");
                check(left.isEmpty() && !Mapping.isLive(a, a + HUGE), "the huge page is unmapped: " + left);
                Reservation r = Reservation.reserve(3 * HUGE);
                long at = alignUp(r.address(), HUGE) - r.address();
                Mapping placed = r.map(f, 0, 4096, MapOptions.readWrite(), at);
                check(placed.pageSize() == HUGE && placed.segment().get(JAVA_LONG, 0) == 42,
                        "placed in a reservation, the memfd is read in huge pages");
                if (at >= PAGE) {
                    expect("the memfd placed at an address that is not huge-aligned", IllegalArgumentException.class,
                            () -> r.map(f, 0, 4096, MapOptions.readWrite(), at - PAGE));
                }
                r.close();
                ProcMaps after = ProcMaps.read();
                long end = r.address() + r.length();
                check(after.leftOf(r.address(), end, "").isEmpty()
                        && after.leftOf(r.address(), end, "/memfd:crossing (deleted)").isEmpty(),
                        "the reservation is released: " + after.overlapping(r.address(), end));
            }
            if (!adopt) {
                closeFd(fd);
            }
        }
        check(Ledger.liveCount() == 0, "the ledger gave every unit back: " + Ledger.liveCount());
    }

    // ---- defect 7: MappedFile.of(channel) never moves the channel's position

    static void channelsKeepTheirPositionWhileThreadsOpenThem(Path dir) throws Throwable {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        Files.write(a, new byte[] {1, 2, 3, 4});
        Files.write(b, new byte[] {9, 9, 9, 9});
        try (FileChannel ch = FileChannel.open(a, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel other = FileChannel.open(b, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.position(2);
            other.position(2); // the same position and mode: only the file tells them apart
            AtomicBoolean over = new AtomicBoolean();
            AtomicLong moved = new AtomicLong(-1), opened = new AtomicLong();
            Thread watcher = Thread.ofPlatform().start(() -> {
                while (!over.get()) {
                    try {
                        long p = ch.position();
                        if (p != 2) {
                            moved.set(p);
                        }
                    } catch (IOException e) {
                        moved.set(-2);
                    }
                }
            });
            List<Thread> openers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                openers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 100; i++) {
                        try (MappedFile f = MappedFile.of(ch); Mapping m = f.map(0, 4, MapOptions.readOnly())) {
                            if (m.segment().get(JAVA_BYTE, 3) == 4) {
                                opened.incrementAndGet();
                            }
                        } catch (Exception e) {
                            check(false, "MappedFile.of(channel) threw " + e);
                        }
                    }
                }));
            }
            for (Thread t : openers) {
                t.join();
            }
            over.set(true);
            watcher.join();
            check(moved.get() == -1, "the channel's position never moved: once it read " + moved.get());
            check(opened.get() == 200, "every MappedFile.of(channel) opened the channel's file, not the other: "
                    + opened.get() + " of 200");
            ch.write(ByteBuffer.wrap(new byte[] {7}));
            check(Files.size(a) == 4 && ch.position() == 3, "the caller's next relative write lands at its position");
        }
        Path e1 = dir.resolve("empty1"), e2 = dir.resolve("empty2");
        Files.write(e1, new byte[0]);
        Files.write(e2, new byte[0]);
        try (FileChannel c1 = FileChannel.open(e1, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel c2 = FileChannel.open(e2, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            expect("two empty files open at the same position cannot be told apart", IOException.class,
                    () -> MappedFile.of(c1).close());
            check(c1.position() == 0 && c2.position() == 0, "the refusal moved no position");
        }
    }
}

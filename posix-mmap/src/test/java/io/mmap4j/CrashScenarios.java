// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.mmap4j.ScenarioChecks.check;
import static io.mmap4j.ScenarioChecks.create;
import static io.mmap4j.ScenarioChecks.expect;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The child side of {@link CrashMatrixTest}: runs one scenario, named by the first argument, in the
 * working directory. Each access that must fail prints {@code caught <class>: <message> (<what>)};
 * anything else that goes wrong prints a line starting {@code FAILED}. Exits 0 only if every
 * expectation held; a JVM crash instead leaves an {@code hs_err} file for the parent to find.
 */
final class CrashScenarios {
    private static final long PAGE = PageSize.get();

    private CrashScenarios() {
    }

    public static void main(String[] args) throws Throwable {
        Path dir = Path.of("").toAbsolutePath();
        switch (args[0]) {
            case "useAfterClose" -> useAfterClose(dir);
            case "useAfterPartialUnmap" -> useAfterPartialUnmap(dir);
            case "readPastTruncatedEnd" -> readPastTruncatedEnd(dir);
            case "hotLoopPastTruncatedEnd" -> hotLoopPastTruncatedEnd(dir);
            case "writeThroughReadOnlyMappings" -> writeThroughReadOnlyMappings(dir);
            case "closeWhileOtherThreadsRead" -> closeWhileOtherThreadsRead(dir);
            case "closeDuringANativeCallOnTheSegment" -> closeDuringANativeCallOnTheSegment(dir);
            case "closeHugePageMemoryWhileThreadsRead" ->
                    closeHugePageMemoryWhileThreadsRead(args.length > 1 ? args[1] : "hugetlb");
            case "closeAGroupWhileThreadsReadItsMembers" -> closeAGroupWhileThreadsReadItsMembers();
            case "automaticMappingsComeAndGoWhileThreadsReadThem" -> automaticMappingsComeAndGoWhileThreadsReadThem();
            case "automaticMappingsMadeFasterThanTheCollectorRuns" -> automaticMappingsMadeFasterThanTheCollectorRuns(dir);
            case "aSpentBudgetRefusesTheNextMapping" -> aSpentBudgetRefusesTheNextMapping(dir);
            case "batchedMembersComeAndGoWhileThreadsReadThemAndTheGroupCloses" ->
                    batchedMembersComeAndGoWhileThreadsReadThemAndTheGroupCloses(dir);
            default -> throw new IllegalArgumentException("no scenario " + args[0]);
        }
        System.out.flush();
        System.exit(ScenarioChecks.exitCode());
    }

    static void useAfterClose(Path dir) throws Exception {
        try (MappedFile file = create(dir, 4)) {
            Mapping m = file.map(0, 4 * PAGE, MapOptions.readWrite());
            MemorySegment s = m.segment();
            MemorySegment slice = s.asSlice(PAGE, PAGE);
            s.set(JAVA_LONG, 0, 42);
            m.close();
            expect("read after close", IllegalStateException.class, () -> s.get(JAVA_LONG, 0));
            expect("write after close", IllegalStateException.class, () -> s.set(JAVA_LONG, 0, 1));
            expect("read of a slice after close", IllegalStateException.class, () -> slice.get(JAVA_BYTE, 0));
            expect("segment() after close", IllegalStateException.class, m::segment);
        }
    }

    static void useAfterPartialUnmap(Path dir) throws Exception {
        try (MappedFile file = create(dir, 16)) {
            Mapping m = file.map(0, 16 * PAGE, MapOptions.readWrite());
            MemorySegment old = m.segment();
            for (int p = 0; p < 16; p++) {
                old.set(JAVA_LONG, p * PAGE, p);
            }
            long base = m.address();
            List<Mapping> parts = m.unmap(6 * PAGE, 4 * PAGE).parts();

            expect("read of the old segment at page 7 (unmapped)", IllegalStateException.class,
                    () -> old.get(JAVA_LONG, 7 * PAGE));
            expect("read of the old segment at page 0 (still mapped)", IllegalStateException.class,
                    () -> old.get(JAVA_LONG, 0));
            expect("write to the old segment at page 0 (still mapped)", IllegalStateException.class,
                    () -> old.set(JAVA_LONG, 0, -1));
            expect("segment() of the unmapped-from mapping", IllegalStateException.class, m::segment);

            check(parts.size() == 2, "two parts stay mapped, not " + parts.size());
            Mapping head = parts.get(0);
            Mapping tail = parts.get(1);
            check(head.address() == base && head.length() == 6 * PAGE, "head is pages 0..5: " + head);
            check(tail.address() == base + 10 * PAGE && tail.length() == 6 * PAGE, "tail is pages 10..15: " + tail);
            check(head.segment().get(JAVA_LONG, 5 * PAGE) == 5, "head still reads page 5");
            check(tail.segment().get(JAVA_LONG, 0) == 10, "tail reads page 10 at its offset 0");
            head.segment().set(JAVA_LONG, 0, 100);
            tail.segment().set(JAVA_LONG, 5 * PAGE, 115);
            List<ProcMaps.Entry> hole = ProcMaps.read().overlapping(base + 6 * PAGE, base + 10 * PAGE).stream()
                    .filter(e -> e.path().equals(file.path().toString())).toList();
            check(hole.isEmpty(), "pages 6..9 are no longer mapped from the file: " + hole);
            head.close();
            tail.close();
            try (Mapping again = file.map(0, 16 * PAGE, MapOptions.readOnly())) {
                check(again.segment().get(JAVA_LONG, 0) == 100 && again.segment().get(JAVA_LONG, 15 * PAGE) == 115,
                        "writes through both parts reached the file");
            }
        }
        System.out.println("parts still work");
    }

    static void readPastTruncatedEnd(Path dir) throws Exception {
        try (MappedFile file = create(dir, 4); Mapping m = file.map(0, 4 * PAGE, MapOptions.readWrite())) {
            MemorySegment s = m.segment();
            s.set(JAVA_LONG, 3 * PAGE, 3);
            try (RandomAccessFile raf = new RandomAccessFile(file.path().toFile(), "rw")) {
                raf.setLength(PAGE);
            }
            expect("read of page 3 after the file shrank to 1 page", InternalError.class,
                    () -> s.get(JAVA_LONG, 3 * PAGE));
            expect("write to page 1 after the file shrank to 1 page", InternalError.class,
                    () -> s.set(JAVA_LONG, PAGE, 1));
            check(s.get(JAVA_LONG, 0) == 0, "page 0, still inside the file, reads as before");
        }
    }

    static void hotLoopPastTruncatedEnd(Path dir) throws Exception {
        try (MappedFile file = create(dir, 4); Mapping m = file.map(0, 4 * PAGE, MapOptions.readWrite())) {
            MemorySegment s = m.segment();
            for (long i = 0; i < s.byteSize(); i += 8) {
                s.set(JAVA_LONG, i, 1);
            }
            long expected = s.byteSize() / 8;
            for (int round = 0; round < 20_000; round++) { // enough for C2 (see -XX:+PrintCompilation)
                if (sumLongs(s) != expected) {
                    check(false, "sum in round " + round);
                }
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.path().toFile(), "rw")) {
                raf.setLength(PAGE); // someone else: MappedFile.truncate refuses to shrink under a live mapping
            }
            expect("compiled loop over a file shrunk to 1 page", InternalError.class, () -> sumLongs(s));
            expect("the same loop again", InternalError.class, () -> sumLongs(s));
            check(sumLongs(s.asSlice(0, PAGE)) == PAGE / 8, "the loop over page 0 alone still works");
        }
    }

    /** The hot loop: sums every long in the segment. */
    static long sumLongs(MemorySegment s) {
        long sum = 0;
        for (long i = 0; i < s.byteSize(); i += 8) {
            sum += s.get(JAVA_LONG, i);
        }
        return sum;
    }

    static void writeThroughReadOnlyMappings(Path dir) throws Exception {
        create(dir, 1).close();
        Path path = dir.resolve("data");
        MemorySegment source = MemorySegment.ofArray(new byte[8]);
        try (MappedFile file = MappedFile.open(path, StandardOpenOption.READ)) {
            record Case(String name, MapOptions options) {
            }
            for (Case c : List.of(new Case("readOnly()", MapOptions.readOnly()),
                    new Case("raw(PROT_READ, MAP_SHARED)", MapOptions.raw(1, 1)),
                    new Case("raw(PROT_READ, MAP_PRIVATE)", MapOptions.raw(1, 2)))) {
                try (Mapping m = file.map(0, PAGE, c.options())) {
                    MemorySegment s = m.segment();
                    check(s.isReadOnly(), c.name() + " gives a read-only segment");
                    check(s.get(JAVA_LONG, 0) == 0, c.name() + " can be read");
                    // a write to a read-only segment: IllegalArgumentException, as MemorySegment.set documents
                    expect("set through " + c.name(), IllegalArgumentException.class,
                            () -> s.set(JAVA_BYTE, 0, (byte) 1));
                    expect("fill through " + c.name(), IllegalArgumentException.class, () -> s.fill((byte) 1));
                    expect("copy into " + c.name(), IllegalArgumentException.class,
                            () -> MemorySegment.copy(source, 0, s, 0, 8));
                }
            }
            for (Case c : List.of(new Case("Protection.NONE", MapOptions.of(Protection.NONE, Sharing.SHARED)),
                    new Case("raw(PROT_NONE, MAP_SHARED)", MapOptions.raw(0, 1)))) {
                try (Mapping m = file.map(0, PAGE, c.options())) {
                    expect("segment() of " + c.name(), IllegalStateException.class, m::segment);
                }
            }
        }
        try (MappedFile file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Mapping m = file.map(0, PAGE, MapOptions.raw(2, 1))) {
            expect("segment() of raw(PROT_WRITE, MAP_SHARED), write-only", IllegalStateException.class, m::segment);
        }
        check(Files.readAllBytes(path)[0] == 0, "the file is unchanged");
    }

    static void closeWhileOtherThreadsRead(Path dir) throws Exception {
        int readers = 4;
        try (MappedFile file = create(dir, 64)) {
            Mapping m = file.map(0, 64 * PAGE, MapOptions.readWrite());
            MemorySegment s = m.segment();
            CountDownLatch running = new CountDownLatch(readers);
            AtomicInteger endedWithIllegalState = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < readers; t++) {
                // half hold the segment taken before, half ask the mapping for it on every pass
                boolean holdsSegment = t % 2 == 0;
                String what = "reader " + t + (holdsSegment ? " holding the segment" : " calling segment() per pass");
                threads.add(Thread.ofPlatform().name(what).start(() -> {
                    long passes = 0;
                    try {
                        while (true) {
                            long sum = sumLongs(holdsSegment ? s : m.segment());
                            if (++passes == 1) {
                                running.countDown();
                            }
                            if (sum != 0) {
                                check(false, what + " read " + sum);
                            }
                        }
                    } catch (IllegalStateException e) {
                        endedWithIllegalState.incrementAndGet();
                        System.out.println("caught " + e.getClass().getName() + ": " + e.getMessage()
                                + " (" + what + ", after " + passes + " passes)");
                    } catch (Throwable e) {
                        check(false, what + " ended with " + e);
                        e.printStackTrace(System.out);
                    }
                }));
            }
            check(running.await(Emulation.scaled(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS), "every reader finished a pass within 10 s");
            Thread.sleep(100);
            m.close();
            for (Thread t : threads) {
                t.join(Emulation.scaled(Duration.ofSeconds(10)).toMillis());
                check(!t.isAlive(), t.getName() + " ended within 10 s of close");
            }
            System.out.println("readers ended with IllegalStateException: " + endedWithIllegalState.get()
                    + " of " + readers);
            check(endedWithIllegalState.get() == readers, "every reader ended with IllegalStateException");
        }
    }

    /**
     * Closes 4 MiB of private anonymous memory in huge pages while two threads read it in a loop, one
     * through the segment taken before, one through {@code segment()} on every pass. {@code hugetlb}:
     * two 2 MiB hugetlb pages, which must be free ({@link HugePagesTest} reserves them where it can);
     * {@code thp}: memory advised {@code MADV_HUGEPAGE}, which needs no reservation; where the kernel
     * backs none of it with a transparent huge page, says so and stops (the parent skips, saying why).
     */
    static void closeHugePageMemoryWhileThreadsRead(String kind) throws Exception {
        long huge = 2L << 20;
        Mapping m;
        MemorySegment s;
        if (kind.equals("hugetlb")) {
            m = Mapping.anonymous(2 * huge, MapOptions.copyOnWrite().with(MapFlag.HUGE_2MB));
            check(m.pageSize() == huge, "pageSize() of HUGE_2MB memory is 2 MiB, not " + m.pageSize());
            s = m.segment();
            s.set(JAVA_LONG, huge, 7); // fault in the second huge page too
            System.out.println("huge pages: hugetlb: 2 of 2 MiB");
        } else {
            m = Mapping.anonymous(2 * huge, MapOptions.copyOnWrite());
            m.advise(Advice.HUGEPAGE);
            s = m.segment();
            for (long at = 0; at < s.byteSize(); at += PAGE) {
                s.set(JAVA_LONG, at, 0); // fault in every page, in huge pages where the kernel can
            }
            s.set(JAVA_LONG, huge, 7);
            long kb = Smaps.at(m.address()).kb("AnonHugePages");
            if (kb == 0) {
                System.out.println("huge pages: thp: the kernel backed none of the range with a huge page");
                m.close();
                return;
            }
            System.out.println("huge pages: thp: " + kb + " kB of the 4096 kB range in transparent huge pages");
        }
        CountDownLatch running = new CountDownLatch(2);
        AtomicInteger endedWithIllegalState = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            boolean holdsSegment = t == 0;
            String what = "reader " + t + (holdsSegment ? " holding the segment" : " calling segment() per pass");
            threads.add(Thread.ofPlatform().name(what).start(() -> {
                long passes = 0;
                try {
                    while (true) {
                        long sum = sumLongs(holdsSegment ? s : m.segment());
                        if (++passes == 1) {
                            running.countDown();
                        }
                        if (sum != 7) {
                            check(false, what + " read " + sum);
                        }
                    }
                } catch (IllegalStateException e) {
                    endedWithIllegalState.incrementAndGet();
                    System.out.println("caught " + e.getClass().getName() + ": " + e.getMessage()
                            + " (" + what + ", after " + passes + " passes)");
                } catch (Throwable e) {
                    check(false, what + " ended with " + e);
                    e.printStackTrace(System.out);
                }
            }));
        }
        check(running.await(Emulation.scaled(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS), "every reader finished a pass within 10 s");
        Thread.sleep(100);
        long base = m.address();
        m.close();
        for (Thread t : threads) {
            t.join(Emulation.scaled(Duration.ofSeconds(10)).toMillis());
            check(!t.isAlive(), t.getName() + " ended within 10 s of close");
        }
        System.out.println("readers ended with IllegalStateException: " + endedWithIllegalState.get() + " of 2");
        check(endedWithIllegalState.get() == 2, "every reader ended with IllegalStateException");
        check(!Mapping.isLive(base, base + 2 * huge), "the ledger forgot the huge pages");
        // hugetlb memory is named /anon_hugepage; transparent huge pages are plain anonymous memory
        String name = kind.equals("hugetlb") ? "/anon_hugepage (deleted)" : "";
        List<ProcMaps.Entry> left = ProcMaps.read().leftOf(base, base + 2 * huge, name);
        check(left.isEmpty(), "the 4 MiB of huge pages are no longer mapped: " + left);
    }

    static void closeAGroupWhileThreadsReadItsMembers() throws Exception {
        // the members come from a named memfd, so that /proc/self/maps tells their pages from the
        // anonymous memory the JVM may map at a freed address the moment the group is closed
        MappedFile memory = MappedFile.memfd("group-members", false);
        memory.truncate(16 * 4 * PAGE);
        MappingGroup group = MappingGroup.open();
        List<Mapping> members = new ArrayList<>();
        List<MemorySegment> segments = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Mapping m = memory.map(i * 4 * PAGE, 4 * PAGE, MapOptions.copyOnWrite().in(group));
            m.segment().set(JAVA_LONG, 0, 7);
            members.add(m);
            segments.add(m.segment());
        }
        CountDownLatch running = new CountDownLatch(2);
        AtomicInteger endedWithIllegalState = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            String what = "reader " + t;
            threads.add(Thread.ofPlatform().name(what).start(() -> {
                long passes = 0;
                try {
                    while (true) {
                        for (MemorySegment s : segments) {
                            if (sumLongs(s) != 7) {
                                check(false, what + " read a wrong sum");
                            }
                        }
                        if (++passes == 1) {
                            running.countDown();
                        }
                    }
                } catch (IllegalStateException e) {
                    endedWithIllegalState.incrementAndGet();
                } catch (Throwable e) {
                    check(false, what + " ended with " + e);
                    e.printStackTrace(System.out);
                }
            }));
        }
        check(running.await(Emulation.scaled(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS), "every reader finished a pass within 10 s");
        for (Mapping m : members) {
            m.close(); // bookkeeping: the readers go on
        }
        Thread.sleep(50);
        check(endedWithIllegalState.get() == 0, "closing members ends no reader");
        group.close();
        for (Thread t : threads) {
            t.join(Emulation.scaled(Duration.ofSeconds(10)).toMillis());
            check(!t.isAlive(), t.getName() + " ended within 10 s of the group's close");
        }
        System.out.println("readers ended with IllegalStateException: " + endedWithIllegalState.get() + " of 2");
        check(endedWithIllegalState.get() == 2, "every reader ended with IllegalStateException");
        List<ProcMaps.Entry> maps = ProcMaps.read().entries();
        for (Mapping m : members) {
            long a = m.address();
            check(!Mapping.isLive(a, a + 4 * PAGE), "the ledger forgot the member at 0x" + Long.toHexString(a));
            List<ProcMaps.Entry> left = maps.stream()
                    .filter(e -> e.start() < a + 4 * PAGE && a < e.end() && e.path().contains("memfd:group-members"))
                    .toList();
            check(left.isEmpty(), "member at 0x" + Long.toHexString(a) + " is unmapped: " + left);
        }
        check(maps.stream().noneMatch(e -> e.path().contains("memfd:group-members")), "no page of the members is mapped");
        memory.close();
    }

    /** How many members the workers make before the group closes under them. */
    private static final int MEMBERS_MADE = 10_000;

    /**
     * Three threads map file pages into one batched group, write and read them, close them, and
     * keep reading each closed member's old segment (its batch may be unmapped under it at any
     * moment, by another thread or the daemon) until the group closes under them all: once they have
     * made {@value #MEMBERS_MADE} members and seen a closed member's batch unmapped, however long that
     * takes on this machine.
     */
    static void batchedMembersComeAndGoWhileThreadsReadThemAndTheGroupCloses(Path dir) throws Exception {
        int pages = 64;
        try (MappedFile file = create(dir, pages)) {
            MappingGroup group = MappingGroup.openBatched(8, Duration.ofMillis(2));
            java.util.concurrent.atomic.AtomicLong made = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicLong staleReads = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicLong staleRefused = new java.util.concurrent.atomic.AtomicLong();
            AtomicInteger endedWithIllegalState = new AtomicInteger();
            List<Long> addresses = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int id = t;
                String what = "worker " + t;
                threads.add(Thread.ofPlatform().name(what).start(() -> {
                    MemorySegment stale = null; // the segment of a member this thread closed
                    long staleValue = 0;
                    try {
                        for (long i = 0; ; i++) {
                            int p = (int) ((i * 3 + id) % pages);
                            Mapping m = file.map(p * PAGE, PAGE, MapOptions.readWrite().in(group));
                            made.incrementAndGet();
                            if (i % 64 == 0) {
                                addresses.add(m.address());
                            }
                            MemorySegment s = m.segment();
                            long v = id * 1_000_000_000L + i;
                            s.set(JAVA_LONG, 8L * id, v);
                            if (s.get(JAVA_LONG, 8L * id) != v) {
                                check(false, what + " read back a wrong value");
                            }
                            m.close();
                            if (stale != null) {
                                try {
                                    if (stale.get(JAVA_LONG, 8L * id) != staleValue) {
                                        check(false, what + " read a wrong value through a closed member's segment");
                                    }
                                    staleReads.incrementAndGet();
                                } catch (IllegalStateException unmapped) {
                                    staleRefused.incrementAndGet();
                                }
                            }
                            stale = s;
                            staleValue = v;
                        }
                    } catch (IllegalStateException groupClosed) {
                        endedWithIllegalState.incrementAndGet();
                    } catch (Throwable e) {
                        check(false, what + " ended with " + e);
                        e.printStackTrace(System.out);
                    }
                }));
            }
            // run until enough happened, however long that takes here; the bound only ends a stuck run
            long bound = Emulation.scaled(Duration.ofSeconds(60)).toNanos(), started = System.nanoTime();
            while ((made.get() < MEMBERS_MADE || staleRefused.get() == 0)
                    && System.nanoTime() - started < bound && threads.stream().allMatch(Thread::isAlive)) {
                Thread.sleep(10);
            }
            long madeBeforeClose = made.get(), refusedBeforeClose = staleRefused.get();
            group.close();
            for (Thread t : threads) {
                t.join(Emulation.scaled(Duration.ofSeconds(10)).toMillis());
                check(!t.isAlive(), t.getName() + " ended within 10 s of the group's close");
            }
            check(endedWithIllegalState.get() == 3, "every worker ended with IllegalStateException, not "
                    + endedWithIllegalState.get());
            check(madeBeforeClose >= MEMBERS_MADE, "the workers made " + MEMBERS_MADE + " members before the group"
                    + " closed, not " + madeBeforeClose + " (within " + Duration.ofNanos(bound).toSeconds() + " s)");
            check(refusedBeforeClose > 0, "some closed members' batches were unmapped under their old segments"
                    + " before the group closed");
            check(group.mappings().isEmpty(), "a closed group has no members");
            List<ProcMaps.Entry> left = ProcMaps.read().entries().stream()
                    .filter(e -> e.path().equals(file.path().toString())).toList();
            check(left.isEmpty(), "no page of the file is mapped once the group is closed: " + left);
            for (long a : addresses) {
                check(!Mapping.isLive(a, a + PAGE), "the ledger forgot 0x" + Long.toHexString(a));
            }
            System.out.println("batched members: " + made.get() + " made; closed members read " + staleReads.get()
                    + " times, refused " + staleRefused.get() + " times; workers ended with IllegalStateException: "
                    + endedWithIllegalState.get() + " of 3");
        }
    }

    /**
     * Automatic mappings of a file's first page, a quarter more than {@code vm.max_map_count} (read
     * whole: see {@link Sysctl}), dropped at once: each is its own kernel mapping, and the collector
     * sees only small objects. Before mmap4j kept a budget below {@code vm.max_map_count}, the
     * mappings piled up until the JVM itself could not map and aborted. The live count, read after
     * every mapping, must never pass the budget.
     */
    static void automaticMappingsMadeFasterThanTheCollectorRuns(Path dir) throws Exception {
        long limit = Long.parseLong(Sysctl.read(Path.of("/proc/sys/vm/max_map_count")));
        long budget = Ledger.Budget.MAX;
        check(budget < limit, "the budget " + budget + " is below vm.max_map_count " + limit);
        long n = limit + limit / 4;
        long sum = 0, mostLive = 0;
        try (MappedFile file = create(dir, 1)) {
            for (long i = 0; i < n; i++) {
                sum += file.map(0, PAGE, MapOptions.readOnly().automatic()).segment().get(JAVA_BYTE, 0);
                mostLive = Math.max(mostLive, Ledger.liveCount());
            }
        }
        check(sum == 0, "every page read 0");
        check(mostLive <= budget, "the live count stayed within the budget of " + budget + ": it reached " + mostLive);
        System.out.println("automatic: " + n + " made (vm.max_map_count " + limit + "); most live at once: " + mostLive
                + " of a budget of " + budget + "; live at the end: " + Ledger.liveCount());
    }

    /** With {@code -Dio.mmap4j.maxMappings=500}: 500 live mappings, then a refusal, then room again. */
    static void aSpentBudgetRefusesTheNextMapping(Path dir) throws Exception {
        List<Mapping> held = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            held.add(Mapping.anonymous(PAGE, MapOptions.copyOnWrite()));
        }
        try {
            Mapping.anonymous(PAGE, MapOptions.copyOnWrite());
            check(false, "the 501st mapping was refused");
        } catch (NativeCallException e) {
            System.out.println("refused: " + e.getMessage());
            check(e.getMessage().contains("budget of 500") && e.getMessage().contains("io.mmap4j.maxMappings"),
                    "the refusal names the budget and how to change it: " + e.getMessage());
        }
        held.remove(0).close();
        held.add(Mapping.anonymous(PAGE, MapOptions.copyOnWrite()));
        for (Mapping m : held) {
            m.close();
        }
        try (MappedFile file = create(dir, 1)) { // automatic ones are found by the collector when room runs out
            for (int i = 0; i < 20_000; i++) {
                file.map(0, PAGE, MapOptions.readOnly().automatic()).segment().get(JAVA_BYTE, 0);
            }
        }
        check(Ledger.liveCount() <= 500, "no more than the budget is live: " + Ledger.liveCount());
        System.out.println("room again after a close; 20000 automatic mappings within a budget of 500");
    }

    /** How many automatic mappings must be seen collected while the readers read their own. */
    private static final int COLLECTED_WHILE_READ = 500;

    /**
     * Two readers each make automatic mappings, read them, drop them and make the next, while this
     * thread asks the collector to run: until {@value #COLLECTED_WHILE_READ} dropped mappings have
     * been unmapped by the collector (the ledger forgot their ranges) while the readers kept reading,
     * however long that takes here.
     */
    static void automaticMappingsComeAndGoWhileThreadsReadThem() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ConcurrentLinkedQueue<Long> dropped = new java.util.concurrent.ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    while (!over.get()) {
                        // each reader makes its own: only its segment keeps the pages mapped
                        MemorySegment s = Mapping.anonymous(16 * PAGE, MapOptions.copyOnWrite().automatic()).segment();
                        s.set(JAVA_LONG, 15 * PAGE, 7);
                        for (int i = 0; i < 50; i++) {
                            if (sumLongs(s) != 7) {
                                check(false, "an automatic mapping read a wrong sum");
                            }
                            reads.incrementAndGet();
                        }
                        dropped.add(s.address());
                    }
                } catch (Throwable e) {
                    check(false, "reader ended with " + e);
                    e.printStackTrace(System.out);
                }
            }));
        }
        long collected = 0, readsWhenCollected = -1;
        long bound = Emulation.scaled(Duration.ofSeconds(60)).toNanos(), started = System.nanoTime();
        while (collected < COLLECTED_WHILE_READ && System.nanoTime() - started < bound
                && threads.stream().allMatch(Thread::isAlive)) {
            System.gc();
            Thread.sleep(10);
            // a dropped mapping whose range the ledger forgot was unmapped by its collector cleanup; one
            // still live may be uncollected, or a new mapping at the same address: looked at again later
            for (java.util.Iterator<Long> it = dropped.iterator(); it.hasNext(); ) {
                long a = it.next();
                if (!Mapping.isLive(a, a + 16 * PAGE)) {
                    it.remove();
                    collected++;
                }
            }
            if (collected > 0 && readsWhenCollected < 0) {
                readsWhenCollected = reads.get();
            }
        }
        boolean readersAlive = threads.stream().allMatch(Thread::isAlive);
        over.set(true);
        for (Thread t : threads) {
            t.join(Emulation.scaled(Duration.ofSeconds(10)).toMillis());
            check(!t.isAlive(), "reader ended within 10 s");
        }
        System.out.println("automatic reads: " + reads.get() + "; collected while read: " + collected);
        check(collected >= COLLECTED_WHILE_READ, COLLECTED_WHILE_READ + " dropped automatic mappings were collected"
                + " while the readers read, not " + collected + " (within " + Duration.ofNanos(bound).toSeconds() + " s)");
        check(readersAlive, "the readers were still reading when the last was seen collected");
        check(readsWhenCollected > 0, "the readers read before the first was collected");
    }

    /**
     * {@code int nanosleep(const struct timespec *req, struct timespec *rem)}: a native call that holds
     * a segment (the mapped {@code timespec}) for as long as it sleeps.
     */
    @SuppressWarnings("restricted") // a downcall with a fixed, correct signature
    private static final MethodHandle NANOSLEEP = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().findOrThrow("nanosleep"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));

    /** Writes a {@code struct timespec} (two 64-bit fields on 64-bit Linux) at the start of {@code s}. */
    private static void setTimespec(MemorySegment s, Duration d) {
        s.set(JAVA_LONG, 0, d.toSeconds());
        s.set(JAVA_LONG, 8, d.toNanosPart());
    }

    static void closeDuringANativeCallOnTheSegment(Path dir) throws Throwable {
        try (MappedFile file = create(dir, 1); Arena warmUp = Arena.ofConfined()) {
            MemorySegment shortSleep = warmUp.allocate(16, 8);
            setTimespec(shortSleep, Duration.ofMillis(1));
            check((int) NANOSLEEP.invokeExact(shortSleep, MemorySegment.NULL) == 0, "warm-up nanosleep");

            // the close must come while the call runs: wait a while into it, and where the close came
            // before the call began or after it ended (a slow or loaded machine), try a longer call
            Mapping m = null;
            MemorySegment s = null;
            Thread sleeper = null;
            AtomicInteger result = new AtomicInteger(-1);
            long callMillis = 800, metMillis = 0;
            for (int attempt = 1; m == null; attempt++, callMillis *= 3) {
                Mapping tried = file.map(0, PAGE, MapOptions.readWrite());
                MemorySegment segment = tried.segment();
                setTimespec(segment, Duration.ofMillis(callMillis));
                CountDownLatch calling = new CountDownLatch(1);
                java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
                result.set(-1);
                Thread t = Thread.ofPlatform().start(() -> {
                    calling.countDown();
                    try {
                        result.set((int) NANOSLEEP.invokeExact(segment, MemorySegment.NULL));
                    } catch (Throwable e) {
                        thrown.set(e);
                    }
                });
                calling.await();
                Thread.sleep(callMillis * 3 / 8); // well inside the call, once it has begun
                try {
                    tried.close();
                } catch (IllegalStateException refused) {
                    System.out.println("caught " + refused.getClass().getName() + ": " + refused.getMessage()
                            + " (close during a native call on the segment)");
                    m = tried;
                    s = segment;
                    sleeper = t;
                    metMillis = callMillis;
                    continue;
                }
                t.join();
                // the call had not begun (it found the segment closed) or had already returned
                check(result.get() == 0 || thrown.get() instanceof IllegalStateException,
                        "a call that the close did not meet returned 0 or found the segment closed: " + result.get()
                                + ", " + thrown.get());
                System.out.println("fact: attempt " + attempt + ": the close did not meet the " + callMillis
                        + " ms call (" + (thrown.get() != null ? "not begun" : "already returned") + ")");
                if (attempt == 4) {
                    check(false, "a close met the native call in 4 attempts");
                    return;
                }
            }
            Thread finalSleeper = sleeper;
            MemorySegment held = s;
            check(m.isOpen(), "the mapping is still open after a refused close");
            check(held.get(JAVA_LONG, 0) == Duration.ofMillis(metMillis).toSeconds() && m.segment() == held,
                    "the segment still works after a refused close");
            finalSleeper.join();
            check(result.get() == 0, "nanosleep returned 0, not " + result.get());
            m.close();
            check(!m.isOpen(), "the second close, after the call returned, closes the mapping");
            expect("read after the second close", IllegalStateException.class, () -> held.get(JAVA_LONG, 0));
            List<ProcMaps.Entry> left = ProcMaps.read().entries().stream()
                    .filter(e -> e.path().equals(file.path().toString())).toList();
            check(left.isEmpty(), "the file is no longer mapped: " + left);
        }
    }
}

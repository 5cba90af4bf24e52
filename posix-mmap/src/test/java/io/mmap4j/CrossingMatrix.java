// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.mmap4j.CrossingScenarios.HUGE;
import static io.mmap4j.CrossingScenarios.PAGE;
import static io.mmap4j.CrossingScenarios.alignUp;
import static io.mmap4j.CrossingScenarios.linesIn;
import static io.mmap4j.CrossingScenarios.onlyReserved;
import static io.mmap4j.ScenarioChecks.check;
import static io.mmap4j.ScenarioChecks.expect;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Every crossing of lifetime, placement, page kind with origin, and sharing, generated, not listed:
 * for each, map (or see it refused before any call), read and write, race a reader thread against
 * the structural changes the combination allows, see the ones it does not refused, close twice,
 * close the owner, and check with {@code /proc/self/maps} and the ledger that nothing is left.
 * The expected table is written here independently of {@link Crossings}, so that a row changed
 * there fails here.
 */
final class CrossingMatrix {
    private CrossingMatrix() {
    }

    enum Life { DEFAULT, CONFINED, GROUPED, BATCHED, AUTOMATIC }

    enum Place { STANDALONE, IN_RESERVATION }

    enum Share { SHARED, PRIVATE }

    /** Where the pages come from, and in which page size. */
    enum Source {
        FILE(false), FILE_THP(false), MEMFD(false), MEMFD_HUGETLB(true), ANONYMOUS(false), ANONYMOUS_THP(false),
        ANONYMOUS_HUGETLB(true), ADOPTED_FD(false), BORROWED_FD(false), HUGETLBFS_FILE(true);

        final boolean huge;

        Source(boolean huge) {
            this.huge = huge;
        }

        boolean anonymous() {
            return this == ANONYMOUS || this == ANONYMOUS_THP || this == ANONYMOUS_HUGETLB;
        }
    }

    /** The table, stated independently: only a mapping that owns its arena may be placed in a reservation. */
    static boolean allowed(Life life, Place place) {
        return place == Place.STANDALONE || life == Life.DEFAULT || life == Life.CONFINED;
    }

    static boolean ownsArena(Life life) {
        return life == Life.DEFAULT || life == Life.CONFINED;
    }

    record Case(Source source, Life life, Place place, Share share) {
        @Override
        public String toString() {
            return source + " x " + life + " x " + place + " x " + share;
        }
    }

    static void all(Path dir, boolean huge) throws Exception {
        boolean kernel = !Emulation.isEmulated();
        Path hugetlbfs = huge && kernel ? mountHugetlbfs(dir) : null;
        int run = 0, refused = 0, skipped = 0;
        try {
            for (Source source : Source.values()) {
                for (Life life : Life.values()) {
                    for (Place place : Place.values()) {
                        for (Share share : Share.values()) {
                            Case c = new Case(source, life, place, share);
                            if (source.huge && (!huge || !kernel || (source == Source.HUGETLBFS_FILE && hugetlbfs == null))) {
                                skipped++;
                                continue;
                            }
                            try {
                                long liveBefore = Ledger.liveCount();
                                long[] range = runCase(dir, hugetlbfs, c, kernel);
                                if (range == null) {
                                    refused++;
                                } else {
                                    run++;
                                    afterCase(c, range, liveBefore, kernel); // here, where no frame holds the mapping
                                }
                            } catch (Throwable t) {
                                check(false, c + " threw " + t);
                                t.printStackTrace(System.out);
                            }
                        }
                    }
                }
            }
        } finally {
            if (hugetlbfs != null) {
                new ProcessBuilder("umount", hugetlbfs.toString()).inheritIO().start().waitFor();
            }
        }
        System.out.println("crossings: " + run + " run, " + refused + " refused before any call, " + skipped
                + " skipped (huge pages " + (huge && kernel ? "available" : "not available here") + ")");
    }

    private static Path mountHugetlbfs(Path dir) throws Exception {
        Path mount = Files.createDirectories(dir.resolve("hugetlbfs"));
        Process p = new ProcessBuilder("mount", "-t", "hugetlbfs", "-o", "pagesize=2M", "none", mount.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            System.out.println("SKIPPED hugetlbfs files: cannot mount hugetlbfs (" + out + ")");
            return null;
        }
        return mount;
    }

    /** An open backing for a case: the file (null for anonymous memory) and what to close after it. */
    private record Backing(MappedFile file, int borrowedFd) implements AutoCloseable {
        @Override
        public void close() throws java.io.IOException {
            if (file != null) {
                file.close();
            }
            if (borrowedFd >= 0) {
                try {
                    CrossingScenarios.closeFd(borrowedFd);
                } catch (Exception e) {
                    throw new java.io.IOException(e);
                }
            }
        }
    }

    private static Backing open(Path dir, Path hugetlbfs, Source source, long length) throws Throwable {
        Path plain = dir.resolve("crossing-" + source);
        return switch (source) {
            case FILE, FILE_THP -> new Backing(CrossingScenarios.file(dir, "crossing-" + source, length), -1);
            case MEMFD -> {
                MappedFile f = MappedFile.memfd("crossing", false);
                f.truncate(length);
                yield new Backing(f, -1);
            }
            case MEMFD_HUGETLB -> {
                MappedFile f = MappedFile.adopt(CrossingScenarios.memfdHugetlb("crossing"));
                f.truncate(length);
                yield new Backing(f, -1);
            }
            case ANONYMOUS, ANONYMOUS_THP, ANONYMOUS_HUGETLB -> new Backing(null, -1);
            case ADOPTED_FD, BORROWED_FD -> {
                CrossingScenarios.file(dir, "crossing-" + source, length).close();
                int fd = CrossingScenarios.openFd(plain);
                check(fd >= 0, "open(" + plain + ") gave a descriptor");
                yield source == Source.ADOPTED_FD ? new Backing(MappedFile.adopt(fd), -1)
                        : new Backing(MappedFile.borrow(fd), fd);
            }
            case HUGETLBFS_FILE -> {
                MappedFile f = MappedFile.open(hugetlbfs.resolve("crossing"), StandardOpenOption.READ,
                        StandardOpenOption.WRITE, StandardOpenOption.CREATE);
                f.truncate(length);
                yield new Backing(f, -1);
            }
        };
    }

    private static MapOptions options(Case c, MappingGroup group) {
        MapOptions o = c.share == Share.SHARED ? MapOptions.readWrite() : MapOptions.copyOnWrite();
        if (c.source == Source.ANONYMOUS_HUGETLB) {
            o = o.with(MapFlag.HUGE_2MB);
        }
        return switch (c.life) {
            case DEFAULT -> o;
            case CONFINED -> o.confined();
            case GROUPED, BATCHED -> o.in(group);
            case AUTOMATIC -> o.automatic();
        };
    }

    /** {@return the kernel range the case mapped, or null if it was refused (as the table says it must be)} */
    private static long[] runCase(Path dir, Path hugetlbfs, Case c, boolean kernel) throws Throwable {
        long page = c.source.huge ? HUGE : PAGE;
        long length = (c.source.huge ? 3 : 4) * page;
        long liveBefore = Ledger.liveCount();
        MappingGroup group = c.life == Life.GROUPED ? MappingGroup.open()
                : c.life == Life.BATCHED ? MappingGroup.openBatched(2, Duration.ofMillis(50)) : null;
        MapOptions o = options(c, group);
        long start, end;
        try (Backing b = open(dir, hugetlbfs, c.source, length)) {
            Reservation r = c.place == Place.IN_RESERVATION ? Reservation.reserve(length + 2 * page) : null;
            long at = r == null ? 0 : alignUp(r.address(), page) - r.address();
            if (!allowed(c.life, c.place)) {
                expect(c + " is refused", IllegalArgumentException.class, () -> place(b, r, o, length, at));
                if (kernel) {
                    check(onlyReserved(r.address(), r.address() + r.length()), c + ": the refusal mapped nothing");
                }
                check(r.mappings().isEmpty(), c + ": the reservation lists nothing");
                r.close();
                if (group != null) {
                    group.close();
                }
                check(Ledger.liveCount() == liveBefore, c + ": the ledger is back to " + liveBefore + ": " + Ledger.liveCount());
                return null;
            }
            Mapping m = place(b, r, o, length, at);
            check(m.pageSize() == page, c + ": pages of " + page + " bytes, not " + m.pageSize());
            start = m.raw().address();
            end = start + m.raw().length();
            MemorySegment s = m.segment();
            s.set(JAVA_LONG, 0, 0x1234);
            s.set(JAVA_LONG, length - 8, 0x5678);
            check(s.get(JAVA_LONG, 0) == 0x1234 && s.get(JAVA_LONG, length - 8) == 0x5678, c + ": reads what it wrote");
            if (c.source == Source.FILE_THP || c.source == Source.ANONYMOUS_THP) {
                m.advise(0, length, Advice.HUGEPAGE);
            }
            if (kernel) {
                List<ProcMaps.Entry> lines = linesIn(start, end);
                check(!lines.isEmpty() && lines.stream().allMatch(e -> e.shared() == (c.share == Share.SHARED)
                        && e.perms().startsWith("rw")), c + ": the kernel maps it " + c.share + " and writable: " + lines);
            }
            Reader reader = new Reader(s, c.life == Life.CONFINED);
            if (ownsArena(c.life)) {
                if (r != null) {
                    expect(c + ": remap in a reservation", UnsupportedOperationException.class,
                            () -> m.remap(length - page, RemapOptions.mayMove()));
                }
                Mapping current = m;
                if (r == null && !c.source.huge) {
                    current = m.remap(length - page, RemapOptions.mayMove());
                    check(current.segment().get(JAVA_LONG, 0) == 0x1234, c + ": the remapped mapping keeps its bytes");
                    expect(c + ": the mapping remapped from is closed", IllegalStateException.class, m::segment);
                }
                current.protect(0, page, Protection.READ);
                check(current.segment(0, page).isReadOnly(), c + ": the protected page's segment is read-only");
                Split split = current.unmap(page, page);
                List<Mapping> parts = split.parts();
                check(split.head().orElseThrow().segment().get(JAVA_LONG, 0) == 0x1234, c + ": the head keeps its bytes");
                check(parts.size() == 2, c + ": two parts around the hole: " + parts);
                expect(c + ": the split mapping is closed", IllegalStateException.class, current::segment);
                current.close(); // closing a split mapping again does nothing
                for (Mapping p : parts) {
                    p.close();
                    p.close();
                }
            } else {
                expect(c + ": protect", UnsupportedOperationException.class, () -> m.protect(0, page, Protection.READ));
                expect(c + ": partial unmap", UnsupportedOperationException.class, () -> m.unmap(page, page));
                expect(c + ": remap", UnsupportedOperationException.class, () -> m.remap(page, RemapOptions.mayMove()));
                m.close();
                m.close();
            }
            expect(c + ": segment() after close", IllegalStateException.class, m::segment);
            if (r != null) {
                r.close();
                r.close();
            }
            if (group != null) {
                group.close();
            }
            reader.stop();
            check(reader.reads.get() > 0, c + ": the reader read before the changes raced it");
        }
        return new long[] {start, end};
    }

    /** Once the case's frame is gone: the collector unmaps an automatic mapping, and nothing is left. */
    private static void afterCase(Case c, long[] range, long liveBefore, boolean kernel) throws Exception {
        long start = range[0], end = range[1];
        if (c.life == Life.AUTOMATIC) { // the collector unmaps it once nothing reaches its segments
            for (int i = 0; i < 200 && Ledger.liveCount() != liveBefore; i++) {
                System.gc();
                Thread.sleep(10);
            }
        }
        if (c.life == Life.BATCHED) {
            for (int i = 0; i < 200 && Ledger.liveCount() != liveBefore; i++) {
                Thread.sleep(10);
            }
        }
        check(Ledger.liveCount() == liveBefore, c + ": the ledger is back to " + liveBefore + ": " + Ledger.liveCount());
        if (kernel && c.place == Place.STANDALONE) {
            // the JVM may map its own memory at a freed address at once; the case's file may not be there
            List<ProcMaps.Entry> left = linesIn(start, end).stream().filter(e -> e.path().contains("crossing")).toList();
            check(left.isEmpty(), c + ": nothing of it stays mapped: " + left);
        }
    }

    private static Mapping place(Backing b, Reservation r, MapOptions o, long length, long at) throws Exception {
        if (r == null) {
            return b.file() == null ? Mapping.anonymous(length, o) : b.file().map(0, length, o);
        }
        return b.file() == null ? r.mapAnonymous(length, o, at) : r.map(b.file(), 0, length, o, at);
    }

    /** A thread that reads the segment until it is closed under it (or told to stop): never a crash. */
    private static final class Reader {
        final AtomicLong reads = new AtomicLong();
        final AtomicBoolean over = new AtomicBoolean();
        final Thread thread;

        /** {@code confined}: another thread must be refused, so the one read is this thread's. */
        Reader(MemorySegment s, boolean confined) {
            if (confined) {
                reads.set(s.get(JAVA_LONG, 0) == 0x1234 ? 1 : 0);
            }
            thread = Thread.ofPlatform().start(() -> {
                long sum = 0;
                try {
                    do {
                        sum += s.get(JAVA_LONG, 0);
                        reads.incrementAndGet();
                    } while (!over.get());
                } catch (IllegalStateException closed) {
                    // the segment was invalidated under the reader: what must happen, not a crash
                } catch (WrongThreadException refused) {
                    check(confined, "only a confined mapping refuses another thread: " + refused);
                    return;
                }
                check(!confined, "a confined mapping's segment was read by another thread");
                if (sum == 42) {
                    System.out.print("");
                }
            });
            while ((confined || reads.get() == 0) && thread.isAlive()) { // the race starts once the reader reads
                Thread.onSpinWait();
            }
        }

        void stop() throws InterruptedException {
            over.set(true);
            thread.join();
        }
    }

    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        for (Source s : Source.values()) {
            for (Life l : Life.values()) {
                for (Place p : Place.values()) {
                    for (Share sh : Share.values()) {
                        all.add(new Case(s, l, p, sh));
                    }
                }
            }
        }
        return all;
    }
}

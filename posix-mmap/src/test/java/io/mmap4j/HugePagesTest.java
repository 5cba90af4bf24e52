// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Mappings in real huge pages ({@code MAP_HUGETLB} and hugetlbfs), each checked against
 * {@code /proc/self/maps} and the {@code KernelPageSize} the kernel gives in {@code /proc/self/smaps}.
 *
 * <p>Before all, reserves enough 2 MiB pages ({@code /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages},
 * which needs root) and after all writes back the value it found ({@code -Dmmap4j.hugePages.reserve=false}
 * leaves it alone; {@code -Dmmap4j.hugePages.use=N} uses at most N). Where it cannot reserve them (no
 * root, a read-only {@code /sys}), every case runs that the free huge pages allow, and closing huge-page
 * memory under readers falls back to transparent huge pages; each case that cannot run is skipped on
 * its own, with the reason, in the test report and on standard output ({@code SKIPPED: ...}), so a
 * skip is never counted as a pass. 1 GiB pages are never reserved: those cases run only where some
 * are already free.
 */
@EnabledOnOs(OS.LINUX)
class HugePagesTest {
    private static final long HUGE = 2L << 20;
    private static final long GIGANTIC = 1L << 30;
    private static final long NEEDED = 8;
    private static final Path PROC_NR = Path.of("/proc/sys/vm/nr_hugepages");

    /** What the two files held before this class ran; null where this class changed nothing. */
    private static String procNrBefore;
    private static String sysNrBefore;
    private static boolean raised;
    /** Why fewer than {@link #NEEDED} 2 MiB pages may be free, or null where they were reserved. */
    private static String notReserved;

    @TempDir
    Path dir;

    long small = PageSize.get();

    /**
     * Reserves {@link #NEEDED} free 2 MiB pages where it can; where it cannot, says why and lets each
     * case decide whether it can run with what is free (see {@link #needFree}).
     */
    @BeforeAll
    static void reserveTwoMegabytePages() throws IOException {
        if (Emulation.isEmulated()) {
            return; // every case skips, each saying why (realKernel)
        }
        Path nr = sysfs(HUGE, "nr_hugepages");
        if (!Files.isRegularFile(nr)) {
            notReserved = "this kernel has no 2 MiB huge pages: " + nr + " does not exist";
            return;
        }
        long free = freePages(HUGE);
        if (free >= NEEDED) {
            return;
        }
        if (!Boolean.parseBoolean(System.getProperty("mmap4j.hugePages.reserve", "true"))) {
            notReserved = "-Dmmap4j.hugePages.reserve=false: " + nr + " left alone";
            return;
        }
        procNrBefore = Sysctl.read(PROC_NR);
        sysNrBefore = Files.readString(nr).strip();
        long want = Long.parseLong(sysNrBefore) + NEEDED - free;
        try {
            Files.writeString(nr, Long.toString(want));
        } catch (IOException e) {
            notReserved = "cannot reserve 2 MiB huge pages: writing " + want + " to " + nr + " failed (" + e
                    + "); run as root with a writable /sys, or reserve " + NEEDED + " pages beforehand";
            return;
        }
        raised = true;
        free = freePages(HUGE);
        if (free < NEEDED) {
            notReserved = "wrote " + want + " to " + nr + " but the kernel freed only " + free + " 2 MiB pages (memory"
                    + " too fragmented or too small?); " + NEEDED + " are needed";
        }
    }

    /** Skips the calling case under emulation, saying why. */
    @BeforeEach
    void realKernel(TestInfo test) {
        skipUnless(!Emulation.isEmulated(), test, "qemu-user maps guest memory in its own pages: hugetlb sizes and"
                + " smaps counters are not the kernel's here (" + Emulation.class.getSimpleName() + ")");
        this.test = test;
    }

    private TestInfo test;

    /**
     * How many free 2 MiB pages the cases may count on: all there are, or at most
     * {@code -Dmmap4j.hugePages.use=N} (0 runs the class as a machine without huge pages would).
     */
    private static long usable() throws IOException {
        return Math.min(freePages(HUGE), Long.getLong("mmap4j.hugePages.use", Long.MAX_VALUE));
    }

    /** Skips the calling case unless {@code pages} 2 MiB pages are free, saying why they are not. */
    private void needFree(long pages) throws IOException {
        long free = usable();
        skipUnless(free >= pages, test, "needs " + pages + " free 2 MiB huge pages, " + free + " are free to use"
                + (notReserved == null ? "" : ": " + notReserved));
    }

    /** Skips a case, visibly: in the test report (an assumption) and as a {@code SKIPPED:} line on standard output. */
    private static void skipUnless(boolean condition, TestInfo test, String reason) {
        if (!condition) {
            String line = "SKIPPED: HugePagesTest." + test.getTestMethod().map(m -> m.getName()).orElse("?") + ": " + reason;
            System.out.println(line);
            assumeTrue(false, line); // "Assumption failed: SKIPPED: ...", as .ci/aarch64 lists skips
        }
    }

    @AfterAll
    static void restoreReservation() throws IOException {
        if (raised) {
            raised = false;
            Files.writeString(sysfs(HUGE, "nr_hugepages"), sysNrBefore);
            // pages a failed case left mapped stay counted (as surplus) until this JVM exits
            assertEquals(sysNrBefore, Files.readString(sysfs(HUGE, "nr_hugepages")).strip(),
                    "2 MiB pages restored; HugePages_Total counts pages still mapped");
            assertEquals(procNrBefore, Sysctl.read(PROC_NR), PROC_NR + " restored");
        }
    }

    @Test
    void fourKilobytesOfTwoMegabytePagesMapAWholeHugePageAndCloseCleanly() throws Exception {
        needFree(1);
        long freeBefore = freePages(HUGE);
        Mapping m = Mapping.anonymous(4096, MapOptions.copyOnWrite().with(MapFlag.HUGE_2MB));
        long a = m.address();
        try {
            assertEquals(HUGE, m.pageSize());
            assertEquals(4096, m.length());
            assertEquals(0, a % HUGE, "huge page memory starts on a huge page boundary");
            ProcMaps.Entry region = ProcMaps.read().at(a).orElseThrow();
            assertEquals(HUGE, region.end() - region.start(), "the kernel mapped one whole huge page: " + region);
            assertEquals(HUGE / 1024, Smaps.at(a).kb("KernelPageSize"), () -> Smaps.at(a).toString());
            assertTrue(Smaps.at(a).hasFlag("ht"), () -> Smaps.at(a).toString());

            m.segment().set(ValueLayout.JAVA_LONG, 4088, 0x1234_5678_9abcL);
            assertEquals(0x1234_5678_9abcL, m.segment().get(ValueLayout.JAVA_LONG, 4088));
            assertEquals(freeBefore - 1, freePages(HUGE), "the write faulted in one huge page");
            assertEquals(HUGE / 1024, Smaps.at(a).kb("Private_Hugetlb"), () -> Smaps.at(a).toString());
        } finally {
            m.close();
        }
        assertFalse(m.isOpen());
        assertEquals(List.of(), ProcMaps.read().overlapping(a, a + HUGE), "the huge page is unmapped");
        assertEquals(freeBefore, freePages(HUGE), "the huge page went back to the pool (HugePages_Free)");
        if (defaultSize() == HUGE) {
            assertEquals(freeBefore, meminfo("HugePages_Free"));
        }
    }

    @Test
    void hugetlbWithoutASizeUsesTheDefaultHugePageSize() throws Exception {
        long size = defaultSize();
        skipUnless(freePages(size) > 0, test, "no free huge pages of the default size " + size + " (Hugepagesize in "
                + "/proc/meminfo); " + sysfs(size, "free_hugepages") + " is 0");
        try (Mapping m = Mapping.anonymous(100, MapOptions.copyOnWrite().with(MapFlag.HUGETLB))) {
            assertEquals(size, m.pageSize());
            m.segment().set(ValueLayout.JAVA_BYTE, 99, (byte) 1);
            assertEquals(size / 1024, Smaps.at(m.address()).kb("KernelPageSize"));
            ProcMaps.Entry region = ProcMaps.read().at(m.address()).orElseThrow();
            assertEquals(size, region.end() - region.start(), region::toString);
        }
    }

    @Test
    void oneGigabytePagesWorkWhereSomeAreFreeAndFailNamingHugePagesWhereNoneAre() throws Exception {
        Path free = sysfs(GIGANTIC, "free_hugepages");
        // this test never reserves 1 GiB pages: where none are free, mapping one must fail cleanly
        if (!Files.isRegularFile(free) || freePages(GIGANTIC) == 0) {
            var e = assertThrows(NativeCallException.class,
                    () -> Mapping.anonymous(4096, MapOptions.copyOnWrite().with(MapFlag.HUGE_1GB)));
            assertTrue(e.getMessage().contains("huge pages"), e.getMessage());
            return;
        }
        Mapping m = Mapping.anonymous(4096, MapOptions.copyOnWrite().with(MapFlag.HUGE_1GB));
        long a = m.address();
        try {
            assertEquals(GIGANTIC, m.pageSize());
            m.segment().set(ValueLayout.JAVA_INT, 0, 5);
            assertEquals(5, m.segment().get(ValueLayout.JAVA_INT, 0));
            assertEquals(GIGANTIC / 1024, Smaps.at(a).kb("KernelPageSize"));
        } finally {
            m.close();
        }
        assertEquals(List.of(), ProcMaps.read().overlapping(a, a + GIGANTIC));
    }

    @Test
    void unmappingTheSecondOfFourHugePagesLeavesTwoPartsAndAHole() throws Exception {
        needFree(4);
        Mapping m = Mapping.anonymous(4 * HUGE, MapOptions.copyOnWrite().with(MapFlag.HUGE_2MB));
        long a = m.address();
        for (int p = 0; p < 4; p++) {
            m.segment().set(ValueLayout.JAVA_LONG, p * HUGE + 8, 100 + p);
        }
        Smaps before = Smaps.at(a);

        var refused = assertThrows(IllegalArgumentException.class, () -> m.unmap(small, HUGE));
        assertTrue(refused.getMessage().contains("2097152"), refused.getMessage());
        assertTrue(m.isOpen());
        assertEquals(before.region(), Smaps.at(a).region(), "a refused unmap leaves the region as it was");
        assertEquals(101, m.segment().get(ValueLayout.JAVA_LONG, HUGE + 8));

        List<Mapping> parts = m.unmap(HUGE, HUGE).parts();
        assertFalse(m.isOpen());
        assertEquals(2, parts.size(), parts::toString);
        Mapping head = parts.get(0), tail = parts.get(1);
        assertEquals(a, head.address());
        assertEquals(HUGE, head.length());
        assertEquals(a + 2 * HUGE, tail.address());
        assertEquals(2 * HUGE, tail.length());
        assertEquals(HUGE, head.pageSize());
        assertEquals(HUGE, tail.pageSize());
        assertEquals(List.of(), ProcMaps.read().overlapping(a + HUGE, a + 2 * HUGE), "the hole is unmapped");
        assertEquals(HUGE / 1024, Smaps.at(tail.address()).kb("KernelPageSize"));
        assertEquals(100, head.segment().get(ValueLayout.JAVA_LONG, 8));
        assertEquals(102, tail.segment().get(ValueLayout.JAVA_LONG, 8));
        assertEquals(103, tail.segment().get(ValueLayout.JAVA_LONG, HUGE + 8));
        head.close();
        tail.close();
        assertEquals(List.of(), ProcMaps.read().overlapping(a, a + 4 * HUGE));
    }

    @Test
    void protectingOneHugePageReadOnlyGivesAReadOnlySegmentForItAndRefusesSmallPageOffsets() throws Exception {
        needFree(2);
        try (Mapping m = Mapping.anonymous(2 * HUGE, MapOptions.copyOnWrite().with(MapFlag.HUGE_2MB))) {
            m.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 4);
            var refused = assertThrows(IllegalArgumentException.class, () -> m.protect(small, HUGE, Protection.READ));
            assertTrue(refused.getMessage().contains("2097152"), refused.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.protect(0, small, Protection.READ));
            assertEquals("rw-p", ProcMaps.read().at(m.address()).orElseThrow().perms());
            assertFalse(m.segment().isReadOnly(), "a refused protect changes nothing");

            m.protect(0, HUGE, Protection.READ);
            ProcMaps.Entry first = ProcMaps.read().at(m.address()).orElseThrow();
            assertEquals("r--p", first.perms());
            assertEquals(HUGE, first.end() - first.start(), first::toString);
            assertEquals("rw-p", ProcMaps.read().at(m.address() + HUGE).orElseThrow().perms());
            MemorySegment readOnly = m.segment(0, HUGE);
            assertTrue(readOnly.isReadOnly());
            assertEquals(4, readOnly.get(ValueLayout.JAVA_BYTE, 0));
            assertThrows(IllegalArgumentException.class, () -> readOnly.set(ValueLayout.JAVA_BYTE, 0, (byte) 1));
            MemorySegment writable = m.segment(HUGE, HUGE);
            assertFalse(writable.isReadOnly());
            writable.set(ValueLayout.JAVA_BYTE, 0, (byte) 5);
        }
    }

    @Test
    void discardingAPrivateHugePageGivesItBackAndItReadsZero() throws Exception {
        needFree(2);
        try (Mapping m = Mapping.anonymous(2 * HUGE, MapOptions.copyOnWrite().with(MapFlag.HUGE_2MB))) {
            m.segment().fill((byte) 0x5a);
            assertEquals(2 * HUGE / 1024, Smaps.at(m.address()).kb("Private_Hugetlb"));
            long free = freePages(HUGE);
            assertThrows(IllegalArgumentException.class, () -> m.discardContents(small, HUGE - small,
                    DiscardAdvice.DONTNEED));

            m.discardContents(0, HUGE, DiscardAdvice.DONTNEED);
            assertEquals(HUGE / 1024, Smaps.at(m.address()).kb("Private_Hugetlb"), "one huge page is left");
            assertEquals(free + 1, freePages(HUGE), "the discarded huge page went back to the pool");
            assertEquals(0, m.segment().get(ValueLayout.JAVA_LONG, 0));
            assertEquals(0, m.segment().get(ValueLayout.JAVA_LONG, HUGE - 8));
            assertEquals(0x5a, m.segment().get(ValueLayout.JAVA_BYTE, HUGE));
        }
    }

    @Test
    void residencyOfHugePageMemoryCountsSmallPagesAsMincoreDoes() throws Exception {
        needFree(4);
        try (Mapping m = Mapping.anonymous(4 * HUGE, MapOptions.copyOnWrite().with(MapFlag.HUGE_2MB))) {
            Residency cold = m.residency();
            assertEquals(small, cold.pageSize());
            assertEquals(4 * HUGE / small, cold.pages());
            assertEquals(0, cold.residentPages(), cold::toString);

            m.segment().set(ValueLayout.JAVA_BYTE, 5, (byte) 1); // faults in all of huge page 0
            m.segment().set(ValueLayout.JAVA_BYTE, 3 * HUGE - 1, (byte) 1); // and all of huge page 2
            Residency warm = m.residency();
            long perHuge = HUGE / small;
            assertEquals(2 * perHuge, warm.residentPages(), warm::toString);
            assertEquals(2, warm.residentRuns());
            assertEquals(0, warm.runStart(0));
            assertEquals(perHuge, warm.runEnd(0));
            assertEquals(2 * perHuge, warm.runStart(1));
            assertEquals(3 * perHuge, warm.runEnd(1));

            Residency part = m.residency(HUGE - 1, 2);
            assertEquals(2, part.pages(), "one byte in each of two small pages");
            assertTrue(part.isResident(0));
            assertFalse(part.isResident(1));
        }
    }

    @Test
    void aFileOnHugetlbfsIsMappedInItsHugePages() throws Exception {
        needFree(2);
        Path mount = Files.createDirectory(dir.resolve("hugetlbfs"));
        Run mounted = run("mount", "-t", "hugetlbfs", "-o", "pagesize=2M", "none", mount.toString());
        skipUnless(mounted.exitCode == 0, test, "cannot mount hugetlbfs on " + mount + ": " + mounted);
        Throwable failure = null;
        try {
            mapTwoHugePagesOfAFileIn(mount);
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            Run unmounted = run("umount", mount.toString());
            if (unmounted.exitCode != 0) {
                AssertionError busy = new AssertionError("umount " + mount + ": " + unmounted);
                if (failure == null) {
                    throw busy;
                }
                failure.addSuppressed(busy);
            }
        }
    }

    private void mapTwoHugePagesOfAFileIn(Path mount) throws Exception {
        Path p = mount.resolve("data");
        try (MappedFile file = MappedFile.open(p, READ, WRITE, CREATE)) {
            file.truncate(2 * HUGE); // hugetlbfs sizes are whole huge pages
            assertEquals(2 * HUGE, file.size());
            Mapping m = file.map(MapOptions.readWrite());
            long a = m.address();
            try (m) {
                assertEquals(HUGE, m.pageSize());
                m.segment().set(ValueLayout.JAVA_LONG, 0, 11);
                m.segment().set(ValueLayout.JAVA_LONG, HUGE, 22);
                assertEquals(11, m.segment().get(ValueLayout.JAVA_LONG, 0));
                Smaps smaps = Smaps.at(a);
                assertEquals(p.toRealPath().toString(), smaps.region().path());
                assertEquals(2 * HUGE, smaps.region().end() - smaps.region().start(), smaps::toString);
                assertEquals(HUGE / 1024, smaps.kb("KernelPageSize"), smaps::toString);
                // mapped once, the file's pages count as private to this process
                assertEquals(2 * HUGE / 1024, smaps.kb("Private_Hugetlb") + smaps.kb("Shared_Hugetlb"), smaps::toString);

                var refused = assertThrows(IllegalArgumentException.class, () -> m.unmap(small, small));
                assertTrue(refused.getMessage().contains("2097152"), refused.getMessage());
                assertEquals(smaps.region(), Smaps.at(a).region(), "a refused unmap leaves the region as it was");

                List<Mapping> parts = m.unmap(HUGE, HUGE).parts();
                assertEquals(1, parts.size());
                try (Mapping head = parts.getFirst()) {
                    assertEquals(a, head.address());
                    assertEquals(HUGE, head.length());
                    assertEquals(HUGE, head.pageSize());
                    assertEquals(List.of(), ProcMaps.read().overlapping(a + HUGE, a + 2 * HUGE));
                    assertEquals(11, head.segment().get(ValueLayout.JAVA_LONG, 0));
                }
            }
            assertEquals(List.of(), ProcMaps.read().overlapping(a, a + 2 * HUGE));

            try (Mapping again = file.map(HUGE, HUGE, MapOptions.readOnly())) {
                assertEquals(HUGE, again.pageSize());
                assertEquals(HUGE / 1024, Smaps.at(again.address()).kb("KernelPageSize"));
                assertEquals(22, again.segment().get(ValueLayout.JAVA_LONG, 0), "the file kept the write");
            }
        }
    }

    @Test
    void closingHugePageMemoryWhileThreadsReadItEndsTheReadersWithIllegalStateExceptionInAChild()
            throws Exception {
        // hugetlb pages where two are free; else transparent huge pages, which need no reservation
        String kind = usable() >= 2 ? "hugetlb" : "thp";
        skipUnless(kind.equals("hugetlb") || thpAvailable(), test, "needs 2 free 2 MiB huge pages (" + usable()
                + " are free to use" + (notReserved == null ? "" : ": " + notReserved) + ") or transparent huge pages ("
                + THP_ENABLED + " is " + readOr(THP_ENABLED, "missing") + ")");
        ChildJvm.Result r = ChildJvm.run(dir, Duration.ofSeconds(30), CrashScenarios.class,
                "closeHugePageMemoryWhileThreadsRead", kind).assertCleanExit();
        r.stdout().stream().filter(l -> l.startsWith("huge pages: ")).forEach(System.out::println);
        skipUnless(!r.stdout().contains("huge pages: thp: the kernel backed none of the range with a huge page"), test,
                "the kernel gave no transparent huge page to the 4 MiB range (memory too fragmented?); " + r);
        assertTrue(r.stdout().contains("readers ended with IllegalStateException: 2 of 2"), r::toString);
        assertEquals(2, r.stdout().stream()
                .filter(l -> l.startsWith("caught " + IllegalStateException.class.getName() + ": ")).count(),
                r::toString);
    }

    // ---- the kernel's counts

    private static final Path THP_ENABLED = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    /** {@return whether transparent huge pages can back a range advised {@code MADV_HUGEPAGE}} */
    private static boolean thpAvailable() {
        String enabled = readOr(THP_ENABLED, "");
        return enabled.contains("[always]") || enabled.contains("[madvise]");
    }

    private static String readOr(Path file, String otherwise) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return otherwise;
        }
    }

    private static Path sysfs(long pageSize, String file) {
        return Path.of("/sys/kernel/mm/hugepages/hugepages-" + pageSize / 1024 + "kB", file);
    }

    /** {@return the free huge pages of a size; for the default size, HugePages_Free of /proc/meminfo} */
    private static long freePages(long pageSize) throws IOException {
        Path free = sysfs(pageSize, "free_hugepages");
        return Files.isRegularFile(free) ? Long.parseLong(Files.readString(free).strip()) : 0;
    }

    private static long defaultSize() throws IOException {
        return 1024 * meminfo("Hugepagesize");
    }

    private static long meminfo(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).strip().split("\\s+")[0]);
            }
        }
        throw new AssertionError("/proc/meminfo has no " + field);
    }

    private record Run(int exitCode, String output) {
        @Override
        public String toString() {
            return "exit code " + exitCode + ": " + output.strip();
        }
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Run(-1, String.join(" ", command) + " ran past 30 s");
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bad input to the operations on mappings, files and shared memory: each is refused with the
 * documented exception, naming what was wrong (the call and errno name where the kernel refused),
 * and leaves everything as it was.
 */
@EnabledOnOs(OS.LINUX)
class BadInputTest {
    // Linux's values for the raw calls
    private static final int MS_SYNC = 4, MADV_WILLNEED = 3;
    private static final int CAP_IPC_LOCK = 14;

    @TempDir
    Path dir;
    long page;

    @BeforeEach
    void readPageSize() {
        page = PageSize.get();
    }

    /** Four pages of private anonymous memory holding a pattern. */
    private Mapping patterned() throws NativeCallException {
        Mapping m = Mapping.anonymous(4 * page, MapOptions.copyOnWrite());
        MemorySegment s = m.segment();
        for (long i = 0; i < s.byteSize(); i++) {
            s.set(JAVA_BYTE, i, (byte) (i * 7 + 1));
        }
        return m;
    }

    /** What the kernel shows of a mapping, and what it holds. */
    private record Snapshot(List<ProcMaps.Entry> maps, byte[] bytes) {
        static Snapshot of(Mapping m, MemorySegment s) {
            return new Snapshot(ProcMaps.read().overlapping(m.address(), m.address() + s.byteSize()),
                    s.toArray(JAVA_BYTE));
        }

        void assertSame(Mapping m, MemorySegment s, String after) {
            assertTrue(m.isOpen(), "the mapping is open after " + after);
            assertEquals(maps, ProcMaps.read().overlapping(m.address(), m.address() + s.byteSize()),
                    "/proc/self/maps after " + after);
            assertArrayEquals(bytes, s.toArray(JAVA_BYTE), "the bytes after " + after);
        }
    }

    @Test
    void unalignedRangesToProtectDiscardAndUnmapAreRefusedNamingOffsetAndLengthAndChangeNothing() throws Exception {
        try (Mapping m = patterned()) {
            MemorySegment s = m.segment();
            Snapshot before = Snapshot.of(m, s);
            long[][] ranges = {{1, page}, {0, page + 1}, {page, page - 1}, {page + 1, 3 * page - 1}, {3 * page - 1, page + 1}};
            for (long[] r : ranges) {
                List<Executable> calls = List.of(
                        () -> m.protect(r[0], r[1], Protection.READ),
                        () -> m.discardContents(r[0], r[1], DiscardAdvice.DONTNEED),
                        () -> m.unmap(r[0], r[1]));
                for (Executable call : calls) {
                    var e = assertThrows(IllegalArgumentException.class, call);
                    assertTrue(e.getMessage().contains("offset " + r[0] + " and length " + r[1]), e.getMessage());
                    assertTrue(e.getMessage().contains("whole pages"), e.getMessage());
                    // the segment taken before is still valid: nothing was invalidated
                    before.assertSame(m, s, e.getMessage());
                }
            }
        }
    }

    @Test
    void rangesOutsideTheMappingAreRefusedByEveryRangeOperationAndChangeNothing() throws Exception {
        try (Mapping m = patterned()) {
            MemorySegment s = m.segment();
            Snapshot before = Snapshot.of(m, s);
            long length = m.length();
            long[][] ranges = {{-1, page}, {0, 0}, {0, -page}, {0, length + 1}, {length, 1}, {length - 1, 2},
                    {page, length}, {Long.MAX_VALUE - 1, 2}, {2, Long.MAX_VALUE - 1}};
            for (long[] r : ranges) {
                long offset = r[0], n = r[1];
                Map<String, Executable> operations = Map.ofEntries(
                        Map.entry("segment", () -> m.segment(offset, n)),
                        Map.entry("sync", () -> m.sync(offset, n, SyncMode.SYNC)),
                        Map.entry("syncRaw", () -> m.raw().sync(offset, n, MS_SYNC)),
                        Map.entry("advise", () -> m.advise(offset, n, Advice.WILLNEED)),
                        Map.entry("adviseRaw", () -> m.raw().advise(offset, n, MADV_WILLNEED)),
                        Map.entry("discardContents", () -> m.discardContents(offset, n, DiscardAdvice.DONTNEED)),
                        Map.entry("lock", () -> m.lock(offset, n)),
                        Map.entry("lockOnFault", () -> m.lockOnFault(offset, n)),
                        Map.entry("lockRaw", () -> m.raw().lock(offset, n, 0)),
                        Map.entry("unlock", () -> m.unlock(offset, n)),
                        Map.entry("residency", () -> m.residency(offset, n)),
                        Map.entry("protect", () -> m.protect(offset, n, Protection.READ)),
                        Map.entry("protectRaw", () -> m.raw().protect(offset, n, MappingTest.PROT_READ)),
                        Map.entry("unmap", () -> m.unmap(offset, n)));
                operations.forEach((name, call) -> {
                    String what = name + "(" + offset + ", " + n + ")";
                    var e = assertThrows(IllegalArgumentException.class, call, what);
                    assertTrue(e.getMessage().contains("offset " + offset + " and length " + n)
                            && e.getMessage().contains("inside the mapping's " + length + " bytes"), what + ": " + e.getMessage());
                    before.assertSame(m, s, what);
                });
            }
        }
    }

    @Test
    void rawAdviceThisLibraryDoesNotKnowIsRefusedBeforeMadviseAndChangesNothing() throws Exception {
        try (Mapping m = patterned()) {
            MemorySegment s = m.segment();
            Snapshot before = Snapshot.of(m, s);
            var e = assertThrows(IllegalArgumentException.class, () -> m.raw().advise(0, m.length(), 9999));
            assertTrue(e.getMessage().startsWith("advice 9999 is refused: mmap4j does not know"), e.getMessage());
            before.assertSame(m, s, e.getMessage());
        }
    }

    @Test
    void aRawProtectionChangeAtAnUnalignedOffsetIsEinvalFromMprotectAndChangesNothing() throws Exception {
        try (Mapping m = patterned()) {
            Snapshot before = Snapshot.of(m, m.segment());
            var e = assertThrows(NativeCallException.class, () -> m.raw().protect(1, page, MappingTest.PROT_READ));
            assertEquals("mprotect", e.call());
            assertEquals("EINVAL", e.errorName());
            // the old segments were invalidated before the call; fresh ones have the old rights
            MemorySegment fresh = m.segment();
            assertFalse(fresh.isReadOnly());
            before.assertSame(m, fresh, e.getMessage());
            assertEquals("rw-p", ProcMaps.read().at(m.address()).orElseThrow().perms());
        }
    }

    @Test
    void invalidSharedMemoryNamesAreRefusedBeforeAnyCall() throws Exception {
        Set<String> before = devShm();
        for (String name : List.of("noslash", "/a/b", "/", "/" + "x".repeat(299), "", "//", "/nul\0byte")) {
            var open = assertThrows(IllegalArgumentException.class,
                    () -> MappedFile.openSharedMemory(name, READ, WRITE, CREATE), name);
            assertTrue(open.getMessage().contains("\"" + name + "\""), open.getMessage());
            var unlink = assertThrows(IllegalArgumentException.class, () -> MappedFile.unlinkSharedMemory(name), name);
            assertEquals(open.getMessage(), unlink.getMessage());
        }
        assertEquals(before, devShm(), "/dev/shm");
    }

    private static Set<String> devShm() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("/dev/shm"))) {
            return Set.copyOf(files.map(Path::toString).toList());
        }
    }

    @Test
    void aMemfdNameLongerThan249BytesIsRefusedBeforeAnyCall() throws Exception {
        long fds = openFds();
        for (String name : List.of("x".repeat(250), "é".repeat(125), "a\0b")) {
            var e = assertThrows(IllegalArgumentException.class, () -> MappedFile.memfd(name, true));
            assertTrue(e.getMessage().contains("at most 249 bytes"), e.getMessage());
        }
        assertEquals(fds, openFds(), "open file descriptors");
        try (MappedFile longest = MappedFile.memfd("x".repeat(249), true)) {
            assertEquals(0, longest.size());
        }
    }

    @Test
    void pathsUpToPathMaxOpenAndLongerOnesAreEnametoolongNamingThePath() throws Exception {
        // "dir/././.../f": 4,095 bytes, PATH_MAX with its NUL, passed whole from the thread's buffer
        String file = (4093 - dir.toString().length()) % 2 == 0 ? "f" : "ff";
        Files.write(dir.resolve(file), new byte[] {42});
        String longest = dir + "/.".repeat((4095 - dir.toString().length() - 1 - file.length()) / 2) + "/" + file;
        assertEquals(4095, longest.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        try (MappedFile f = MappedFile.open(Path.of(longest))) {
            assertEquals(1, f.size());
        }
        for (String path : List.of("/." + longest, longest.replace("/" + file, "/./".repeat(5000) + file))) {
            var e = assertThrows(NativeCallException.class, () -> MappedFile.open(Path.of(path)));
            assertEquals("ENAMETOOLONG", e.errorName(), e.getMessage());
            assertTrue(e.getMessage().startsWith("open(path=" + Path.of(path) + ","), e.getMessage());
        }
    }

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void hugePagesWhenNoneAreReservedFailWithAHintNamingHugePages() throws Exception {
        assumeTrue(Sysctl.read(Path.of("/proc/sys/vm/nr_hugepages")).equals("0"),
                "huge pages are reserved here (vm.nr_hugepages > 0), so a huge page mapping would succeed");
        long length = 2 << 20;
        var e = assertThrows(NativeCallException.class,
                () -> Mapping.anonymous(length, MapOptions.copyOnWrite().with(MapFlag.HUGE_2MB)));
        assertEquals("mmap", e.call());
        assertTrue(Set.of("ENOMEM", "EINVAL").contains(e.errorName()), e.getMessage());
        assertTrue(e.hint().contains("huge pages") && e.hint().contains("nr_hugepages"), e.getMessage());
        assertTrue(e.arguments().contains("HUGETLB"), e.arguments());
    }

    @Test
    void lockingPastRlimitMemlockFailsNamingTheLimitInAChildWithoutCapIpcLock() throws Exception {
        List<String> launcher = new ArrayList<>();
        if (onPath("prlimit")) {
            launcher.addAll(List.of("prlimit", "--memlock=65536:65536"));
        } else {
            launcher.addAll(List.of("bash", "-c", "ulimit -l 64 && exec \"$@\"", "bash"));
        }
        if (hasCapability(CAP_IPC_LOCK)) { // root: CAP_IPC_LOCK would bypass the limit, so drop it
            if (onPath("setpriv")) {
                launcher.addAll(List.of("setpriv", "--inh-caps=-ipc_lock", "--bounding-set=-ipc_lock"));
            } else if (onPath("capsh")) {
                launcher.addAll(List.of("capsh", "--drop=cap_ipc_lock", "--", "-c", "exec \"$@\"", "capsh"));
            } else {
                assumeTrue(false, "this process has CAP_IPC_LOCK, which bypasses RLIMIT_MEMLOCK, and neither "
                        + "setpriv nor capsh is installed to start a child without it");
            }
        }
        ChildJvm.Result r = ChildJvm.runThrough(launcher, dir, Duration.ofSeconds(30), List.of(),
                LockPastTheLimit.class).assertCleanExit();
        assumeTrue(r.stdout().contains("CAP_IPC_LOCK false"), () -> "the child kept CAP_IPC_LOCK; " + r);
        assertTrue(r.stdout().contains("RLIMIT_MEMLOCK 65536"), r::toString);
        String caught = r.stdout().stream().filter(l -> l.startsWith("caught ")).findFirst().orElseThrow(
                () -> new AssertionError("locking 1 MiB under a 64 KiB limit did not fail; " + r));
        assertTrue(caught.startsWith("caught mlock ENOMEM: mlock("), caught);
        assertTrue(caught.contains("RLIMIT_MEMLOCK, now 65536 bytes (ulimit -l 64)"), caught);
        assertTrue(r.stdout().contains("Locked 0 kB"), r::toString);
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }

    private static boolean hasCapability(int capability) throws IOException {
        return (effectiveCapabilities() >>> capability & 1) != 0;
    }

    private static long effectiveCapabilities() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapEff:"))
                .mapToLong(l -> Long.parseUnsignedLong(l.substring("CapEff:".length()).strip(), 16))
                .findFirst().orElse(0);
    }

    /** Prints whether it has CAP_IPC_LOCK and its memlock limit, then tries to lock 1 MiB. */
    static final class LockPastTheLimit {
        public static void main(String[] args) throws Exception {
            System.out.println("CAP_IPC_LOCK " + hasCapability(CAP_IPC_LOCK));
            System.out.println("RLIMIT_MEMLOCK " + Files.readAllLines(Path.of("/proc/self/limits")).stream()
                    .filter(l -> l.startsWith("Max locked memory")).map(l -> l.split("\\s+")[3]).findFirst().orElse("?"));
            try (Mapping m = Mapping.anonymous(1 << 20, MapOptions.copyOnWrite())) {
                try {
                    m.lock(0, m.length());
                    System.out.println("locked");
                } catch (NativeCallException e) {
                    System.out.println("caught " + e.call() + " " + e.errorName() + ": " + e.getMessage());
                }
                System.out.println("Locked " + ProcMaps.smapsAt(m.address()).get("Locked") + " kB");
            }
        }
    }

    @Test
    void sealingAgainstWritesWhileAWritableSharedMappingExistsIsEbusyAndAddsNoSeal() throws Exception {
        try (MappedFile mem = MappedFile.memfd("sealed-while-mapped", true)) {
            mem.truncate(page);
            try (Mapping m = mem.map(MapOptions.readWrite())) {
                var e = assertThrows(NativeCallException.class, () -> mem.addSeals(Seal.WRITE));
                assertEquals("fcntl", e.call());
                assertEquals("EBUSY", e.errorName());
                assertTrue(e.getMessage().contains("F_ADD_SEALS") && e.hint().contains("writable shared mapping"),
                        e.getMessage());
                assertEquals(Set.of(), mem.seals());
                m.segment().set(JAVA_BYTE, 0, (byte) 9); // still writable
            }
            mem.addSeals(Seal.WRITE); // fine once no writable shared mapping is left
            assertEquals(Set.of(Seal.WRITE), mem.seals());
        }
    }

    @Test
    void sealingAMemfdCreatedWithoutSealingIsEpermAndChangesNoSeal() throws Exception {
        try (MappedFile mem = MappedFile.memfd("not-sealable", false)) {
            Set<Seal> before = mem.seals();
            assertEquals(Set.of(Seal.SEAL), before, "a memfd without MFD_ALLOW_SEALING is born sealed against seals");
            var e = assertThrows(NativeCallException.class, () -> mem.addSeals(Seal.SHRINK));
            assertEquals("fcntl", e.call());
            assertEquals("EPERM", e.errorName());
            assertTrue(e.hint().contains("created without sealing"), e.getMessage());
            assertEquals(before, mem.seals());
            mem.truncate(page); // and it can still shrink and grow
            assertEquals(page, mem.size());
        }
    }

    @Test
    void mappingAtAnAddressThatIsTakenIsEexistAndReplacesNothing() throws Exception {
        Path p = dir.resolve("f");
        try (Mapping existing = patterned();
             MappedFile file = MappedFile.open(p, READ, WRITE, CREATE)) {
            file.allocate(0, page);
            MemorySegment s = existing.segment();
            Snapshot before = Snapshot.of(existing, s);
            long at = existing.address() + page;
            List<Executable> attempts = List.of(
                    () -> Mapping.anonymous(page, MapOptions.copyOnWrite().atAddress(at)),
                    () -> file.map(0, page, MapOptions.readWrite().atAddress(at)),
                    () -> Mapping.anonymous(8 * page, MapOptions.copyOnWrite().atAddress(existing.address() - 2 * page)));
            for (Executable attempt : attempts) {
                var e = assertThrows(NativeCallException.class, attempt);
                assertEquals("mmap", e.call());
                assertEquals("EEXIST", e.errorName());
                assertTrue(e.getMessage().contains("FIXED_NOREPLACE") && e.hint().contains("already mapped"),
                        e.getMessage());
                before.assertSame(existing, s, e.getMessage());
            }
        }
    }
}

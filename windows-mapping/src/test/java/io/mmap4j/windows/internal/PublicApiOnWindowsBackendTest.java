// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.windows.internal;

import io.mmap4j.Advice;
import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.NativeCallException;
import io.mmap4j.PageSize;
import io.mmap4j.Protection;
import io.mmap4j.RemapOptions;
import io.mmap4j.Residency;
import io.mmap4j.Sharing;
import io.mmap4j.SyncMode;
import io.mmap4j.spi.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The public API ({@link MappedFile}, {@link Mapping}, {@link PageSize}) on the Windows backend,
 * chosen the way users get it: {@code os.name} starts with "Windows" and {@code io.mmap4j} finds the
 * provider through {@link java.util.ServiceLoader}. Maven runs this class alone in its own JVM with
 * {@code -Dos.name=Windows} (execution {@code public-api-on-windows-backend}); off Windows the
 * kernel32 under it is the fake. On Windows the same class runs against the real kernel32.
 */
class PublicApiOnWindowsBackendTest {
    private static final long GRANULE = 65536;

    @TempDir
    Path dir;

    @BeforeAll
    static void chooseTheWindowsBackend() {
        assumeTrue(System.getProperty("os.name").startsWith("Windows"),
                "runs in the JVM Maven starts with -Dos.name=Windows, or on Windows");
        FakeKernel32.useFakeOffWindows(); // before the API asks for its backend
        assertInstanceOf(WindowsNativeMemory.class, Backend.get());
    }

    private Path patternFile(long bytes) throws IOException {
        Path p = dir.resolve("f-" + UUID.randomUUID());
        byte[] b = new byte[Math.toIntExact(bytes)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + i / 65536);
        }
        Files.write(p, b);
        return p;
    }

    @Test
    void theGranularityIs64KiBAndThePageSizeComesFromTheSystem() {
        assertEquals(GRANULE, PageSize.granularity());
        assertEquals(FakeKernel32.onRealWindows() ? 4096 : Backend.get().pageSize(), PageSize.get());
    }

    @Test
    void aMappingAtAnUnalignedOffsetIsAGranuleAlignedViewWhoseSegmentStartsAtTheRequestedByte() throws IOException {
        Path p = patternFile(3 * GRANULE);
        byte[] bytes = Files.readAllBytes(p);
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(70_000, 1000, MapOptions.readOnly())) {
            assertEquals(70_000, m.fileOffset());
            assertEquals(0, (m.address() - 70_000 % GRANULE) % GRANULE, "the view starts on a granule");
            MemorySegment s = m.segment();
            assertEquals(1000, s.byteSize());
            assertTrue(s.isReadOnly());
            assertEquals(bytes[70_000], s.get(ValueLayout.JAVA_BYTE, 0));
            assertEquals(bytes[70_999], s.get(ValueLayout.JAVA_BYTE, 999));
            assertThrows(IllegalArgumentException.class, () -> s.set(ValueLayout.JAVA_BYTE, 0, (byte) 1));
        }
    }

    @Test
    void aStrictUnalignedOffsetFailsWithErrorMappedAlignment() throws IOException {
        Path p = patternFile(2 * GRANULE);
        try (MappedFile file = MappedFile.open(p)) {
            long page = PageSize.get();
            var e = assertThrows(NativeCallException.class, () -> file.map(page, page, MapOptions.readOnly().strictOffset()));
            assertEquals("ERROR_MAPPED_ALIGNMENT", e.errorName());
            assertTrue(e.getMessage().contains("MapViewOfFile(") && e.getMessage().contains("allocation granularity"),
                    e.getMessage());
        }
    }

    @Test
    void writesReachTheFileAndBothSyncModesWork() throws IOException {
        Path p = patternFile(GRANULE);
        try (MappedFile file = MappedFile.open(p, READ, WRITE); Mapping m = file.map(MapOptions.readWrite())) {
            assertTrue(m.isShared());
            m.segment().setString(100, "hello from a view");
            m.sync(100, 17, SyncMode.SYNC);
            m.sync(SyncMode.ASYNC);
            m.sync(SyncMode.SYNC_INVALIDATE);
            file.force(true);
        }
        assertEquals("hello from a view", new String(Files.readAllBytes(p), 100, 17, StandardCharsets.US_ASCII));
    }

    @Test
    void copyOnWriteWritesNeverReachTheFile() throws IOException {
        Path p = patternFile(GRANULE);
        byte[] before = Files.readAllBytes(p);
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(MapOptions.copyOnWrite())) {
            assertFalse(m.isShared());
            assertFalse(m.segment().isReadOnly());
            m.segment().fill((byte) 9);
            assertEquals(9, m.segment().get(ValueLayout.JAVA_BYTE, 1234));
        }
        assertArrayEquals(before, Files.readAllBytes(p));
    }

    @Test
    void protectingAPageReadOnlyReissuesSegmentsThatRefuseTheWriteInsteadOfCrashing() throws IOException {
        Path p = patternFile(GRANULE);
        long page = PageSize.get();
        try (MappedFile file = MappedFile.open(p, READ, WRITE); Mapping m = file.map(MapOptions.readWrite())) {
            MemorySegment old = m.segment();
            m.protect(page, page, Protection.READ);
            assertThrows(IllegalStateException.class, () -> old.get(ValueLayout.JAVA_BYTE, 0));
            assertThrows(IllegalStateException.class, m::segment); // pages now differ
            MemorySegment readOnly = m.segment(page, page);
            assertTrue(readOnly.isReadOnly());
            assertThrows(IllegalArgumentException.class, () -> readOnly.set(ValueLayout.JAVA_BYTE, 0, (byte) 1));
            m.segment(0, page).set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            m.protect(page, page, Protection.READ_WRITE);
            m.segment().set(ValueLayout.JAVA_BYTE, page, (byte) 2);
            m.protect(0, m.length(), Protection.NONE);
            assertFalse(m.isReadable());
            assertThrows(IllegalStateException.class, m::segment);
        }
    }

    @Test
    void aRefusedProtectionChangeLeavesTheRightsWindowsReports() throws IOException {
        Path p = patternFile(GRANULE);
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(MapOptions.readOnly())) {
            MemorySegment old = m.segment();
            var e = assertThrows(NativeCallException.class, () -> m.protect(0, m.length(), Protection.READ_WRITE));
            assertEquals("VirtualProtect", e.call());
            assertThrows(IllegalStateException.class, () -> old.get(ValueLayout.JAVA_BYTE, 0));
            // rebuilt from VirtualQuery: still readable, still not writable
            assertTrue(m.segment().isReadOnly());
            assertEquals(bytesAt(p, 7), m.segment().get(ValueLayout.JAVA_BYTE, 7));
        }
    }

    @Test
    void aCopyOnWriteMappingCanBeProtectedBackToWritable() throws IOException {
        Path p = patternFile(GRANULE);
        long page = PageSize.get();
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(MapOptions.copyOnWrite())) {
            m.protect(0, page, Protection.READ);
            m.protect(0, page, Protection.READ_WRITE); // PAGE_WRITECOPY inside a copy-on-write view
            m.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 3);
        }
    }

    @Test
    void unmappingPartOfAMappingIsRefusedNamingThePlatformAndTheWholeCanBeUnmapped() throws IOException {
        Path p = patternFile(2 * GRANULE);
        try (MappedFile file = MappedFile.open(p)) {
            Mapping m = file.map(MapOptions.readOnly());
            var e = assertThrows(UnsupportedOperationException.class, () -> m.unmap(0, GRANULE));
            assertTrue(e.getMessage().contains("os.name=Windows"), e.getMessage());
            assertEquals(bytesAt(p, 5), m.segment().get(ValueLayout.JAVA_BYTE, 5));
            assertEquals(List.of(), m.unmap(0, m.length()).parts());
            assertFalse(m.isOpen());
        }
    }

    @Test
    void remapIsRefusedNamingThePlatformAndTheMappingStaysUsable() throws IOException {
        Path p = patternFile(GRANULE);
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(MapOptions.readOnly())) {
            var e = assertThrows(UnsupportedOperationException.class, () -> m.remap(2 * GRANULE, RemapOptions.mayMove()));
            assertTrue(e.getMessage().contains("mremap") && e.getMessage().contains("os.name="), e.getMessage());
            assertEquals(bytesAt(p, 7), m.segment().get(ValueLayout.JAVA_BYTE, 7));
        }
    }

    @Test
    void lockingResidencyAndWillNeedAdviceWorkAndOtherAdviceIsRefused() throws IOException {
        Path p = patternFile(GRANULE);
        long page = PageSize.get();
        try (MappedFile file = MappedFile.open(p, READ, WRITE); Mapping m = file.map(MapOptions.readWrite())) {
            m.lock(0, 2 * page);
            m.unlock(0, 2 * page);
            m.advise(Advice.WILLNEED);
            assertThrows(UnsupportedOperationException.class, () -> m.advise(Advice.SEQUENTIAL));
            assertThrows(UnsupportedOperationException.class, () -> m.lockOnFault(0, page));
            m.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            Residency r = m.residency();
            assertEquals(GRANULE / page, r.pages());
            assertTrue(r.isResident(0));
        }
    }

    @Test
    void allocateGrowsTheFileAndTruncateSetsItsSize() throws IOException {
        Path p = dir.resolve("grown");
        try (MappedFile file = MappedFile.open(p, READ, WRITE, CREATE)) {
            file.allocate(0, 2 * GRANULE);
            assertEquals(2 * GRANULE, file.size());
            try (Mapping m = file.map(GRANULE, GRANULE, MapOptions.readWrite())) {
                m.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 5);
            }
            file.truncate(GRANULE + 1);
            assertEquals(GRANULE + 1, Files.size(p));
        }
        assertEquals(5, Files.readAllBytes(p)[(int) GRANULE]);
    }

    @Test
    void aMissingFileFailsWithTheWindowsErrorNameAndText() {
        Path missing = dir.resolve("missing");
        var e = assertThrows(NativeCallException.class, () -> MappedFile.open(missing));
        assertEquals(2, e.errorCode());
        assertTrue(e.getMessage().startsWith("CreateFileW(lpFileName=" + missing), e.getMessage());
        assertTrue(e.getMessage().contains(": ERROR_FILE_NOT_FOUND (The system cannot find the file specified)"),
                e.getMessage());
    }

    @Test
    void anonymousMemoryIsAViewOfAPagingFileSection() throws NativeCallException {
        try (Mapping m = Mapping.anonymous(3 * GRANULE, MapOptions.readWrite())) {
            assertEquals(0, m.segment().get(ValueLayout.JAVA_LONG, 0));
            m.segment().set(ValueLayout.JAVA_LONG, 2 * GRANULE, 7L);
            assertEquals(7L, m.segment().get(ValueLayout.JAVA_LONG, 2 * GRANULE));
        }
        try (Mapping m = Mapping.anonymous(GRANULE, MapOptions.of(Protection.NONE, Sharing.PRIVATE))) {
            assertFalse(m.isReadable());
        }
    }

    @Test
    void namedSharedMemoryIsSharedBetweenTwoMappingsAndWithASecondProcess() throws Exception {
        String name = "/mmap4j-api-" + UUID.randomUUID();
        try (MappedFile first = MappedFile.openSharedMemory(name, READ, WRITE, CREATE)) {
            first.truncate(GRANULE);
            assertEquals(GRANULE, first.size());
            try (Mapping a = first.map(MapOptions.readWrite());
                 MappedFile second = MappedFile.openSharedMemory(name, READ, WRITE);
                 Mapping b = second.map(MapOptions.readWrite())) {
                a.segment().setString(0, "ping");
                assertEquals("ping", b.segment().getString(0));
                if (!FakeKernel32.onRealWindows()) {
                    assertEquals("read ping", SectionPeer.run(name));
                    assertEquals("pong", a.segment().getString(GRANULE / 2));
                }
            }
        } finally {
            WindowsNativeMemoryTest.removeFakeSection(name);
        }
    }

    private static byte bytesAt(Path p, int i) throws IOException {
        return Files.readAllBytes(p)[i];
    }

    /**
     * The second process: a child JVM on the class path (so the provider is found through
     * {@code META-INF/services}) that opens the named section, prints what it finds at 0 and writes
     * "pong" half way in.
     */
    static final class SectionPeer {
        private SectionPeer() {
        }

        public static void main(String[] args) throws Exception {
            try (MappedFile shm = MappedFile.openSharedMemory(args[0], READ, WRITE);
                 Mapping m = shm.map(MapOptions.readWrite())) {
                System.out.print("read " + m.segment().getString(0));
                m.segment().setString(m.length() / 2, "pong");
            }
        }

        static String run(String name) throws IOException, InterruptedException {
            List<String> classPath = new ArrayList<>();
            for (String key : new String[]{"jdk.module.path", "java.class.path"}) {
                String value = System.getProperty(key, "");
                if (!value.isEmpty()) {
                    classPath.add(value);
                }
            }
            classPath.add(System.getProperty("mmap4j.test.classes", "target/test-classes"));
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dos.name=Windows", "-D" + WindowsCalls.FAKE_KERNEL32 + "=" + FakeKernel32.library(),
                    // the Windows x64 linker, as in this JVM (pom.xml): the fake is compiled with ms_abi
                    "-Djdk.internal.foreign.CABI=" + System.getProperty("jdk.internal.foreign.CABI", "WIN_64"),
                    "--enable-native-access=ALL-UNNAMED", "-cp", String.join(java.io.File.pathSeparator, classPath),
                    SectionPeer.class.getName(), name);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the second process did not finish");
            assertEquals(0, p.exitValue(), out);
            return out;
        }
    }
}

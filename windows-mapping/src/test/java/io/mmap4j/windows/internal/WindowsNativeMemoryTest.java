// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.windows.internal;

import io.mmap4j.Advice;
import io.mmap4j.DiscardAdvice;
import io.mmap4j.MapFlag;
import io.mmap4j.MapOptions;
import io.mmap4j.NativeCallException;
import io.mmap4j.Protection;
import io.mmap4j.Sharing;
import io.mmap4j.SyncMode;
import io.mmap4j.spi.Backend;
import io.mmap4j.spi.Backend.OpenRequest;
import io.mmap4j.windows.bindings.Kernel32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backend through the {@link Backend} interface, end to end: off Windows against the fake
 * kernel32 (so every handle, size, flag and error path really crosses the FFM boundary), on Windows
 * against the real one.
 */
class WindowsNativeMemoryTest {
    private static final OpenRequest READ_ONLY = new OpenRequest(false, false, false, false, false);
    private static final OpenRequest READ_WRITE = new OpenRequest(true, false, false, false, false);
    private static final long GRANULE = 65536;

    static Backend os;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadBackend() {
        os = FakeKernel32.backend();
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

    @SuppressWarnings("restricted") // the test owns the view and reads only inside it
    private static MemorySegment at(long address, long length) {
        return MemorySegment.ofAddress(address).reinterpret(length);
    }

    private long map(long handle, long offset, long length, MapOptions options) throws NativeCallException {
        return os.map(handle, length, os.prot(options), os.flags(options), offset);
    }

    @Test
    void pageSizeComesFromTheSystemAndGranularityIs64KiB() {
        assertEquals(GRANULE, os.granularity());
        assertTrue(os.pageSize() >= 4096 && Long.bitCount(os.pageSize()) == 1, "page size " + os.pageSize());
    }

    @Test
    void aMissingFileFailsWithErrorFileNotFoundAndTheSystemsText() {
        Path missing = dir.resolve("missing");
        var e = assertThrows(NativeCallException.class, () -> os.open(missing, READ_ONLY, 0600));
        assertEquals("CreateFileW", e.call());
        assertEquals(Kernel32.ERROR_FILE_NOT_FOUND(), e.errorCode());
        assertEquals("ERROR_FILE_NOT_FOUND", e.errorName());
        assertEquals("The system cannot find the file specified", e.errorText());
        assertTrue(e.arguments().contains("lpFileName=" + missing), e.arguments());
        assertTrue(e.arguments().contains("dwCreationDisposition=OPEN_EXISTING"), e.arguments());
        assertTrue(e.getMessage().startsWith("CreateFileW(lpFileName=" + missing), e.getMessage());
    }

    @Test
    void aFileInAMissingDirectoryFailsWithErrorPathNotFound() {
        var e = assertThrows(NativeCallException.class, () -> os.open(dir.resolve("no/such"), READ_ONLY, 0600));
        assertEquals("ERROR_PATH_NOT_FOUND", e.errorName());
    }

    @Test
    void createNewOnAnExistingFileFailsWithErrorFileExists() throws IOException {
        Path p = patternFile(10);
        var e = assertThrows(NativeCallException.class,
                () -> os.open(p, new OpenRequest(true, false, true, false, false), 0600));
        assertEquals("ERROR_FILE_EXISTS", e.errorName());
        assertTrue(e.arguments().contains("CREATE_NEW"), e.arguments());
    }

    @Test
    void aDirectoryIsRefused() {
        var e = assertThrows(IOException.class, () -> os.open(dir, READ_ONLY, 0600));
        assertTrue(e.getMessage().contains("ERROR_ACCESS_DENIED") || e.getMessage().contains("directory"), e.getMessage());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS) // symbolic links need a privilege there
    void noFollowRefusesASymbolicLink() throws IOException {
        Path target = patternFile(10);
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        var e = assertThrows(java.nio.file.FileSystemException.class,
                () -> os.open(link, new OpenRequest(false, false, false, false, true), 0600));
        assertTrue(e.getMessage().contains("reparse point"), e.getMessage());
    }

    @Test
    void aReadOnlyViewSeesTheFile() throws IOException {
        Path p = patternFile(3 * GRANULE);
        long h = os.open(p, READ_ONLY, 0);
        try {
            assertEquals(3 * GRANULE, os.size(h));
            long a = map(h, GRANULE, GRANULE, MapOptions.readOnly());
            byte[] seen = at(a, GRANULE).toArray(ValueLayout.JAVA_BYTE);
            assertArrayEquals(Arrays.copyOfRange(Files.readAllBytes(p), (int) GRANULE, (int) (2 * GRANULE)), seen);
            os.unmap(a, GRANULE);
        } finally {
            os.close(h);
        }
    }

    @Test
    void aReadWriteViewWritesTheFileAndSyncFlushesItEvenAfterTheFileHandleIsClosed() throws IOException {
        Path p = patternFile(GRANULE);
        long h = os.open(p, READ_WRITE, 0);
        long a = map(h, 0, GRANULE, MapOptions.readWrite());
        os.close(h); // the view keeps its own duplicate of the handle for FlushFileBuffers
        at(a, GRANULE).setString(0, "written through a view");
        os.sync(at(a, os.pageSize()), SyncMode.SYNC);
        os.sync(at(a, os.pageSize()), SyncMode.ASYNC);
        os.sync(at(a, os.pageSize()), SyncMode.INVALIDATE);
        os.unmap(a, GRANULE);
        assertEquals("written through a view", new String(Files.readAllBytes(p), 0, 22, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void aCopyOnWriteViewOfAReadOnlyFileNeverWritesTheFile() throws IOException {
        Path p = patternFile(GRANULE);
        byte[] before = Files.readAllBytes(p);
        long h = os.open(p, READ_ONLY, 0);
        try {
            MapOptions cow = MapOptions.copyOnWrite();
            assertEquals(Kernel32.PAGE_READWRITE(), os.prot(cow)); // PAGE_WRITECOPY once applied to the copy view
            assertEquals(Kernel32.FILE_MAP_COPY(), os.flags(cow));
            assertFalse(os.isShared(os.flags(cow)));
            long a = map(h, 0, GRANULE, cow);
            at(a, GRANULE).fill((byte) 7);
            assertEquals(7, at(a, GRANULE).get(ValueLayout.JAVA_BYTE, 100));
            os.sync(at(a, GRANULE), SyncMode.SYNC); // nothing of the file's to flush
            os.unmap(a, GRANULE);
        } finally {
            os.close(h);
        }
        assertArrayEquals(before, Files.readAllBytes(p));
    }

    @Test
    void aSharedWritableViewOfAReadOnlyFileFailsWithErrorAccessDeniedAndAHint() throws IOException {
        Path p = patternFile(GRANULE);
        long h = os.open(p, READ_ONLY, 0);
        try {
            var e = assertThrows(NativeCallException.class, () -> map(h, 0, GRANULE, MapOptions.readWrite()));
            assertEquals("CreateFileMappingW", e.call());
            assertEquals("ERROR_ACCESS_DENIED", e.errorName());
            assertEquals("Access is denied", e.errorText());
            assertTrue(e.hint().contains("open for writing"), e.hint());
            assertTrue(e.arguments().contains("flProtect=PAGE_READWRITE"), e.arguments());
        } finally {
            os.close(h);
        }
    }

    @Test
    void anOffsetThatIsPageAlignedButNotGranuleAlignedFailsWithErrorMappedAlignment() throws IOException {
        Path p = patternFile(2 * GRANULE);
        long h = os.open(p, READ_ONLY, 0);
        try {
            var e = assertThrows(NativeCallException.class, () -> map(h, os.pageSize(), os.pageSize(), MapOptions.readOnly()));
            assertEquals("MapViewOfFile", e.call());
            assertEquals(Kernel32.ERROR_MAPPED_ALIGNMENT(), e.errorCode());
            assertEquals("ERROR_MAPPED_ALIGNMENT", e.errorName());
            assertTrue(e.errorText().contains("proper alignment"), e.errorText());
            assertTrue(e.hint().contains("allocation granularity"), e.hint());
            assertTrue(e.arguments().contains("dwFileOffset=" + os.pageSize()), e.arguments());
        } finally {
            os.close(h);
        }
    }

    @Test
    void anEmptyFileCannotBeMappedWhole() throws IOException {
        Path p = dir.resolve("empty");
        Files.createFile(p);
        long h = os.open(p, READ_ONLY, 0);
        try {
            // CreateFileMappingW with a maximum size past the end of a read-only file
            var e = assertThrows(NativeCallException.class, () -> map(h, 0, GRANULE, MapOptions.readOnly()));
            assertEquals("CreateFileMappingW", e.call());
        } finally {
            os.close(h);
        }
    }

    @Test
    void allocateGrowsTheFileAndNeverShrinksIt() throws IOException {
        Path p = patternFile(100);
        long h = os.open(p, READ_WRITE, 0);
        try {
            os.allocate(h, 0, 3 * GRANULE);
            assertEquals(3 * GRANULE, os.size(h));
            os.allocate(h, 0, 10);
            assertEquals(3 * GRANULE, os.size(h));
            os.truncate(h, 5);
            assertEquals(5, os.size(h));
            assertEquals(5, Files.size(p));
        } finally {
            os.close(h);
        }
    }

    @Test
    void aFileCannotBeCutUnderALiveView() throws IOException {
        Path p = patternFile(2 * GRANULE);
        long h = os.open(p, READ_WRITE, 0);
        try {
            long a = map(h, 0, 2 * GRANULE, MapOptions.readWrite());
            var e = assertThrows(NativeCallException.class, () -> os.truncate(h, 10));
            assertEquals("SetEndOfFile", e.call());
            assertEquals("ERROR_USER_MAPPED_FILE", e.errorName());
            assertTrue(e.hint().contains("close those mappings"), e.hint());
            os.unmap(a, 2 * GRANULE);
            os.truncate(h, 10);
            assertEquals(10, os.size(h));
        } finally {
            os.close(h);
        }
    }

    @Test
    void truncatingAReadOnlyFileFailsWithErrorAccessDenied() throws IOException {
        Path p = patternFile(10);
        long h = os.open(p, READ_ONLY, 0);
        try {
            var e = assertThrows(NativeCallException.class, () -> os.truncate(h, 0));
            assertEquals("ERROR_ACCESS_DENIED", e.errorName());
            os.force(h, true); // a read-only file has nothing to flush: no FlushFileBuffers, no error
        } finally {
            os.close(h);
        }
    }

    @Test
    void unmappingPartOfAViewIsRefusedNamingThePlatform() throws IOException {
        Path p = patternFile(2 * GRANULE);
        long h = os.open(p, READ_ONLY, 0);
        try {
            long a = map(h, 0, 2 * GRANULE, MapOptions.readOnly());
            assertFalse(os.canUnmapPart());
            var e = assertThrows(UnsupportedOperationException.class, () -> os.unmap(a, GRANULE));
            assertTrue(e.getMessage().contains("Windows") && e.getMessage().contains("os.name="), e.getMessage());
            os.unmap(a, 2 * GRANULE);
        } finally {
            os.close(h);
        }
    }

    @Test
    void unmappingAnAddressThatIsNoViewFailsWithErrorInvalidAddress() {
        var e = assertThrows(NativeCallException.class, () -> os.unmap(GRANULE * 7, GRANULE));
        assertEquals("UnmapViewOfFile", e.call());
        assertEquals("ERROR_INVALID_ADDRESS", e.errorName());
    }

    @Test
    void operationsWithoutAWindowsCounterpartAreRefusedNamingThePlatform() {
        for (var call : new org.junit.jupiter.api.function.Executable[]{
                () -> os.unlinkSharedMemory("/x"),
                () -> os.advice(Advice.SEQUENTIAL),
                () -> os.advice(DiscardAdvice.DONTNEED),
                () -> os.lock(at(GRANULE, GRANULE), true),
                () -> os.flags(MapOptions.readWrite().with(MapFlag.POPULATE)),
                () -> os.mapAt(GRANULE, true, -1, GRANULE, 4, 2, 0)}) {
            var e = assertThrows(UnsupportedOperationException.class, call);
            assertTrue(e.getMessage().contains("not available on Windows (os.name="), e.getMessage());
        }
        for (var call : new org.junit.jupiter.api.function.Executable[]{
                () -> os.syncRaw(at(GRANULE, GRANULE), 4),
                () -> os.adviseFileCache(4, 0, 0, true)}) {
            var e = assertThrows(UnsupportedOperationException.class, call);
            assertTrue(e.getMessage().startsWith("mmap4j on Windows "), e.getMessage());
        }
    }

    @Test
    void theOptionalCapabilitiesAWindowsViewLacksAreAbsent() {
        assertTrue(os.remapping().isEmpty(), "no mremap");
        assertTrue(os.reservations().isEmpty(), "no reservations (placeholders are not used yet)");
        assertTrue(os.sealing().isEmpty(), "no memfd or seals");
        assertTrue(os.platform().startsWith("Windows "), os.platform());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS) // reads the fake's effect from /proc/self/maps
    void protectingARangeChangesOnlyThosePagesAndAWritableProtectionInACopyViewIsWriteCopy() throws IOException {
        Path p = patternFile(GRANULE);
        long h = os.open(p, READ_ONLY, 0);
        try {
            long a = map(h, 0, GRANULE, MapOptions.copyOnWrite());
            long page = os.pageSize();
            os.protect(a + page, page, os.prot(Protection.READ));
            assertEquals("r--p", perms(a + page));
            assertEquals("rw-p", perms(a));
            os.protect(a + page, page, os.prot(Protection.READ_WRITE)); // PAGE_WRITECOPY: the fake refuses READWRITE here
            assertEquals("rw-p", perms(a + page));
            os.protect(a, page, os.prot(Protection.NONE));
            assertEquals("---p", perms(a));
            os.unmap(a, GRANULE);
        } finally {
            os.close(h);
        }
    }

    @Test
    void aReadViewCannotBeMadeWritable() throws IOException {
        Path p = patternFile(GRANULE);
        long h = os.open(p, READ_WRITE, 0);
        try {
            long a = map(h, 0, GRANULE, MapOptions.readOnly());
            var e = assertThrows(NativeCallException.class, () -> os.protect(a, os.pageSize(), os.prot(Protection.READ_WRITE)));
            assertEquals("VirtualProtect", e.call());
            assertTrue(e.arguments().contains("flNewProtect=PAGE_READWRITE"), e.arguments());
            os.unmap(a, GRANULE);
        } finally {
            os.close(h);
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS) // reads the fake's effect from /proc/self/maps
    void anExecuteViewIsMappedExecutable() throws IOException {
        Path p = patternFile(GRANULE);
        long h = os.open(p, READ_ONLY, 0);
        try {
            MapOptions exec = MapOptions.of(Protection.READ_EXEC, Sharing.SHARED);
            assertEquals(Kernel32.PAGE_EXECUTE_READ(), os.prot(exec));
            assertEquals(Kernel32.FILE_MAP_READ() | Kernel32.FILE_MAP_EXECUTE(), os.flags(exec));
            long a = map(h, 0, GRANULE, exec);
            assertEquals("r-xs", perms(a));
            os.unmap(a, GRANULE);
        } finally {
            os.close(h);
        }
    }

    @Test
    void aNoAccessMappingIsAReadViewSetToPageNoAccess() throws IOException {
        Path p = patternFile(GRANULE);
        long h = os.open(p, READ_ONLY, 0);
        try {
            MapOptions none = MapOptions.of(Protection.NONE, Sharing.SHARED);
            assertFalse(os.canRead(os.prot(none)));
            long a = map(h, 0, GRANULE, none);
            if (!FakeKernel32.onRealWindows()) {
                assertEquals("---s", perms(a));
            }
            os.unmap(a, GRANULE);
        } finally {
            os.close(h);
        }
    }

    @Test
    void lockingAndUnlockingARangeWorksAndUnlockingUnlockedPagesFailsWithErrorNotLocked() throws IOException {
        Path p = patternFile(GRANULE);
        long h = os.open(p, READ_ONLY, 0);
        try {
            long a = map(h, 0, GRANULE, MapOptions.readOnly());
            long page = os.pageSize();
            os.lock(at(a, 2 * page), false);
            os.unlock(at(a, 2 * page));
            var e = assertThrows(NativeCallException.class, () -> os.unlock(at(a, page)));
            assertEquals("VirtualUnlock", e.call());
            assertEquals("ERROR_NOT_LOCKED", e.errorName());
            assertTrue(e.hint().contains("not locked"), e.hint());
            os.lockRaw(at(a, page), 0);
            os.unlock(at(a, page));
            os.unmap(a, GRANULE);
        } finally {
            os.close(h);
        }
    }

    @Test
    void residencyReportsTouchedPagesAndPrefetchIsAccepted() throws IOException {
        Path p = patternFile(GRANULE);
        long h = os.open(p, READ_WRITE, 0);
        try {
            long a = map(h, 0, GRANULE, MapOptions.readWrite());
            long page = os.pageSize(), pages = GRANULE / page;
            at(a, GRANULE).set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            at(a, GRANULE).set(ValueLayout.JAVA_BYTE, 2 * page, (byte) 1);
            os.advise(at(a, GRANULE), os.advice(Advice.WILLNEED));
            var bad = assertThrows(NativeCallException.class, () -> os.advise(at(a, page), 1));
            assertEquals("PrefetchVirtualMemory", bad.call());
            assertEquals("ERROR_INVALID_PARAMETER", bad.errorName());
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment vector = arena.allocate(pages);
                os.residency(at(a, GRANULE), vector);
                assertEquals(1, vector.get(ValueLayout.JAVA_BYTE, 0));
                assertEquals(1, vector.get(ValueLayout.JAVA_BYTE, 2));
            }
            os.unmap(a, GRANULE);
        } finally {
            os.close(h);
        }
    }

    @Test
    void anonymousMemoryIsZeroedAndWritable() throws NativeCallException {
        MapOptions rw = MapOptions.readWrite();
        long a = os.mapAnonymous(3 * GRANULE, os.prot(rw), os.flags(rw));
        MemorySegment s = at(a, 3 * GRANULE);
        assertEquals(0, s.get(ValueLayout.JAVA_LONG, 8));
        s.set(ValueLayout.JAVA_LONG, 8, 42);
        assertEquals(42, s.get(ValueLayout.JAVA_LONG, 8));
        os.unmap(a, 3 * GRANULE);
    }

    @Test
    void aViewPlacedAtAnAddressNeverReplacesWhatIsThere() throws NativeCallException {
        MapOptions rw = MapOptions.readWrite();
        long a = os.mapAnonymous(2 * GRANULE, os.prot(rw), os.flags(rw));
        var e = assertThrows(NativeCallException.class, () -> os.mapAt(a, false, -1, GRANULE, os.prot(rw), os.flags(rw), 0));
        assertEquals("MapViewOfFileEx", e.call());
        assertEquals("ERROR_INVALID_ADDRESS", e.errorName());
        os.unmap(a, 2 * GRANULE);
        long b = os.mapAt(a, false, -1, GRANULE, os.prot(rw), os.flags(rw), 0);
        assertEquals(a, b);
        os.unmap(b, GRANULE);
    }

    @Test
    void aNamedSectionIsSharedBetweenTwoHandlesAndItsSizeIsFixed() throws IOException {
        String name = "/mmap4j-test-" + UUID.randomUUID();
        OpenRequest create = new OpenRequest(true, true, false, false, false);
        long first = os.openSharedMemory(name, create, 0600);
        long second = 0;
        try {
            assertEquals(0, os.size(first));
            os.truncate(first, GRANULE);
            assertEquals(GRANULE, os.size(first));
            var fixed = assertThrows(UnsupportedOperationException.class, () -> os.truncate(first, 2 * GRANULE));
            assertTrue(fixed.getMessage().contains("fixed"), fixed.getMessage());
            long a = map(first, 0, GRANULE, MapOptions.readWrite());
            at(a, GRANULE).setString(0, "shared");

            second = os.openSharedMemory(name, READ_WRITE, 0600);
            assertEquals(GRANULE, os.size(second));
            long b = map(second, 0, GRANULE, MapOptions.readWrite());
            assertEquals("shared", at(b, GRANULE).getString(0));
            at(b, GRANULE).setString(0, "answer");
            assertEquals("answer", at(a, GRANULE).getString(0));

            var exists = assertThrows(NativeCallException.class,
                    () -> os.openSharedMemory(name, new OpenRequest(true, false, true, false, false), 0600));
            assertEquals("ERROR_ALREADY_EXISTS", exists.errorName());
            os.unmap(a, GRANULE);
            os.unmap(b, GRANULE);
        } finally {
            os.close(first);
            if (second != 0) {
                os.close(second);
            }
            removeFakeSection(name);
        }
    }

    @Test
    void openingAMissingSectionWithoutCreateFailsWithErrorFileNotFound() {
        var e = assertThrows(NativeCallException.class,
                () -> os.openSharedMemory("/mmap4j-missing-" + UUID.randomUUID(), READ_WRITE, 0600));
        assertEquals("OpenFileMappingW", e.call());
        assertEquals("ERROR_FILE_NOT_FOUND", e.errorName());
    }

    /** The fake keeps a named section as a POSIX shared memory object until it is removed. */
    static void removeFakeSection(String name) throws IOException {
        if (!FakeKernel32.onRealWindows()) {
            Files.deleteIfExists(Path.of("/dev/shm", "fake_k32." + name.replace('/', '_').replace('\\', '_')));
        }
    }

    static String perms(long address) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            String[] f = line.split("\\s+");
            String[] range = f[0].split("-");
            if (Long.parseUnsignedLong(range[0], 16) <= address && address < Long.parseUnsignedLong(range[1], 16)) {
                return f[1];
            }
        }
        throw new AssertionError("nothing mapped at 0x" + Long.toHexString(address));
    }
}

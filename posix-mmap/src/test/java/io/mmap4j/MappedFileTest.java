// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappedFileTest {
    @TempDir
    Path dir;
    long page;

    @BeforeEach
    void readPageSize() {
        page = PageSize.get();
    }

    @Test
    void pageSizeComesFromTheOperatingSystem() throws Exception {
        Process getconf = new ProcessBuilder("getconf", "PAGESIZE").start();
        long expected = Long.parseLong(new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
        assertEquals(expected, PageSize.get());
        assertEquals(PageSize.get(), PageSize.granularity());
        assertEquals(0, PageSize.alignDown(page - 1));
        assertEquals(page, PageSize.alignUp(1));
        assertEquals(page, PageSize.alignUp(page));
        assertTrue(PageSize.isAligned(3 * page));
        assertFalse(PageSize.isAligned(page + 1));
        assertThrows(IllegalArgumentException.class, () -> PageSize.alignUp(-1));
        assertThrows(IllegalArgumentException.class, () -> PageSize.alignUp(Long.MAX_VALUE));
    }

    @Test
    void theSeedWorkflowAllocatesWholePagesWritesThenShrinksToTheBytesWritten() throws Exception {
        Path p = dir.resolve("seed");
        byte[] text = "mmap is a cool feature!".getBytes(StandardCharsets.US_ASCII);
        try (MappedFile file = MappedFile.open(p, READ, WRITE, CREATE_NEW)) {
            file.allocate(0, page);
            assertEquals(page, file.size());
            try (Mapping m = file.map(0, page, MapOptions.readWrite())) {
                m.segment().copyFrom(java.lang.foreign.MemorySegment.ofArray(text));
                m.sync(0, text.length, SyncMode.SYNC);
            }
            file.truncate(text.length);
            assertEquals(text.length, file.size());
        }
        assertArrayEquals(text, Files.readAllBytes(p));
    }

    @Test
    void newFilesGetMode0600UnlessTheCallerSaysOtherwise() throws Exception {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        MappedFile.open(a, WRITE, CREATE).close();
        MappedFile.open(b, Set.of(WRITE, CREATE), PosixFilePermissions.fromString("rw-r-----")).close();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a)));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(b)));
    }

    @Test
    void theDescriptorIsAlwaysCloseOnExec() throws Exception {
        Path p = dir.resolve("f");
        try (MappedFile file = MappedFile.open(p, READ, WRITE, CREATE)) {
            String flagsLine = Files.readAllLines(Path.of("/proc/self/fdinfo/" + file.nativeHandle())).stream()
                    .filter(l -> l.startsWith("flags:")).findFirst().orElseThrow();
            int flags = Integer.parseInt(flagsLine.substring("flags:".length()).trim(), 8);
            assertTrue((flags & 02000000) != 0, flagsLine); // O_CLOEXEC
        }
    }

    @Test
    void createNewFailsWithEexistWhenTheFileExists() throws Exception {
        Path p = dir.resolve("f");
        Files.writeString(p, "keep");
        var e = assertThrows(NativeCallException.class, () -> MappedFile.open(p, WRITE, CREATE_NEW));
        assertEquals("EEXIST", e.errorName());
        assertEquals("keep", Files.readString(p));
    }

    @Test
    void truncateExistingEmptiesTheFile() throws Exception {
        Path p = dir.resolve("f");
        Files.writeString(p, "gone");
        try (MappedFile file = MappedFile.open(p, READ, WRITE, TRUNCATE_EXISTING)) {
            assertEquals(0, file.size());
        }
    }

    @Test
    void aMissingFileFailsWithEnoentNamingTheCallAndThePath() {
        Path p = dir.resolve("missing");
        var e = assertThrows(NativeCallException.class, () -> MappedFile.open(p));
        assertEquals("open", e.call());
        assertEquals("ENOENT", e.errorName());
        assertEquals("No such file or directory", e.errorText());
        assertEquals("open(path=" + p + ", flags=O_RDONLY|O_NONBLOCK|O_CLOEXEC, mode=0600): ENOENT (No such file or directory)",
                e.getMessage());
    }

    @Test
    void aDirectoryIsRefusedAsNotARegularFile() {
        var e = assertThrows(FileSystemException.class, () -> MappedFile.open(dir));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        var e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> assertThrows(FileSystemException.class, () -> MappedFile.open(fifo)));
        assertTrue(e.getMessage().contains("FIFO"), e.getMessage());
    }

    @Test
    void unsupportedOrInconsistentOpenOptionsAreRefusedBeforeTheCall() {
        Path p = dir.resolve("f");
        var append = assertThrows(IllegalArgumentException.class, () -> MappedFile.open(p, WRITE, APPEND));
        assertTrue(append.getMessage().contains("APPEND"), append.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MappedFile.open(p, CREATE));
        assertFalse(Files.exists(p));
    }

    @Test
    void badRangesAreRefusedBeforeTheCallNamingTheParameter() throws Exception {
        Path p = writeFile("0123456789");
        byte[] before = Files.readAllBytes(p);
        try (MappedFile file = MappedFile.open(p, READ, WRITE)) {
            assertEquals("length must be positive: 0",
                    assertThrows(IllegalArgumentException.class, () -> file.map(0, 0, MapOptions.readOnly())).getMessage());
            assertEquals("length must be positive: -5",
                    assertThrows(IllegalArgumentException.class, () -> file.map(0, -5, MapOptions.readOnly())).getMessage());
            assertEquals("offset must not be negative: -1",
                    assertThrows(IllegalArgumentException.class, () -> file.map(-1, 4, MapOptions.readOnly())).getMessage());
            assertThrows(IllegalArgumentException.class, () -> file.map(Long.MAX_VALUE, 4, MapOptions.readOnly()));
            assertThrows(IllegalArgumentException.class, () -> file.allocate(-1, 4));
            assertThrows(IllegalArgumentException.class, () -> file.allocate(0, 0));
            assertEquals("size must not be negative: -1",
                    assertThrows(IllegalArgumentException.class, () -> file.truncate(-1)).getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(p));
    }

    @Test
    void aMappingPastTheEndOfTheFileIsRefusedNamingBothSizesUnlessAllowed() throws Exception {
        Path p = writeFile("0123456789");
        try (MappedFile file = MappedFile.open(p)) {
            var e = assertThrows(IllegalArgumentException.class, () -> file.map(0, page, MapOptions.readOnly()));
            assertTrue(e.getMessage().contains("length " + page), e.getMessage());
            assertTrue(e.getMessage().contains("(size 10)"), e.getMessage());
            try (Mapping m = file.map(0, page, MapOptions.readOnly().allowBeyondEndOfFile())) {
                // within the last page the bytes past the end read as zeros
                assertEquals('9', m.segment().get(ValueLayout.JAVA_BYTE, 9));
                assertEquals(0, m.segment().get(ValueLayout.JAVA_BYTE, 10));
            }
        }
        assertEquals("0123456789", Files.readString(p));
    }

    @Test
    void aSharedWritableMappingOfAReadOnlyFileFailsWithEaccesAndLeavesTheFileUnchanged() throws Exception {
        Path p = writeFile("x".repeat(Math.toIntExact(page)));
        byte[] before = Files.readAllBytes(p);
        try (MappedFile file = MappedFile.open(p)) {
            var e = assertThrows(NativeCallException.class, () -> file.map(0, page, MapOptions.readWrite()));
            assertEquals("EACCES", e.errorName());
            assertTrue(e.getMessage().startsWith("mmap(length=" + page + ", prot=READ|WRITE, flags=SHARED"), e.getMessage());
            assertTrue(e.hint().contains("open for reading and writing"), e.hint());
            // copy-on-write needs no write access to the file
            try (Mapping cow = file.map(0, page, MapOptions.copyOnWrite())) {
                cow.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 'y');
            }
        }
        assertArrayEquals(before, Files.readAllBytes(p));
    }

    @Test
    void allocateOnAReadOnlyFileFailsWithEbadfAndLeavesTheFileUnchanged() throws Exception {
        Path p = writeFile("abc");
        try (MappedFile file = MappedFile.open(p)) {
            var e = assertThrows(NativeCallException.class, () -> file.allocate(0, page));
            assertEquals("fallocate", e.call());
            assertEquals("EBADF", e.errorName());
            assertThrows(NativeCallException.class, () -> file.truncate(1));
        }
        assertEquals("abc", Files.readString(p));
    }

    @Test
    void hugePagesWhereNoneAreConfiguredFailWithAHint() throws Exception {
        Path p = writeFile("x".repeat(Math.toIntExact(page)));
        try (MappedFile file = MappedFile.open(p, READ, WRITE)) {
            for (MapFlag huge : EnumSet.of(MapFlag.HUGETLB, MapFlag.HUGE_2MB)) {
                var e = assertThrows(NativeCallException.class,
                        () -> file.map(0, page, MapOptions.readWrite().with(huge)));
                assertTrue(e.getMessage().contains("HUGETLB"), e.getMessage());
                assertTrue(e.hint().contains("huge pages"), e.getMessage());
            }
        }
    }

    @Test
    void mapSyncNeedsSharedValidateAndADaxFileSystem() throws Exception {
        var bad = assertThrows(IllegalArgumentException.class,
                () -> MapOptions.of(Protection.READ_WRITE, Sharing.SHARED, MapFlag.SYNC));
        assertTrue(bad.getMessage().contains("SHARED_VALIDATE"));
        Path p = writeFile("x".repeat(Math.toIntExact(page)));
        try (MappedFile file = MappedFile.open(p, READ, WRITE)) {
            var e = assertThrows(NativeCallException.class, () -> file.map(0, page,
                    MapOptions.of(Protection.READ_WRITE, Sharing.SHARED_VALIDATE, MapFlag.SYNC)));
            assertEquals("EOPNOTSUPP", e.errorName());
            assertTrue(e.hint().contains("DAX"), e.getMessage());
        }
    }

    @Test
    void aClosedFileRefusesEveryOperationButItsMappingsStayValid() throws Exception {
        Path p = writeFile("x".repeat(Math.toIntExact(page)));
        MappedFile file = MappedFile.open(p);
        try (Mapping m = file.map(0, page, MapOptions.readOnly())) {
            file.close();
            file.close();
            assertThrows(IllegalStateException.class, file::size);
            assertThrows(IllegalStateException.class, () -> file.map(0, page, MapOptions.readOnly()));
            assertEquals('x', m.segment().get(ValueLayout.JAVA_BYTE, page - 1));
        }
    }

    private Path writeFile(String content) throws IOException {
        Path p = dir.resolve("data");
        Files.writeString(p, content);
        return p;
    }
}

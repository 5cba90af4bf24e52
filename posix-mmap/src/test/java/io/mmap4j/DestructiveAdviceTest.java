// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Advice that discards contents never reaches a byte outside the range asked for (issue 9, item 4). */
class DestructiveAdviceTest {
    private static final int MADV_DONTNEED = 4;
    private static final int MADV_REMOVE = 9;

    @TempDir
    Path dir;
    long page;
    Path path;
    byte[] pattern;

    @BeforeEach
    void writePatternFile() throws IOException {
        page = PageSize.get();
        path = dir.resolve("f");
        pattern = new byte[Math.toIntExact(3 * page)];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 31 + 7);
        }
        Files.write(path, pattern);
    }

    @Test
    void removeOnAnUnalignedSharedFileRangeIsRefusedAndTheFileKeepsEveryByte() throws Exception {
        try (MappedFile file = MappedFile.open(path, READ, WRITE); Mapping m = file.map(100, 200, MapOptions.readWrite())) {
            var e = assertThrows(IllegalArgumentException.class, () -> m.discardContents(0, 200, DiscardAdvice.REMOVE));
            assertTrue(e.getMessage().contains("file bytes 100..300") && e.getMessage().contains("whole pages of " + page),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.raw().advise(0, 200, MADV_REMOVE));
            assertThrows(IllegalArgumentException.class, () -> m.raw().advise(0, 200, MADV_DONTNEED));
            assertEquals(pattern[150], m.segment().get(JAVA_BYTE, 50));
        }
        assertArrayEquals(pattern, Files.readAllBytes(path), "the file is unchanged");
    }

    @Test
    void removeEndingInsideTheLastPageOfASharedFileMappingIsRefused() throws Exception {
        try (MappedFile file = MappedFile.open(path, READ, WRITE); Mapping m = file.map(0, page + 10, MapOptions.readWrite())) {
            assertThrows(IllegalArgumentException.class, () -> m.discardContents(page, 10, DiscardAdvice.REMOVE));
            assertThrows(IllegalArgumentException.class, () -> m.discardContents(0, page + 10, DiscardAdvice.REMOVE));
        }
        assertArrayEquals(pattern, Files.readAllBytes(path), "the file is unchanged");
    }

    @Test
    void removeOfWholeFilePagesZeroesExactlyThosePages() throws Exception {
        Emulation.skipIfEmulated("qemu-user accepts MADV_REMOVE without passing it to the kernel, so no hole is punched");
        try (MappedFile file = MappedFile.open(path, READ, WRITE); Mapping m = file.map(page, 2 * page, MapOptions.readWrite())) {
            m.discardContents(0, page, DiscardAdvice.REMOVE);
            assertEquals(0, m.segment().get(JAVA_BYTE, 0));
        }
        byte[] expected = pattern.clone();
        java.util.Arrays.fill(expected, (int) page, (int) (2 * page), (byte) 0);
        assertArrayEquals(expected, Files.readAllBytes(path), "file page 1 is a hole, pages 0 and 2 are intact");
    }

    @Test
    void dontNeedOnAPrivateMappingMayStartInsideAPageBecauseThoseBytesAreItsOwn() throws Exception {
        try (MappedFile file = MappedFile.open(path, READ, WRITE); Mapping m = file.map(100, 200, MapOptions.copyOnWrite())) {
            MemorySegment s = m.segment();
            s.fill((byte) 1);
            m.discardContents(0, 200, DiscardAdvice.DONTNEED); // the private copy goes: the file's bytes show again
            assertEquals(pattern[100], s.get(JAVA_BYTE, 0));
            assertEquals(pattern[299], s.get(JAVA_BYTE, 199));
        }
        assertArrayEquals(pattern, Files.readAllBytes(path), "a private mapping never wrote the file");
    }

    @Test
    void anonymousMemoryMayBeDiscardedUpToItsUnalignedEnd() throws Exception {
        try (Mapping m = Mapping.anonymous(page + 10, MapOptions.copyOnWrite())) {
            MemorySegment s = m.segment();
            s.fill((byte) 5);
            m.discardContents(page, 10, DiscardAdvice.DONTNEED);
            assertEquals(5, s.get(JAVA_BYTE, page - 1));
            assertEquals(0, s.get(JAVA_BYTE, page));
            assertThrows(IllegalArgumentException.class, () -> m.discardContents(10, 10, DiscardAdvice.DONTNEED),
                    "a range inside a page would discard its neighbours");
            assertEquals(5, s.get(JAVA_BYTE, 0));
        }
    }
}

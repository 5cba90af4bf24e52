// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.windows.internal;

import java.lang.foreign.MemorySegment;
import io.mmap4j.MapOptions;
import io.mmap4j.NativeCallException;
import io.mmap4j.Protection;
import io.mmap4j.spi.Backend;
import io.mmap4j.spi.Backend.OpenRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What only a real Windows can tell: the system's own numbers and texts, and the error codes the
 * fake kernel32 chose where Microsoft does not document them. Written to run unchanged on Windows
 * (x64, English messages); it has never run, since no Windows JVM is available where this was built.
 * A failure here means the fake (and perhaps a hint) should follow Windows.
 */
@EnabledOnOs(OS.WINDOWS)
class RealWindowsTest {
    private static final OpenRequest READ_ONLY = new OpenRequest(false, false, false, false, false);
    private static final OpenRequest READ_WRITE = new OpenRequest(true, false, false, false, false);
    private static final long GRANULE = 65536;

    static Backend os;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadKernel32() {
        os = FakeKernel32.backend(); // the real kernel32 on Windows
    }

    private long map(long handle, long length, MapOptions o) throws NativeCallException {
        return os.map(handle, length, os.prot(o), os.flags(o), 0);
    }

    @Test
    void x64WindowsHas4KiBPagesAnd64KiBGranularity() {
        assertEquals(4096, os.pageSize());
        assertEquals(GRANULE, os.granularity());
    }

    @Test
    void formatMessageGivesTheSystemsTextWithoutPeriodOrLineBreak() {
        assertEquals("Access is denied", WindowsCalls.formatMessage(5));
        assertEquals("The system cannot find the file specified", WindowsCalls.formatMessage(2));
        assertTrue(WindowsCalls.formatMessage(1132).contains("alignment"));
    }

    @Test
    void viewsStartOnTheAllocationGranularity() throws IOException {
        Path p = dir.resolve("f");
        Files.write(p, new byte[(int) GRANULE]);
        long h = os.open(p, READ_ONLY, 0);
        try {
            long a = map(h, 100, MapOptions.readOnly());
            assertEquals(0, a % GRANULE);
            os.unmap(a, os.pageSize());
        } finally {
            os.close(h);
        }
    }

    @Test
    void anEmptyFileCannotBeMappedWholeWithErrorFileInvalid() throws IOException {
        Path p = dir.resolve("empty");
        Files.createFile(p);
        long h = os.open(p, READ_WRITE, 0);
        try {
            var e = assertThrows(NativeCallException.class,
                    () -> WindowsCalls.createFileMapping(h, 0x04, 0, null));
            assertEquals("ERROR_FILE_INVALID", e.errorName());
        } finally {
            os.close(h);
        }
    }

    @Test
    void theFakesGuessesMatchWindows() throws IOException {
        Path p = dir.resolve("f");
        Files.write(p, new byte[(int) GRANULE]);
        long h = os.open(p, READ_WRITE, 0);
        try {
            // a read-only section larger than the file
            var past = assertThrows(NativeCallException.class, () -> WindowsCalls.createFileMapping(h, 0x02, 2 * GRANULE, null));
            assertEquals("ERROR_NOT_ENOUGH_MEMORY", past.errorName(), past.getMessage());
            long a = map(h, GRANULE, MapOptions.readOnly());
            // write on a read view
            var write = assertThrows(NativeCallException.class, () -> os.protect(a, os.pageSize(), os.prot(Protection.READ_WRITE)));
            assertEquals("ERROR_INVALID_PARAMETER", write.errorName(), write.getMessage());
            // cutting the file under the view
            var cut = assertThrows(NativeCallException.class, () -> os.truncate(h, 10));
            assertEquals("ERROR_USER_MAPPED_FILE", cut.errorName(), cut.getMessage());
            os.unmap(a, GRANULE);
            // a view past the section's end
            long section = WindowsCalls.createFileMapping(h, 0x02, GRANULE, null).handle();
            try {
                var beyond = assertThrows(NativeCallException.class,
                        () -> WindowsCalls.mapViewOfFile(section, 4, 0, 2 * GRANULE, 0));
                assertEquals("ERROR_ACCESS_DENIED", beyond.errorName(), beyond.getMessage());
            } finally {
                WindowsCalls.closeHandle(section);
            }
        } finally {
            os.close(h);
        }
    }

    @Test
    void anUntouchedPageOfAFreshSectionIsNotInTheWorkingSet() throws IOException {
        MapOptions rw = MapOptions.readWrite();
        long a = os.mapAnonymous(GRANULE, os.prot(rw), os.flags(rw));
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            var vector = arena.allocate(GRANULE / os.pageSize());
            os.residency(at(a, GRANULE), vector);
            assertEquals(0, vector.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0));
        }
        os.unmap(a, GRANULE);
        assertFalse(os.canUnmapPart());
    }

    /** A segment over {@code [address, address + length)}, as a mapping's arena hands to the backend. */
    @SuppressWarnings("restricted")
    private static MemorySegment at(long address, long length) {
        return MemorySegment.ofAddress(address).reinterpret(length);
    }
}

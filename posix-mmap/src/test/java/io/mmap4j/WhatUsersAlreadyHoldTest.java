// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mapping what systems code already holds: a path, a FileChannel, a raw descriptor (issue 12, part 2). */
@SuppressWarnings("restricted") // open(2) for a raw descriptor, as a caller that got one elsewhere would have
class WhatUsersAlreadyHoldTest {
    private static final int O_RDONLY = 0;
    private static final int O_RDWR = 2;
    private static final MethodHandle OPEN = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(2));

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path p = dir.resolve("f");
        Files.writeString(p, text);
        return p;
    }

    private static int rawOpen(Path path, int flags) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(a.allocateFrom(path.toString()), flags);
            assertTrue(fd >= 0, "open " + path);
            return fd;
        }
    }

    private static boolean isOpen(int fd) {
        return Files.exists(Path.of("/proc/self/fd/" + fd));
    }

    @Test
    void mapWholeMapsEveryByteAndNeedsNoOpenFile() throws Exception {
        Path p = file("hello, whole file");
        try (Mapping m = MappedFile.mapWhole(p, MapOptions.readOnly())) {
            assertEquals(17, m.length());
            assertArrayEquals("hello, whole file".getBytes(), m.segment().toArray(JAVA_BYTE));
        }
        try (Mapping m = MappedFile.mapWhole(p, MapOptions.readWrite())) {
            m.segment().set(JAVA_BYTE, 0, (byte) 'H');
        }
        assertEquals("Hello, whole file", Files.readString(p));
        Files.write(p, new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> MappedFile.mapWhole(p, MapOptions.readOnly()));
    }

    @Test
    void aReadWriteChannelGivesAFileThatMapsPrivatelyAndSharedAndOutlivesTheChannel() throws Exception {
        Path p = file("abcdef");
        MappedFile file;
        try (FileChannel ch = FileChannel.open(p, READ, WRITE)) {
            ch.position(3);
            file = MappedFile.of(ch);
            assertEquals(3, ch.position(), "the channel's position is back where it was");
            assertTrue(file.isWritable());
            try (Mapping shared = file.map(0, 6, MapOptions.readWrite())) {
                shared.segment().set(JAVA_BYTE, 0, (byte) 'A');
            }
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, 0);
            assertEquals('A', b.get(0), "a shared write is what the channel reads");
        }
        try (file; Mapping copy = file.map(0, 6, MapOptions.copyOnWrite())) { // the channel is closed now
            copy.segment().set(JAVA_BYTE, 1, (byte) 'X');
            assertEquals('X', copy.segment().get(JAVA_BYTE, 1));
        }
        assertEquals("Abcdef", Files.readString(p), "a private write never reaches the file");
    }

    @Test
    void aReadOnlyChannelGivesAReadOnlyFile() throws Exception {
        Path p = file("abcdef");
        try (FileChannel ch = FileChannel.open(p, READ); MappedFile file = MappedFile.of(ch)) {
            assertFalse(file.isWritable());
            try (Mapping m = file.map(0, 6, MapOptions.readOnly())) {
                assertEquals('a', m.segment().get(JAVA_BYTE, 0));
            }
            var e = assertThrows(NativeCallException.class, () -> file.map(0, 6, MapOptions.readWrite()));
            assertEquals("EACCES", e.errorName());
        }
    }

    @Test
    void anAdoptedDescriptorIsClosedWithTheFile() throws Throwable {
        Path p = file("adopted");
        int fd = rawOpen(p, O_RDWR);
        try (MappedFile file = MappedFile.adopt(fd)) {
            assertTrue(file.isWritable());
            assertEquals(fd, file.nativeHandle());
            try (Mapping m = file.map(MapOptions.readOnly())) {
                assertEquals('a', m.segment().get(JAVA_BYTE, 0));
            }
        }
        assertFalse(isOpen(fd), "fd " + fd + " was closed by MappedFile.close");
    }

    @Test
    void aBorrowedDescriptorStaysOpenAfterTheFileIsClosed() throws Throwable {
        Path p = file("borrowed");
        int fd = rawOpen(p, O_RDONLY);
        try (MappedFile file = MappedFile.borrow(fd)) {
            assertFalse(file.isWritable());
            try (Mapping m = file.map(MapOptions.readOnly())) {
                assertEquals('b', m.segment().get(JAVA_BYTE, 0));
            }
        }
        assertTrue(isOpen(fd), "fd " + fd + " still belongs to the caller");
        MappedFile.adopt(fd).close();
        assertFalse(isOpen(fd));
    }

    @Test
    void aDescriptorThatIsNotARegularFileIsRefusedAndLeftOpen() throws Throwable {
        int fd = rawOpen(dir, O_RDONLY);
        var e = assertThrows(FileSystemException.class, () -> MappedFile.adopt(fd));
        assertTrue(e.getMessage().contains("not a regular file but a directory"), e.getMessage());
        assertTrue(isOpen(fd), "a refused descriptor stays the caller's");
        MappedFile.borrow(Math.toIntExact(MappedFile.memfd("x", false).nativeHandle())).close();
        assertThrows(IllegalArgumentException.class, () -> MappedFile.adopt(-1));
        assertThrows(NativeCallException.class, () -> MappedFile.adopt(999_999));
    }
}

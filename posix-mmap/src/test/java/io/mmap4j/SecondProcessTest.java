// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What another process sees of this one's mappings: a C program maps the same file
 * {@code MAP_SHARED}, read-only, and prints bytes from its own mapping, while the Java mapping is
 * still open and without any {@code msync}.
 */
@EnabledOnOs(OS.LINUX)
class SecondProcessTest {
    /** {@code mmap-reader PATH OFFSET LENGTH}: maps PATH MAP_SHARED, PROT_READ and prints the bytes in hex. */
    private static final String MMAP_READER = """
            #define _DEFAULT_SOURCE
            #include <fcntl.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <sys/mman.h>
            #include <sys/stat.h>
            #include <unistd.h>

            int main(int argc, char **argv) {
                if (argc != 4) {
                    fprintf(stderr, "usage: %s PATH OFFSET LENGTH\\n", argv[0]);
                    return 2;
                }
                long long offset = atoll(argv[2]), length = atoll(argv[3]);
                int fd = open(argv[1], O_RDONLY | O_CLOEXEC);
                if (fd < 0) { perror("open"); return 1; }
                struct stat st;
                if (fstat(fd, &st) != 0) { perror("fstat"); return 1; }
                if (offset < 0 || length <= 0 || offset + length > st.st_size) {
                    fprintf(stderr, "range %lld+%lld is outside the file's %lld bytes\\n",
                            offset, length, (long long) st.st_size);
                    return 1;
                }
                unsigned char *p = mmap(NULL, (size_t) st.st_size, PROT_READ, MAP_SHARED, fd, 0);
                if (p == MAP_FAILED) { perror("mmap"); return 1; }
                for (long long i = offset; i < offset + length; i++) {
                    printf("%02x", p[i]);
                }
                printf("\\n");
                munmap(p, (size_t) st.st_size);
                close(fd);
                return 0;
            }
            """;

    private static CProgram reader;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileTheReader(@TempDir Path binaries) throws Exception {
        reader = CProgram.compile("mmap-reader", MMAP_READER, binaries);
    }

    @Test
    void writesThroughASharedMappingAreSeenByASecondProcessWithoutMsync() throws Exception {
        long page = PageSize.get();
        Path path = dir.resolve("shared");
        byte[] message = "seen at once by another process".getBytes(StandardCharsets.US_ASCII);
        long at = page + 10; // inside the second page
        try (MappedFile file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE)) {
            file.allocate(0, 2 * page);
            try (Mapping m = file.map(0, 2 * page, MapOptions.readWrite())) {
                assertEquals(hex(new byte[message.length]), readInOtherProcess(path, at, message.length));
                MemorySegment.copy(message, 0, m.segment(), JAVA_BYTE, at, message.length);
                // no sync, no close: the other process maps the same page cache pages
                assertEquals(hex(message), readInOtherProcess(path, at, message.length));
                m.segment().set(JAVA_BYTE, 0, (byte) 0x7f);
                assertEquals("7f", readInOtherProcess(path, 0, 1));
            }
        }
    }

    @Test
    void writesThroughAPrivateMappingAreNeverSeenByASecondProcessNorReachTheFile() throws Exception {
        long page = PageSize.get();
        Path path = dir.resolve("private");
        byte[] original = new byte[(int) (2 * page)];
        Arrays.fill(original, (byte) 'o');
        Files.write(path, original);
        byte[] message = "copy on write stays here".getBytes(StandardCharsets.US_ASCII);
        long at = page - 5; // straddles the first two pages
        try (MappedFile file = MappedFile.open(path, StandardOpenOption.READ);
             Mapping m = file.map(0, 2 * page, MapOptions.copyOnWrite())) {
            MemorySegment.copy(message, 0, m.segment(), JAVA_BYTE, at, message.length);
            m.sync(SyncMode.SYNC); // msync does not carry private pages to the file either
            assertArrayEquals(message, m.segment().asSlice(at, message.length).toArray(JAVA_BYTE),
                    "this process sees its own writes");
            assertEquals(hex(Arrays.copyOfRange(original, (int) at, (int) at + message.length)),
                    readInOtherProcess(path, at, message.length));
        }
        assertArrayEquals(original, Files.readAllBytes(path), "the file after the mapping is closed");
    }

    private static String readInOtherProcess(Path path, long offset, int length) throws Exception {
        return reader.run(path.toString(), Long.toString(offset), Integer.toString(length)).strip();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

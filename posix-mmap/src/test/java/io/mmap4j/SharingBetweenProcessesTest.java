// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A memfd and a POSIX shared memory object, each shared with a second process: a C program opens
 * the same object by its own route ({@code /proc/<pid>/fd/<fd>} for the memfd, {@code shm_open}
 * for the shared memory object), maps it {@code MAP_SHARED}, prints what this process wrote and
 * writes a reply that this process then reads through the mapping it already had.
 */
@EnabledOnOs(OS.LINUX)
class SharingBetweenProcessesTest {
    /**
     * {@code share-peer path|shm TARGET LENGTH REPLY_OFFSET}: opens TARGET with {@code open} or
     * {@code shm_open}, maps LENGTH bytes read-write and shared, prints the string at offset 0 and
     * writes {@code "reply from pid N"} at REPLY_OFFSET.
     */
    private static final String SHARE_PEER = """
            #define _DEFAULT_SOURCE
            #include <fcntl.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/mman.h>
            #include <unistd.h>

            int main(int argc, char **argv) {
                if (argc != 5) {
                    fprintf(stderr, "usage: %s path|shm TARGET LENGTH REPLY_OFFSET\\n", argv[0]);
                    return 2;
                }
                size_t length = (size_t) atoll(argv[3]), reply = (size_t) atoll(argv[4]);
                int fd = strcmp(argv[1], "shm") == 0 ? shm_open(argv[2], O_RDWR, 0) : open(argv[2], O_RDWR | O_CLOEXEC);
                if (fd < 0) { perror(argv[2]); return 1; }
                char *p = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
                if (p == MAP_FAILED) { perror("mmap"); return 1; }
                printf("%.*s\\n", (int) strnlen(p, reply), p);
                snprintf(p + reply, length - reply, "reply from pid %ld", (long) getpid());
                if (munmap(p, length) != 0) { perror("munmap"); return 1; }
                close(fd);
                return 0;
            }
            """;

    private static CProgram peer;

    @BeforeAll
    static void compileThePeer(@TempDir Path binaries) throws Exception {
        peer = CProgram.compile("share-peer", SHARE_PEER, binaries);
    }

    @Test
    void aMemfdIsSharedWithASecondProcessThatOpensItThroughProcPidFd() throws Exception {
        long page = PageSize.get();
        String name = "mmap4j-share-" + ProcessHandle.current().pid();
        try (MappedFile mem = MappedFile.memfd(name, false)) {
            mem.truncate(2 * page);
            try (Mapping m = mem.map(MapOptions.readWrite())) {
                String path = ProcMaps.read().at(m.address()).orElseThrow().path();
                assertTrue(path.startsWith("/memfd:" + name), path);

                m.segment().setString(0, "hello through a memfd");
                String target = "/proc/" + ProcessHandle.current().pid() + "/fd/" + mem.nativeHandle();
                String out = peer.run("path", target, Long.toString(2 * page), Long.toString(page));

                assertEquals("hello through a memfd", out.strip());
                assertTrue(m.segment().getString(page).matches("reply from pid \\d+"), m.segment().getString(page));
            }
        }
    }

    @Test
    void aSharedMemoryObjectIsSharedWithASecondProcessThatOpensItByName() throws Exception {
        long page = PageSize.get();
        String name = "/mmap4j-share-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path devShm = Path.of("/dev/shm", name.substring(1));
        try (MappedFile shm = MappedFile.openSharedMemory(name, READ, WRITE, CREATE_NEW)) {
            shm.truncate(3 * page);
            try (Mapping m = shm.map(MapOptions.readWrite())) {
                assertEquals(devShm.toString(), ProcMaps.read().at(m.address()).orElseThrow().path());

                m.segment().setString(0, "hello through shm_open");
                String out = peer.run("shm", name, Long.toString(3 * page), Long.toString(2 * page + 16));

                assertEquals("hello through shm_open", out.strip());
                assertTrue(m.segment().getString(2 * page + 16).matches("reply from pid \\d+"),
                        m.segment().getString(2 * page + 16));
            }
        } finally {
            if (Files.exists(devShm)) {
                MappedFile.unlinkSharedMemory(name);
            }
        }
        assertFalse(Files.exists(devShm), "the name is gone once unlinked");
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CWorkflowTest {
    @TempDir
    Path dir;

    @Test
    void theCWorkflowPrintsEveryStepAndLeavesAFileOfExactlyTheBytesWritten() throws Exception {
        Path file = dir.resolve("out.dat");
        var bytes = new ByteArrayOutputStream();
        CWorkflow.run(file, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        long page = PageSize.get();
        int written = CWorkflow.TEXT.getBytes(StandardCharsets.UTF_8).length;

        assertEquals("page size: " + page + " bytes (sysconf(_SC_PAGESIZE))", lines.get(0));
        // asked for rw-rw---- as the article does; the process's umask may take some away
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        assertTrue(lines.get(1).endsWith("mode " + mode), lines.get(1));
        assertTrue(mode.matches("rw-r[w-]----"), mode);
        assertEquals("posix_fallocate(fd, 0, " + page + "): the file is now " + page + " bytes", lines.get(2));
        assertTrue(lines.get(3).startsWith("mmap(NULL, " + page + ", PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0) = 0x"), lines.get(3));
        assertTrue(lines.get(4).contains(" rw-s 00000000 ") && lines.get(4).endsWith(file.toString()), lines.get(4));
        assertEquals("wrote " + written + " bytes through the mapping: " + CWorkflow.TEXT.strip(), lines.get(5));
        assertTrue(lines.get(6).startsWith("msync(addr, " + written + ", MS_SYNC)"), lines.get(6));
        assertTrue(lines.get(7).startsWith("msync(addr, " + written + ", MS_ASYNC)"), lines.get(7));
        assertTrue(lines.get(8).endsWith("gone from /proc/self/maps"), lines.get(8));
        assertEquals("ftruncate(fd, " + written + "): the file is now " + written + " bytes", lines.get(9));
        assertEquals("read back with plain file I/O: " + CWorkflow.TEXT.strip(), lines.get(10));
        assertEquals(CWorkflow.TEXT, Files.readString(file));
    }

    @Test
    void theLauncherRejectsUnknownCommandsWithExitCodeTwo() throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"nope"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'nope'"));
        assertEquals(0, Main.run(new String[]{"help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("c-workflow FILE"));
    }
}

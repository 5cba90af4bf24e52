// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Data written through a shared mapping and synced survives a {@code SIGKILL} of the writer.
 *
 * <p>What this shows and what it does not: {@code SIGKILL} ends the process but leaves the page
 * cache alone, so the bytes read back come from the file as the kernel holds it; proving they also
 * reached the device would take a power cut.
 */
@EnabledOnOs(OS.LINUX)
class DurabilityTest {
    private static final int PAGES = 64;

    @TempDir
    Path dir;

    @Test
    void syncedWritesSurviveSigkillOfTheWriter() throws Exception {
        Path path = dir.resolve("durable");
        long page = PageSize.get();
        try (ChildJvm.Running child = ChildJvm.start(dir, SyncedWriter.class, path.toString(), Integer.toString(PAGES))) {
            child.awaitLine("synced", Duration.ofSeconds(30));
            assertEquals(128 + 9, child.kill(), "exit code of a process ended by SIGKILL");
            assertEquals("", child.stderr(), "the writer's standard error");
        }
        assertEquals(List.of(), ChildJvm.crashLogs(dir), "crash logs of the writer");
        byte[] bytes = Files.readAllBytes(path);
        assertEquals(PAGES * page, bytes.length, "file size");
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != SyncedWriter.patternAt(i)) {
                fail("byte " + i + " (page " + i / page + ") is " + bytes[i] + ", expected " + SyncedWriter.patternAt(i));
            }
        }
    }

    /**
     * The child: {@code SyncedWriter PATH PAGES} maps a new file of PAGES pages {@code MAP_SHARED},
     * writes {@link #patternAt} into every byte, syncs with {@code MS_SYNC}, prints {@code synced}
     * and waits to be killed.
     */
    static final class SyncedWriter {
        public static void main(String[] args) throws Exception {
            long length = Integer.parseInt(args[1]) * PageSize.get();
            try (MappedFile file = MappedFile.open(Path.of(args[0]), StandardOpenOption.READ,
                    StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                file.allocate(0, length);
                Mapping m = file.map(0, length, MapOptions.readWrite());
                for (long i = 0; i < length; i++) {
                    m.segment().set(JAVA_BYTE, i, patternAt(i));
                }
                m.sync(SyncMode.SYNC);
                System.out.println("synced");
                Thread.sleep(Duration.ofSeconds(60)); // killed long before; bounded in case the parent dies
            }
            System.exit(3); // not killed: the parent has gone
        }

        /** {@return the byte written at {@code i}: differs between neighbouring bytes and pages} */
        static byte patternAt(long i) {
            return (byte) (i * 31 + i / PageSize.get() * 7 + 1);
        }
    }
}

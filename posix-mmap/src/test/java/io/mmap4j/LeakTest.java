// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Neither file descriptors nor mappings leak: 100,000 cycles of open, map, partial unmap and close
 * leave this process's {@code /proc/self/fd} and {@code /proc/self/maps} as they were.
 *
 * <p>The counts are taken after a warm-up of a few hundred cycles, once the JIT has compiled the
 * cycle and the JDK has opened what it opens lazily (the FFM linker's stubs, jar files). The fd
 * count must come back exactly. The maps count may differ by a few lines, because the JVM maps
 * and unmaps memory of its own at any time (code cache and metaspace growth, thread stacks of
 * compiler threads it starts and stops, GC regions); a leak of one mapping per cycle would add
 * 100,000 lines, so the slack hides nothing. No line may map the test file at the end.
 */
@EnabledOnOs(OS.LINUX)
class LeakTest {
    private static final int WARM_UP = 500;
    private static final int CYCLES = 100_000;
    /** Lines of /proc/self/maps the JVM may add or drop on its own during the run. */
    private static final int JVM_MAPS_SLACK = 16;

    @TempDir
    Path dir;

    @Test
    void aHundredThousandCyclesOfOpenMapPartialUnmapAndCloseLeaveFdsAndMappingsAsTheyWere() throws Exception {
        Emulation.skipIfEmulated("qemu-user synthesises /proc/self/maps page by page from its own tables, which the emulated JVM's other threads change at any moment, so its line count is no measure of leaked mappings");
        long page = PageSize.get();
        Path path = dir.resolve("cycled");
        try (MappedFile file = MappedFile.open(path, READ, WRITE, CREATE)) {
            file.allocate(0, 8 * page);
        }
        for (int i = 0; i < WARM_UP; i++) {
            cycle(path, page, i);
        }
        long fds = openFds(), maps = mapsLines();
        long started = System.nanoTime();
        for (int i = 0; i < CYCLES; i++) {
            cycle(path, page, i);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        assertEquals(fds, openFds(), "open file descriptors after " + CYCLES + " cycles (" + seconds + " s)");
        long mapsAfter = mapsLines();
        assertTrue(Math.abs(mapsAfter - maps) <= JVM_MAPS_SLACK,
                () -> "lines of /proc/self/maps: " + maps + " after warm-up, " + mapsAfter + " after " + CYCLES + " cycles");
        assertTrue(ProcMaps.read().entries().stream().noneMatch(e -> e.path().equals(path.toString())),
                "no mapping of the file is left");
    }

    /** Opens the file, maps 8 pages, unmaps pages 2..4, writes and reads both parts, closes all. */
    private static void cycle(Path path, long page, int i) throws IOException {
        try (MappedFile file = MappedFile.open(path, READ, WRITE)) {
            Mapping m = file.map(0, 8 * page, MapOptions.readWrite());
            List<Mapping> parts = m.unmap(2 * page, 3 * page).parts();
            try (Mapping head = parts.get(0); Mapping tail = parts.get(1)) {
                head.segment().set(ValueLayout.JAVA_INT, 4, i);
                tail.segment().set(ValueLayout.JAVA_INT, 4, -i);
                if (head.segment().get(ValueLayout.JAVA_INT, 4) != i || tail.segment().get(ValueLayout.JAVA_INT, 4) != -i) {
                    throw new AssertionError("cycle " + i + " read back something else than it wrote");
                }
            }
        }
    }

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count() - 1; // the listing's own descriptor
        }
    }

    private static long mapsLines() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).size();
    }
}

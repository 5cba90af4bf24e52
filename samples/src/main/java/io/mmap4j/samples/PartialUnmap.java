// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.MapsEntry;
import io.mmap4j.PageSize;
import io.mmap4j.Split;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The partial munmap experiment: map 16 pages of a file, unmap pages 6 to 9, and show the
 * process's mappings before and after, that the two remaining parts still read and write the file,
 * and that the old segment throws instead of crashing the JVM.
 */
final class PartialUnmap {
    private PartialUnmap() {
    }

    static void run(Path path, PrintStream out) throws IOException {
        long page = PageSize.get();
        try (MappedFile file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE_NEW)) {
            file.allocate(0, 16 * page);
            Mapping whole = file.map(0, 16 * page, MapOptions.readWrite());
            MemorySegment old = whole.segment();
            for (int p = 0; p < 16; p++) {
                old.set(ValueLayout.JAVA_INT, p * page, p); // page p starts with the number p
            }
            long start = whole.address();
            out.printf("mapped 16 pages of %d bytes at 0x%x%n", page, start);
            printMaps(out, "before", start, 16 * page);

            Split split = whole.unmap(6 * page, 4 * page);
            out.printf("munmap(0x%x, %d): pages 6-9 unmapped, %d parts remain%n", start + 6 * page, 4 * page,
                    split.parts().size());
            printMaps(out, "after", start, 16 * page);

            Mapping head = split.head().orElseThrow(), tail = split.tail().orElseThrow();
            out.printf("head: pages 0-5 at 0x%x, first int of page 5 = %d%n", head.address(),
                    head.segment().get(ValueLayout.JAVA_INT, 5 * page));
            out.printf("tail: pages 10-15 at 0x%x, first int of page 10 = %d%n", tail.address(),
                    tail.segment().get(ValueLayout.JAVA_INT, 0));
            tail.segment().set(ValueLayout.JAVA_INT, 0, 1010);
            for (long at : new long[]{7 * page, 0}) {
                try {
                    old.get(ValueLayout.JAVA_INT, at);
                    out.println("old segment at byte " + at + ": readable (unexpected)");
                } catch (IllegalStateException e) {
                    out.printf("old segment at byte %d (page %d): %s: %s%n", at, at / page, e.getClass().getName(),
                            e.getMessage());
                }
            }
            head.close();
            tail.close();
        }
        try (MappedFile file = MappedFile.open(path); Mapping again = file.map(MapOptions.readOnly())) {
            out.printf("the file afterwards: page 7 starts with %d, page 10 with %d%n",
                    again.segment().get(ValueLayout.JAVA_INT, 7 * page),
                    again.segment().get(ValueLayout.JAVA_INT, 10 * page));
        }
    }

    private static void printMaps(PrintStream out, String when, long start, long length) throws IOException {
        out.println("/proc/self/maps " + when + ":");
        for (MapsEntry e : MapsEntry.readSelf()) {
            if (e.start() < start + length && start < e.end()) {
                out.printf("  %s  (pages %d-%d)%n", e, (e.start() - start) / PageSize.get(),
                        (e.end() - start) / PageSize.get() - 1);
            }
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.PageSize;
import io.mmap4j.SyncMode;
import io.mmap4j.samples.SampleSupport.Child;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static io.mmap4j.samples.SampleSupport.fileText;
import static io.mmap4j.samples.SampleSupport.text;

/**
 * The same file mapped twice in this process, {@code MAP_SHARED} and {@code MAP_PRIVATE}, plus
 * {@code MAP_SHARED} in a child JVM; writes go through one mapping or the other, and after each a
 * row shows what all three mappings and the file ({@code read(2)}) hold.
 *
 * <p>A shared write reaches the file and every shared mapping at once. A private write reaches
 * nobody else. Until a private page is first written, Linux backs it with the file's own page,
 * so it shows shared writes too; POSIX leaves that unspecified. After its first write the private
 * page is a copy and stops following the file.
 */
final class SharedVsPrivate {
    private SharedVsPrivate() {
    }

    static final String ORIGINAL = "original";
    static final String ROW = "%-30s %-16s %-16s %-16s %s%n";

    static void run(Path dir, PrintStream out) throws IOException {
        Path path = dir.resolve("one-page.dat");
        byte[] page = new byte[Math.toIntExact(PageSize.get())];
        byte[] original = ORIGINAL.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(original, 0, page, 0, original.length);
        Files.write(path, page);
        boolean followedTheFile;

        try (MappedFile file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Mapping shared = file.map(MapOptions.readWrite());
             Mapping cow = file.map(MapOptions.copyOnWrite());
             Child child = Child.peeking(path)) {
            out.printf("one-page.dat, %d bytes: this process maps it MAP_SHARED and MAP_PRIVATE,%n"
                    + "child pid %d (%s) maps it MAP_SHARED%n", page.length, child.pid(), child.launch());
            out.printf(ROW, "step", "shared", "private", "child (shared)", "file (read(2))");
            Step row = step -> out.printf(ROW, step, text(shared.segment()), text(cow.segment()), child.look(),
                    fileText(path));
            row.print("start");
            shared.segment().setString(0, "shared 1");
            row.print("write \"shared 1\" via shared");
            followedTheFile = text(cow.segment()).equals(text(shared.segment()));
            cow.segment().setString(0, "private");
            row.print("write \"private\" via private");
            shared.segment().setString(0, "shared 2");
            row.print("write \"shared 2\" via shared");
            shared.sync(SyncMode.SYNC);
            cow.sync(SyncMode.SYNC);
            row.print("msync(MS_SYNC) both");
        }
        out.printf("after munmap, the file holds %s%n", fileText(path));
        out.println(followedTheFile
                ? "the private mapping showed \"shared 1\" while its page was untouched: Linux backs it with the\n"
                  + "file's page until the first private write; POSIX leaves this unspecified"
                : "the private mapping never showed the shared writes: this system copied its page up front");
    }

    @FunctionalInterface
    private interface Step {
        void print(String step) throws IOException;
    }
}

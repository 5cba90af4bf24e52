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
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static io.mmap4j.samples.SampleSupport.fileText;

/**
 * Two processes, one file ("Memory mapping files": "programs can exchange data before it is even
 * written to disk"): this process maps a page {@code MAP_SHARED} and writes to it; a child JVM
 * that maps the same file {@code MAP_SHARED} sees every write at once, before any {@code msync}.
 * Both mappings use the same physical page of the page cache. The child is the hidden
 * {@code peek-child} command of the same jar or class path, driven through its standard input and
 * output.
 */
final class TwoProcesses {
    private TwoProcesses() {
    }

    static final List<String> MESSAGES = List.of(
            "hello from the parent",
            "a second write, still no msync",
            "third: the child reads the same page");

    static void run(Path dir, PrintStream out) throws IOException {
        Path path = dir.resolve("shared.dat");
        long page = PageSize.get();
        try (MappedFile file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            file.allocate(0, page);
            try (Mapping m = file.map(MapOptions.readWrite());
                 Child child = Child.peeking(path)) {
                MemorySegment s = m.segment();
                out.printf("parent pid %d maps shared.dat (%d bytes) MAP_SHARED, PROT_READ|PROT_WRITE%n",
                        ProcessHandle.current().pid(), page);
                out.printf("child  pid %d (%s) maps it MAP_SHARED, PROT_READ%n", child.pid(), child.launch());
                out.printf("before any write, the child sees: %s%n", child.look());
                for (String message : MESSAGES) {
                    s.setString(0, message);
                    out.printf("parent wrote: \"%s\"%n", message);
                    out.printf("child sees:   %s%n", child.look());
                }
                out.printf("msync calls so far: none; plain read(2) of the file also gives %s%n", fileText(path));
                m.sync(SyncMode.SYNC);
                out.println("msync(MS_SYNC) only now, to put the page on the disk as well");
            }
        }
    }
}

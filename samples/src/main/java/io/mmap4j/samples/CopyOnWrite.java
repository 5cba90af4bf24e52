// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.SyncMode;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.mmap4j.samples.SampleSupport.crc32c;
import static io.mmap4j.samples.SampleSupport.fileText;
import static io.mmap4j.samples.SampleSupport.text;

/**
 * Copy-on-write, {@code np.memmap(mode='c')} in "Memory mapping files": a {@code MAP_PRIVATE}
 * mapping ({@link MapOptions#copyOnWrite()}) is written, and the file on disk is not. The file
 * is even open read-only; {@code msync} on the private mapping writes nothing back, and once it is
 * unmapped the change is gone.
 */
final class CopyOnWrite {
    private CopyOnWrite() {
    }

    static final String ORIGINAL = "The file on disk says: original";
    static final String CHANGED = "CHANGED!";

    static void run(Path dir, PrintStream out) throws IOException {
        Path path = dir.resolve("cow.dat");
        Files.writeString(path, ORIGINAL, StandardCharsets.UTF_8);
        String before = crc32c(path);
        out.printf("cow.dat (%d bytes, crc32c %s): %s%n", Files.size(path), before, fileText(path));

        try (MappedFile file = MappedFile.open(path)) { // O_RDONLY is enough for MAP_PRIVATE
            try (Mapping cow = file.map(MapOptions.copyOnWrite())) {
                out.printf("open O_RDONLY, mmap PROT_READ|PROT_WRITE, MAP_PRIVATE: writable %s, shared %s%n",
                        cow.isWritable(), cow.isShared());
                MemorySegment s = cow.segment();
                s.asSlice(ORIGINAL.length() - CHANGED.length()).copyFrom(MemorySegment.ofArray(
                        CHANGED.getBytes(StandardCharsets.UTF_8)));
                out.printf("wrote %s through the private mapping%n", '"' + CHANGED + '"');
                out.printf("  the private mapping holds: %s%n", text(s));
                out.printf("  the file (read(2)) holds:  %s%n", fileText(path));
                try (Mapping shared = file.map(MapOptions.readOnly())) {
                    out.printf("  a MAP_SHARED mapping:      %s%n", text(shared.segment()));
                }
                cow.sync(SyncMode.SYNC);
                out.printf("msync(MS_SYNC) on the private mapping; the file holds: %s%n", fileText(path));
            }
            try (Mapping again = file.map(MapOptions.copyOnWrite())) {
                out.printf("munmap, then a new private mapping holds: %s%n", text(again.segment()));
            }
        }
        out.printf("cow.dat crc32c: before %s, after %s%n", before, crc32c(path));
    }
}

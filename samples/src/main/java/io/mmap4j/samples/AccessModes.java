// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.NativeCallException;
import io.mmap4j.SyncMode;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static io.mmap4j.samples.SampleSupport.fileText;

/**
 * Python's three access modes ("Boost your Python performance with mmap") on mmap4j: read-only
 * ({@code ACCESS_READ}: {@link MapOptions#readOnly()}), read-write ({@code ACCESS_WRITE}:
 * {@link MapOptions#readWrite()}) and copy ({@code ACCESS_COPY}: {@link MapOptions#copyOnWrite()}),
 * with slices ({@link MemorySegment#asSlice}) in place of Python's {@code m[10:16]}. A write through
 * the read-only mapping's segment throws; a write through the copy mapping stays in memory.
 */
final class AccessModes {
    private AccessModes() {
    }

    static final String CONTENT = "0123456789abcdefghijklmnopqrstuvwxyz";

    static void run(Path dir, PrintStream out) throws IOException {
        Path path = dir.resolve("access.txt");
        Files.writeString(path, CONTENT, StandardCharsets.UTF_8);
        out.printf("access.txt: %s%n", fileText(path));

        try (MappedFile file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            try (Mapping read = file.map(MapOptions.readOnly())) {
                MemorySegment slice = read.segment().asSlice(10, 6);
                out.printf("read-only:  m[10:16] = \"%s\"; segment read-only: %s%n", ascii(slice), slice.isReadOnly());
                try {
                    slice.set(ValueLayout.JAVA_BYTE, 0, (byte) 'X');
                    throw new IllegalStateException("a write through a read-only mapping went through");
                } catch (IllegalArgumentException | UnsupportedOperationException e) {
                    out.printf("read-only:  m[10] = 'X' throws %s: %s%n", e.getClass().getName(), e.getMessage());
                }
            }
            try (Mapping write = file.map(MapOptions.readWrite())) {
                write.segment().asSlice(10, 6).copyFrom(bytes("ABCDEF"));
                write.sync(10, 6, SyncMode.SYNC);
                out.printf("read-write: m[10:16] = \"ABCDEF\", msync; mapping \"%s\", file %s%n",
                        ascii(write.segment()), fileText(path));
            }
            try (Mapping copy = file.map(MapOptions.copyOnWrite())) {
                copy.segment().asSlice(0, 10).copyFrom(bytes("----------"));
                out.printf("copy:       m[0:10] = \"----------\"; mapping \"%s\", file %s%n",
                        ascii(copy.segment()), fileText(path));
            }
        }
        try (MappedFile readOnlyFile = MappedFile.open(path)) {
            readOnlyFile.map(MapOptions.readWrite()).close();
            throw new IllegalStateException("a shared writable mapping of a file open read-only was allowed");
        } catch (NativeCallException e) {
            out.printf("a file opened O_RDONLY cannot be mapped read-write MAP_SHARED: %s fails with %s (%s)%n",
                    e.call(), e.errorName(), e.errorText());
        }
    }

    private static MemorySegment bytes(String s) {
        return MemorySegment.ofArray(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String ascii(MemorySegment s) {
        return new String(s.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII);
    }
}

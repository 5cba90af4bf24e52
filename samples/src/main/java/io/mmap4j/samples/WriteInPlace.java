// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.SyncMode;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The write of "Memory-Mapped (mmap) File Support in Python": {@code write_test.txt} holds
 * {@code mmap is a cool feature!}; one byte of a shared mapping is changed and synced, and the file
 * then reads {@code nmap is a cool feature!}.
 */
final class WriteInPlace {
    private WriteInPlace() {
    }

    static final String BEFORE = "mmap is a cool feature!\n";

    static void run(Path dir, PrintStream out) throws IOException {
        Path file = dir.resolve("write_test.txt");
        Files.writeString(file, BEFORE, StandardCharsets.UTF_8);
        out.printf("write_test.txt (%d bytes): %s", Files.size(file), Files.readString(file));

        try (MappedFile f = MappedFile.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Mapping m = f.map(MapOptions.readWrite())) {
            byte old = m.segment().get(ValueLayout.JAVA_BYTE, 0);
            m.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 'n');
            out.printf("mapping[0]: '%c' -> '%c', through a %d-byte MAP_SHARED mapping%n",
                    (char) old, (char) m.segment().get(ValueLayout.JAVA_BYTE, 0), m.length());
            m.sync(0, 1, SyncMode.SYNC);
            out.println("msync(addr, 1, MS_SYNC): the page holding byte 0 is written back");
        }
        out.printf("write_test.txt (%d bytes), read with plain file I/O: %s", Files.size(file), Files.readString(file));
    }
}

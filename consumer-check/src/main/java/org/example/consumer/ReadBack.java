// SPDX-License-Identifier: Apache-2.0
package org.example.consumer;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.PageSize;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/** Maps the file named by its argument, writes a text through the mapping, and reads it back. */
public final class ReadBack {
    private ReadBack() {
    }

    /**
     * Writes through a shared mapping, then checks the file and a second, read-only mapping.
     *
     * @param args the file to create
     * @throws Exception if anything fails
     */
    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        String text = "mapped by " + (ReadBack.class.getModule().isNamed() ? "a named module" : "the class path");
        long page = PageSize.get();
        try (MappedFile file = MappedFile.open(path, READ, WRITE, CREATE)) {
            file.allocate(0, page);
            try (Mapping m = file.map(0, page, MapOptions.readWrite())) {
                m.segment().setString(0, text);
            }
            try (Mapping m = file.map(0, page, MapOptions.readOnly())) {
                String back = m.segment().getString(0);
                String onDisk = new String(Files.readAllBytes(path), StandardCharsets.UTF_8).substring(0, text.length());
                if (!back.equals(text) || !onDisk.equals(text)) {
                    throw new AssertionError("wrote \"" + text + "\", read \"" + back + "\" and \"" + onDisk + "\"");
                }
            }
        }
        System.out.println("read back: " + text);
    }
}

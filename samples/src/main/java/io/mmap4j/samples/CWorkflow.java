// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.PageSize;
import io.mmap4j.SyncMode;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The C workflow of the "Memory mapping files" article, step by step on mmap4j: open a new file,
 * {@code posix_fallocate} one page, {@code mmap} it {@code MAP_SHARED}, write, {@code msync} with
 * {@code MS_SYNC} and {@code MS_ASYNC}, {@code munmap}, and {@code ftruncate} the file to the
 * bytes really written.
 */
final class CWorkflow {
    private CWorkflow() {
    }

    static final String TEXT = "Memory mapping replaces file I/O with memory access.\n";

    static void run(Path path, PrintStream out) throws IOException {
        long page = PageSize.get();
        out.printf("page size: %d bytes (sysconf(_SC_PAGESIZE))%n", page);
        byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);

        // open(path, O_CREAT | O_RDWR, S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP), as the article does
        try (MappedFile file = MappedFile.open(path,
                Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW),
                PosixFilePermissions.fromString("rw-rw----"))) {
            out.printf("open: %s, fd %d, mode %s%n", path, file.nativeHandle(),
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));

            file.allocate(0, page);
            out.printf("posix_fallocate(fd, 0, %d): the file is now %d bytes%n", page, file.size());

            Mapping mapping = file.map(0, page, MapOptions.readWrite());
            out.printf("mmap(NULL, %d, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0) = 0x%x%n", page, mapping.address());
            out.printf("  /proc/self/maps: %s%n", procMapsLine(mapping.address()));

            MemorySegment buffer = mapping.segment();
            buffer.copyFrom(MemorySegment.ofArray(text));
            out.printf("wrote %d bytes through the mapping: %s", text.length, TEXT);

            mapping.sync(0, text.length, SyncMode.SYNC);
            out.printf("msync(addr, %d, MS_SYNC): written back, waited%n", text.length);
            mapping.sync(0, text.length, SyncMode.ASYNC);
            out.printf("msync(addr, %d, MS_ASYNC): write-back scheduled%n", text.length);

            long address = mapping.address();
            mapping.close();
            out.printf("munmap(0x%x, %d): %s%n", address, page,
                    procMapsLine(address).isEmpty() ? "gone from /proc/self/maps" : "STILL MAPPED");

            file.truncate(text.length);
            out.printf("ftruncate(fd, %d): the file is now %d bytes%n", text.length, file.size());
        }
        String back = Files.readString(path, StandardCharsets.UTF_8);
        out.printf("read back with plain file I/O: %s", back);
        if (!back.equals(TEXT)) {
            throw new IllegalStateException("the file holds " + back.length() + " unexpected bytes");
        }
    }

    /** The {@code /proc/self/maps} line that covers {@code address}, or "" if none does. */
    private static String procMapsLine(long address) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            String[] range = line.substring(0, line.indexOf(' ')).split("-");
            if (Long.parseUnsignedLong(range[0], 16) <= address && address < Long.parseUnsignedLong(range[1], 16)) {
                return line;
            }
        }
        return "";
    }
}

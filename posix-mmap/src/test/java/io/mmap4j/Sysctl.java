// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a {@code /proc/sys} file whole. {@code Files.readString} does not: it reads one byte, then
 * asks for the rest at offset 1, and the kernel's integer handlers answer that with end of file, so
 * {@code vm.max_map_count} reads as "6".
 */
final class Sysctl {
    private Sysctl() {
    }

    static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }
}

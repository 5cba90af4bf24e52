// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Benchmark data files: a temporary directory per trial, files of real data, warm in the page cache. */
final class BenchFiles {
    /** The chunk a file is written and read in. */
    static final int CHUNK = 1 << 20;

    private BenchFiles() {
    }

    /** {@return a fresh directory under {@code java.io.tmpdir}, or under {@code -Dmmap4j.bench.dir}} */
    static Path tempDir() throws IOException {
        String base = System.getProperty("mmap4j.bench.dir");
        return base == null ? Files.createTempDirectory("mmap4j-bench")
                : Files.createTempDirectory(Path.of(base), "mmap4j-bench");
    }

    /**
     * Writes {@code size} bytes of a pattern of 64-bit words (real data, no holes, so reading it
     * touches memory and not the zero page), then reads it all once so that it is in the page cache.
     */
    static Path writeWarm(Path dir, String name, long size) throws IOException {
        Path file = dir.resolve(name);
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.nativeOrder());
        for (int i = 0; i < CHUNK; i += Long.BYTES) {
            chunk.putLong(i, i * 0x9E3779B97F4A7C15L);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long done = 0; done < size; ) {
                chunk.clear().limit((int) Math.min(CHUNK, size - done));
                done += ch.write(chunk, done);
            }
        }
        warm(file);
        return file;
    }

    /** Reads a file once, so that its pages are in the page cache. */
    static void warm(Path file) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            for (long done = 0; done < size; ) {
                int n = ch.read(chunk.clear(), done);
                if (n < 0) {
                    break;
                }
                done += n;
            }
        }
    }

    /** Deletes a directory and everything in it. */
    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the sum of the 64-bit words of a segment whose size is a multiple of 8} */
    static long sum(java.lang.foreign.MemorySegment s) {
        long sum = 0;
        long n = s.byteSize() & ~7L;
        for (long i = 0; i < n; i += Long.BYTES) {
            sum += s.get(java.lang.foreign.ValueLayout.JAVA_LONG, i);
        }
        return sum;
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.MappedLog;
import io.mmap4j.PageSize;
import io.mmap4j.SyncMode;
import io.mmap4j.samples.SampleSupport.Child;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The append-only log of the seeds: a log file grows page by page through a mapping
 * ({@code fallocate} ahead, then {@code mremap}), a second process follows it live
 * ({@link MappedLog#follow}: its own mapping of the file, reading the committed length from the
 * log's 64-byte header), and the log is closed at its exact size, header included
 * ({@code ftruncate}).
 */
final class AppendOnlyLog {
    private AppendOnlyLog() {
    }

    /** Enough 32-byte entries to span four pages of 4 KiB. */
    static final int DEFAULT_ENTRIES = 500;

    /** The hidden command a following child runs: {@code follow-child FILE}. */
    static final String FOLLOW_COMMAND = "follow-child";

    static void run(Path dir, int entries, PrintStream out) throws IOException {
        Path path = dir.resolve("append.log");
        Files.deleteIfExists(path);
        long page = PageSize.get();
        MappedLog log = MappedLog.open(path);
        try (Child follower = Child.start(List.of(), FOLLOW_COMMAND, path.toString())) {
            follower.expect("ready ");
            long fileSize = Files.size(path);
            out.printf("log opened: %d bytes reserved ahead (one page: a 64-byte header, then room for %d bytes of "
                    + "entries), child pid %d follows %s%n", fileSize, log.capacity(), follower.pid(), path.getFileName());
            long capacity = log.capacity();
            for (int i = 1; i <= entries; i++) {
                log.append(entry(i));
                if (log.capacity() != capacity) {
                    long grown = Files.size(path);
                    out.printf("entry %d: the log grew from %d to %d bytes (%d pages): fallocate, then mremap%n",
                            i, fileSize, grown, grown / page);
                    capacity = log.capacity();
                    fileSize = grown;
                    follower.send("look");
                    out.println("  child sees: " + follower.expect("saw "));
                }
            }
            follower.send("look");
            out.println("after " + entries + " entries, before any msync, child sees: " + follower.expect("saw "));
            log.sync(SyncMode.SYNC);
            long size = log.size();
            log.close();
            out.printf("closed: ftruncate to the 64-byte header and %d bytes of entries; the file is %d bytes%n",
                    size, Files.size(path));
            follower.send("look");
            out.println("child sees: " + follower.expect("saw "));
        } finally {
            log.close(); // a second close does nothing
        }
    }

    static byte[] entry(int i) {
        return String.format("entry %05d: something happened%n", i).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The child's side: follows the log ({@link MappedLog#follow}) and, on each {@code look} line,
     * counts the entries in the committed bytes and says
     * {@code saw N entries, last "...", committed C bytes, file S bytes}.
     */
    static void follow(Path file, BufferedReader in, PrintStream out) throws IOException {
        try (MappedLog.Follower log = MappedLog.follow(file)) {
            out.println("ready " + ProcessHandle.current().pid());
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                MemorySegment s = log.segment(); // every byte the writer committed, fully written
                long count = 0, lastStart = 0, lastEnd = 0, start = 0;
                for (long at = 0; at < s.byteSize(); at++) {
                    if (s.get(ValueLayout.JAVA_BYTE, at) == '\n') {
                        count++;
                        lastStart = start;
                        lastEnd = at;
                        start = at + 1;
                    }
                }
                String last = count == 0 ? "\"\"" : SampleSupport.text(s.asSlice(lastStart, lastEnd - lastStart));
                out.printf("saw %d entries, last %s, committed %d bytes, file %d bytes%n", count, last, s.byteSize(),
                        Files.size(file));
                out.flush();
            }
        }
    }
}

package io.mmap4j.samples;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.MappedLog;
import io.mmap4j.Mapping;
import io.mmap4j.PageSize;
import io.mmap4j.SyncMode;
import io.mmap4j.samples.SampleSupport.Child;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The append-only log of the seeds: a log file grows page by page through a mapping
 * ({@code fallocate} ahead, then {@code mremap}), a second process follows it live by mapping the
 * file itself, and the log is closed at its exact size ({@code ftruncate}).
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
            out.printf("log opened: %d bytes reserved ahead (one page), child pid %d follows %s%n",
                    log.capacity(), follower.pid(), path.getFileName());
            long capacity = log.capacity();
            for (int i = 1; i <= entries; i++) {
                log.append(entry(i));
                if (log.capacity() != capacity) {
                    out.printf("entry %d: the log grew from %d to %d bytes (%d pages): fallocate, then mremap%n",
                            i, capacity, log.capacity(), log.capacity() / page);
                    capacity = log.capacity();
                    follower.send("look");
                    out.println("  child sees: " + follower.expect("saw "));
                }
            }
            follower.send("look");
            out.println("after " + entries + " entries, before any msync, child sees: " + follower.expect("saw "));
            log.sync(SyncMode.SYNC);
            long size = log.size();
            log.close();
            out.printf("closed: ftruncate to %d bytes; the file is %d bytes%n", size, Files.size(path));
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
     * The child's side: on each {@code look} line, maps the file as it is now (read-only,
     * {@code MAP_SHARED}), counts the complete entries (lines before the first zero byte) and says
     * {@code saw N entries, last "...", file S bytes}.
     */
    static void follow(Path file, BufferedReader in, PrintStream out) throws IOException {
        out.println("ready " + ProcessHandle.current().pid());
        out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            try (MappedFile f = MappedFile.open(file)) {
                long size = f.size();
                long count = 0, lastStart = 0, lastEnd = 0;
                if (size > 0) {
                    try (Mapping m = f.map(MapOptions.readOnly())) {
                        var s = m.segment();
                        long start = 0;
                        for (long at = 0; at < size; at++) {
                            byte b = s.get(ValueLayout.JAVA_BYTE, at);
                            if (b == 0) {
                                break;
                            }
                            if (b == '\n') {
                                count++;
                                lastStart = start;
                                lastEnd = at;
                                start = at + 1;
                            }
                        }
                        String last = count == 0 ? "" : SampleSupport.text(s.asSlice(lastStart, lastEnd - lastStart));
                        out.printf("saw %d entries, last %s, file %d bytes%n", count, last, size);
                    }
                } else {
                    out.println("saw 0 entries, file 0 bytes");
                }
            }
            out.flush();
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.samples.SampleSupport.WorkDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code ./mmap4j} launcher: one command per sample, and a tour that runs them all. */
public final class Main {
    private Main() {
    }

    /**
     * Runs a command.
     *
     * @param args the command and its arguments; {@code help} lists them
     * @throws Exception whatever the sample throws: it is a sample, its failures should be seen
     */
    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "tour" -> tour(out);
            case "c-workflow" -> {
                if (args.length != 2) {
                    err.println("usage: mmap4j c-workflow FILE   (FILE is created; it must not exist)");
                    return 2;
                }
                CWorkflow.run(Path.of(args[1]), out);
            }
            case "seek-loop" -> {
                try (WorkDir dir = WorkDir.of(args, 1, "mmap4j-seek-loop")) {
                    SeekLoop.run(dir.path(), SeekLoop.ARTICLE_LIMIT, out);
                }
            }
            case "write-in-place" -> {
                try (WorkDir dir = WorkDir.of(args, 1, "mmap4j-write-in-place")) {
                    WriteInPlace.run(dir.path(), out);
                }
            }
            case "records" -> {
                try (WorkDir dir = WorkDir.of(args, 1, "mmap4j-records")) {
                    Records.run(dir.path(), Records.QM9_COUNT, out);
                }
            }
            case "copy-on-write" -> {
                try (WorkDir dir = WorkDir.of(args, 1, "mmap4j-copy-on-write")) {
                    CopyOnWrite.run(dir.path(), out);
                }
            }
            case "access-modes" -> {
                try (WorkDir dir = WorkDir.of(args, 1, "mmap4j-access-modes")) {
                    AccessModes.run(dir.path(), out);
                }
            }
            case "two-processes" -> {
                try (WorkDir dir = WorkDir.of(args, 1, "mmap4j-two-processes")) {
                    TwoProcesses.run(dir.path(), out);
                }
            }
            case "shared-vs-private" -> {
                try (WorkDir dir = WorkDir.of(args, 1, "mmap4j-shared-vs-private")) {
                    SharedVsPrivate.run(dir.path(), out);
                }
            }
            case "typed-arrays" -> {
                if (args.length > 1 && args[1].equals("--big")) {
                    long bytes;
                    try {
                        bytes = args.length > 2 ? SampleSupport.parseSize(args[2]) : TypedArrays.DEFAULT_BIG_BYTES;
                    } catch (IllegalArgumentException e) {
                        err.println("mmap4j typed-arrays --big: " + e.getMessage());
                        return 2;
                    }
                    try (WorkDir dir = WorkDir.of(args, 3, "mmap4j-typed-arrays")) {
                        TypedArrays.big(dir.path(), bytes, out);
                    }
                } else {
                    try (WorkDir dir = WorkDir.of(args, 1, "mmap4j-typed-arrays")) {
                        TypedArrays.run(dir.path(), out);
                    }
                }
            }
            case "append-log" -> {
                try (WorkDir dir = WorkDir.of(args, 1, "mmap4j-append-log")) {
                    AppendOnlyLog.run(dir.path(), AppendOnlyLog.DEFAULT_ENTRIES, out);
                }
            }
            case "partial-unmap" -> {
                try (WorkDir dir = WorkDir.of(args, 1, "mmap4j-partial-unmap")) {
                    Files.deleteIfExists(dir.path().resolve("partial-unmap.dat"));
                    PartialUnmap.run(dir.path().resolve("partial-unmap.dat"), out);
                }
            }
            case AppendOnlyLog.FOLLOW_COMMAND -> { // hidden: the child of append-log
                if (args.length != 2) {
                    err.println("usage: mmap4j " + AppendOnlyLog.FOLLOW_COMMAND + " FILE");
                    return 2;
                }
                AppendOnlyLog.follow(Path.of(args[1]),
                        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
            }
            case SampleSupport.PEEK_COMMAND -> { // hidden: the child of two-processes and shared-vs-private
                if (args.length != 2) {
                    err.println("usage: mmap4j " + SampleSupport.PEEK_COMMAND + " FILE");
                    return 2;
                }
                SampleSupport.peek(Path.of(args[1]),
                        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
            }
            case "training" -> { // hidden: the ./mmap4j launcher's AOT-cache training run
                return io.mmap4j.tool.PageCacheTool.training(java.util.List.of(args).subList(1, args.length), out, err);
            }
            case "residency", "touch", "evict", "lock", "maps" -> {
                // one write per 64 KiB rather than per line (System.out flushes each line): 60,000 rows
                PrintStream buffered = out != System.out ? out : new PrintStream(new java.io.BufferedOutputStream(
                        new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16), false, out.charset());
                return io.mmap4j.tool.PageCacheTool.run(command, java.util.List.of(args).subList(1, args.length),
                        buffered, err);
            }
            case "help", "-h", "--help" -> out.print("""
                    usage: mmap4j COMMAND [ARGS]
                      tour               run every sample on temporary files, then remove them
                      c-workflow FILE    the C workflow: open, posix_fallocate a page, mmap MAP_SHARED,
                                         write, msync MS_SYNC and MS_ASYNC, munmap, ftruncate to the bytes written
                      seek-loop [DIR]    seek +64, read 8, seek -32, read 8 up to 10 MiB: RandomAccessFile
                                         against a mapping, same checksum, both times
                      write-in-place [DIR]
                                         'mmap is a cool feature!' becomes 'nmap ...': one byte of a mapping, msync
                      records [DIR]      133,885 length-prefixed SMILES-like strings with float64 values: allocate,
                                         write, double each value in place, msync, ftruncate to the real size
                      copy-on-write [DIR]
                                         a MAP_PRIVATE mapping is changed; the file on disk is not
                      access-modes [DIR] read-only, read-write and copy mappings, slice reads and writes;
                                         a write through the read-only segment throws
                      two-processes [DIR]
                                         a child JVM mapping the same file MAP_SHARED sees each write at once,
                                         before any msync
                      shared-vs-private [DIR]
                                         the same writes through MAP_SHARED and MAP_PRIVATE mappings: what each
                                         mapping, a child process and the file see
                      typed-arrays [DIR] numpy.memmap style: a million float64 set in chunks and read back
                                         read-only; a 128x128 block of a 512x512 float32 matrix through a 2-D FFT;
                                         a 256 MiB array in a child JVM with a 64 MiB heap
                      typed-arrays --big [SIZE [DIR]]
                                         a float64 array of SIZE (default 8g) in this JVM, set and checked in
                                         chunks; its file is removed afterwards
                      append-log [DIR]   an append-only log grows page by page (fallocate, mremap) while a child
                                         process follows it live; closed at its exact size (ftruncate)
                      partial-unmap [DIR]
                                         map 16 pages, munmap pages 6-9: /proc/self/maps before and after, the
                                         two parts still work, the old segment throws
                      help               this text
                    DIR is where a sample writes its files, replacing its own from an earlier run; without
                    it, a temporary directory that is removed afterwards.
                    page-cache tool:
                    """ + io.mmap4j.tool.PageCacheTool.USAGE_TEXT);
            default -> {
                err.println("mmap4j: unknown command '" + command + "'; try: mmap4j help");
                return 2;
            }
        }
        return 0;
    }

    /** Every sample on small sizes, each in its own directory under one temporary directory. */
    private static void tour(PrintStream out) throws Exception {
        try (WorkDir tour = WorkDir.temporary("mmap4j-tour")) {
            out.println("== c-workflow: open, posix_fallocate, mmap, msync, munmap, ftruncate");
            CWorkflow.run(tour.path().resolve("c-workflow.dat"), out);

            out.println("== seek-loop: RandomAccessFile against a mapping, 10 MiB of seek +64 / -32");
            SeekLoop.run(Files.createDirectory(tour.path().resolve("seek-loop")), SeekLoop.ARTICLE_LIMIT, out);

            out.println("== write-in-place: change one byte of a mapping, msync");
            WriteInPlace.run(Files.createDirectory(tour.path().resolve("write-in-place")), out);

            out.println("== records: length-prefixed strings and float64 values, doubled in place, file shrunk");
            Records.run(Files.createDirectory(tour.path().resolve("records")), 1000, out);

            out.println("== copy-on-write: a MAP_PRIVATE mapping is changed, the file is not");
            CopyOnWrite.run(Files.createDirectory(tour.path().resolve("copy-on-write")), out);

            out.println("== access-modes: read-only, read-write and copy, with slices");
            AccessModes.run(Files.createDirectory(tour.path().resolve("access-modes")), out);

            out.println("== two-processes: a child JVM sees the parent's writes before any msync");
            TwoProcesses.run(Files.createDirectory(tour.path().resolve("two-processes")), out);

            out.println("== shared-vs-private: MAP_SHARED and MAP_PRIVATE writes, seen by a child and the file");
            SharedVsPrivate.run(Files.createDirectory(tour.path().resolve("shared-vs-private")), out);

            out.println("== typed-arrays: numpy.memmap style float64 and float32 arrays, an FFT, an array beyond the heap");
            TypedArrays.run(Files.createDirectory(tour.path().resolve("typed-arrays")), out);

            out.println("== append-log: a log grows page by page while a child follows it, closed at its exact size");
            AppendOnlyLog.run(Files.createDirectory(tour.path().resolve("append-log")), AppendOnlyLog.DEFAULT_ENTRIES, out);

            out.println("== partial-unmap: 16 pages mapped, pages 6-9 unmapped");
            PartialUnmap.run(tour.path().resolve("partial-unmap.dat"), out);
        }
    }
}

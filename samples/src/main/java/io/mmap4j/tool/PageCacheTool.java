// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.tool;

import io.mmap4j.Advice;
import io.mmap4j.CacheStat;
import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.MapsEntry;
import io.mmap4j.NativeCallException;
import io.mmap4j.PageSize;
import io.mmap4j.Residency;
import io.mmap4j.samples.SampleSupport;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * A page-cache inspector in the spirit of {@code vmtouch} and util-linux {@code fincore}, built on
 * mmap4j: {@code residency} counts a file's pages in the page cache ({@code mincore} over a
 * read-only mapping; no data is read), {@code touch} loads them, {@code evict} drops them,
 * {@code lock} pins them, and {@code maps} lists a process's mappings. Each command prints its
 * options with {@code --help}.
 *
 * <p>Exit codes: 0 when every file was handled, 1 when some could not be (each explained on
 * standard error), 2 for a usage error.
 */
public final class PageCacheTool {
    static final int OK = 0, SOME_FAILED = 1, USAGE = 2;
    /** The hidden option of the daemon's child: it locks the files it reads from standard input. */
    static final String IN_DAEMON = "in-daemon";
    /** The daemon child's last line to its parent: {@code daemon-ready PID CODE}. */
    private static final String READY = "daemon-ready ";
    private static final int MAP_WIDTH = 40;
    private static final int PAGE_MAP_CELLS = 64;
    /** Files opened and read ahead at once by touch: bounded, to stay far below any descriptor limit. */
    private static final int TOUCH_AHEAD = 32;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private ToolOptions options;
    private volatile boolean failed;
    /** Whether cachestat may be tried: false once the kernel said ENOSYS. */
    private volatile boolean cacheStatWorks = true;
    /** Files that cachestat refused (EPERM), measured with mincore, which may report all pages resident. */
    private final List<Path> mincoreOnly = new ArrayList<>();
    /** Where a worker of {@link #eachFile} keeps what its files say, to be told in the files' order. */
    private final ThreadLocal<Said> said = new ThreadLocal<>();
    /**
     * Whether residency and evict walk with the directory entries' types ({@link Directory}) and tell
     * hard links apart after the walk; false where this module may not call native code.
     */
    private final boolean typedWalk = Directory.usable();
    /** Guards the telling of chunks in order (never a public monitor). */
    private final Object telling = new Object();

    /**
     * Threads that measure or evict files at once: the work is system calls on cached metadata
     * (open, fstat, cachestat or fadvise, close), which every core can make. The property
     * {@code mmap4j.tool.threads} sets it (1 is the sequential tool), for measuring.
     */
    private static final int WORKERS = Math.max(1, Integer.getInteger("mmap4j.tool.threads",
            Math.min(4, Runtime.getRuntime().availableProcessors())));
    /** Files a worker takes at once. */
    private static final int CHUNK = 128;

    private PageCacheTool(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** The usage text, also part of {@code ./mmap4j help}. */
    public static final String USAGE_TEXT = """
              residency [OPTIONS] FILE|DIR...   pages of each file in the page cache (recursive for DIR)
              touch [OPTIONS] FILE|DIR...       bring files into the page cache
              evict [OPTIONS] FILE|DIR...       drop files' clean, unmapped pages from the page cache
              lock [OPTIONS] FILE|DIR...        map and mlock files; hold until interrupted, N seconds, or SIGTERM (-d)
              maps [--json] [--bytes] [PID]     a process's mappings (default: this one)
              (each takes --help)
            """;

    private static final String FILE_OPTIONS = """
              -p, --range RANGE      only this part of each file: A-B, A-, -B, or B (= -B); sizes as
                                     4096, 4k, 100M, 1.5G; A is rounded down to a page (vmtouch -p)
              -i, --ignore GLOB      pass over files and directories whose name matches (repeatable)
              -I, --include GLOB     only files whose name matches one of these (repeatable)
              -m, --max-size SIZE    skip files larger than SIZE (default: no limit; vmtouch's is 500M)
              -f, --follow           follow symbolic links (not followed by default, as vmtouch)
                  --all-links        count a file reached under several names (hard links) each time;
                                     by default it counts once (vmtouch -h)
              -b, --batch LIST       also take the files and directories named in LIST, one a line;
                                     - reads standard input
              -0, --null             the -b list is separated by NUL bytes (find -print0)
              -h, --help             this text
            """;

    private static final String REPORT_OPTIONS = """
              -v, --verbose          also a page map and the resident runs of each file
              -o, --output COLS      columns, comma-separated, or +COLS to add to the default:
                                     SIZE     the file's size
                                     TOTAL    pages in the file (or the -p range)
                                     PAGES    resident pages (fincore's PAGES)
                                     RES      resident bytes: PAGES times the page size (fincore's RES)
                                     PERCENT  resident share of TOTAL
                                     MAP      where the resident pages are, in 40 cells: # all, + some, . none
                                     FILE     the file's name
                                     DIRTY, WRITEBACK, EVICTED, RECENTLY_EVICTED
                                              bytes written but not yet on disk, being written,
                                              evicted, evicted recently (cachestat, Linux 6.5+;
                                              - where it is missing or refuses the file); with
                                              _PAGES (DIRTY_PAGES, ...) in pages, as fincore 2.41
                                     default: SIZE,TOTAL,PAGES,PERCENT,MAP,FILE
              -n, --noheadings       no heading line
              -r, --raw              one space between columns, no padding, no total line; characters
                                     outside printable ASCII, space and backslash as \\xHH (fincore -r)
              -J, --json             JSON (every field, whatever --output says)
                  --bytes            sizes in bytes (fincore -b)
            """;

    private static String help(String command) {
        return switch (command) {
            case "residency" -> "usage: mmap4j residency [OPTIONS] FILE|DIR...\n"
                    + "Counts each file's pages in the page cache (cachestat, Linux 6.5+; mincore on a read-only\n"
                    + "mapping where -v shows the runs of a partly cached file, or cachestat is missing or\n"
                    + "refuses the file; reads no data).\n"
                    + FILE_OPTIONS + REPORT_OPTIONS;
            case "touch" -> "usage: mmap4j touch [OPTIONS] FILE|DIR...\n"
                    + "Brings files into the page cache (MADV_POPULATE_READ, else pread of each byte; a page that\n"
                    + "cannot be read is reported and the walk goes on),\n"
                    + "then reports as residency does.\n" + FILE_OPTIONS + REPORT_OPTIONS;
            case "evict" -> "usage: mmap4j evict [OPTIONS] FILE|DIR...\n"
                    + "Drops files' clean, unmapped pages from the page cache (posix_fadvise DONTNEED), then reports\n"
                    + "as residency does; notes the pages the kernel kept.\n" + FILE_OPTIONS + REPORT_OPTIONS;
            case "lock" -> "usage: mmap4j lock [OPTIONS] FILE|DIR...\n"
                    + "Maps and mlocks files, then holds them until interrupted (Ctrl-C, SIGTERM).\n" + FILE_OPTIONS
                    + """
                          -d, --daemon           lock in a background process (a new session) and return once
                                                 everything is locked; it holds until SIGTERM
                          -P, --pidfile FILE     write the holding process's id to FILE; removed when it ends
                              --seconds N        hold for N seconds, then release and exit
                              --bytes            sizes in bytes
                        """;
            default -> """
                    usage: mmap4j maps [OPTIONS] [PID]
                    Lists a process's mappings (/proc/PID/maps; default: this process).
                      -J, --json             JSON
                          --bytes            sizes in bytes
                      -h, --help             this text
                    """;
        };
    }

    /**
     * Runs one tool command, reading a {@code -b -} list from {@link System#in}.
     *
     * @param command {@code residency}, {@code touch}, {@code evict}, {@code lock} or {@code maps}
     * @param args    its arguments
     * @param out     where results go
     * @param err     where notes and errors go
     * @return the exit code
     * @throws InterruptedException if interrupted while holding locked files
     */
    public static int run(String command, List<String> args, PrintStream out, PrintStream err)
            throws InterruptedException {
        return run(command, args, System.in, out, err);
    }

    /**
     * Runs one tool command.
     *
     * @param command {@code residency}, {@code touch}, {@code evict}, {@code lock} or {@code maps}
     * @param args    its arguments
     * @param in      where {@code -b -} reads its list
     * @param out     where results go
     * @param err     where notes and errors go
     * @return the exit code
     * @throws InterruptedException if interrupted while holding locked files
     */
    public static int run(String command, List<String> args, InputStream in, PrintStream out, PrintStream err)
            throws InterruptedException {
        int code = new PageCacheTool(in, out, err).dispatch(command, args);
        if (out.checkError()) { // flushes; true if any write failed (a full disk, a closed pipe, /dev/full)
            err.println("mmap4j " + command + ": cannot write to standard output");
            return Math.max(code, SOME_FAILED);
        }
        return code;
    }

    /**
     * The launcher's training run for its AOT cache: what the commands do, on {@code paths} and on a
     * temporary file (touched, evicted, locked for no time, then removed).
     *
     * @param paths directories and files to measure, read only
     * @param out   where results go
     * @param err   where notes go
     * @return 0
     * @throws InterruptedException if interrupted
     */
    public static int training(List<String> paths, PrintStream out, PrintStream err) throws InterruptedException {
        List<String> all = new ArrayList<>(List.of("-v", "-o", String.join(",", ToolOptions.COLUMNS)));
        all.addAll(paths);
        run("residency", all, out, err);
        run("residency", new ArrayList<>(paths), out, err);
        List<String> json = new ArrayList<>(List.of("--json", "-o", "SIZE,PAGES,FILE"));
        json.addAll(paths);
        run("residency", json, out, err);
        Path temp = null;
        try {
            temp = Files.createTempFile("mmap4j-training", ".bin");
            Files.write(temp, new byte[1 << 16]);
            for (String command : List.of("evict", "touch", "residency")) {
                run(command, List.of("-r", temp.toString()), out, err);
            }
            run("lock", List.of("--seconds", "0", temp.toString()), out, err);
        } catch (IOException e) {
            err.println("mmap4j training: " + e.getMessage());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temporary file: the system cleans it up
                }
            }
        }
        return OK;
    }

    private int dispatch(String command, List<String> args) throws InterruptedException {
        try {
            options = ToolOptions.parse(command, args);
        } catch (ToolOptions.UsageException e) {
            err.println("mmap4j " + command + ": " + e.getMessage() + "; try: mmap4j " + command + " --help");
            return USAGE;
        }
        if (options.help) {
            out.print(help(command));
            return OK;
        }
        if (command.equals("maps")) {
            return maps(options.operands);
        }
        List<String> operands = new ArrayList<>(options.operands);
        if (options.batch != null) {
            try {
                operands.addAll(readList(options.batch));
            } catch (IOException e) {
                fail(Path.of(options.batch), e);
                return SOME_FAILED;
            }
        }
        if (operands.isEmpty()) {
            err.println("mmap4j " + command + ": name at least one file or directory; try: mmap4j " + command
                    + " --help");
            return USAGE;
        }
        if (command.equals("residency") || command.equals("evict")) {
            Reports made = eachFile(operands, command.equals("evict") ? this::evict : this::measure);
            print(made.reports(), made.rows(), made.widths());
            return failed ? SOME_FAILED : OK;
        }
        List<Path> files = FileCrawl.files(operands, options, this::note, this::fail);
        if (command.equals("lock")) {
            return options.daemon ? startDaemon(files) : lock(files);
        }
        List<FileReport> reports = new ArrayList<>();
        touchAll(files, reports);
        print(reports, null, null);
        return failed ? SOME_FAILED : OK;
    }

    /** What is said on standard error about one chunk of files, and which of them cachestat refused. */
    private static final class Said {
        final StringBuilder lines = new StringBuilder();
        final List<Path> mincoreOnly = new ArrayList<>();
    }

    /** A chunk of files, with what the walk said before them (no longer written: the walk is past them). */
    private record Chunk(List<Path> files, Said walked) {
    }

    /**
     * A chunk's reports, their table rows (null under {@code --json}), and what is to be said about
     * them: the walk's notes, then the work's.
     */
    private record Done(FileReport[] reports, List<List<String>> rows, Said walked, Said worked) {
    }

    /** The reports of {@link #eachFile} in walk order, with their table rows (null under {@code --json}). */
    private record Reports(List<FileReport> reports, List<List<String>> rows, int[] widths) {
    }

    /**
     * The files as the walk finds them, in chunks of {@link #CHUNK}: the walk adds, the workers
     * take a chunk once it is full or the walk has ended. What the walk says goes with the chunk
     * of the next file it finds.
     */
    private static final class Feed {
        private final Object lock = new Object();
        private final List<Path> files = new ArrayList<>();
        private final List<Said> walkNotes = new ArrayList<>(List.of(new Said()));
        private boolean ended;

        /** Adds a file; {@return where the walk's notes go from now on} */
        Said add(Path file) {
            synchronized (lock) {
                files.add(file);
                if (files.size() % CHUNK != 0) {
                    return walkNotes.getLast();
                }
                Said next = new Said();
                walkNotes.add(next);
                lock.notifyAll();
                return next;
            }
        }

        void end() {
            synchronized (lock) {
                ended = true;
                lock.notifyAll();
            }
        }

        /** {@return chunk {@code c}'s files and the walk's notes before them, or null past the last chunk} */
        Chunk take(int c) throws InterruptedException {
            synchronized (lock) {
                while (!ended && files.size() < (c + 1) * CHUNK) {
                    lock.wait();
                }
                if (c >= walkNotes.size()) {
                    return null;
                }
                int from = c * CHUNK;
                return new Chunk(List.copyOf(files.subList(from, Math.min(files.size(), from + CHUNK))),
                        walkNotes.get(c));
            }
        }
    }

    /**
     * {@return {@code work}'s reports on the files that {@code operands} name, in walk order}
     * This thread walks; up to {@link #WORKERS} threads take the files it finds, a chunk of
     * {@link #CHUNK} at a time, while it walks on. What is said about a chunk's files on standard
     * error (the walk's notes first, then the work's) is told once every chunk before it has been
     * told, so the output is the same, line for line, whatever the number of threads. The
     * workers also make each file's table row: the walk is the longest task, and the rows are then
     * ready when it ends.
     */
    private Reports eachFile(List<String> operands, java.util.function.Function<Path, FileReport> work)
            throws InterruptedException {
        Feed feed = new Feed();
        Map<Integer, Done> done = new java.util.HashMap<>();
        Map<Directory.Key, Path> seen = new java.util.HashMap<>(); // files counted, by inode, in walk order
        int[] told = {0};
        List<FileReport> reports = new ArrayList<>();
        List<List<String>> rows = options.json ? null : new ArrayList<>();
        int[] widths = new int[options.columns.size()]; // the rows' widest cells, column by column
        boolean mapShown = options.columns.contains("MAP");
        var next = new java.util.concurrent.atomic.AtomicInteger();
        var trouble = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Runnable worker = () -> {
            try {
                for (int c = next.getAndIncrement(); trouble.get() == null; c = next.getAndIncrement()) {
                    Chunk chunk = feed.take(c);
                    if (chunk == null) {
                        return;
                    }
                    Said worked = new Said();
                    said.set(worked);
                    FileReport[] made = new FileReport[chunk.files().size()];
                    List<List<String>> madeRows = rows == null ? null : new ArrayList<>(made.length);
                    try {
                        for (int i = 0; i < made.length; i++) {
                            made[i] = work.apply(chunk.files().get(i));
                            if (madeRows != null) {
                                madeRows.add(made[i] == null ? null : row(made[i], mapShown));
                            }
                        }
                    } finally {
                        said.remove();
                    }
                    synchronized (telling) {
                        done.put(c, new Done(made, madeRows, chunk.walked(), worked));
                        for (Done d = done.remove(told[0]); d != null; d = done.remove(++told[0])) {
                            err.print(d.walked().lines);
                            err.print(d.worked().lines);
                            mincoreOnly.addAll(d.worked().mincoreOnly);
                            for (int i = 0; i < d.reports().length; i++) {
                                FileReport r = d.reports()[i];
                                Path first = r == null || r.key() == null ? null : seen.putIfAbsent(r.key(), r.file());
                                if (first != null) { // a hard link to a file already counted, found by its inode
                                    if (options.verbose) {
                                        note(r.file(), FileCrawl.sameFileAs(first));
                                    }
                                } else if (r != null) {
                                    reports.add(r);
                                    if (rows != null) {
                                        rows.add(d.rows().get(i));
                                        widen(widths, d.rows().get(i));
                                    }
                                }
                            }
                        }
                    }
                }
            } catch (Throwable e) { // an Error, or interrupted: the others stop taking chunks; rethrown below
                trouble.compareAndSet(null, e);
            }
        };
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < WORKERS; t++) {
            workers.add(Thread.ofPlatform().daemon().name("mmap4j-worker-" + t).start(worker));
        }
        try {
            said.set(feed.walkNotes.getFirst());
            FileCrawl.walk(operands, options, this::note, this::fail, file -> said.set(feed.add(file)), typedWalk);
        } finally {
            said.remove();
            feed.end();
            for (Thread t : workers) {
                t.join();
            }
        }
        switch (trouble.get()) {
            case null -> { }
            case Error e -> throw e;
            case RuntimeException e -> throw e;
            case InterruptedException e -> throw e;
            default -> throw new IllegalStateException(trouble.get());
        }
        return new Reports(reports, rows, widths);
    }

    /** vmtouch's {@code -b}: names one a line, or NUL-separated with {@code -0}; empty names are dropped. */
    private List<String> readList(String list) throws IOException {
        byte[] bytes = list.equals("-") ? in.readAllBytes() : Files.readAllBytes(Path.of(list));
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>();
        for (String name : text.split(options.nulSeparated ? "\0" : "\n")) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * One file's residency over the bytes {@code [offset, offset + pages pages)}; runs of resident
     * pages as page indexes from {@code offset}. {@code stat} holds what only {@code cachestat} sees
     * (dirty, writeback, evicted, recently evicted pages), or is null where it could not be asked.
     * {@code key} is the file's device and inode where hard links are told apart after the walk
     * ({@link #eachFile}), else null. {@code map} is the MAP cell's content where it was counted
     * cell by cell with {@code cachestat} (a partly cached file, no {@code -v}): the runs are then
     * not known and empty; else null, and the map is made from the runs.
     */
    record FileReport(Path file, long size, long offset, long pages, long resident, long[] runStarts,
                      long[] runEnds, CacheStat stat, Directory.Key key, String map) {
        FileReport(Path file, long size, long offset, long pages, long resident, long[] runStarts, long[] runEnds,
                   CacheStat stat, Directory.Key key) {
            this(file, size, offset, pages, resident, runStarts, runEnds, stat, key, null);
        }

        static FileReport empty(Path file, long size, long offset, Directory.Key key) {
            return new FileReport(file, size, offset, 0, 0, new long[0], new long[0], new CacheStat(0, 0, 0, 0, 0), key);
        }
    }

    /** The page-aligned byte range of {@code size} that {@code -p} selects: {start, length}. */
    private long[] range(long size) {
        long page = PageSize.get();
        long start = options.rangeStart / page * page;
        long end = Math.min(options.rangeEnd, size);
        return start >= end ? new long[] {Math.min(start, size), 0} : new long[] {start, end - start};
    }

    private FileReport measure(Path file) {
        try (MappedFile f = open(file)) {
            return measure(f, file);
        } catch (IOException | RuntimeException e) {
            fail(file, e);
            return null;
        }
    }

    /**
     * Opens what the walk found: a symbolic link put there since is refused unless links are followed.
     * A name that is not valid UTF-8 is opened by its bytes (the JDK keeps them in the {@link Path} that
     * a directory listing gives) and handed to the library as an open descriptor.
     */
    private MappedFile open(Path file) throws IOException {
        if (file.toString().indexOf('\uFFFD') >= 0) {
            var how = options.follow ? new java.nio.file.OpenOption[] {StandardOpenOption.READ}
                    : new java.nio.file.OpenOption[] {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};
            try (var channel = java.nio.channels.FileChannel.open(file, how)) {
                return MappedFile.of(channel);
            }
        }
        return options.follow ? MappedFile.open(file) : MappedFile.open(file, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * {@return a path's bytes as the file system has them} A name that is not valid UTF-8 decodes
     * to U+FFFD in {@link Path#toString()}; its URI keeps the bytes, percent-encoded.
     */
    static byte[] nameBytes(Path path) {
        String s = path.toString();
        if (s.indexOf('\uFFFD') < 0) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        String raw = path.toAbsolutePath().toUri().getRawPath();
        var bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        byte[] all = bytes.toByteArray();
        int end = all.length > 1 && all[all.length - 1] == '/' && !s.endsWith("/") ? all.length - 1 : all.length;
        int start = 0;
        if (!path.isAbsolute()) { // drop the working directory toAbsolutePath added
            start = Path.of("").toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return java.util.Arrays.copyOfRange(all, Math.min(start, end), end);
    }

    /**
     * Counts with {@code cachestat} (no mapping), the MAP cell of a partly cached file too, a
     * {@code cachestat} a cell; maps the range for {@code mincore} only when the runs of resident
     * pages are asked for ({@code -v}) and the file is partly cached, or {@code cachestat} is not
     * available (Linux before 6.5) or refused (a file the caller cannot write).
     */
    private FileReport measure(MappedFile f, Path file) throws IOException {
        return measure(f, file, status(f));
    }

    /**
     * One {@code statx} of the open file: its size and, for {@link #eachFile} to tell hard links apart
     * after the walk, its device and inode; null where the walk is not typed or the call failed.
     */
    private Directory.Status status(MappedFile f) {
        return typedWalk ? Directory.stat(f.nativeHandle()) : null;
    }

    /** The file's size, from {@code status} where there is one (no second system call), else {@code fstat}. */
    private static long size(MappedFile f, Directory.Status status) throws IOException {
        return status == null ? f.size() : status.size();
    }

    /** As {@link #measure(MappedFile, Path)}, with the file's {@link #status} already taken. */
    private FileReport measure(MappedFile f, Path file, Directory.Status status) throws IOException {
        Directory.Key key = status == null || options.allLinks ? null : status.key();
        long size = size(f, status);
        long[] r = range(size);
        if (r[1] == 0) {
            return FileReport.empty(file, size, r[0], key);
        }
        long page = PageSize.get();
        long pages = (r[1] + page - 1) / page;
        CacheStat stat = cacheStat(f, file, r[0], r[1]);
        boolean runsWanted = options.verbose || (!options.json && options.columns.contains("MAP"));
        if (stat != null && (!runsWanted || stat.cached() == 0 || stat.cached() == pages)) {
            long[] none = new long[0], all = {0};
            return new FileReport(file, size, r[0], pages, stat.cached(), stat.cached() == 0 ? none : all,
                    stat.cached() == 0 ? none : new long[] {pages}, stat, key);
        }
        if (stat != null && !options.verbose) { // the MAP cell of a partly cached file: no mapping either
            int width = (int) Math.min(MAP_WIDTH, pages);
            StringBuilder map = new StringBuilder(width);
            long resident = 0;
            for (int c = 0; c < width; c++) { // the cells of residencyMap, each counted by cachestat
                long from = c * pages / width, to = (c + 1) * pages / width;
                long at = r[0] + from * page, length = Math.min(to * page, r[1]) - from * page;
                long in = f.cacheStat(at, length).cached();
                resident += in;
                map.append(mark(in, to - from));
            }
            // the cells' sum, so that PAGES and MAP agree if the cache changed since the first count
            return new FileReport(file, size, r[0], pages, resident, new long[0], new long[0], stat, key,
                    map.toString());
        }
        // a confined mapping: closing it costs no handshake with every thread, as a shared one would
        try (Mapping m = mapRange(f, r[0], r[1], MapOptions.readOnly().confined())) {
            Residency res = m.residency(); // mincore: reads no data
            long[] starts = new long[res.residentRuns()], ends = new long[res.residentRuns()];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = res.runStart(i);
                ends[i] = res.runEnd(i);
            }
            return new FileReport(file, size, r[0], res.pages(), res.residentPages(), starts, ends, stat, key);
        }
    }

    /**
     * Maps only the range asked for (the whole of a file larger than the address space cannot be
     * mapped, its range can), saying so in the tool's words when the file shrank since its size was read.
     */
    private static Mapping mapRange(MappedFile f, long offset, long length, MapOptions options) throws IOException {
        try {
            return f.map(offset, length, options);
        } catch (IllegalArgumentException e) { // the library's refusal of a range past the end of the file
            throw new IOException("the file changed size while being read (now " + f.size() + " bytes, was at least "
                    + (offset + length) + ")", e);
        }
    }

    /** {@code cachestat} of the range, or null where the kernel lacks it or refuses this file. */
    private CacheStat cacheStat(MappedFile f, Path file, long offset, long length) throws NativeCallException {
        if (!cacheStatWorks) {
            return null;
        }
        try {
            return f.cacheStat(offset, length);
        } catch (UnsupportedOperationException e) {
            cacheStatWorks = false; // Linux before 6.5: mincore from now on
            return null;
        } catch (NativeCallException e) {
            if (e.errorName().equals("EPERM")) {
                Said s = said.get();
                (s == null ? mincoreOnly : s.mincoreOnly).add(file);
                return null;
            }
            throw e;
        }
    }

    /**
     * Touches files in batches of {@value #TOUCH_AHEAD}: each batch is opened and the reads of its
     * first 64 MiB a file are started at once ({@code POSIX_FADV_WILLNEED}, asynchronous), then each
     * file is faulted in and measured. One file's read no longer waits for the one before: the
     * device sees a queue of reads instead of one small read at a time.
     */
    private void touchAll(List<Path> files, List<FileReport> reports) {
        for (int from = 0; from < files.size(); from += TOUCH_AHEAD) {
            List<Path> batch = files.subList(from, Math.min(files.size(), from + TOUCH_AHEAD));
            List<MappedFile> opened = new ArrayList<>(batch.size());
            for (Path file : batch) {
                MappedFile f = null;
                try {
                    f = open(file);
                    long[] r = range(f.size());
                    if (r[1] > 0) {
                        f.loadIntoPageCache(r[0], Math.min(r[1], 64L << 20));
                    }
                } catch (IOException | RuntimeException e) {
                    if (f != null) {
                        closeQuietly(f);
                        f = null;
                    }
                    fail(file, e);
                }
                opened.add(f);
            }
            for (int i = 0; i < batch.size(); i++) {
                if (opened.get(i) != null) {
                    FileReport r = touch(opened.get(i), batch.get(i));
                    if (r != null) {
                        reports.add(r);
                    }
                }
            }
        }
    }

    /** Faults the file's range in and measures it; closes {@code file}. */
    private FileReport touch(MappedFile opened, Path file) {
        try (MappedFile f = opened) {
            long[] r = range(f.size());
            long from = r[0], size = r[1];
            if (size > 0) {
                // confined: cheap to close; only the range asked for is mapped
                try (Mapping m = mapRange(f, from, size, MapOptions.readOnly().confined())) {
                    long chunk = Math.max(PageSize.get(), 64L << 20);
                    for (long at = 0; at < size; at += chunk) {
                        long n = Math.min(chunk, size - at);
                        populate(f, m, at, n, from);
                        if (size > chunk && !options.json) {
                            err.printf(Locale.ROOT, "\rtouching %s: %3d%%", display(file), (at + n) * 100 / size);
                        }
                    }
                    if (size > chunk && !options.json) {
                        err.println();
                    }
                }
            }
            return measure(f, file);
        } catch (IOException | RuntimeException e) {
            fail(file, e);
            return null;
        }
    }

    /**
     * Faults {@code length} bytes at {@code at} in the mapping in with MADV_POPULATE_READ (Linux
     * 5.14+). Never reads through the mapping from Java: a page that cannot be read (EIO, or past
     * an end the file was truncated to meanwhile) would raise SIGBUS there, which the JVM turns into
     * an InternalError. When the kernel lacks the advice (EINVAL), reads the file with pread instead.
     */
    private static void populate(MappedFile f, Mapping m, long at, long length, long fileOffset) throws IOException {
        try {
            m.advise(at, length, Advice.POPULATE_READ);
        } catch (NativeCallException e) {
            switch (e.errorName()) {
                case "EINVAL" -> readWithPread(f, fileOffset + at, length);
                case "EFAULT", "EIO", "EHWPOISON" -> { // the kernel would have raised SIGBUS
                    long end = fileOffset + at + length, size = f.size();
                    throw new IOException(size < end
                            ? "the file changed size while being read (now " + size + " bytes); not all of it is cached"
                            : "a page in bytes " + (fileOffset + at) + ".." + end + " cannot be read (an I/O error: "
                                    + "MADV_POPULATE_READ failed with " + e.errorName() + ")", e);
                }
                default -> throw e;
            }
        }
    }

    private static void readWithPread(MappedFile f, long from, long length) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(f.path(), java.nio.file.StandardOpenOption.READ)) {
            var buffer = java.nio.ByteBuffer.allocateDirect(1 << 20);
            for (long at = from; at < from + length; ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), from + length - at));
                int n = ch.read(buffer, at);
                if (n < 0) {
                    break;
                }
                at += n;
            }
        }
    }

    private FileReport evict(Path file) {
        FileReport after;
        try (MappedFile f = open(file)) {
            Directory.Status status = status(f); // the size for the range, and the inode for measure
            long[] r = range(size(f, status));
            if (r[1] > 0) {
                f.dropFromPageCache(r[0], r[1]); // posix_fadvise(POSIX_FADV_DONTNEED)
            }
            after = measure(f, file, status);
        } catch (IOException | RuntimeException e) {
            fail(file, e);
            return null;
        }
        if (after.resident() > 0) {
            note(file, after.resident() + " pages stayed: the kernel keeps dirty pages and pages other processes map");
        }
        return after;
    }

    /**
     * {@code lock -d}: starts a child JVM in a new session ({@code setsid}) that locks the files
     * (handed over NUL-separated on its standard input), passes on what it says until it reports
     * that everything is locked, and returns; the child holds the files until SIGTERM.
     */
    private int startDaemon(List<Path> files) throws InterruptedException {
        if (files.isEmpty()) {
            return failed ? SOME_FAILED : OK;
        }
        List<String> args = new ArrayList<>(List.of("lock", "--" + IN_DAEMON, "--follow", "--all-links",
                "--batch", "-", "--null"));
        if (options.ranged) {
            args.add("--range");
            args.add(options.rangeStart + "-" + (options.rangeEnd == Long.MAX_VALUE ? "" : options.rangeEnd));
        }
        if (options.pidFile != null) {
            args.add("--pidfile");
            args.add(Path.of(options.pidFile).toAbsolutePath().toString());
        }
        if (options.bytes) {
            args.add("--bytes");
        }
        List<String> command = new ArrayList<>(SampleSupport.childCommand(
                List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), args.toArray(String[]::new)));
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.addFirst("/usr/bin/setsid"); // a new session: no terminal, so no SIGHUP when it closes
        }
        Process child;
        try {
            child = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream list = child.getOutputStream()) {
                for (Path f : files) {
                    list.write((f.toAbsolutePath() + "\0").getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            err.println("mmap4j lock: cannot start the daemon: " + e.getMessage());
            return SOME_FAILED;
        }
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(READY)) {
                    String[] pidAndCode = line.substring(READY.length()).split(" ");
                    out.println("daemon " + pidAndCode[0] + " holds them until SIGTERM"
                            + (options.pidFile != null ? "; pidfile " + options.pidFile : ""));
                    return failed || !pidAndCode[1].equals("0") ? SOME_FAILED : OK;
                }
                (line.startsWith("mmap4j") ? err : out).println(line);
            }
        } catch (IOException e) {
            err.println("mmap4j lock: lost the daemon: " + e.getMessage());
            child.destroy();
            return SOME_FAILED;
        }
        int code = child.waitFor(); // it ended before holding anything
        return code == OK && !failed ? OK : SOME_FAILED;
    }

    private int lock(List<Path> paths) throws InterruptedException {
        List<Mapping> locked = new ArrayList<>();
        long total = 0;
        Thread removePidFile = null;
        try {
            for (Path file : paths) {
                // the descriptor is closed once the range is mapped: the mapping keeps the pages
                try (MappedFile f = open(file)) {
                    long[] r = range(f.size());
                    if (r[1] == 0) {
                        note(file, "empty, nothing to lock");
                        continue;
                    }
                    Mapping m = mapRange(f, r[0], r[1], MapOptions.readOnly()); // only the range asked for
                    try {
                        m.lock(0, r[1]);
                    } catch (IOException | RuntimeException e) {
                        closeQuietly(m); // not held, not counted
                        throw e;
                    }
                    locked.add(m);
                    total += r[1];
                    out.printf(Locale.ROOT, "locked %s (%s)%n", display(file), size(r[1]));
                } catch (IOException | RuntimeException e) {
                    fail(file, e);
                }
            }
            if (locked.isEmpty()) {
                return failed ? SOME_FAILED : OK;
            }
            if (options.pidFile != null) {
                Path pidFile = Path.of(options.pidFile).toAbsolutePath();
                String pid = Long.toString(ProcessHandle.current().pid());
                Object written;
                try {
                    written = writePidFile(pidFile, pid);
                } catch (IOException e) {
                    fail(pidFile, e);
                    return SOME_FAILED;
                }
                removePidFile = new Thread(() -> removePidFile(pidFile, written), "mmap4j-pidfile");
                Runtime.getRuntime().addShutdownHook(removePidFile); // SIGTERM, SIGINT, SIGHUP, normal exit
            }
            long pid = ProcessHandle.current().pid();
            out.printf(Locale.ROOT, "holding %s in %d file(s) locked%s%n", size(total), locked.size(),
                    options.seconds >= 0 ? " for " + options.seconds + " s"
                            : options.inDaemon ? "; kill -TERM " + pid + " to release" : "; press Ctrl-C to release");
            if (options.inDaemon) {
                out.println(READY + pid + " " + (failed ? SOME_FAILED : OK));
            }
            out.flush();
            Thread.sleep(options.seconds < 0 ? Long.MAX_VALUE : options.seconds * 1000);
        } finally {
            for (Mapping m : locked) {
                closeQuietly(m);
            }
            if (removePidFile != null) {
                removePidFile.run();
                Runtime.getRuntime().removeShutdownHook(removePidFile);
            }
        }
        return failed ? SOME_FAILED : OK;
    }

    /**
     * Written whole under a new, unguessable name ({@code O_CREAT|O_EXCL}, which never follows a
     * link), then renamed over the pidfile (a rename replaces a link; it does not write through it):
     * a reader never sees half a pid.
     *
     * @return the file key (device and inode) of the pidfile written, to recognise it at removal
     */
    static Object writePidFile(Path pidFile, String pid) throws IOException {
        Path temp = pidFile.resolveSibling("." + pidFile.getFileName() + "." + Long.toUnsignedString(
                new java.security.SecureRandom().nextLong(), 36) + ".tmp");
        try (var ch = Files.newByteChannel(temp, java.util.Set.<java.nio.file.OpenOption>of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), java.nio.file.attribute.PosixFilePermissions
                .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--")))) {
            ch.write(java.nio.ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)));
        }
        try {
            Object key = Files.readAttributes(temp, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey();
            Files.move(temp, pidFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return key;
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Removes the pidfile if it is still the regular file this process wrote (same device and
     * inode); never opens or reads it, so a link or FIFO put in its place is left alone.
     */
    static void removePidFile(Path pidFile, Object written) {
        try {
            var now = Files.readAttributes(pidFile, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (now.isRegularFile() && written != null && written.equals(now.fileKey())) {
                Files.delete(pidFile);
            }
        } catch (IOException ignored) {
            // already gone, or replaced: nothing of ours to remove
        }
    }

    private int maps(List<String> operands) {
        if (operands.size() > 1 || (operands.size() == 1 && !operands.getFirst().matches("\\d+"))) {
            err.println("mmap4j maps: takes at most one process id; try: mmap4j maps --help");
            return USAGE;
        }
        long pid = operands.isEmpty() ? ProcessHandle.current().pid() : Long.parseLong(operands.getFirst());
        List<MapsEntry> entries;
        try {
            entries = MapsEntry.read(pid);
        } catch (IOException e) {
            fail(Path.of("/proc/" + pid + "/maps"), e);
            return SOME_FAILED;
        }
        if (options.json) {
            out.println("[");
            for (int i = 0; i < entries.size(); i++) {
                MapsEntry e = entries.get(i);
                out.printf(Locale.ROOT, "  {\"start\": \"%x\", \"end\": \"%x\", \"size\": %d, \"permissions\": \"%s\", "
                                + "\"shared\": %b, \"offset\": %d, \"path\": %s, \"mmap4j\": %b}%s%n",
                        e.start(), e.end(), e.length(), e.permissions(), e.isShared(), e.offset(), quote(e.path()),
                        e.isMmap4j(), i + 1 < entries.size() ? "," : "");
            }
            out.println("]");
        } else {
            out.printf(Locale.ROOT, "%-25s %8s %-5s %-7s %10s %s%n", "RANGE", "SIZE", "PERMS", "SHARING", "OFFSET", "PATH");
            for (MapsEntry e : entries) {
                out.printf(Locale.ROOT, "%-25s %8s %-5s %-7s %10d %s%n",
                        Long.toHexString(e.start()) + "-" + Long.toHexString(e.end()), size(e.length()),
                        e.permissions(), e.isShared() ? "shared" : "private", e.offset(), e.path());
            }
        }
        return OK;
    }

    /** The report's row of the table: its cells in the order of {@code --output}. */
    private List<String> row(FileReport r, boolean mapShown) {
        return cells(options.columns, r.size(), r.pages(), r.resident(), r.stat(), mapShown ? mapCell(r) : "",
                options.raw ? rawEscape(nameBytes(r.file())) : display(r.file()));
    }

    /**
     * Prints the reports as a table or JSON; {@code made} are their rows and {@code madeWidths} those
     * rows' widest cells, where already made, else null.
     */
    private void print(List<FileReport> reports, List<List<String>> made, int[] madeWidths)
            throws InterruptedException {
        // size, pages, resident, dirty, writeback, evicted, recently evicted, and 1 where any cachestat is known
        long[] sums = new long[8];
        for (FileReport r : reports) {
            addUp(sums, r);
        }
        long size = sums[0], pages = sums[1], resident = sums[2];
        CacheStat totalStat = sums[7] != 0 ? new CacheStat(resident, sums[3], sums[4], sums[5], sums[6]) : null;
        long page = PageSize.get();
        if (options.json) {
            out.println("{\"pageSize\": " + page + ", \"files\": [");
            for (int i = 0; i < reports.size(); i++) {
                FileReport r = reports.get(i);
                out.printf(Locale.ROOT, "  {\"file\": %s, \"size\": %d, \"pages\": %d, \"resident\": %d, "
                                + "\"residentBytes\": %d, \"percent\": %.1f, %s%s%s}%s%n", quote(r.file().toString()),
                        r.size(), r.pages(), r.resident(), r.resident() * page, percent(r.resident(), r.pages()),
                        jsonStat(r.stat()), options.ranged ? ", \"offset\": " + r.offset() : "",
                        options.verbose ? ", \"runs\": " + jsonRuns(r) : "",
                        i + 1 < reports.size() ? "," : "");
            }
            out.printf(Locale.ROOT, "], \"total\": {\"size\": %d, \"pages\": %d, \"resident\": %d, \"percent\": %.1f, "
                    + "%s}}%n", size, pages, resident, percent(resident, pages), jsonStat(totalStat));
            return;
        }
        List<String> columns = options.columns;
        List<List<String>> rows = new ArrayList<>();
        if (!options.noHeadings) {
            rows.add(columns);
        }
        boolean mapShown = columns.contains("MAP");
        if (made != null) {
            rows.addAll(made);
        } else {
            for (FileReport r : reports) {
                rows.add(row(r, mapShown));
            }
        }
        if (reports.size() > 1 && !options.raw) {
            rows.add(cells(columns, size, pages, resident, totalStat, "", "total (" + reports.size() + " files)"));
        }
        // written a block at a time: a println a line (a lock, a flush check and an encoding each) was a
        // tenth of a tree's run
        StringBuilder block = new StringBuilder(1 << 16);
        String newline = System.lineSeparator();
        if (options.raw) {
            for (List<String> row : rows) {
                // the FILE cell is escaped already; the rest is ASCII
                writeBlock(block.append(String.join(" ", row)).append(newline), false);
            }
        } else {
            // a row a call: these small methods are compiled after a few hundred rows, where one long
            // loop would run interpreted until the JIT replaced it in flight
            int[] width = new int[columns.size()];
            if (made == null) {
                for (List<String> row : rows) {
                    widen(width, row);
                }
            } else { // the rows' widths were taken as they were made: the heading and the total's are left
                System.arraycopy(madeWidths, 0, width, 0, width.length);
                if (!options.noHeadings) {
                    widen(width, rows.getFirst());
                }
                if (!rows.isEmpty()) { // the total, if any (else a row already counted)
                    widen(width, rows.getLast());
                }
            }
            boolean[] left = new boolean[columns.size()];
            for (int c = 0; c < left.length; c++) {
                left[c] = columns.get(c).equals("MAP") || columns.get(c).equals("FILE");
            }
            // on a big table a second thread pads the second half while this one pads and writes the
            // first: the table is written after the walk and the work, when nothing else runs
            int half = rows.size() < 4096 ? rows.size() : rows.size() / 2;
            java.util.concurrent.FutureTask<StringBuilder> second = null;
            if (half < rows.size()) {
                second = new java.util.concurrent.FutureTask<>(() -> {
                    StringBuilder b = new StringBuilder(1 << 16);
                    for (List<String> row : rows.subList(half, rows.size())) {
                        appendRow(b, row, width, left).append(newline);
                    }
                    return b;
                });
                Thread.ofPlatform().daemon().name("mmap4j-table").start(second);
            }
            for (List<String> row : rows.subList(0, half)) {
                writeBlock(appendRow(block, row, width, left).append(newline), false);
            }
            if (second != null) {
                writeBlock(block, true);
                try {
                    block = second.get();
                } catch (java.util.concurrent.ExecutionException e) { // an Error (out of memory): as if made here
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        writeBlock(block, true);
        if (options.verbose) {
            for (FileReport r : reports) {
                printPageMap(r);
            }
        }
        if (!mincoreOnly.isEmpty()) {
            err.println("mmap4j: " + mincoreOnly.size() + " file(s) you cannot write were counted with mincore, which "
                    + "the kernel answers with every page resident for such files (cachestat refuses them: EPERM), "
                    + "first " + display(mincoreOnly.getFirst()) + "; run as their owner or root for true counts");
        }
    }

    /** Adds {@code r} to the totals (a call a file: compiled early, where a long loop would be interpreted). */
    private static void addUp(long[] sums, FileReport r) {
        sums[0] += r.size();
        sums[1] += r.pages();
        sums[2] += r.resident();
        CacheStat s = r.stat();
        if (s != null) {
            sums[3] += s.dirty();
            sums[4] += s.writeback();
            sums[5] += s.evicted();
            sums[6] += s.recentlyEvicted();
            sums[7] = 1;
        }
    }

    /** Widens {@code width} to the cells of {@code row}. */
    private static void widen(int[] width, List<String> row) {
        for (int c = 0; c < width.length; c++) {
            width[c] = Math.max(width[c], row.get(c).length());
        }
    }

    /** Appends {@code row} padded to {@code width}: {@code left} columns to the left, the others to the right. */
    private static StringBuilder appendRow(StringBuilder line, List<String> row, int[] width, boolean[] left) {
        for (int c = 0; c < width.length; c++) {
            String cell = row.get(c);
            if (c > 0) {
                line.append(' ');
            }
            int pad = width[c] - cell.length();
            if (left[c]) {
                line.append(cell);
                if (c + 1 < width.length) {
                    line.repeat(' ', pad);
                }
            } else {
                line.repeat(' ', pad).append(cell);
            }
        }
        return line;
    }

    /** Writes {@code block} to standard output once it is full, or when {@code last}, and empties it. */
    private void writeBlock(StringBuilder block, boolean last) {
        if (last || block.length() >= 1 << 15) {
            if (out.charset().equals(StandardCharsets.UTF_8)) { // the JDK's encoder, without PrintStream's writers
                out.writeBytes(block.toString().getBytes(StandardCharsets.UTF_8));
            } else {
                out.append(block);
            }
            block.setLength(0);
        }
    }

    private static String jsonStat(CacheStat s) {
        return s == null ? "\"dirty\": null, \"writeback\": null, \"evicted\": null, \"recentlyEvicted\": null"
                : "\"dirty\": " + s.dirty() + ", \"writeback\": " + s.writeback() + ", \"evicted\": " + s.evicted()
                        + ", \"recentlyEvicted\": " + s.recentlyEvicted();
    }

    private List<String> cells(List<String> columns, long size, long pages, long resident, CacheStat stat, String map,
                               String file) {
        List<String> cells = new ArrayList<>(columns.size());
        long page = PageSize.get();
        for (String c : columns) {
            cells.add(switch (c) {
                case "SIZE" -> size(size);
                case "TOTAL" -> Long.toString(pages);
                case "PAGES" -> Long.toString(resident);
                case "RES" -> size(resident * page);
                case "PERCENT" -> decimals(percent(resident, pages), 1) + "%";
                case "MAP" -> map;
                case "DIRTY" -> stat == null ? "-" : size(stat.dirty() * page);
                case "DIRTY_PAGES" -> stat == null ? "-" : Long.toString(stat.dirty());
                case "WRITEBACK" -> stat == null ? "-" : size(stat.writeback() * page);
                case "WRITEBACK_PAGES" -> stat == null ? "-" : Long.toString(stat.writeback());
                case "EVICTED" -> stat == null ? "-" : size(stat.evicted() * page);
                case "EVICTED_PAGES" -> stat == null ? "-" : Long.toString(stat.evicted());
                case "RECENTLY_EVICTED" -> stat == null ? "-" : size(stat.recentlyEvicted() * page);
                case "RECENTLY_EVICTED_PAGES" -> stat == null ? "-" : Long.toString(stat.recentlyEvicted());
                default -> file;
            });
        }
        return cells;
    }

    /**
     * vmtouch {@code -v}: the file's pages in cells of {@code per} pages, 64 cells a line, each
     * line headed by the number of its first page in the file ({@code #} all resident, {@code +} some,
     * {@code .} none); then the runs of resident pages, by page number in the file.
     */
    private void printPageMap(FileReport r) {
        long page = PageSize.get();
        long cellsWanted = PAGE_MAP_CELLS * (long) PAGE_MAP_CELLS;
        long per = Math.max(1, (r.pages() + cellsWanted - 1) / cellsWanted);
        long firstPage = r.offset() / page;
        out.printf(Locale.ROOT, "%n%s: %d of %d pages resident in %d run(s); a cell is %d page(s)%n", display(r.file()),
                r.resident(), r.pages(), r.runStarts().length, per);
        long cells = (r.pages() + per - 1) / per;
        String[] labels = new String[(int) ((cells + PAGE_MAP_CELLS - 1) / PAGE_MAP_CELLS)];
        int labelWidth = 0;
        for (int l = 0; l < labels.length; l++) {
            labels[l] = Long.toString(firstPage + l * PAGE_MAP_CELLS * per);
            labelWidth = Math.max(labelWidth, labels[l].length());
        }
        for (int l = 0; l < labels.length; l++) {
            long from = l * (long) PAGE_MAP_CELLS, to = Math.min(cells, from + PAGE_MAP_CELLS);
            out.println(" ".repeat(labelWidth - labels[l].length()) + labels[l] + "  "
                    + cellsOf(r, from * per, per, to - from));
        }
        StringBuilder runs = new StringBuilder("resident pages:");
        int shown = Math.min(r.runStarts().length, 32);
        for (int i = 0; i < shown; i++) {
            long a = firstPage + r.runStarts()[i], b = firstPage + r.runEnds()[i] - 1;
            runs.append(' ').append(a == b ? Long.toString(a) : a + "-" + b);
        }
        if (shown < r.runStarts().length) {
            runs.append(" and ").append(r.runStarts().length - shown).append(" more run(s)");
        } else if (shown == 0) {
            runs.append(" none");
        }
        out.println(runs);
    }

    /** {@code count} cells of {@code per} pages from page {@code first}, from the runs, in one pass. */
    private static String cellsOf(FileReport r, long first, long per, long count) {
        StringBuilder b = new StringBuilder((int) count);
        long[] starts = r.runStarts(), ends = r.runEnds();
        int run = 0;
        for (long c = 0; c < count; c++) {
            long from = first + c * per, to = Math.min(r.pages(), from + per);
            while (run < starts.length && ends[run] <= from) {
                run++;
            }
            long in = 0;
            for (int k = run; k < starts.length && starts[k] < to; k++) {
                in += Math.min(to, ends[k]) - Math.max(from, starts[k]);
            }
            b.append(mark(in, to - from));
        }
        return b.toString();
    }

    /** A cell of {@code of} pages with {@code in} resident: {@code #} all, {@code +} some, {@code .} none. */
    private static char mark(long in, long of) {
        return in == of ? '#' : in > 0 ? '+' : '.';
    }

    /** At most {@value MAP_WIDTH} characters: {@code #} all pages resident, {@code +} some, {@code .} none. */
    static String residencyMap(FileReport r) {
        if (r.map() != null) {
            return r.map();
        }
        long pages = r.pages();
        int width = (int) Math.min(MAP_WIDTH, pages);
        StringBuilder b = new StringBuilder(width);
        for (int c = 0; c < width; c++) {
            long from = c * pages / width, to = (c + 1) * pages / width;
            b.append(cellsOf(r, from, to - from, 1));
        }
        return b.toString();
    }

    /** The MAP cell: the map in brackets; made once for each width where no page or every page is resident. */
    private static String mapCell(FileReport r) {
        if (r.map() == null && (r.resident() == 0 || r.resident() == r.pages())) { // most files of a tree
            int width = (int) Math.min(MAP_WIDTH, r.pages());
            return (r.resident() == 0 ? NONE_RESIDENT : ALL_RESIDENT)[width];
        }
        return "[" + residencyMap(r) + "]";
    }

    private static final String[] NONE_RESIDENT = new String[MAP_WIDTH + 1], ALL_RESIDENT = new String[MAP_WIDTH + 1];

    static {
        for (int w = 0; w <= MAP_WIDTH; w++) {
            NONE_RESIDENT[w] = "[" + ".".repeat(w) + "]";
            ALL_RESIDENT[w] = "[" + "#".repeat(w) + "]";
        }
    }

    private static String jsonRuns(FileReport r) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < r.runStarts().length; i++) {
            b.append(i > 0 ? ", " : "").append('[').append(r.runStarts()[i]).append(", ").append(r.runEnds()[i])
                    .append(']');
        }
        return b.append(']').toString();
    }

    /** fincore {@code -r}: bytes outside printable ASCII, space and backslash become {@code \xHH}. */
    static String rawEscape(String s) {
        return rawEscape(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String rawEscape(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            int c = x & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                b.append(String.format(Locale.ROOT, "\\x%02x", c));
            } else {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private String size(long n) {
        if (options.bytes || n < 1024) {
            return Long.toString(n);
        }
        String units = "KMGTPE";
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length() - 1) {
            v /= 1024;
            u++;
        }
        return decimals(v, v < 10 ? 1 : 0) + units.charAt(u);
    }

    /**
     * {@return {@code v >= 0} with {@code digits} (0 or 1) decimals, exactly as {@code %.0f} or
     * {@code %.1f} print it} Without a {@link java.util.Formatter} per cell (one a file in a tree of
     * 60,000 files was a tenth of the run): a value near a tie, where the two could round apart,
     * is left to the formatter.
     */
    static String decimals(double v, int digits) {
        double scaled = digits == 0 ? v : v * 10;
        double fraction = scaled - Math.floor(scaled);
        if (scaled >= 1e15 || Math.abs(fraction - 0.5) < 1e-6) {
            return String.format(Locale.ROOT, digits == 0 ? "%.0f" : "%.1f", v);
        }
        long r = Math.round(scaled);
        return digits == 0 ? Long.toString(r) : (r / 10) + "." + (r % 10);
    }

    private void note(Path path, String what) {
        tell("mmap4j: " + display(path) + ": " + what);
    }

    /** Prints a line on standard error, or keeps it for its turn when a worker of {@link #eachFile} says it. */
    private void tell(String line) {
        Said s = said.get();
        if (s == null) {
            err.println(line);
        } else {
            s.lines.append(line).append(System.lineSeparator());
        }
    }

    /**
     * A path for the terminal, as fincore shows names without {@code -r}: control characters
     * (C0, DEL, C1), backslash, and bytes that are not valid UTF-8 (decoded as U+FFFD) as
     * {@code \\xHH}; the rest, printable non-ASCII letters included, as they are.
     */
    static String display(Path path) {
        String s = path.toString();
        if (s.indexOf('\uFFFD') >= 0) { // not valid UTF-8: show every byte outside printable ASCII as \xHH
            StringBuilder b = new StringBuilder();
            for (byte x : nameBytes(path)) {
                int c = x & 0xff;
                b.append(c < 0x20 || c >= 0x7f || c == '\\' ? String.format(Locale.ROOT, "\\x%02x", c) : (char) c);
            }
            return b.toString();
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean escape = c < 0x20 || c == '\\' || (c >= 0x7f && c <= 0x9f) || c == '\uFFFD';
            if (escape && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (escape) {
                    for (byte x : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                        b.append(String.format(Locale.ROOT, "\\x%02x", x & 0xff));
                    }
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    private void fail(Path path, Throwable e) {
        failed = true;
        String why = switch (e) {
            case NoSuchFileException ignored -> "no such file or directory";
            case AccessDeniedException ignored -> "permission denied";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage();
        };
        tell("mmap4j: " + display(path) + ": " + why);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // releasing at exit: nothing useful to do with a failure
        }
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

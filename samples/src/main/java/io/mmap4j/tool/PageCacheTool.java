package io.mmap4j.tool;

import io.mmap4j.Advice;
import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.MapsEntry;
import io.mmap4j.NativeCallException;
import io.mmap4j.PageSize;
import io.mmap4j.Residency;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A page-cache inspector in the spirit of {@code vmtouch} and util-linux {@code fincore}, built on
 * mmap4j: {@code residency} counts a file's pages in the page cache ({@code mincore} over a
 * read-only mapping; no data is read), {@code touch} loads them, {@code evict} drops them,
 * {@code lock} pins them, and {@code maps} lists a process's mappings.
 *
 * <p>Exit codes: 0 when every file was handled, 1 when some could not be (each explained on
 * standard error), 2 for a usage error.
 */
public final class PageCacheTool {
    static final int OK = 0, SOME_FAILED = 1, USAGE = 2;
    private static final int MAP_WIDTH = 40;

    private final PrintStream out;
    private final PrintStream err;
    private boolean json;
    private boolean bytes;
    private boolean failed;

    private PageCacheTool(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The usage text, also part of {@code ./mmap4j help}. */
    public static final String USAGE_TEXT = """
              residency [--json] [--bytes] FILE|DIR...   pages of each file in the page cache (recursive for DIR)
              touch [--json] [--bytes] FILE|DIR...       bring files into the page cache
              evict [--json] [--bytes] FILE|DIR...       drop files' clean, unmapped pages from the page cache
              lock [--seconds N] FILE...                 map and mlock files; hold until interrupted (or N seconds)
              maps [--json] [PID]                        a process's mappings (default: this one)
            """;

    /**
     * Runs one tool command.
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
        return new PageCacheTool(out, err).dispatch(command, args);
    }

    private int dispatch(String command, List<String> args) throws InterruptedException {
        List<String> operands = new ArrayList<>();
        long seconds = -1;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--json" -> json = true;
                case "--bytes" -> bytes = true;
                case "--seconds" -> {
                    if (i + 1 >= args.size() || !args.get(i + 1).matches("\\d+")) {
                        err.println("mmap4j " + command + ": --seconds takes a whole number");
                        return USAGE;
                    }
                    seconds = Long.parseLong(args.get(++i));
                }
                default -> {
                    if (a.startsWith("--")) {
                        err.println("mmap4j " + command + ": unknown option " + a);
                        return USAGE;
                    }
                    operands.add(a);
                }
            }
        }
        if (command.equals("maps")) {
            return maps(operands);
        }
        if (operands.isEmpty()) {
            err.println("mmap4j " + command + ": name at least one file or directory");
            return USAGE;
        }
        if (command.equals("lock")) {
            return lock(operands, seconds);
        }
        List<FileReport> reports = new ArrayList<>();
        for (String operand : operands) {
            for (Path file : files(Path.of(operand))) {
                FileReport r = switch (command) {
                    case "touch" -> touch(file);
                    case "evict" -> evict(file);
                    default -> measure(file);
                };
                if (r != null) {
                    reports.add(r);
                }
            }
        }
        print(reports);
        return failed ? SOME_FAILED : OK;
    }

    /** One file's residency. */
    record FileReport(Path file, long size, long pages, long resident, String map) {
    }

    /** The regular files under {@code path}; anything else is skipped with a note. */
    private List<Path> files(Path path) {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.forEach(p -> {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        found.add(p);
                    } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        note(p, "skipped: not a regular file");
                    }
                });
            } catch (IOException | java.io.UncheckedIOException e) {
                fail(path, e instanceof java.io.UncheckedIOException u ? u.getCause() : e);
            }
        } else if (Files.isRegularFile(path)) {
            found.add(path);
        } else if (Files.exists(path)) {
            note(path, "skipped: not a regular file");
        } else {
            fail(path, new NoSuchFileException(path.toString()));
        }
        return found;
    }

    private FileReport measure(Path file) {
        try (MappedFile f = MappedFile.open(file)) {
            long size = f.size();
            if (size == 0) {
                return new FileReport(file, 0, 0, 0, "");
            }
            try (Mapping m = f.map(MapOptions.readOnly())) {
                Residency r = m.residency(); // mincore: reads no data
                return new FileReport(file, size, r.pages(), r.residentPages(), residencyMap(r));
            }
        } catch (IOException | RuntimeException e) {
            fail(file, e);
            return null;
        }
    }

    private FileReport touch(Path file) {
        try (MappedFile f = MappedFile.open(file)) {
            long size = f.size();
            if (size > 0) {
                try (Mapping m = f.map(MapOptions.readOnly())) {
                    long chunk = Math.max(PageSize.get(), 64L << 20);
                    for (long at = 0; at < size; at += chunk) {
                        long n = Math.min(chunk, size - at);
                        populate(m, at, n);
                        if (size > chunk && !json) {
                            err.printf(Locale.ROOT, "\rtouching %s: %3d%%", file, (at + n) * 100 / size);
                        }
                    }
                    if (size > chunk && !json) {
                        err.println();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            fail(file, e);
            return null;
        }
        return measure(file);
    }

    /** Faults a range in: MADV_POPULATE_READ (Linux 5.14+), else WILLNEED and a read of each page. */
    private static void populate(Mapping m, long at, long length) throws NativeCallException {
        try {
            m.advise(at, length, Advice.POPULATE_READ);
        } catch (NativeCallException older) {
            m.advise(at, length, Advice.WILLNEED);
            var s = m.segment();
            long page = PageSize.get();
            long sum = 0;
            for (long p = at; p < at + length; p += page) {
                sum += s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, p);
            }
            if (sum == Long.MIN_VALUE) {
                throw new AssertionError(); // keeps the reads from being optimised away
            }
        }
    }

    private FileReport evict(Path file) {
        try (MappedFile f = MappedFile.open(file)) {
            f.dropFromPageCache(0, 0); // posix_fadvise(POSIX_FADV_DONTNEED)
        } catch (IOException | RuntimeException e) {
            fail(file, e);
            return null;
        }
        FileReport after = measure(file);
        if (after != null && after.resident() > 0) {
            note(file, after.resident() + " pages stayed: the kernel keeps dirty pages and pages other processes map");
        }
        return after;
    }

    private int lock(List<String> operands, long seconds) throws InterruptedException {
        List<MappedFile> files = new ArrayList<>();
        List<Mapping> locked = new ArrayList<>();
        long total = 0;
        try {
            for (String operand : operands) {
                Path file = Path.of(operand);
                try {
                    MappedFile f = MappedFile.open(file);
                    files.add(f);
                    if (f.size() == 0) {
                        note(file, "empty, nothing to lock");
                        continue;
                    }
                    Mapping m = f.map(MapOptions.readOnly());
                    locked.add(m);
                    m.lock(0, m.length());
                    total += m.length();
                    out.printf(Locale.ROOT, "locked %s (%s)%n", file, size(m.length()));
                } catch (IOException | RuntimeException e) {
                    fail(file, e);
                }
            }
            if (!locked.isEmpty()) {
                out.printf(Locale.ROOT, "holding %s in %d file(s) locked%s%n", size(total), locked.size(),
                        seconds < 0 ? "; press Ctrl-C to release" : " for " + seconds + " s");
                out.flush();
                Thread.sleep(seconds < 0 ? Long.MAX_VALUE : seconds * 1000);
            }
        } finally {
            for (Mapping m : locked) {
                closeQuietly(m);
            }
            for (MappedFile f : files) {
                closeQuietly(f);
            }
        }
        return failed ? SOME_FAILED : OK;
    }

    private int maps(List<String> operands) {
        if (operands.size() > 1 || (operands.size() == 1 && !operands.getFirst().matches("\\d+"))) {
            err.println("mmap4j maps: takes at most one process id");
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
        if (json) {
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

    private void print(List<FileReport> reports) {
        long size = 0, pages = 0, resident = 0;
        for (FileReport r : reports) {
            size += r.size();
            pages += r.pages();
            resident += r.resident();
        }
        if (json) {
            out.println("{\"pageSize\": " + PageSize.get() + ", \"files\": [");
            for (int i = 0; i < reports.size(); i++) {
                FileReport r = reports.get(i);
                out.printf(Locale.ROOT, "  {\"file\": %s, \"size\": %d, \"pages\": %d, \"resident\": %d, "
                                + "\"residentBytes\": %d, \"percent\": %.1f}%s%n", quote(r.file().toString()), r.size(),
                        r.pages(), r.resident(), r.resident() * PageSize.get(), percent(r.resident(), r.pages()),
                        i + 1 < reports.size() ? "," : "");
            }
            out.printf(Locale.ROOT, "], \"total\": {\"size\": %d, \"pages\": %d, \"resident\": %d, \"percent\": %.1f}}%n",
                    size, pages, resident, percent(resident, pages));
            return;
        }
        out.printf(Locale.ROOT, "%9s %9s %9s %6s  %-" + (MAP_WIDTH + 2) + "s %s%n",
                "SIZE", "PAGES", "RESIDENT", "%", "MAP", "FILE");
        for (FileReport r : reports) {
            out.printf(Locale.ROOT, "%9s %9d %9d %5.1f%%  %-" + (MAP_WIDTH + 2) + "s %s%n", size(r.size()), r.pages(),
                    r.resident(), percent(r.resident(), r.pages()), "[" + r.map() + "]", r.file());
        }
        if (reports.size() > 1) {
            out.printf(Locale.ROOT, "%9s %9d %9d %5.1f%%  %-" + (MAP_WIDTH + 2) + "s %s%n", size(size), pages,
                    resident, percent(resident, pages), "", "total (" + reports.size() + " files)");
        }
    }

    /** At most {@value MAP_WIDTH} characters: {@code #} all pages resident, {@code +} some, {@code .} none. */
    static String residencyMap(Residency r) {
        long pages = r.pages();
        int width = (int) Math.min(MAP_WIDTH, pages);
        StringBuilder b = new StringBuilder(width);
        for (int c = 0; c < width; c++) {
            long from = c * pages / width, to = (c + 1) * pages / width;
            long in = 0;
            for (long p = from; p < to; p++) {
                in += r.isResident(p) ? 1 : 0;
            }
            b.append(in == to - from ? '#' : in > 0 ? '+' : '.');
        }
        return b.toString();
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private String size(long n) {
        if (bytes || n < 1024) {
            return Long.toString(n);
        }
        String units = "KMGTPE";
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length() - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f%c" : "%.0f%c", v, units.charAt(u));
    }

    private void note(Path path, String what) {
        err.println("mmap4j: " + path + ": " + what);
    }

    private void fail(Path path, Throwable e) {
        failed = true;
        String why = switch (e) {
            case NoSuchFileException ignored -> "no such file or directory";
            case AccessDeniedException ignored -> "permission denied";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage();
        };
        err.println("mmap4j: " + path + ": " + why);
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

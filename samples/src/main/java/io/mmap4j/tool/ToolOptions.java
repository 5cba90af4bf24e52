// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.tool;

import java.math.BigDecimal;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tool command's parsed command line, getopt style: short options cluster ({@code -vf}), a
 * short option's value may follow it directly ({@code -p4k-8k}) or as the next argument, long
 * options take {@code --name value} or {@code --name=value}, and {@code --} ends the options.
 */
final class ToolOptions {
    /** Thrown for a usage error; its message is one line, without the command's name. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** An option: its long name, its short letter (or 0), whether it takes a value. */
    private record Spec(String name, char letter, boolean value) {
    }

    private static final List<Spec> ALL = List.of(
            new Spec("range", 'p', true), new Spec("ignore", 'i', true), new Spec("include", 'I', true),
            new Spec("max-size", 'm', true), new Spec("follow", 'f', false), new Spec("all-links", (char) 0, false),
            new Spec("batch", 'b', true), new Spec("null", '0', false), new Spec("verbose", 'v', false),
            new Spec("output", 'o', true), new Spec("noheadings", 'n', false), new Spec("raw", 'r', false),
            new Spec("json", 'J', false), new Spec("bytes", (char) 0, false), new Spec("daemon", 'd', false),
            new Spec("pidfile", 'P', true), new Spec("seconds", (char) 0, true), new Spec("help", 'h', false),
            new Spec(PageCacheTool.IN_DAEMON, (char) 0, false));

    private static final Set<String> FILES = Set.of("range", "ignore", "include", "max-size", "follow", "all-links",
            "batch", "null", "help");
    private static final Set<String> REPORT = Set.of("verbose", "output", "noheadings", "raw", "json", "bytes");
    private static final Map<String, Set<String>> BY_COMMAND = Map.of(
            "residency", union(FILES, REPORT), "touch", union(FILES, REPORT), "evict", union(FILES, REPORT),
            "lock", union(FILES, Set.of("bytes", "daemon", "pidfile", "seconds", PageCacheTool.IN_DAEMON)),
            "maps", Set.of("json", "bytes", "help"));

    /** The report's columns, in fincore's spelling where fincore has them. */
    static final List<String> COLUMNS = List.of("SIZE", "TOTAL", "PAGES", "RES", "PERCENT", "MAP", "FILE", "DIRTY",
            "DIRTY_PAGES", "WRITEBACK", "WRITEBACK_PAGES", "EVICTED", "EVICTED_PAGES", "RECENTLY_EVICTED",
            "RECENTLY_EVICTED_PAGES");
    static final List<String> DEFAULT_COLUMNS = List.of("SIZE", "TOTAL", "PAGES", "PERCENT", "MAP", "FILE");

    final List<String> operands = new ArrayList<>();
    final List<PathMatcher> ignore = new ArrayList<>();
    final List<PathMatcher> include = new ArrayList<>();
    List<String> columns = DEFAULT_COLUMNS;
    long rangeStart = 0;
    long rangeEnd = Long.MAX_VALUE; // exclusive; clipped to each file's size
    boolean ranged;
    long maxSize = Long.MAX_VALUE;
    boolean follow, allLinks, nulSeparated, verbose, noHeadings, raw, json, bytes, daemon, inDaemon, help;
    String batch; // "-" for standard input
    String pidFile;
    long seconds = -1;

    private ToolOptions() {
    }

    static ToolOptions parse(String command, List<String> args) throws UsageException {
        Set<String> allowed = BY_COMMAND.getOrDefault(command, Set.of());
        ToolOptions o = new ToolOptions();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (optionsEnded || a.equals("-") || !a.startsWith("-")) {
                o.operands.add(a);
            } else if (a.equals("--")) {
                optionsEnded = true;
            } else if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = a.substring(2, eq < 0 ? a.length() : eq);
                Spec s = find(allowed, name, (char) 0, a);
                String value = null;
                if (s.value()) {
                    if (eq >= 0) {
                        value = a.substring(eq + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new UsageException("--" + name + " takes a value");
                    }
                } else if (eq >= 0) {
                    throw new UsageException("--" + name + " takes no value");
                }
                o.set(s, value);
            } else {
                for (int c = 1; c < a.length(); c++) {
                    Spec s = find(allowed, null, a.charAt(c), a);
                    String value = null;
                    if (s.value()) {
                        if (c + 1 < a.length()) {
                            value = a.substring(c + 1);
                        } else if (i + 1 < args.size()) {
                            value = args.get(++i);
                        } else {
                            throw new UsageException("-" + s.letter() + " takes a value");
                        }
                        c = a.length();
                    }
                    o.set(s, value);
                }
            }
        }
        if (o.nulSeparated && o.batch == null) {
            throw new UsageException("-0 only applies to a list read with -b");
        }
        if (o.daemon && o.seconds >= 0) {
            throw new UsageException("--daemon holds until SIGTERM; --seconds does not apply");
        }
        return o;
    }

    private static Spec find(Set<String> allowed, String name, char letter, String arg) throws UsageException {
        for (Spec s : ALL) {
            if (allowed.contains(s.name()) && (name != null ? s.name().equals(name) : s.letter() == letter)) {
                return s;
            }
        }
        throw new UsageException("unknown option " + (name != null ? "--" + name : "-" + letter)
                + (name == null && arg.length() > 2 ? " (in " + arg + ")" : ""));
    }

    private void set(Spec s, String value) throws UsageException {
        switch (s.name()) {
            case "range" -> {
                long[] r = parseRange(value);
                rangeStart = r[0];
                rangeEnd = r[1];
                ranged = true;
            }
            case "ignore" -> ignore.add(glob(value));
            case "include" -> include.add(glob(value));
            case "max-size" -> maxSize = parseSize(value, "-m");
            case "follow" -> follow = true;
            case "all-links" -> allLinks = true;
            case "batch" -> batch = value;
            case "null" -> nulSeparated = true;
            case "verbose" -> verbose = true;
            case "output" -> columns = parseColumns(value);
            case "noheadings" -> noHeadings = true;
            case "raw" -> raw = true;
            case "json" -> json = true;
            case "bytes" -> bytes = true;
            case "daemon" -> daemon = true;
            case "pidfile" -> pidFile = value;
            case "seconds" -> {
                if (!value.matches("\\d{1,18}")) {
                    throw new UsageException("--seconds takes a whole number");
                }
                seconds = Long.parseLong(value);
            }
            case "help" -> help = true;
            default -> inDaemon = true;
        }
    }

    private static PathMatcher glob(String pattern) throws UsageException {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad pattern " + pattern + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)([kKmMgGtT]?)");

    /** vmtouch's sizes: {@code 4096}, {@code 4k}, {@code 100M}, {@code 1.5G} (powers of 1024). */
    static long parseSize(String text, String option) throws UsageException {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new UsageException(option + ": bad size " + text + " (examples: 4096, 4k, 100M, 1.5G)");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new UsageException(option + ": size " + text + " is too large");
        }
        return bytes.longValue();
    }

    /**
     * vmtouch's {@code -p}: {@code A-B}, {@code A-} (to the end), {@code -B} (from the start),
     * {@code -} (all), or {@code B} alone, meaning {@code -B}.
     */
    static long[] parseRange(String text) throws UsageException {
        String r = text.contains("-") ? text : "-" + text;
        int dash = r.indexOf('-');
        String from = r.substring(0, dash), to = r.substring(dash + 1);
        long start = from.isEmpty() ? 0 : parseSize(from, "-p");
        long end = to.isEmpty() ? Long.MAX_VALUE : parseSize(to, "-p");
        if (start > end) {
            throw new UsageException("-p: range " + text + " ends before it starts");
        }
        return new long[] {start, end};
    }

    /** fincore's {@code --output}: a comma-separated list, or {@code +list} to extend the default. */
    static List<String> parseColumns(String text) throws UsageException {
        List<String> chosen = new ArrayList<>();
        String list = text;
        if (text.startsWith("+")) {
            chosen.addAll(DEFAULT_COLUMNS);
            list = text.substring(1);
        }
        for (String c : list.split(",", -1)) {
            String name = c.trim().toUpperCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                throw new UsageException("unknown column '" + c + "'; columns: " + String.join(",", COLUMNS));
            }
            chosen.add(name);
        }
        return List.copyOf(chosen);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.tool;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The regular files named by the operands, vmtouch's way: directories are walked in name order,
 * names matching an ignore pattern are passed over (directories with all they hold), only files
 * matching an include pattern (if any is given) are kept, files larger than the maximum are
 * skipped, symbolic links are followed only when asked (loops are detected), and a file reached
 * again under another name (a hard link, or a link followed) is counted once unless
 * {@code allLinks}.
 */
final class FileCrawl {
    private final ToolOptions options;
    private final BiConsumer<Path, String> note;
    private final BiConsumer<Path, Throwable> fail;
    private final Map<Object, Path> seen = new HashMap<>();
    private final Consumer<Path> found;
    /** Whether regular files are known by their directory entry and hard links left to the caller. */
    private final boolean typed;

    private FileCrawl(ToolOptions options, BiConsumer<Path, String> note, BiConsumer<Path, Throwable> fail,
                      Consumer<Path> found, boolean typed) {
        this.options = options;
        this.note = note;
        this.fail = fail;
        this.found = found;
        this.typed = typed;
    }

    /** Walks {@code operands}; reports skipped files to {@code note} and failures to {@code fail}. */
    static List<Path> files(List<String> operands, ToolOptions options, BiConsumer<Path, String> note,
                            BiConsumer<Path, Throwable> fail) {
        List<Path> files = new ArrayList<>();
        walk(operands, options, note, fail, files::add, false);
        return files;
    }

    /**
     * Walks {@code operands}, giving each file to {@code found} as soon as it is found, in walk order.
     * With {@code typed}, a directory's regular files are known by their entries' types
     * ({@link Directory#read}) rather than a {@code statx} each, and every file is given, a file
     * reached under several names each time: telling hard links apart is then the caller's work
     * (by {@link Directory#stat} of the open file).
     */
    static void walk(List<String> operands, ToolOptions options, BiConsumer<Path, String> note,
                     BiConsumer<Path, Throwable> fail, Consumer<Path> found, boolean typed) {
        FileCrawl crawl = new FileCrawl(options, note, fail, found, typed);
        for (String operand : operands) {
            if (operand.isEmpty()) { // Path.of("") would be the current directory
                fail.accept(Path.of("''"), new NoSuchFileException(""));
                continue;
            }
            Path path;
            try {
                path = Path.of(operand);
            } catch (InvalidPathException e) { // a NUL, or a name the file-name encoding cannot represent
                fail.accept(Path.of(operand.replace('\0', '?').replaceAll("[^\\x20-\\x7e]", "?")),
                        new IOException("not a name this system's file-name encoding (sun.jnu.encoding="
                                + System.getProperty("sun.jnu.encoding") + ") can represent; run with a UTF-8 locale "
                                + "(LC_ALL=C.UTF-8), or pass it in a list with -b"));
                continue;
            }
            crawl.visit(path, new HashSet<>());
        }
    }

    private void visit(Path path, Set<Object> enclosing) {
        if (matches(options.ignore, path)) {
            return;
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isSymbolicLink()) {
                if (!options.follow) {
                    note.accept(path, "skipped: a symbolic link (-f follows links)");
                    return;
                }
                attrs = Files.readAttributes(path, BasicFileAttributes.class);
            }
        } catch (NoSuchFileException e) {
            fail.accept(path, Files.isSymbolicLink(path) ? new IOException("a dangling symbolic link") : e);
            return;
        } catch (IOException e) {
            fail.accept(path, e);
            return;
        }
        if (attrs.isDirectory()) {
            Object key = attrs.fileKey();
            if (key != null && !enclosing.add(key)) {
                note.accept(path, "skipped: a symbolic link loop");
                return;
            }
            List<Directory.Entry> entries = typed ? Directory.read(path) : null;
            if (entries != null) {
                entries.sort(Comparator.comparing(Directory.Entry::path));
                for (Directory.Entry e : entries) {
                    if (e.type() == Directory.DT_REG && options.maxSize == Long.MAX_VALUE) {
                        visitRegular(e.path()); // no statx: the entry says it is a regular file
                    } else {
                        visit(e.path(), enclosing);
                    }
                }
            } else {
                List<Path> children = new ArrayList<>();
                try (DirectoryStream<Path> dir = Files.newDirectoryStream(path)) {
                    dir.forEach(children::add);
                } catch (IOException e) {
                    fail.accept(path, e);
                } catch (DirectoryIteratorException e) { // reading on failed (/proc/1/map_files): keep what was read
                    fail.accept(path, e.getCause());
                }
                children.sort(null);
                for (Path child : children) {
                    visit(child, enclosing);
                }
            }
            if (key != null) {
                enclosing.remove(key);
            }
        } else if (!attrs.isRegularFile()) {
            note.accept(path, "skipped: not a regular file");
        } else if (!options.include.isEmpty() && !matches(options.include, path)) {
            return;
        } else if (attrs.size() > options.maxSize) {
            note.accept(path, "skipped: larger than the maximum size (-m " + options.maxSize + " bytes)");
        } else if (typed) {
            found.accept(path); // hard links are the caller's to tell apart
        } else {
            Object key = attrs.fileKey();
            Path first = key == null || options.allLinks ? null : seen.putIfAbsent(key, path);
            if (first == null) {
                found.accept(path);
            } else if (options.verbose) {
                note.accept(path, sameFileAs(first));
            }
        }
    }

    /** {@return the note on a file reached again under another name, which is counted once} */
    static String sameFileAs(Path first) {
        return "skipped: the same file as " + PageCacheTool.display(first) + " (counted once; --all-links counts it again)";
    }

    /** A regular file that its directory entry named as one: the patterns decide, with no system call. */
    private void visitRegular(Path path) {
        if (!matches(options.ignore, path) && (options.include.isEmpty() || matches(options.include, path))) {
            found.accept(path);
        }
    }

    private static boolean matches(List<PathMatcher> patterns, Path path) {
        if (patterns.isEmpty()) { // no name to make: this runs for every file of the tree
            return false;
        }
        Path name = path.getFileName();
        if (name == null) {
            return false;
        }
        for (PathMatcher p : patterns) {
            if (p.matches(name)) {
                return true;
            }
        }
        return false;
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.tool;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A directory's entries with their types, as {@code getdents64(2)} gives them ({@code d_type}), so
 * that the walk need not {@code statx} every regular file to learn that it is one ({@code find} and
 * {@code fts} work the same way); and an open file's device, inode and size ({@code statx}), by which the
 * workers tell hard links apart. {@code java.nio.file} reads the types and drops them.
 *
 * <p>Only an answer that is certainly right is given: a directory that cannot be opened or read
 * here, or that holds a name which is not valid UTF-8, gives {@code null}, and the walk lists it with
 * {@link java.nio.file.Files#newDirectoryStream}, which keeps such names as bytes and says what
 * failed. Nothing is read at all where the JVM does not let this module call native code, or
 * file names are not decoded as UTF-8.
 */
final class Directory {
    /** {@code d_type} values (dirent.h): the same on every Linux architecture. */
    static final byte DT_UNKNOWN = 0, DT_DIR = 4, DT_REG = 8, DT_LNK = 10;

    /** One entry: its path (the directory's, resolved) and {@code d_type}. */
    record Entry(Path path, byte type) {
    }

    /**
     * {@code struct linux_dirent64}, the records {@code getdents64} fills its buffer with, the same
     * on every Linux architecture: {@code d_ino} (8 bytes), {@code d_off} (8), {@code d_reclen} (2,
     * the record's length, a multiple of 8), {@code d_type} (1), then the name, NUL-terminated.
     */
    private static final long D_RECLEN = 16, D_TYPE = 18, D_NAME = 19;
    /** Bytes of records a {@code getdents64} call: glibc's {@code readdir} reads 32 KiB at a time too. */
    private static final int BUFFER = 32 << 10;

    @SuppressWarnings("restricted")
    private static MethodHandle link(String name, FunctionDescriptor d, Linker.Option... options) {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().find(name).orElseThrow(), d, options);
    }

    private static final boolean USABLE = Directory.class.getModule().isNativeAccessEnabled()
            && Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).equals(StandardCharsets.UTF_8)
            && "Linux".equals(System.getProperty("os.name"))
            && List.of("amd64", "aarch64").contains(System.getProperty("os.arch"));

    private Directory() {
    }

    /**
     * libc's functions for reading directories, linked on first use (only where this module may call
     * native code): a run over one file needs {@link Stat} alone, and linking a handle spins classes.
     * {@code dirfd} and {@code closedir} share one shape, for which the linker spins one class:
     * four handles, three classes.
     * {@code getdents64} (glibc 2.30+) fills a buffer with many entries a call, where {@code readdir}
     * is a call (and a segment) an entry, and says a failure by its result, where {@code readdir}
     * needs errno cleared before each call.
     */
    private static final class Libc {
        static final MethodHandle OPENDIR = link("opendir", FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle DIRFD = link("dirfd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle GETDENTS64 = link("getdents64", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        static final MethodHandle CLOSEDIR = link("closedir", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    /** {@code statx}, linked on first use. */
    private static final class Stat {
        static final MethodHandle STATX = link("statx",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
        static final MemorySegment EMPTY = Arena.global().allocateFrom("");
        /** A {@code struct statx} a thread (256 bytes: the same layout on every architecture). */
        static final ThreadLocal<MemorySegment> STATX_BUF = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(256, 8));
    }

    /** A file's identity: two names with the same key are links to one file. */
    record Key(long device, long inode) {
    }

    /** What {@link #stat} tells of an open file. */
    record Status(Key key, long size) {
    }

    private static final int AT_EMPTY_PATH = 0x1000, STATX_SIZE = 0x200, STATX_INO = 0x100;

    /**
     * {@return the device, inode and size of the open file {@code fd} ({@code statx(fd, "",
     * AT_EMPTY_PATH)}), or null where they cannot be had}
     */
    static Status stat(long fd) {
        if (!USABLE) {
            return null;
        }
        try {
            MemorySegment buf = Stat.STATX_BUF.get();
            int r = (int) Stat.STATX.invokeExact((int) fd, Stat.EMPTY, AT_EMPTY_PATH, STATX_INO | STATX_SIZE, buf);
            // struct statx: stx_mask at 0, stx_ino at 32, stx_size at 40, stx_dev_major and _minor at 136 and 140
            if (r != 0 || (buf.get(JAVA_INT, 0) & (STATX_INO | STATX_SIZE)) != (STATX_INO | STATX_SIZE)) {
                return null;
            }
            return new Status(new Key((long) buf.get(JAVA_INT, 136) << 32 | buf.get(JAVA_INT, 140) & 0xffffffffL,
                    buf.get(JAVA_LONG, 32)), buf.get(JAVA_LONG, 40));
        } catch (Throwable t) {
            return null;
        }
    }

    /** {@return whether directories can be read with their entries' types here} */
    static boolean usable() {
        return USABLE;
    }

    /**
     * {@return the entries of {@code dir} but {@code .} and {@code ..}, in the order read, or null
     * when they cannot be read this way} (the caller then lists {@code dir} with
     * {@code java.nio.file}, which gives the reason of any failure).
     */
    static List<Entry> read(Path dir) {
        if (!USABLE) {
            return null;
        }
        String name = dir.toString();
        if (name.indexOf('\uFFFD') >= 0) {
            return null;
        }
        try (Arena arena = Arena.ofConfined()) {
            // opendir, not open: it opens with O_DIRECTORY and O_CLOEXEC, whose values differ by architecture
            MemorySegment stream = (MemorySegment) Libc.OPENDIR.invokeExact(arena.allocateFrom(name));
            if (stream.equals(MemorySegment.NULL)) {
                return null;
            }
            try {
                int fd = (int) Libc.DIRFD.invokeExact(stream);
                MemorySegment buf = arena.allocate(BUFFER, 8);
                byte[] bytes = new byte[256]; // a name is at most 255 bytes (NAME_MAX), then its NUL
                List<Entry> entries = new ArrayList<>();
                long n;
                while ((n = (long) Libc.GETDENTS64.invokeExact(fd, buf, (long) BUFFER)) > 0) {
                    for (long at = 0; at < n; ) {
                        int length = Short.toUnsignedInt(buf.get(JAVA_SHORT, at + D_RECLEN));
                        if (length <= D_NAME || at + length > n) { // not a record read right: leave it to java.nio.file
                            return null;
                        }
                        int room = (int) Math.min(bytes.length, length - D_NAME);
                        MemorySegment.copy(buf, JAVA_BYTE, at + D_NAME, bytes, 0, room);
                        int end = 0;
                        while (end < room && bytes[end] != 0) {
                            end++;
                        }
                        if (end == room) { // no NUL within the record
                            return null;
                        }
                        byte type = buf.get(JAVA_BYTE, at + D_TYPE);
                        at += length;
                        if ((end == 1 && bytes[0] == '.') || (end == 2 && bytes[0] == '.' && bytes[1] == '.')) {
                            continue;
                        }
                        String child = new String(bytes, 0, end, StandardCharsets.UTF_8);
                        if (child.indexOf('\uFFFD') >= 0) { // not valid UTF-8 (or a U+FFFD): java.nio.file keeps the bytes
                            return null;
                        }
                        entries.add(new Entry(dir.resolve(child), type));
                    }
                }
                return n == 0 ? entries : null; // -1: a failure, which java.nio.file will name
            } finally {
                int ignored = (int) Libc.CLOSEDIR.invokeExact(stream);
            }
        } catch (Throwable t) { // a linker that cannot be had here: list with java.nio.file
            return null;
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.tool;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A directory's entries with their types, as {@code readdir(3)} gives them ({@code d_type}), so that
 * the walk need not {@code statx} every regular file to learn that it is one ({@code find} and
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
     * {@code struct dirent} as glibc's {@code readdir} returns it on 64-bit Linux (x86_64 and
     * aarch64 alike): the name follows {@code d_type}, NUL-terminated.
     */
    private static final StructLayout DIRENT = MemoryLayout.structLayout(
            JAVA_LONG.withName("d_ino"), JAVA_LONG.withName("d_off"),
            java.lang.foreign.ValueLayout.JAVA_SHORT.withName("d_reclen"), JAVA_BYTE.withName("d_type"),
            MemoryLayout.sequenceLayout(256, JAVA_BYTE).withName("d_name")).withByteAlignment(8);
    private static final VarHandle D_TYPE = DIRENT.varHandle(MemoryLayout.PathElement.groupElement("d_type"));
    private static final long D_NAME = DIRENT.byteOffset(MemoryLayout.PathElement.groupElement("d_name"));

    private static final boolean USABLE = Directory.class.getModule().isNativeAccessEnabled()
            && Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).equals(StandardCharsets.UTF_8)
            && "Linux".equals(System.getProperty("os.name"))
            && List.of("amd64", "aarch64").contains(System.getProperty("os.arch"));

    private Directory() {
    }

    /** libc's functions, linked on first use (only where this module may call native code). */
    @SuppressWarnings("restricted")
    private static final class Libc {
        static final Linker LINKER = Linker.nativeLinker();
        static final MethodHandle OPENDIR = handle("opendir", FunctionDescriptor.of(ADDRESS, ADDRESS));
        /** errno as the call left it, before the JVM runs anything that could change it. */
        static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO_AFTER = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle READDIR = LINKER.downcallHandle(LINKER.defaultLookup().find("readdir").orElseThrow(),
                FunctionDescriptor.of(ADDRESS.withTargetLayout(DIRENT), ADDRESS), Linker.Option.captureCallState("errno"));
        static final MethodHandle CLOSEDIR = handle("closedir", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle ERRNO = handle("__errno_location",
                FunctionDescriptor.of(ADDRESS.withTargetLayout(JAVA_INT)));
        static final MethodHandle STATX = handle("statx",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
        static final MemorySegment EMPTY = Arena.global().allocateFrom("");
        /** A {@code struct statx} a thread (256 bytes: the same layout on every architecture). */
        static final ThreadLocal<MemorySegment> STATX_BUF = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(256, 8));

        private static MethodHandle handle(String name, FunctionDescriptor d) {
            return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), d);
        }
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
            MemorySegment buf = Libc.STATX_BUF.get();
            int r = (int) Libc.STATX.invokeExact((int) fd, Libc.EMPTY, AT_EMPTY_PATH, STATX_INO | STATX_SIZE, buf);
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
            MemorySegment stream = (MemorySegment) Libc.OPENDIR.invokeExact(arena.allocateFrom(name));
            if (stream.equals(MemorySegment.NULL)) {
                return null;
            }
            try {
                MemorySegment errno = (MemorySegment) Libc.ERRNO.invokeExact();
                MemorySegment after = arena.allocate(Libc.CALL_STATE);
                List<Entry> entries = new ArrayList<>();
                while (true) {
                    // readdir returns NULL at the end and on failure, and only errno tells them apart: it
                    // leaves errno as it found it at the end, so errno is cleared before each call
                    errno.set(JAVA_INT, 0, 0);
                    MemorySegment e = (MemorySegment) Libc.READDIR.invokeExact(after, stream);
                    if (e.equals(MemorySegment.NULL)) {
                        return (int) Libc.ERRNO_AFTER.get(after, 0L) == 0 ? entries : null;
                    }
                    String child = e.getString(D_NAME, StandardCharsets.UTF_8);
                    if (child.indexOf('\uFFFD') >= 0) { // not valid UTF-8 (or a U+FFFD): java.nio.file keeps the bytes
                        return null;
                    }
                    if (!child.equals(".") && !child.equals("..")) {
                        entries.add(new Entry(dir.resolve(child), (byte) D_TYPE.get(e, 0L)));
                    }
                }
            } finally {
                int ignored = (int) Libc.CLOSEDIR.invokeExact(stream);
            }
        } catch (Throwable t) { // a linker that cannot be had here: list with java.nio.file
            return null;
        }
    }
}

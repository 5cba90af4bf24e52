// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code /proc/<pid>/maps}: a range of a process's address space, what it allows,
 * whether it is shared, and what backs it. Lets users see what their flags did.
 *
 * {@snippet :
 * for (MapsEntry e : MapsEntry.readSelf()) {
 *     if (e.isMmap4j()) {
 *         System.out.println(e);   // 7f1c2a000000-7f1c2a010000 rw-s 00000000 fe:00 1234 /data/file
 *     }
 * }
 * }
 *
 * @param start       the first address
 * @param end         the address after the last
 * @param permissions four characters: {@code r}, {@code w}, {@code x} or {@code -}, then {@code s}
 *                    (shared) or {@code p} (private)
 * @param offset      the file offset of {@code start}
 * @param device      the backing file's device, {@code major:minor} in hex
 * @param inode       the backing file's inode, 0 for none
 * @param path        the backing file's path or a pseudo-name such as {@code [heap]}; empty for none
 * @param isMmap4j    whether the range belongs to a live mapping made by mmap4j in this process
 */
public record MapsEntry(long start, long end, String permissions, long offset, String device, long inode,
                        String path, boolean isMmap4j) {

    /** {@return the number of bytes in the range} */
    public long length() {
        return end - start;
    }

    /** {@return whether the range can be read} */
    public boolean canRead() {
        return permissions.charAt(0) == 'r';
    }

    /** {@return whether the range can be written} */
    public boolean canWrite() {
        return permissions.charAt(1) == 'w';
    }

    /** {@return whether the range can be executed} */
    public boolean canExecute() {
        return permissions.charAt(2) == 'x';
    }

    /** {@return whether the range is shared ({@code MAP_SHARED}) rather than private} */
    public boolean isShared() {
        return permissions.charAt(3) == 's';
    }

    /**
     * {@return this process's mappings, in address order}
     *
     * @throws IOException if {@code /proc/self/maps} cannot be read (not Linux)
     */
    public static List<MapsEntry> readSelf() throws IOException {
        return parse(lines(Path.of("/proc/self/maps")), true);
    }

    /**
     * {@return another process's mappings, in address order ({@link #isMmap4j()} is always false)}
     *
     * @param pid the process id
     * @throws IOException if {@code /proc/<pid>/maps} cannot be read (no such process, or no permission)
     */
    public static List<MapsEntry> read(long pid) throws IOException {
        if (pid == ProcessHandle.current().pid()) {
            return readSelf();
        }
        return parse(lines(Path.of("/proc/" + pid + "/maps")), false);
    }

    /** File names are bytes: a name that is not UTF-8 shows U+FFFD where its bytes do not decode, as a {@link Path} does. */
    private static List<String> lines(Path maps) throws IOException {
        return new String(Files.readAllBytes(maps), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }

    private static List<MapsEntry> parse(List<String> lines, boolean self) {
        List<MapsEntry> entries = new ArrayList<>(lines.size());
        for (String line : lines) {
            String[] f = line.trim().split("\\s+", 6);
            int dash = f[0].indexOf('-');
            long start = Long.parseUnsignedLong(f[0], 0, dash, 16);
            long end = Long.parseUnsignedLong(f[0], dash + 1, f[0].length(), 16);
            entries.add(new MapsEntry(start, end, f[1], Long.parseUnsignedLong(f[2], 16), f[3], Long.parseLong(f[4]),
                    f.length > 5 ? f[5] : "", self && Mapping.isLive(start, end)));
        }
        return entries;
    }

    /** {@return the line as {@code /proc/<pid>/maps} shows it, without the padding} */
    @Override
    public String toString() {
        return Long.toHexString(start) + "-" + Long.toHexString(end) + " " + permissions + " "
                + String.format("%08x", offset) + " " + device + " " + inode + (path.isEmpty() ? "" : " " + path);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The kernel's own account of this process's mappings, read from {@code /proc/self/maps}. */
record ProcMaps(List<Entry> entries) {

    /** One line of {@code /proc/self/maps}. */
    record Entry(long start, long end, String perms, long offset, String path) {
        boolean shared() {
            return perms.charAt(3) == 's';
        }

        boolean covers(long address) {
            return start <= address && address < end;
        }
    }

    static ProcMaps read() {
        try {
            return new ProcMaps(Files.readAllLines(Path.of("/proc/self/maps")).stream().map(ProcMaps::parse).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Entry parse(String line) {
        String[] f = line.trim().split("\\s+", 6);
        String[] range = f[0].split("-");
        return new Entry(Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16), f[1],
                Long.parseUnsignedLong(f[2], 16), f.length > 5 ? f[5] : "");
    }

    /**
     * {@return the numeric fields (in kB, or counts) of the {@code /proc/self/smaps} entry that
     * covers {@code address}, such as {@code Rss}, {@code Private_Dirty}, {@code Locked}}
     * {@link Smaps#at} also gives the entry's {@code VmFlags}.
     */
    static java.util.Map<String, Long> smapsAt(long address) {
        return Smaps.at(address).fields();
    }

    /** {@return the entry that covers {@code address}, if any} */
    Optional<Entry> at(long address) {
        return entries.stream().filter(e -> e.covers(address)).findFirst();
    }

    /** {@return the entries that overlap {@code [start, end)}} */
    List<Entry> overlapping(long start, long end) {
        return entries.stream().filter(e -> e.start() < end && start < e.end()).toList();
    }

    /**
     * {@return the entries that may still be what was mapped at {@code [start, end)} from {@code path}
     * ({@code ""} for anonymous memory)} Once that range is unmapped, any thread of the JVM may map
     * its own memory there at once (the kernel hands out the lowest free addresses first), so an
     * entry with another name, or one reaching outside the range, is the JVM's and not counted.
     */
    List<Entry> leftOf(long start, long end, String path) {
        return entries.stream().filter(e -> start <= e.start() && e.end() <= end && e.path().equals(path)).toList();
    }
}

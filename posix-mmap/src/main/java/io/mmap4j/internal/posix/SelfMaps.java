// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.internal.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The backend's own reading of {@code /proc/self/maps}: address ranges and their rights, nothing more. */
final class SelfMaps {
    private SelfMaps() {
    }

    /** One line: {@code [start, end)} and whether it can be read, written, executed. */
    record Region(long start, long end, boolean read, boolean write, boolean execute) {
        @Override
        public String toString() {
            return Long.toHexString(start) + "-" + Long.toHexString(end) + " " + (read ? 'r' : '-')
                    + (write ? 'w' : '-') + (execute ? 'x' : '-');
        }
    }

    /** {@return the regions of this process, in address order} */
    static List<Region> read() throws IOException {
        List<Region> regions = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"), java.nio.charset.StandardCharsets.ISO_8859_1)) { // names are bytes
            int dash = line.indexOf('-'), space = line.indexOf(' ');
            if (dash < 0 || space < dash || line.length() < space + 4) {
                continue;
            }
            regions.add(new Region(Long.parseUnsignedLong(line, 0, dash, 16),
                    Long.parseUnsignedLong(line, dash + 1, space, 16), line.charAt(space + 1) == 'r',
                    line.charAt(space + 2) == 'w', line.charAt(space + 3) == 'x'));
        }
        return regions;
    }
}

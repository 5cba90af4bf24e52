// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.internal.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Facts about huge pages that the kernel gives in {@code /proc}. */
final class HugePages {
    private HugePages() {
    }

    private static volatile long defaultSize;

    /** {@return the default huge page size ({@code Hugepagesize} in /proc/meminfo), or {@code fallback}} */
    static long defaultSize(long fallback) {
        long size = defaultSize;
        if (size == 0) {
            size = fallback;
            try {
                for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (line.startsWith("Hugepagesize:")) {
                        size = 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | NumberFormatException unreadable) {
                return fallback; // not remembered: maybe readable next time
            }
            defaultSize = size;
        }
        return size;
    }

    /**
     * {@return whether the file behind a descriptor lives on hugetlbfs: a hugetlb memfd
     * ({@code MFD_HUGETLB}, on the kernel's own mount, named {@code /memfd:...}), or a file under a
     * hugetlbfs mount} The caller has seen a block size above the base page: a memfd without
     * {@code MFD_HUGETLB} is shmem, whose block size is the base page.
     */
    static boolean isHugetlbfs(long fd) {
        try {
            String path = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            if (path.startsWith("/memfd:")) {
                return true;
            }
            String best = "";
            boolean huge = false;
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts"));
            for (String line : mounts) {
                String[] f = line.split(" ");
                if (f.length < 3) {
                    continue;
                }
                String point = f[1].replace("\\040", " ");
                boolean under = path.equals(point) || path.startsWith(point.endsWith("/") ? point : point + "/");
                if (under && point.length() >= best.length()) {
                    best = point;
                    huge = f[2].equals("hugetlbfs");
                }
            }
            return huge;
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}

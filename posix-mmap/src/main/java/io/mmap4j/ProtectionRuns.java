// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.util.Arrays;

/**
 * The native protection of each page of one mapping, as sorted runs: run i covers bytes
 * {@code [starts[i], starts[i+1])} of the kernel mapping (the last run ends at its length).
 * Immutable; every change returns a new value.
 */
final class ProtectionRuns {
    private final long[] starts;
    private final int[] prots;
    private final long length;

    private ProtectionRuns(long[] starts, int[] prots, long length) {
        this.starts = starts;
        this.prots = prots;
        this.length = length;
    }

    static ProtectionRuns uniform(long length, int prot) {
        return new ProtectionRuns(new long[]{0}, new int[]{prot}, length);
    }

    boolean isUniform() {
        return prots.length == 1;
    }

    /** {@return the protection every byte of {@code [from, to)} has: the AND of its runs' bits} */
    int common(long from, long to) {
        int all = -1;
        for (int i = 0; i < prots.length; i++) {
            long end = i + 1 < starts.length ? starts[i + 1] : length;
            if (starts[i] < to && from < end) {
                all &= prots[i];
            }
        }
        return all;
    }

    /** {@return these runs with {@code [from, to)} set to {@code prot}} */
    ProtectionRuns with(long from, long to, int prot) {
        long[] s = new long[starts.length * 3];
        int[] p = new int[prots.length * 3];
        int n = 0;
        for (int i = 0; i < prots.length; i++) {
            long start = starts[i], end = i + 1 < starts.length ? starts[i + 1] : length;
            if (start < from) {
                n = add(s, p, n, start, prots[i]);
            }
            if (start < to && from < end) {
                n = add(s, p, n, Math.max(start, from), prot);
            }
            if (end > to) {
                n = add(s, p, n, Math.max(start, to), prots[i]);
            }
        }
        return new ProtectionRuns(Arrays.copyOf(s, n), Arrays.copyOf(p, n), length).merged();
    }

    private static int add(long[] s, int[] p, int n, long start, int prot) {
        if (n > 0 && s[n - 1] == start) {
            p[n - 1] = prot;
            return n;
        }
        s[n] = start;
        p[n] = prot;
        return n + 1;
    }

    /** {@return the runs of {@code [from, to)}, rebased to start at 0} */
    ProtectionRuns slice(long from, long to) {
        long[] s = new long[starts.length];
        int[] p = new int[prots.length];
        int n = 0;
        for (int i = 0; i < prots.length; i++) {
            long start = starts[i], end = i + 1 < starts.length ? starts[i + 1] : length;
            if (start < to && from < end) {
                s[n] = Math.max(start, from) - from;
                p[n++] = prots[i];
            }
        }
        return new ProtectionRuns(Arrays.copyOf(s, n), Arrays.copyOf(p, n), to - from);
    }

    /** {@return these runs over a mapping of {@code newLength} bytes: the last run grows or all shrink} */
    ProtectionRuns resized(long newLength) {
        return newLength < length ? slice(0, newLength) : new ProtectionRuns(starts, prots, newLength);
    }

    private ProtectionRuns merged() {
        long[] s = new long[starts.length];
        int[] p = new int[prots.length];
        int n = 0;
        for (int i = 0; i < prots.length; i++) {
            if (n == 0 || p[n - 1] != prots[i]) {
                s[n] = starts[i];
                p[n++] = prots[i];
            }
        }
        return n == prots.length ? this : new ProtectionRuns(Arrays.copyOf(s, n), Arrays.copyOf(p, n), length);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < prots.length; i++) {
            b.append(i == 0 ? "" : ", ").append(starts[i]).append(':').append(prots[i]);
        }
        return "[" + b + " /" + length + "]";
    }
}

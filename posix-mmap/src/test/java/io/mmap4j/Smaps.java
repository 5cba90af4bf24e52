// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's account of one region of this process, read from {@code /proc/self/smaps}: its
 * numeric fields ({@code Rss}, {@code Locked}, {@code KernelPageSize}, ..., in kB or counts) and
 * its {@code VmFlags} mnemonics ({@code rr}, {@code lo}, {@code ht}, ..., as proc(5) lists them).
 */
record Smaps(ProcMaps.Entry region, Map<String, Long> fields, List<String> vmFlags) {

    /** {@return the region that covers {@code address}}; fails the test if none does */
    static Smaps at(long address) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcMaps.Entry region = null;
        Map<String, Long> fields = new HashMap<>();
        List<String> flags = List.of();
        for (String line : lines) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                if (region != null) {
                    break;
                }
                ProcMaps.Entry e = ProcMaps.parse(line);
                region = e.covers(address) ? e : null;
            } else if (region != null) {
                String[] kv = line.split(":\\s*", 2);
                if (kv[0].equals("VmFlags")) {
                    flags = List.of(kv[1].trim().split("\\s+"));
                } else if (kv.length > 1) {
                    String[] value = kv[1].trim().split("\\s+");
                    if (value[0].matches("\\d+")) {
                        fields.put(kv[0], Long.parseLong(value[0]));
                    }
                }
            }
        }
        if (region == null) {
            throw new AssertionError("no smaps entry covers 0x" + Long.toHexString(address));
        }
        return new Smaps(region, Map.copyOf(fields), flags);
    }

    /** {@return a numeric field, in kB for sizes}; fails the test if the kernel did not report it */
    long kb(String field) {
        Long value = fields.get(field);
        if (value == null) {
            throw new AssertionError("smaps of " + region + " has no field " + field + ": " + fields.keySet());
        }
        return value;
    }

    /** {@return whether {@code VmFlags} holds the mnemonic} */
    boolean hasFlag(String mnemonic) {
        return vmFlags.contains(mnemonic);
    }

    @Override
    public String toString() {
        return Long.toHexString(region.start()) + "-" + Long.toHexString(region.end()) + " " + region.perms()
                + " Rss " + fields.get("Rss") + " kB, Locked " + fields.get("Locked") + " kB, KernelPageSize "
                + fields.get("KernelPageSize") + " kB, VmFlags " + String.join(" ", vmFlags);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;
import io.mmap4j.PageSize;
import io.mmap4j.SyncMode;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * The SMILES-plus-property file of "Memory-mapped files for efficient data processing": records of
 * a {@code uint32} byte length, that many bytes of a UTF-8 string, and a {@code float64} value, in
 * native byte order as Python's {@code struct.pack('I')} and {@code struct.pack('d')} write them.
 *
 * <p>The article takes its molecules from the QM9 data set; no such list is available here, so the
 * strings are <em>SMILES-like</em>: generated deterministically from a seeded random source, built
 * from SMILES atoms, bonds, branches and a benzene ring, but not checked as chemistry. The values
 * look like QM9's U0 energies in Hartree.
 *
 * <p>Steps: {@code fallocate} whole pages for the largest possible records, write them through a
 * {@code MAP_SHARED} mapping, read them back, double each value in place, {@code msync}, unmap, and
 * {@code ftruncate} the file to the bytes really used. Doubling is exact in binary floating point,
 * so the sum of the values after is exactly twice the sum before.
 */
final class Records {
    private Records() {
    }

    /** QM9 holds 133,885 molecules. */
    static final int QM9_COUNT = 133_885;
    static final long SEED = 9;
    static final int MAX_STRING_BYTES = 80;
    static final int MAX_RECORD_BYTES = Integer.BYTES + MAX_STRING_BYTES + Double.BYTES;

    private static final ValueLayout.OfInt LENGTH = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfDouble VALUE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final String[] ATOMS = {"C", "C", "C", "C", "N", "O", "O", "F", "Cl", "S"};

    static void run(Path dir, int count, PrintStream out) throws IOException {
        Path path = dir.resolve("smiles_properties.dat");
        long reserved = PageSize.alignUp((long) count * MAX_RECORD_BYTES);
        out.printf("%d SMILES-like strings, generated with seed %d (no molecule list here: not real chemistry)%n",
                count, SEED);
        try (MappedFile file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            file.allocate(0, reserved);
            out.printf("allocated: %d bytes (%d records of at most %d bytes, rounded up to %d-byte pages)%n",
                    file.size(), count, MAX_RECORD_BYTES, PageSize.get());

            long used;
            try (Mapping m = file.map(MapOptions.readWrite())) {
                MemorySegment s = m.segment();
                var random = new SplittableRandom(SEED);
                double written = 0;
                long at = 0;
                for (int i = 0; i < count; i++) {
                    byte[] smiles = smilesLike(random).getBytes(StandardCharsets.UTF_8);
                    double value = u0Like(random);
                    if (i < 3) {
                        out.printf("  record %d at byte %d: %s %.6f%n", i, at,
                                new String(smiles, StandardCharsets.UTF_8), value);
                    }
                    s.set(LENGTH, at, smiles.length);
                    MemorySegment.copy(smiles, 0, s, ValueLayout.JAVA_BYTE, at + Integer.BYTES, smiles.length);
                    s.set(VALUE, at + Integer.BYTES + smiles.length, value);
                    at += Integer.BYTES + smiles.length + Double.BYTES;
                    written += value;
                }
                used = at;
                m.sync(0, used, SyncMode.SYNC);
                out.printf("wrote %d records, %d bytes, sum of values %.6f; msync(MS_SYNC)%n", count, used, written);

                // the article's second pass: read each record, write its value back doubled
                Pass pass = doubleInPlace(s);
                m.sync(0, used, SyncMode.SYNC);
                out.printf("read back %d records ending at byte %d; doubled each value in place; msync(MS_SYNC)%n",
                        pass.records(), pass.end());
                out.printf("sum of values: before %.6f, after %.6f (after / before = %s)%n",
                        pass.sumBefore(), pass.sumAfter(), pass.sumAfter() / pass.sumBefore());
                if (pass.records() != count || pass.end() != used || pass.sumBefore() != written) {
                    throw new IllegalStateException("read back " + pass + ", wrote " + count + " records, " + used
                            + " bytes, sum " + written);
                }
            }
            file.truncate(used);
            out.printf("ftruncate(fd, %d): the file shrinks from %d to %d bytes%n", used, reserved, file.size());
        }
        Pass again = sum(MemorySegment.ofArray(Files.readAllBytes(path)));
        out.printf("read with plain file I/O: %d records, %d bytes, sum of values %.6f%n",
                again.records(), Files.size(path), again.sumBefore());
    }

    /** What a pass over the records found: how many, where they end, the sums of values before and after. */
    record Pass(long records, long end, double sumBefore, double sumAfter) {
    }

    /** Doubles every value in place, stopping at the first zero length (the unused, zero-filled rest). */
    static Pass doubleInPlace(MemorySegment s) {
        return walk(s, true);
    }

    /** Counts the records and sums their values without changing them. */
    static Pass sum(MemorySegment s) {
        return walk(s, false);
    }

    private static Pass walk(MemorySegment s, boolean doubleValues) {
        long at = 0, records = 0;
        double before = 0, after = 0;
        while (at + Integer.BYTES <= s.byteSize()) {
            int length = s.get(LENGTH, at);
            if (length == 0) {
                break;
            }
            long valueAt = at + Integer.BYTES + length;
            double value = s.get(VALUE, valueAt);
            before += value;
            if (doubleValues) {
                s.set(VALUE, valueAt, 2 * value);
                after += 2 * value;
            }
            at = valueAt + Double.BYTES;
            records++;
        }
        return new Pass(records, at, before, doubleValues ? after : before);
    }

    /** A SMILES-like string: atoms, some double bonds and branches, sometimes a benzene ring. */
    static String smilesLike(SplittableRandom random) {
        var sb = new StringBuilder();
        int atoms = 1 + random.nextInt(9);
        for (int i = 0; i < atoms; i++) {
            if (i > 0 && random.nextInt(5) == 0) {
                sb.append('=');
            }
            sb.append(ATOMS[random.nextInt(ATOMS.length)]);
            if (random.nextInt(6) == 0) {
                sb.append('(').append(ATOMS[random.nextInt(ATOMS.length)]).append(')');
            }
        }
        if (random.nextInt(4) == 0) {
            sb.append("c1ccccc1");
        }
        return sb.toString(); // at most 9 * 7 + 8 = 71 bytes, under MAX_STRING_BYTES
    }

    /** A value in the range of QM9's U0 energies, in Hartree. */
    static double u0Like(SplittableRandom random) {
        return -40 - 660 * random.nextDouble();
    }
}

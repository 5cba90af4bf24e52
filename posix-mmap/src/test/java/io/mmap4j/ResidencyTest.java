// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Residency of ranges of any size (issue 9, item 6). */
class ResidencyTest {
    private static final long TIB = 1L << 40;

    @Test
    void residencyOfAnEightTebibyteMappingCountsTheTouchedPages() throws Exception {
        Emulation.skipIfEmulated("qemu-user reserves a bounded guest address space, too small for 8 TiB");
        long page = PageSize.get();
        long length = 8 * TIB;
        try (Mapping m = Mapping.anonymous(length, MapOptions.copyOnWrite().with(MapFlag.NORESERVE))) {
            MemorySegment s = m.segment();
            long[] touched = {0, page, 3 * page, TIB, 5 * TIB + 7 * page, length - page};
            for (long at : touched) {
                s.set(JAVA_BYTE, at, (byte) 1);
            }
            Residency r = m.residency();
            assertEquals(length / page, r.pages());
            assertEquals(touched.length, r.residentPages());
            assertEquals(5, r.residentRuns(), "pages 0 and 1 form one run");
            for (long at : touched) {
                assertTrue(r.isResident(at / page), "page " + at / page);
            }
            assertFalse(r.isResident(2 * page / page));
            assertFalse(r.isResident(TIB / page + 1));
            var tooBig = assertThrows(IllegalStateException.class, r::toBitSet);
            assertTrue(tooBig.getMessage().contains("residentRuns()"), tooBig.getMessage());

            Residency tail = m.residency(length - 2 * page, 2 * page);
            assertEquals(2, tail.pages());
            assertEquals(1, tail.residentPages());
            assertTrue(tail.isResident(1));
            assertEquals(0b10, tail.toBitSet().toLongArray()[0]);
        }
    }

    @Test
    void runsAcrossTheChunksOfMincoreJoinUp() throws Exception {
        long page = PageSize.get();
        long chunk = 1L << 20; // pages per mincore call in Mapping
        try (Mapping m = Mapping.anonymous((chunk + 8) * page, MapOptions.copyOnWrite().with(MapFlag.NORESERVE))) {
            MemorySegment s = m.segment();
            for (long p = chunk - 3; p < chunk + 3; p++) {
                s.set(JAVA_BYTE, p * page, (byte) 1);
            }
            Residency r = m.residency();
            assertEquals(1, r.residentRuns(), r.toString());
            assertEquals(chunk - 3, r.runStart(0));
            assertEquals(chunk + 3, r.runEnd(0));
            assertEquals(6, r.residentPages());
        }
    }
}

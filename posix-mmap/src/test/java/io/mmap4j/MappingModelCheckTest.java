// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based check of {@link Mapping} against a plain Java model: {@link MappingModelCheck}
 * runs at least 10,000 random sequences of map, partial unmap, protect, advise, sync, remap, read
 * and write in a child JVM, so that a fault would leave a crash log instead of ending the tests.
 *
 * <p>The seed is random unless the system property {@code mmap4j.modelcheck.seed} gives one; a
 * failure reports it with the failing sequence and its steps, and
 * {@code MappingModelCheck SEED 1 SEQUENCE} replays that sequence alone.
 */
@EnabledOnOs(OS.LINUX)
class MappingModelCheckTest {
    private static final int SEQUENCES = 10_000;

    @TempDir
    Path dir;

    @Test
    void tenThousandRandomSequencesMatchTheModelAndEveryIllegalStepThrowsTheDocumentedException() throws Exception {
        Emulation.skipIfEmulated("qemu-user emulates mremap over its own page table, which does not split where the kernel splits a mapping (after mprotect or madvise), so remap succeeds or fails where the kernel's would not");
        long seed = Long.getLong("mmap4j.modelcheck.seed", ThreadLocalRandom.current().nextLong());
        ChildJvm.Result r = ChildJvm.run(dir, Duration.ofSeconds(120), MappingModelCheck.class,
                Long.toString(seed), Integer.toString(SEQUENCES));
        String context = "seed " + seed + "; " + r;
        assertEquals(0, r.exitCode(), () -> "exit code of the model check; " + context);
        assertEquals(List.of(), ChildJvm.crashLogs(dir), () -> "crash logs; " + context);
        assertEquals("", r.stderr(), () -> "standard error; " + context);
        assertTrue(count(r, "sequences: ") >= SEQUENCES, () -> "sequences run; " + context);
        for (String illegal : List.of("read through a stale segment", "write through a stale segment",
                "write to read-only pages", "segment(offset, length) over PROT_NONE pages",
                "segment() over PROT_NONE pages", "unaligned unmap", "unaligned protect",
                "unmap outside the mapping", "operation on a closed mapping", "growing shared anonymous memory")) {
            assertTrue(count(r, "checked " + illegal + ": ") > 0, () -> "no step checked: " + illegal + "; " + context);
        }
    }

    private static long count(ChildJvm.Result r, String prefix) {
        return r.stdout().stream().filter(l -> l.startsWith(prefix))
                .mapToLong(l -> Long.parseLong(l.substring(prefix.length()).trim())).findFirst().orElse(-1);
    }
}

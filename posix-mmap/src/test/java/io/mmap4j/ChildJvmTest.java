// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChildJvmTest {
    @TempDir
    Path dir;

    @Test
    void aChildJvmCallsNativeCodeFromTheTestClassesAndPrintsNoWarning() throws Exception {
        ChildJvm.Result r = ChildJvm.run(dir, Duration.ofSeconds(30), PageSizeProbe.class, "hello").assertCleanExit();
        assertEquals(List.of("hello " + PageSize.get()), r.stdout());
    }

    /** Prints its argument and the page size, which takes a native call ({@code sysconf}). */
    static final class PageSizeProbe {
        public static void main(String[] args) {
            System.out.println(args[0] + " " + PageSize.get());
        }
    }
}

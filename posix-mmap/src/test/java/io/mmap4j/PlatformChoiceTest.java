// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import io.mmap4j.spi.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backend is found through ServiceLoader by os.name and os.arch, and an unsupported platform is named. */
class PlatformChoiceTest {
    @TempDir
    Path dir;

    /** Child side: tries the API and prints the one sentence it gets. */
    public static void main(String[] args) {
        try {
            PageSize.get();
            System.out.println("supported");
        } catch (UnsupportedOperationException e) {
            System.out.println(e.getMessage());
        }
    }

    @Test
    void thisMachineGetsThePosixBackendWithEveryOptionalCapability() {
        Backend os = Backend.get();
        assertEquals("Linux " + System.getProperty("os.arch"), os.platform());
        assertTrue(os.remapping().isPresent() && os.reservations().isPresent() && os.sealing().isPresent());
    }

    @Test
    void anUnsupportedPlatformGetsOneSentenceNamingItAndWhatIsSupported() throws Exception {
        ChildJvm.Result r = ChildJvm.run(dir, Duration.ofSeconds(60), List.of("-Dos.name=Plan9", "-Dos.arch=mips"),
                PlatformChoiceTest.class).assertCleanExit();
        assertEquals(1, r.stdout().size(), r::toString);
        String sentence = r.stdout().get(0);
        assertTrue(sentence.startsWith("mmap4j has no backend for os.name=Plan9, os.arch=mips; supported: Linux on "),
                sentence);
        assertTrue(sentence.contains("Windows needs mmap4j-windows"), sentence);
        assertFalse(sentence.contains("\n"), sentence);
    }

    @Test
    void linuxOnAnArchitectureWithoutBindingsIsRefusedToo() throws Exception {
        ChildJvm.Result r = ChildJvm.run(dir, Duration.ofSeconds(60), List.of("-Dos.arch=riscv64"),
                PlatformChoiceTest.class).assertCleanExit();
        assertTrue(r.stdout().get(0).startsWith("mmap4j has no backend for os.name=Linux, os.arch=riscv64; supported: "),
                r::toString);
    }
}

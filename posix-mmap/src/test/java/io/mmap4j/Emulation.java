// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Whether this JVM runs under a user-mode emulator (qemu-user), where some kernel truths are not
 * visible: qemu synthesises {@code /proc/self/maps} and {@code /proc/self/smaps} (with zero sizes and
 * counters), keeps the guest's page rights and mappings in its own tables, and emulates or ignores some
 * {@code madvise}, {@code mremap} and {@code mprotect} behaviour. Tests that read those truths skip there,
 * each with its reason; every other test runs, with longer timeouts for child processes.
 *
 * <p>The check is the kernel's own word: {@code /proc/sys/kernel/arch} names the machine the kernel runs
 * on, which qemu-user does not rewrite, so an aarch64 JVM on an x86_64 kernel is emulated. Where that file
 * is missing (kernels before 6.1), {@code MMAP4J_EMULATED} (set by {@code .ci/aarch64}) says so.
 */
final class Emulation {
    private Emulation() {
    }

    /** The emulated architecture and how that was found, or null on real hardware. */
    private static final String WHY = detect();

    /** How much longer child processes may take under emulation. */
    private static final int SLOWDOWN = 5;

    private static String detect() {
        String jvm = System.getProperty("os.arch", "");
        jvm = jvm.equals("amd64") ? "x86_64" : jvm;
        try {
            Path arch = Path.of("/proc/sys/kernel/arch");
            if (Files.isReadable(arch)) {
                String kernel = Files.readString(arch).strip().toLowerCase(Locale.ROOT);
                if (!kernel.isEmpty() && !kernel.equals(jvm)) {
                    return "this " + jvm + " JVM runs emulated on an " + kernel + " kernel (/proc/sys/kernel/arch)";
                }
                return null;
            }
        } catch (IOException e) {
            // fall back to what the CI script says
        }
        String declared = System.getenv("MMAP4J_EMULATED");
        return declared == null || declared.isBlank() ? null : "MMAP4J_EMULATED=" + declared + " says this JVM is emulated";
    }

    /** {@return whether this JVM runs under a user-mode emulator} */
    static boolean isEmulated() {
        return WHY != null;
    }

    /**
     * Skips the calling test under emulation.
     *
     * @param reason what the emulator hides or changes that the test depends on
     */
    static void skipIfEmulated(String reason) {
        assumeFalse(isEmulated(), () -> reason + "; " + WHY);
    }

    /** {@return {@code timeout}, or {@value #SLOWDOWN} times it under emulation} */
    static Duration scaled(Duration timeout) {
        return isEmulated() ? timeout.multipliedBy(SLOWDOWN) : timeout;
    }
}

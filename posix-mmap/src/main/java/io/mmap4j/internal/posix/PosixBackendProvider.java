// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.internal.posix;

import io.mmap4j.spi.Backend;
import io.mmap4j.spi.BackendProvider;

/**
 * Offers the POSIX backend on the Linux targets whose bindings this module holds. Answers without
 * touching native code: the backend class, whose initialization calls the C library, loads only
 * in {@link #create()}.
 */
public final class PosixBackendProvider implements BackendProvider {
    /** {@return the generated bindings package for a Java {@code os.arch} value, or null if there is none} */
    static String bindingsPackage(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> "io.mmap4j.bindings.linux.x86_64";
            case "aarch64" -> "io.mmap4j.bindings.linux.aarch64";
            default -> null;
        };
    }

    /** For {@link java.util.ServiceLoader}. */
    public PosixBackendProvider() {
    }

    @Override
    public boolean supports(String osName, String osArch) {
        return osName.equals("Linux") && bindingsPackage(osArch) != null;
    }

    @Override
    public String platforms() {
        return "Linux on x86_64 (amd64) and aarch64";
    }

    @Override
    public Backend create() {
        return new PosixNativeMemory();
    }
}

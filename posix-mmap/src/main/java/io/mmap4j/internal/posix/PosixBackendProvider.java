package io.mmap4j.internal.posix;

import io.mmap4j.spi.Backend;
import io.mmap4j.spi.BackendProvider;

/**
 * Offers the POSIX backend on the Linux targets whose bindings this module holds. Answers without
 * touching native code: the backend class, whose initialization calls the C library, loads only
 * in {@link #create()}.
 */
public final class PosixBackendProvider implements BackendProvider {
    /** The {@code os.arch} values whose bindings this module holds. */
    private static final String SUPPORTED_ARCHES = "x86_64 (amd64)";

    /** For {@link java.util.ServiceLoader}. */
    public PosixBackendProvider() {
    }

    @Override
    public boolean supports(String osName, String osArch) {
        return osName.equals("Linux") && (osArch.equals("amd64") || osArch.equals("x86_64"));
    }

    @Override
    public String platforms() {
        return "Linux on " + SUPPORTED_ARCHES;
    }

    @Override
    public Backend create() {
        return new PosixNativeMemory();
    }
}

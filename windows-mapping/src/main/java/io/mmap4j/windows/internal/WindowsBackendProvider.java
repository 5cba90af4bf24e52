// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.windows.internal;

import io.mmap4j.spi.Backend;
import io.mmap4j.spi.BackendProvider;

/** Offers the Windows backend where {@code os.name} starts with "Windows". */
public final class WindowsBackendProvider implements BackendProvider {
    /** For {@link java.util.ServiceLoader}. */
    public WindowsBackendProvider() {
    }

    @Override
    public boolean supports(String osName, String osArch) {
        return osName.startsWith("Windows");
    }

    @Override
    public String platforms() {
        return "Windows on amd64 (mmap4j-windows)";
    }

    @Override
    public Backend create() {
        return new WindowsNativeMemory();
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.spi;

/**
 * Finds a {@link Backend} through {@link java.util.ServiceLoader}: each platform module provides
 * one, and mmap4j takes the first that supports the running {@code os.name} and {@code os.arch}.
 */
public interface BackendProvider {
    /**
     * {@return whether this provider's backend runs here}
     *
     * @param osName the {@code os.name} system property, for example "Linux"
     * @param osArch the {@code os.arch} system property, for example "amd64"
     */
    boolean supports(String osName, String osArch);

    /** {@return what this provider supports, for the message on an unsupported platform: for example "Linux on x86_64 and aarch64"} */
    String platforms();

    /** {@return a new backend; called once, and only where {@link #supports} said yes} */
    Backend create();
}

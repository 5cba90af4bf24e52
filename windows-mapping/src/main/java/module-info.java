// SPDX-License-Identifier: Apache-2.0
/**
 * mmap4j's Windows backend: {@code CreateFileMappingW} and {@code MapViewOfFile} behind the same
 * public API as the POSIX backend ({@code io.mmap4j}). It exports nothing; {@code io.mmap4j}
 * finds it through {@link java.util.ServiceLoader} when {@code os.name} starts with "Windows".
 *
 * <p>Native access must be enabled for it: {@code --enable-native-access=io.mmap4j.windows,io.mmap4j}.
 */
module io.mmap4j.windows {
    requires io.mmap4j;

    provides io.mmap4j.spi.BackendProvider with io.mmap4j.windows.internal.WindowsBackendProvider;
}

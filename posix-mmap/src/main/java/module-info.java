// SPDX-License-Identifier: Apache-2.0
/**
 * mmap4j: memory-mapped files through the Foreign Function and Memory API, with the control that
 * {@code FileChannel.map} does not give: raw {@code prot}/{@code flags}, {@code MAP_PRIVATE},
 * {@code msync} on ranges, partial {@code munmap}, {@code fallocate} and {@code ftruncate}.
 *
 * <p>Start at {@link io.mmap4j.MappedFile}. Native access must be enabled for this module:
 * {@code --enable-native-access=io.mmap4j} (or {@code ALL-UNNAMED} on the class path). That one
 * flag covers every native call: the jextract bindings are compiled into this module (package
 * {@code io.mmap4j.bindings.linux}, not exported). With the Windows backend, add
 * {@code io.mmap4j.windows}.
 */
@SuppressWarnings("module") // io.mmap4j.windows is built after this module, so javac cannot see it yet
module io.mmap4j {
    exports io.mmap4j;
    exports io.mmap4j.spi to io.mmap4j.windows;
    exports io.mmap4j.internal to io.mmap4j.windows;

    uses io.mmap4j.spi.BackendProvider;
    provides io.mmap4j.spi.BackendProvider with io.mmap4j.internal.posix.PosixBackendProvider;
}

// SPDX-License-Identifier: Apache-2.0
/**
 * mmap4j: memory-mapped files through the Foreign Function and Memory API, with the control that
 * {@code FileChannel.map} does not give: raw {@code prot}/{@code flags}, {@code MAP_PRIVATE},
 * {@code msync} on ranges, partial {@code munmap}, {@code fallocate} and {@code ftruncate}.
 * {@snippet lang=java :
 * long page = PageSize.get();                                      // sysconf(_SC_PAGESIZE)
 * try (MappedFile file = MappedFile.open(path, READ, WRITE, CREATE)) { // O_CLOEXEC, mode 0600
 *     file.allocate(0, 16 * page);                                  // fallocate: reserve, never emulate
 *     try (Mapping m = file.map(0, 16 * page, MapOptions.readWrite().with(MapFlag.POPULATE))) {
 *         m.segment().setString(0, "hello");                        // MAP_SHARED: the file sees it
 *         m.sync(0, 5, SyncMode.SYNC);                              // msync(MS_SYNC) of one page
 *         Split split = m.unmap(6 * page, 4 * page);                // munmap of pages 6..9
 *         Mapping head = split.head().orElseThrow();                // fresh segments over 0..5
 *         Mapping tail = split.tail().orElseThrow();                // and over 10..15
 *         tail.segment().set(JAVA_BYTE, 0, (byte) 1);               // m.segment() now throws
 *         head.close();
 *         tail.close();
 *     }
 *     file.truncate(5);                                             // ftruncate to the bytes written
 * }
 * }
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

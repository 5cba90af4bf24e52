// SPDX-License-Identifier: Apache-2.0
/**
 * Memory-mapped files with the kernel's own controls: {@link io.mmap4j.MappedFile} opens, sizes
 * and maps a file; {@link io.mmap4j.Mapping} is one live mapping and its segment;
 * {@link io.mmap4j.MapOptions} says how to map, typed ({@link io.mmap4j.Protection},
 * {@link io.mmap4j.Sharing}, {@link io.mmap4j.MapFlag}) or raw; {@link io.mmap4j.SyncMode} says
 * how to {@code msync}; {@link io.mmap4j.PageSize} gives the page size; every failed native call
 * is a {@link io.mmap4j.NativeCallException}.
 *
 * <p>Unless a method says otherwise, passing {@code null} to it throws {@link NullPointerException}.
 *
 * {@snippet :
 * try (MappedFile file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
 *      Mapping m = file.map(0, file.size(), MapOptions.readWrite())) {
 *     m.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 'n');
 *     m.sync(SyncMode.SYNC);
 * }
 * }
 */
package io.mmap4j;

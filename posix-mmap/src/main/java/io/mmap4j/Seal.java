// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

/**
 * File seals for a {@code memfd} ({@code F_ADD_SEALS}, Linux 3.17+): once added, a seal can never
 * be removed, so a receiver can trust the file not to change in the sealed way.
 *
 * {@snippet :
 * MappedFile shared = MappedFile.memfd("table", true);
 * shared.truncate(1 << 20);
 * shared.addSeals(Seal.SHRINK, Seal.GROW);   // no one can make the mapping run past the end
 * }
 */
public enum Seal {
    /** {@code F_SEAL_SEAL}: no more seals can be added. */
    SEAL,
    /** {@code F_SEAL_SHRINK}: the file cannot shrink. */
    SHRINK,
    /** {@code F_SEAL_GROW}: the file cannot grow. */
    GROW,
    /** {@code F_SEAL_WRITE}: the contents cannot change; needs no writable shared mapping to exist. */
    WRITE
}

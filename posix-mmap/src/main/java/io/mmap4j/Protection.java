// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

/**
 * What a mapping's pages allow: the typed form of {@code PROT_*}.
 *
 * <p>The segment a {@link Mapping} hands out never grants more than its pages allow: a mapping
 * without write access gives a read-only segment, and {@link #NONE} gives no segment at all, so a
 * Java access can never fault on a protection the kernel enforces.
 *
 * {@snippet :
 * Mapping m = file.map(0, 4096, MapOptions.of(Protection.READ, Sharing.SHARED));
 * m.segment().isReadOnly(); // true
 * }
 */
public enum Protection {
    /** No access ({@code PROT_NONE}): the mapping hands out no segment. */
    NONE(false, false, false),
    /** Read only ({@code PROT_READ}). */
    READ(true, false, false),
    /** Read and write ({@code PROT_READ|PROT_WRITE}). */
    READ_WRITE(true, true, false),
    /** Read and execute ({@code PROT_READ|PROT_EXEC}). */
    READ_EXEC(true, false, true),
    /** Read, write and execute ({@code PROT_READ|PROT_WRITE|PROT_EXEC}). */
    READ_WRITE_EXEC(true, true, true);

    private final boolean read;
    private final boolean write;
    private final boolean exec;

    Protection(boolean read, boolean write, boolean exec) {
        this.read = read;
        this.write = write;
        this.exec = exec;
    }

    /** {@return whether the pages can be read} */
    public boolean canRead() {
        return read;
    }

    /** {@return whether the pages can be written} */
    public boolean canWrite() {
        return write;
    }

    /** {@return whether the pages can be executed} */
    public boolean canExecute() {
        return exec;
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

/**
 * How {@link Mapping#remap(long, RemapOptions)} may resize a mapping ({@code mremap}): only in
 * place, or moving it to another address when it cannot grow where it is.
 *
 * {@snippet :
 * Mapping bigger = mapping.remap(2 * mapping.length(), RemapOptions.mayMove());
 * }
 */
public final class RemapOptions {
    private static final RemapOptions IN_PLACE = new RemapOptions(false);
    private static final RemapOptions MAY_MOVE = new RemapOptions(true);

    private final boolean mayMove;

    private RemapOptions(boolean mayMove) {
        this.mayMove = mayMove;
    }

    /** {@return options that keep the mapping at its address: growing fails with {@code ENOMEM} when the next pages are taken} */
    public static RemapOptions inPlace() {
        return IN_PLACE;
    }

    /** {@return options that let the kernel move the mapping ({@code MREMAP_MAYMOVE}) when it cannot grow in place} */
    public static RemapOptions mayMove() {
        return MAY_MOVE;
    }

    /** {@return whether the mapping may move} */
    public boolean isMayMove() {
        return mayMove;
    }

    @Override
    public String toString() {
        return mayMove ? "RemapOptions[may move]" : "RemapOptions[in place]";
    }
}

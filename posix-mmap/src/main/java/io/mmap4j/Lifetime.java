// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

/**
 * Whose arena a mapping's segments belong to, and so who unmaps its pages: one case per lifetime
 * that {@link MapOptions} can ask for. Each case says what closing a mapping does and which
 * structural changes it allows; {@link Crossings} says where each may be placed.
 */
sealed interface Lifetime {
    /** The default: the mapping's own shared arena; closing it unmaps at once. */
    record Shared() implements Lifetime {
    }

    /** The mapping's own confined arena, usable by the thread that made it only. */
    record Confined() implements Lifetime {
    }

    /** A member of a {@link MappingGroup} (batched or not): the group's batch arena unmaps it. */
    record Grouped(MappingGroup group) implements Lifetime {
    }

    /** The garbage collector's arena: the pages go once no segment over them is reachable. */
    record Automatic() implements Lifetime {
    }

    Lifetime SHARED = new Shared();
    Lifetime CONFINED = new Confined();
    Lifetime AUTOMATIC = new Automatic();

    static Lifetime of(MapOptions options) {
        if (options.group() != null) {
            return new Grouped(options.group());
        }
        return options.isConfined() ? CONFINED : options.isAutomatic() ? AUTOMATIC : SHARED;
    }

    /**
     * {@return whether the mapping's own segments can be invalidated without anyone else's: only
     * then can it be split, protected, remapped, or unmapped by its own close}
     */
    default boolean ownsArena() {
        return switch (this) {
            case Shared s -> true;
            case Confined c -> true;
            case Grouped g -> false;
            case Automatic a -> false;
        };
    }

    /** {@return the group, for a member, or null} */
    default MappingGroup group() {
        return this instanceof Grouped(MappingGroup g) ? g : null;
    }

    /** {@return how {@link MapOptions} asks for this lifetime, for messages} */
    default String describe() {
        return switch (this) {
            case Shared s -> "default lifetime";
            case Confined c -> "confined()";
            case Grouped(MappingGroup g) -> "in(" + g + ")";
            case Automatic a -> "automatic()";
        };
    }
}

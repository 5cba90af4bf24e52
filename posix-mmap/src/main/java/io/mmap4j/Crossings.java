// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

/**
 * The one table of which lifetime may be placed where, with what pages, at what cost in kernel
 * mappings. Every door that makes a mapping asks {@link #check} before its first system call; a
 * combination missing here is a compile error in the {@code switch}, not a forgotten branch.
 *
 * <pre>
 *                 | standalone          | in a reservation
 * ----------------+---------------------+---------------------------------------------------------
 * default, shared | yes, 1 mapping      | yes, 2 (splits the reservation's mapping in up to three)
 * confined()      | yes, 1              | yes, 2
 * in(group)       | yes, 1              | refused: reservation close would unmap under the group's
 *                 |                     | segments
 * automatic()     | yes, 1              | refused: reservation close would unmap under reachable
 *                 |                     | segments, and the collector would unmap what is there later
 * </pre>
 *
 * Every page kind (base pages, transparent huge pages, hugetlb by flag, a hugetlbfs file, a
 * hugetlb memfd) crosses with every row: its page size comes from the kernel
 * ({@code Backend.mappingPageSize}), and in a reservation the address, the offset and the rounded
 * length are checked in that size, never in base pages. Each further cut made inside a mapping
 * (protect, lock, advice that sets flags, partial unmap) costs up to two kernel mappings more,
 * counted in {@link Ledger}.
 */
final class Crossings {
    private Crossings() {
    }

    /** Where a mapping lives. */
    sealed interface Placement {
        /** Anywhere the kernel chooses (or at an address asked for, never replacing). */
        record Standalone() implements Placement {
        }

        /** At a chosen offset inside a {@link Reservation}, with {@code MAP_FIXED}. */
        record InReservation(Reservation reservation) implements Placement {
        }

        Placement STANDALONE = new Standalone();

        /** {@return the reservation, if placed in one, or null} */
        default Reservation reservation() {
            return this instanceof InReservation(Reservation r) ? r : null;
        }
    }

    /**
     * {@return how many kernel mappings a new mapping of this lifetime and placement costs at most}
     *
     * @throws IllegalArgumentException naming the combination, if it is refused
     */
    static int check(Lifetime lifetime, Placement placement) {
        return switch (placement) {
            case Placement.Standalone s -> 1;
            case Placement.InReservation r -> switch (lifetime) {
                case Lifetime.Shared s -> 2;
                case Lifetime.Confined c -> 2;
                case Lifetime.Grouped g -> throw refused(lifetime, r,
                        "its close is bookkeeping and its pages stay mapped until the group unmaps them, "
                        + "while closing the reservation would unmap them under the group's valid segments");
                case Lifetime.Automatic a -> throw refused(lifetime, r,
                        "its close is bookkeeping and the collector unmaps it later, while closing the "
                        + "reservation would unmap it under reachable segments");
            };
        };
    }

    private static IllegalArgumentException refused(Lifetime lifetime, Placement.InReservation r, String why) {
        return new IllegalArgumentException("a mapping with " + lifetime.describe() + " cannot be placed in "
                + r.reservation() + ": " + why + "; place it with the default lifetime or confined()");
    }
}

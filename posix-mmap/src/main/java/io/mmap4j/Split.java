// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What stays mapped after {@link Mapping#unmap(long, long)} removed part of a mapping: the part
 * before the removed range and the part after it, each a new {@link Mapping} with fresh segments,
 * or empty where the range reached the mapping's start or end.
 *
 * {@snippet :
 * long page = PageSize.get();
 * Split split = mapping.unmap(6 * page, 4 * page);   // pages 6..9 go
 * try (Mapping head = split.head().orElseThrow();    // pages 0..5
 *      Mapping tail = split.tail().orElseThrow()) {  // pages 10..15
 *     tail.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
 * }
 * }
 *
 * @param head the part before the removed range, if the range did not start at the mapping's start
 * @param tail the part after the removed range, if the range did not end at the mapping's end
 */
public record Split(Optional<Mapping> head, Optional<Mapping> tail) {
    /**
     * Checks that both parts are present or empty, never null.
     *
     * @param head the part before the removed range
     * @param tail the part after the removed range
     */
    public Split {
        java.util.Objects.requireNonNull(head, "head");
        java.util.Objects.requireNonNull(tail, "tail");
    }

    /** {@return the parts that stay mapped, in address order: none, one or two} */
    public List<Mapping> parts() {
        List<Mapping> parts = new ArrayList<>(2);
        head.ifPresent(parts::add);
        tail.ifPresent(parts::add);
        return List.copyOf(parts);
    }
}

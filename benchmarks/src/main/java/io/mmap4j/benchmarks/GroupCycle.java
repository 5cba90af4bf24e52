// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks;

import io.mmap4j.MapOptions;
import io.mmap4j.MappingGroup;

/**
 * A {@link MappingGroup} of a fixed size, renewed: after every {@code size} closed members the group
 * is closed (one handshake, every {@code munmap}) and a fresh one opened, so that a benchmark
 * invocation that maps and closes one member reports the group's cost amortised per member.
 */
final class GroupCycle implements AutoCloseable {
    private final int size;
    private final MapOptions base;
    private MappingGroup group;
    private MapOptions options;
    private int closed;

    GroupCycle(int size, MapOptions base) {
        this.size = size;
        this.base = base;
        open();
    }

    private void open() {
        group = MappingGroup.open();
        options = base.in(group);
        closed = 0;
    }

    /** {@return the options that make a member of the current group} */
    MapOptions options() {
        return options;
    }

    /** Counts a member closed; after {@code size} of them, closes the group and opens the next. */
    void memberClosed() {
        if (++closed == size) {
            group.close();
            open();
        }
    }

    @Override
    public void close() {
        group.close();
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Self-checking log entries for the {@link MappedLog} tests, derived from their index alone:
 * {@code [int n][long index][n payload bytes][int CRC32C of all before]}, little-endian, with n from
 * 0 to 300, so that entries straddle page boundaries at every offset.
 */
final class LogEntries {
    private static final int FIXED = 4 + 8 + 4;
    private static final int MAX_PAYLOAD = 300;

    private LogEntries() {
    }

    /** {@return entry number {@code index}} */
    static byte[] entry(long index) {
        int n = Math.floorMod(index * 7919, MAX_PAYLOAD + 1);
        ByteBuffer b = ByteBuffer.allocate(FIXED + n).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(n).putLong(index);
        for (int k = 0; k < n; k++) {
            b.put((byte) (index * 31 + k * 17 + 1));
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * Reads a log's bytes as consecutive entries 0, 1, 2, ...; {@link #readAll} picks up where the
     * last call stopped, so a follower can feed it ever longer segments of the same log.
     */
    static final class Reader {
        private long offset; // where the next entry starts
        private long next;   // its index

        /** {@return the number of whole entries read so far} */
        long entries() {
            return next;
        }

        /** {@return the bytes they take} */
        long bytes() {
            return offset;
        }

        /**
         * Reads every entry from where the last call stopped to the end of {@code log}, which must
         * end exactly after a whole, valid entry.
         *
         * @throws AssertionError naming the offset and what is wrong: a torn, corrupt or phantom entry
         */
        void readAll(MemorySegment log) {
            if (log.byteSize() < offset) {
                throw new AssertionError("the log shrank from " + offset + " to " + log.byteSize() + " bytes");
            }
            while (offset < log.byteSize()) {
                byte[] expected = entry(next);
                long left = log.byteSize() - offset;
                if (left < expected.length) {
                    throw new AssertionError("the log ends " + left + " bytes into entry " + next + " at offset "
                            + offset + " (" + expected.length + " bytes long): a torn entry");
                }
                byte[] actual = log.asSlice(offset, expected.length).toArray(JAVA_BYTE);
                if (!java.util.Arrays.equals(expected, actual)) {
                    throw new AssertionError("entry " + next + " at offset " + offset + " differs from what was "
                            + "appended, at byte " + java.util.Arrays.mismatch(expected, actual)
                            + " of " + expected.length);
                }
                offset += expected.length;
                next++;
            }
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;

/** What a caller's {@link FileChannel} allows, found without moving its position or changing its file. */
public final class Channels {
    private Channels() {
    }

    /**
     * {@return whether the channel was opened for writing}
     *
     * @param channel an open channel
     * @throws IOException if the channel is closed or the check fails
     */
    public static boolean isWritable(FileChannel channel) throws IOException {
        try {
            channel.write(ByteBuffer.allocate(0), 0); // writes nothing, moves nothing, checks the mode
            return true;
        } catch (NonWritableChannelException e) {
            return false;
        }
    }
}

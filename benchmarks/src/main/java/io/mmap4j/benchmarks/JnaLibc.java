// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The same libc functions through JNA, in both of its styles. */
final class JnaLibc {
    private JnaLibc() {
    }

    /** JNA direct mapping: {@code native} methods bound by {@link Native#register}. */
    static final class Direct {
        static {
            Native.register("c");
        }

        private Direct() {
        }

        static native long sysconf(int name);

        static native int msync(Pointer address, long length, int flags);

        static native int madvise(Pointer address, long length, int advice);

        static native Pointer mmap(Pointer address, long length, int prot, int flags, int fd, long offset);

        static native int munmap(Pointer address, long length);
    }

    /** JNA interface mapping: a proxy made by {@link Native#load}. */
    interface Interface extends Library {
        Interface C = Native.load("c", Interface.class);

        long sysconf(int name);

        int msync(Pointer address, long length, int flags);

        int madvise(Pointer address, long length, int advice);
    }

    /** Throws if a libc call returned -1, as mmap4j's checked calls do. */
    static void check(int result, String call) {
        if (result != 0) {
            throw new IllegalStateException(call + " failed: errno " + Native.getLastError());
        }
    }
}

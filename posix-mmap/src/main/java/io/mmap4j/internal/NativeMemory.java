package io.mmap4j.internal;

import io.mmap4j.MapOptions;
import io.mmap4j.NativeCallException;
import io.mmap4j.SyncMode;
import io.mmap4j.internal.posix.PosixNativeMemory;

import java.nio.file.Path;

/**
 * The one interface between mmap4j's API and an operating system. Exactly one implementation is
 * chosen, once, at run time. Handles are {@code long}s: a file descriptor on POSIX, a {@code HANDLE}
 * on Windows. Arguments arrive validated; every failure is a {@link NativeCallException}.
 */
public interface NativeMemory {

    /**
     * {@return the backend for this operating system}
     *
     * @throws UnsupportedOperationException if there is none, naming {@code os.name} and {@code os.arch}
     */
    static NativeMemory get() {
        NativeMemory os = Holder.INSTANCE;
        if (os == null) {
            throw new UnsupportedOperationException("mmap4j has no backend for os.name=" + System.getProperty("os.name")
                    + ", os.arch=" + System.getProperty("os.arch") + " (supported: Linux on x86_64)");
        }
        return os;
    }

    /** {@return the page size in bytes} */
    long pageSize();

    /** {@return the alignment that mapping offsets need, in bytes} */
    long granularity();

    /**
     * Opens a regular file.
     *
     * @param path        the file
     * @param request     how to open it
     * @param permissions POSIX permission bits for a file this call creates
     * @return the handle
     * @throws java.io.IOException on failure, or if the path is not a regular file
     */
    long open(Path path, OpenRequest request, int permissions) throws java.io.IOException;

    /**
     * Closes a handle.
     *
     * @param handle an open handle
     * @throws NativeCallException on failure
     */
    void close(long handle) throws NativeCallException;

    /**
     * {@return the file's size in bytes}
     *
     * @param handle an open handle
     * @throws NativeCallException on failure
     */
    long size(long handle) throws NativeCallException;

    /**
     * Reserves disk blocks for a range, growing the file if the range ends past it; never emulated.
     *
     * @param handle an open handle
     * @param offset where the range starts
     * @param length how many bytes
     * @throws NativeCallException on failure, including a file system that cannot reserve space
     */
    void allocate(long handle, long offset, long length) throws NativeCallException;

    /**
     * Sets the file's size.
     *
     * @param handle an open handle
     * @param size   the new size
     * @throws NativeCallException on failure
     */
    void truncate(long handle, long size) throws NativeCallException;

    /**
     * Flushes the file to its device.
     *
     * @param handle   an open handle
     * @param metadata whether metadata is flushed too
     * @throws NativeCallException on failure
     */
    void force(long handle, boolean metadata) throws NativeCallException;

    /**
     * {@return the native protection value for options}
     *
     * @param options typed or raw options
     */
    int prot(MapOptions options);

    /**
     * {@return the native flags value for options}
     *
     * @param options typed or raw options
     * @throws IllegalArgumentException if raw flags ask for something a file mapping here cannot do
     */
    int flags(MapOptions options);

    /**
     * {@return whether pages with this native protection can be read}
     *
     * @param prot a native protection value
     */
    boolean canRead(int prot);

    /**
     * {@return whether pages with this native protection can be read and written}
     *
     * @param prot a native protection value
     */
    boolean canWrite(int prot);

    /**
     * {@return whether these native flags share writes with the file}
     *
     * @param flags native mapping flags
     */
    boolean isShared(int flags);

    /**
     * Maps a file range.
     *
     * @param handle an open handle
     * @param length how many bytes
     * @param prot   native protection
     * @param flags  native flags
     * @param offset the file offset
     * @return the address of the mapping
     * @throws NativeCallException on failure
     */
    long map(long handle, long length, int prot, int flags, long offset) throws NativeCallException;

    /**
     * Writes dirty pages of a page-aligned range back to the file.
     *
     * @param address page-aligned start
     * @param length  how many bytes
     * @param mode    how
     * @throws NativeCallException on failure
     */
    void sync(long address, long length, SyncMode mode) throws NativeCallException;

    /**
     * Unmaps a page-aligned range.
     *
     * @param address page-aligned start
     * @param length  how many bytes
     * @throws NativeCallException on failure
     */
    void unmap(long address, long length) throws NativeCallException;

    /**
     * How to open a file, in platform-neutral terms.
     *
     * @param write     read-write rather than read-only
     * @param create    create the file if it is missing
     * @param createNew create the file, failing if it exists
     * @param truncate  empty the file
     * @param noFollow  refuse a symbolic link
     */
    record OpenRequest(boolean write, boolean create, boolean createNew, boolean truncate, boolean noFollow) {
    }

    /** Chooses the backend once. */
    final class Holder {
        private Holder() {
        }

        static final NativeMemory INSTANCE = choose();

        private static NativeMemory choose() {
            String os = System.getProperty("os.name", "");
            String arch = System.getProperty("os.arch", "");
            // the committed bindings are Linux x86_64's; other targets need their own (see native-bindings)
            return os.equals("Linux") && (arch.equals("amd64") || arch.equals("x86_64")) ? new PosixNativeMemory() : null;
        }
    }
}

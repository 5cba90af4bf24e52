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

    /** {@return the backend for this operating system}  @throws UnsupportedOperationException if there is none */
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

    /** Closes {@code handle}. @param handle an open handle  @throws NativeCallException on failure */
    void close(long handle) throws NativeCallException;

    /** {@return the file's size in bytes}  @param handle an open handle  @throws NativeCallException on failure */
    long size(long handle) throws NativeCallException;

    /**
     * Reserves disk blocks for a range, growing the file if the range ends past it; never emulated.
     *
     * @param handle an open handle  @param offset start  @param length bytes
     * @throws NativeCallException on failure, including a file system that cannot reserve
     */
    void allocate(long handle, long offset, long length) throws NativeCallException;

    /** Sets the file's size. @param handle an open handle  @param size bytes  @throws NativeCallException on failure */
    void truncate(long handle, long size) throws NativeCallException;

    /** Flushes the file to its device. @param handle an open handle  @param metadata also metadata  @throws NativeCallException on failure */
    void force(long handle, boolean metadata) throws NativeCallException;

    /** {@return the native protection value for options}  @param options typed or raw */
    int prot(MapOptions options);

    /** {@return the native flags value for options}  @param options typed or raw */
    int flags(MapOptions options);

    /** {@return whether pages with native protection {@code prot} can be read} @param prot native protection */
    boolean canRead(int prot);

    /** {@return whether pages with native protection {@code prot} can be written} @param prot native protection */
    boolean canWrite(int prot);

    /** {@return whether native flags {@code flags} share writes with the file} @param flags native flags */
    boolean isShared(int flags);

    /**
     * Maps a file range.
     *
     * @param handle an open handle  @param length bytes  @param prot native protection
     * @param flags native flags  @param offset file offset
     * @return the address of the mapping
     * @throws NativeCallException on failure
     */
    long map(long handle, long length, int prot, int flags, long offset) throws NativeCallException;

    /**
     * Writes dirty pages of a page-aligned range back to the file.
     *
     * @param address page-aligned start  @param length bytes  @param mode how
     * @throws NativeCallException on failure
     */
    void sync(long address, long length, SyncMode mode) throws NativeCallException;

    /** Unmaps a page-aligned range. @param address start  @param length bytes  @throws NativeCallException on failure */
    void unmap(long address, long length) throws NativeCallException;

    /** How to open a file, in platform-neutral terms. @param write read-write rather than read-only
     * @param create create if missing  @param createNew fail if present  @param truncate empty it
     * @param noFollow refuse a symbolic link */
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

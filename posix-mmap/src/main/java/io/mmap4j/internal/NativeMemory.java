package io.mmap4j.internal;

import io.mmap4j.Advice;
import io.mmap4j.DiscardAdvice;
import io.mmap4j.MapOptions;
import io.mmap4j.NativeCallException;
import io.mmap4j.Protection;
import io.mmap4j.Seal;
import io.mmap4j.SyncMode;

import java.lang.foreign.MemorySegment;
import java.util.Set;
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
                    + ", os.arch=" + System.getProperty("os.arch") + " (supported: Linux on x86_64 and aarch64; Windows with mmap4j-windows on the path)");
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
     * @param range   the kernel range, a slice of the mapping's arena-bound segment: it keeps
     *                the pages mapped for the call
     * @param mode    how
     * @throws NativeCallException on failure
     */
    void sync(MemorySegment range, SyncMode mode) throws NativeCallException;

    /**
     * Reports the current protection of a page-aligned range as the kernel sees it, in runs of
     * pages that share one protection, in address order.
     *
     * @param address page-aligned start
     * @param length  how many bytes
     * @param sink    receives each run: its offset from {@code address}, its length, its native protection
     * @throws java.io.IOException if the kernel cannot be asked
     */
    void currentProtection(long address, long length, ProtectionSink sink) throws java.io.IOException;

    /** Receives runs of pages from {@link #currentProtection}. */
    @FunctionalInterface
    interface ProtectionSink {
        /**
         * Takes one run.
         *
         * @param offset from the range's start
         * @param length how many bytes
         * @param prot   their native protection
         */
        void run(long offset, long length, int prot);
    }

    /**
     * {@return whether {@link #unmap} may take part of a mapping (POSIX can; a Windows view cannot)}
     */
    boolean canUnmapPart();

    /**
     * Unmaps a page-aligned range.
     *
     * @param address page-aligned start
     * @param length  how many bytes
     * @throws NativeCallException on failure
     */
    void unmap(long address, long length) throws NativeCallException;

    /**
     * Maps a file range, or anonymous memory when {@code handle} is -1, at a chosen address.
     *
     * @param address where: with {@code replace}, inside the caller's own reservation
     * @param replace replace what is mapped there ({@code MAP_FIXED}); otherwise fail if anything is
     *                ({@code MAP_FIXED_NOREPLACE})
     * @param handle  an open handle, or -1 for anonymous memory
     * @param length  how many bytes
     * @param prot    native protection
     * @param flags   native flags, without the fixed-address bits
     * @param offset  the file offset
     * @return {@code address}
     * @throws NativeCallException on failure
     */
    long mapAt(long address, boolean replace, long handle, long length, int prot, int flags, long offset)
            throws NativeCallException;

    /**
     * Maps anonymous memory.
     *
     * @param length how many bytes
     * @param prot   native protection
     * @param flags  native flags, without the anonymous bit
     * @return the address of the mapping
     * @throws NativeCallException on failure
     */
    long mapAnonymous(long length, int prot, int flags) throws NativeCallException;

    /**
     * Reserves address space: inaccessible, uncommitted memory.
     *
     * @param address where, inside the caller's own reservation, or 0 for anywhere
     * @param length  how many bytes
     * @return the address of the reservation
     * @throws NativeCallException on failure
     */
    long reserve(long address, long length) throws NativeCallException;

    /**
     * {@return the native protection value of a typed protection}
     *
     * @param protection the typed protection
     */
    int prot(Protection protection);

    /**
     * Changes the protection of a page-aligned range.
     *
     * @param address page-aligned start
     * @param length  how many bytes
     * @param prot    native protection
     * @throws NativeCallException on failure
     */
    void protect(long address, long length, int prot) throws NativeCallException;

    /**
     * {@return the native advice value of a typed advice}
     *
     * @param advice the typed advice
     */
    int advice(Advice advice);

    /**
     * {@return the native advice value of a discarding advice}
     *
     * @param advice the typed advice
     */
    int advice(DiscardAdvice advice);

    /**
     * Advises the kernel about a page-aligned range.
     *
     * @param range   the kernel range, a slice of the mapping's arena-bound segment: it keeps
     *                the pages mapped for the call
     * @param advice  native advice
     * @throws NativeCallException on failure, {@code EINVAL} for advice the kernel does not know
     */
    void advise(MemorySegment range, int advice) throws NativeCallException;

    /**
     * Locks a range in memory.
     *
     * @param range   the kernel range, a slice of the mapping's arena-bound segment: it keeps
     *                the pages mapped for the call
     * @param onFault lock pages only once they are touched ({@code MLOCK_ONFAULT})
     * @throws NativeCallException on failure, with the memory-lock limit in the hint
     */
    void lock(MemorySegment range, boolean onFault) throws NativeCallException;

    /**
     * Locks a range in memory with native flags.
     *
     * @param range   the kernel range, a slice of the mapping's arena-bound segment: it keeps
     *                the pages mapped for the call
     * @param flags   native flags ({@code mlock2}); 0 is plain {@code mlock}
     * @throws NativeCallException on failure
     */
    void lockRaw(MemorySegment range, int flags) throws NativeCallException;

    /**
     * Unlocks a range.
     *
     * @param range   the kernel range, a slice of the mapping's arena-bound segment: it keeps
     *                the pages mapped for the call
     * @throws NativeCallException on failure
     */
    void unlock(MemorySegment range) throws NativeCallException;

    /**
     * Writes dirty pages back with native flags.
     *
     * @param range   the kernel range, a slice of the mapping's arena-bound segment: it keeps
     *                the pages mapped for the call
     * @param flags   native flags
     * @throws NativeCallException on failure
     */
    void syncRaw(MemorySegment range, int flags) throws NativeCallException;

    /**
     * Reports which pages of a page-aligned range are resident: byte i of {@code vector} has bit 0
     * set for resident page i.
     *
     * @param range   the kernel range, a slice of the mapping's arena-bound segment: it keeps
     *                the pages mapped for the call
     * @param vector  one byte per page
     * @throws NativeCallException on failure
     */
    void residency(MemorySegment range, MemorySegment vector) throws NativeCallException;

    /**
     * {@return the page size of a mapping made with {@code flags} of {@code handle} (-1: anonymous):
     * the huge page size for huge-page memory, {@link #pageSize()} otherwise}
     *
     * @param flags  native mapping flags
     * @param handle the file's handle, or -1
     * @throws NativeCallException if the file cannot be asked
     */
    default long mappingPageSize(int flags, long handle) throws NativeCallException {
        return pageSize();
    }

    /**
     * {@return why raw advice is refused, or null if it may be given}: advice that takes access
     * away without {@link #currentProtection} showing it, or that this backend does not know
     *
     * @param advice native advice
     */
    default String refusedRawAdvice(int advice) {
        return null;
    }

    /**
     * {@return whether raw advice discards what the pages hold}
     *
     * @param advice native advice
     */
    default boolean discardsContents(int advice) {
        return false;
    }

    /**
     * {@return why a raw protection change would reach pages outside {@code [address, address +
     * length)}, or null if it stays inside}
     *
     * @param prot    native protection
     * @param address the mapping's kernel start
     * @param length  the mapping's kernel length
     */
    default String protectionReach(int prot, long address, long length) {
        return null;
    }

    /**
     * Resizes a mapping, in place or, if allowed, by moving it.
     *
     * @param address  page-aligned start
     * @param length   current length
     * @param newLength new length
     * @param mayMove  whether the kernel may move the mapping
     * @return the mapping's address afterwards
     * @throws NativeCallException on failure, {@code ENOMEM} when it cannot grow in place
     * @throws UnsupportedOperationException where the platform cannot resize a mapping
     */
    long remap(long address, long length, long newLength, boolean mayMove) throws NativeCallException;

    /**
     * Creates an anonymous in-memory file ({@code memfd_create}), close-on-exec.
     *
     * @param name         a name for debugging, shown in {@code /proc/self/maps}
     * @param allowSealing whether seals can be added
     * @return the handle
     * @throws NativeCallException on failure
     */
    long memfd(String name, boolean allowSealing) throws NativeCallException;

    /**
     * Opens a named shared memory object ({@code shm_open}), close-on-exec.
     *
     * @param name        the object's name, validated
     * @param request     how to open it
     * @param permissions permission bits for an object this call creates
     * @return the handle
     * @throws NativeCallException on failure
     */
    long openSharedMemory(String name, OpenRequest request, int permissions) throws NativeCallException;

    /**
     * Removes a named shared memory object ({@code shm_unlink}).
     *
     * @param name the object's name, validated
     * @throws NativeCallException on failure
     */
    void unlinkSharedMemory(String name) throws NativeCallException;

    /**
     * {@return where a named shared memory object is visible in the file system}
     *
     * @param name the object's name
     */
    Path sharedMemoryPath(String name);

    /**
     * {@return where an open handle is visible in the file system, for a file with no path}
     *
     * @param handle an open handle
     */
    Path handlePath(long handle);

    /**
     * Adds seals to a memfd.
     *
     * @param handle a memfd handle
     * @param seals  the seals
     * @throws NativeCallException on failure
     */
    void addSeals(long handle, Set<Seal> seals) throws NativeCallException;

    /**
     * {@return the seals of a memfd}
     *
     * @param handle a memfd handle
     * @throws NativeCallException on failure
     */
    Set<Seal> seals(long handle) throws NativeCallException;

    /**
     * Tells the kernel it may drop a file range from the page cache ({@code POSIX_FADV_DONTNEED}),
     * or should read it in ({@code POSIX_FADV_WILLNEED}).
     *
     * @param handle   an open handle
     * @param offset   start
     * @param length   how many bytes, 0 for up to the end
     * @param willNeed read in rather than drop
     * @throws NativeCallException on failure
     */
    void adviseFileCache(long handle, long offset, long length, boolean willNeed) throws NativeCallException;

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
            if (os.startsWith("Windows")) {
                // the Windows backend is its own module (mmap4j-windows), found when it is on the path
                return java.util.ServiceLoader.load(NativeMemory.class).findFirst().orElse(null);
            }
            // Linux x86_64 and aarch64 have generated bindings; other targets need their own (see native-bindings)
            return PosixNativeMemory.supports(os, arch) ? new PosixNativeMemory() : null;
        }
    }
}

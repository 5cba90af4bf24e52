// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.spi;

import io.mmap4j.Advice;
import io.mmap4j.DiscardAdvice;
import io.mmap4j.MapOptions;
import io.mmap4j.NativeCallException;
import io.mmap4j.Protection;
import io.mmap4j.Seal;
import io.mmap4j.SyncMode;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The one interface between mmap4j's API and an operating system: the service a platform backend
 * implements. The API calls only this interface, and a backend calls nothing of the API's but its
 * value types ({@code MapOptions}, {@code Protection}, ...) and {@link NativeCallException}.
 *
 * <p>A backend is found like every other: a {@link BackendProvider} registered with
 * {@link ServiceLoader} ({@code provides io.mmap4j.spi.BackendProvider with ...} in its module, or
 * {@code META-INF/services} on the class path) that says which {@code os.name} and {@code os.arch}
 * it supports. The POSIX backend (Linux x86_64 and aarch64) ships in this module; Windows in
 * {@code mmap4j-windows}. A new platform (macOS, say) is a new package with a provider and a
 * backend, nothing more.
 *
 * <p>Required operations are abstract. Optional capabilities, which a backend offers or not, are
 * reached through {@link #remapping()}, {@link #reservations()} and {@link #sealing()}, and a few
 * single operations whose default throws {@link UnsupportedOperationException} naming the
 * platform ({@link #unsupported}). Handles are {@code long}s: a file descriptor on POSIX, a
 * {@code HANDLE} on Windows. Arguments arrive validated; every failure is a
 * {@link NativeCallException}.
 */
public interface Backend {

    /**
     * {@return the backend for this operating system and architecture}
     *
     * @throws UnsupportedOperationException if there is none: one sentence naming {@code os.name},
     *                                       {@code os.arch} and what is supported
     */
    static Backend get() {
        Backend os = Holder.INSTANCE;
        if (os == null) {
            throw new UnsupportedOperationException("mmap4j has no backend for os.name=" + System.getProperty("os.name")
                    + ", os.arch=" + System.getProperty("os.arch") + "; supported: " + Holder.SUPPORTED
                    + " (Windows needs mmap4j-windows on the path)");
        }
        return os;
    }

    /** {@return the platform this backend runs on, for messages: for example "Linux aarch64"} */
    String platform();

    /**
     * {@return an {@link UnsupportedOperationException} saying that this platform cannot do {@code what}}
     *
     * @param what the operation, for example "resizing a mapping (mremap)"
     */
    default UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("mmap4j on " + platform() + " cannot do " + what + " (os.name="
                + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch") + ")");
    }

    /** {@return the capability to resize mappings, if this platform has it} */
    default Optional<Remapping> remapping() {
        return Optional.empty();
    }

    /** {@return the capability to reserve address space and map into it, if this platform has it} */
    default Optional<Reservations> reservations() {
        return Optional.empty();
    }

    /** {@return the capability to make sealable anonymous files, if this platform has it} */
    default Optional<Sealing> sealing() {
        return Optional.empty();
    }

    /** Resizing a mapping in place or by moving it ({@code mremap}). */
    interface Remapping {
        /**
         * {@return the new address}
         *
         * @param address   the mapping's page-aligned start
         * @param length    its length
         * @param newLength the new length
         * @param mayMove   whether it may move
         * @throws NativeCallException on failure
         */
        long remap(long address, long length, long newLength, boolean mayMove) throws NativeCallException;
    }

    /** Address-space reservations: inaccessible, uncommitted ranges that mappings replace with {@code MAP_FIXED}. */
    interface Reservations {
        /**
         * Reserves {@code length} bytes, at {@code address} (replacing what is there) or anywhere (0).
         *
         * @param address where, or 0
         * @param length  how many bytes, page-aligned
         * @return the reserved range's start
         * @throws NativeCallException on failure
         */
        long reserve(long address, long length) throws NativeCallException;
    }

    /** Anonymous files that can be sealed ({@code memfd_create}, {@code F_ADD_SEALS}). */
    interface Sealing {
        /**
         * {@return a handle to a new anonymous file}
         *
         * @param name         its name, for /proc
         * @param allowSealing whether seals may be added
         * @throws NativeCallException on failure
         */
        long memfd(String name, boolean allowSealing) throws NativeCallException;

        /**
         * Adds seals.
         *
         * @param handle the file
         * @param seals  what to forbid from now on
         * @throws NativeCallException on failure
         */
        void addSeals(long handle, Set<Seal> seals) throws NativeCallException;

        /**
         * {@return the file's seals}
         *
         * @param handle the file
         * @throws NativeCallException on failure
         */
        Set<Seal> seals(long handle) throws NativeCallException;
    }

    /** {@return the page size in bytes} */
    long pageSize();

    /** {@return the alignment that mapping offsets need, in bytes} */
    long granularity();

    /**
     * {@return how many memory mappings the process may hold (Linux: {@code vm.max_map_count}), or
     * {@link Long#MAX_VALUE} where there is no such limit or it cannot be read}
     */
    default long mappingLimit() {
        return Long.MAX_VALUE;
    }

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
    default void syncRaw(MemorySegment range, int flags) throws NativeCallException {
        throw unsupported("msync with native flags");
    }

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
     * Checks that a descriptor handed in by a user is an open regular file, leaving it open either way.
     *
     * @param handle the descriptor
     * @return whether it was opened for writing
     * @throws java.io.IOException if it is not open or not a regular file
     */
    default boolean describe(long handle) throws java.io.IOException {
        throw new UnsupportedOperationException("file descriptors on os.name=" + System.getProperty("os.name"));
    }

    /**
     * {@return the descriptor a JDK channel has open}
     *
     * @param channel an open file channel
     * @throws java.io.IOException if it cannot be found
     */
    default long descriptorOf(java.nio.channels.FileChannel channel) throws java.io.IOException {
        throw new UnsupportedOperationException("file descriptors on os.name=" + System.getProperty("os.name"));
    }

    /**
     * {@return a new descriptor of the file another descriptor has open}
     *
     * @param handle the descriptor
     * @param write  whether to open it for writing too
     * @throws java.io.IOException if opening fails
     */
    default long reopen(long handle, boolean write) throws java.io.IOException {
        throw new UnsupportedOperationException("file descriptors on os.name=" + System.getProperty("os.name"));
    }

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
     * {@return why raw mapping flags are refused, or null}: flags that place a mapping at a chosen
     * address, replacing what is there
     *
     * @param flags native mapping flags
     */
    default String refusedRawFlags(int flags) {
        return null;
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
     * {@return whether advice may split a kernel mapping where its range starts and ends (advice
     * that sets a flag on the range rather than acting on its pages); mmap4j counts such cuts
     * against its budget of mappings before the call}
     *
     * @param advice native advice
     */
    default boolean splitsMappings(int advice) {
        return true;
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
    default void unlinkSharedMemory(String name) throws NativeCallException {
        throw unsupported("removing a shared memory object's name");
    }

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
     * Tells the kernel it may drop a file range from the page cache ({@code POSIX_FADV_DONTNEED}),
     * or should read it in ({@code POSIX_FADV_WILLNEED}).
     *
     * @param handle   an open handle
     * @param offset   start
     * @param length   how many bytes, 0 for up to the end
     * @param willNeed read in rather than drop
     * @throws NativeCallException on failure
     */
    default void adviseFileCache(long handle, long offset, long length, boolean willNeed) throws NativeCallException {
        throw unsupported("page-cache advice for a file (posix_fadvise)");
    }

    /**
     * {@return page-cache statistics of a file range: cached, dirty, writeback, evicted and
     * recently evicted pages} Linux {@code cachestat(2)}, 6.5+.
     *
     * @param handle an open handle
     * @param offset start
     * @param length how many bytes, 0 for up to the end
     * @throws UnsupportedOperationException if the platform or its kernel has no such call
     * @throws NativeCallException           on failure
     */
    default long[] cacheStat(long handle, long offset, long length) throws NativeCallException {
        throw unsupported("page-cache statistics of a file (cachestat)");
    }

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

    /** Chooses the backend once: the first provider that supports this {@code os.name} and {@code os.arch}. */
    final class Holder {
        private Holder() {
        }

        static final String SUPPORTED;
        static final Backend INSTANCE;

        static {
            String os = System.getProperty("os.name", "");
            String arch = System.getProperty("os.arch", "");
            List<String> supported = new ArrayList<>();
            Backend chosen = null;
            for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backend.class.getClassLoader())) {
                supported.add(p.platforms());
                if (chosen == null && p.supports(os, arch)) {
                    chosen = p.create();
                }
            }
            SUPPORTED = supported.isEmpty() ? "nothing (no backend on the path)" : String.join(", ", supported);
            INSTANCE = chosen;
        }
    }
}

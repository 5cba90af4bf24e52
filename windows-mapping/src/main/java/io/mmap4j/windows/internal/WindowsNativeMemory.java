// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.windows.internal;

import io.mmap4j.Advice;
import io.mmap4j.DiscardAdvice;
import io.mmap4j.MapOptions;
import io.mmap4j.NativeCallException;
import io.mmap4j.Protection;
import io.mmap4j.Seal;
import io.mmap4j.Sharing;
import io.mmap4j.SyncMode;
import io.mmap4j.spi.Backend;
import io.mmap4j.windows.bindings.Kernel32;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Windows backend: a file mapping is a section ({@code CreateFileMappingW}) and a view of it
 * ({@code MapViewOfFile}); the section handle is closed at once, since the view keeps it alive.
 *
 * <p><b>Native values.</b> On Windows a mapping's "prot" is a page protection ({@code PAGE_READONLY},
 * {@code PAGE_READWRITE}, {@code PAGE_WRITECOPY}, {@code PAGE_EXECUTE_READ}, {@code PAGE_NOACCESS},
 * ...) and its "flags" are the view's desired access ({@code FILE_MAP_READ}, {@code FILE_MAP_WRITE},
 * {@code FILE_MAP_COPY}, {@code FILE_MAP_EXECUTE}). Raw options are such a pair: the section is
 * created with the protection the access needs, the view is mapped with the access, and the pages
 * are then set to the protection with {@code VirtualProtect} if it differs from the view's own.
 * {@code FILE_MAP_COPY}, alone or with {@code FILE_MAP_EXECUTE}, is copy-on-write, as kernelbase
 * reads it. Typed {@link io.mmap4j.MapFlag}s have no Windows counterpart and are refused.
 *
 * <p><b>Emulated exactly.</b> Offsets are aligned down to the allocation granularity (64 KiB) by
 * {@link io.mmap4j.MappedFile#map}, as this backend's {@link #granularity()} says. {@link SyncMode#SYNC}
 * is {@code FlushViewOfFile} then {@code FlushFileBuffers} on a duplicate of the file handle that the
 * view keeps (as the JDK's own {@code FileChannel.map} does on Windows), {@link SyncMode#ASYNC} is
 * {@code FlushViewOfFile} alone; the {@code INVALIDATE} modes add nothing, since all views of one
 * local file are coherent on Windows. {@link Protection} {@code NONE} is a read view set to
 * {@code PAGE_NOACCESS}. {@code READ_WRITE} is {@code PAGE_READWRITE} in every mapping's native
 * protection, and becomes {@code PAGE_WRITECOPY} where it is applied to a copy-on-write view (so
 * that one protection has one value, and a mapping protected back to {@code READ_WRITE} is uniform).
 *
 * <p><b>Not exact, so documented.</b> {@link #allocate} grows the file with {@code SetFilePointerEx}
 * and {@code SetEndOfFile}; it does not reserve blocks inside the current size as {@code fallocate}
 * does. Residency is {@code QueryWorkingSetEx}'s Valid bit: in this process's working set, which is
 * narrower than {@code mincore}'s "in the page cache". {@link #force} is {@code FlushFileBuffers},
 * which always flushes metadata too. A mapping that reaches past the end of the file, when
 * allowed, makes a writable section grow the file to the view's end, as Windows does; a read-only
 * one fails.
 *
 * <p><b>Shared memory.</b> A named section in the paging file. Windows fixes a section's size when it
 * is created, while {@code openSharedMemory} takes no size, so the handle mmap4j gets is this
 * backend's own: the section is created by the first {@link #truncate} or {@link #allocate} (which
 * gives its size), and later size changes are refused. A section that already exists is opened with
 * {@code OpenFileMappingW}, and its size is read once, rounded up to whole pages, from a view of it
 * ({@code VirtualQuery}). Its name is the name given, {@code "/table"} for example, in this
 * session's namespace; it disappears with the last handle and view, so there is no unlink.
 *
 * <p><b>No counterpart.</b> Partial unmap of a view, {@code mremap}, address-space reservations
 * (placeholders need {@code VirtualAlloc2}), {@code memfd} and seals, {@code posix_fadvise}, advice
 * other than {@link Advice#WILLNEED} ({@code PrefetchVirtualMemory}), discarding advice, lock on fault,
 * raw {@code msync} flags and unlinking shared memory throw {@link UnsupportedOperationException}
 * naming the platform.
 */
public final class WindowsNativeMemory implements Backend {
    /** Handles this backend makes for named sections: never a kernel handle value, which stays far below. */
    private static final long SECTION_TAG = 1L << 62;

    private final long pageSize;
    private final long granularity;
    /** Live views by base address. */
    private final ConcurrentSkipListMap<Long, View> views = new ConcurrentSkipListMap<>();
    /** Named sections by the handle given out for them. */
    private final Map<Long, SharedSection> sections = new ConcurrentHashMap<>();
    private final AtomicLong nextSection = new AtomicLong(1);
    /** File handles opened without write access: FlushFileBuffers needs write access, and they have nothing to flush. */
    private final Set<Long> readOnlyFiles = ConcurrentHashMap.newKeySet();

    /**
     * A view: where, how long, whether copy-on-write, and the file handle duplicate that {@code SYNC}
     * flushes (0 when there is nothing of the file's to flush).
     */
    private record View(long base, long length, boolean copyOnWrite, long flushHandle) {
    }

    /** A named section; {@code handle} is 0 until it is created with its size. Guarded by itself. */
    private static final class SharedSection {
        final String name;
        final boolean writable;
        long handle;
        long size;

        SharedSection(String name, boolean writable, long handle, long size) {
            this.name = name;
            this.writable = writable;
            this.handle = handle;
            this.size = size;
        }
    }

    /**
     * Reads the page size and allocation granularity ({@code GetSystemInfo}).
     *
     * @throws UnsupportedOperationException off Windows, unless a stand-in kernel32 is named by the
     *                                       system property {@code mmap4j.windows.kernel32} (tests)
     */
    public WindowsNativeMemory() {
        String fake = System.getProperty(WindowsCalls.FAKE_KERNEL32);
        if ((fake == null || fake.isEmpty()) && !System.getProperty("os.name", "").startsWith("Windows")) {
            throw notOnWindows("the Windows backend");
        }
        WindowsCalls.SystemInfo info = WindowsCalls.systemInfo();
        pageSize = info.pageSize();
        granularity = info.allocationGranularity();
    }

    @Override
    public String platform() {
        return "Windows " + System.getProperty("os.arch");
    }

    @Override
    public long pageSize() {
        return pageSize;
    }

    /** {@return the allocation granularity: view offsets and addresses are multiples of it (64 KiB)} */
    @Override
    public long granularity() {
        return granularity;
    }

    // ---- files

    /**
     * {@code CreateFileW} with {@code GENERIC_READ}, {@code GENERIC_WRITE} if asked, and
     * {@code GENERIC_EXECUTE} when the file grants it (so that execute views work), sharing read,
     * write and delete as Java's own file channels do. {@code permissions} are ignored: a new file
     * gets its directory's inherited ACL. {@code noFollow} opens a link itself and refuses it.
     */
    @Override
    public long open(Path path, OpenRequest request, int permissions) throws IOException {
        int access = Kernel32.GENERIC_READ() | (request.write() ? Kernel32.GENERIC_WRITE() : 0);
        int share = Kernel32.FILE_SHARE_READ() | Kernel32.FILE_SHARE_WRITE() | Kernel32.FILE_SHARE_DELETE();
        int disposition = disposition(request);
        int flags = Kernel32.FILE_ATTRIBUTE_NORMAL() | (request.noFollow() ? Kernel32.FILE_FLAG_OPEN_REPARSE_POINT() : 0);
        String name = path.toString();
        long handle;
        try {
            handle = WindowsCalls.createFile(name, access | Kernel32.GENERIC_EXECUTE(), share, disposition, flags);
        } catch (NativeCallException e) {
            if (e.errorCode() != Kernel32.ERROR_ACCESS_DENIED()) {
                throw e;
            }
            handle = WindowsCalls.createFile(name, access, share, disposition, flags); // no execute right: no execute views
        }
        requireRegular(handle, name, request.noFollow());
        if (!request.write()) {
            readOnlyFiles.add(handle);
        }
        return handle;
    }

    /** {@return CreateFileW's creation disposition for a request} */
    static int disposition(OpenRequest request) {
        if (request.createNew()) {
            return Kernel32.CREATE_NEW();
        }
        if (request.create()) {
            return request.truncate() ? Kernel32.CREATE_ALWAYS() : Kernel32.OPEN_ALWAYS();
        }
        return request.truncate() ? Kernel32.TRUNCATE_EXISTING() : Kernel32.OPEN_EXISTING();
    }

    private static void requireRegular(long handle, String path, boolean noFollow) throws IOException {
        try {
            int type = WindowsCalls.fileType(handle);
            if (type != Kernel32.FILE_TYPE_DISK()) {
                throw new FileSystemException(path, null, "not a file on disk but a "
                        + (type == Kernel32.FILE_TYPE_PIPE() ? "pipe" : type == Kernel32.FILE_TYPE_CHAR() ? "character device"
                        : "handle of type " + type) + "; mmap4j maps regular files");
            }
            int attributes = WindowsCalls.fileAttributes(handle);
            if ((attributes & Kernel32.FILE_ATTRIBUTE_DIRECTORY()) != 0) {
                throw new FileSystemException(path, null, "not a regular file but a directory; mmap4j maps regular files");
            }
            if (noFollow && (attributes & Kernel32.FILE_ATTRIBUTE_REPARSE_POINT()) != 0) {
                throw new FileSystemException(path, null, "a symbolic link or other reparse point, which NOFOLLOW_LINKS refuses");
            }
        } catch (IOException | RuntimeException e) {
            try {
                WindowsCalls.closeHandle(handle);
            } catch (NativeCallException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    @Override
    public void close(long handle) throws NativeCallException {
        SharedSection s = sections.remove(handle);
        if (s != null) {
            synchronized (s) {
                if (s.handle != 0) {
                    WindowsCalls.closeHandle(s.handle);
                }
            }
            return;
        }
        readOnlyFiles.remove(handle);
        WindowsCalls.closeHandle(handle);
    }

    @Override
    public long size(long handle) throws NativeCallException {
        SharedSection s = sections.get(handle);
        if (s != null) {
            synchronized (s) {
                return s.size;
            }
        }
        return WindowsCalls.fileSize(handle);
    }

    /**
     * Grows the file to {@code offset + length} if it is smaller ({@code SetFilePointerEx} and
     * {@code SetEndOfFile}); unlike {@code fallocate}, reserves no blocks inside the current size.
     * For shared memory, creates the section with that size.
     */
    @Override
    public void allocate(long handle, long offset, long length) throws NativeCallException {
        long end = offset + length;
        SharedSection s = sections.get(handle);
        if (s != null) {
            synchronized (s) {
                if (s.handle == 0) {
                    createSection(s, end);
                } else if (end > s.size) {
                    throw notOnWindows("growing an existing shared memory section (its size is fixed at " + s.size + ")");
                }
            }
            return;
        }
        if (end > WindowsCalls.fileSize(handle)) {
            WindowsCalls.setEndOfFile(handle, end);
        }
    }

    /**
     * {@code SetFilePointerEx} and {@code SetEndOfFile}. Windows refuses to shrink a file while a
     * view of it is mapped ({@code ERROR_USER_MAPPED_FILE}). For shared memory, creates the section.
     */
    @Override
    public void truncate(long handle, long size) throws NativeCallException {
        SharedSection s = sections.get(handle);
        if (s != null) {
            synchronized (s) {
                if (s.handle == 0) {
                    createSection(s, size);
                } else if (size != s.size) {
                    throw notOnWindows("resizing an existing shared memory section (its size is fixed at " + s.size + ")");
                }
            }
            return;
        }
        WindowsCalls.setEndOfFile(handle, size);
    }

    /** {@code FlushFileBuffers}, which flushes metadata too; nothing for a read-only file or shared memory. */
    @Override
    public void force(long handle, boolean metadata) throws NativeCallException {
        if (sections.containsKey(handle) || readOnlyFiles.contains(handle)) {
            return;
        }
        WindowsCalls.flushFileBuffers(handle);
    }

    // ---- options

    @Override
    public int prot(MapOptions options) {
        if (options.isRaw()) {
            return options.rawProt();
        }
        return protect(options.protection());
    }

    @Override
    public int flags(MapOptions options) {
        if (options.isRaw()) {
            return options.rawFlags();
        }
        if (!options.flags().isEmpty()) {
            throw notOnWindows("MapFlag " + options.flags());
        }
        return access(options.protection(), options.sharing());
    }

    /**
     * {@return the page protection for a typed protection: PAGE_READWRITE also for copy-on-write, which
     * becomes PAGE_WRITECOPY where it meets a copy-on-write view, so that one protection means one value}
     */
    static int protect(Protection p) {
        return switch (p) {
            case NONE -> Kernel32.PAGE_NOACCESS();
            case READ -> Kernel32.PAGE_READONLY();
            case READ_WRITE -> Kernel32.PAGE_READWRITE();
            case READ_EXEC -> Kernel32.PAGE_EXECUTE_READ();
            case READ_WRITE_EXEC -> Kernel32.PAGE_EXECUTE_READWRITE();
        };
    }

    /** {@return the view access for a typed protection and sharing: private is always FILE_MAP_COPY} */
    static int access(Protection p, Sharing sharing) {
        int execute = p.canExecute() ? Kernel32.FILE_MAP_EXECUTE() : 0;
        if (sharing == Sharing.PRIVATE) {
            return Kernel32.FILE_MAP_COPY() | execute;
        }
        return Kernel32.FILE_MAP_READ() | (p.canWrite() ? Kernel32.FILE_MAP_WRITE() : 0) | execute;
    }

    /** {@return whether a view access is copy-on-write: FILE_MAP_COPY alone or with FILE_MAP_EXECUTE} */
    static boolean isCopyOnWrite(int access) {
        return (access & ~Kernel32.FILE_MAP_EXECUTE()) == Kernel32.FILE_MAP_COPY();
    }

    /** {@return the protection a view has when mapped with {@code access}} */
    static int viewProtect(int access) {
        boolean execute = (access & Kernel32.FILE_MAP_EXECUTE()) != 0;
        if (isCopyOnWrite(access)) {
            return execute ? Kernel32.PAGE_EXECUTE_WRITECOPY() : Kernel32.PAGE_WRITECOPY();
        }
        if ((access & Kernel32.FILE_MAP_WRITE()) != 0) {
            return execute ? Kernel32.PAGE_EXECUTE_READWRITE() : Kernel32.PAGE_READWRITE();
        }
        return execute ? Kernel32.PAGE_EXECUTE_READ() : Kernel32.PAGE_READONLY();
    }

    /** {@return the protection a file section needs so that a view with {@code access} can be mapped} */
    static int sectionProtect(int access) {
        return viewProtect(access); // the view's own protection is exactly what its section must allow
    }

    @Override
    public int prot(Protection protection) {
        return protect(protection);
    }

    @Override
    public boolean canRead(int prot) {
        return pageCanRead(prot);
    }

    @Override
    public boolean canWrite(int prot) {
        return pageCanWrite(prot);
    }

    /** {@return whether pages with this protection can be read: not guard pages, whose first touch raises an exception} */
    static boolean pageCanRead(int prot) {
        int p = prot & 0xFF;
        return (prot & Kernel32.PAGE_GUARD()) == 0
                && (p == Kernel32.PAGE_READONLY() || p == Kernel32.PAGE_EXECUTE_READ() || canWriteBase(p));
    }

    /** {@return whether pages with this protection can be read and written} */
    static boolean pageCanWrite(int prot) {
        return (prot & Kernel32.PAGE_GUARD()) == 0 && canWriteBase(prot & 0xFF);
    }

    private static boolean canWriteBase(int p) {
        return p == Kernel32.PAGE_READWRITE() || p == Kernel32.PAGE_WRITECOPY()
                || p == Kernel32.PAGE_EXECUTE_READWRITE() || p == Kernel32.PAGE_EXECUTE_WRITECOPY();
    }

    @Override
    public boolean isShared(int flags) {
        return !isCopyOnWrite(flags);
    }

    // ---- views

    @Override
    public long map(long handle, long length, int prot, int flags, long offset) throws NativeCallException {
        return mapView(handle, length, prot, flags, offset, 0);
    }

    /** Places the view with {@code MapViewOfFileEx}, which never replaces what is mapped there. */
    @Override
    public long mapAt(long address, boolean replace, long handle, long length, int prot, int flags, long offset)
            throws NativeCallException {
        if (replace) {
            throw notOnWindows("mapping over a reservation (placeholders need VirtualAlloc2 and MapViewOfFile3)");
        }
        return handle == -1 ? mapAnonymousAt(length, prot, flags, address) : mapView(handle, length, prot, flags, offset, address);
    }

    /** A view of an unnamed section in the paging file. */
    @Override
    public long mapAnonymous(long length, int prot, int flags) throws NativeCallException {
        return mapAnonymousAt(length, prot, flags, 0);
    }

    private long mapAnonymousAt(long length, int prot, int access, long address) throws NativeCallException {
        boolean execute = (access & Kernel32.FILE_MAP_EXECUTE()) != 0;
        int protect = execute ? Kernel32.PAGE_EXECUTE_READWRITE() : Kernel32.PAGE_READWRITE(); // allows every view
        long section = WindowsCalls.createFileMapping(-1, protect, length, null).handle();
        return viewOf(section, true, 0, length, prot, access, 0, address);
    }

    private long mapView(long handle, long length, int prot, int access, long offset, long address)
            throws NativeCallException {
        SharedSection s = sections.get(handle);
        if (s != null) {
            long section;
            synchronized (s) {
                if (s.handle == 0) {
                    throw new IllegalStateException("shared memory " + s.name + " has no size yet: on Windows a "
                            + "section is created with its size, so truncate or allocate it before mapping");
                }
                section = s.handle;
            }
            return viewOf(section, false, 0, length, prot, access, offset, address);
        }
        // the section covers the file up to the view's end: a writable one grows a shorter file, as Windows does
        long section = WindowsCalls.createFileMapping(handle, sectionProtect(access), offset + length, null).handle();
        boolean flush = !isCopyOnWrite(access) && (access & Kernel32.FILE_MAP_WRITE()) != 0;
        return viewOf(section, true, flush ? handle : 0, length, prot, access, offset, address);
    }

    /**
     * Maps a view of {@code section}, closes the section if asked (the view keeps it alive), keeps a
     * duplicate of {@code file} for SYNC if it is not 0, and sets the pages to {@code prot}.
     */
    private long viewOf(long section, boolean closeSection, long file, long length, int prot, int access, long offset,
                        long address) throws NativeCallException {
        long base;
        try {
            base = WindowsCalls.mapViewOfFile(section, access, offset, length, address);
        } catch (NativeCallException | RuntimeException e) {
            if (closeSection) {
                try {
                    WindowsCalls.closeHandle(section);
                } catch (NativeCallException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
        if (closeSection) {
            WindowsCalls.closeHandle(section); // the view holds the section from now on
        }
        long flushHandle = 0;
        try {
            if (file != 0) {
                flushHandle = WindowsCalls.duplicateHandle(file);
            }
            int pages = isCopyOnWrite(access) ? writeCopy(prot) : prot;
            if (pages != viewProtect(access)) {
                WindowsCalls.virtualProtect(base, length, pages);
            }
        } catch (NativeCallException | RuntimeException e) {
            try {
                WindowsCalls.unmapViewOfFile(base);
                if (flushHandle != 0) {
                    WindowsCalls.closeHandle(flushHandle);
                }
            } catch (NativeCallException undoing) {
                e.addSuppressed(undoing);
            }
            throw e;
        }
        views.put(base, new View(base, alignUp(length, pageSize), isCopyOnWrite(access), flushHandle));
        return base;
    }

    /** {@code FlushViewOfFile}, and {@code FlushFileBuffers} for SYNC; the INVALIDATE modes add nothing. */
    @Override
    public void sync(MemorySegment range, SyncMode mode) throws NativeCallException {
        if (mode == SyncMode.INVALIDATE) {
            return; // views of one local file are always coherent on Windows
        }
        WindowsCalls.flushViewOfFile(range);
        if (mode == SyncMode.SYNC || mode == SyncMode.SYNC_INVALIDATE) {
            View v = viewAt(range.address());
            if (v != null && v.flushHandle() != 0) {
                WindowsCalls.flushFileBuffers(v.flushHandle());
            }
        }
    }

    /** VirtualQuery, region by region: Windows' own view of the pages' protection. */
    @Override
    public void currentProtection(long address, long length, ProtectionSink sink) throws NativeCallException {
        for (long at = address; at < address + length; ) {
            long[] region = WindowsCalls.query(at);
            long run = Math.min(Math.max(region[0], pageSize()), address + length - at);
            sink.run(at - address, run, (int) region[1]);
            at += run;
        }
    }

    @Override
    public boolean canUnmapPart() {
        return false;
    }

    /** {@code UnmapViewOfFile} of a whole view; part of one cannot be unmapped on Windows. */
    @Override
    public void unmap(long address, long length) throws NativeCallException {
        View v = views.get(address);
        if (v != null && length != v.length()) {
            throw notOnWindows("unmapping part of a view (" + length + " of its " + v.length() + " bytes)");
        }
        WindowsCalls.unmapViewOfFile(address);
        if (v != null) {
            views.remove(address, v);
            if (v.flushHandle() != 0) {
                WindowsCalls.closeHandle(v.flushHandle());
            }
        }
    }

    private View viewAt(long address) {
        Map.Entry<Long, View> e = views.floorEntry(address);
        return e != null && address < e.getKey() + e.getValue().length() ? e.getValue() : null;
    }

    /** {@code VirtualProtect}; inside a copy-on-write view, a writable protection is its WRITECOPY form. */
    @Override
    public void protect(long address, long length, int prot) throws NativeCallException {
        View v = viewAt(address);
        WindowsCalls.virtualProtect(address, length, v != null && v.copyOnWrite() ? writeCopy(prot) : prot);
    }

    /** {@return {@code prot} with PAGE_READWRITE as PAGE_WRITECOPY and PAGE_EXECUTE_READWRITE as PAGE_EXECUTE_WRITECOPY} */
    static int writeCopy(int prot) {
        int p = prot & 0xFF, modifiers = prot & ~0xFF;
        if (p == Kernel32.PAGE_READWRITE()) {
            return Kernel32.PAGE_WRITECOPY() | modifiers;
        }
        if (p == Kernel32.PAGE_EXECUTE_READWRITE()) {
            return Kernel32.PAGE_EXECUTE_WRITECOPY() | modifiers;
        }
        return prot;
    }

    /**
     * {@return 0 for {@link Advice#WILLNEED}: the Flags argument of {@code PrefetchVirtualMemory}}
     *
     * @throws UnsupportedOperationException for any other advice
     */
    @Override
    public int advice(Advice advice) {
        if (advice == Advice.WILLNEED) {
            return 0;
        }
        throw notOnWindows("Advice." + advice);
    }

    @Override
    public int advice(DiscardAdvice advice) {
        throw notOnWindows("DiscardAdvice." + advice);
    }

    /** {@code PrefetchVirtualMemory}, with {@code advice} as its Flags (0; nothing else is defined). */
    @Override
    public void advise(MemorySegment range, int advice) throws NativeCallException {
        // the range entry holds a plain address: prefetching a page that was unmapped meanwhile harms nothing
        WindowsCalls.prefetch(range.address(), range.byteSize(), advice);
    }

    /** {@code VirtualLock}; the limit is the process's minimum working set. */
    @Override
    public void lock(MemorySegment range, boolean onFault) throws NativeCallException {
        if (onFault) {
            throw notOnWindows("locking on fault (MLOCK_ONFAULT)");
        }
        WindowsCalls.virtualLock(range);
    }

    @Override
    public void lockRaw(MemorySegment range, int flags) throws NativeCallException {
        if (flags != 0) {
            throw notOnWindows("mlock2 flags (0x" + Integer.toHexString(flags) + ")");
        }
        WindowsCalls.virtualLock(range);
    }

    @Override
    public void unlock(MemorySegment range) throws NativeCallException {
        WindowsCalls.virtualUnlock(range);
    }

    /** {@code QueryWorkingSetEx}: resident means in this process's working set. */
    @Override
    public void residency(MemorySegment range, MemorySegment vector) throws NativeCallException {
        // a query only: a page unmapped meanwhile reads as not resident
        WindowsCalls.queryWorkingSet(range.address(), range.byteSize(), pageSize, vector);
    }

    // ---- shared memory

    /**
     * Opens the named section if it exists ({@code OpenFileMappingW}); otherwise, if asked to create
     * it, returns a handle whose section the first {@code truncate} or {@code allocate} creates.
     */
    @Override
    public long openSharedMemory(String name, OpenRequest request, int permissions) throws NativeCallException {
        int access = Kernel32.FILE_MAP_READ() | (request.write() ? Kernel32.FILE_MAP_WRITE() : 0);
        SharedSection s;
        try {
            long section = WindowsCalls.openFileMapping(access, name);
            try {
                if (request.createNew()) {
                    throw WindowsCalls.failure("CreateFileMappingW", Kernel32.ERROR_ALREADY_EXISTS(),
                            "CREATE_NEW refuses a section that exists", "lpName", name);
                }
                if (request.truncate()) {
                    throw notOnWindows("truncating an existing shared memory section");
                }
                s = new SharedSection(name, request.write(), section, sectionSize(section));
            } catch (NativeCallException | RuntimeException e) {
                WindowsCalls.closeHandle(section);
                throw e;
            }
        } catch (NativeCallException e) {
            if (e.errorCode() != Kernel32.ERROR_FILE_NOT_FOUND() || !(request.create() || request.createNew())) {
                throw e;
            }
            s = new SharedSection(name, request.write(), 0, 0);
        }
        long handle = SECTION_TAG | nextSection.getAndIncrement();
        sections.put(handle, s);
        return handle;
    }

    /** {@return the size of a section, in whole pages: the region of a view of all of it} */
    private static long sectionSize(long section) throws NativeCallException {
        long base = WindowsCalls.mapViewOfFile(section, Kernel32.FILE_MAP_READ(), 0, 0, 0);
        try {
            return WindowsCalls.regionSize(base);
        } finally {
            WindowsCalls.unmapViewOfFile(base);
        }
    }

    private static void createSection(SharedSection s, long size) throws NativeCallException {
        WindowsCalls.Section created = WindowsCalls.createFileMapping(-1, Kernel32.PAGE_READWRITE(), size, s.name);
        s.handle = created.handle();
        // another process may have created it since it was opened: then it has that process's size
        s.size = created.existed() ? sectionSize(created.handle()) : size;
    }

    /** Named sections disappear with their last handle and view; Windows has no unlink. */
    @Override
    public void unlinkSharedMemory(String name) {
        throw notOnWindows("unlinking shared memory (a named section goes with its last handle and view)");
    }

    /** {@return the name itself as a path: a section has no file} */
    @Override
    public Path sharedMemoryPath(String name) {
        return Path.of(name);
    }

    @Override
    public Path handlePath(long handle) {
        throw notOnWindows("a path for a handle");
    }

    // ---- messages

    static UnsupportedOperationException notOnWindows(String what) {
        return new UnsupportedOperationException(what + " is not available on Windows (os.name="
                + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch") + ")");
    }

    /** {@return a hint for a failed call, or ""} */
    static String hint(String call, int code) {
        if (code == Kernel32.ERROR_TOO_MANY_OPEN_FILES()) {
            return "too many open handles; close some";
        }
        if (code == Kernel32.ERROR_SHARING_VIOLATION()) {
            return "another process has the file open without sharing it";
        }
        switch (call) {
            case "CreateFileMappingW" -> {
                if (code == Kernel32.ERROR_FILE_INVALID()) {
                    return "an empty file cannot be mapped; allocate or truncate it first";
                }
                if (code == Kernel32.ERROR_ACCESS_DENIED()) {
                    return "a writable section needs the file open for writing, an executable one GENERIC_EXECUTE access";
                }
                if (code == Kernel32.ERROR_NOT_ENOUGH_MEMORY() || code == Kernel32.ERROR_DISK_FULL()) {
                    return "a read-only section cannot reach past the end of the file, or there is no room to grow it";
                }
                if (code == Kernel32.ERROR_COMMITMENT_LIMIT()) {
                    return "the paging file is too small for a section this size";
                }
            }
            case "MapViewOfFile" -> {
                if (code == Kernel32.ERROR_MAPPED_ALIGNMENT()) {
                    return "the file offset and any address must be multiples of the allocation granularity "
                            + "(GetSystemInfo's dwAllocationGranularity, 64 KiB), not just of the page size";
                }
                if (code == Kernel32.ERROR_ACCESS_DENIED()) {
                    return "the view asks for more access than the section allows, or reaches past its end";
                }
                if (code == Kernel32.ERROR_INVALID_ADDRESS()) {
                    return "something is already mapped in that range (a view never replaces it)";
                }
                if (code == Kernel32.ERROR_NOT_ENOUGH_MEMORY()) {
                    return "out of address space for a view this size";
                }
            }
            case "SetEndOfFile" -> {
                if (code == Kernel32.ERROR_USER_MAPPED_FILE()) {
                    return "Windows cannot cut a file while a view of it is mapped; close those mappings first";
                }
                if (code == Kernel32.ERROR_ACCESS_DENIED()) {
                    return "the file is not open for writing";
                }
                if (code == Kernel32.ERROR_DISK_FULL()) {
                    return "the volume has no room for the new size";
                }
            }
            case "FlushFileBuffers" -> {
                if (code == Kernel32.ERROR_ACCESS_DENIED()) {
                    return "flushing needs the file open for writing";
                }
            }
            case "VirtualProtect" -> {
                if (code == Kernel32.ERROR_INVALID_PARAMETER()) {
                    return "a view cannot gain rights it was not mapped with: write on a read view, "
                            + "shared write on a copy-on-write view, execute without FILE_MAP_EXECUTE";
                }
                if (code == Kernel32.ERROR_INVALID_ADDRESS()) {
                    return "the range must lie within one view";
                }
            }
            case "VirtualLock" -> {
                if (code == Kernel32.ERROR_WORKING_SET_QUOTA()) {
                    return "Windows lets a process lock about as much as its minimum working set; "
                            + "raise it with SetProcessWorkingSetSize";
                }
                if (code == Kernel32.ERROR_NOACCESS()) {
                    return "PAGE_NOACCESS pages cannot be locked";
                }
            }
            case "VirtualUnlock" -> {
                if (code == Kernel32.ERROR_NOT_LOCKED()) {
                    return "some pages in the range were not locked (the locked ones are unlocked all the same)";
                }
            }
            case "PrefetchVirtualMemory" -> {
                if (code == Kernel32.ERROR_INVALID_PARAMETER()) {
                    return "Flags is reserved and must be 0";
                }
            }
            case "OpenFileMappingW" -> {
                if (code == Kernel32.ERROR_FILE_NOT_FOUND()) {
                    return "no section of that name exists in this session";
                }
            }
            default -> {
            }
        }
        return "";
    }

    private static long alignUp(long value, long page) {
        return (value + page - 1) & -page;
    }
}

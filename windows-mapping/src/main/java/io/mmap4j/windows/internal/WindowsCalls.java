// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.windows.internal;

import io.mmap4j.internal.CallText;
import io.mmap4j.NativeCallException;
import io.mmap4j.windows.bindings.BY_HANDLE_FILE_INFORMATION;
import io.mmap4j.windows.bindings.Kernel32;
import io.mmap4j.windows.bindings.LARGE_INTEGER;
import io.mmap4j.windows.bindings.MEMORY_BASIC_INFORMATION;
import io.mmap4j.windows.bindings.PSAPI_WORKING_SET_EX_BLOCK;
import io.mmap4j.windows.bindings.PSAPI_WORKING_SET_EX_INFORMATION;
import io.mmap4j.windows.bindings.SYSTEM_INFO;
import io.mmap4j.windows.bindings.WIN32_MEMORY_RANGE_ENTRY;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The only class that touches the {@link Linker} for Windows: downcall handles built once from the
 * bindings' {@code foo$address()}/{@code foo$descriptor()}, each reading {@code GetLastError} through
 * {@link LastError}, and the one helper, {@link #failure}, that turns a failed call into a
 * {@link NativeCallException} with the code's name and {@code FormatMessageW} text.
 *
 * <p>Every method here is one kernel32 call: it returns the result or throws, with the call's
 * arguments in the message. Hints come from {@link WindowsNativeMemory#hint}.
 */
@SuppressWarnings("restricted") // library loading and downcall handles: checked here, once
final class WindowsCalls {
    private WindowsCalls() {
    }

    /** The system property naming a kernel32 stand-in to load instead, for tests off Windows. */
    static final String FAKE_KERNEL32 = "mmap4j.windows.kernel32";

    private static final Linker LINKER = Linker.nativeLinker();
    // first: loads the library that every handle below is looked up in
    private static final LastError LAST_ERROR = LastError.load();
    /** One capture buffer per thread, freed with the thread: no allocation per call. */
    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(Linker.Option.captureStateLayout()));

    private static final MethodHandle CREATE_FILE = link(Kernel32.CreateFileW$address(), Kernel32.CreateFileW$descriptor());
    private static final MethodHandle CLOSE_HANDLE = link(Kernel32.CloseHandle$address(), Kernel32.CloseHandle$descriptor());
    private static final MethodHandle GET_FILE_TYPE = link(Kernel32.GetFileType$address(), Kernel32.GetFileType$descriptor());
    private static final MethodHandle GET_FILE_INFORMATION = link(Kernel32.GetFileInformationByHandle$address(),
            Kernel32.GetFileInformationByHandle$descriptor());
    private static final MethodHandle GET_FILE_SIZE = link(Kernel32.GetFileSizeEx$address(), Kernel32.GetFileSizeEx$descriptor());
    private static final MethodHandle SET_FILE_POINTER = link(Kernel32.SetFilePointerEx$address(),
            Kernel32.SetFilePointerEx$descriptor());
    private static final MethodHandle SET_END_OF_FILE = link(Kernel32.SetEndOfFile$address(), Kernel32.SetEndOfFile$descriptor());
    private static final MethodHandle FLUSH_FILE_BUFFERS = link(Kernel32.FlushFileBuffers$address(),
            Kernel32.FlushFileBuffers$descriptor());
    private static final MethodHandle DUPLICATE_HANDLE = link(Kernel32.DuplicateHandle$address(),
            Kernel32.DuplicateHandle$descriptor());
    private static final MethodHandle CREATE_FILE_MAPPING = link(Kernel32.CreateFileMappingW$address(),
            Kernel32.CreateFileMappingW$descriptor());
    private static final MethodHandle OPEN_FILE_MAPPING = link(Kernel32.OpenFileMappingW$address(),
            Kernel32.OpenFileMappingW$descriptor());
    private static final MethodHandle MAP_VIEW = link(Kernel32.MapViewOfFile$address(), Kernel32.MapViewOfFile$descriptor());
    private static final MethodHandle MAP_VIEW_EX = link(Kernel32.MapViewOfFileEx$address(), Kernel32.MapViewOfFileEx$descriptor());
    private static final MethodHandle UNMAP_VIEW = link(Kernel32.UnmapViewOfFile$address(), Kernel32.UnmapViewOfFile$descriptor());
    private static final MethodHandle FLUSH_VIEW = link(Kernel32.FlushViewOfFile$address(), Kernel32.FlushViewOfFile$descriptor());
    private static final MethodHandle VIRTUAL_PROTECT = link(Kernel32.VirtualProtect$address(), Kernel32.VirtualProtect$descriptor());
    private static final MethodHandle VIRTUAL_LOCK = link(Kernel32.VirtualLock$address(), Kernel32.VirtualLock$descriptor());
    private static final MethodHandle VIRTUAL_UNLOCK = link(Kernel32.VirtualUnlock$address(), Kernel32.VirtualUnlock$descriptor());
    private static final MethodHandle VIRTUAL_QUERY = link(Kernel32.VirtualQuery$address(), Kernel32.VirtualQuery$descriptor());
    private static final MethodHandle PREFETCH = link(Kernel32.PrefetchVirtualMemory$address(),
            Kernel32.PrefetchVirtualMemory$descriptor());
    private static final MethodHandle QUERY_WORKING_SET = link(Kernel32.K32QueryWorkingSetEx$address(),
            Kernel32.K32QueryWorkingSetEx$descriptor());
    private static final MethodHandle FORMAT_MESSAGE = link(Kernel32.FormatMessageW$address(), Kernel32.FormatMessageW$descriptor());
    // neither fails nor sets the last error
    private static final MethodHandle GET_SYSTEM_INFO = LINKER.downcallHandle(Kernel32.GetSystemInfo$address(),
            Kernel32.GetSystemInfo$descriptor());
    private static final MethodHandle GET_CURRENT_PROCESS = LINKER.downcallHandle(Kernel32.GetCurrentProcess$address(),
            Kernel32.GetCurrentProcess$descriptor());

    private static final long INVALID_HANDLE = Kernel32.INVALID_HANDLE_VALUE().address();
    private static final MemorySegment CURRENT_PROCESS = currentProcess();
    /** PSAPI_WORKING_SET_EX_BLOCK's Valid bit: the page is in this process's working set. */
    static final long WORKING_SET_VALID = 1L;
    /** Entries per QueryWorkingSetEx call: bounds the buffer for large ranges. */
    private static final int WORKING_SET_BATCH = 4096;

    /**
     * How the error code of the call just made is read: the one seam between Windows and the tests'
     * fake kernel32. On Windows the linker captures {@code GetLastError} right after the call
     * ({@code captureCallState("GetLastError")}); elsewhere that option does not exist, so the fake's
     * own {@code GetLastError} is called next, on the same thread, which nothing in between can change.
     * Either way every handle takes the capture buffer as its first argument.
     */
    private sealed interface LastError {
        MethodHandle link(MemorySegment address, FunctionDescriptor descriptor);

        int read(MemorySegment state);

        static LastError load() {
            String fake = System.getProperty(FAKE_KERNEL32);
            if (fake != null && !fake.isEmpty()) {
                System.load(Path.of(fake).toAbsolutePath().toString());
                return new Called(LINKER.downcallHandle(Kernel32.GetLastError$address(), Kernel32.GetLastError$descriptor()));
            }
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw new UnsupportedOperationException("mmap4j's Windows backend runs on Windows, not on os.name="
                        + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch")
                        + " (tests elsewhere load a stand-in with -D" + FAKE_KERNEL32 + "=<library>)");
            }
            System.loadLibrary("kernel32");
            return new Captured();
        }

        /** Windows: the linker saves GetLastError in the capture buffer. */
        record Captured(Linker.Option option, VarHandle code) implements LastError {
            Captured() {
                this(Linker.Option.captureCallState("GetLastError"), Linker.Option.captureStateLayout()
                        .varHandle(MemoryLayout.PathElement.groupElement("GetLastError")));
            }

            @Override
            public MethodHandle link(MemorySegment address, FunctionDescriptor descriptor) {
                return LINKER.downcallHandle(address, descriptor, option);
            }

            @Override
            public int read(MemorySegment state) {
                return (int) code.get(state, 0L);
            }
        }

        /** The fake: GetLastError is an ordinary exported function, read right after each call. */
        record Called(MethodHandle getLastError) implements LastError {
            @Override
            public MethodHandle link(MemorySegment address, FunctionDescriptor descriptor) {
                return MethodHandles.dropArguments(LINKER.downcallHandle(address, descriptor), 0, MemorySegment.class);
            }

            @Override
            public int read(MemorySegment state) {
                try {
                    return (int) getLastError.invokeExact();
                } catch (Throwable t) {
                    throw unexpected(t);
                }
            }
        }
    }

    private static MethodHandle link(MemorySegment address, FunctionDescriptor descriptor) {
        return LAST_ERROR.link(address, descriptor);
    }

    private static int lastError(MemorySegment state) {
        return LAST_ERROR.read(state);
    }

    private static MemorySegment currentProcess() {
        try {
            return (MemorySegment) GET_CURRENT_PROCESS.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** What GetSystemInfo says that mmap4j needs. */
    record SystemInfo(long pageSize, long allocationGranularity) {
    }

    static SystemInfo systemInfo() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = SYSTEM_INFO.allocate(arena);
            GET_SYSTEM_INFO.invokeExact(info);
            return new SystemInfo(Integer.toUnsignedLong(SYSTEM_INFO.dwPageSize(info)),
                    Integer.toUnsignedLong(SYSTEM_INFO.dwAllocationGranularity(info)));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long createFile(String path, int access, int share, int disposition, int flags) throws NativeCallException {
        MemorySegment state = STATE.get();
        MemorySegment h;
        try (Arena arena = Arena.ofConfined()) {
            h = (MemorySegment) CREATE_FILE.invokeExact(state, wide(arena, path), access, share, MemorySegment.NULL,
                    disposition, flags, MemorySegment.NULL);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (h.address() == INVALID_HANDLE) {
            int code = lastError(state);
            throw failure("CreateFileW", code, WindowsNativeMemory.hint("CreateFileW", code), "lpFileName", path,
                    "dwDesiredAccess", WindowsNames.fileAccess(access), "dwCreationDisposition",
                    WindowsNames.disposition(disposition), "dwFlagsAndAttributes", WindowsNames.fileFlags(flags));
        }
        return h.address();
    }

    static void closeHandle(long handle) throws NativeCallException {
        MemorySegment state = STATE.get();
        int ok;
        try {
            ok = (int) CLOSE_HANDLE.invokeExact(state, MemorySegment.ofAddress(handle));
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (ok == 0) {
            throw failure("CloseHandle", lastError(state), "", "hObject", hex(handle));
        }
    }

    static int fileType(long handle) throws NativeCallException {
        MemorySegment state = STATE.get();
        int type;
        try {
            type = (int) GET_FILE_TYPE.invokeExact(state, MemorySegment.ofAddress(handle));
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (type == Kernel32.FILE_TYPE_UNKNOWN()) {
            int code = lastError(state);
            if (code != Kernel32.ERROR_SUCCESS()) {
                throw failure("GetFileType", code, "", "hFile", hex(handle));
            }
        }
        return type;
    }

    static int fileAttributes(long handle) throws NativeCallException {
        MemorySegment state = STATE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = BY_HANDLE_FILE_INFORMATION.allocate(arena);
            int ok = (int) GET_FILE_INFORMATION.invokeExact(state, MemorySegment.ofAddress(handle), info);
            if (ok == 0) {
                throw failure("GetFileInformationByHandle", lastError(state), "", "hFile", hex(handle));
            }
            return BY_HANDLE_FILE_INFORMATION.dwFileAttributes(info);
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long fileSize(long handle) throws NativeCallException {
        MemorySegment state = STATE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = LARGE_INTEGER.allocate(arena);
            int ok = (int) GET_FILE_SIZE.invokeExact(state, MemorySegment.ofAddress(handle), size);
            if (ok == 0) {
                throw failure("GetFileSizeEx", lastError(state), "", "hFile", hex(handle));
            }
            return LARGE_INTEGER.QuadPart(size);
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** SetFilePointerEx to {@code size} from the start, then SetEndOfFile there. */
    static void setEndOfFile(long handle, long size) throws NativeCallException {
        MemorySegment state = STATE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment distance = LARGE_INTEGER.allocate(arena);
            LARGE_INTEGER.QuadPart(distance, size);
            int ok = (int) SET_FILE_POINTER.invokeExact(state, MemorySegment.ofAddress(handle), distance,
                    MemorySegment.NULL, Kernel32.FILE_BEGIN());
            if (ok == 0) {
                throw failure("SetFilePointerEx", lastError(state), "", "hFile", hex(handle), "liDistanceToMove", size,
                        "dwMoveMethod", "FILE_BEGIN");
            }
            ok = (int) SET_END_OF_FILE.invokeExact(state, MemorySegment.ofAddress(handle));
            if (ok == 0) {
                int code = lastError(state);
                throw failure("SetEndOfFile", code, WindowsNativeMemory.hint("SetEndOfFile", code), "hFile",
                        hex(handle), "at", size);
            }
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static void flushFileBuffers(long handle) throws NativeCallException {
        MemorySegment state = STATE.get();
        int ok;
        try {
            ok = (int) FLUSH_FILE_BUFFERS.invokeExact(state, MemorySegment.ofAddress(handle));
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (ok == 0) {
            int code = lastError(state);
            throw failure("FlushFileBuffers", code, WindowsNativeMemory.hint("FlushFileBuffers", code), "hFile",
                    hex(handle));
        }
    }

    /** DuplicateHandle within this process, with the same access. */
    static long duplicateHandle(long handle) throws NativeCallException {
        MemorySegment state = STATE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment target = arena.allocate(Kernel32.C_POINTER);
            int ok = (int) DUPLICATE_HANDLE.invokeExact(state, CURRENT_PROCESS, MemorySegment.ofAddress(handle),
                    CURRENT_PROCESS, target, 0, 0, Kernel32.DUPLICATE_SAME_ACCESS());
            if (ok == 0) {
                throw failure("DuplicateHandle", lastError(state), "", "hSourceHandle", hex(handle),
                        "dwOptions", "DUPLICATE_SAME_ACCESS");
            }
            return target.get(ValueLayout.ADDRESS, 0).address();
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * A section handle, and whether a named section of that name already existed.
     *
     * @param handle  the section
     * @param existed whether CreateFileMappingW opened an existing named section ({@code ERROR_ALREADY_EXISTS})
     */
    record Section(long handle, boolean existed) {
    }

    /** CreateFileMappingW over a file, or over the paging file when {@code file} is -1; {@code name} may be null. */
    static Section createFileMapping(long file, int protect, long maximumSize, String name) throws NativeCallException {
        MemorySegment state = STATE.get();
        MemorySegment h;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment wideName = name == null ? MemorySegment.NULL : wide(arena, name);
            h = (MemorySegment) CREATE_FILE_MAPPING.invokeExact(state, MemorySegment.ofAddress(file), MemorySegment.NULL,
                    protect, (int) (maximumSize >>> 32), (int) maximumSize, wideName);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        int code = lastError(state);
        if (h.address() == 0) {
            throw failure("CreateFileMappingW", code, WindowsNativeMemory.hint("CreateFileMappingW", code),
                    "hFile", file == INVALID_HANDLE ? "INVALID_HANDLE_VALUE" : hex(file),
                    "flProtect", WindowsNames.protect(protect), "dwMaximumSize", maximumSize,
                    "lpName", name == null ? "NULL" : name);
        }
        return new Section(h.address(), name != null && code == Kernel32.ERROR_ALREADY_EXISTS());
    }

    static long openFileMapping(int access, String name) throws NativeCallException {
        MemorySegment state = STATE.get();
        MemorySegment h;
        try (Arena arena = Arena.ofConfined()) {
            h = (MemorySegment) OPEN_FILE_MAPPING.invokeExact(state, access, 0, wide(arena, name));
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (h.address() == 0) {
            int code = lastError(state);
            throw failure("OpenFileMappingW", code, WindowsNativeMemory.hint("OpenFileMappingW", code),
                    "dwDesiredAccess", WindowsNames.access(access), "lpName", name);
        }
        return h.address();
    }

    /** MapViewOfFile, or MapViewOfFileEx when {@code address} is not 0. */
    static long mapViewOfFile(long section, int access, long offset, long length, long address)
            throws NativeCallException {
        MemorySegment state = STATE.get();
        MemorySegment view;
        try {
            view = address == 0
                    ? (MemorySegment) MAP_VIEW.invokeExact(state, MemorySegment.ofAddress(section), access,
                    (int) (offset >>> 32), (int) offset, length)
                    : (MemorySegment) MAP_VIEW_EX.invokeExact(state, MemorySegment.ofAddress(section), access,
                    (int) (offset >>> 32), (int) offset, length, MemorySegment.ofAddress(address));
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (view.address() == 0) {
            int code = lastError(state);
            String hint = WindowsNativeMemory.hint("MapViewOfFile", code);
            throw address == 0
                    ? failure("MapViewOfFile", code, hint, "hFileMappingObject", hex(section),
                    "dwDesiredAccess", WindowsNames.access(access), "dwFileOffset", offset, "dwNumberOfBytesToMap", length)
                    : failure("MapViewOfFileEx", code, hint, "hFileMappingObject", hex(section),
                    "dwDesiredAccess", WindowsNames.access(access), "dwFileOffset", offset, "dwNumberOfBytesToMap", length,
                    "lpBaseAddress", hex(address));
        }
        return view.address();
    }

    static void unmapViewOfFile(long address) throws NativeCallException {
        MemorySegment state = STATE.get();
        int ok;
        try {
            ok = (int) UNMAP_VIEW.invokeExact(state, MemorySegment.ofAddress(address));
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (ok == 0) {
            throw failure("UnmapViewOfFile", lastError(state), "", "lpBaseAddress", hex(address));
        }
    }

    /** The call keeps {@code range} alive: a closed arena throws IllegalStateException instead. */
    static void flushViewOfFile(MemorySegment range) throws NativeCallException {
        MemorySegment state = STATE.get();
        long address = range.address(), length = range.byteSize();
        int ok;
        try {
            ok = (int) FLUSH_VIEW.invokeExact(state, range, length);
        } catch (IllegalStateException | WrongThreadException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (ok == 0) {
            throw failure("FlushViewOfFile", lastError(state), "", "lpBaseAddress", hex(address),
                    "dwNumberOfBytesToFlush", length);
        }
    }

    /** {@return the protection the first page had before} */
    static int virtualProtect(long address, long length, int protect) throws NativeCallException {
        MemorySegment state = STATE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment old = arena.allocate(Kernel32.C_LONG);
            int ok = (int) VIRTUAL_PROTECT.invokeExact(state, MemorySegment.ofAddress(address), length, protect, old);
            if (ok == 0) {
                int code = lastError(state);
                throw failure("VirtualProtect", code, WindowsNativeMemory.hint("VirtualProtect", code),
                        "lpAddress", hex(address), "dwSize", length, "flNewProtect", WindowsNames.protect(protect));
            }
            return old.get(Kernel32.C_LONG, 0);
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The call keeps {@code range} alive: a closed arena throws IllegalStateException instead. */
    static void virtualLock(MemorySegment range) throws NativeCallException {
        MemorySegment state = STATE.get();
        long address = range.address(), length = range.byteSize();
        int ok;
        try {
            ok = (int) VIRTUAL_LOCK.invokeExact(state, range, length);
        } catch (IllegalStateException | WrongThreadException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (ok == 0) {
            int code = lastError(state);
            throw failure("VirtualLock", code, WindowsNativeMemory.hint("VirtualLock", code),
                    "lpAddress", hex(address), "dwSize", length);
        }
    }

    /** The call keeps {@code range} alive: a closed arena throws IllegalStateException instead. */
    static void virtualUnlock(MemorySegment range) throws NativeCallException {
        MemorySegment state = STATE.get();
        long address = range.address(), length = range.byteSize();
        int ok;
        try {
            ok = (int) VIRTUAL_UNLOCK.invokeExact(state, range, length);
        } catch (IllegalStateException | WrongThreadException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (ok == 0) {
            int code = lastError(state);
            throw failure("VirtualUnlock", code, WindowsNativeMemory.hint("VirtualUnlock", code),
                    "lpAddress", hex(address), "dwSize", length);
        }
    }

    /** {@return the size of the region of like pages that starts at {@code address}'s page (VirtualQuery)} */
    static long regionSize(long address) throws NativeCallException {
        return query(address)[0];
    }

    /**
     * VirtualQuery: the size of the region of like pages that starts at {@code address}'s page, and
     * their protection ({@code PAGE_*}).
     */
    static long[] query(long address) throws NativeCallException {
        MemorySegment state = STATE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = MEMORY_BASIC_INFORMATION.allocate(arena);
            long written = (long) VIRTUAL_QUERY.invokeExact(state, MemorySegment.ofAddress(address), info,
                    MEMORY_BASIC_INFORMATION.sizeof());
            if (written == 0) {
                throw failure("VirtualQuery", lastError(state), "", "lpAddress", hex(address));
            }
            return new long[]{MEMORY_BASIC_INFORMATION.RegionSize(info), MEMORY_BASIC_INFORMATION.Protect(info)};
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** PrefetchVirtualMemory of one range of this process. */
    static void prefetch(long address, long length, int flags) throws NativeCallException {
        MemorySegment state = STATE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment entry = WIN32_MEMORY_RANGE_ENTRY.allocate(arena);
            WIN32_MEMORY_RANGE_ENTRY.VirtualAddress(entry, MemorySegment.ofAddress(address));
            WIN32_MEMORY_RANGE_ENTRY.NumberOfBytes(entry, length);
            int ok = (int) PREFETCH.invokeExact(state, CURRENT_PROCESS, 1L, entry, flags);
            if (ok == 0) {
                int code = lastError(state);
                throw failure("PrefetchVirtualMemory", code, WindowsNativeMemory.hint("PrefetchVirtualMemory", code),
                        "VirtualAddress", hex(address), "NumberOfBytes", length, "Flags", flags);
            }
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** QueryWorkingSetEx for each page of a page-aligned range: byte i of {@code vector} gets the Valid bit of page i. */
    static void queryWorkingSet(long address, long length, long pageSize, MemorySegment vector) throws NativeCallException {
        MemorySegment state = STATE.get();
        long pages = length / pageSize;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment entries = PSAPI_WORKING_SET_EX_INFORMATION.allocateArray(Math.min(pages, WORKING_SET_BATCH), arena);
            for (long first = 0; first < pages; first += WORKING_SET_BATCH) {
                int n = (int) Math.min(WORKING_SET_BATCH, pages - first);
                for (int i = 0; i < n; i++) {
                    MemorySegment e = PSAPI_WORKING_SET_EX_INFORMATION.asSlice(entries, i);
                    PSAPI_WORKING_SET_EX_INFORMATION.VirtualAddress(e, MemorySegment.ofAddress(address + (first + i) * pageSize));
                }
                int cb = Math.toIntExact(n * PSAPI_WORKING_SET_EX_INFORMATION.sizeof());
                int ok = (int) QUERY_WORKING_SET.invokeExact(state, CURRENT_PROCESS, entries, cb);
                if (ok == 0) {
                    throw failure("QueryWorkingSetEx", lastError(state), "", "pv", hex(address + first * pageSize),
                            "cb", cb);
                }
                for (int i = 0; i < n; i++) {
                    MemorySegment block = PSAPI_WORKING_SET_EX_INFORMATION.VirtualAttributes(
                            PSAPI_WORKING_SET_EX_INFORMATION.asSlice(entries, i));
                    long flags = PSAPI_WORKING_SET_EX_BLOCK.Flags(block);
                    vector.set(ValueLayout.JAVA_BYTE, first + i, (byte) ((flags & WORKING_SET_VALID) != 0 ? 1 : 0));
                }
            }
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@return the system's text for an error code (FormatMessageW), without the closing period and line break} */
    static String formatMessage(int code) {
        MemorySegment state = STATE.get();
        try (Arena arena = Arena.ofConfined()) {
            int chars = 512;
            MemorySegment buffer = arena.allocate(Kernel32.C_SHORT, chars);
            int written = (int) FORMAT_MESSAGE.invokeExact(state,
                    Kernel32.FORMAT_MESSAGE_FROM_SYSTEM() | Kernel32.FORMAT_MESSAGE_IGNORE_INSERTS(), MemorySegment.NULL,
                    code, 0, buffer, chars, MemorySegment.NULL);
            if (written == 0) {
                return "no message text for error " + code;
            }
            return tidy(buffer.getString(0, StandardCharsets.UTF_16LE));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Windows message text ends in a period and CR LF; strerror's does not: drop them. */
    static String tidy(String message) {
        String s = message.strip();
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * The one place a failed call becomes an exception.
     *
     * @param call           the function's name
     * @param code           the captured GetLastError value
     * @param hint           what to do, or ""
     * @param namesAndValues the arguments, name then value
     */
    static NativeCallException failure(String call, int code, String hint, Object... namesAndValues) {
        return new NativeCallException(call, CallText.arguments(namesAndValues), code, WindowsNames.error(code),
                formatMessage(code), hint);
    }

    static String hex(long address) {
        return CallText.hex(address);
    }

    /** A NUL-terminated UTF-16LE copy of {@code s}: what an LPCWSTR points to. */
    private static MemorySegment wide(Arena arena, String s) {
        return arena.allocateFrom(s, StandardCharsets.UTF_16LE);
    }

    private static AssertionError unexpected(Throwable t) {
        return CallText.unexpected(t);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.windows.internal;

import io.mmap4j.windows.bindings.Kernel32;
import io.mmap4j.windows.bindings.LARGE_INTEGER;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every bound function's return and argument sizes against its Windows x64 prototype: 4 for DWORD,
 * ULONG and BOOL, 8 for HANDLE, pointers, SIZE_T and ULONG_PTR, 8 for a LARGE_INTEGER passed by
 * value, 0 for void. The descriptors live next to the symbols, so a kernel32 must be loaded: the fake
 * off Windows.
 */
class FunctionDescriptorsTest {

    @BeforeAll
    static void loadKernel32() {
        FakeKernel32.backend(); // loads the library the symbols are looked up in
    }

    private static final Map<String, Supplier<FunctionDescriptor>> FUNCTIONS = new LinkedHashMap<>();
    private static final Map<String, List<Long>> SIZES = new LinkedHashMap<>();

    private static void expect(String name, Supplier<FunctionDescriptor> descriptor, Long... returnThenArguments) {
        FUNCTIONS.put(name, descriptor);
        SIZES.put(name, List.of(returnThenArguments));
    }

    static {
        // HANDLE CreateFileW(LPCWSTR, DWORD, DWORD, LPSECURITY_ATTRIBUTES, DWORD, DWORD, HANDLE)
        expect("CreateFileW", Kernel32::CreateFileW$descriptor, 8L, 8L, 4L, 4L, 8L, 4L, 4L, 8L);
        expect("CloseHandle", Kernel32::CloseHandle$descriptor, 4L, 8L);
        expect("GetFileType", Kernel32::GetFileType$descriptor, 4L, 8L);
        expect("GetFileInformationByHandle", Kernel32::GetFileInformationByHandle$descriptor, 4L, 8L, 8L);
        expect("GetFileSizeEx", Kernel32::GetFileSizeEx$descriptor, 4L, 8L, 8L);
        // BOOL SetFilePointerEx(HANDLE, LARGE_INTEGER, PLARGE_INTEGER, DWORD)
        expect("SetFilePointerEx", Kernel32::SetFilePointerEx$descriptor, 4L, 8L, 8L, 8L, 4L);
        expect("SetEndOfFile", Kernel32::SetEndOfFile$descriptor, 4L, 8L);
        expect("FlushFileBuffers", Kernel32::FlushFileBuffers$descriptor, 4L, 8L);
        // HANDLE CreateFileMappingW(HANDLE, LPSECURITY_ATTRIBUTES, DWORD, DWORD, DWORD, LPCWSTR)
        expect("CreateFileMappingW", Kernel32::CreateFileMappingW$descriptor, 8L, 8L, 8L, 4L, 4L, 4L, 8L);
        expect("OpenFileMappingW", Kernel32::OpenFileMappingW$descriptor, 8L, 4L, 4L, 8L);
        // LPVOID MapViewOfFile(HANDLE, DWORD, DWORD, DWORD, SIZE_T)
        expect("MapViewOfFile", Kernel32::MapViewOfFile$descriptor, 8L, 8L, 4L, 4L, 4L, 8L);
        expect("MapViewOfFileEx", Kernel32::MapViewOfFileEx$descriptor, 8L, 8L, 4L, 4L, 4L, 8L, 8L);
        expect("UnmapViewOfFile", Kernel32::UnmapViewOfFile$descriptor, 4L, 8L);
        expect("FlushViewOfFile", Kernel32::FlushViewOfFile$descriptor, 4L, 8L, 8L);
        // BOOL VirtualProtect(LPVOID, SIZE_T, DWORD, PDWORD)
        expect("VirtualProtect", Kernel32::VirtualProtect$descriptor, 4L, 8L, 8L, 4L, 8L);
        expect("VirtualLock", Kernel32::VirtualLock$descriptor, 4L, 8L, 8L);
        expect("VirtualUnlock", Kernel32::VirtualUnlock$descriptor, 4L, 8L, 8L);
        expect("VirtualQuery", Kernel32::VirtualQuery$descriptor, 8L, 8L, 8L, 8L);
        // BOOL PrefetchVirtualMemory(HANDLE, ULONG_PTR, PWIN32_MEMORY_RANGE_ENTRY, ULONG)
        expect("PrefetchVirtualMemory", Kernel32::PrefetchVirtualMemory$descriptor, 4L, 8L, 8L, 8L, 4L);
        expect("K32QueryWorkingSetEx", Kernel32::K32QueryWorkingSetEx$descriptor, 4L, 8L, 8L, 4L);
        expect("GetSystemInfo", Kernel32::GetSystemInfo$descriptor, 0L, 8L);
        expect("GetCurrentProcess", Kernel32::GetCurrentProcess$descriptor, 8L);
        // BOOL DuplicateHandle(HANDLE, HANDLE, HANDLE, LPHANDLE, DWORD, BOOL, DWORD)
        expect("DuplicateHandle", Kernel32::DuplicateHandle$descriptor, 4L, 8L, 8L, 8L, 8L, 4L, 4L, 4L);
        expect("GetLastError", Kernel32::GetLastError$descriptor, 4L);
        expect("SetLastError", Kernel32::SetLastError$descriptor, 0L, 4L);
        // DWORD FormatMessageW(DWORD, LPCVOID, DWORD, DWORD, LPWSTR, DWORD, va_list *)
        expect("FormatMessageW", Kernel32::FormatMessageW$descriptor, 4L, 4L, 8L, 4L, 4L, 8L, 4L, 8L);
    }

    @Test
    void everyFunctionHasTheArgumentSizesOfItsWindowsPrototype() {
        for (var e : FUNCTIONS.entrySet()) {
            FunctionDescriptor d = e.getValue().get();
            long returned = d.returnLayout().map(MemoryLayout::byteSize).orElse(0L);
            List<Long> actual = new java.util.ArrayList<>();
            actual.add(returned);
            d.argumentLayouts().forEach(l -> actual.add(l.byteSize()));
            assertEquals(SIZES.get(e.getKey()), actual, e.getKey());
        }
    }

    @Test
    void setFilePointerExTakesTheLargeIntegerUnionByValue() {
        assertEquals(LARGE_INTEGER.layout(), Kernel32.SetFilePointerEx$descriptor().argumentLayouts().get(1));
    }

    @Test
    void everyFunctionInTheArgsFileIsBound() throws java.io.IOException {
        var listed = java.nio.file.Files.readAllLines(java.nio.file.Path.of(
                        System.getProperty("mmap4j.test.argsFile", "jextract/kernel32.args"))).stream()
                .filter(l -> l.startsWith("--include-function ")).map(l -> l.substring(19).strip()).toList();
        assertEquals(listed, List.copyOf(FUNCTIONS.keySet()));
    }
}

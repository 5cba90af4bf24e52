// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.windows.bindings;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemoryLayout;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * jextract's struct layouts against the Windows x64 ABI (LLP64: DWORD, LONG and BOOL are 32 bits;
 * SIZE_T, ULONG_PTR, HANDLE and pointers 64; natural alignment), from the SDK declarations and the x64
 * layout rules: a check on the headers and the target jextract was given. Off Windows this runs on
 * the JDK's Windows x64 linker ({@code pom.xml}), whose canonical "long" is 4 bytes.
 */
class BindingsLayoutTest {

    @Test
    void cTypesAreLlp64() {
        assertEquals(4, Kernel32.C_LONG.byteSize());
        assertEquals(4, Kernel32.C_INT.byteSize());
        assertEquals(2, Kernel32.C_SHORT.byteSize());
        assertEquals(8, Kernel32.C_LONG_LONG.byteSize());
        assertEquals(8, Kernel32.C_POINTER.byteSize());
    }

    @Test
    void systemInfoIs48BytesWithPageSizeAt4AndGranularityAt40() {
        assertEquals(48, SYSTEM_INFO.sizeof());
        assertEquals(8, SYSTEM_INFO.layout().byteAlignment());
        assertEquals(0, SYSTEM_INFO.dwOemId$offset());
        assertEquals(0, SYSTEM_INFO.wProcessorArchitecture$offset());
        assertEquals(2, SYSTEM_INFO.wReserved$offset());
        assertEquals(4, SYSTEM_INFO.dwPageSize$offset());
        assertEquals(8, SYSTEM_INFO.lpMinimumApplicationAddress$offset());
        assertEquals(16, SYSTEM_INFO.lpMaximumApplicationAddress$offset());
        assertEquals(24, SYSTEM_INFO.dwActiveProcessorMask$offset());
        assertEquals(32, SYSTEM_INFO.dwNumberOfProcessors$offset());
        assertEquals(36, SYSTEM_INFO.dwProcessorType$offset());
        assertEquals(40, SYSTEM_INFO.dwAllocationGranularity$offset());
        assertEquals(44, SYSTEM_INFO.wProcessorLevel$offset());
        assertEquals(46, SYSTEM_INFO.wProcessorRevision$offset());
    }

    @Test
    void workingSetExInformationIs16BytesWithItsEightByteBlockAt8() {
        assertEquals(8, PSAPI_WORKING_SET_EX_BLOCK.sizeof());
        assertEquals(8, PSAPI_WORKING_SET_EX_BLOCK.layout().byteAlignment());
        assertEquals(0, PSAPI_WORKING_SET_EX_BLOCK.Flags$offset());
        // the anonymous union of bitfield structs: jextract names it after its header line ("$anon$216:18"),
        // so it is found by position, not by name
        List<MemoryLayout> members = PSAPI_WORKING_SET_EX_BLOCK.layout().memberLayouts();
        assertEquals(2, members.size());
        assertEquals(8, members.get(1).byteSize());
        assertEquals(16, PSAPI_WORKING_SET_EX_INFORMATION.sizeof());
        assertEquals(0, PSAPI_WORKING_SET_EX_INFORMATION.VirtualAddress$offset());
        assertEquals(8, PSAPI_WORKING_SET_EX_INFORMATION.VirtualAttributes$offset());
        assertEquals(8, PSAPI_WORKING_SET_EX_INFORMATION.VirtualAttributes$layout().byteSize());
    }

    @Test
    void memoryRangeEntryIs16Bytes() {
        assertEquals(16, WIN32_MEMORY_RANGE_ENTRY.sizeof());
        assertEquals(0, WIN32_MEMORY_RANGE_ENTRY.VirtualAddress$offset());
        assertEquals(8, WIN32_MEMORY_RANGE_ENTRY.NumberOfBytes$offset());
    }

    @Test
    void memoryBasicInformationIs48BytesWithPaddingAfterPartitionIdAndAtTheEnd() {
        assertEquals(48, MEMORY_BASIC_INFORMATION.sizeof());
        assertEquals(0, MEMORY_BASIC_INFORMATION.BaseAddress$offset());
        assertEquals(8, MEMORY_BASIC_INFORMATION.AllocationBase$offset());
        assertEquals(16, MEMORY_BASIC_INFORMATION.AllocationProtect$offset());
        assertEquals(20, MEMORY_BASIC_INFORMATION.PartitionId$offset());
        assertEquals(24, MEMORY_BASIC_INFORMATION.RegionSize$offset());
        assertEquals(32, MEMORY_BASIC_INFORMATION.State$offset());
        assertEquals(36, MEMORY_BASIC_INFORMATION.Protect$offset());
        assertEquals(40, MEMORY_BASIC_INFORMATION.Type$offset());
    }

    @Test
    void byHandleFileInformationIs52BytesOfDwordsAndFiletimes() {
        assertEquals(8, FILETIME.sizeof());
        assertEquals(4, FILETIME.layout().byteAlignment());
        assertEquals(52, BY_HANDLE_FILE_INFORMATION.sizeof());
        assertEquals(0, BY_HANDLE_FILE_INFORMATION.dwFileAttributes$offset());
        assertEquals(4, BY_HANDLE_FILE_INFORMATION.ftCreationTime$offset());
        assertEquals(12, BY_HANDLE_FILE_INFORMATION.ftLastAccessTime$offset());
        assertEquals(20, BY_HANDLE_FILE_INFORMATION.ftLastWriteTime$offset());
        assertEquals(28, BY_HANDLE_FILE_INFORMATION.dwVolumeSerialNumber$offset());
        assertEquals(32, BY_HANDLE_FILE_INFORMATION.nFileSizeHigh$offset());
        assertEquals(36, BY_HANDLE_FILE_INFORMATION.nFileSizeLow$offset());
        assertEquals(40, BY_HANDLE_FILE_INFORMATION.nNumberOfLinks$offset());
        assertEquals(44, BY_HANDLE_FILE_INFORMATION.nFileIndexHigh$offset());
        assertEquals(48, BY_HANDLE_FILE_INFORMATION.nFileIndexLow$offset());
    }

    @Test
    void largeIntegerIsAnEightByteUnionWithTheHighPartAt4() {
        MemoryLayout l = LARGE_INTEGER.layout();
        assertEquals(8, l.byteSize());
        assertEquals(8, l.byteAlignment());
        assertEquals(0, LARGE_INTEGER.QuadPart$offset());
        assertEquals(0, LARGE_INTEGER.LowPart$offset());
        assertEquals(4, LARGE_INTEGER.HighPart$offset());
        assertEquals(8, LARGE_INTEGER.u$layout().byteSize());
    }
}

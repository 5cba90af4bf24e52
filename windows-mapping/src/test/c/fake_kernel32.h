// SPDX-License-Identifier: Apache-2.0
// The Windows types, constants and kernel32 functions that the fake kernel32 (fake_kernel32.c) exports, as
// Windows x64 declares them (DWORD 32-bit, SIZE_T and HANDLE 64-bit, WCHAR 16-bit) and with the Windows x64
// calling convention (ms_abi): the tests run the JVM with the Windows x64 linker
// (-Djdk.internal.foreign.CABI=WIN_64), and windows_contract.c calls them like a Windows program does.
// Linux only; on Windows the same names come from <windows.h>.
#ifndef FAKE_KERNEL32_H
#define FAKE_KERNEL32_H
#include <stdint.h>

#define WINAPI __attribute__((ms_abi))

typedef uint32_t DWORD;
typedef int32_t BOOL;
typedef int32_t LONG;
typedef uint16_t WORD;
typedef uint16_t WCHAR;
typedef uint64_t SIZE_T;
typedef uint64_t ULONG_PTR;
typedef int64_t LONGLONG;
typedef void *HANDLE;

typedef union {
    struct { DWORD LowPart; LONG HighPart; } u;
    LONGLONG QuadPart;
} LARGE_INTEGER;

typedef struct {
    union { DWORD dwOemId; struct { WORD wProcessorArchitecture; WORD wReserved; } s; } u;
    DWORD dwPageSize;
    void *lpMinimumApplicationAddress;
    void *lpMaximumApplicationAddress;
    ULONG_PTR dwActiveProcessorMask;
    DWORD dwNumberOfProcessors;
    DWORD dwProcessorType;
    DWORD dwAllocationGranularity;
    WORD wProcessorLevel;
    WORD wProcessorRevision;
} SYSTEM_INFO;

typedef struct { DWORD dwLowDateTime, dwHighDateTime; } FILETIME;

typedef struct {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD dwVolumeSerialNumber, nFileSizeHigh, nFileSizeLow, nNumberOfLinks, nFileIndexHigh, nFileIndexLow;
} BY_HANDLE_FILE_INFORMATION;

typedef struct {
    void *BaseAddress;
    void *AllocationBase;
    DWORD AllocationProtect;
    WORD PartitionId;
    SIZE_T RegionSize;
    DWORD State, Protect, Type;
} MEMORY_BASIC_INFORMATION;

typedef struct { void *VirtualAddress; SIZE_T NumberOfBytes; } WIN32_MEMORY_RANGE_ENTRY;
typedef struct { void *VirtualAddress; ULONG_PTR VirtualAttributes; } PSAPI_WORKING_SET_EX_INFORMATION;

_Static_assert(sizeof(SYSTEM_INFO) == 48, "SYSTEM_INFO");
_Static_assert(sizeof(BY_HANDLE_FILE_INFORMATION) == 52, "BY_HANDLE_FILE_INFORMATION");
_Static_assert(sizeof(MEMORY_BASIC_INFORMATION) == 48, "MEMORY_BASIC_INFORMATION");
_Static_assert(sizeof(LARGE_INTEGER) == 8, "LARGE_INTEGER");

#define INVALID_HANDLE_VALUE ((HANDLE)(intptr_t)-1)
#define GRANULARITY 65536u

enum {
    ERROR_SUCCESS = 0, ERROR_FILE_NOT_FOUND = 2, ERROR_PATH_NOT_FOUND = 3, ERROR_TOO_MANY_OPEN_FILES = 4,
    ERROR_ACCESS_DENIED = 5, ERROR_INVALID_HANDLE = 6, ERROR_NOT_ENOUGH_MEMORY = 8, ERROR_BAD_LENGTH = 24,
    ERROR_GEN_FAILURE = 31, ERROR_NOT_SUPPORTED = 50, ERROR_FILE_EXISTS = 80, ERROR_INVALID_PARAMETER = 87,
    ERROR_DISK_FULL = 112, ERROR_INSUFFICIENT_BUFFER = 122, ERROR_NEGATIVE_SEEK = 131, ERROR_NOT_LOCKED = 158,
    ERROR_ALREADY_EXISTS = 183, ERROR_FILENAME_EXCED_RANGE = 206, ERROR_MR_MID_NOT_FOUND = 317,
    ERROR_INVALID_ADDRESS = 487, ERROR_NOACCESS = 998, ERROR_FILE_INVALID = 1006, ERROR_MAPPED_ALIGNMENT = 1132,
    ERROR_USER_MAPPED_FILE = 1224, ERROR_WORKING_SET_QUOTA = 1453, ERROR_CANT_RESOLVE_FILENAME = 1921,
};
enum { GENERIC_READ = 0x80000000u, GENERIC_WRITE = 0x40000000u, GENERIC_EXECUTE = 0x20000000u };
enum { CREATE_NEW = 1, CREATE_ALWAYS, OPEN_EXISTING, OPEN_ALWAYS, TRUNCATE_EXISTING };
enum { FILE_ATTRIBUTE_DIRECTORY = 0x10, FILE_ATTRIBUTE_NORMAL = 0x80, FILE_ATTRIBUTE_REPARSE_POINT = 0x400,
       FILE_FLAG_OPEN_REPARSE_POINT = 0x00200000 };
enum { PAGE_NOACCESS = 0x01, PAGE_READONLY = 0x02, PAGE_READWRITE = 0x04, PAGE_WRITECOPY = 0x08, PAGE_EXECUTE = 0x10,
       PAGE_EXECUTE_READ = 0x20, PAGE_EXECUTE_READWRITE = 0x40, PAGE_EXECUTE_WRITECOPY = 0x80 };
enum { FILE_MAP_COPY = 1, FILE_MAP_WRITE = 2, FILE_MAP_READ = 4, FILE_MAP_EXECUTE = 0x20 };
enum { MEM_COMMIT = 0x1000, MEM_MAPPED = 0x40000 };
enum { DUPLICATE_SAME_ACCESS = 2, FORMAT_MESSAGE_FROM_SYSTEM = 0x1000 };
enum { MEM_RESERVE = 0x2000, MEM_FREE = 0x10000 };
enum { FALSE = 0, TRUE = 1 };
enum { FILE_BEGIN = 0, FILE_CURRENT = 1, FILE_END = 2 };
enum { FILE_TYPE_UNKNOWN = 0, FILE_TYPE_DISK = 1, FILE_TYPE_CHAR = 2, FILE_TYPE_PIPE = 3 };
enum { FILE_SHARE_READ = 1, FILE_SHARE_WRITE = 2, FILE_SHARE_DELETE = 4 };

WINAPI DWORD GetLastError(void);
WINAPI void SetLastError(DWORD code);
WINAPI HANDLE CreateFileW(const WCHAR *name, DWORD access, DWORD share, void *security, DWORD disposition,
                          DWORD flags, HANDLE template);
WINAPI BOOL CloseHandle(HANDLE h);
WINAPI DWORD GetFileType(HANDLE h);
WINAPI BOOL GetFileInformationByHandle(HANDLE h, BY_HANDLE_FILE_INFORMATION *info);
WINAPI BOOL GetFileSizeEx(HANDLE h, LARGE_INTEGER *size);
WINAPI BOOL SetFilePointerEx(HANDLE h, LARGE_INTEGER distance, LARGE_INTEGER *position, DWORD method);
WINAPI BOOL SetEndOfFile(HANDLE h);
WINAPI BOOL FlushFileBuffers(HANDLE h);
WINAPI BOOL DuplicateHandle(HANDLE source_process, HANDLE source, HANDLE target_process, HANDLE *target,
                            DWORD access, BOOL inherit, DWORD options);
WINAPI HANDLE GetCurrentProcess(void);
WINAPI HANDLE CreateFileMappingW(HANDLE file, void *security, DWORD protect, DWORD max_high, DWORD max_low,
                                 const WCHAR *name);
WINAPI HANDLE OpenFileMappingW(DWORD access, BOOL inherit, const WCHAR *name);
WINAPI void *MapViewOfFileEx(HANDLE h, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T bytes, void *base);
WINAPI void *MapViewOfFile(HANDLE h, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T bytes);
WINAPI BOOL UnmapViewOfFile(const void *base);
WINAPI BOOL FlushViewOfFile(const void *address, SIZE_T length);
WINAPI BOOL VirtualProtect(void *address, SIZE_T length, DWORD protect, DWORD *old);
WINAPI BOOL VirtualLock(void *address, SIZE_T length);
WINAPI BOOL VirtualUnlock(void *address, SIZE_T length);
WINAPI SIZE_T VirtualQuery(const void *address, MEMORY_BASIC_INFORMATION *info, SIZE_T length);
WINAPI BOOL PrefetchVirtualMemory(HANDLE process, ULONG_PTR count, WIN32_MEMORY_RANGE_ENTRY *ranges, DWORD flags);
WINAPI BOOL K32QueryWorkingSetEx(HANDLE process, void *buffer, DWORD size);
WINAPI void GetSystemInfo(SYSTEM_INFO *info);
WINAPI DWORD FormatMessageW(DWORD flags, const void *source, DWORD code, DWORD language, WCHAR *buffer, DWORD size,
                            void *arguments);
#endif

// Written by hand in the shape of jextract's output (jextract needs windows.h, so it cannot run here).
// Regenerate on Windows with the command in windows-mapping/README.md; the output replaces this file.

package io.mmap4j.windows.bindings;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

/** kernel32.dll: the functions, constants and structs mmap4j's Windows backend calls. */
@SuppressWarnings("restricted") // Linker.downcallHandle, as in jextract's output
public class Kernel32 extends Kernel32$shared {

    Kernel32() {
        // Should not be called directly
    }

    static final Arena LIBRARY_ARENA = Arena.ofAuto();

    // As jextract writes it without -l: the library is loaded by the caller (System.loadLibrary("kernel32") on
    // Windows, System.load of the fake under test) before any symbol is looked up.
    static final SymbolLookup SYMBOL_LOOKUP = SymbolLookup.loaderLookup()
            .or(Linker.nativeLinker().defaultLookup());
    private static final int GENERIC_READ = (int)2147483648L;
    /**
     * {@snippet lang=c :
     * #define GENERIC_READ (0x80000000L)
     * }
     */
    public static int GENERIC_READ() {
        return GENERIC_READ;
    }
    private static final int GENERIC_WRITE = (int)1073741824L;
    /**
     * {@snippet lang=c :
     * #define GENERIC_WRITE (0x40000000L)
     * }
     */
    public static int GENERIC_WRITE() {
        return GENERIC_WRITE;
    }
    private static final int GENERIC_EXECUTE = (int)536870912L;
    /**
     * {@snippet lang=c :
     * #define GENERIC_EXECUTE (0x20000000L)
     * }
     */
    public static int GENERIC_EXECUTE() {
        return GENERIC_EXECUTE;
    }
    private static final int FILE_SHARE_READ = (int)1L;
    /**
     * {@snippet lang=c :
     * #define FILE_SHARE_READ 0x00000001
     * }
     */
    public static int FILE_SHARE_READ() {
        return FILE_SHARE_READ;
    }
    private static final int FILE_SHARE_WRITE = (int)2L;
    /**
     * {@snippet lang=c :
     * #define FILE_SHARE_WRITE 0x00000002
     * }
     */
    public static int FILE_SHARE_WRITE() {
        return FILE_SHARE_WRITE;
    }
    private static final int FILE_SHARE_DELETE = (int)4L;
    /**
     * {@snippet lang=c :
     * #define FILE_SHARE_DELETE 0x00000004
     * }
     */
    public static int FILE_SHARE_DELETE() {
        return FILE_SHARE_DELETE;
    }
    private static final int CREATE_NEW = (int)1L;
    /**
     * {@snippet lang=c :
     * #define CREATE_NEW 1
     * }
     */
    public static int CREATE_NEW() {
        return CREATE_NEW;
    }
    private static final int CREATE_ALWAYS = (int)2L;
    /**
     * {@snippet lang=c :
     * #define CREATE_ALWAYS 2
     * }
     */
    public static int CREATE_ALWAYS() {
        return CREATE_ALWAYS;
    }
    private static final int OPEN_EXISTING = (int)3L;
    /**
     * {@snippet lang=c :
     * #define OPEN_EXISTING 3
     * }
     */
    public static int OPEN_EXISTING() {
        return OPEN_EXISTING;
    }
    private static final int OPEN_ALWAYS = (int)4L;
    /**
     * {@snippet lang=c :
     * #define OPEN_ALWAYS 4
     * }
     */
    public static int OPEN_ALWAYS() {
        return OPEN_ALWAYS;
    }
    private static final int TRUNCATE_EXISTING = (int)5L;
    /**
     * {@snippet lang=c :
     * #define TRUNCATE_EXISTING 5
     * }
     */
    public static int TRUNCATE_EXISTING() {
        return TRUNCATE_EXISTING;
    }
    private static final int FILE_ATTRIBUTE_DIRECTORY = (int)16L;
    /**
     * {@snippet lang=c :
     * #define FILE_ATTRIBUTE_DIRECTORY 0x00000010
     * }
     */
    public static int FILE_ATTRIBUTE_DIRECTORY() {
        return FILE_ATTRIBUTE_DIRECTORY;
    }
    private static final int FILE_ATTRIBUTE_NORMAL = (int)128L;
    /**
     * {@snippet lang=c :
     * #define FILE_ATTRIBUTE_NORMAL 0x00000080
     * }
     */
    public static int FILE_ATTRIBUTE_NORMAL() {
        return FILE_ATTRIBUTE_NORMAL;
    }
    private static final int FILE_ATTRIBUTE_REPARSE_POINT = (int)1024L;
    /**
     * {@snippet lang=c :
     * #define FILE_ATTRIBUTE_REPARSE_POINT 0x00000400
     * }
     */
    public static int FILE_ATTRIBUTE_REPARSE_POINT() {
        return FILE_ATTRIBUTE_REPARSE_POINT;
    }
    private static final int FILE_FLAG_OPEN_REPARSE_POINT = (int)2097152L;
    /**
     * {@snippet lang=c :
     * #define FILE_FLAG_OPEN_REPARSE_POINT 0x00200000
     * }
     */
    public static int FILE_FLAG_OPEN_REPARSE_POINT() {
        return FILE_FLAG_OPEN_REPARSE_POINT;
    }
    private static final int FILE_TYPE_UNKNOWN = (int)0L;
    /**
     * {@snippet lang=c :
     * #define FILE_TYPE_UNKNOWN 0x0000
     * }
     */
    public static int FILE_TYPE_UNKNOWN() {
        return FILE_TYPE_UNKNOWN;
    }
    private static final int FILE_TYPE_DISK = (int)1L;
    /**
     * {@snippet lang=c :
     * #define FILE_TYPE_DISK 0x0001
     * }
     */
    public static int FILE_TYPE_DISK() {
        return FILE_TYPE_DISK;
    }
    private static final int FILE_TYPE_CHAR = (int)2L;
    /**
     * {@snippet lang=c :
     * #define FILE_TYPE_CHAR 0x0002
     * }
     */
    public static int FILE_TYPE_CHAR() {
        return FILE_TYPE_CHAR;
    }
    private static final int FILE_TYPE_PIPE = (int)3L;
    /**
     * {@snippet lang=c :
     * #define FILE_TYPE_PIPE 0x0003
     * }
     */
    public static int FILE_TYPE_PIPE() {
        return FILE_TYPE_PIPE;
    }
    private static final int FILE_BEGIN = (int)0L;
    /**
     * {@snippet lang=c :
     * #define FILE_BEGIN 0
     * }
     */
    public static int FILE_BEGIN() {
        return FILE_BEGIN;
    }
    private static final int FILE_CURRENT = (int)1L;
    /**
     * {@snippet lang=c :
     * #define FILE_CURRENT 1
     * }
     */
    public static int FILE_CURRENT() {
        return FILE_CURRENT;
    }
    private static final int FILE_END = (int)2L;
    /**
     * {@snippet lang=c :
     * #define FILE_END 2
     * }
     */
    public static int FILE_END() {
        return FILE_END;
    }
    private static final int PAGE_NOACCESS = (int)1L;
    /**
     * {@snippet lang=c :
     * #define PAGE_NOACCESS 0x01
     * }
     */
    public static int PAGE_NOACCESS() {
        return PAGE_NOACCESS;
    }
    private static final int PAGE_READONLY = (int)2L;
    /**
     * {@snippet lang=c :
     * #define PAGE_READONLY 0x02
     * }
     */
    public static int PAGE_READONLY() {
        return PAGE_READONLY;
    }
    private static final int PAGE_READWRITE = (int)4L;
    /**
     * {@snippet lang=c :
     * #define PAGE_READWRITE 0x04
     * }
     */
    public static int PAGE_READWRITE() {
        return PAGE_READWRITE;
    }
    private static final int PAGE_WRITECOPY = (int)8L;
    /**
     * {@snippet lang=c :
     * #define PAGE_WRITECOPY 0x08
     * }
     */
    public static int PAGE_WRITECOPY() {
        return PAGE_WRITECOPY;
    }
    private static final int PAGE_EXECUTE = (int)16L;
    /**
     * {@snippet lang=c :
     * #define PAGE_EXECUTE 0x10
     * }
     */
    public static int PAGE_EXECUTE() {
        return PAGE_EXECUTE;
    }
    private static final int PAGE_EXECUTE_READ = (int)32L;
    /**
     * {@snippet lang=c :
     * #define PAGE_EXECUTE_READ 0x20
     * }
     */
    public static int PAGE_EXECUTE_READ() {
        return PAGE_EXECUTE_READ;
    }
    private static final int PAGE_EXECUTE_READWRITE = (int)64L;
    /**
     * {@snippet lang=c :
     * #define PAGE_EXECUTE_READWRITE 0x40
     * }
     */
    public static int PAGE_EXECUTE_READWRITE() {
        return PAGE_EXECUTE_READWRITE;
    }
    private static final int PAGE_EXECUTE_WRITECOPY = (int)128L;
    /**
     * {@snippet lang=c :
     * #define PAGE_EXECUTE_WRITECOPY 0x80
     * }
     */
    public static int PAGE_EXECUTE_WRITECOPY() {
        return PAGE_EXECUTE_WRITECOPY;
    }
    private static final int PAGE_GUARD = (int)256L;
    /**
     * {@snippet lang=c :
     * #define PAGE_GUARD 0x100
     * }
     */
    public static int PAGE_GUARD() {
        return PAGE_GUARD;
    }
    private static final int PAGE_NOCACHE = (int)512L;
    /**
     * {@snippet lang=c :
     * #define PAGE_NOCACHE 0x200
     * }
     */
    public static int PAGE_NOCACHE() {
        return PAGE_NOCACHE;
    }
    private static final int PAGE_WRITECOMBINE = (int)1024L;
    /**
     * {@snippet lang=c :
     * #define PAGE_WRITECOMBINE 0x400
     * }
     */
    public static int PAGE_WRITECOMBINE() {
        return PAGE_WRITECOMBINE;
    }
    private static final int SEC_COMMIT = (int)134217728L;
    /**
     * {@snippet lang=c :
     * #define SEC_COMMIT 0x08000000
     * }
     */
    public static int SEC_COMMIT() {
        return SEC_COMMIT;
    }
    private static final int FILE_MAP_COPY = (int)1L;
    /**
     * {@snippet lang=c :
     * #define FILE_MAP_COPY SECTION_QUERY
     * }
     */
    public static int FILE_MAP_COPY() {
        return FILE_MAP_COPY;
    }
    private static final int FILE_MAP_WRITE = (int)2L;
    /**
     * {@snippet lang=c :
     * #define FILE_MAP_WRITE SECTION_MAP_WRITE
     * }
     */
    public static int FILE_MAP_WRITE() {
        return FILE_MAP_WRITE;
    }
    private static final int FILE_MAP_READ = (int)4L;
    /**
     * {@snippet lang=c :
     * #define FILE_MAP_READ SECTION_MAP_READ
     * }
     */
    public static int FILE_MAP_READ() {
        return FILE_MAP_READ;
    }
    private static final int FILE_MAP_EXECUTE = (int)32L;
    /**
     * {@snippet lang=c :
     * #define FILE_MAP_EXECUTE SECTION_MAP_EXECUTE_EXPLICIT
     * }
     */
    public static int FILE_MAP_EXECUTE() {
        return FILE_MAP_EXECUTE;
    }
    private static final int FILE_MAP_ALL_ACCESS = (int)983071L;
    /**
     * {@snippet lang=c :
     * #define FILE_MAP_ALL_ACCESS SECTION_ALL_ACCESS
     * }
     */
    public static int FILE_MAP_ALL_ACCESS() {
        return FILE_MAP_ALL_ACCESS;
    }
    private static final int MEM_COMMIT = (int)4096L;
    /**
     * {@snippet lang=c :
     * #define MEM_COMMIT 0x00001000
     * }
     */
    public static int MEM_COMMIT() {
        return MEM_COMMIT;
    }
    private static final int MEM_RESERVE = (int)8192L;
    /**
     * {@snippet lang=c :
     * #define MEM_RESERVE 0x00002000
     * }
     */
    public static int MEM_RESERVE() {
        return MEM_RESERVE;
    }
    private static final int MEM_FREE = (int)65536L;
    /**
     * {@snippet lang=c :
     * #define MEM_FREE 0x00010000
     * }
     */
    public static int MEM_FREE() {
        return MEM_FREE;
    }
    private static final int MEM_MAPPED = (int)262144L;
    /**
     * {@snippet lang=c :
     * #define MEM_MAPPED 0x00040000
     * }
     */
    public static int MEM_MAPPED() {
        return MEM_MAPPED;
    }
    private static final int DUPLICATE_SAME_ACCESS = (int)2L;
    /**
     * {@snippet lang=c :
     * #define DUPLICATE_SAME_ACCESS 0x00000002
     * }
     */
    public static int DUPLICATE_SAME_ACCESS() {
        return DUPLICATE_SAME_ACCESS;
    }
    private static final int FORMAT_MESSAGE_IGNORE_INSERTS = (int)512L;
    /**
     * {@snippet lang=c :
     * #define FORMAT_MESSAGE_IGNORE_INSERTS 0x00000200
     * }
     */
    public static int FORMAT_MESSAGE_IGNORE_INSERTS() {
        return FORMAT_MESSAGE_IGNORE_INSERTS;
    }
    private static final int FORMAT_MESSAGE_FROM_SYSTEM = (int)4096L;
    /**
     * {@snippet lang=c :
     * #define FORMAT_MESSAGE_FROM_SYSTEM 0x00001000
     * }
     */
    public static int FORMAT_MESSAGE_FROM_SYSTEM() {
        return FORMAT_MESSAGE_FROM_SYSTEM;
    }
    private static final int PROCESSOR_ARCHITECTURE_AMD64 = (int)9L;
    /**
     * {@snippet lang=c :
     * #define PROCESSOR_ARCHITECTURE_AMD64 9
     * }
     */
    public static int PROCESSOR_ARCHITECTURE_AMD64() {
        return PROCESSOR_ARCHITECTURE_AMD64;
    }
    private static final int PROCESSOR_ARCHITECTURE_ARM64 = (int)12L;
    /**
     * {@snippet lang=c :
     * #define PROCESSOR_ARCHITECTURE_ARM64 12
     * }
     */
    public static int PROCESSOR_ARCHITECTURE_ARM64() {
        return PROCESSOR_ARCHITECTURE_ARM64;
    }
    private static final int ERROR_SUCCESS = (int)0L;
    /**
     * {@snippet lang=c :
     * #define ERROR_SUCCESS 0L
     * }
     */
    public static int ERROR_SUCCESS() {
        return ERROR_SUCCESS;
    }
    private static final int ERROR_INVALID_FUNCTION = (int)1L;
    /**
     * {@snippet lang=c :
     * #define ERROR_INVALID_FUNCTION 1L
     * }
     */
    public static int ERROR_INVALID_FUNCTION() {
        return ERROR_INVALID_FUNCTION;
    }
    private static final int ERROR_FILE_NOT_FOUND = (int)2L;
    /**
     * {@snippet lang=c :
     * #define ERROR_FILE_NOT_FOUND 2L
     * }
     */
    public static int ERROR_FILE_NOT_FOUND() {
        return ERROR_FILE_NOT_FOUND;
    }
    private static final int ERROR_PATH_NOT_FOUND = (int)3L;
    /**
     * {@snippet lang=c :
     * #define ERROR_PATH_NOT_FOUND 3L
     * }
     */
    public static int ERROR_PATH_NOT_FOUND() {
        return ERROR_PATH_NOT_FOUND;
    }
    private static final int ERROR_TOO_MANY_OPEN_FILES = (int)4L;
    /**
     * {@snippet lang=c :
     * #define ERROR_TOO_MANY_OPEN_FILES 4L
     * }
     */
    public static int ERROR_TOO_MANY_OPEN_FILES() {
        return ERROR_TOO_MANY_OPEN_FILES;
    }
    private static final int ERROR_ACCESS_DENIED = (int)5L;
    /**
     * {@snippet lang=c :
     * #define ERROR_ACCESS_DENIED 5L
     * }
     */
    public static int ERROR_ACCESS_DENIED() {
        return ERROR_ACCESS_DENIED;
    }
    private static final int ERROR_INVALID_HANDLE = (int)6L;
    /**
     * {@snippet lang=c :
     * #define ERROR_INVALID_HANDLE 6L
     * }
     */
    public static int ERROR_INVALID_HANDLE() {
        return ERROR_INVALID_HANDLE;
    }
    private static final int ERROR_NOT_ENOUGH_MEMORY = (int)8L;
    /**
     * {@snippet lang=c :
     * #define ERROR_NOT_ENOUGH_MEMORY 8L
     * }
     */
    public static int ERROR_NOT_ENOUGH_MEMORY() {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    private static final int ERROR_INVALID_ACCESS = (int)12L;
    /**
     * {@snippet lang=c :
     * #define ERROR_INVALID_ACCESS 12L
     * }
     */
    public static int ERROR_INVALID_ACCESS() {
        return ERROR_INVALID_ACCESS;
    }
    private static final int ERROR_INVALID_DATA = (int)13L;
    /**
     * {@snippet lang=c :
     * #define ERROR_INVALID_DATA 13L
     * }
     */
    public static int ERROR_INVALID_DATA() {
        return ERROR_INVALID_DATA;
    }
    private static final int ERROR_OUTOFMEMORY = (int)14L;
    /**
     * {@snippet lang=c :
     * #define ERROR_OUTOFMEMORY 14L
     * }
     */
    public static int ERROR_OUTOFMEMORY() {
        return ERROR_OUTOFMEMORY;
    }
    private static final int ERROR_WRITE_PROTECT = (int)19L;
    /**
     * {@snippet lang=c :
     * #define ERROR_WRITE_PROTECT 19L
     * }
     */
    public static int ERROR_WRITE_PROTECT() {
        return ERROR_WRITE_PROTECT;
    }
    private static final int ERROR_BAD_LENGTH = (int)24L;
    /**
     * {@snippet lang=c :
     * #define ERROR_BAD_LENGTH 24L
     * }
     */
    public static int ERROR_BAD_LENGTH() {
        return ERROR_BAD_LENGTH;
    }
    private static final int ERROR_GEN_FAILURE = (int)31L;
    /**
     * {@snippet lang=c :
     * #define ERROR_GEN_FAILURE 31L
     * }
     */
    public static int ERROR_GEN_FAILURE() {
        return ERROR_GEN_FAILURE;
    }
    private static final int ERROR_SHARING_VIOLATION = (int)32L;
    /**
     * {@snippet lang=c :
     * #define ERROR_SHARING_VIOLATION 32L
     * }
     */
    public static int ERROR_SHARING_VIOLATION() {
        return ERROR_SHARING_VIOLATION;
    }
    private static final int ERROR_LOCK_VIOLATION = (int)33L;
    /**
     * {@snippet lang=c :
     * #define ERROR_LOCK_VIOLATION 33L
     * }
     */
    public static int ERROR_LOCK_VIOLATION() {
        return ERROR_LOCK_VIOLATION;
    }
    private static final int ERROR_HANDLE_EOF = (int)38L;
    /**
     * {@snippet lang=c :
     * #define ERROR_HANDLE_EOF 38L
     * }
     */
    public static int ERROR_HANDLE_EOF() {
        return ERROR_HANDLE_EOF;
    }
    private static final int ERROR_NOT_SUPPORTED = (int)50L;
    /**
     * {@snippet lang=c :
     * #define ERROR_NOT_SUPPORTED 50L
     * }
     */
    public static int ERROR_NOT_SUPPORTED() {
        return ERROR_NOT_SUPPORTED;
    }
    private static final int ERROR_FILE_EXISTS = (int)80L;
    /**
     * {@snippet lang=c :
     * #define ERROR_FILE_EXISTS 80L
     * }
     */
    public static int ERROR_FILE_EXISTS() {
        return ERROR_FILE_EXISTS;
    }
    private static final int ERROR_INVALID_PARAMETER = (int)87L;
    /**
     * {@snippet lang=c :
     * #define ERROR_INVALID_PARAMETER 87L
     * }
     */
    public static int ERROR_INVALID_PARAMETER() {
        return ERROR_INVALID_PARAMETER;
    }
    private static final int ERROR_DISK_FULL = (int)112L;
    /**
     * {@snippet lang=c :
     * #define ERROR_DISK_FULL 112L
     * }
     */
    public static int ERROR_DISK_FULL() {
        return ERROR_DISK_FULL;
    }
    private static final int ERROR_INSUFFICIENT_BUFFER = (int)122L;
    /**
     * {@snippet lang=c :
     * #define ERROR_INSUFFICIENT_BUFFER 122L
     * }
     */
    public static int ERROR_INSUFFICIENT_BUFFER() {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    private static final int ERROR_INVALID_NAME = (int)123L;
    /**
     * {@snippet lang=c :
     * #define ERROR_INVALID_NAME 123L
     * }
     */
    public static int ERROR_INVALID_NAME() {
        return ERROR_INVALID_NAME;
    }
    private static final int ERROR_NEGATIVE_SEEK = (int)131L;
    /**
     * {@snippet lang=c :
     * #define ERROR_NEGATIVE_SEEK 131L
     * }
     */
    public static int ERROR_NEGATIVE_SEEK() {
        return ERROR_NEGATIVE_SEEK;
    }
    private static final int ERROR_NOT_LOCKED = (int)158L;
    /**
     * {@snippet lang=c :
     * #define ERROR_NOT_LOCKED 158L
     * }
     */
    public static int ERROR_NOT_LOCKED() {
        return ERROR_NOT_LOCKED;
    }
    private static final int ERROR_ALREADY_EXISTS = (int)183L;
    /**
     * {@snippet lang=c :
     * #define ERROR_ALREADY_EXISTS 183L
     * }
     */
    public static int ERROR_ALREADY_EXISTS() {
        return ERROR_ALREADY_EXISTS;
    }
    private static final int ERROR_FILENAME_EXCED_RANGE = (int)206L;
    /**
     * {@snippet lang=c :
     * #define ERROR_FILENAME_EXCED_RANGE 206L
     * }
     */
    public static int ERROR_FILENAME_EXCED_RANGE() {
        return ERROR_FILENAME_EXCED_RANGE;
    }
    private static final int ERROR_MR_MID_NOT_FOUND = (int)317L;
    /**
     * {@snippet lang=c :
     * #define ERROR_MR_MID_NOT_FOUND 317L
     * }
     */
    public static int ERROR_MR_MID_NOT_FOUND() {
        return ERROR_MR_MID_NOT_FOUND;
    }
    private static final int ERROR_INVALID_ADDRESS = (int)487L;
    /**
     * {@snippet lang=c :
     * #define ERROR_INVALID_ADDRESS 487L
     * }
     */
    public static int ERROR_INVALID_ADDRESS() {
        return ERROR_INVALID_ADDRESS;
    }
    private static final int ERROR_STOPPED_ON_SYMLINK = (int)681L;
    /**
     * {@snippet lang=c :
     * #define ERROR_STOPPED_ON_SYMLINK 681L
     * }
     */
    public static int ERROR_STOPPED_ON_SYMLINK() {
        return ERROR_STOPPED_ON_SYMLINK;
    }
    private static final int ERROR_NOACCESS = (int)998L;
    /**
     * {@snippet lang=c :
     * #define ERROR_NOACCESS 998L
     * }
     */
    public static int ERROR_NOACCESS() {
        return ERROR_NOACCESS;
    }
    private static final int ERROR_FILE_INVALID = (int)1006L;
    /**
     * {@snippet lang=c :
     * #define ERROR_FILE_INVALID 1006L
     * }
     */
    public static int ERROR_FILE_INVALID() {
        return ERROR_FILE_INVALID;
    }
    private static final int ERROR_MAPPED_ALIGNMENT = (int)1132L;
    /**
     * {@snippet lang=c :
     * #define ERROR_MAPPED_ALIGNMENT 1132L
     * }
     */
    public static int ERROR_MAPPED_ALIGNMENT() {
        return ERROR_MAPPED_ALIGNMENT;
    }
    private static final int ERROR_USER_MAPPED_FILE = (int)1224L;
    /**
     * {@snippet lang=c :
     * #define ERROR_USER_MAPPED_FILE 1224L
     * }
     */
    public static int ERROR_USER_MAPPED_FILE() {
        return ERROR_USER_MAPPED_FILE;
    }
    private static final int ERROR_PRIVILEGE_NOT_HELD = (int)1314L;
    /**
     * {@snippet lang=c :
     * #define ERROR_PRIVILEGE_NOT_HELD 1314L
     * }
     */
    public static int ERROR_PRIVILEGE_NOT_HELD() {
        return ERROR_PRIVILEGE_NOT_HELD;
    }
    private static final int ERROR_WORKING_SET_QUOTA = (int)1453L;
    /**
     * {@snippet lang=c :
     * #define ERROR_WORKING_SET_QUOTA 1453L
     * }
     */
    public static int ERROR_WORKING_SET_QUOTA() {
        return ERROR_WORKING_SET_QUOTA;
    }
    private static final int ERROR_COMMITMENT_LIMIT = (int)1455L;
    /**
     * {@snippet lang=c :
     * #define ERROR_COMMITMENT_LIMIT 1455L
     * }
     */
    public static int ERROR_COMMITMENT_LIMIT() {
        return ERROR_COMMITMENT_LIMIT;
    }
    private static final int ERROR_CANT_RESOLVE_FILENAME = (int)1921L;
    /**
     * {@snippet lang=c :
     * #define ERROR_CANT_RESOLVE_FILENAME 1921L
     * }
     */
    public static int ERROR_CANT_RESOLVE_FILENAME() {
        return ERROR_CANT_RESOLVE_FILENAME;
    }
    private static final MemorySegment INVALID_HANDLE_VALUE = MemorySegment.ofAddress(-1L);
    /**
     * {@snippet lang=c :
     * #define INVALID_HANDLE_VALUE ((HANDLE)(LONG_PTR)-1)
     * }
     */
    public static MemorySegment INVALID_HANDLE_VALUE() {
        return INVALID_HANDLE_VALUE;
    }

    private static class CreateFileW {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_POINTER,
            Kernel32.C_POINTER,
            Kernel32.C_LONG,
            Kernel32.C_LONG,
            Kernel32.C_POINTER,
            Kernel32.C_LONG,
            Kernel32.C_LONG,
            Kernel32.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("CreateFileW");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * HANDLE CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode, LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
     * }
     */
    public static FunctionDescriptor CreateFileW$descriptor() {
        return CreateFileW.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * HANDLE CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode, LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
     * }
     */
    public static MethodHandle CreateFileW$handle() {
        return CreateFileW.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * HANDLE CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode, LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
     * }
     */
    public static MemorySegment CreateFileW$address() {
        return CreateFileW.ADDR;
    }

    /**
     * {@snippet lang=c :
     * HANDLE CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode, LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
     * }
     */
    public static MemorySegment CreateFileW(MemorySegment lpFileName, int dwDesiredAccess, int dwShareMode, MemorySegment lpSecurityAttributes, int dwCreationDisposition, int dwFlagsAndAttributes, MemorySegment hTemplateFile) {
        var mh$ = CreateFileW.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("CreateFileW", lpFileName, dwDesiredAccess, dwShareMode, lpSecurityAttributes, dwCreationDisposition, dwFlagsAndAttributes, hTemplateFile);
            }
            return (MemorySegment)mh$.invokeExact(lpFileName, dwDesiredAccess, dwShareMode, lpSecurityAttributes, dwCreationDisposition, dwFlagsAndAttributes, hTemplateFile);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class CloseHandle {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_INT,
            Kernel32.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("CloseHandle");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * BOOL CloseHandle(HANDLE hObject)
     * }
     */
    public static FunctionDescriptor CloseHandle$descriptor() {
        return CloseHandle.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * BOOL CloseHandle(HANDLE hObject)
     * }
     */
    public static MethodHandle CloseHandle$handle() {
        return CloseHandle.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * BOOL CloseHandle(HANDLE hObject)
     * }
     */
    public static MemorySegment CloseHandle$address() {
        return CloseHandle.ADDR;
    }

    /**
     * {@snippet lang=c :
     * BOOL CloseHandle(HANDLE hObject)
     * }
     */
    public static int CloseHandle(MemorySegment hObject) {
        var mh$ = CloseHandle.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("CloseHandle", hObject);
            }
            return (int)mh$.invokeExact(hObject);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class GetFileType {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_LONG,
            Kernel32.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("GetFileType");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * DWORD GetFileType(HANDLE hFile)
     * }
     */
    public static FunctionDescriptor GetFileType$descriptor() {
        return GetFileType.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * DWORD GetFileType(HANDLE hFile)
     * }
     */
    public static MethodHandle GetFileType$handle() {
        return GetFileType.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * DWORD GetFileType(HANDLE hFile)
     * }
     */
    public static MemorySegment GetFileType$address() {
        return GetFileType.ADDR;
    }

    /**
     * {@snippet lang=c :
     * DWORD GetFileType(HANDLE hFile)
     * }
     */
    public static int GetFileType(MemorySegment hFile) {
        var mh$ = GetFileType.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("GetFileType", hFile);
            }
            return (int)mh$.invokeExact(hFile);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class GetFileInformationByHandle {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_INT,
            Kernel32.C_POINTER,
            Kernel32.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("GetFileInformationByHandle");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * BOOL GetFileInformationByHandle(HANDLE hFile, LPBY_HANDLE_FILE_INFORMATION lpFileInformation)
     * }
     */
    public static FunctionDescriptor GetFileInformationByHandle$descriptor() {
        return GetFileInformationByHandle.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * BOOL GetFileInformationByHandle(HANDLE hFile, LPBY_HANDLE_FILE_INFORMATION lpFileInformation)
     * }
     */
    public static MethodHandle GetFileInformationByHandle$handle() {
        return GetFileInformationByHandle.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * BOOL GetFileInformationByHandle(HANDLE hFile, LPBY_HANDLE_FILE_INFORMATION lpFileInformation)
     * }
     */
    public static MemorySegment GetFileInformationByHandle$address() {
        return GetFileInformationByHandle.ADDR;
    }

    /**
     * {@snippet lang=c :
     * BOOL GetFileInformationByHandle(HANDLE hFile, LPBY_HANDLE_FILE_INFORMATION lpFileInformation)
     * }
     */
    public static int GetFileInformationByHandle(MemorySegment hFile, MemorySegment lpFileInformation) {
        var mh$ = GetFileInformationByHandle.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("GetFileInformationByHandle", hFile, lpFileInformation);
            }
            return (int)mh$.invokeExact(hFile, lpFileInformation);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class GetFileSizeEx {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_INT,
            Kernel32.C_POINTER,
            Kernel32.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("GetFileSizeEx");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * BOOL GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize)
     * }
     */
    public static FunctionDescriptor GetFileSizeEx$descriptor() {
        return GetFileSizeEx.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * BOOL GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize)
     * }
     */
    public static MethodHandle GetFileSizeEx$handle() {
        return GetFileSizeEx.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * BOOL GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize)
     * }
     */
    public static MemorySegment GetFileSizeEx$address() {
        return GetFileSizeEx.ADDR;
    }

    /**
     * {@snippet lang=c :
     * BOOL GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize)
     * }
     */
    public static int GetFileSizeEx(MemorySegment hFile, MemorySegment lpFileSize) {
        var mh$ = GetFileSizeEx.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("GetFileSizeEx", hFile, lpFileSize);
            }
            return (int)mh$.invokeExact(hFile, lpFileSize);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class SetFilePointerEx {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_INT,
            Kernel32.C_POINTER,
            LARGE_INTEGER.layout(),
            Kernel32.C_POINTER,
            Kernel32.C_LONG
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("SetFilePointerEx");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * BOOL SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove, PLARGE_INTEGER lpNewFilePointer, DWORD dwMoveMethod)
     * }
     */
    public static FunctionDescriptor SetFilePointerEx$descriptor() {
        return SetFilePointerEx.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * BOOL SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove, PLARGE_INTEGER lpNewFilePointer, DWORD dwMoveMethod)
     * }
     */
    public static MethodHandle SetFilePointerEx$handle() {
        return SetFilePointerEx.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * BOOL SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove, PLARGE_INTEGER lpNewFilePointer, DWORD dwMoveMethod)
     * }
     */
    public static MemorySegment SetFilePointerEx$address() {
        return SetFilePointerEx.ADDR;
    }

    /**
     * {@snippet lang=c :
     * BOOL SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove, PLARGE_INTEGER lpNewFilePointer, DWORD dwMoveMethod)
     * }
     */
    public static int SetFilePointerEx(MemorySegment hFile, MemorySegment liDistanceToMove, MemorySegment lpNewFilePointer, int dwMoveMethod) {
        var mh$ = SetFilePointerEx.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("SetFilePointerEx", hFile, liDistanceToMove, lpNewFilePointer, dwMoveMethod);
            }
            return (int)mh$.invokeExact(hFile, liDistanceToMove, lpNewFilePointer, dwMoveMethod);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class SetEndOfFile {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_INT,
            Kernel32.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("SetEndOfFile");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * BOOL SetEndOfFile(HANDLE hFile)
     * }
     */
    public static FunctionDescriptor SetEndOfFile$descriptor() {
        return SetEndOfFile.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * BOOL SetEndOfFile(HANDLE hFile)
     * }
     */
    public static MethodHandle SetEndOfFile$handle() {
        return SetEndOfFile.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * BOOL SetEndOfFile(HANDLE hFile)
     * }
     */
    public static MemorySegment SetEndOfFile$address() {
        return SetEndOfFile.ADDR;
    }

    /**
     * {@snippet lang=c :
     * BOOL SetEndOfFile(HANDLE hFile)
     * }
     */
    public static int SetEndOfFile(MemorySegment hFile) {
        var mh$ = SetEndOfFile.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("SetEndOfFile", hFile);
            }
            return (int)mh$.invokeExact(hFile);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class FlushFileBuffers {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_INT,
            Kernel32.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("FlushFileBuffers");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * BOOL FlushFileBuffers(HANDLE hFile)
     * }
     */
    public static FunctionDescriptor FlushFileBuffers$descriptor() {
        return FlushFileBuffers.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * BOOL FlushFileBuffers(HANDLE hFile)
     * }
     */
    public static MethodHandle FlushFileBuffers$handle() {
        return FlushFileBuffers.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * BOOL FlushFileBuffers(HANDLE hFile)
     * }
     */
    public static MemorySegment FlushFileBuffers$address() {
        return FlushFileBuffers.ADDR;
    }

    /**
     * {@snippet lang=c :
     * BOOL FlushFileBuffers(HANDLE hFile)
     * }
     */
    public static int FlushFileBuffers(MemorySegment hFile) {
        var mh$ = FlushFileBuffers.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("FlushFileBuffers", hFile);
            }
            return (int)mh$.invokeExact(hFile);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class CreateFileMappingW {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_POINTER,
            Kernel32.C_POINTER,
            Kernel32.C_POINTER,
            Kernel32.C_LONG,
            Kernel32.C_LONG,
            Kernel32.C_LONG,
            Kernel32.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("CreateFileMappingW");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * HANDLE CreateFileMappingW(HANDLE hFile, LPSECURITY_ATTRIBUTES lpFileMappingAttributes, DWORD flProtect, DWORD dwMaximumSizeHigh, DWORD dwMaximumSizeLow, LPCWSTR lpName)
     * }
     */
    public static FunctionDescriptor CreateFileMappingW$descriptor() {
        return CreateFileMappingW.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * HANDLE CreateFileMappingW(HANDLE hFile, LPSECURITY_ATTRIBUTES lpFileMappingAttributes, DWORD flProtect, DWORD dwMaximumSizeHigh, DWORD dwMaximumSizeLow, LPCWSTR lpName)
     * }
     */
    public static MethodHandle CreateFileMappingW$handle() {
        return CreateFileMappingW.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * HANDLE CreateFileMappingW(HANDLE hFile, LPSECURITY_ATTRIBUTES lpFileMappingAttributes, DWORD flProtect, DWORD dwMaximumSizeHigh, DWORD dwMaximumSizeLow, LPCWSTR lpName)
     * }
     */
    public static MemorySegment CreateFileMappingW$address() {
        return CreateFileMappingW.ADDR;
    }

    /**
     * {@snippet lang=c :
     * HANDLE CreateFileMappingW(HANDLE hFile, LPSECURITY_ATTRIBUTES lpFileMappingAttributes, DWORD flProtect, DWORD dwMaximumSizeHigh, DWORD dwMaximumSizeLow, LPCWSTR lpName)
     * }
     */
    public static MemorySegment CreateFileMappingW(MemorySegment hFile, MemorySegment lpFileMappingAttributes, int flProtect, int dwMaximumSizeHigh, int dwMaximumSizeLow, MemorySegment lpName) {
        var mh$ = CreateFileMappingW.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("CreateFileMappingW", hFile, lpFileMappingAttributes, flProtect, dwMaximumSizeHigh, dwMaximumSizeLow, lpName);
            }
            return (MemorySegment)mh$.invokeExact(hFile, lpFileMappingAttributes, flProtect, dwMaximumSizeHigh, dwMaximumSizeLow, lpName);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class OpenFileMappingW {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_POINTER,
            Kernel32.C_LONG,
            Kernel32.C_INT,
            Kernel32.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("OpenFileMappingW");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * HANDLE OpenFileMappingW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
     * }
     */
    public static FunctionDescriptor OpenFileMappingW$descriptor() {
        return OpenFileMappingW.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * HANDLE OpenFileMappingW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
     * }
     */
    public static MethodHandle OpenFileMappingW$handle() {
        return OpenFileMappingW.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * HANDLE OpenFileMappingW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
     * }
     */
    public static MemorySegment OpenFileMappingW$address() {
        return OpenFileMappingW.ADDR;
    }

    /**
     * {@snippet lang=c :
     * HANDLE OpenFileMappingW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
     * }
     */
    public static MemorySegment OpenFileMappingW(int dwDesiredAccess, int bInheritHandle, MemorySegment lpName) {
        var mh$ = OpenFileMappingW.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("OpenFileMappingW", dwDesiredAccess, bInheritHandle, lpName);
            }
            return (MemorySegment)mh$.invokeExact(dwDesiredAccess, bInheritHandle, lpName);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class MapViewOfFile {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_POINTER,
            Kernel32.C_POINTER,
            Kernel32.C_LONG,
            Kernel32.C_LONG,
            Kernel32.C_LONG,
            Kernel32.C_LONG_LONG
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("MapViewOfFile");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * LPVOID MapViewOfFile(HANDLE hFileMappingObject, DWORD dwDesiredAccess, DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow, SIZE_T dwNumberOfBytesToMap)
     * }
     */
    public static FunctionDescriptor MapViewOfFile$descriptor() {
        return MapViewOfFile.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * LPVOID MapViewOfFile(HANDLE hFileMappingObject, DWORD dwDesiredAccess, DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow, SIZE_T dwNumberOfBytesToMap)
     * }
     */
    public static MethodHandle MapViewOfFile$handle() {
        return MapViewOfFile.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * LPVOID MapViewOfFile(HANDLE hFileMappingObject, DWORD dwDesiredAccess, DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow, SIZE_T dwNumberOfBytesToMap)
     * }
     */
    public static MemorySegment MapViewOfFile$address() {
        return MapViewOfFile.ADDR;
    }

    /**
     * {@snippet lang=c :
     * LPVOID MapViewOfFile(HANDLE hFileMappingObject, DWORD dwDesiredAccess, DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow, SIZE_T dwNumberOfBytesToMap)
     * }
     */
    public static MemorySegment MapViewOfFile(MemorySegment hFileMappingObject, int dwDesiredAccess, int dwFileOffsetHigh, int dwFileOffsetLow, long dwNumberOfBytesToMap) {
        var mh$ = MapViewOfFile.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("MapViewOfFile", hFileMappingObject, dwDesiredAccess, dwFileOffsetHigh, dwFileOffsetLow, dwNumberOfBytesToMap);
            }
            return (MemorySegment)mh$.invokeExact(hFileMappingObject, dwDesiredAccess, dwFileOffsetHigh, dwFileOffsetLow, dwNumberOfBytesToMap);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class MapViewOfFileEx {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_POINTER,
            Kernel32.C_POINTER,
            Kernel32.C_LONG,
            Kernel32.C_LONG,
            Kernel32.C_LONG,
            Kernel32.C_LONG_LONG,
            Kernel32.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("MapViewOfFileEx");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * LPVOID MapViewOfFileEx(HANDLE hFileMappingObject, DWORD dwDesiredAccess, DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow, SIZE_T dwNumberOfBytesToMap, LPVOID lpBaseAddress)
     * }
     */
    public static FunctionDescriptor MapViewOfFileEx$descriptor() {
        return MapViewOfFileEx.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * LPVOID MapViewOfFileEx(HANDLE hFileMappingObject, DWORD dwDesiredAccess, DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow, SIZE_T dwNumberOfBytesToMap, LPVOID lpBaseAddress)
     * }
     */
    public static MethodHandle MapViewOfFileEx$handle() {
        return MapViewOfFileEx.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * LPVOID MapViewOfFileEx(HANDLE hFileMappingObject, DWORD dwDesiredAccess, DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow, SIZE_T dwNumberOfBytesToMap, LPVOID lpBaseAddress)
     * }
     */
    public static MemorySegment MapViewOfFileEx$address() {
        return MapViewOfFileEx.ADDR;
    }

    /**
     * {@snippet lang=c :
     * LPVOID MapViewOfFileEx(HANDLE hFileMappingObject, DWORD dwDesiredAccess, DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow, SIZE_T dwNumberOfBytesToMap, LPVOID lpBaseAddress)
     * }
     */
    public static MemorySegment MapViewOfFileEx(MemorySegment hFileMappingObject, int dwDesiredAccess, int dwFileOffsetHigh, int dwFileOffsetLow, long dwNumberOfBytesToMap, MemorySegment lpBaseAddress) {
        var mh$ = MapViewOfFileEx.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("MapViewOfFileEx", hFileMappingObject, dwDesiredAccess, dwFileOffsetHigh, dwFileOffsetLow, dwNumberOfBytesToMap, lpBaseAddress);
            }
            return (MemorySegment)mh$.invokeExact(hFileMappingObject, dwDesiredAccess, dwFileOffsetHigh, dwFileOffsetLow, dwNumberOfBytesToMap, lpBaseAddress);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class UnmapViewOfFile {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_INT,
            Kernel32.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("UnmapViewOfFile");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * BOOL UnmapViewOfFile(LPCVOID lpBaseAddress)
     * }
     */
    public static FunctionDescriptor UnmapViewOfFile$descriptor() {
        return UnmapViewOfFile.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * BOOL UnmapViewOfFile(LPCVOID lpBaseAddress)
     * }
     */
    public static MethodHandle UnmapViewOfFile$handle() {
        return UnmapViewOfFile.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * BOOL UnmapViewOfFile(LPCVOID lpBaseAddress)
     * }
     */
    public static MemorySegment UnmapViewOfFile$address() {
        return UnmapViewOfFile.ADDR;
    }

    /**
     * {@snippet lang=c :
     * BOOL UnmapViewOfFile(LPCVOID lpBaseAddress)
     * }
     */
    public static int UnmapViewOfFile(MemorySegment lpBaseAddress) {
        var mh$ = UnmapViewOfFile.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("UnmapViewOfFile", lpBaseAddress);
            }
            return (int)mh$.invokeExact(lpBaseAddress);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class FlushViewOfFile {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_INT,
            Kernel32.C_POINTER,
            Kernel32.C_LONG_LONG
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("FlushViewOfFile");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * BOOL FlushViewOfFile(LPCVOID lpBaseAddress, SIZE_T dwNumberOfBytesToFlush)
     * }
     */
    public static FunctionDescriptor FlushViewOfFile$descriptor() {
        return FlushViewOfFile.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * BOOL FlushViewOfFile(LPCVOID lpBaseAddress, SIZE_T dwNumberOfBytesToFlush)
     * }
     */
    public static MethodHandle FlushViewOfFile$handle() {
        return FlushViewOfFile.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * BOOL FlushViewOfFile(LPCVOID lpBaseAddress, SIZE_T dwNumberOfBytesToFlush)
     * }
     */
    public static MemorySegment FlushViewOfFile$address() {
        return FlushViewOfFile.ADDR;
    }

    /**
     * {@snippet lang=c :
     * BOOL FlushViewOfFile(LPCVOID lpBaseAddress, SIZE_T dwNumberOfBytesToFlush)
     * }
     */
    public static int FlushViewOfFile(MemorySegment lpBaseAddress, long dwNumberOfBytesToFlush) {
        var mh$ = FlushViewOfFile.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("FlushViewOfFile", lpBaseAddress, dwNumberOfBytesToFlush);
            }
            return (int)mh$.invokeExact(lpBaseAddress, dwNumberOfBytesToFlush);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class VirtualProtect {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_INT,
            Kernel32.C_POINTER,
            Kernel32.C_LONG_LONG,
            Kernel32.C_LONG,
            Kernel32.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("VirtualProtect");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * BOOL VirtualProtect(LPVOID lpAddress, SIZE_T dwSize, DWORD flNewProtect, PDWORD lpflOldProtect)
     * }
     */
    public static FunctionDescriptor VirtualProtect$descriptor() {
        return VirtualProtect.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * BOOL VirtualProtect(LPVOID lpAddress, SIZE_T dwSize, DWORD flNewProtect, PDWORD lpflOldProtect)
     * }
     */
    public static MethodHandle VirtualProtect$handle() {
        return VirtualProtect.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * BOOL VirtualProtect(LPVOID lpAddress, SIZE_T dwSize, DWORD flNewProtect, PDWORD lpflOldProtect)
     * }
     */
    public static MemorySegment VirtualProtect$address() {
        return VirtualProtect.ADDR;
    }

    /**
     * {@snippet lang=c :
     * BOOL VirtualProtect(LPVOID lpAddress, SIZE_T dwSize, DWORD flNewProtect, PDWORD lpflOldProtect)
     * }
     */
    public static int VirtualProtect(MemorySegment lpAddress, long dwSize, int flNewProtect, MemorySegment lpflOldProtect) {
        var mh$ = VirtualProtect.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("VirtualProtect", lpAddress, dwSize, flNewProtect, lpflOldProtect);
            }
            return (int)mh$.invokeExact(lpAddress, dwSize, flNewProtect, lpflOldProtect);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class VirtualLock {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_INT,
            Kernel32.C_POINTER,
            Kernel32.C_LONG_LONG
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("VirtualLock");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * BOOL VirtualLock(LPVOID lpAddress, SIZE_T dwSize)
     * }
     */
    public static FunctionDescriptor VirtualLock$descriptor() {
        return VirtualLock.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * BOOL VirtualLock(LPVOID lpAddress, SIZE_T dwSize)
     * }
     */
    public static MethodHandle VirtualLock$handle() {
        return VirtualLock.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * BOOL VirtualLock(LPVOID lpAddress, SIZE_T dwSize)
     * }
     */
    public static MemorySegment VirtualLock$address() {
        return VirtualLock.ADDR;
    }

    /**
     * {@snippet lang=c :
     * BOOL VirtualLock(LPVOID lpAddress, SIZE_T dwSize)
     * }
     */
    public static int VirtualLock(MemorySegment lpAddress, long dwSize) {
        var mh$ = VirtualLock.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("VirtualLock", lpAddress, dwSize);
            }
            return (int)mh$.invokeExact(lpAddress, dwSize);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class VirtualUnlock {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_INT,
            Kernel32.C_POINTER,
            Kernel32.C_LONG_LONG
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("VirtualUnlock");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * BOOL VirtualUnlock(LPVOID lpAddress, SIZE_T dwSize)
     * }
     */
    public static FunctionDescriptor VirtualUnlock$descriptor() {
        return VirtualUnlock.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * BOOL VirtualUnlock(LPVOID lpAddress, SIZE_T dwSize)
     * }
     */
    public static MethodHandle VirtualUnlock$handle() {
        return VirtualUnlock.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * BOOL VirtualUnlock(LPVOID lpAddress, SIZE_T dwSize)
     * }
     */
    public static MemorySegment VirtualUnlock$address() {
        return VirtualUnlock.ADDR;
    }

    /**
     * {@snippet lang=c :
     * BOOL VirtualUnlock(LPVOID lpAddress, SIZE_T dwSize)
     * }
     */
    public static int VirtualUnlock(MemorySegment lpAddress, long dwSize) {
        var mh$ = VirtualUnlock.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("VirtualUnlock", lpAddress, dwSize);
            }
            return (int)mh$.invokeExact(lpAddress, dwSize);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class VirtualQuery {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_LONG_LONG,
            Kernel32.C_POINTER,
            Kernel32.C_POINTER,
            Kernel32.C_LONG_LONG
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("VirtualQuery");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * SIZE_T VirtualQuery(LPCVOID lpAddress, PMEMORY_BASIC_INFORMATION lpBuffer, SIZE_T dwLength)
     * }
     */
    public static FunctionDescriptor VirtualQuery$descriptor() {
        return VirtualQuery.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * SIZE_T VirtualQuery(LPCVOID lpAddress, PMEMORY_BASIC_INFORMATION lpBuffer, SIZE_T dwLength)
     * }
     */
    public static MethodHandle VirtualQuery$handle() {
        return VirtualQuery.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * SIZE_T VirtualQuery(LPCVOID lpAddress, PMEMORY_BASIC_INFORMATION lpBuffer, SIZE_T dwLength)
     * }
     */
    public static MemorySegment VirtualQuery$address() {
        return VirtualQuery.ADDR;
    }

    /**
     * {@snippet lang=c :
     * SIZE_T VirtualQuery(LPCVOID lpAddress, PMEMORY_BASIC_INFORMATION lpBuffer, SIZE_T dwLength)
     * }
     */
    public static long VirtualQuery(MemorySegment lpAddress, MemorySegment lpBuffer, long dwLength) {
        var mh$ = VirtualQuery.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("VirtualQuery", lpAddress, lpBuffer, dwLength);
            }
            return (long)mh$.invokeExact(lpAddress, lpBuffer, dwLength);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class PrefetchVirtualMemory {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_INT,
            Kernel32.C_POINTER,
            Kernel32.C_LONG_LONG,
            Kernel32.C_POINTER,
            Kernel32.C_LONG
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("PrefetchVirtualMemory");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * BOOL PrefetchVirtualMemory(HANDLE hProcess, ULONG_PTR NumberOfEntries, PWIN32_MEMORY_RANGE_ENTRY VirtualAddresses, ULONG Flags)
     * }
     */
    public static FunctionDescriptor PrefetchVirtualMemory$descriptor() {
        return PrefetchVirtualMemory.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * BOOL PrefetchVirtualMemory(HANDLE hProcess, ULONG_PTR NumberOfEntries, PWIN32_MEMORY_RANGE_ENTRY VirtualAddresses, ULONG Flags)
     * }
     */
    public static MethodHandle PrefetchVirtualMemory$handle() {
        return PrefetchVirtualMemory.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * BOOL PrefetchVirtualMemory(HANDLE hProcess, ULONG_PTR NumberOfEntries, PWIN32_MEMORY_RANGE_ENTRY VirtualAddresses, ULONG Flags)
     * }
     */
    public static MemorySegment PrefetchVirtualMemory$address() {
        return PrefetchVirtualMemory.ADDR;
    }

    /**
     * {@snippet lang=c :
     * BOOL PrefetchVirtualMemory(HANDLE hProcess, ULONG_PTR NumberOfEntries, PWIN32_MEMORY_RANGE_ENTRY VirtualAddresses, ULONG Flags)
     * }
     */
    public static int PrefetchVirtualMemory(MemorySegment hProcess, long NumberOfEntries, MemorySegment VirtualAddresses, int Flags) {
        var mh$ = PrefetchVirtualMemory.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("PrefetchVirtualMemory", hProcess, NumberOfEntries, VirtualAddresses, Flags);
            }
            return (int)mh$.invokeExact(hProcess, NumberOfEntries, VirtualAddresses, Flags);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class K32QueryWorkingSetEx {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_INT,
            Kernel32.C_POINTER,
            Kernel32.C_POINTER,
            Kernel32.C_LONG
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("K32QueryWorkingSetEx");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * BOOL K32QueryWorkingSetEx(HANDLE hProcess, PVOID pv, DWORD cb)
     * }
     */
    public static FunctionDescriptor K32QueryWorkingSetEx$descriptor() {
        return K32QueryWorkingSetEx.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * BOOL K32QueryWorkingSetEx(HANDLE hProcess, PVOID pv, DWORD cb)
     * }
     */
    public static MethodHandle K32QueryWorkingSetEx$handle() {
        return K32QueryWorkingSetEx.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * BOOL K32QueryWorkingSetEx(HANDLE hProcess, PVOID pv, DWORD cb)
     * }
     */
    public static MemorySegment K32QueryWorkingSetEx$address() {
        return K32QueryWorkingSetEx.ADDR;
    }

    /**
     * {@snippet lang=c :
     * BOOL K32QueryWorkingSetEx(HANDLE hProcess, PVOID pv, DWORD cb)
     * }
     */
    public static int K32QueryWorkingSetEx(MemorySegment hProcess, MemorySegment pv, int cb) {
        var mh$ = K32QueryWorkingSetEx.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("K32QueryWorkingSetEx", hProcess, pv, cb);
            }
            return (int)mh$.invokeExact(hProcess, pv, cb);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class GetSystemInfo {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(
            Kernel32.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("GetSystemInfo");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void GetSystemInfo(LPSYSTEM_INFO lpSystemInfo)
     * }
     */
    public static FunctionDescriptor GetSystemInfo$descriptor() {
        return GetSystemInfo.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * void GetSystemInfo(LPSYSTEM_INFO lpSystemInfo)
     * }
     */
    public static MethodHandle GetSystemInfo$handle() {
        return GetSystemInfo.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * void GetSystemInfo(LPSYSTEM_INFO lpSystemInfo)
     * }
     */
    public static MemorySegment GetSystemInfo$address() {
        return GetSystemInfo.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void GetSystemInfo(LPSYSTEM_INFO lpSystemInfo)
     * }
     */
    public static void GetSystemInfo(MemorySegment lpSystemInfo) {
        var mh$ = GetSystemInfo.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("GetSystemInfo", lpSystemInfo);
            }
            mh$.invokeExact(lpSystemInfo);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class GetCurrentProcess {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("GetCurrentProcess");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * HANDLE GetCurrentProcess(void)
     * }
     */
    public static FunctionDescriptor GetCurrentProcess$descriptor() {
        return GetCurrentProcess.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * HANDLE GetCurrentProcess(void)
     * }
     */
    public static MethodHandle GetCurrentProcess$handle() {
        return GetCurrentProcess.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * HANDLE GetCurrentProcess(void)
     * }
     */
    public static MemorySegment GetCurrentProcess$address() {
        return GetCurrentProcess.ADDR;
    }

    /**
     * {@snippet lang=c :
     * HANDLE GetCurrentProcess(void)
     * }
     */
    public static MemorySegment GetCurrentProcess() {
        var mh$ = GetCurrentProcess.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("GetCurrentProcess");
            }
            return (MemorySegment)mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class DuplicateHandle {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_INT,
            Kernel32.C_POINTER,
            Kernel32.C_POINTER,
            Kernel32.C_POINTER,
            Kernel32.C_POINTER,
            Kernel32.C_LONG,
            Kernel32.C_INT,
            Kernel32.C_LONG
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("DuplicateHandle");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * BOOL DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle, HANDLE hTargetProcessHandle, LPHANDLE lpTargetHandle, DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions)
     * }
     */
    public static FunctionDescriptor DuplicateHandle$descriptor() {
        return DuplicateHandle.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * BOOL DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle, HANDLE hTargetProcessHandle, LPHANDLE lpTargetHandle, DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions)
     * }
     */
    public static MethodHandle DuplicateHandle$handle() {
        return DuplicateHandle.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * BOOL DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle, HANDLE hTargetProcessHandle, LPHANDLE lpTargetHandle, DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions)
     * }
     */
    public static MemorySegment DuplicateHandle$address() {
        return DuplicateHandle.ADDR;
    }

    /**
     * {@snippet lang=c :
     * BOOL DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle, HANDLE hTargetProcessHandle, LPHANDLE lpTargetHandle, DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions)
     * }
     */
    public static int DuplicateHandle(MemorySegment hSourceProcessHandle, MemorySegment hSourceHandle, MemorySegment hTargetProcessHandle, MemorySegment lpTargetHandle, int dwDesiredAccess, int bInheritHandle, int dwOptions) {
        var mh$ = DuplicateHandle.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("DuplicateHandle", hSourceProcessHandle, hSourceHandle, hTargetProcessHandle, lpTargetHandle, dwDesiredAccess, bInheritHandle, dwOptions);
            }
            return (int)mh$.invokeExact(hSourceProcessHandle, hSourceHandle, hTargetProcessHandle, lpTargetHandle, dwDesiredAccess, bInheritHandle, dwOptions);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class GetLastError {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_LONG
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("GetLastError");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * DWORD GetLastError(void)
     * }
     */
    public static FunctionDescriptor GetLastError$descriptor() {
        return GetLastError.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * DWORD GetLastError(void)
     * }
     */
    public static MethodHandle GetLastError$handle() {
        return GetLastError.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * DWORD GetLastError(void)
     * }
     */
    public static MemorySegment GetLastError$address() {
        return GetLastError.ADDR;
    }

    /**
     * {@snippet lang=c :
     * DWORD GetLastError(void)
     * }
     */
    public static int GetLastError() {
        var mh$ = GetLastError.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("GetLastError");
            }
            return (int)mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class SetLastError {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(
            Kernel32.C_LONG
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("SetLastError");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void SetLastError(DWORD dwErrCode)
     * }
     */
    public static FunctionDescriptor SetLastError$descriptor() {
        return SetLastError.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * void SetLastError(DWORD dwErrCode)
     * }
     */
    public static MethodHandle SetLastError$handle() {
        return SetLastError.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * void SetLastError(DWORD dwErrCode)
     * }
     */
    public static MemorySegment SetLastError$address() {
        return SetLastError.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void SetLastError(DWORD dwErrCode)
     * }
     */
    public static void SetLastError(int dwErrCode) {
        var mh$ = SetLastError.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("SetLastError", dwErrCode);
            }
            mh$.invokeExact(dwErrCode);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class FormatMessageW {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
            Kernel32.C_LONG,
            Kernel32.C_LONG,
            Kernel32.C_POINTER,
            Kernel32.C_LONG,
            Kernel32.C_LONG,
            Kernel32.C_POINTER,
            Kernel32.C_LONG,
            Kernel32.C_POINTER
        );

        public static final MemorySegment ADDR = SYMBOL_LOOKUP.findOrThrow("FormatMessageW");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * DWORD FormatMessageW(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId, LPWSTR lpBuffer, DWORD nSize, va_list *Arguments)
     * }
     */
    public static FunctionDescriptor FormatMessageW$descriptor() {
        return FormatMessageW.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * DWORD FormatMessageW(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId, LPWSTR lpBuffer, DWORD nSize, va_list *Arguments)
     * }
     */
    public static MethodHandle FormatMessageW$handle() {
        return FormatMessageW.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * DWORD FormatMessageW(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId, LPWSTR lpBuffer, DWORD nSize, va_list *Arguments)
     * }
     */
    public static MemorySegment FormatMessageW$address() {
        return FormatMessageW.ADDR;
    }

    /**
     * {@snippet lang=c :
     * DWORD FormatMessageW(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId, LPWSTR lpBuffer, DWORD nSize, va_list *Arguments)
     * }
     */
    public static int FormatMessageW(int dwFlags, MemorySegment lpSource, int dwMessageId, int dwLanguageId, MemorySegment lpBuffer, int nSize, MemorySegment Arguments) {
        var mh$ = FormatMessageW.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("FormatMessageW", dwFlags, lpSource, dwMessageId, dwLanguageId, lpBuffer, nSize, Arguments);
            }
            return (int)mh$.invokeExact(dwFlags, lpSource, dwMessageId, dwLanguageId, lpBuffer, nSize, Arguments);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.windows.internal;

import io.mmap4j.internal.CallText.Flags;
import io.mmap4j.windows.bindings.Kernel32;

import java.util.HashMap;
import java.util.Map;

/** Symbolic names for Windows error codes and flag words, for messages. Used only on failure paths. */
final class WindowsNames {
    private WindowsNames() {
    }

    private static final Map<Integer, String> ERRORS = new HashMap<>();

    static {
        put(Kernel32.ERROR_SUCCESS(), "ERROR_SUCCESS");
        put(Kernel32.ERROR_INVALID_FUNCTION(), "ERROR_INVALID_FUNCTION");
        put(Kernel32.ERROR_FILE_NOT_FOUND(), "ERROR_FILE_NOT_FOUND");
        put(Kernel32.ERROR_PATH_NOT_FOUND(), "ERROR_PATH_NOT_FOUND");
        put(Kernel32.ERROR_TOO_MANY_OPEN_FILES(), "ERROR_TOO_MANY_OPEN_FILES");
        put(Kernel32.ERROR_ACCESS_DENIED(), "ERROR_ACCESS_DENIED");
        put(Kernel32.ERROR_INVALID_HANDLE(), "ERROR_INVALID_HANDLE");
        put(Kernel32.ERROR_NOT_ENOUGH_MEMORY(), "ERROR_NOT_ENOUGH_MEMORY");
        put(Kernel32.ERROR_INVALID_ACCESS(), "ERROR_INVALID_ACCESS");
        put(Kernel32.ERROR_INVALID_DATA(), "ERROR_INVALID_DATA");
        put(Kernel32.ERROR_OUTOFMEMORY(), "ERROR_OUTOFMEMORY");
        put(Kernel32.ERROR_WRITE_PROTECT(), "ERROR_WRITE_PROTECT");
        put(Kernel32.ERROR_BAD_LENGTH(), "ERROR_BAD_LENGTH");
        put(Kernel32.ERROR_GEN_FAILURE(), "ERROR_GEN_FAILURE");
        put(Kernel32.ERROR_SHARING_VIOLATION(), "ERROR_SHARING_VIOLATION");
        put(Kernel32.ERROR_LOCK_VIOLATION(), "ERROR_LOCK_VIOLATION");
        put(Kernel32.ERROR_HANDLE_EOF(), "ERROR_HANDLE_EOF");
        put(Kernel32.ERROR_NOT_SUPPORTED(), "ERROR_NOT_SUPPORTED");
        put(Kernel32.ERROR_FILE_EXISTS(), "ERROR_FILE_EXISTS");
        put(Kernel32.ERROR_INVALID_PARAMETER(), "ERROR_INVALID_PARAMETER");
        put(Kernel32.ERROR_DISK_FULL(), "ERROR_DISK_FULL");
        put(Kernel32.ERROR_INSUFFICIENT_BUFFER(), "ERROR_INSUFFICIENT_BUFFER");
        put(Kernel32.ERROR_INVALID_NAME(), "ERROR_INVALID_NAME");
        put(Kernel32.ERROR_NEGATIVE_SEEK(), "ERROR_NEGATIVE_SEEK");
        put(Kernel32.ERROR_NOT_LOCKED(), "ERROR_NOT_LOCKED");
        put(Kernel32.ERROR_ALREADY_EXISTS(), "ERROR_ALREADY_EXISTS");
        put(Kernel32.ERROR_FILENAME_EXCED_RANGE(), "ERROR_FILENAME_EXCED_RANGE");
        put(Kernel32.ERROR_MR_MID_NOT_FOUND(), "ERROR_MR_MID_NOT_FOUND");
        put(Kernel32.ERROR_INVALID_ADDRESS(), "ERROR_INVALID_ADDRESS");
        put(Kernel32.ERROR_STOPPED_ON_SYMLINK(), "ERROR_STOPPED_ON_SYMLINK");
        put(Kernel32.ERROR_NOACCESS(), "ERROR_NOACCESS");
        put(Kernel32.ERROR_FILE_INVALID(), "ERROR_FILE_INVALID");
        put(Kernel32.ERROR_MAPPED_ALIGNMENT(), "ERROR_MAPPED_ALIGNMENT");
        put(Kernel32.ERROR_USER_MAPPED_FILE(), "ERROR_USER_MAPPED_FILE");
        put(Kernel32.ERROR_PRIVILEGE_NOT_HELD(), "ERROR_PRIVILEGE_NOT_HELD");
        put(Kernel32.ERROR_WORKING_SET_QUOTA(), "ERROR_WORKING_SET_QUOTA");
        put(Kernel32.ERROR_COMMITMENT_LIMIT(), "ERROR_COMMITMENT_LIMIT");
        put(Kernel32.ERROR_CANT_RESOLVE_FILENAME(), "ERROR_CANT_RESOLVE_FILENAME");
    }

    private static void put(int code, String name) {
        ERRORS.putIfAbsent(code, name);
    }

    /** {@return the symbolic name of a Windows error code, or {@code error N} for one not listed} */
    static String error(int code) {
        return ERRORS.getOrDefault(code, "error " + code);
    }

    private static final Map<Integer, String> PROTECTIONS = Map.of(
            Kernel32.PAGE_NOACCESS(), "PAGE_NOACCESS", Kernel32.PAGE_READONLY(), "PAGE_READONLY",
            Kernel32.PAGE_READWRITE(), "PAGE_READWRITE", Kernel32.PAGE_WRITECOPY(), "PAGE_WRITECOPY",
            Kernel32.PAGE_EXECUTE(), "PAGE_EXECUTE", Kernel32.PAGE_EXECUTE_READ(), "PAGE_EXECUTE_READ",
            Kernel32.PAGE_EXECUTE_READWRITE(), "PAGE_EXECUTE_READWRITE",
            Kernel32.PAGE_EXECUTE_WRITECOPY(), "PAGE_EXECUTE_WRITECOPY");

    /** {@return a page protection as {@code PAGE_READWRITE}, modifiers as {@code |PAGE_GUARD}, unknown bits in hex} */
    static String protect(int protect) {
        Flags b = new Flags(protect);
        b.take(protect & 0xFF, PROTECTIONS.getOrDefault(protect & 0xFF, null));
        b.take(Kernel32.PAGE_GUARD(), "PAGE_GUARD");
        b.take(Kernel32.PAGE_NOCACHE(), "PAGE_NOCACHE");
        b.take(Kernel32.PAGE_WRITECOMBINE(), "PAGE_WRITECOMBINE");
        b.take(Kernel32.SEC_COMMIT(), "SEC_COMMIT");
        return b.text();
    }

    /** {@return a view's desired access as {@code FILE_MAP_READ|FILE_MAP_WRITE}} */
    static String access(int access) {
        Flags b = new Flags(access);
        b.take(Kernel32.FILE_MAP_ALL_ACCESS(), "FILE_MAP_ALL_ACCESS");
        b.take(Kernel32.FILE_MAP_READ(), "FILE_MAP_READ");
        b.take(Kernel32.FILE_MAP_WRITE(), "FILE_MAP_WRITE");
        b.take(Kernel32.FILE_MAP_COPY(), "FILE_MAP_COPY");
        b.take(Kernel32.FILE_MAP_EXECUTE(), "FILE_MAP_EXECUTE");
        return b.text();
    }

    /** {@return CreateFileW's desired access as {@code GENERIC_READ|GENERIC_WRITE}} */
    static String fileAccess(int access) {
        Flags b = new Flags(access);
        b.take(Kernel32.GENERIC_READ(), "GENERIC_READ");
        b.take(Kernel32.GENERIC_WRITE(), "GENERIC_WRITE");
        b.take(Kernel32.GENERIC_EXECUTE(), "GENERIC_EXECUTE");
        return b.text();
    }

    /** {@return CreateFileW's creation disposition as {@code OPEN_EXISTING}} */
    static String disposition(int disposition) {
        return disposition == Kernel32.CREATE_NEW() ? "CREATE_NEW"
                : disposition == Kernel32.CREATE_ALWAYS() ? "CREATE_ALWAYS"
                : disposition == Kernel32.OPEN_EXISTING() ? "OPEN_EXISTING"
                : disposition == Kernel32.OPEN_ALWAYS() ? "OPEN_ALWAYS"
                : disposition == Kernel32.TRUNCATE_EXISTING() ? "TRUNCATE_EXISTING" : String.valueOf(disposition);
    }

    /** {@return CreateFileW's flags and attributes as {@code FILE_ATTRIBUTE_NORMAL|FILE_FLAG_OPEN_REPARSE_POINT}} */
    static String fileFlags(int flags) {
        Flags b = new Flags(flags);
        b.take(Kernel32.FILE_ATTRIBUTE_NORMAL(), "FILE_ATTRIBUTE_NORMAL");
        b.take(Kernel32.FILE_FLAG_OPEN_REPARSE_POINT(), "FILE_FLAG_OPEN_REPARSE_POINT");
        return b.text();
    }
}

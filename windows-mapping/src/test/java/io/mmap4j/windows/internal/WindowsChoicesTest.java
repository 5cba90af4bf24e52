// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.windows.internal;

import io.mmap4j.Protection;
import io.mmap4j.Sharing;
import io.mmap4j.spi.Backend.OpenRequest;
import io.mmap4j.windows.bindings.Kernel32;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything the backend decides without a native call: protection and access constants, how they
 * read back, dispositions, names, hints and message text. Plain Java, no kernel32 loaded.
 */
class WindowsChoicesTest {
    private static final int READONLY = Kernel32.PAGE_READONLY(), READWRITE = Kernel32.PAGE_READWRITE(),
            WRITECOPY = Kernel32.PAGE_WRITECOPY(), EXECUTE_READ = Kernel32.PAGE_EXECUTE_READ(),
            EXECUTE_READWRITE = Kernel32.PAGE_EXECUTE_READWRITE(), EXECUTE_WRITECOPY = Kernel32.PAGE_EXECUTE_WRITECOPY(),
            NOACCESS = Kernel32.PAGE_NOACCESS();
    private static final int READ = Kernel32.FILE_MAP_READ(), WRITE = Kernel32.FILE_MAP_WRITE(),
            COPY = Kernel32.FILE_MAP_COPY(), EXECUTE = Kernel32.FILE_MAP_EXECUTE();

    @Test
    void constantsHaveTheirWindowsSdkValues() {
        assertEquals(0x01, NOACCESS);
        assertEquals(0x02, READONLY);
        assertEquals(0x04, READWRITE);
        assertEquals(0x08, WRITECOPY);
        assertEquals(0x20, EXECUTE_READ);
        assertEquals(0x40, EXECUTE_READWRITE);
        assertEquals(0x80, EXECUTE_WRITECOPY);
        assertEquals(1, COPY);
        assertEquals(2, WRITE);
        assertEquals(4, READ);
        assertEquals(0x20, EXECUTE);
        assertEquals(0xF001F, Kernel32.FILE_MAP_ALL_ACCESS());
        assertEquals(0x80000000, Kernel32.GENERIC_READ());
        assertEquals(0x40000000, Kernel32.GENERIC_WRITE());
        assertEquals(2, Kernel32.ERROR_FILE_NOT_FOUND());
        assertEquals(5, Kernel32.ERROR_ACCESS_DENIED());
        assertEquals(87, Kernel32.ERROR_INVALID_PARAMETER());
        assertEquals(183, Kernel32.ERROR_ALREADY_EXISTS());
        assertEquals(1132, Kernel32.ERROR_MAPPED_ALIGNMENT());
        assertEquals(-1L, Kernel32.INVALID_HANDLE_VALUE().address());
    }

    @Test
    void typedProtectionBecomesOnePageProtectionEvenForCopyOnWrite() {
        assertEquals(NOACCESS, WindowsNativeMemory.protect(Protection.NONE));
        assertEquals(READONLY, WindowsNativeMemory.protect(Protection.READ));
        assertEquals(READWRITE, WindowsNativeMemory.protect(Protection.READ_WRITE));
        assertEquals(EXECUTE_READ, WindowsNativeMemory.protect(Protection.READ_EXEC));
        assertEquals(EXECUTE_READWRITE, WindowsNativeMemory.protect(Protection.READ_WRITE_EXEC));
    }

    @Test
    void typedSharingBecomesAViewAccessThatIsFileMapCopyWhenPrivate() {
        assertEquals(READ, WindowsNativeMemory.access(Protection.READ, Sharing.SHARED));
        assertEquals(READ | WRITE, WindowsNativeMemory.access(Protection.READ_WRITE, Sharing.SHARED));
        assertEquals(READ | WRITE, WindowsNativeMemory.access(Protection.READ_WRITE, Sharing.SHARED_VALIDATE));
        assertEquals(READ | EXECUTE, WindowsNativeMemory.access(Protection.READ_EXEC, Sharing.SHARED));
        assertEquals(READ | WRITE | EXECUTE, WindowsNativeMemory.access(Protection.READ_WRITE_EXEC, Sharing.SHARED));
        assertEquals(READ, WindowsNativeMemory.access(Protection.NONE, Sharing.SHARED));
        assertEquals(COPY, WindowsNativeMemory.access(Protection.READ_WRITE, Sharing.PRIVATE));
        assertEquals(COPY, WindowsNativeMemory.access(Protection.READ, Sharing.PRIVATE));
        assertEquals(COPY | EXECUTE, WindowsNativeMemory.access(Protection.READ_WRITE_EXEC, Sharing.PRIVATE));
    }

    @Test
    void onlyFileMapCopyWithOrWithoutExecuteIsCopyOnWriteNotAllAccessWhichHoldsTheSameBit() {
        assertTrue(WindowsNativeMemory.isCopyOnWrite(COPY));
        assertTrue(WindowsNativeMemory.isCopyOnWrite(COPY | EXECUTE));
        assertFalse(WindowsNativeMemory.isCopyOnWrite(READ));
        assertFalse(WindowsNativeMemory.isCopyOnWrite(READ | WRITE));
        assertFalse(WindowsNativeMemory.isCopyOnWrite(COPY | READ));
        assertFalse(WindowsNativeMemory.isCopyOnWrite(Kernel32.FILE_MAP_ALL_ACCESS()));
    }

    @Test
    void aViewsOwnProtectionFollowsItsAccessAndIsWhatItsSectionMustAllow() {
        assertEquals(READONLY, WindowsNativeMemory.viewProtect(READ));
        assertEquals(READWRITE, WindowsNativeMemory.viewProtect(READ | WRITE));
        assertEquals(READWRITE, WindowsNativeMemory.viewProtect(WRITE));
        assertEquals(WRITECOPY, WindowsNativeMemory.viewProtect(COPY));
        assertEquals(EXECUTE_READ, WindowsNativeMemory.viewProtect(READ | EXECUTE));
        assertEquals(EXECUTE_READWRITE, WindowsNativeMemory.viewProtect(READ | WRITE | EXECUTE));
        assertEquals(EXECUTE_WRITECOPY, WindowsNativeMemory.viewProtect(COPY | EXECUTE));
        assertEquals(READWRITE, WindowsNativeMemory.viewProtect(Kernel32.FILE_MAP_ALL_ACCESS()));
        assertEquals(WRITECOPY, WindowsNativeMemory.sectionProtect(COPY));
    }

    @Test
    void writableProtectionsInACopyOnWriteViewAreTheirWriteCopyForms() {
        assertEquals(WRITECOPY, WindowsNativeMemory.writeCopy(READWRITE));
        assertEquals(EXECUTE_WRITECOPY, WindowsNativeMemory.writeCopy(EXECUTE_READWRITE));
        assertEquals(READONLY, WindowsNativeMemory.writeCopy(READONLY));
        assertEquals(WRITECOPY | Kernel32.PAGE_GUARD(), WindowsNativeMemory.writeCopy(READWRITE | Kernel32.PAGE_GUARD()));
    }

    @Test
    void aSegmentIsReadableAndWritableExactlyWhenThePageProtectionSaysSo() {
        for (int p : new int[]{READONLY, EXECUTE_READ}) {
            assertTrue(WindowsNativeMemory.pageCanRead(p), "read " + p);
            assertFalse(WindowsNativeMemory.pageCanWrite(p), "write " + p);
        }
        for (int p : new int[]{READWRITE, WRITECOPY, EXECUTE_READWRITE, EXECUTE_WRITECOPY}) {
            assertTrue(WindowsNativeMemory.pageCanRead(p), "read " + p);
            assertTrue(WindowsNativeMemory.pageCanWrite(p), "write " + p);
        }
        for (int p : new int[]{NOACCESS, Kernel32.PAGE_EXECUTE(), READWRITE | Kernel32.PAGE_GUARD(), 0}) {
            assertFalse(WindowsNativeMemory.pageCanRead(p), "read " + p);
            assertFalse(WindowsNativeMemory.pageCanWrite(p), "write " + p);
        }
        assertFalse(WindowsNativeMemory.isCopyOnWrite(READ | WRITE));
        assertTrue(WindowsNativeMemory.isCopyOnWrite(COPY));
    }

    @Test
    void openRequestsBecomeCreationDispositions() {
        assertEquals(Kernel32.OPEN_EXISTING(), WindowsNativeMemory.disposition(new OpenRequest(false, false, false, false, false)));
        assertEquals(Kernel32.OPEN_ALWAYS(), WindowsNativeMemory.disposition(new OpenRequest(true, true, false, false, false)));
        assertEquals(Kernel32.CREATE_ALWAYS(), WindowsNativeMemory.disposition(new OpenRequest(true, true, false, true, false)));
        assertEquals(Kernel32.CREATE_NEW(), WindowsNativeMemory.disposition(new OpenRequest(true, true, true, true, false)));
        assertEquals(Kernel32.TRUNCATE_EXISTING(), WindowsNativeMemory.disposition(new OpenRequest(true, false, false, true, false)));
    }

    @Test
    void errorCodesAndFlagWordsReadAsTheirSymbolicNames() {
        assertEquals("ERROR_ACCESS_DENIED", WindowsNames.error(5));
        assertEquals("ERROR_MAPPED_ALIGNMENT", WindowsNames.error(1132));
        assertEquals("ERROR_USER_MAPPED_FILE", WindowsNames.error(1224));
        assertEquals("error 99999", WindowsNames.error(99999));
        assertEquals("PAGE_EXECUTE_WRITECOPY", WindowsNames.protect(EXECUTE_WRITECOPY));
        assertEquals("PAGE_READWRITE|PAGE_GUARD", WindowsNames.protect(READWRITE | Kernel32.PAGE_GUARD()));
        assertEquals("PAGE_READONLY|0x1000000", WindowsNames.protect(READONLY | 0x1000000));
        assertEquals("FILE_MAP_READ|FILE_MAP_WRITE", WindowsNames.access(READ | WRITE));
        assertEquals("FILE_MAP_COPY|FILE_MAP_EXECUTE", WindowsNames.access(COPY | EXECUTE));
        assertEquals("FILE_MAP_ALL_ACCESS", WindowsNames.access(Kernel32.FILE_MAP_ALL_ACCESS()));
        assertEquals("GENERIC_READ|GENERIC_WRITE", WindowsNames.fileAccess(Kernel32.GENERIC_READ() | Kernel32.GENERIC_WRITE()));
        assertEquals("TRUNCATE_EXISTING", WindowsNames.disposition(5));
    }

    @Test
    void formatMessageTextLosesItsClosingPeriodAndLineBreakLikeStrerror() {
        assertEquals("Access is denied", WindowsCalls.tidy("Access is denied.\r\n"));
        assertEquals("The parameter is incorrect", WindowsCalls.tidy("The parameter is incorrect. "));
        assertEquals("No period", WindowsCalls.tidy("No period\r\n"));
    }

    @Test
    void hintsNameTheWindowsRuleThatWasBroken() {
        assertTrue(WindowsNativeMemory.hint("MapViewOfFile", 1132).contains("allocation granularity"));
        assertTrue(WindowsNativeMemory.hint("SetEndOfFile", 1224).contains("view of it is mapped"));
        assertTrue(WindowsNativeMemory.hint("VirtualLock", 1453).contains("SetProcessWorkingSetSize"));
        assertTrue(WindowsNativeMemory.hint("CreateFileMappingW", 1006).contains("empty file"));
        assertTrue(WindowsNativeMemory.hint("CreateFileW", 4).contains("open handles"));
        assertEquals("", WindowsNativeMemory.hint("CloseHandle", 6));
    }

    @Test
    void anUnsupportedOperationNamesThePlatform() {
        var e = WindowsNativeMemory.notOnWindows("mremap");
        assertEquals("mremap is not available on Windows (os.name=" + System.getProperty("os.name") + ", os.arch="
                + System.getProperty("os.arch") + ")", e.getMessage());
    }
}

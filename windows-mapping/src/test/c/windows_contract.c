// SPDX-License-Identifier: Apache-2.0
// What mmap4j's Windows backend and the fake kernel32 (fake_kernel32.c) assume about kernel32, written
// once and compiled twice (contract.sh): against the fake on Linux, and with x86_64-w64-mingw32-gcc
// against <windows.h>, run under Wine. Where both runs pass a check, the fake agrees with Wine there.
// Wine reimplements Windows; it is not Windows: a check that Wine passes was checked against Wine only.
//
// Usage: windows_contract NAME_PREFIX, run in an empty directory (files are created there by relative
// name; NAME_PREFIX names the paging-file sections). Prints one line per check:
//   agree NAME            the check holds here
//   DIFFER NAME: DETAIL   it does not: what was expected and what came
//   known NAME: DETAIL    (mingw build only) it does not, where Wine is known to differ from Microsoft's docs
// then "contract: N checks, A agree, D differ, K known differences (PLATFORM)". Exits 1 if any check differs.
#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#define PLATFORM "windows or wine"
#else
#include "fake_kernel32.h"
#define PLATFORM "fake kernel32"
#endif
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define KIB 1024u
#define PAGE 4096u
#define GRANULE (64 * KIB)

static int checks, agreed, known;
static const char *prefix;

static int check(const char *name, int ok, const char *format, ...) {
    checks++;
    if (ok) {
        agreed++;
        printf("agree %s\n", name);
    } else {
        char detail[512];
        va_list args;
        va_start(args, format);
        vsnprintf(detail, sizeof detail, format, args);
        va_end(args);
        printf("DIFFER %s: %s\n", name, detail);
    }
    fflush(stdout);
    return ok;
}

// A check where Wine is known to differ from what Microsoft documents: under Wine (the mingw build) a miss is
// printed as "known NAME: DETAIL (WHY)" and counted apart; on the fake it is an ordinary check.
static void known_wine_difference(const char *name, int ok, const char *why, const char *format, ...) {
    char detail[512];
    va_list args;
    va_start(args, format);
    vsnprintf(detail, sizeof detail, format, args);
    va_end(args);
#ifdef _WIN32
    if (!ok) {
        checks++;
        known++;
        printf("known %s: %s (%s)\n", name, detail, why);
        fflush(stdout);
        return;
    }
#else
    (void) why;
#endif
    check(name, ok, "%s", detail);
}

// A failed call that should fail with `code`: the result and the last error, read at once.
static int check_failure(const char *name, int failed, DWORD code) {
    DWORD error = GetLastError();
    if (!failed) {
        return check(name, 0, "expected failure with error %lu, but the call succeeded", (unsigned long) code);
    }
    return check(name, error == code, "expected error %lu, got %lu", (unsigned long) code, (unsigned long) error);
}

// An ASCII string as a NUL-terminated UTF-16 one (WCHAR is 16 bits on both sides; wchar_t is not).
static const WCHAR *wide(const char *s) {
    static WCHAR buffers[4][256];
    static int next;
    WCHAR *w = buffers[next++ % 4];
    size_t i = 0;
    for (; s[i] && i < 255; i++) {
        w[i] = (WCHAR) s[i];
    }
    w[i] = 0;
    return w;
}

static const WCHAR *section_name(const char *suffix) {
    char name[200];
    snprintf(name, sizeof name, "%s-%s", prefix, suffix);
    return wide(name);
}

static int64_t file_size(HANDLE file) {
    LARGE_INTEGER size;
    return GetFileSizeEx(file, &size) ? (int64_t) size.QuadPart : -1;
}

static BOOL set_end(HANDLE file, int64_t at) {
    LARGE_INTEGER distance;
    distance.QuadPart = at;
    return SetFilePointerEx(file, distance, NULL, FILE_BEGIN) && SetEndOfFile(file);
}

// A new read-write file of `size` bytes; INVALID_HANDLE_VALUE (and a DIFFER line) if that fails.
static HANDLE new_file(const char *name, int64_t size) {
    HANDLE file = CreateFileW(wide(name), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                              NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        check(name, 0, "setup: CreateFileW failed with %lu", (unsigned long) GetLastError());
        return file;
    }
    if (size > 0 && !set_end(file, size)) {
        check(name, 0, "setup: SetEndOfFile(%lld) failed with %lu", (long long) size, (unsigned long) GetLastError());
        CloseHandle(file);
        return INVALID_HANDLE_VALUE;
    }
    return file;
}

static HANDLE new_section(HANDLE file, DWORD protect, uint64_t size, const WCHAR *name) {
    return CreateFileMappingW(file, NULL, protect, (DWORD) (size >> 32), (DWORD) size, name);
}

static void *view(HANDLE section, DWORD access, uint64_t offset, SIZE_T bytes) {
    return MapViewOfFile(section, access, (DWORD) (offset >> 32), (DWORD) offset, bytes);
}

static void system_info(void) {
    SYSTEM_INFO info;
    GetSystemInfo(&info);
    check("GetSystemInfo: allocation granularity is 64 KiB", info.dwAllocationGranularity == GRANULE, "got %lu",
          (unsigned long) info.dwAllocationGranularity);
    check("GetSystemInfo: page size is 4 KiB", info.dwPageSize == PAGE, "got %lu", (unsigned long) info.dwPageSize);
}

static void alignment_and_bounds(void) {
    HANDLE file = new_file("bounds.dat", 2 * GRANULE);
    if (file == INVALID_HANDLE_VALUE) {
        return;
    }
    HANDLE section = new_section(file, PAGE_READWRITE, 0, NULL);
    check("CreateFileMappingW: a section of a whole non-empty file", section != NULL, "error %lu",
          (unsigned long) GetLastError());
    if (section != NULL) {
        check_failure("MapViewOfFile: an offset that is not a multiple of 64 KiB fails with ERROR_MAPPED_ALIGNMENT",
                      view(section, FILE_MAP_READ, PAGE, PAGE) == NULL, ERROR_MAPPED_ALIGNMENT);
        check_failure("MapViewOfFile: a view reaching past the section fails with ERROR_ACCESS_DENIED",
                      view(section, FILE_MAP_READ, GRANULE, 2 * GRANULE) == NULL, ERROR_ACCESS_DENIED);
        check_failure("MapViewOfFile: an offset at the section's end (length 0) fails with ERROR_INVALID_PARAMETER",
                      view(section, FILE_MAP_READ, 2 * GRANULE, 0) == NULL, ERROR_INVALID_PARAMETER);
        char *v = view(section, FILE_MAP_READ, GRANULE, 0);
        check("MapViewOfFile: length 0 maps from the offset to the section's end", v != NULL, "error %lu",
              (unsigned long) GetLastError());
        if (v != NULL) {
            check("UnmapViewOfFile: an address inside a view unmaps the whole view", UnmapViewOfFile(v + PAGE),
                  "error %lu", (unsigned long) GetLastError());
            check_failure("UnmapViewOfFile: an address no view holds fails with ERROR_INVALID_ADDRESS",
                          !UnmapViewOfFile(v), ERROR_INVALID_ADDRESS);
        }
        char *w = view(section, FILE_MAP_READ, 0, GRANULE);
        if (w != NULL) {
            check_failure("MapViewOfFileEx: an address already mapped fails with ERROR_INVALID_ADDRESS",
                          MapViewOfFileEx(section, FILE_MAP_READ, 0, 0, GRANULE, w) == NULL, ERROR_INVALID_ADDRESS);
            UnmapViewOfFile(w);
            check_failure("MapViewOfFileEx: an address that is not a multiple of 64 KiB fails with ERROR_MAPPED_ALIGNMENT",
                          MapViewOfFileEx(section, FILE_MAP_READ, 0, 0, PAGE, w + PAGE) == NULL, ERROR_MAPPED_ALIGNMENT);
            void *again = MapViewOfFileEx(section, FILE_MAP_READ, 0, 0, GRANULE, w);
            check("MapViewOfFileEx: a free address on the 64 KiB grid is used as given", again == w,
                  "asked for %p, got %p (error %lu)", (void *) w, again, (unsigned long) GetLastError());
            if (again != NULL) {
                UnmapViewOfFile(again);
            }
        }
        CloseHandle(section);
    }
    CloseHandle(file);
}

static void sizes(void) {
    HANDLE empty = new_file("empty.dat", 0);
    if (empty != INVALID_HANDLE_VALUE) {
        check_failure("CreateFileMappingW: an empty file with size 0 fails with ERROR_FILE_INVALID",
                      new_section(empty, PAGE_READWRITE, 0, NULL) == NULL, ERROR_FILE_INVALID);
        CloseHandle(empty);
    }
    HANDLE small = new_file("small.dat", PAGE);
    if (small != INVALID_HANDLE_VALUE) {
        HANDLE s = new_section(small, PAGE_READONLY, GRANULE, NULL);
        check_failure("CreateFileMappingW: a PAGE_READONLY section past the end of file fails with ERROR_NOT_ENOUGH_MEMORY",
                      s == NULL, ERROR_NOT_ENOUGH_MEMORY);
        if (s != NULL) {
            CloseHandle(s);
        }
        check("CreateFileMappingW: a refused read-only section leaves the file's size", file_size(small) == PAGE,
              "size %lld", (long long) file_size(small));
        s = new_section(small, PAGE_READWRITE, GRANULE, NULL);
        check("CreateFileMappingW: a PAGE_READWRITE section past the end of file grows the file to its size",
              s != NULL && file_size(small) == GRANULE, "section %p, error %lu, size %lld", (void *) s,
              (unsigned long) GetLastError(), (long long) file_size(small));
        if (s != NULL) {
            CloseHandle(s);
        }
        CloseHandle(small);
    }
    HANDLE reading = new_file("reading.dat", GRANULE);
    if (reading != INVALID_HANDLE_VALUE) {
        HANDLE s = new_section(reading, PAGE_READONLY, 0, NULL);
        if (s != NULL) {
            check_failure("MapViewOfFile: FILE_MAP_WRITE on a PAGE_READONLY section fails with ERROR_ACCESS_DENIED",
                          view(s, FILE_MAP_WRITE, 0, GRANULE) == NULL, ERROR_ACCESS_DENIED);
            CloseHandle(s);
        }
        CloseHandle(reading);
    }
}

static void truncation(void) {
    HANDLE file = new_file("shrink.dat", 2 * GRANULE);
    if (file == INVALID_HANDLE_VALUE) {
        return;
    }
    HANDLE section = new_section(file, PAGE_READWRITE, 0, NULL);
    void *v = section ? view(section, FILE_MAP_WRITE, 0, 2 * GRANULE) : NULL;
    if (v == NULL) {
        check("truncation setup", 0, "error %lu", (unsigned long) GetLastError());
    } else {
        check_failure("SetEndOfFile: shrinking a file under a view fails with ERROR_USER_MAPPED_FILE",
                      !set_end(file, GRANULE), ERROR_USER_MAPPED_FILE);
        check("SetEndOfFile: a refused shrink leaves the size", file_size(file) == 2 * GRANULE, "size %lld",
              (long long) file_size(file));
        check("SetEndOfFile: growing a file under a view succeeds", set_end(file, 3 * GRANULE),
              "error %lu", (unsigned long) GetLastError());
        UnmapViewOfFile(v);
        check_failure("SetEndOfFile: shrinking below an open section with no view fails with ERROR_USER_MAPPED_FILE",
                      !set_end(file, GRANULE), ERROR_USER_MAPPED_FILE);
    }
    if (section != NULL) {
        CloseHandle(section);
    }
    check("SetEndOfFile: shrinking succeeds once the views and sections are gone", set_end(file, GRANULE),
          "error %lu", (unsigned long) GetLastError());
    CloseHandle(file);
}

static void protection(void) {
    HANDLE file = new_file("protect.dat", GRANULE);
    if (file == INVALID_HANDLE_VALUE) {
        return;
    }
    HANDLE section = new_section(file, PAGE_READWRITE, 0, NULL);
    if (section == NULL) {
        check("protection setup", 0, "error %lu", (unsigned long) GetLastError());
        CloseHandle(file);
        return;
    }
    DWORD old = 0;
    char *r = view(section, FILE_MAP_READ, 0, GRANULE);
    if (r != NULL) {
        check_failure("VirtualProtect: PAGE_READWRITE in a FILE_MAP_READ view fails with ERROR_INVALID_PARAMETER",
                      !VirtualProtect(r, PAGE, PAGE_READWRITE, &old), ERROR_INVALID_PARAMETER);
        check_failure("VirtualProtect: PAGE_EXECUTE_READ in a view without FILE_MAP_EXECUTE fails with ERROR_INVALID_PARAMETER",
                      !VirtualProtect(r, PAGE, PAGE_EXECUTE_READ, &old), ERROR_INVALID_PARAMETER);
        check("VirtualProtect: PAGE_NOACCESS in a read view succeeds and returns PAGE_READONLY",
              VirtualProtect(r, PAGE, PAGE_NOACCESS, &old) && old == PAGE_READONLY, "old %#lx, error %lu",
              (unsigned long) old, (unsigned long) GetLastError());
        UnmapViewOfFile(r);
    }
    char *c = view(section, FILE_MAP_COPY, 0, GRANULE);
    if (c != NULL) {
        check_failure("VirtualProtect: PAGE_READWRITE in a FILE_MAP_COPY view fails with ERROR_INVALID_PARAMETER",
                      !VirtualProtect(c, PAGE, PAGE_READWRITE, &old), ERROR_INVALID_PARAMETER);
        check("VirtualProtect: PAGE_READONLY then PAGE_WRITECOPY in a FILE_MAP_COPY view succeed",
              VirtualProtect(c, PAGE, PAGE_READONLY, &old) && old == PAGE_WRITECOPY
              && VirtualProtect(c, PAGE, PAGE_WRITECOPY, &old) && old == PAGE_READONLY,
              "old %#lx, error %lu", (unsigned long) old, (unsigned long) GetLastError());
        UnmapViewOfFile(c);
    }
    char *w = view(section, FILE_MAP_WRITE, 0, GRANULE);
    if (w != NULL) {
        check("VirtualProtect: PAGE_READONLY in a write view succeeds and returns PAGE_READWRITE",
              VirtualProtect(w + 2 * PAGE, PAGE, PAGE_READONLY, &old) && old == PAGE_READWRITE,
              "old %#lx, error %lu", (unsigned long) old, (unsigned long) GetLastError());
        MEMORY_BASIC_INFORMATION m;
        memset(&m, 0, sizeof m);
        SIZE_T n = VirtualQuery(w + PAGE + 5, &m, sizeof m);
        check("VirtualQuery: a view's region, from the queried page to the first change of protection",
              n == sizeof m && m.BaseAddress == w + PAGE && m.AllocationBase == w && m.AllocationProtect == PAGE_READWRITE
              && m.RegionSize == PAGE && m.State == MEM_COMMIT && m.Protect == PAGE_READWRITE && m.Type == MEM_MAPPED,
              "returned %lu: BaseAddress %+ld from the page, AllocationBase %+ld from the view, AllocationProtect %#lx, "
              "RegionSize %lu, State %#lx, Protect %#lx, Type %#lx", (unsigned long) n,
              (long) ((char *) m.BaseAddress - (w + PAGE)), (long) ((char *) m.AllocationBase - w),
              (unsigned long) m.AllocationProtect, (unsigned long) m.RegionSize, (unsigned long) m.State,
              (unsigned long) m.Protect, (unsigned long) m.Type);
        memset(&m, 0, sizeof m);
        n = VirtualQuery(w + 2 * PAGE, &m, sizeof m);
        check("VirtualQuery: a page made PAGE_READONLY is its own region and keeps AllocationProtect",
              n == sizeof m && m.RegionSize == PAGE && m.Protect == PAGE_READONLY && m.AllocationProtect == PAGE_READWRITE,
              "RegionSize %lu, Protect %#lx, AllocationProtect %#lx", (unsigned long) m.RegionSize,
              (unsigned long) m.Protect, (unsigned long) m.AllocationProtect);
        memset(&m, 0, sizeof m);
        n = VirtualQuery(w + 3 * PAGE, &m, sizeof m);
        check("VirtualQuery: the region after it runs to the view's end", n == sizeof m
              && m.RegionSize == GRANULE - 3 * PAGE && m.Protect == PAGE_READWRITE,
              "RegionSize %lu, Protect %#lx", (unsigned long) m.RegionSize, (unsigned long) m.Protect);
        check_failure("VirtualQuery: a buffer smaller than MEMORY_BASIC_INFORMATION fails with ERROR_BAD_LENGTH",
                      VirtualQuery(w, &m, sizeof m - 1) == 0, ERROR_BAD_LENGTH);
        DWORD unlocked = VirtualUnlock(w, PAGE) ? 0 : GetLastError();
        known_wine_difference("VirtualUnlock: pages never locked fail with ERROR_NOT_LOCKED", unlocked == ERROR_NOT_LOCKED,
                              "Wine's VirtualUnlock keeps no locks and always succeeds; Microsoft documents ERROR_NOT_LOCKED",
                              "expected error %lu, got %lu", (unsigned long) ERROR_NOT_LOCKED, (unsigned long) unlocked);
        check("VirtualLock then VirtualUnlock of one page succeed", VirtualLock(w, PAGE) && VirtualUnlock(w, PAGE),
              "error %lu", (unsigned long) GetLastError());
        check("FlushViewOfFile: a whole view (length 0) succeeds", FlushViewOfFile(w, 0), "error %lu",
              (unsigned long) GetLastError());
        UnmapViewOfFile(w);
    }
    CloseHandle(section);
    CloseHandle(file);
}

static void copy_on_write(void) {
    HANDLE file = new_file("copy.dat", GRANULE);
    if (file == INVALID_HANDLE_VALUE) {
        return;
    }
    HANDLE section = new_section(file, PAGE_READWRITE, 0, NULL);
    char *shared = section ? view(section, FILE_MAP_WRITE, 0, GRANULE) : NULL;
    char *copy = section ? view(section, FILE_MAP_COPY, 0, GRANULE) : NULL;
    if (shared == NULL || copy == NULL) {
        check("copy-on-write setup", 0, "error %lu", (unsigned long) GetLastError());
    } else {
        shared[0] = 'a';
        MEMORY_BASIC_INFORMATION m;
        memset(&m, 0, sizeof m);
        VirtualQuery(copy, &m, sizeof m);
        check("VirtualQuery: a FILE_MAP_COPY view is PAGE_WRITECOPY, also its AllocationProtect",
              m.Protect == PAGE_WRITECOPY && m.AllocationProtect == PAGE_WRITECOPY && m.RegionSize == GRANULE,
              "Protect %#lx, AllocationProtect %#lx, RegionSize %lu", (unsigned long) m.Protect,
              (unsigned long) m.AllocationProtect, (unsigned long) m.RegionSize);
        check("FILE_MAP_COPY: an unwritten page shows the file's current bytes", copy[0] == 'a', "read %d", copy[0]);
        copy[0] = 'b';
        check("FILE_MAP_COPY: a write stays in the view", copy[0] == 'b' && shared[0] == 'a',
              "copy %d, shared %d", copy[0], shared[0]);
        memset(&m, 0, sizeof m);
        VirtualQuery(copy, &m, sizeof m);
        // Wine (and the fake) keep PAGE_WRITECOPY; Windows may report a written page as PAGE_READWRITE, its own
        // region. mmap4j reads either as readable and writable.
        check("VirtualQuery: a written FILE_MAP_COPY page stays writable (PAGE_WRITECOPY or PAGE_READWRITE)",
              (m.Protect == PAGE_WRITECOPY || m.Protect == PAGE_READWRITE) && m.AllocationProtect == PAGE_WRITECOPY,
              "Protect %#lx, RegionSize %lu, AllocationProtect %#lx", (unsigned long) m.Protect,
              (unsigned long) m.RegionSize, (unsigned long) m.AllocationProtect);
        shared[1] = 'c';
        check("FILE_MAP_COPY: later writes to the file show in unwritten pages only",
              copy[1] == 0 && copy[PAGE] == 0 && (shared[PAGE] = 'd', copy[PAGE] == 'd'),
              "copy[1] %d, copy[PAGE] %d", copy[1], copy[PAGE]);
    }
    if (copy != NULL) {
        UnmapViewOfFile(copy);
    }
    if (shared != NULL) {
        char *again = view(section, FILE_MAP_READ, 0, GRANULE);
        check("FILE_MAP_COPY: the file never sees the view's writes", again != NULL && again[0] == 'a',
              "read %d", again ? again[0] : -1);
        if (again != NULL) {
            UnmapViewOfFile(again);
        }
        UnmapViewOfFile(shared);
    }
    if (section != NULL) {
        CloseHandle(section);
    }
    CloseHandle(file);
}

static void paging_file_sections(void) {
    HANDLE anonymous = new_section(INVALID_HANDLE_VALUE, PAGE_READWRITE, 3 * GRANULE, NULL);
    char *a = anonymous ? view(anonymous, FILE_MAP_WRITE, 0, 0) : NULL;
    check("CreateFileMappingW: an unnamed paging-file section maps zeroed and writable",
          a != NULL && a[0] == 0 && a[3 * GRANULE - 1] == 0 && (a[5] = 1, a[5] == 1), "error %lu",
          (unsigned long) GetLastError());
    if (a != NULL) {
        UnmapViewOfFile(a);
    }
    if (anonymous != NULL) {
        CloseHandle(anonymous);
    }
    check_failure("CreateFileMappingW: a paging-file section of size 0 fails with ERROR_INVALID_PARAMETER",
                  new_section(INVALID_HANDLE_VALUE, PAGE_READWRITE, 0, NULL) == NULL, ERROR_INVALID_PARAMETER);
    const WCHAR *name = section_name("named");
    HANDLE first = new_section(INVALID_HANDLE_VALUE, PAGE_READWRITE, GRANULE, name);
    DWORD first_error = GetLastError();
    HANDLE second = new_section(INVALID_HANDLE_VALUE, PAGE_READWRITE, 2 * GRANULE, name);
    DWORD second_error = GetLastError();
    check("CreateFileMappingW: a new name sets no error, an existing one ERROR_ALREADY_EXISTS and opens it",
          first != NULL && first_error == 0 && second != NULL && second_error == ERROR_ALREADY_EXISTS,
          "first %p (error %lu), second %p (error %lu)", (void *) first, (unsigned long) first_error,
          (void *) second, (unsigned long) second_error);
    HANDLE opened = OpenFileMappingW(FILE_MAP_READ, FALSE, name);
    char *x = first ? view(first, FILE_MAP_WRITE, 0, 0) : NULL;
    char *y = opened ? view(opened, FILE_MAP_READ, 0, 0) : NULL;
    if (x != NULL && y != NULL) {
        x[7] = 42;
        MEMORY_BASIC_INFORMATION m;
        memset(&m, 0, sizeof m);
        VirtualQuery(y, &m, sizeof m);
        check("OpenFileMappingW: the same memory, and the size given at creation (VirtualQuery)",
              y[7] == 42 && m.RegionSize == GRANULE && m.Protect == PAGE_READONLY,
              "read %d, RegionSize %lu, Protect %#lx", y[7], (unsigned long) m.RegionSize, (unsigned long) m.Protect);
    } else {
        check("OpenFileMappingW: the same memory, and the size given at creation (VirtualQuery)", 0,
              "views %p %p, error %lu", (void *) x, (void *) y, (unsigned long) GetLastError());
    }
    if (x != NULL) {
        UnmapViewOfFile(x);
    }
    if (y != NULL) {
        UnmapViewOfFile(y);
    }
    HANDLE handles[] = {first, second, opened};
    for (int i = 0; i < 3; i++) {
        if (handles[i] != NULL) {
            CloseHandle(handles[i]);
        }
    }
    check_failure("OpenFileMappingW: a name no section has fails with ERROR_FILE_NOT_FOUND",
                  OpenFileMappingW(FILE_MAP_READ, FALSE, section_name("absent")) == NULL, ERROR_FILE_NOT_FOUND);
}

static void files(void) {
    HANDLE missing = CreateFileW(wide("absent.dat"), GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                                 FILE_ATTRIBUTE_NORMAL, NULL);
    check_failure("CreateFileW: OPEN_EXISTING of a missing file fails with ERROR_FILE_NOT_FOUND",
                  missing == INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
    HANDLE in_missing_dir = CreateFileW(wide("absent-dir/absent.dat"), GENERIC_READ, FILE_SHARE_READ, NULL,
                                        OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    check_failure("CreateFileW: a file in a missing directory fails with ERROR_PATH_NOT_FOUND",
                  in_missing_dir == INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
    HANDLE file = new_file("exists.dat", PAGE);
    if (file != INVALID_HANDLE_VALUE) {
        CloseHandle(file);
        HANDLE again = CreateFileW(wide("exists.dat"), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL,
                                   CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
        check_failure("CreateFileW: CREATE_NEW of an existing file fails with ERROR_FILE_EXISTS",
                      again == INVALID_HANDLE_VALUE, ERROR_FILE_EXISTS);
        again = CreateFileW(wide("exists.dat"), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL,
                            OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
        check("CreateFileW: OPEN_ALWAYS of an existing file succeeds with ERROR_ALREADY_EXISTS",
              again != INVALID_HANDLE_VALUE && GetLastError() == ERROR_ALREADY_EXISTS, "handle %p, error %lu",
              (void *) again, (unsigned long) GetLastError());
        if (again != INVALID_HANDLE_VALUE) {
            check("GetFileType: a file on disk is FILE_TYPE_DISK", GetFileType(again) == FILE_TYPE_DISK,
                  "type %lu", (unsigned long) GetFileType(again));
            CloseHandle(again);
        }
    }
    check_failure("CloseHandle: a handle never opened fails with ERROR_INVALID_HANDLE",
                  !CloseHandle((HANDLE) (uintptr_t) 0x7ff0), ERROR_INVALID_HANDLE);
    HANDLE reading = CreateFileW(wide("exists.dat"), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                                 OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (reading != INVALID_HANDLE_VALUE) {
        check_failure("CreateFileMappingW: PAGE_READWRITE over a file opened for reading fails with ERROR_ACCESS_DENIED",
                      new_section(reading, PAGE_READWRITE, 0, NULL) == NULL, ERROR_ACCESS_DENIED);
        CloseHandle(reading);
    }
}

int main(int argc, char **argv) {
    prefix = argc > 1 ? argv[1] : "mmap4j-contract";
    system_info();
    alignment_and_bounds();
    sizes();
    truncation();
    protection();
    copy_on_write();
    paging_file_sections();
    files();
    printf("contract: %d checks, %d agree, %d differ, %d known differences (%s)\n", checks, agreed,
           checks - agreed - known, known, PLATFORM);
    return agreed + known == checks ? 0 : 1;
}

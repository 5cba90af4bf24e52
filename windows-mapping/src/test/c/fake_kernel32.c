// SPDX-License-Identifier: Apache-2.0
// A fake kernel32 for tests on Linux: the kernel32 functions mmap4j's Windows backend calls, with
// their Windows x64 parameter types (DWORD 32-bit, SIZE_T and HANDLE 64-bit, WCHAR 16-bit), doing
// what Microsoft documents over POSIX calls. Built by the tests with `cc -shared -fPIC`; never shipped.
// Its functions use the Windows x64 calling convention (ms_abi, fake_kernel32.h). What it assumes about
// Windows is checked against Wine by windows_contract.c (contract.sh); README.md says which checks agree.
//
// Handles are small multiples of 4, as on Windows; INVALID_HANDLE_VALUE is -1 and so is the current
// process's pseudo-handle. Every failure sets this thread's last error, read by GetLastError.
// Where Windows's answer is not documented, the choice made here is marked "fake:"; "and Wine agrees" where
// windows_contract.c found Wine giving the same answer.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fake_kernel32.h"

static __thread DWORD last_error;

// The thread-local is touched only in these two System V functions, never inline in an ms_abi one: GCC 12
// compiles a general-dynamic TLS access (the __tls_get_addr call of -fPIC code) inside an ms_abi function
// without keeping the registers that function must preserve, which corrupted the callers' state here.
__attribute__((noinline)) static void set_last_error(DWORD code) { last_error = code; }
__attribute__((noinline)) static DWORD get_last_error(void) { return last_error; }

static BOOL fail(DWORD code) {
    set_last_error(code);
    return 0;
}

WINAPI DWORD GetLastError(void) { return get_last_error(); }
WINAPI void SetLastError(DWORD code) { set_last_error(code); }

// ---- handles and views, under one lock

enum kind { FREE, FILE_HANDLE, SECTION_HANDLE };

struct handle {
    enum kind kind;
    int fd;
    int readable, writable, executable; // file: the access it was opened with; section: what views may have
    DWORD protect;                      // section: its page protection
    uint64_t size;                      // section: its size, fixed when it is created
    dev_t dev;
    ino_t ino;
};

struct view {
    uintptr_t base;
    size_t length;     // whole pages
    int copy, writable, executable, shared;
    dev_t dev;
    ino_t ino;
    DWORD first_protect;
    DWORD *protect;    // per page
    unsigned char *locked;
};

#define MAX_HANDLES 4096
#define MAX_VIEWS 4096
static struct handle handles[MAX_HANDLES];
static struct view views[MAX_VIEWS];
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t page_size(void) { return (size_t) sysconf(_SC_PAGESIZE); }

static HANDLE new_handle(struct handle h) {
    for (int i = 0; i < MAX_HANDLES; i++) {
        if (handles[i].kind == FREE) {
            handles[i] = h;
            return (HANDLE) (uintptr_t) ((i + 1) * 4);
        }
    }
    return NULL;
}

static struct handle *find_handle(HANDLE h) {
    uintptr_t v = (uintptr_t) h;
    if (v == 0 || v % 4 != 0 || v / 4 > MAX_HANDLES || handles[v / 4 - 1].kind == FREE) {
        return NULL;
    }
    return &handles[v / 4 - 1];
}

static struct view *find_view(uintptr_t address) {
    for (int i = 0; i < MAX_VIEWS; i++) {
        if (views[i].base != 0 && address >= views[i].base && address < views[i].base + views[i].length) {
            return &views[i];
        }
    }
    return NULL;
}

static int inode_in_use(dev_t dev, ino_t ino) {
    for (int i = 0; i < MAX_VIEWS; i++) {
        if (views[i].base != 0 && views[i].dev == dev && views[i].ino == ino) {
            return 1;
        }
    }
    for (int i = 0; i < MAX_HANDLES; i++) {
        if (handles[i].kind == SECTION_HANDLE && handles[i].dev == dev && handles[i].ino == ino) {
            return 1;
        }
    }
    return 0;
}

#define LOCKED(expr) ({ pthread_mutex_lock(&table_lock); __typeof__(expr) r_ = (expr); pthread_mutex_unlock(&table_lock); r_; })

// ---- strings: Windows passes UTF-16, POSIX wants UTF-8

static char *utf8(const WCHAR *s) {
    size_t n = 0;
    while (s[n]) {
        n++;
    }
    char *out = malloc(n * 3 + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = s[i];
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < n && s[i + 1] >= 0xDC00 && s[i + 1] < 0xE000) {
            c = 0x10000 + ((c - 0xD800) << 10) + (s[++i] - 0xDC00);
        }
        if (c < 0x80) {
            *o++ = (char) c;
        } else if (c < 0x800) {
            *o++ = (char) (0xC0 | c >> 6);
            *o++ = (char) (0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            *o++ = (char) (0xE0 | c >> 12);
            *o++ = (char) (0x80 | ((c >> 6) & 0x3F));
            *o++ = (char) (0x80 | (c & 0x3F));
        } else {
            *o++ = (char) (0xF0 | c >> 18);
            *o++ = (char) (0x80 | ((c >> 12) & 0x3F));
            *o++ = (char) (0x80 | ((c >> 6) & 0x3F));
            *o++ = (char) (0x80 | (c & 0x3F));
        }
    }
    *o = 0;
    return out;
}

static DWORD from_errno(int e) {
    switch (e) {
        case ENOENT: return ERROR_FILE_NOT_FOUND;
        case ENOTDIR: return ERROR_PATH_NOT_FOUND;
        case EEXIST: return ERROR_FILE_EXISTS;
        case EACCES: case EPERM: case EROFS: case EISDIR: case ETXTBSY: return ERROR_ACCESS_DENIED;
        case EBADF: return ERROR_INVALID_HANDLE;
        case EMFILE: case ENFILE: return ERROR_TOO_MANY_OPEN_FILES;
        case ENAMETOOLONG: return ERROR_FILENAME_EXCED_RANGE;
        case ELOOP: return ERROR_CANT_RESOLVE_FILENAME;
        case ENOSPC: case EFBIG: case EDQUOT: return ERROR_DISK_FULL;
        case ENOMEM: return ERROR_NOT_ENOUGH_MEMORY;
        case EINVAL: return ERROR_INVALID_PARAMETER;
        default: return ERROR_GEN_FAILURE;
    }
}

// ---- files

WINAPI HANDLE CreateFileW(const WCHAR *name, DWORD access, DWORD share, void *security, DWORD disposition,
                   DWORD flags, HANDLE template) {
    (void) share;
    (void) security;
    (void) template;
    if (name == NULL) {
        fail(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    int read = (access & GENERIC_READ) != 0, write = (access & GENERIC_WRITE) != 0;
    int oflags = (read && write ? O_RDWR : write ? O_WRONLY : O_RDONLY) | O_CLOEXEC | O_NONBLOCK;
    switch (disposition) {
        case CREATE_NEW: oflags |= O_CREAT | O_EXCL; break;
        case CREATE_ALWAYS: oflags |= O_CREAT | O_TRUNC; break;
        case OPEN_EXISTING: break;
        case OPEN_ALWAYS: oflags |= O_CREAT; break;
        case TRUNCATE_EXISTING:
            if (!write) {
                fail(ERROR_INVALID_PARAMETER);
                return INVALID_HANDLE_VALUE;
            }
            oflags |= O_TRUNC;
            break;
        default:
            fail(ERROR_INVALID_PARAMETER);
            return INVALID_HANDLE_VALUE;
    }
    if (flags & FILE_FLAG_OPEN_REPARSE_POINT) {
        oflags |= O_NOFOLLOW;
    }
    char *path = utf8(name);
    struct stat before;
    int existed = stat(path, &before) == 0;
    int fd = open(path, oflags, 0666);
    if (fd < 0 && errno == ELOOP && (flags & FILE_FLAG_OPEN_REPARSE_POINT)) {
        fd = open(path, O_PATH | O_NOFOLLOW | O_CLOEXEC); // the link itself, as Windows opens the reparse point
    }
    if (fd < 0) {
        DWORD code = from_errno(errno);
        if (errno == ENOENT) {
            char *copy = strdup(path);
            struct stat parent;
            if (stat(dirname(copy), &parent) != 0) {
                code = ERROR_PATH_NOT_FOUND;
            }
            free(copy);
        }
        free(path);
        fail(code);
        return INVALID_HANDLE_VALUE;
    }
    free(path);
    struct stat st;
    fstat(fd, &st);
    if (S_ISDIR(st.st_mode)) { // Windows opens a directory only with FILE_FLAG_BACKUP_SEMANTICS
        close(fd);
        fail(ERROR_ACCESS_DENIED);
        return INVALID_HANDLE_VALUE;
    }
    struct handle h = {.kind = FILE_HANDLE, .fd = fd, .readable = read, .writable = write,
                       .executable = (access & GENERIC_EXECUTE) != 0, .dev = st.st_dev, .ino = st.st_ino};
    HANDLE r = LOCKED(new_handle(h));
    if (r == NULL) {
        close(fd);
        fail(ERROR_TOO_MANY_OPEN_FILES);
        return INVALID_HANDLE_VALUE;
    }
    set_last_error(existed && (disposition == OPEN_ALWAYS || disposition == CREATE_ALWAYS) ? ERROR_ALREADY_EXISTS : 0);
    return r;
}

WINAPI BOOL CloseHandle(HANDLE h) {
    if (h == INVALID_HANDLE_VALUE) {
        return 1; // the current process's pseudo-handle
    }
    pthread_mutex_lock(&table_lock);
    struct handle *e = find_handle(h);
    int fd = e ? e->fd : -1;
    if (e) {
        e->kind = FREE;
    }
    pthread_mutex_unlock(&table_lock);
    if (fd < 0) {
        return fail(ERROR_INVALID_HANDLE);
    }
    close(fd);
    return 1;
}

static int file_fd(HANDLE h, struct handle *copy) {
    pthread_mutex_lock(&table_lock);
    struct handle *e = find_handle(h);
    int fd = e && e->kind == FILE_HANDLE ? e->fd : -1;
    if (fd >= 0 && copy) {
        *copy = *e;
    }
    pthread_mutex_unlock(&table_lock);
    if (fd < 0) {
        fail(ERROR_INVALID_HANDLE);
    }
    return fd;
}

WINAPI DWORD GetFileType(HANDLE h) {
    int fd = file_fd(h, NULL);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        return 0; // FILE_TYPE_UNKNOWN, last error set
    }
    set_last_error(0);
    if (S_ISCHR(st.st_mode)) {
        return 2; // FILE_TYPE_CHAR
    }
    if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) {
        return 3; // FILE_TYPE_PIPE
    }
    return 1; // FILE_TYPE_DISK
}

static FILETIME filetime(struct timespec t) {
    uint64_t v = ((uint64_t) t.tv_sec + 11644473600ull) * 10000000ull + (uint64_t) t.tv_nsec / 100;
    return (FILETIME) {(DWORD) v, (DWORD) (v >> 32)};
}

WINAPI BOOL GetFileInformationByHandle(HANDLE h, BY_HANDLE_FILE_INFORMATION *info) {
    int fd = file_fd(h, NULL);
    struct stat st;
    if (fd < 0) {
        return 0;
    }
    if (fstat(fd, &st) != 0) {
        return fail(from_errno(errno));
    }
    info->dwFileAttributes = S_ISLNK(st.st_mode) ? FILE_ATTRIBUTE_REPARSE_POINT
            : S_ISDIR(st.st_mode) ? FILE_ATTRIBUTE_DIRECTORY : FILE_ATTRIBUTE_NORMAL;
    info->ftCreationTime = filetime(st.st_ctim);
    info->ftLastAccessTime = filetime(st.st_atim);
    info->ftLastWriteTime = filetime(st.st_mtim);
    info->dwVolumeSerialNumber = (DWORD) st.st_dev;
    info->nFileSizeHigh = (DWORD) ((uint64_t) st.st_size >> 32);
    info->nFileSizeLow = (DWORD) st.st_size;
    info->nNumberOfLinks = (DWORD) st.st_nlink;
    info->nFileIndexHigh = (DWORD) ((uint64_t) st.st_ino >> 32);
    info->nFileIndexLow = (DWORD) st.st_ino;
    return 1;
}

WINAPI BOOL GetFileSizeEx(HANDLE h, LARGE_INTEGER *size) {
    int fd = file_fd(h, NULL);
    struct stat st;
    if (fd < 0) {
        return 0;
    }
    if (size == NULL) {
        return fail(ERROR_NOACCESS);
    }
    if (fstat(fd, &st) != 0) {
        return fail(from_errno(errno));
    }
    size->QuadPart = st.st_size;
    return 1;
}

WINAPI BOOL SetFilePointerEx(HANDLE h, LARGE_INTEGER distance, LARGE_INTEGER *position, DWORD method) {
    int fd = file_fd(h, NULL);
    if (fd < 0) {
        return 0;
    }
    if (method > 2) {
        return fail(ERROR_INVALID_PARAMETER);
    }
    off_t from = method == 0 ? 0 : lseek(fd, 0, method == 1 ? SEEK_CUR : SEEK_END);
    if (from + distance.QuadPart < 0) {
        return fail(ERROR_NEGATIVE_SEEK);
    }
    off_t r = lseek(fd, from + distance.QuadPart, SEEK_SET);
    if (r < 0) {
        return fail(from_errno(errno));
    }
    if (position) {
        position->QuadPart = r;
    }
    return 1;
}

WINAPI BOOL SetEndOfFile(HANDLE h) {
    struct handle e;
    int fd = file_fd(h, &e);
    if (fd < 0) {
        return 0;
    }
    if (!e.writable) {
        return fail(ERROR_ACCESS_DENIED);
    }
    off_t end = lseek(fd, 0, SEEK_CUR);
    struct stat st;
    fstat(fd, &st);
    // Windows refuses to cut a file under a section or a view of it
    if (end < st.st_size && LOCKED(inode_in_use(st.st_dev, st.st_ino))) {
        return fail(ERROR_USER_MAPPED_FILE);
    }
    if (ftruncate(fd, end) != 0) {
        return fail(from_errno(errno));
    }
    return 1;
}

WINAPI BOOL FlushFileBuffers(HANDLE h) {
    struct handle e;
    int fd = file_fd(h, &e);
    if (fd < 0) {
        return 0;
    }
    if (!e.writable) {
        return fail(ERROR_ACCESS_DENIED); // Windows needs GENERIC_WRITE to flush
    }
    if (fsync(fd) != 0) {
        return fail(from_errno(errno));
    }
    return 1;
}

WINAPI BOOL DuplicateHandle(HANDLE source_process, HANDLE source, HANDLE target_process, HANDLE *target,
                     DWORD access, BOOL inherit, DWORD options) {
    (void) access;
    (void) inherit;
    if (source_process != INVALID_HANDLE_VALUE || target_process != INVALID_HANDLE_VALUE) {
        return fail(ERROR_INVALID_HANDLE); // fake: this process only
    }
    if (target == NULL || !(options & DUPLICATE_SAME_ACCESS)) {
        return fail(ERROR_INVALID_PARAMETER); // fake: only DUPLICATE_SAME_ACCESS
    }
    pthread_mutex_lock(&table_lock);
    struct handle *e = find_handle(source);
    HANDLE r = NULL;
    int fd = -1;
    if (e && (fd = fcntl(e->fd, F_DUPFD_CLOEXEC, 0)) >= 0) {
        struct handle copy = *e;
        copy.fd = fd;
        r = new_handle(copy);
    }
    pthread_mutex_unlock(&table_lock);
    if (r == NULL) {
        if (fd >= 0) {
            close(fd);
        }
        return fail(e ? ERROR_TOO_MANY_OPEN_FILES : ERROR_INVALID_HANDLE);
    }
    *target = r;
    return 1;
}

WINAPI HANDLE GetCurrentProcess(void) { return INVALID_HANDLE_VALUE; }

// ---- sections

static int protect_writable(DWORD p) { return p == PAGE_READWRITE || p == PAGE_EXECUTE_READWRITE; }
static int protect_executable(DWORD p) { return p >= PAGE_EXECUTE && p <= PAGE_EXECUTE_WRITECOPY; }
static int protect_valid_for_section(DWORD p) {
    return p == PAGE_READONLY || p == PAGE_READWRITE || p == PAGE_WRITECOPY || p == PAGE_EXECUTE_READ
            || p == PAGE_EXECUTE_READWRITE || p == PAGE_EXECUTE_WRITECOPY;
}

// A named section is a POSIX shared memory object. Windows deletes a name with its last handle; the
// fake cannot count handles across processes, so names stay until removed (the tests remove theirs).
static char *shm_name(const WCHAR *name) {
    char *u = utf8(name);
    char *out = malloc(strlen(u) + 16);
    sprintf(out, "/fake_k32.%s", u);
    for (char *c = out + 1; *c; c++) {
        if (*c == '/' || *c == '\\') {
            *c = '_';
        }
    }
    free(u);
    return out;
}

static HANDLE section(int fd, DWORD protect, uint64_t size, int writable_access, struct stat *st) {
    struct handle h = {.kind = SECTION_HANDLE, .fd = fd, .readable = 1,
                       .writable = writable_access && protect_writable(protect),
                       .executable = protect_executable(protect), .protect = protect, .size = size,
                       .dev = st->st_dev, .ino = st->st_ino};
    HANDLE r = LOCKED(new_handle(h));
    if (r == NULL) {
        close(fd);
        fail(ERROR_TOO_MANY_OPEN_FILES);
    }
    return r;
}

WINAPI HANDLE CreateFileMappingW(HANDLE file, void *security, DWORD protect, DWORD max_high, DWORD max_low,
                          const WCHAR *name) {
    (void) security;
    DWORD page_protect = protect & 0xFF; // SEC_* attributes sit above
    uint64_t max = (uint64_t) max_high << 32 | max_low;
    if (!protect_valid_for_section(page_protect)) {
        fail(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    struct stat st;
    if (file == INVALID_HANDLE_VALUE) { // backed by the paging file
        int fd;
        if (name != NULL) {
            char *n = shm_name(name);
            fd = shm_open(n, O_RDWR | O_CLOEXEC, 0600);
            if (fd >= 0) { // an existing section keeps its size
                free(n);
                fstat(fd, &st);
                HANDLE r = section(fd, page_protect, (uint64_t) st.st_size, 1, &st);
                if (r) {
                    set_last_error(ERROR_ALREADY_EXISTS);
                }
                return r;
            }
            if (max == 0) {
                free(n);
                fail(ERROR_INVALID_PARAMETER);
                return NULL;
            }
            fd = shm_open(n, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            free(n);
        } else {
            if (max == 0) {
                fail(ERROR_INVALID_PARAMETER);
                return NULL;
            }
            fd = memfd_create("fake-kernel32-section", MFD_CLOEXEC);
        }
        if (fd < 0 || ftruncate(fd, (off_t) max) != 0) {
            DWORD code = errno == ENOSPC ? ERROR_NOT_ENOUGH_MEMORY : from_errno(errno);
            if (fd >= 0) {
                close(fd);
            }
            fail(code);
            return NULL;
        }
        fstat(fd, &st);
        set_last_error(0);
        return section(fd, page_protect, max, 1, &st);
    }
    struct handle e;
    int file_descriptor = file_fd(file, &e);
    if (file_descriptor < 0) {
        return NULL;
    }
    if (!e.readable || (protect_writable(page_protect) && !e.writable)
            || (protect_executable(page_protect) && !e.executable)) {
        fail(ERROR_ACCESS_DENIED);
        return NULL;
    }
    fstat(file_descriptor, &st);
    uint64_t size = (uint64_t) st.st_size;
    if (max == 0) {
        if (size == 0) {
            fail(ERROR_FILE_INVALID); // an empty file cannot be mapped whole
            return NULL;
        }
        max = size;
    } else if (max > size) {
        if (!protect_writable(page_protect)) {
            fail(ERROR_NOT_ENOUGH_MEMORY); // fake, and Wine agrees: Windows documents growth only for writable sections
            return NULL;
        }
        if (ftruncate(file_descriptor, (off_t) max) != 0) { // Windows grows the file to the section's size
            fail(from_errno(errno));
            return NULL;
        }
    }
    int fd = fcntl(file_descriptor, F_DUPFD_CLOEXEC, 0); // the section keeps the file open
    if (fd < 0) {
        fail(from_errno(errno));
        return NULL;
    }
    set_last_error(0);
    return section(fd, page_protect, max, 1, &st);
}

WINAPI HANDLE OpenFileMappingW(DWORD access, BOOL inherit, const WCHAR *name) {
    (void) inherit;
    if (name == NULL) {
        fail(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    int write = (access & FILE_MAP_WRITE) != 0;
    char *n = shm_name(name);
    int fd = shm_open(n, (write ? O_RDWR : O_RDONLY) | O_CLOEXEC, 0);
    free(n);
    if (fd < 0) {
        fail(from_errno(errno));
        return NULL;
    }
    struct stat st;
    fstat(fd, &st);
    return section(fd, PAGE_READWRITE, (uint64_t) st.st_size, write, &st);
}

// ---- views

static DWORD view_protect(int copy, int write, int exec) {
    if (copy) {
        return exec ? PAGE_EXECUTE_WRITECOPY : PAGE_WRITECOPY;
    }
    if (write) {
        return exec ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE;
    }
    return exec ? PAGE_EXECUTE_READ : PAGE_READONLY;
}

WINAPI void *MapViewOfFileEx(HANDLE h, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T bytes, void *base) {
    struct handle s;
    pthread_mutex_lock(&table_lock);
    struct handle *e = find_handle(h);
    int ok = e && e->kind == SECTION_HANDLE;
    if (ok) {
        s = *e;
    }
    pthread_mutex_unlock(&table_lock);
    if (!ok) {
        fail(ERROR_INVALID_HANDLE);
        return NULL;
    }
    uint64_t offset = (uint64_t) offset_high << 32 | offset_low;
    if (offset % GRANULARITY != 0 || (uintptr_t) base % GRANULARITY != 0) {
        fail(ERROR_MAPPED_ALIGNMENT);
        return NULL;
    }
    // kernelbase's reading of dwDesiredAccess: FILE_MAP_COPY (with or without FILE_MAP_EXECUTE) is copy-on-write
    int copy = (access & ~(DWORD) FILE_MAP_EXECUTE) == FILE_MAP_COPY;
    int exec = (access & FILE_MAP_EXECUTE) != 0;
    int write = !copy && (access & FILE_MAP_WRITE) != 0;
    int read = copy || write || (access & FILE_MAP_READ) != 0;
    if (!read) {
        fail(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if ((write && !s.writable) || (exec && !s.executable)) {
        fail(ERROR_ACCESS_DENIED);
        return NULL;
    }
    if (bytes == 0) {
        if (offset >= s.size) {
            fail(ERROR_INVALID_PARAMETER); // as Wine answers (windows_contract.c)
            return NULL;
        }
        bytes = s.size - offset;
    }
    if (offset + bytes > s.size) {
        fail(ERROR_ACCESS_DENIED); // fake, and Wine agrees: STATUS_INVALID_VIEW_SIZE, reported as access denied
        return NULL;
    }
    int prot = PROT_READ | (write || copy ? PROT_WRITE : 0) | (exec ? PROT_EXEC : 0);
    int flags = (copy ? MAP_PRIVATE : MAP_SHARED) | (base ? MAP_FIXED_NOREPLACE : 0);
    int reserved = base == NULL;
    if (reserved) { // Windows places views on the allocation granularity: find such a hole first
        void *hole = mmap(NULL, bytes + GRANULARITY, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (hole == MAP_FAILED) {
            fail(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        uintptr_t aligned = ((uintptr_t) hole + GRANULARITY - 1) / GRANULARITY * GRANULARITY;
        base = (void *) aligned;
        flags |= MAP_FIXED; // replaces only the hole just reserved
        size_t page = page_size(), length = (bytes + page - 1) / page * page;
        if (aligned > (uintptr_t) hole) {
            munmap(hole, aligned - (uintptr_t) hole);
        }
        uintptr_t hole_end = (uintptr_t) hole + bytes + GRANULARITY;
        if (hole_end > aligned + length) {
            munmap((void *) (aligned + length), hole_end - (aligned + length));
        }
    }
    void *p = mmap(base, bytes, prot, flags, s.fd, (off_t) offset);
    if (p == MAP_FAILED) {
        DWORD code = errno == EEXIST ? ERROR_INVALID_ADDRESS : from_errno(errno);
        if (reserved) {
            munmap(base, bytes); // give back the hole
        }
        fail(code);
        return NULL;
    }
    if (p != base) {
        munmap(p, bytes);
        fail(ERROR_INVALID_ADDRESS);
        return NULL;
    }
    size_t page = page_size(), length = (bytes + page - 1) / page * page, pages = length / page;
    DWORD protect = view_protect(copy, write, exec);
    pthread_mutex_lock(&table_lock);
    struct view *v = NULL;
    for (int i = 0; i < MAX_VIEWS && !v; i++) {
        if (views[i].base == 0) {
            v = &views[i];
        }
    }
    if (v) {
        *v = (struct view) {.base = (uintptr_t) p, .length = length, .copy = copy, .writable = write,
                            .executable = exec, .shared = !copy, .dev = s.dev, .ino = s.ino,
                            .first_protect = protect, .protect = malloc(pages * sizeof(DWORD)),
                            .locked = calloc(pages, 1)};
        for (size_t i = 0; i < pages; i++) {
            v->protect[i] = protect;
        }
    }
    pthread_mutex_unlock(&table_lock);
    if (!v) {
        munmap(p, bytes);
        fail(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    set_last_error(0);
    return p;
}

WINAPI void *MapViewOfFile(HANDLE h, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T bytes) {
    return MapViewOfFileEx(h, access, offset_high, offset_low, bytes, NULL);
}

WINAPI BOOL UnmapViewOfFile(const void *base) {
    pthread_mutex_lock(&table_lock);
    // Microsoft documents the base address; Wine unmaps the view holding any address inside it, and so does
    // this fake (windows_contract.c). mmap4j passes only base addresses.
    struct view *v = find_view((uintptr_t) base);
    struct view copy = {0};
    if (v) {
        copy = *v;
        v->base = 0;
    }
    pthread_mutex_unlock(&table_lock);
    if (copy.base == 0) {
        return fail(ERROR_INVALID_ADDRESS); // not in a view
    }
    munmap((void *) copy.base, copy.length);
    free(copy.protect);
    free(copy.locked);
    return 1;
}

// Finds the view holding [address, address + length), page-rounded; 0 if there is none.
static int view_range(const void *address, SIZE_T length, struct view *out, uintptr_t *start, uintptr_t *end) {
    size_t page = page_size();
    pthread_mutex_lock(&table_lock);
    struct view *v = find_view((uintptr_t) address);
    if (v) {
        *out = *v;
    }
    pthread_mutex_unlock(&table_lock);
    if (!v) {
        return 0;
    }
    *start = (uintptr_t) address / page * page;
    *end = length == 0 ? out->base + out->length : ((uintptr_t) address + length + page - 1) / page * page;
    return *end <= out->base + out->length;
}

WINAPI BOOL FlushViewOfFile(const void *address, SIZE_T length) {
    struct view v;
    uintptr_t start, end;
    if (!view_range(address, length, &v, &start, &end)) {
        return fail(ERROR_INVALID_ADDRESS);
    }
    if (msync((void *) start, end - start, MS_ASYNC) != 0) {
        return fail(from_errno(errno));
    }
    return 1;
}

static int to_prot(DWORD p, const struct view *v, int *ok) {
    *ok = 1;
    switch (p) {
        case PAGE_NOACCESS: return PROT_NONE;
        case PAGE_READONLY: return PROT_READ;
        case PAGE_READWRITE: *ok = v->writable; return PROT_READ | PROT_WRITE;
        case PAGE_WRITECOPY: *ok = v->copy; return PROT_READ | PROT_WRITE;
        case PAGE_EXECUTE: *ok = v->executable; return PROT_EXEC;
        case PAGE_EXECUTE_READ: *ok = v->executable; return PROT_READ | PROT_EXEC;
        case PAGE_EXECUTE_READWRITE: *ok = v->executable && v->writable; return PROT_READ | PROT_WRITE | PROT_EXEC;
        case PAGE_EXECUTE_WRITECOPY: *ok = v->executable && v->copy; return PROT_READ | PROT_WRITE | PROT_EXEC;
        default: *ok = 0; return 0;
    }
}

WINAPI BOOL VirtualProtect(void *address, SIZE_T length, DWORD protect, DWORD *old) {
    struct view v;
    uintptr_t start, end;
    if (old == NULL) {
        return fail(ERROR_NOACCESS);
    }
    if (length == 0 || !view_range(address, length, &v, &start, &end)) {
        return fail(ERROR_INVALID_ADDRESS);
    }
    int ok;
    int prot = to_prot(protect, &v, &ok);
    if (!ok) {
        // fake, and Wine agrees: a view cannot gain rights its mapping did not have (write on a read view,
        // shared write on a copy-on-write view, execute without FILE_MAP_EXECUTE)
        return fail(ERROR_INVALID_PARAMETER);
    }
    if (mprotect((void *) start, end - start, prot) != 0) {
        return fail(from_errno(errno));
    }
    size_t page = page_size();
    pthread_mutex_lock(&table_lock);
    struct view *live = find_view(start);
    *old = live->protect[(start - live->base) / page];
    for (uintptr_t a = start; a < end; a += page) {
        live->protect[(a - live->base) / page] = protect;
    }
    pthread_mutex_unlock(&table_lock);
    return 1;
}

static BOOL lock_range(void *address, SIZE_T length, int lock) {
    struct view v;
    uintptr_t start, end;
    if (!view_range(address, length, &v, &start, &end)) {
        return fail(ERROR_INVALID_ADDRESS);
    }
    size_t page = page_size();
    if (lock) {
        for (uintptr_t a = start; a < end; a += page) {
            if (v.protect[(a - v.base) / page] == PAGE_NOACCESS) {
                return fail(ERROR_NOACCESS);
            }
        }
        if (mlock((void *) start, end - start) != 0) {
            return fail(ERROR_WORKING_SET_QUOTA); // Windows's limit is the working set's minimum size
        }
    } else {
        munlock((void *) start, end - start);
    }
    int all_locked = 1;
    pthread_mutex_lock(&table_lock);
    struct view *live = find_view(start);
    for (uintptr_t a = start; a < end; a += page) {
        all_locked &= live->locked[(a - live->base) / page];
        live->locked[(a - live->base) / page] = (unsigned char) lock;
    }
    pthread_mutex_unlock(&table_lock);
    if (!lock && !all_locked) {
        return fail(ERROR_NOT_LOCKED); // documented: the locked pages are unlocked all the same
    }
    return 1;
}

WINAPI BOOL VirtualLock(void *address, SIZE_T length) { return lock_range(address, length, 1); }
WINAPI BOOL VirtualUnlock(void *address, SIZE_T length) { return lock_range(address, length, 0); }

WINAPI SIZE_T VirtualQuery(const void *address, MEMORY_BASIC_INFORMATION *info, SIZE_T length) {
    if (length < sizeof(MEMORY_BASIC_INFORMATION)) {
        fail(ERROR_BAD_LENGTH);
        return 0;
    }
    size_t page = page_size();
    uintptr_t at = (uintptr_t) address / page * page;
    pthread_mutex_lock(&table_lock);
    struct view *v = find_view(at);
    if (v) {
        size_t first = (at - v->base) / page, pages = v->length / page, last = first;
        while (last < pages && v->protect[last] == v->protect[first]) {
            last++;
        }
        *info = (MEMORY_BASIC_INFORMATION) {.BaseAddress = (void *) at, .AllocationBase = (void *) v->base,
                .AllocationProtect = v->first_protect, .RegionSize = (last - first) * page, .State = MEM_COMMIT,
                .Protect = v->protect[first], .Type = MEM_MAPPED};
    }
    pthread_mutex_unlock(&table_lock);
    if (!v) {
        fail(ERROR_INVALID_PARAMETER); // fake: only views are known; Windows would describe any region
        return 0;
    }
    return sizeof(MEMORY_BASIC_INFORMATION);
}

WINAPI BOOL PrefetchVirtualMemory(HANDLE process, ULONG_PTR count, WIN32_MEMORY_RANGE_ENTRY *ranges, DWORD flags) {
    if (flags != 0) {
        return fail(ERROR_INVALID_PARAMETER); // reserved, must be 0
    }
    if (process != INVALID_HANDLE_VALUE) {
        return fail(ERROR_INVALID_HANDLE); // fake: this process only
    }
    size_t page = page_size();
    for (ULONG_PTR i = 0; i < count; i++) {
        uintptr_t start = (uintptr_t) ranges[i].VirtualAddress / page * page;
        uintptr_t end = ((uintptr_t) ranges[i].VirtualAddress + ranges[i].NumberOfBytes + page - 1) / page * page;
        if (madvise((void *) start, end - start, MADV_WILLNEED) != 0) {
            return fail(ERROR_INVALID_PARAMETER);
        }
    }
    return 1;
}

WINAPI BOOL K32QueryWorkingSetEx(HANDLE process, void *buffer, DWORD size) {
    if (process != INVALID_HANDLE_VALUE) {
        return fail(ERROR_INVALID_HANDLE);
    }
    if (size % sizeof(PSAPI_WORKING_SET_EX_INFORMATION) != 0) {
        return fail(ERROR_BAD_LENGTH);
    }
    PSAPI_WORKING_SET_EX_INFORMATION *entries = buffer;
    size_t page = page_size(), n = size / sizeof(PSAPI_WORKING_SET_EX_INFORMATION);
    for (size_t i = 0; i < n; i++) {
        uintptr_t at = (uintptr_t) entries[i].VirtualAddress / page * page;
        pthread_mutex_lock(&table_lock);
        struct view *v = find_view(at);
        DWORD protect = v ? v->protect[(at - v->base) / page] : 0;
        int shared = v ? v->shared : 0, locked = v ? v->locked[(at - v->base) / page] : 0;
        pthread_mutex_unlock(&table_lock);
        unsigned char resident = 0;
        // fake: mincore says "in the page cache"; Windows's Valid bit says "in this process's working set"
        ULONG_PTR attributes = 0;
        if (v && mincore((void *) at, page, &resident) == 0 && (resident & 1)) {
            attributes = 1 | (ULONG_PTR) (protect & 0x7FF) << 4 | (ULONG_PTR) shared << 15 | (ULONG_PTR) locked << 22;
        } else if (v) {
            attributes = (ULONG_PTR) shared << 15;
        }
        entries[i].VirtualAttributes = attributes;
    }
    return 1;
}

WINAPI void GetSystemInfo(SYSTEM_INFO *info) {
    memset(info, 0, sizeof *info);
    info->u.s.wProcessorArchitecture = 9; // PROCESSOR_ARCHITECTURE_AMD64
    info->dwPageSize = (DWORD) page_size();
    info->lpMinimumApplicationAddress = (void *) (uintptr_t) 0x10000;
    info->lpMaximumApplicationAddress = (void *) (uintptr_t) 0x7FFFFFFEFFFFull;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    info->dwNumberOfProcessors = (DWORD) cpus;
    info->dwActiveProcessorMask = cpus >= 64 ? ~0ull : (1ull << cpus) - 1;
    info->dwProcessorType = 8664; // PROCESSOR_AMD_X8664
    info->dwAllocationGranularity = GRANULARITY;
    info->wProcessorLevel = 6;
}

// ---- messages: the English text Windows gives for the codes this fake sets

static const struct { DWORD code; const char *text; } MESSAGES[] = {
    {0, "The operation completed successfully."},
    {1, "Incorrect function."},
    {2, "The system cannot find the file specified."},
    {3, "The system cannot find the path specified."},
    {4, "The system cannot open the file."},
    {5, "Access is denied."},
    {6, "The handle is invalid."},
    {8, "Not enough memory resources are available to process this command."},
    {24, "The program issued a command but the command length is incorrect."},
    {31, "A device attached to the system is not functioning."},
    {50, "The request is not supported."},
    {80, "The file exists."},
    {87, "The parameter is incorrect."},
    {112, "There is not enough space on the disk."},
    {122, "The data area passed to a system call is too small."},
    {131, "An attempt was made to move the file pointer before the beginning of the file."},
    {158, "The segment is already unlocked."},
    {183, "Cannot create a file when that file already exists."},
    {206, "The filename or extension is too long."},
    {487, "Attempt to access invalid address."},
    {998, "Invalid access to memory location."},
    {1006, "The volume for a file has been externally altered so that the opened file is no longer valid."},
    {1132, "The base address or the file offset specified does not have the proper alignment."},
    {1224, "The requested operation cannot be performed on a file with a user-mapped section open."},
    {1453, "Insufficient quota to complete the requested service."},
    {1921, "The name of the file cannot be resolved by the system."},
};

WINAPI DWORD FormatMessageW(DWORD flags, const void *source, DWORD code, DWORD language, WCHAR *buffer, DWORD size,
                     void *arguments) {
    (void) source;
    (void) language;
    (void) arguments;
    if (!(flags & FORMAT_MESSAGE_FROM_SYSTEM) || buffer == NULL) {
        fail(ERROR_INVALID_PARAMETER);
        return 0;
    }
    for (size_t i = 0; i < sizeof MESSAGES / sizeof MESSAGES[0]; i++) {
        if (MESSAGES[i].code == code) {
            const char *t = MESSAGES[i].text;
            size_t n = strlen(t);
            if (n + 3 > size) {
                fail(ERROR_INSUFFICIENT_BUFFER);
                return 0;
            }
            for (size_t j = 0; j < n; j++) {
                buffer[j] = (WCHAR) (unsigned char) t[j];
            }
            buffer[n] = '\r';
            buffer[n + 1] = '\n';
            buffer[n + 2] = 0;
            return (DWORD) n + 2;
        }
    }
    fail(ERROR_MR_MID_NOT_FOUND);
    return 0;
}

// SPDX-License-Identifier: Apache-2.0
// A FUSE file system of two read-only 1 MiB files for PageCacheToolSafetyTest: "good" reads as bytes
// of 7, and "bad" too except its second half, whose reads fail with EIO, as a failing disk's would.
#define FUSE_USE_VERSION 31
#include <fuse.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#define SIZE (1 << 20)

static int is(const char *path, const char *name) { return path[0] == '/' && strcmp(path + 1, name) == 0; }

static int fs_getattr(const char *path, struct stat *st, struct fuse_file_info *fi) {
    (void) fi;
    memset(st, 0, sizeof *st);
    if (strcmp(path, "/") == 0) { st->st_mode = S_IFDIR | 0755; st->st_nlink = 2; return 0; }
    if (is(path, "good") || is(path, "bad")) { st->st_mode = S_IFREG | 0444; st->st_nlink = 1; st->st_size = SIZE; return 0; }
    return -ENOENT;
}

static int fs_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t off, struct fuse_file_info *fi,
                      enum fuse_readdir_flags flags) {
    (void) off; (void) fi; (void) flags;
    if (strcmp(path, "/") != 0) return -ENOENT;
    fill(buf, ".", NULL, 0, 0); fill(buf, "..", NULL, 0, 0);
    fill(buf, "bad", NULL, 0, 0); fill(buf, "good", NULL, 0, 0);
    return 0;
}

static int fs_open(const char *path, struct fuse_file_info *fi) {
    if (!is(path, "good") && !is(path, "bad")) return -ENOENT;
    if ((fi->flags & O_ACCMODE) != O_RDONLY) return -EACCES;
    return 0;
}

static int fs_read(const char *path, char *buf, size_t size, off_t off, struct fuse_file_info *fi) {
    (void) fi;
    if (off >= SIZE) return 0;
    if (off + (off_t) size > SIZE) size = SIZE - off;
    if (is(path, "bad") && off + (off_t) size > SIZE / 2) return -EIO;
    memset(buf, 7, size);
    return (int) size;
}

static const struct fuse_operations ops = {
    .getattr = fs_getattr, .readdir = fs_readdir, .open = fs_open, .read = fs_read,
};

int main(int argc, char *argv[]) { return fuse_main(argc, argv, &ops, NULL); }

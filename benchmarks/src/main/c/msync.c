// SPDX-License-Identifier: Apache-2.0
/* msync: write a byte to each of the first N pages of a shared file mapping, then msync them. */
#include "bench.h"

struct ms { unsigned char *map; long length; long page; int flags; unsigned char value; };

static long dirty_sync(void *c, long reps) {
    struct ms *s = c;
    for (long r = 0; r < reps; r++) {
        unsigned char v = ++s->value;
        for (long i = 0; i < s->length; i += s->page) ((volatile unsigned char *) s->map)[i] = v;
        if (msync(s->map, (size_t) s->length, s->flags) != 0) bench_die("msync");
    }
    return reps;
}

int main(int argc, char **argv) {
    bench_init(argc, argv);
    long pages[8];
    int n = bench_list("pages", "1,256,65536", pages, 8);
    long page = sysconf(_SC_PAGESIZE);
    for (int i = 0; i < n; i++) {
        long length = pages[i] * page;
        int fd = bench_warm_file("dirty", length);
        struct ms s = {mmap(NULL, (size_t) length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), length, page, MS_SYNC, 0};
        if (s.map == MAP_FAILED) bench_die("mmap");
        char params[64];
        snprintf(params, sizeof params, "pages=%ld", pages[i]);
        bench_measure("sync", params, dirty_sync, &s, 1);
        s.flags = MS_ASYNC;
        bench_measure("async", params, dirty_sync, &s, 1);
        munmap(s.map, (size_t) length);
        close(fd);
    }
    return 0;
}

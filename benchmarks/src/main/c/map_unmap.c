// SPDX-License-Identifier: Apache-2.0
/* Map, touch (read a byte of every page) and unmap a warm file range. */
#include "bench.h"

struct mu { int fd; long size; long page; };

static long map_touch_unmap(void *c, long reps) {
    struct mu *s = c;
    long sum = 0;
    for (long r = 0; r < reps; r++) {
        volatile unsigned char *p = mmap(NULL, (size_t) s->size, PROT_READ, MAP_SHARED, s->fd, 0);
        if (p == MAP_FAILED) bench_die("mmap");
        for (long i = 0; i < s->size; i += s->page) sum += p[i];
        if (munmap((void *) p, (size_t) s->size) != 0) bench_die("munmap");
    }
    return sum;
}

int main(int argc, char **argv) {
    bench_init(argc, argv);
    long sizes[8];
    int n = bench_list("size", "4096,1048576", sizes, 8);
    for (int i = 0; i < n; i++) {
        struct mu s = {bench_warm_file("map", sizes[i]), sizes[i], sysconf(_SC_PAGESIZE)};
        char params[64];
        snprintf(params, sizeof params, "size=%ld", sizes[i]);
        bench_measure("mmap", params, map_touch_unmap, &s, 1);
        close(s.fd);
    }
    return 0;
}

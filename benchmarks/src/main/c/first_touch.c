// SPDX-License-Identifier: Apache-2.0
/* First touch: map fresh private anonymous memory, write a byte to every page, unmap. */
#include "bench.h"

struct ft { long size; long page; int flags; int advice; };

static long first_touch(void *c, long reps) {
    struct ft *s = c;
    long sum = 0;
    for (long r = 0; r < reps; r++) {
        volatile unsigned char *p = mmap(NULL, (size_t) s->size, PROT_READ | PROT_WRITE,
                                         MAP_PRIVATE | MAP_ANONYMOUS | s->flags, -1, 0);
        if (p == MAP_FAILED) bench_die("mmap");
        if (s->advice && madvise((void *) p, (size_t) s->size, s->advice) != 0 && s->advice != MADV_HUGEPAGE) {
            bench_die("madvise");
        }
        for (long i = 0; i < s->size; i += s->page) p[i] = 1;
        sum += (long) p;
        if (munmap((void *) p, (size_t) s->size) != 0) bench_die("munmap");
    }
    return sum;
}

int main(int argc, char **argv) {
    bench_init(argc, argv);
    long sizes[8];
    int n = bench_list("size", "1073741824", sizes, 8);
    for (int i = 0; i < n; i++) {
        struct ft s = {sizes[i], sysconf(_SC_PAGESIZE), 0, 0};
        char params[64];
        snprintf(params, sizeof params, "size=%ld", sizes[i]);
        bench_measure("lazy", params, first_touch, &s, 1);
        s.flags = MAP_POPULATE;
        bench_measure("populate", params, first_touch, &s, 1);
        s.flags = 0;
        s.advice = MADV_POPULATE_WRITE;
        bench_measure("populate_write", params, first_touch, &s, 1);
        s.advice = MADV_HUGEPAGE;
        bench_measure("huge_pages", params, first_touch, &s, 1);
    }
    return 0;
}

// SPDX-License-Identifier: Apache-2.0
/*
 * Dropping the middle half of a mapping: map N pages, read a byte of each, give up pages
 * [N/4, 3N/4), read a byte of each page left, unmap the rest; by partial munmap, or by unmapping
 * everything and mapping the head and the tail again.
 */
#include "bench.h"

struct pm { int fd; long length; long page; };

static long touch(const volatile unsigned char *p, long length, long page) {
    long sum = 0;
    for (long i = 0; i < length; i += page) sum += p[i];
    return sum;
}

static unsigned char *map(struct pm *s, long offset, long length) {
    unsigned char *p = mmap(NULL, (size_t) length, PROT_READ, MAP_SHARED, s->fd, offset);
    if (p == MAP_FAILED) bench_die("mmap");
    return p;
}

static void unmap(void *p, long length) {
    if (munmap(p, (size_t) length) != 0) bench_die("munmap");
}

static long partial(void *c, long reps) {
    struct pm *s = c;
    long sum = 0, head = s->length / 4, tail = 3 * s->length / 4;
    for (long r = 0; r < reps; r++) {
        unsigned char *p = map(s, 0, s->length);
        sum += touch(p, s->length, s->page);
        unmap(p + head, tail - head);
        sum += touch(p, head, s->page) + touch(p + tail, s->length - tail, s->page);
        unmap(p, head);
        unmap(p + tail, s->length - tail);
    }
    return sum;
}

static long remap(void *c, long reps) {
    struct pm *s = c;
    long sum = 0, head = s->length / 4, tail = 3 * s->length / 4;
    for (long r = 0; r < reps; r++) {
        unsigned char *p = map(s, 0, s->length);
        sum += touch(p, s->length, s->page);
        unmap(p, s->length);
        unsigned char *first = map(s, 0, head), *last = map(s, tail, s->length - tail);
        sum += touch(first, head, s->page) + touch(last, s->length - tail, s->page);
        unmap(first, head);
        unmap(last, s->length - tail);
    }
    return sum;
}

int main(int argc, char **argv) {
    bench_init(argc, argv);
    long pages[8];
    int n = bench_list("pages", "64,4096", pages, 8);
    long page = sysconf(_SC_PAGESIZE);
    for (int i = 0; i < n; i++) {
        struct pm s = {bench_warm_file("partial", pages[i] * page), pages[i] * page, page};
        char params[64];
        snprintf(params, sizeof params, "pages=%ld", pages[i]);
        bench_measure("partial", params, partial, &s, 1);
        bench_measure("remap", params, remap, &s, 1);
        close(s.fd);
    }
    return 0;
}

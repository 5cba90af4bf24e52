// SPDX-License-Identifier: Apache-2.0
/* Sequential scan: map, sum every 64-bit word, unmap; or read through a 1 MiB buffer. */
#include "bench.h"

struct scan { int fd; long size; int flags; int advice; long *buffer; };

static long sum_words(const long *w, long n) {
    long sum = 0;
    for (long i = 0; i < n; i++) {
        sum += w[i];
    }
    return sum;
}

static long map_scan(void *c, long reps) {
    struct scan *s = c;
    long sum = 0;
    for (long r = 0; r < reps; r++) {
        const long *w = mmap(NULL, (size_t) s->size, PROT_READ, MAP_SHARED | s->flags, s->fd, 0);
        if (w == MAP_FAILED) bench_die("mmap");
        if (s->advice && madvise((void *) w, (size_t) s->size, s->advice) != 0) bench_die("madvise");
        sum += sum_words(w, s->size / 8);
        if (munmap((void *) w, (size_t) s->size) != 0) bench_die("munmap");
    }
    return sum;
}

static long read_scan(void *c, long reps) {
    struct scan *s = c;
    long sum = 0;
    for (long r = 0; r < reps; r++) {
        for (long off = 0; off < s->size;) {
            ssize_t n = pread(s->fd, s->buffer, 1 << 20, off);
            if (n <= 0) break;
            off += n;
            sum += sum_words(s->buffer, n / 8);
        }
    }
    return sum;
}

int main(int argc, char **argv) {
    bench_init(argc, argv);
    long sizes[8];
    int n = bench_list("size", "67108864", sizes, 8);
    for (int i = 0; i < n; i++) {
        struct scan s = {bench_warm_file("scan", sizes[i]), sizes[i], 0, 0, malloc(1 << 20)};
        char params[64];
        snprintf(params, sizeof params, "size=%ld", sizes[i]);
        bench_measure("mmap", params, map_scan, &s, 1);
        s.advice = MADV_SEQUENTIAL;
        bench_measure("madvise_sequential", params, map_scan, &s, 1);
        s.advice = 0;
        s.flags = MAP_POPULATE;
        bench_measure("populate", params, map_scan, &s, 1);
        bench_measure("read", params, read_scan, &s, 1);
        free(s.buffer);
        close(s.fd);
    }
    return 0;
}

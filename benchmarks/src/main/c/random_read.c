// SPDX-License-Identifier: Apache-2.0
/* Random reads: 8-byte reads at xorshift positions of a warm, mapped file; per read. */
#include "bench.h"

enum { READS = 1024 };

struct rnd { int fd; long size; unsigned long mask; unsigned long state; const unsigned char *map; };

static long map_reads(void *c, long reps) {
    struct rnd *s = c;
    unsigned long x = s->state;
    long sum = 0, v;
    for (long r = 0; r < reps; r++) {
        for (int i = 0; i < READS; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            memcpy(&v, s->map + (x & s->mask), 8);
            sum += v;
        }
    }
    s->state = x;
    return sum;
}

static long pread_reads(void *c, long reps) {
    struct rnd *s = c;
    unsigned long x = s->state;
    long sum = 0, v;
    for (long r = 0; r < reps; r++) {
        for (int i = 0; i < READS; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if (pread(s->fd, &v, 8, (off_t) (x & s->mask)) != 8) bench_die("pread");
            sum += v;
        }
    }
    s->state = x;
    return sum;
}

int main(int argc, char **argv) {
    bench_init(argc, argv);
    long sizes[8];
    int n = bench_list("size", "2147483648", sizes, 8);
    for (int i = 0; i < n; i++) {
        struct rnd s = {bench_warm_file("random", sizes[i]), sizes[i], ((unsigned long) sizes[i] - 1) & ~7UL,
                        0x2545F4914F6CDD1DUL, NULL};
        s.map = mmap(NULL, (size_t) s.size, PROT_READ, MAP_SHARED, s.fd, 0);
        if (s.map == MAP_FAILED) bench_die("mmap");
        long warm = 0;
        for (long p = 0; p < s.size; p += 4096) warm += s.map[p]; /* page tables too */
        bench_sink += warm;
        char params[64];
        snprintf(params, sizeof params, "size=%ld", sizes[i]);
        bench_measure("mmap", params, map_reads, &s, READS);
        bench_measure("pread", params, pread_reads, &s, READS);
        munmap((void *) s.map, (size_t) s.size);
        close(s.fd);
    }
    return 0;
}

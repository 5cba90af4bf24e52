// SPDX-License-Identifier: Apache-2.0
/* Seed loop: seek +64, read 8 bytes, seek -32, read 8 bytes (net +48) over a warm file. */
#include "bench.h"

struct seed { int fd; long size; const unsigned char *map; };

static long lseek_read(void *c, long reps) {
    struct seed *s = c;
    long sum = 0, v;
    for (long r = 0; r < reps; r++) {
        for (long p = 0; p + 72 <= s->size; p += 48) {
            lseek(s->fd, p + 64, SEEK_SET);
            if (read(s->fd, &v, 8) != 8) bench_die("read");
            sum += v;
            lseek(s->fd, p + 40, SEEK_SET);
            if (read(s->fd, &v, 8) != 8) bench_die("read");
            sum += v;
        }
    }
    return sum;
}

static long pread_loop(void *c, long reps) {
    struct seed *s = c;
    long sum = 0, v;
    for (long r = 0; r < reps; r++) {
        for (long p = 0; p + 72 <= s->size; p += 48) {
            if (pread(s->fd, &v, 8, p + 64) != 8) bench_die("pread");
            sum += v;
            if (pread(s->fd, &v, 8, p + 40) != 8) bench_die("pread");
            sum += v;
        }
    }
    return sum;
}

static long mmap_loop(void *c, long reps) {
    struct seed *s = c;
    long sum = 0, v;
    for (long r = 0; r < reps; r++) {
        for (long p = 0; p + 72 <= s->size; p += 48) {
            memcpy(&v, s->map + p + 64, 8);
            sum += v;
            memcpy(&v, s->map + p + 40, 8);
            sum += v;
        }
        __asm__ volatile("" ::: "memory"); /* as the JVM does, read the memory again on every walk */
    }
    return sum;
}

int main(int argc, char **argv) {
    bench_init(argc, argv);
    long sizes[8];
    int n = bench_list("size", "10485760", sizes, 8);
    for (int i = 0; i < n; i++) {
        struct seed s = {bench_warm_file("seed", sizes[i]), sizes[i], NULL};
        s.map = mmap(NULL, (size_t) s.size, PROT_READ, MAP_SHARED, s.fd, 0);
        if (s.map == MAP_FAILED) bench_die("mmap");
        char params[64];
        snprintf(params, sizeof params, "size=%ld", sizes[i]);
        bench_measure("lseek_read", params, lseek_read, &s, 1);
        bench_measure("pread", params, pread_loop, &s, 1);
        bench_measure("mmap", params, mmap_loop, &s, 1);
        munmap((void *) s.map, (size_t) s.size);
        close(s.fd);
    }
    return 0;
}

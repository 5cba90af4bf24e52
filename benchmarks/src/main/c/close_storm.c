// SPDX-License-Identifier: Apache-2.0
/*
 * Close storm: the time a reader thread takes to sum every 64-bit word of a 64 MiB mapping, alone
 * ("alone") and while another thread maps, touches and unmaps one page as fast as it can ("storm").
 * What the kernel's own munmap (TLB shootdowns, the mmap lock) costs the reader, with no arena.
 */
#include "bench.h"
#include <pthread.h>

struct reader { const long *words; long n; };
struct closer { int fd; long page; volatile int stop; long sum; };

static long read_all(void *c, long reps) {
    struct reader *r = c;
    long sum = 0;
    for (long rep = 0; rep < reps; rep++) {
        for (long i = 0; i < r->n; i++) {
            sum += r->words[i];
        }
        __asm__ volatile("" ::: "memory"); /* every rep reads the mapping again */
    }
    return sum;
}

static void *close_storm(void *c) {
    struct closer *s = c;
    while (!s->stop) {
        volatile unsigned char *p = mmap(NULL, (size_t) s->page, PROT_READ, MAP_SHARED, s->fd, 0);
        if (p == MAP_FAILED) bench_die("mmap");
        s->sum += p[0];
        if (munmap((void *) p, (size_t) s->page) != 0) bench_die("munmap");
    }
    return NULL;
}

int main(int argc, char **argv) {
    bench_init(argc, argv);
    long size = 64L << 20, page = sysconf(_SC_PAGESIZE);
    int fd = bench_warm_file("data", size);
    const long *words = mmap(NULL, (size_t) size, PROT_READ, MAP_SHARED, fd, 0);
    if (words == MAP_FAILED) bench_die("mmap");
    struct reader r = {words, size / 8};
    bench_measure("alone", "", read_all, &r, 1);
    struct closer s = {bench_warm_file("page", page), page, 0, 0};
    pthread_t t;
    if (pthread_create(&t, NULL, close_storm, &s) != 0) bench_die("pthread_create");
    bench_measure("storm", "", read_all, &r, 1);
    s.stop = 1;
    pthread_join(t, NULL);
    bench_sink += s.sum;
    close(s.fd);
    munmap((void *) words, (size_t) size);
    close(fd);
    return 0;
}

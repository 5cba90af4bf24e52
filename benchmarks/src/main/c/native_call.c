// SPDX-License-Identifier: Apache-2.0
/* Native call overhead: sysconf(_SC_PAGESIZE), msync(MS_SYNC) of a clean page, madvise(MADV_WILLNEED). */
#include "bench.h"

struct calls { void *page; long size; };

static long call_sysconf(void *c, long reps) {
    (void) c;
    long sum = 0;
    for (long r = 0; r < reps; r++) {
        long v = sysconf(_SC_PAGESIZE);
        if (v <= 0) bench_die("sysconf");
        sum += v;
    }
    return sum;
}

static long call_msync(void *c, long reps) {
    struct calls *s = c;
    for (long r = 0; r < reps; r++) {
        if (msync(s->page, (size_t) s->size, MS_SYNC) != 0) bench_die("msync");
    }
    return reps;
}

static long call_madvise(void *c, long reps) {
    struct calls *s = c;
    for (long r = 0; r < reps; r++) {
        if (madvise(s->page, (size_t) s->size, MADV_WILLNEED) != 0) bench_die("madvise");
    }
    return reps;
}

int main(int argc, char **argv) {
    bench_init(argc, argv);
    long page = sysconf(_SC_PAGESIZE);
    int fd = bench_warm_file("page", page);
    struct calls s = {mmap(NULL, (size_t) page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), page};
    if (s.page == MAP_FAILED) bench_die("mmap");
    bench_sink += *(volatile char *) s.page; /* mapped in, never written: clean */
    bench_measure("sysconf", "", call_sysconf, &s, 1);
    bench_measure("msync", "", call_msync, &s, 1);
    bench_measure("madvise", "", call_madvise, &s, 1);
    munmap(s.page, (size_t) page);
    close(fd);
    return 0;
}

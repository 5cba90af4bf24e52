// SPDX-License-Identifier: Apache-2.0
/*
 * The timing harness shared by the C references. Arguments are key=value pairs: dir (where data
 * files go), warmup_ms, round_ms, rounds, and each family's parameters as comma-separated lists.
 * Each result is one line: "case=<name> <param>=<value> ns=<mean ns per op> error=<99.9% half-width>",
 * the error computed as JMH does (Student's t over the rounds; nan for one round).
 */
#ifndef MMAP4J_BENCH_H
#define MMAP4J_BENCH_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef long (*bench_op)(void *ctx, long reps); /* runs reps operations, returns a checksum */

static volatile long bench_sink;
static long bench_warmup_ms = 1000, bench_round_ms = 1000, bench_rounds = 5;
static const char *bench_dir = "/tmp";
static int bench_argc;
static char **bench_argv;

static void bench_die(const char *what) {
    fprintf(stderr, "%s: %s\n", what, strerror(errno));
    exit(1);
}

static const char *bench_arg(const char *key, const char *fallback) {
    size_t n = strlen(key);
    for (int i = 1; i < bench_argc; i++) {
        if (strncmp(bench_argv[i], key, n) == 0 && bench_argv[i][n] == '=') {
            return bench_argv[i] + n + 1;
        }
    }
    return fallback;
}

/* Parses a comma-separated list of numbers into out (at most max), returns how many. */
static inline int bench_list(const char *key, const char *fallback, long *out, int max) {
    const char *s = bench_arg(key, fallback);
    int n = 0;
    while (*s && n < max) {
        char *end;
        out[n++] = strtol(s, &end, 10);
        s = *end == ',' ? end + 1 : end;
        if (end == s && *s) {
            break;
        }
    }
    return n;
}

static void bench_init(int argc, char **argv) {
    bench_argc = argc;
    bench_argv = argv;
    bench_dir = bench_arg("dir", "/tmp");
    bench_warmup_ms = atol(bench_arg("warmup_ms", "1000"));
    bench_round_ms = atol(bench_arg("round_ms", "1000"));
    bench_rounds = atol(bench_arg("rounds", "5"));
}

static double bench_now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

/* Runs op for about ms milliseconds, returns ns per operation. */
static double bench_round(bench_op op, void *ctx, long ops_per_rep, long ms) {
    double budget = ms * 1e6, elapsed = 0;
    long reps = 1, done = 0;
    while (elapsed < budget || done == 0) {
        double t0 = bench_now_ns();
        bench_sink += op(ctx, reps);
        double t = bench_now_ns() - t0;
        elapsed += t;
        done += reps;
        if (t < 1e6 && reps < (1L << 30)) {
            reps *= 2;
        }
    }
    return elapsed / ((double) done * ops_per_rep);
}

static double bench_t999(long df) { /* Student's t, two-sided 99.9% */
    static const double t[] = {0, 636.62, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587,
                               4.437, 4.318, 4.221, 4.140, 4.073, 4.015, 3.965, 3.922, 3.883, 3.850};
    if (df <= 20) {
        return t[df];
    }
    return df <= 30 ? 3.646 : 3.291;
}

/* Warms up, measures bench_rounds rounds, prints one result line. params is "k=v k=v" or "". */
static void bench_measure(const char *name, const char *params, bench_op op, void *ctx, long ops_per_rep) {
    double scores[64];
    long rounds = bench_rounds < 1 ? 1 : bench_rounds > 64 ? 64 : bench_rounds;
    if (bench_warmup_ms > 0) {
        bench_round(op, ctx, ops_per_rep, bench_warmup_ms);
    }
    double sum = 0;
    for (long i = 0; i < rounds; i++) {
        scores[i] = bench_round(op, ctx, ops_per_rep, bench_round_ms);
        sum += scores[i];
    }
    double mean = sum / rounds, error = NAN;
    if (rounds > 1) {
        double var = 0;
        for (long i = 0; i < rounds; i++) {
            var += (scores[i] - mean) * (scores[i] - mean);
        }
        error = bench_t999(rounds - 1) * sqrt(var / (rounds - 1)) / sqrt((double) rounds);
    }
    printf("case=%s %s ns=%.6f error=%.6f\n", name, params, mean, error);
    fflush(stdout);
}

/* Writes size bytes of 64-bit words (the pattern BenchFiles writes), reads them back
 * once; returns a read-write fd of the file, whose name is already unlinked. */
static inline int bench_warm_file(const char *name, long size) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", bench_dir, name);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        bench_die(path);
    }
    unlink(path);
    enum { CHUNK = 1 << 20 };
    long *chunk = malloc(CHUNK);
    for (long i = 0; i < CHUNK / 8; i++) {
        chunk[i] = (long) ((unsigned long) (i * 8) * 0x9E3779B97F4A7C15UL);
    }
    for (long done = 0; done < size;) {
        long n = size - done < CHUNK ? size - done : CHUNK;
        ssize_t w = pwrite(fd, chunk, (size_t) n, done);
        if (w <= 0) {
            bench_die("pwrite");
        }
        done += w;
    }
    for (long done = 0; done < size;) {
        ssize_t r = pread(fd, chunk, CHUNK, done);
        if (r <= 0) {
            break;
        }
        done += r;
    }
    free(chunk);
    return fd;
}

#endif

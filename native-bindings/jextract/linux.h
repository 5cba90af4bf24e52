// SPDX-License-Identifier: Apache-2.0
/* The POSIX and Linux headers mmap4j binds on Linux. jextract reads this file; see ../README.md. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

// SPDX-License-Identifier: Apache-2.0
/** A user's module: it needs {@code io.mmap4j} and nothing else of mmap4j. */
module org.example.consumer {
    requires io.mmap4j;
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

/**
 * How {@link Mapping#sync} writes dirty pages back to the file: the typed form of {@code MS_*}.
 *
 * {@snippet :
 * mapping.sync(SyncMode.SYNC);                 // the whole mapping, wait until written
 * mapping.sync(8192, 100, SyncMode.ASYNC);     // the pages under bytes 8192..8291, schedule only
 * }
 */
public enum SyncMode {
    /** {@code MS_SYNC}: write the pages and wait until the write completes. */
    SYNC,
    /** {@code MS_ASYNC}: schedule the write and return at once. */
    ASYNC,
    /** {@code MS_INVALIDATE}: ask other mappings of the same file to see fresh values. */
    INVALIDATE,
    /** {@code MS_SYNC | MS_INVALIDATE}. */
    SYNC_INVALIDATE,
    /** {@code MS_ASYNC | MS_INVALIDATE}. */
    ASYNC_INVALIDATE
}

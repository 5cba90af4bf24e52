/**
 * Runnable scenarios on mmap4j's public API and a page-cache tool built on it;
 * {@code ./mmap4j help} lists them.
 */
module io.mmap4j.samples {
    requires io.mmap4j;
}

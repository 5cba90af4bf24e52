/** Runnable scenarios on mmap4j's public API; {@code ./mmap4j help} lists them. */
module io.mmap4j.samples {
    requires io.mmap4j;
}

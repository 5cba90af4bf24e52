// SPDX-License-Identifier: Apache-2.0
/**
 * Runnable scenarios on mmap4j's public API and a page-cache tool built on it;
 * {@code ./mmap4j help} lists them.
 */
@SuppressWarnings("requires-automatic") // JTransforms 3.1 predates modules: its jar's name gives its module name
module io.mmap4j.samples {
    requires io.mmap4j;
    requires JTransforms; // the FFT of the typed-arrays sample
}

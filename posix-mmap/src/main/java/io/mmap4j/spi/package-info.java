// SPDX-License-Identifier: Apache-2.0
/**
 * The service interface between mmap4j's API and a platform: {@link io.mmap4j.spi.Backend} and
 * the {@link io.mmap4j.spi.BackendProvider} that {@link java.util.ServiceLoader} finds. Exported
 * only to the modules that implement it; not an API for applications.
 */
package io.mmap4j.spi;

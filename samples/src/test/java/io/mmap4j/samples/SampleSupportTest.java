// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SampleSupportTest {
    @Test
    void sizesReadWithOrWithoutAUnit() {
        assertEquals(4096, SampleSupport.parseSize("4096"));
        assertEquals(256L << 20, SampleSupport.parseSize("256m"));
        assertEquals(256L << 20, SampleSupport.parseSize("256MiB"));
        assertEquals(8L << 30, SampleSupport.parseSize("8g"));
        assertEquals(8L << 30, SampleSupport.parseSize("8G"));
        assertThrows(IllegalArgumentException.class, () -> SampleSupport.parseSize("0"));
        assertThrows(IllegalArgumentException.class, () -> SampleSupport.parseSize("-1m"));
        assertThrows(IllegalArgumentException.class, () -> SampleSupport.parseSize("lots"));
        assertThrows(IllegalArgumentException.class, () -> SampleSupport.parseSize("99999999999g"));
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks.report;

import java.util.Map;

/**
 * One measured figure: a JMH benchmark method or a C reference case, with its parameters.
 *
 * @param family  the benchmark family, for example {@code SequentialScan}
 * @param variant the JMH method name, or the C case name
 * @param c       whether this is a C reference
 * @param params  parameter name to value, in declaration order
 * @param nanos   mean time per operation in nanoseconds
 * @param error   the 99.9% confidence half-width in nanoseconds (NaN when there is one sample)
 */
record Row(String family, String variant, boolean c, Map<String, String> params, double nanos, double error) {
    /** {@return whether the row measures mmap4j (or the FFM call that mmap4j makes)} */
    boolean isMmap4j() {
        return !c && (variant.startsWith("mmap4j") || variant.startsWith("ffm"));
    }

    /** {@return whether the row measures a Java alternative to mmap4j} */
    boolean isJavaAlternative() {
        return !c && !isMmap4j();
    }
}

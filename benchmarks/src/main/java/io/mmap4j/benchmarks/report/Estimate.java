// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks.report;

import java.util.Locale;

/**
 * A figure with the interval it lies in: a measured time (its mean and 99.9% confidence interval),
 * or a ratio or difference of such figures.
 *
 * <p>Intervals combine conservatively, by interval arithmetic: {@code a / b} lies in
 * {@code [a.low / b.high, a.high / b.low]} and {@code a - b} in {@code [a.low - b.high, a.high - b.low]}.
 * Each input interval holds its true value with 99.9% confidence, so the result holds its true value
 * with at least 99.8% (two inputs) or 99.7% (three), whatever the errors' distribution; adding
 * relative errors in quadrature would give narrower intervals but assumes independent, normal
 * errors. A divisor whose interval reaches zero makes the quotient unbounded, and a figure measured
 * once (no error) has the interval [0, ∞): neither can meet or miss a target.
 *
 * @param value the point estimate
 * @param low   the interval's lower end (may be {@code -∞})
 * @param high  the interval's upper end (may be {@code +∞})
 */
record Estimate(double value, double low, double high) {
    /** {@return a row's time: its mean, the confidence interval clipped at zero, [0, ∞) without an error} */
    static Estimate of(Row r) {
        return time(r.nanos(), r.error());
    }

    /** {@return a time of {@code nanos} ± {@code error}, clipped at zero; [0, ∞) when the error is NaN} */
    static Estimate time(double nanos, double error) {
        if (Double.isNaN(error)) {
            return new Estimate(nanos, 0, Double.POSITIVE_INFINITY);
        }
        return new Estimate(nanos, Math.max(0, nanos - error), nanos + error);
    }

    /** {@return this divided by a positive figure; the quotient's interval is unbounded above when the divisor's reaches zero} */
    Estimate over(Estimate divisor) {
        if (low < 0) {
            throw new IllegalArgumentException("only non-negative figures are divided here: " + this);
        }
        double high = divisor.low > 0 ? this.high / divisor.low : Double.POSITIVE_INFINITY;
        double low = divisor.high == Double.POSITIVE_INFINITY ? 0 : this.low / divisor.high;
        return new Estimate(value / divisor.value, low, high);
    }

    /** {@return this minus another figure} */
    Estimate minus(Estimate other) {
        return new Estimate(value - other.value, low - other.high, high - other.low);
    }

    /** {@return this times a non-negative factor} */
    Estimate times(double factor) {
        if (factor < 0) {
            throw new IllegalArgumentException("factor must not be negative: " + factor);
        }
        return new Estimate(value * factor, low * factor, high * factor);
    }

    /** {@return whether the figure is at most {@code bound}: met, missed, or inconclusive when its interval holds the bound} */
    Verdict atMost(double bound) {
        return high <= bound ? Verdict.MET : low > bound ? Verdict.MISSED : Verdict.INCONCLUSIVE;
    }

    /** {@return whether the figure is at least {@code bound}: met, missed, or inconclusive when its interval holds the bound} */
    Verdict atLeast(double bound) {
        return low >= bound ? Verdict.MET : high < bound ? Verdict.MISSED : Verdict.INCONCLUSIVE;
    }

    /** {@return the interval alone, as "[0.950, 1.12]", each end with three significant digits} */
    String interval() {
        return "[" + end(low) + ", " + end(high) + "]";
    }

    private static String end(double v) {
        return Double.isInfinite(v) ? (v > 0 ? "∞" : "−∞") : Report.significant(v);
    }

    /** {@return the ratio and its interval, as "1.03× [0.950, 1.12]"} */
    String asRatio() {
        return Report.significant(value) + "× " + interval();
    }

    /** {@return a time and its interval, as "9.20 ns [6.10, 12.3]", the interval in the value's unit} */
    String asTime() {
        String v = Report.time(value);
        String unit = v.substring(v.indexOf(' ') + 1);
        double scale = switch (unit) {
            case "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> 1;
        };
        return v + " " + new Estimate(value / scale, low / scale, high / scale).interval();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%g [%g, %g]", value, low, high);
    }

    /** Whether a target is reached, judged by the whole interval. */
    enum Verdict {
        /** The whole interval is within the bound. */
        MET("met"),
        /** The interval holds the bound: the run cannot tell. */
        INCONCLUSIVE("inconclusive"),
        /** The whole interval is beyond the bound. */
        MISSED("**missed**");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        /** {@return how the report prints it} */
        String label() {
            return label;
        }
    }
}

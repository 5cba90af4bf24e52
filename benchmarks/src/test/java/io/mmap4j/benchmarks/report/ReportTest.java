// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's arithmetic and verdicts, on small synthetic rows. */
class ReportTest {
    private static Row java(String family, String variant, double nanos, double error) {
        return new Row(family, variant, false, Map.of(), nanos, error);
    }

    private static Row c(String family, String variant, double nanos, double error) {
        return new Row(family, variant, true, Map.of(), nanos, error);
    }

    @Test
    void aRatioSpansTheQuotientsOfTheIntervalsEnds() {
        Estimate r = Estimate.time(12, 2).over(Estimate.time(10, 1));
        assertEquals(1.2, r.value(), 1e-12);
        assertEquals(10.0 / 11, r.low(), 1e-12);
        assertEquals(14.0 / 9, r.high(), 1e-12);
    }

    @Test
    void aDivisorWhoseIntervalReachesZeroMakesTheRatioUnbounded() {
        Estimate r = Estimate.time(6.64, 1).over(Estimate.time(6.64, 7.46));
        assertEquals(Double.POSITIVE_INFINITY, r.high());
        assertEquals(Estimate.Verdict.INCONCLUSIVE, r.atMost(1.1));
        assertEquals(Estimate.Verdict.INCONCLUSIVE, r.atLeast(0.95));
    }

    @Test
    void aFigureWithoutAnErrorCanNeitherMeetNorMiss() {
        Estimate r = Estimate.time(1, Double.NaN).over(Estimate.time(10, 0.1));
        assertEquals(Estimate.Verdict.INCONCLUSIVE, r.atMost(2));
        assertEquals(Estimate.Verdict.INCONCLUSIVE, r.atMost(0.001));
    }

    @Test
    void aDifferenceSpansFromLowMinusHighToHighMinusLow() {
        Estimate d = Estimate.time(50, 5).minus(Estimate.time(3, 1));
        assertEquals(47, d.value(), 1e-12);
        assertEquals(41, d.low(), 1e-12);
        assertEquals(53, d.high(), 1e-12);
    }

    @Test
    void aTargetIsMetOnlyWhenTheWholeIntervalIsInsideTheBound() {
        assertEquals(Estimate.Verdict.MET, new Estimate(1.0, 0.9, 1.1).atMost(1.1));
        assertEquals(Estimate.Verdict.INCONCLUSIVE, new Estimate(1.0, 0.9, 1.11).atMost(1.1));
        assertEquals(Estimate.Verdict.INCONCLUSIVE, new Estimate(1.2, 1.05, 1.3).atMost(1.1));
        assertEquals(Estimate.Verdict.MISSED, new Estimate(1.2, 1.11, 1.3).atMost(1.1));
        assertEquals(Estimate.Verdict.MET, new Estimate(25, 20, 30).atLeast(20));
        assertEquals(Estimate.Verdict.INCONCLUSIVE, new Estimate(25, 19, 30).atLeast(20));
        assertEquals(Estimate.Verdict.MISSED, new Estimate(15, 10, 19.9).atLeast(20));
    }

    @Test
    void aPointEstimateInsideTheBoundWithAWideErrorIsInconclusiveNotMet() {
        // issue 11's example: the 64 MiB scan at 6.64 ± 7.46 ms against C
        List<Row> rows = List.of(
                new Row("SequentialScan", "mmap", true, Map.of("size", "67108864"), 7.2e6, 0.3e6),
                new Row("SequentialScan", "mmap4jPlain", false, Map.of("size", "67108864"), 6.64e6, 7.46e6),
                new Row("SequentialScan", "fileChannelMapSegment", false, Map.of("size", "67108864"), 7.29e6, 0.33e6));
        String md = Report.targets(rows);
        assertTrue(md.contains("mmap4jPlain speed ≥ 0.95 × C mmap | 1.08× [0.489, ∞] | inconclusive |"), md);
    }

    @Test
    void targetsReportMetMissedAndInconclusiveFromTheIntervals() {
        Map<String, String> onePage = Map.of("size", "4096");
        List<Row> rows = List.of(
                new Row("MapUnmap", "mmap", true, onePage, 3600, 100),
                new Row("MapUnmap", "mmap4j", false, onePage, 89000, 2000),
                new Row("MapUnmap", "mmap4jConfined", false, onePage, 4000, 100),
                new Row("MapUnmap", "mmap4jGrouped64", false, onePage, 7000, 300));
        String md = Report.targets(rows);
        assertTrue(md.contains("mmap4j (default, shared arena) time ≤ 1.5 × C | 24.7× [23.5, 26.0] | **missed** |"), md);
        assertTrue(md.contains("mmap4jConfined time ≤ 1.2 × C | 1.11× [1.05, 1.17] | met |"), md);
        assertTrue(md.contains("mmap4jGrouped64 time per member ≤ 2 × C | 1.94× [1.81, 2.09] | inconclusive |"), md);
    }

    @Test
    void theOverheadIsTheTimeAboveCsWithBothErrors() {
        Estimate o = Report.overhead(java("NativeCall", "ffmSysconf", 12, 1), c("NativeCall", "sysconf", 2.8, 0.2));
        assertEquals(9.2, o.value(), 1e-12);
        assertEquals(8.0, o.low(), 1e-12);
        assertEquals(10.4, o.high(), 1e-12);
    }

    @Test
    void theOverheadMarginCountsCsErrorOnce() {
        // m - j/5 - 0.8 c, each term at the end of its interval that makes the margin lowest, then highest
        Estimate margin = Report.overheadMargin(java("NativeCall", "ffmSysconf", 12, 2),
                java("NativeCall", "jnaDirectSysconf", 56.7, 2), c("NativeCall", "sysconf", 2.8, 0.2));
        assertEquals(12 - 56.7 / 5 - 0.8 * 2.8, margin.value(), 1e-9);
        assertEquals(10 - 58.7 / 5 - 0.8 * 3.0, margin.low(), 1e-9);
        assertEquals(14 - 54.7 / 5 - 0.8 * 2.6, margin.high(), 1e-9);
        assertEquals(Estimate.Verdict.INCONCLUSIVE, margin.atMost(0));
    }

    @Test
    void nativeCallOverheadTargetsAreMetMissedOrInconclusiveByTheMargin() {
        List<Row> rows = List.of(
                c("NativeCall", "sysconf", 2.8, 0.1), java("NativeCall", "ffmSysconf", 8, 0.5),
                java("NativeCall", "jnaDirectSysconf", 56.7, 1),
                c("NativeCall", "madvise", 210, 5), java("NativeCall", "mmap4jMadvise", 242, 5),
                java("NativeCall", "jnaDirectMadvise", 318, 5),
                c("NativeCall", "msync", 63000, 8000), java("NativeCall", "mmap4jMsync", 60700, 9000),
                java("NativeCall", "jnaDirectMsync", 62000, 9000));
        String md = Report.overheads(rows);
        List<String> lines = md.lines().filter(l -> l.startsWith("| sysconf") || l.startsWith("| madvise")
                || l.startsWith("| msync")).toList();
        assertEquals(3, lines.size(), md);
        assertTrue(lines.get(0).endsWith("| met |"), lines.get(0));
        assertTrue(lines.get(1).endsWith("| **missed** |"), lines.get(1));
        assertTrue(lines.get(2).endsWith("| inconclusive |"), lines.get(2));
        assertTrue(lines.get(0).contains("| 5.20 ns [4.60, 5.80] |"), lines.get(0));
    }

    @Test
    void theCloseStormComparesEachReaderWithTheReaderAlone() {
        List<Row> rows = List.of(java("CloseStorm", "readerAlone", 6e6, 0.1e6),
                java("CloseStorm", "mmap4jGrouped64", 6.1e6, 0.05e6), java("CloseStorm", "mmap4jDefault", 9e6, 1e6));
        String md = Report.targets(rows);
        assertTrue(md.contains("close storm, mmap4jGrouped64: reader's time ≤ 1.05 × without a closer | 1.02× [0.992, 1.04] | met |"), md);
        assertTrue(md.contains("| mmap4jDefault | 9.00 ms [8.00, 10.0] | 1.50× [1.31, 1.69] |"), md);
    }

    @Test
    void everyRatioInTheTablesCarriesItsInterval() {
        List<Row> rows = List.of(c("RandomRead", "mmap", 35.8, 0.5), java("RandomRead", "mmap4j", 36.5, 1.0),
                java("RandomRead", "fileChannelMapSegment", 34.6, 0.6));
        String md = Report.markdown(rows, RunMode.QUICK, java.nio.file.Path.of("."));
        assertTrue(md.contains("| **mmap4j** |  | 36.5 ns | 1.00 ns | 1.02× [0.978, 1.06] (mmap) | 1.05× [1.01, 1.10] |"), md);
        assertTrue(md.contains("quick: 2 forks"), md);
    }
}

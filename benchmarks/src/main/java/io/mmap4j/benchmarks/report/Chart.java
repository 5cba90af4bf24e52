package io.mmap4j.benchmarks.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The chart: one panel per family and parameter set, each Java variant's time relative to C's. */
final class Chart {
    private static final int COLUMNS = 4;

    private Chart() {
    }

    static void write(List<Row> rows, Path png) throws IOException {
        Map<String, List<Row>> panels = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!r.c() && Report.cRow(rows, r) != null) {
                panels.computeIfAbsent(r.family() + " " + label(r.params()), k -> new ArrayList<>()).add(r);
            }
        }
        List<CategoryChart> charts = new ArrayList<>();
        panels.forEach((title, panel) -> {
            CategoryChart chart = new CategoryChartBuilder().width(560).height(420).title(title)
                    .yAxisTitle("time / C (log)").build();
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setXAxisLabelRotation(40);
            chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(13f));
            List<String> names = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (Row r : panel) {
                names.add(r.variant());
                ratios.add(Math.max(1e-3, r.nanos() / Report.cRow(rows, r).nanos()));
            }
            chart.getStyler().setYAxisMin(Math.min(0.5, ratios.stream().mapToDouble(d -> d).min().orElse(1) / 2));
            chart.getStyler().setYAxisMax(Math.max(2.0, ratios.stream().mapToDouble(d -> d).max().orElse(1) * 2));
            chart.addSeries("time / C", names, ratios);
            charts.add(chart);
        });
        if (charts.isEmpty()) {
            CategoryChart empty = new CategoryChartBuilder().width(560).height(420).title("no results").build();
            empty.addSeries("none", List.of("none"), List.of(1.0));
            charts.add(empty);
        }
        // a grid of panels; XChart's own grid needs exactly rows x columns charts, so compose it here
        int columns = Math.min(COLUMNS, charts.size());
        int rowsOfCharts = (charts.size() + columns - 1) / columns;
        BufferedImage grid = new BufferedImage(columns * 560, rowsOfCharts * 420, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % columns) * 560, (i / columns) * 420, null);
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(grid, "png", png.toFile())) {
            throw new IOException("no PNG writer for " + png);
        }
    }

    private static String label(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k.equals("size") ? Report.bytes(v) : k + "=" + v));
        return String.join(" ", parts);
    }
}

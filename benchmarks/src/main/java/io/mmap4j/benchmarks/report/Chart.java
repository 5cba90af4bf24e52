// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.benchmarks.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.TexturePaint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart: one panel per family and parameter set, each Java variant's time over C's as a
 * horizontal bar on a logarithmic axis, with the ratio's interval as an error bar. mmap4j's bars
 * are solid orange; the alternatives' are hatched grey; the line at 1 is C.
 */
final class Chart {
    private static final int COLUMNS = 4;
    private static final int WIDTH = 560;
    private static final int HEIGHT = 420;
    private static final int LABELS = 200;
    private static final Color MMAP4J = new Color(0xE6, 0x61, 0x00);
    private static final Color ALTERNATIVE = new Color(0x8C, 0x8C, 0x8C);

    private Chart() {
    }

    /** One bar: a variant's ratio to C with its interval. */
    record Bar(String label, Estimate ratio, boolean mmap4j) {
    }

    static void write(List<Row> rows, Path png) throws IOException {
        Map<String, List<Bar>> panels = new LinkedHashMap<>();
        for (Row r : rows) {
            Row c = r.c() ? null : Report.cRow(rows, r);
            if (c != null) {
                panels.computeIfAbsent(r.family() + " " + label(r.params()), k -> new ArrayList<>())
                        .add(new Bar(r.variant(), Estimate.of(r).over(Estimate.of(c)), r.isMmap4j()));
            }
        }
        int columns = Math.max(1, Math.min(COLUMNS, panels.size()));
        int rowsOfPanels = Math.max(1, (panels.size() + columns - 1) / columns);
        BufferedImage image = new BufferedImage(columns * WIDTH, rowsOfPanels * HEIGHT + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            legend(g);
            int i = 0;
            for (var panel : panels.entrySet()) {
                panel(g, panel.getKey(), panel.getValue(), (i % columns) * WIDTH, 40 + (i / columns) * HEIGHT);
                i++;
            }
            if (panels.isEmpty()) {
                g.setColor(Color.BLACK);
                g.drawString("no results", 20, 80);
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer for " + png);
        }
    }

    private static void legend(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.setPaint(MMAP4J);
        g.fillRect(20, 14, 28, 14);
        g.setPaint(hatch());
        g.fillRect(150, 14, 28, 14);
        g.setColor(Color.BLACK);
        g.drawString("mmap4j", 56, 26);
        g.drawString("alternatives (JDK, JNA)", 186, 26);
        g.drawString("bar: time / C's time for the same work (log scale; 1 = C, the dashed line); "
                + "whisker: the ratio's interval, ▸ where unbounded", 390, 26);
    }

    private static void panel(Graphics2D g, String title, List<Bar> bars, int x0, int y0) {
        double min = 1, max = 1;
        for (Bar b : bars) {
            min = Math.min(min, finiteOr(b.ratio().low(), b.ratio().value()));
            max = Math.max(max, finiteOr(b.ratio().high(), b.ratio().value()));
        }
        double lo = Math.log10(Math.max(1e-3, min / 1.5));
        double hi = Math.log10(max * 1.5);
        int left = x0 + LABELS, right = x0 + WIDTH - 20, top = y0 + 30, bottom = y0 + HEIGHT - 40;
        g.setColor(new Color(0xF4, 0xF4, 0xF4));
        g.drawRect(x0 + 4, y0 + 4, WIDTH - 8, HEIGHT - 8);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, x0 + 12, y0 + 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        // ticks at 1, 2, 5 times powers of ten
        for (int e = (int) Math.floor(lo); e <= Math.ceil(hi); e++) {
            for (int m : new int[]{1, 2, 5}) {
                double v = m * Math.pow(10, e);
                double l = Math.log10(v);
                if (l < lo || l > hi || (m != 1 && hi - lo > 3)) {
                    continue;
                }
                int x = scale(l, lo, hi, left, right);
                g.setColor(new Color(0xDD, 0xDD, 0xDD));
                g.drawLine(x, top, x, bottom);
                g.setColor(Color.DARK_GRAY);
                String label = v >= 1 ? String.valueOf((long) v) : Report.significant(v);
                g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, bottom + 14);
            }
        }
        g.drawString("time / C", (left + right) / 2 - 20, bottom + 30);
        double slot = (bottom - top) / (double) bars.size();
        int height = (int) Math.max(4, Math.min(22, slot * 0.7));
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = (int) (top + i * slot + (slot - height) / 2);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, b.mmap4j() ? Font.BOLD : Font.PLAIN, 11));
            String name = b.label().length() > 30 ? b.label().substring(0, 29) + "…" : b.label();
            g.drawString(name, left - 6 - g.getFontMetrics().stringWidth(name), y + height / 2 + 4);
            int end = scale(Math.log10(Math.max(b.ratio().value(), 1e-3)), lo, hi, left, right);
            g.setPaint(b.mmap4j() ? MMAP4J : hatch());
            g.fillRect(left, y, Math.max(1, end - left), height);
            g.setColor(b.mmap4j() ? MMAP4J.darker() : ALTERNATIVE.darker());
            g.drawRect(left, y, Math.max(1, end - left), height);
            // the whisker: the ratio's interval
            int mid = y + height / 2;
            int from = scale(Math.log10(Math.max(b.ratio().low(), Math.pow(10, lo))), lo, hi, left, right);
            boolean unbounded = !Double.isFinite(b.ratio().high()) || Math.log10(b.ratio().high()) > hi;
            int to = unbounded ? right : scale(Math.log10(b.ratio().high()), lo, hi, left, right);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1.5f));
            g.drawLine(from, mid, to, mid);
            g.drawLine(from, mid - height / 3, from, mid + height / 3);
            if (unbounded) {
                g.fillPolygon(new int[]{to, to - 7, to - 7}, new int[]{mid, mid - 4, mid + 4}, 3);
            } else {
                g.drawLine(to, mid - height / 3, to, mid + height / 3);
            }
            g.setStroke(new BasicStroke(1f));
        }
        int one = scale(0, lo, hi, left, right);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{5, 4}, 0));
        g.drawLine(one, top - 4, one, bottom);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(left, bottom, right, bottom);
    }

    private static double finiteOr(double v, double fallback) {
        return Double.isFinite(v) && v > 0 ? v : fallback;
    }

    private static int scale(double log, double lo, double hi, int left, int right) {
        return (int) Math.round(left + (log - lo) / (hi - lo) * (right - left));
    }

    /** {@return grey diagonal hatching: the alternatives' fill, distinct from mmap4j's in colour and in print} */
    private static TexturePaint hatch() {
        BufferedImage tile = new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB);
        Graphics2D t = tile.createGraphics();
        try {
            t.setColor(new Color(0xE6, 0xE6, 0xE6));
            t.fillRect(0, 0, 6, 6);
            t.setColor(ALTERNATIVE);
            t.drawLine(0, 5, 5, 0);
        } finally {
            t.dispose();
        }
        return new TexturePaint(tile, new Rectangle(0, 0, 6, 6));
    }

    private static String label(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k.equals("size") ? Report.bytes(v) : k + "=" + v));
        return String.join(" ", parts);
    }
}

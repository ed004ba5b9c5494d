package io.qdse.reports.internal;

import io.qdse.reports.chart.Axis;
import io.qdse.reports.chart.BarChart;
import io.qdse.reports.chart.BarPanel;
import io.qdse.reports.chart.BarSeries;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.chart.XyChart;
import io.qdse.reports.chart.XySeries;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextBlock;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The one JFreeChart adapter: turns a {@link ChartSpec} into a JFreeChart and draws it to PNG or SVG. Fixed fonts
 * (the JDK's logical {@code SansSerif}), fixed colours and no timestamps, so the same spec gives the same bytes.
 */
public final class JFreeCharts {
    private static final String FAMILY = Font.SANS_SERIF;
    private static final Font TITLE = new Font(FAMILY, Font.BOLD, 17);
    private static final Font SUBTITLE = new Font(FAMILY, Font.PLAIN, 12);
    private static final Font AXIS = new Font(FAMILY, Font.BOLD, 13);
    private static final Font TICK = new Font(FAMILY, Font.PLAIN, 12);
    private static final Font SMALL_TICK = new Font(FAMILY, Font.PLAIN, 11);
    private static final Font LEGEND = new Font(FAMILY, Font.PLAIN, 12);
    private static final Color GRID = new Color(215, 215, 215);
    /** Tableau 10, without its red (kept for fronts). */
    private static final Color[] PALETTE = {new Color(78, 121, 167), new Color(242, 142, 43),
        new Color(89, 161, 79), new Color(118, 183, 178), new Color(237, 201, 72), new Color(176, 122, 161),
        new Color(255, 157, 167), new Color(156, 117, 95), new Color(186, 176, 172), new Color(225, 87, 89)};
    private static final Color FRONT = new Color(214, 39, 40);
    private static final Color FADED = new Color(78, 121, 167, 80);
    private static final Color INFEASIBLE = new Color(140, 140, 140, 150);
    private static final Color REFERENCE = new Color(80, 80, 80);

    private JFreeCharts() {
    }

    /** @return the chart as PNG bytes */
    public static byte[] png(ChartSpec spec) {
        JFreeChart chart = chart(spec);
        BufferedImage img = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            chart.draw(g, new Rectangle2D.Double(0, 0, spec.width(), spec.height()));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @return the chart as an SVG document (definition ids prefixed with the chart id) */
    public static String svg(ChartSpec spec) {
        JFreeChart chart = chart(spec);
        SVGGraphics2D g = new SVGGraphics2D(spec.width(), spec.height());
        g.setDefsKeyPrefix(spec.id() + "-");
        chart.draw(g, new Rectangle2D.Double(0, 0, spec.width(), spec.height()));
        return g.getSVGDocument() + "\n";
    }

    static JFreeChart chart(ChartSpec spec) {
        JFreeChart c;
        if (spec instanceof XyChart x) {
            c = xy(x);
        } else if (spec instanceof BarChart b) {
            c = bars(b);
        } else {
            throw new IllegalArgumentException("unknown chart spec " + spec);
        }
        c.setBackgroundPaint(Color.WHITE);
        c.setTextAntiAlias(true);
        c.setAntiAlias(true);
        c.setPadding(new RectangleInsets(6, 8, 6, 14));
        TextTitle t = new TextTitle(spec.title(), TITLE);
        c.setTitle(t);
        if (!spec.subtitle().isEmpty()) {
            TextTitle s = new TextTitle(spec.subtitle(), SUBTITLE);
            s.setPaint(new Color(70, 70, 70));
            s.setPadding(new RectangleInsets(2, 4, 6, 4));
            c.addSubtitle(s);
        }
        LegendTitle legend = c.getLegend();
        if (legend != null) {
            legend.setItemFont(LEGEND);
            legend.setFrame(BlockBorder.NONE);
        }
        return c;
    }

    // ---- XY ----

    private static JFreeChart xy(XyChart spec) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        int colour = 0;
        Map<String, Integer> names = new HashMap<>();
        for (XySeries s : spec.series()) {
            String key = s.name();
            int dup = names.merge(key, 1, Integer::sum);
            if (dup > 1) {
                key = key + " ".repeat(dup - 1); // series keys must be distinct; the legend reads the same
            }
            XYSeries xs = new XYSeries(key, false, true);
            double[] x = s.x();
            double[] y = s.y();
            List<String> drawnLabels = new java.util.ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (drawable(x[i], spec.x()) && drawable(y[i], spec.y())) {
                    xs.add(x[i], y[i], false);
                    if (!s.labels().isEmpty()) {
                        drawnLabels.add(s.labels().get(i));
                    }
                }
            }
            int i = data.getSeriesCount();
            data.addSeries(xs);
            if (!drawnLabels.isEmpty()) {
                // a label above each point, in the series' own order (points that cannot be drawn are skipped)
                r.setSeriesItemLabelGenerator(i, (ds, row, item) -> item < drawnLabels.size() ? drawnLabels.get(item)
                        : null);
                r.setSeriesItemLabelsVisible(i, true);
                r.setSeriesItemLabelFont(i, SMALL_TICK);
                r.setSeriesItemLabelPaint(i, new Color(40, 40, 40));
                r.setSeriesPositiveItemLabelPosition(i, new org.jfree.chart.labels.ItemLabelPosition(
                        org.jfree.chart.labels.ItemLabelAnchor.OUTSIDE12, org.jfree.chart.ui.TextAnchor.BOTTOM_CENTER));
                r.setSeriesNegativeItemLabelPosition(i, new org.jfree.chart.labels.ItemLabelPosition(
                        org.jfree.chart.labels.ItemLabelAnchor.OUTSIDE12, org.jfree.chart.ui.TextAnchor.BOTTOM_CENTER));
            }
            switch (s.style()) {
                case FADED:
                    style(r, i, FADED, circle(6), false, null);
                    break;
                case INFEASIBLE:
                    style(r, i, INFEASIBLE, ShapeUtils.createDiagonalCross(3.5f, 0.6f), false, null);
                    break;
                case FRONT:
                    style(r, i, FRONT, circle(9), true, new BasicStroke(2.2f));
                    break;
                case HIGHLIGHT:
                    style(r, i, FRONT, circle(9), false, null);
                    break;
                case REFERENCE:
                    style(r, i, REFERENCE, null, true, new BasicStroke(1.4f, BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
                    break;
                case BOUND:
                    style(r, i, Color.BLACK, null, true, new BasicStroke(2.6f));
                    break;
                case POINTS:
                default:
                    style(r, i, PALETTE[colour++ % PALETTE.length], circle(7), false, null);
                    break;
            }
        }
        ValueAxis xa = axis(spec.x(), span(data, true));
        ValueAxis ya = axis(spec.y(), span(data, false));
        XYPlot plot = new XYPlot(data, xa, ya, r);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        plain(plot);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        JFreeChart c = new JFreeChart(null, TITLE, plot, spec.series().size() > 1);
        return c;
    }

    private static boolean drawable(double v, Axis a) {
        return Double.isFinite(v) && (!a.log() || v > 0);
    }

    private static Shape circle(double d) {
        return new Ellipse2D.Double(-d / 2, -d / 2, d, d);
    }

    private static void style(XYLineAndShapeRenderer r, int i, Paint paint, Shape shape, boolean line,
                              BasicStroke stroke) {
        r.setSeriesPaint(i, paint);
        r.setSeriesShapesVisible(i, shape != null);
        if (shape != null) {
            r.setSeriesShape(i, shape);
        }
        r.setSeriesLinesVisible(i, line);
        if (stroke != null) {
            r.setSeriesStroke(i, stroke);
        }
        r.setSeriesShapesFilled(i, true);
    }

    /** @return max / min of the drawn values on one axis (1 when nothing is drawn) */
    private static double span(XYSeriesCollection data, boolean x) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            XYSeries xs = data.getSeries(s);
            for (int i = 0; i < xs.getItemCount(); i++) {
                double v = x ? xs.getX(i).doubleValue() : xs.getY(i).doubleValue();
                if (v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return max > 0 ? max / min : 1;
    }

    private static ValueAxis axis(Axis a, double span) {
        ValueAxis v;
        if (a.log()) {
            LogAxis l = new LogAxis(a.title());
            l.setSmallestValue(1e-30);
            l.setNumberFormatOverride(new SiFormat());
            l.setMinorTickMarksVisible(true);
            if (span >= 20) {
                // one labelled tick per decade (1, 10, 100, 1k), minor ticks between
                l.setAutoTickUnitSelection(false);
                l.setTickUnit(new NumberTickUnit(span > 1e9 ? 2 : 1, new SiFormat(), 9));
            }
            v = l;
        } else {
            NumberAxis n = new NumberAxis(a.title());
            n.setAutoRangeIncludesZero(false);
            n.setNumberFormatOverride(new SiFormat());
            v = n;
        }
        v.setLabelFont(AXIS);
        v.setTickLabelFont(TICK);
        return v;
    }

    // ---- bars ----

    private static JFreeChart bars(BarChart spec) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < spec.categories().size(); i++) {
            index.put(spec.categories().get(i), i);
        }
        CategoryAxis dom = new ThinnedCategoryAxis(spec.categoryLabel(), index, spec.labelEvery());
        dom.setLabelFont(AXIS);
        dom.setTickLabelFont(spec.categories().size() > 40 ? SMALL_TICK : TICK);
        dom.setCategoryMargin(spec.categories().size() > 40 ? 0.12 : 0.2);
        dom.setLowerMargin(0.01);
        dom.setUpperMargin(0.01);
                PlotOrientation o = spec.horizontal() ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL;
        if (spec.horizontal()) {
            dom.setMaximumCategoryLabelLines(1);
            dom.setMaximumCategoryLabelWidthRatio(0.42f);
        } else if (rotateLabels(spec.categories(), spec.width())) {
            dom.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
            dom.setMaximumCategoryLabelWidthRatio(0.9f);
        } else {
            dom.setMaximumCategoryLabelLines(2);
        }
        Map<String, Color> paints = new LinkedHashMap<>();
        for (BarPanel p : spec.panels()) {
            for (BarSeries s : p.series()) {
                paints.computeIfAbsent(s.name(), k -> PALETTE[paints.size() % PALETTE.length]);
            }
        }
        CategoryPlot plot;
        if (spec.panels().size() == 1) {
            plot = panel(spec, spec.panels().get(0), paints);
            plot.setDomainAxis(dom);
        } else {
            CombinedDomainCategoryPlot comb = new CombinedDomainCategoryPlot(dom);
            comb.setGap(spec.horizontal() ? 30 : 14);
            for (BarPanel p : spec.panels()) {
                comb.add(panel(spec, p, paints), 1);
            }
            plot = comb;
        }
        plot.setOrientation(o);
        LegendItemCollection items = new LegendItemCollection();
        for (Map.Entry<String, Color> e : paints.entrySet()) {
            LegendItem li = new LegendItem(e.getKey(), e.getValue());
            li.setLabelFont(LEGEND);
            items.add(li);
        }
        plot.setFixedLegendItems(items);
        boolean legend = spec.panels().stream().anyMatch(p -> p.series().size() > 1);
        JFreeChart chart = new JFreeChart(null, TITLE, plot, legend);
        if (legend && spec.horizontal() && spec.height() > ChartSpec.HEIGHT) {
            chart.getLegend().setPosition(RectangleEdge.TOP); // tall charts: the legend beside the axis, on top
        }
        return chart;
    }

    /** @return whether the category labels of a vertical chart need rotating to fit side by side */
    public static boolean rotateLabels(List<String> names, int width) {
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        return names.size() * (Math.min(longest, 40) * 7 + 12) > width - 100;
    }

    private static CategoryPlot panel(BarChart spec, BarPanel p, Map<String, Color> paints) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (BarSeries s : p.series()) {
            double[] v = s.values();
            for (int i = 0; i < v.length; i++) {
                data.addValue(Double.isFinite(v[i]) ? (Number) v[i] : null, s.name(), spec.categories().get(i));
            }
        }
        BarRenderer r = p.stacked() ? new StackedBarRenderer() : new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setItemMargin(0.03);
        r.setMaximumBarWidth(spec.categories().size() <= 3 && p.series().size() == 1 ? 0.25 : 1.0);
        for (int i = 0; i < p.series().size(); i++) {
            r.setSeriesPaint(i, paints.get(p.series().get(i).name()));
        }
        NumberAxis range = new NumberAxis(p.value().title());
        range.setNumberFormatOverride(new SiFormat());
        range.setLabelFont(AXIS);
        range.setTickLabelFont(TICK);
        range.setAutoRangeIncludesZero(true);
        range.setUpperMargin(0.06);
        boolean anyNonZero = false;
        boolean integers = true;
        for (BarSeries s : p.series()) {
            for (double v : s.values()) {
                anyNonZero |= Double.isFinite(v) && v != 0;
                integers &= !Double.isFinite(v) || v == Math.rint(v);
            }
        }
        if (integers) {
            range.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // counts: no 0.1 DSP ticks
        }
        if (!anyNonZero) {
            range.setRange(0, 1); // all zero (no DSPs): a plain 0..1 axis, not a ±1e-9 one
        }
        CategoryPlot plot = new CategoryPlot(data, null, range, r);
        plain(plot);
        plot.setRangeGridlinePaint(GRID);
        return plot;
    }

    private static void plain(org.jfree.chart.plot.Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(new Color(160, 160, 160));
        plot.setInsets(new RectangleInsets(4, 4, 4, 8));
    }

    /** A category axis that labels every n-th category only (long per-layer axes stay legible). */
    private static final class ThinnedCategoryAxis extends CategoryAxis {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, Integer> index;
        private final int every;

        ThinnedCategoryAxis(String label, Map<String, Integer> index, int every) {
            super(label);
            this.index = index;
            this.every = every;
        }

        @Override
        @SuppressWarnings("rawtypes") // JFreeChart's signature
        protected TextBlock createLabel(Comparable category, float width, RectangleEdge edge, Graphics2D g2) {
            Integer i = index.get(category.toString());
            if (every > 1 && i != null && i % every != 0) {
                return new TextBlock();
            }
            return super.createLabel(category, width, edge, g2);
        }
    }
}

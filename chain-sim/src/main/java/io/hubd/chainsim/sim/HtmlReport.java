package io.hubd.chainsim.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes a self-contained HTML page: a summary table and line charts drawn as inline SVG (no scripts, no CDN). */
public final class HtmlReport {
  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

  private HtmlReport() {}

  /** One chart: a title, a unit for the y axis, its series, and optional horizontal reference lines. */
  public record Chart(String title, String unit, List<TimeSeries> series, List<Reference> references) {}

  /** A dashed horizontal line, e.g. the minimum reserve. */
  public record Reference(String label, double value) {}

  public static void write(Path file, String title, List<String[]> summary, List<Chart> charts) {
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(esc(title))
        .append("</title><style>body{font-family:sans-serif;margin:2em;max-width:980px}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}"
            + "td:last-child{text-align:right;font-variant-numeric:tabular-nums}</style></head><body>");
    html.append("<h1>").append(esc(title)).append("</h1><table><tr><th>figure</th><th>value</th></tr>");
    for (String[] row : summary) {
      html.append("<tr><td>").append(esc(row[0])).append("</td><td>").append(esc(row[1])).append("</td></tr>");
    }
    html.append("</table>");
    for (Chart chart : charts) {
      html.append("<h2>").append(esc(chart.title())).append("</h2>").append(svg(chart));
    }
    html.append("</body></html>\n");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static String svg(Chart chart) {
    int width = 900;
    int height = 300;
    int left = 80;
    int bottom = 30;
    double maxX = 1;
    double maxY = 1;
    for (TimeSeries s : chart.series()) {
      for (double[] p : s.points()) {
        maxX = Math.max(maxX, p[0]);
        maxY = Math.max(maxY, p[1]);
      }
    }
    for (Reference r : chart.references()) {
      maxY = Math.max(maxY, r.value());
    }
    maxY *= 1.1;
    double sx = (width - left - 10) / maxX;
    double sy = (height - bottom - 10) / maxY;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">",
        width, height + 20 * chart.series().size()));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>",
        left, height - bottom, width - 10, height - bottom));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>",
        left, left, height - bottom));
    for (int i = 0; i <= 4; i++) {
      double v = maxY * i / 4;
      double y = height - bottom - v * sy;
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>",
          left - 4, y + 4, compact(v)));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s; time (s), 0 – %.0f</text>",
        left, height - 8, esc(chart.unit()), maxX));
    for (Reference r : chart.references()) {
      double y = height - bottom - r.value() * sy;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\" "
          + "stroke-dasharray=\"4 4\"/><text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"#555\">%s</text>",
          left, y, width - 10, y, left + 4, y - 3, esc(r.label())));
    }
    int index = 0;
    for (TimeSeries s : chart.series()) {
      String color = COLORS[index % COLORS.length];
      StringBuilder path = new StringBuilder();
      for (double[] p : s.points()) {
        path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f",
            left + p[0] * sx, height - bottom - p[1] * sy));
      }
      svg.append("<path fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\" d=\"")
          .append(path).append("\"/>");
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">&#9632; %s</text>",
          left, height + 14 + 20 * index, color, esc(s.name())));
      index++;
    }
    return svg.append("</svg>").toString();
  }

  private static String compact(double v) {
    if (v >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", v / 1e6);
    }
    if (v >= 1e3) {
      return String.format(Locale.ROOT, "%.1fk", v / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

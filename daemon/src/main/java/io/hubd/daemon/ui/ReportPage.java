package io.hubd.daemon.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A self-contained HTML report (one file, no network): a table of figures and line charts drawn by the operator
 * page's own chart code ({@code charts.js} over the vendored uPlot), both inlined. The data is embedded as JSON
 * inside a {@code <script type="application/json">} element, escaped so that no value can close it.
 */
public final class ReportPage {
  private static final String ROOT = "/io/hubd/daemon/ui/";

  /** A chart: series of {@code [seconds since the start, value]} points, and dashed reference lines. */
  public record Chart(String title, String unit, List<Series> series, List<Reference> references) {}

  public record Series(String name, List<double[]> points) {}

  public record Reference(String label, double value) {}

  private ReportPage() {}

  public static void write(Path file, String title, List<String[]> rows, List<Chart> charts) {
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
        .append("</title><style>").append(resource("uPlot.min.css")).append(resource("cockpit.css"))
        .append("body{padding:1em 2em}table{max-width:980px}td:last-child{text-align:right;"
            + "font-variant-numeric:tabular-nums}.chart{margin:1em 0;max-width:980px}</style></head><body>")
        .append("<h1>").append(escape(title)).append("</h1><table><tr><th>figure</th><th>value</th></tr>");
    for (String[] row : rows) {
      html.append("<tr><td>").append(escape(row[0])).append("</td><td>").append(escape(row[1])).append("</td></tr>");
    }
    html.append("</table>");
    for (int i = 0; i < charts.size(); i++) {
      html.append("<div class=\"chart\" id=\"chart-").append(i).append("\"></div>");
    }
    html.append("<script type=\"application/json\" id=\"report-data\">").append(json(charts)).append("</script>")
        .append("<script>").append(resource("uPlot.iife.min.js")).append("</script>")
        .append("<script>").append(resource("charts.js")).append("</script>")
        .append("<script>(function(){var charts=JSON.parse(document.getElementById('report-data').textContent);"
            + "charts.forEach(function(c,i){HubdCharts.lineChart(document.getElementById('chart-'+i),c.title,c.unit,"
            + "c.t,c.series,c.refs,false);});})();</script></body></html>\n");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Charts as charts.js takes them: the first series' times as the x axis, every series' values on it. */
  private static String json(List<Chart> charts) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Chart c : charts) {
      List<Double> t = c.series().isEmpty() ? List.of()
          : c.series().get(0).points().stream().map(p -> p[0]).toList();
      List<Map<String, Object>> series = c.series().stream().map(s -> Map.<String, Object>of("label", s.name(),
          "values", s.points().stream().limit(t.size()).map(p -> p[1]).toList())).toList();
      List<Map<String, Object>> refs = c.references().stream()
          .map(r -> Map.<String, Object>of("label", r.label(), "value", r.value())).toList();
      out.add(Map.of("title", c.title(), "unit", c.unit(), "t", t, "series", series, "refs", refs));
    }
    try {
      // "<" escaped: no value can end the script element it is embedded in
      return new ObjectMapper().writeValueAsString(out).replace("<", "\\u003c");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report data", e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = ReportPage.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + ROOT + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ROOT + name, e);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

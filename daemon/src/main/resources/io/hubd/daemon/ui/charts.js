// Charts shared by the operator page and the demo's report: thin helpers over uPlot (vendored, see VENDORED.md).
"use strict";
(function (global) {
  const COLORS = ["#2563eb", "#16a34a", "#dc2626", "#9333ea", "#ea580c", "#0891b2"];

  // A line chart in `el`: `t` unix seconds (or, with `clock` false, seconds since a start), `series`
  // [{label, values}], `refs` [{label, value}] drawn as dashed horizontal lines. Returns a handle whose
  // update(t, series, refs) redraws with new data.
  function lineChart(el, title, unit, t, series, refs, clock) {
    refs = refs || [];
    const time = clock !== false;
    const opts = {
      title: title,
      width: Math.max(280, el.clientWidth || 420),
      height: 200,
      scales: { x: { time: time } },
      axes: [time ? {} : { label: "seconds" }, { label: unit, size: 60 }],
      series: [{}].concat(
        series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: false })),
        refs.map((r) => ({ label: r.label, stroke: "#6b7280", dash: [6, 4], width: 1 }))),
    };
    const chart = new global.uPlot(opts, data(t, series, refs), el);
    return {
      update(t2, series2, refs2) {
        chart.setData(data(t2, series2, refs2 || refs));
      },
      resize(width) {
        chart.setSize({ width: width, height: 200 });
      },
    };
  }

  function data(t, series, refs) {
    return [t].concat(series.map((s) => s.values), refs.map((r) => t.map(() => r.value)));
  }

  // A bar-like chart of counts per bucket, drawn as uPlot bars.
  function barChart(el, title, labels, counts) {
    const xs = labels.map((_, i) => i);
    const opts = {
      title: title,
      width: Math.max(280, el.clientWidth || 420),
      height: 180,
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] } },
      axes: [{ values: (u, splits) => splits.map((v) => labels[v] === undefined ? "" : labels[v]) }, { size: 50 }],
      series: [{}, { label: "accounts", stroke: COLORS[0], fill: "rgba(37,99,235,0.3)",
        paths: global.uPlot.paths.bars({ size: [0.6, 80] }) }],
    };
    const chart = new global.uPlot(opts, [xs, counts], el);
    return { update(counts2) { chart.setData([xs, counts2]); } };
  }

  global.HubdCharts = { lineChart: lineChart, barChart: barChart };
})(window);

// Charts of the corpus pages, drawn with the ECharts build shipped in /static/vendor/echarts.
// The data is a JSON block the server put in the page (type="application/json": never executed).
(function () {
  "use strict";
  var block = document.getElementById("chart-data");
  if (!block || !window.echarts) return;
  var data = JSON.parse(block.textContent);
  var base = { textStyle: { fontFamily: "WenQuanYi Zen Hei, Microsoft YaHei, sans-serif" }, animation: false,
               tooltip: { trigger: "axis", renderMode: "richText" }, grid: { left: 60, right: 20, top: 40, bottom: 40 } };

  function draw(el, option) {
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption(Object.assign({}, base, option));
    el.setAttribute("data-drawn", "1");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  var makers = {
    reports: function () {
      return { xAxis: { type: "category", data: data.years }, yAxis: { type: "value", minInterval: 1 },
               series: [{ type: "bar", name: "报告数", data: data.reports_by_year, label: { show: true, position: "top" } }] };
    },
    applications: function () {
      return { xAxis: { type: "category", data: data.years }, yAxis: { type: "value" },
               series: [{ type: "bar", name: "本年新收申请", data: data.applications_by_year, label: { show: true, position: "top" } }] };
    },
    outcomes: function () {
      return { legend: { top: 0 }, grid: { left: 60, right: 20, top: 60, bottom: 40 },
               xAxis: { type: "category", data: data.years },
               yAxis: { type: "value", max: 1, axisLabel: { formatter: function (v) { return Math.round(v * 100) + "%"; } } },
               tooltip: { trigger: "axis", renderMode: "richText",
                          valueFormatter: function (v) { return v === null ? "—" : (v * 100).toFixed(1) + "%"; } },
               series: data.outcomes.map(function (o) { return { type: "bar", stack: "share", name: o.name, data: o.data }; }) };
    },
    findings: function () {
      var items = data.top_findings.slice().reverse();
      return { grid: { left: 200, right: 30, top: 20, bottom: 30 }, xAxis: { type: "value", minInterval: 1 },
               yAxis: { type: "category", data: items.map(function (f) { return f.title; }) },
               series: [{ type: "bar", name: "次数", data: items.map(function (f) { return f.n; }), itemStyle: { color: "#c62828" } }] };
    },
    late: function () {
      return { legend: { top: 0 }, xAxis: { type: "category", data: data.late_by_kind.map(function (k) { return k.kind; }) },
               yAxis: { type: "value", minInterval: 1 },
               series: [{ type: "bar", name: "报告数", data: data.late_by_kind.map(function (k) { return k.reports; }) },
                        { type: "bar", name: "逾期", data: data.late_by_kind.map(function (k) { return k.late; }), itemStyle: { color: "#c62828" } }] };
    },
    series: function () {
      return { legend: { top: 0 }, grid: { left: 60, right: 20, top: 60, bottom: 40 },
               xAxis: { type: "category", data: data.years }, yAxis: { type: "value" },
               series: data.series.map(function (s) { return { type: "line", name: s.name, data: s.data, connectNulls: false }; }) };
    }
  };

  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var make = makers[el.getAttribute("data-chart")];
    if (make) draw(el, make());
  });
})();

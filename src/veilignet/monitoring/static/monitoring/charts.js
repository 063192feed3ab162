/* Renders every <canvas data-chart="ID"> from the JSON data block with that id
 * (<script type="application/json">), so pages need no inline script (CSP-friendly).
 * Suppressed figures are null and leave a gap; the table below has every figure. */
(function () {
  "use strict";
  var colours = ["#01689b", "#ca005d", "#39870c", "#e17000", "#42145f"];
  function format(value, unit) {
    if (value === null || value === undefined) { return ""; }
    var lang = document.documentElement.lang || "nl";
    if (unit === "share") {
      return (value * 100).toLocaleString(lang, { maximumFractionDigits: 1 }) + "%";
    }
    return value.toLocaleString(lang, { maximumFractionDigits: unit === "count" ? 0 : 2 });
  }
  function render(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (series, index) {
          return {
            label: series.label,
            data: series.data,
            backgroundColor: colours[index % colours.length],
            borderColor: colours[index % colours.length],
            spanGaps: false
          };
        })
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: spec.series.length > 1 },
          tooltip: { callbacks: { label: function (item) { return format(item.raw, spec.unit); } } }
        },
        scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return format(v, spec.unit); } } } }
      }
    });
  }
  document.querySelectorAll("canvas[data-chart]").forEach(render);
})();

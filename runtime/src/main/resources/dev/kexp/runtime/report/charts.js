// kexp report charts: draws every chart described in #kexp-chart-data with uPlot (inlined above).
// Errors are written into the page (#kexp-errors) and counted on <body data-chart-errors>, so a
// headless browser's DOM dump shows whether the charts worked without a debugging protocol.
(function () {
  var errors = document.getElementById('kexp-errors');
  var count = 0;
  function report(message) {
    count++;
    errors.hidden = false;
    errors.textContent += message + '\n';
    document.body.setAttribute('data-chart-errors', String(count));
  }
  window.addEventListener('error', function (e) { report('error: ' + e.message); });
  document.body.setAttribute('data-chart-errors', '0');

  function alpha(color, a) {
    var n = parseInt(color.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
  }

  function width(el) { return Math.max(320, Math.min(el.clientWidth || 860, 1100)); }

  // Vertical lines: phase starts (grey, dashed) and breakpoints (red).
  function verticals(u, marks, color, dash) {
    var ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.setLineDash(dash);
    ctx.lineWidth = 1.5 * devicePixelRatio;
    ctx.font = (11 * devicePixelRatio) + 'px sans-serif';
    // One label per text: every run of a cell marks its breakpoint, and repeated labels on
    // nearby lines would overprint each other.
    var labelled = {};
    marks.forEach(function (m) {
      var x = u.valToPos(m[0], 'x', true);
      if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      if (labelled[m[1]]) return;
      labelled[m[1]] = true;
      ctx.fillText(m[1], x + 3 * devicePixelRatio, u.bbox.top + 12 * devicePixelRatio);
    });
    ctx.restore();
  }

  function lines(c, el) {
    var xs = {};
    c.lines.forEach(function (l) { l.x.forEach(function (x) { xs[x] = true; }); });
    var x = Object.keys(xs).map(Number).sort(function (a, b) { return a - b; });
    var at = {};
    x.forEach(function (v, i) { at[v] = i; });
    function aligned(l, values) {
      var out = x.map(function () { return null; });
      l.x.forEach(function (v, i) { out[at[v]] = values[i]; });
      return out;
    }
    var data = [x], series = [{ label: c.x }], bands = [], hidden = [];
    c.lines.forEach(function (l) {
      data.push(aligned(l, l.mean));
      var mean = series.length;
      series.push({ label: l.label, stroke: l.color, width: 1.5, spanGaps: true, points: { show: false } });
      if (l.lo.some(function (v) { return v !== null; })) {
        data.push(aligned(l, l.hi));
        data.push(aligned(l, l.lo));
        series.push({ label: l.label + ' CI high', stroke: alpha(l.color, 0), width: 0, spanGaps: true, points: { show: false } });
        series.push({ label: l.label + ' CI low', stroke: alpha(l.color, 0), width: 0, spanGaps: true, points: { show: false } });
        bands.push({ series: [mean + 1, mean + 2], fill: alpha(l.color, 0.18) });
        hidden.push(mean + 1, mean + 2);
      }
    });
    var u = new uPlot({
      title: c.title,
      width: width(el),
      height: 300,
      scales: { x: { time: false } },
      axes: [{ label: c.x }, { label: c.y }],
      series: series,
      bands: bands,
      hooks: {
        draw: [function (u) {
          verticals(u, c.markers, '#888888', [4, 4]);
          verticals(u, c.breakpoints, '#c62828', []);
        }]
      }
    }, data, el);
    // The band's edges are series for uPlot; in the legend they would only repeat the line.
    var rows = u.root.querySelectorAll('.u-legend .u-series');
    hidden.forEach(function (i) { if (rows[i]) rows[i].style.display = 'none'; });
  }

  var specs = JSON.parse(document.getElementById('kexp-chart-data').textContent);
  var drawn = 0;
  specs.forEach(function (c) {
    var el = document.getElementById(c.id);
    try {
      lines(c, el);
      el.setAttribute('data-rendered', 'true');
      drawn++;
    } catch (e) {
      report(c.id + ': ' + e.message);
    }
  });
  document.body.setAttribute('data-charts-rendered', String(drawn));
})();

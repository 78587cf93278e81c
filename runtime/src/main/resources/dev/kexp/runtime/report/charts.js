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

  // Phase starts: a dashed grey line at the mean start across runs, a light span over the range of
  // the starts where runs differ, and the label in the first of three rows where it does not run
  // into an earlier one (else no label: the table of phases names them); returns the labels, which
  // phaseLabels draws.
  function phases(u, marks) {
    var ctx = u.ctx, dpr = devicePixelRatio, top = u.bbox.top, h = u.bbox.height;
    var left = u.bbox.left, right = u.bbox.left + u.bbox.width;
    var rowEnds = [-Infinity, -Infinity, -Infinity], labels = [];
    ctx.save();
    ctx.font = (11 * dpr) + 'px sans-serif';
    // The canvas keeps the alignment uPlot last drew with (right, for the y axis's labels): a label
    // measured to start at lx was drawn ending there, over the axis.
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    marks.forEach(function (m) {
      var x = u.valToPos(m.mean, 'x', true);
      if (x < left || x > right) return;
      var x0 = Math.max(left, u.valToPos(m.min, 'x', true));
      var x1 = Math.min(right, u.valToPos(m.max, 'x', true));
      if (x1 - x0 >= 1) {
        ctx.fillStyle = 'rgba(120,128,140,0.15)';
        ctx.fillRect(x0, top, x1 - x0, h);
      }
      ctx.strokeStyle = '#888888';
      ctx.setLineDash([4 * dpr, 4 * dpr]);
      ctx.lineWidth = 1.2 * dpr;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + h);
      ctx.stroke();
      var text = m.label + (m.max - m.min >= 0.5 ? ' \u00b1' + ((m.max - m.min) / 2).toFixed(1) + ' s' : '');
      var w = ctx.measureText(text).width;
      var lx = x + 3 * dpr;
      if (lx + w > right) lx = x - 3 * dpr - w;
      for (var row = 0; row < rowEnds.length; row++) {
        if (lx > rowEnds[row] + 4 * dpr) {
          labels.push({ text: text, x: lx, y: top + (12 + 13 * row) * dpr, w: w });
          rowEnds[row] = lx + w;
          break;
        }
      }
    });
    ctx.restore();
    return labels;
  }

  // The phase labels, drawn last on a white ground so the breakpoints' lines do not cross them.
  function phaseLabels(u, labels) {
    var ctx = u.ctx, dpr = devicePixelRatio;
    ctx.save();
    ctx.font = (11 * dpr) + 'px sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    labels.forEach(function (l) {
      ctx.fillStyle = 'rgba(255,255,255,0.85)';
      ctx.fillRect(l.x - 2 * dpr, l.y - 10 * dpr, l.w + 4 * dpr, 13 * dpr);
      ctx.fillStyle = '#5b6475';
      ctx.fillText(l.text, l.x, l.y);
    });
    ctx.restore();
  }

  // Breakpoints: a solid line per run in its cell's colour, unlabelled (the breakpoint table says
  // which cell broke when; a label per run printed over each other).
  function breakpoints(u, marks) {
    var ctx = u.ctx, dpr = devicePixelRatio;
    ctx.save();
    ctx.lineWidth = 1.5 * dpr;
    marks.forEach(function (m) {
      var x = u.valToPos(m.x, 'x', true);
      if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
      ctx.strokeStyle = m.color;
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
    });
    ctx.restore();
  }

  // An axis as wide as its widest tick label, so its title never lies over the labels.
  function axisSize(self, values, axisIdx, cycleNum) {
    var axis = self.axes[axisIdx];
    if (cycleNum > 1) return axis._size;
    var size = axis.ticks.size + axis.gap;
    var longest = (values || []).reduce(function (a, v) { return String(v).length > a.length ? String(v) : a; }, '');
    if (longest !== '') {
      self.ctx.font = axis.font[0];
      size += self.ctx.measureText(longest).width / devicePixelRatio;
    }
    return Math.ceil(size) + 4;
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
      series.push({ label: l.label, stroke: l.color, width: 1.5, spanGaps: true,
        points: c.kind === 'levels' ? { show: true, size: 7, fill: l.color } : { show: false } });
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
      height: c.kind === 'levels' ? 260 : 280,
      scales: { x: { time: false } },
      axes: [{ label: c.x }, { label: c.y, size: axisSize, labelSize: 22 }],
      series: series,
      bands: bands,
      hooks: {
        draw: [function (u) {
          var labels = phases(u, c.phases);
          breakpoints(u, c.breakpoints);
          phaseLabels(u, labels);
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

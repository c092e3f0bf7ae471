/**
 * The HTML report's own script: reads the report from its JSON block and draws the charts with
 * Chart.js (inlined before it). Redraws them when the colour scheme changes. Plain browser
 * JavaScript in a string, so the page needs no build step and its CSP hash is computed from it.
 */
export const CHAOS_REPORT_SCRIPT = `(() => {
  'use strict';
  const data = JSON.parse(document.getElementById('chaos-data').textContent);
  const charts = {};
  const OUTCOMES = ['succeeded', 'failed', 'lost'];
  const failureCodes = Object.keys(data.failures).sort((a, b) => data.failures[b] - data.failures[a]);
  // A code label gets at most about 40% of the chart's width; the tooltip shows it whole.
  const short = (text, width) => {
    const max = Math.max(8, Math.floor((width * 0.4) / 7));
    return text.length > max ? text.slice(0, max - 1) + '\\u2026' : text;
  };

  function palette() {
    const style = getComputedStyle(document.documentElement);
    const read = (name) => style.getPropertyValue('--' + name).trim();
    return { fg: read('fg'), muted: read('muted'), grid: read('grid'), panel: read('panel'), heal: read('heal'),
      succeeded: read('ok'), failed: read('failed'), lost: read('lost') };
  }

  // Runs on a linear axis: its ticks fall on round run numbers (20, 40…) however many runs there are.
  function perRunChart(p, values, unit, color, yTitle) {
    const axis = (title) => ({ title: { display: true, text: title, color: p.muted }, grid: { color: p.grid } });
    return {
      type: 'bar',
      data: { datasets: [{ label: yTitle, data: values.map((y, i) => ({ x: i + 1, y })), backgroundColor: color, barPercentage: 1, categoryPercentage: 0.9 }] },
      options: {
        scales: {
          // From half a run before the first to half after the last, so each bar sits on its run's number.
          x: { ...axis('run'), type: 'linear', offset: false, min: 0.5, max: values.length + 0.5,
            ticks: { color: p.muted, maxRotation: 0, callback: (value) => (Number.isInteger(value) ? value : '') } },
          y: { ...axis(yTitle), beginAtZero: true, ticks: { color: p.muted, precision: 0 } },
        },
        plugins: { legend: { display: false }, tooltip: { callbacks: {
          title: (items) => 'run ' + (items[0].dataIndex + 1) + ' (' + data.perRun.outcomes[items[0].dataIndex] + ')',
          label: (item) => item.raw.y + ' ' + unit,
        } } },
      },
    };
  }

  function configs(p) {
    return {
      outcomes: {
        type: 'doughnut',
        data: { labels: OUTCOMES.map((o) => o + ' ' + data[o]), datasets: [{ data: OUTCOMES.map((o) => data[o]), backgroundColor: OUTCOMES.map((o) => p[o]), borderColor: p.panel,
          // Borders only between two segments: on an empty one, or around a full circle, they show as a seam.
          borderWidth: OUTCOMES.map((o) => (data[o] > 0 && data[o] < data.runs ? 2 : 0)) }] },
        options: { plugins: { legend: { position: 'bottom', labels: { color: p.fg } } } },
      },
      attempts: perRunChart(p, data.perRun.attempts, 'attempts', data.perRun.outcomes.map((o) => p[o]), 'attempts'),
      heals: perRunChart(p, data.perRun.heals, 'heals', p.heal, 'heals'),
      failures: {
        type: 'bar',
        data: { labels: failureCodes, datasets: [{ label: 'failed runs', data: failureCodes.map((code) => data.failures[code]), backgroundColor: p.failed }] },
        options: {
          indexAxis: 'y',
          scales: {
            x: { beginAtZero: true, title: { display: true, text: 'failed runs', color: p.muted }, ticks: { color: p.muted, precision: 0 }, grid: { color: p.grid } },
            y: { ticks: { color: p.fg, callback(value) { return short(failureCodes[value], this.chart.width); } }, grid: { display: false } },
          },
          plugins: { legend: { display: false } },
        },
      },
    };
  }

  function draw() {
    const p = palette();
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = p.fg;
    Chart.defaults.borderColor = p.grid;
    for (const [id, config] of Object.entries(configs(p))) {
      const canvas = document.getElementById('chart-' + id);
      if (canvas === null) continue;
      if (charts[id] !== undefined) charts[id].destroy();
      config.options = { ...config.options, responsive: true, maintainAspectRatio: false, animation: false };
      charts[id] = new Chart(canvas, config);
    }
  }

  const failuresBox = document.getElementById('chart-failures');
  if (failuresBox !== null) failuresBox.parentElement.style.height = Math.max(140, 40 + failureCodes.length * 34) + 'px';
  draw();
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', draw);
})();
`;

// mendkit's dashboard: a few pages over the JSON API under /api/, live through /api/events.
// No framework. Every value from the history goes into the page as text (textContent), never as
// HTML, and the server's Content-Security-Policy allows no inline script: a job named
// "<script>…" shows as those characters.
'use strict';

const state = { info: { actions: false, scheduler: false }, jobs: [], runsFilter: { job: '', outcome: '', code: '' }, runsPage: 0, charts: [], refresh: undefined };
const PAGE_SIZE = 50;

/** An element with attributes and children (strings become text nodes). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Replaces the children of `root` (arrays are flattened; null, undefined and false left out). */
function fill(root, ...children) {
  root.replaceChildren(...children.flat(Infinity).filter((child) => child !== undefined && child !== null && child !== false));
}

function token() {
  return sessionStorage.getItem('mendkit-token') ?? '';
}

/** GET or POST JSON; rejects with the API's error message. */
async function api(path, options = {}) {
  const headers = { accept: 'application/json' };
  if (options.method === 'POST' && token() !== '') headers.authorization = `Bearer ${token()}`;
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch {
    throw new Error('the dashboard server does not answer');
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body;
}

function banner(message) {
  const element = document.getElementById('banner');
  element.textContent = message ?? '';
  element.hidden = message === undefined;
}

let noticeTimer;
function notice(message, kind = 'ok') {
  const element = document.getElementById('notice');
  element.textContent = message;
  element.className = `notice ${kind}`;
  element.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (element.hidden = true), 6000);
}

// ---- formatting -------------------------------------------------------------------------------

function time(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function relative(iso) {
  const ms = Date.parse(iso) - Date.now();
  const abs = Math.abs(ms);
  const [value, unit] = abs < 60_000 ? [Math.round(abs / 1000), 's'] : abs < 3_600_000 ? [Math.round(abs / 60_000), 'min'] : abs < 86_400_000 ? [Math.round(abs / 3_600_000), 'h'] : [Math.round(abs / 86_400_000), 'd'];
  return ms >= 0 ? `in ${value} ${unit}` : `${value} ${unit} ago`;
}

function duration(ms) {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function outcomeBadge(outcome) {
  return h('span', { class: `badge ${outcome}` }, outcome);
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function cssColor(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function chart(canvas, config) {
  if (typeof Chart === 'undefined') return;
  state.charts.push(new Chart(canvas, config));
}

// ---- pages ------------------------------------------------------------------------------------

async function jobAction(name, action) {
  try {
    const result = await api(`/api/jobs/${encodeURIComponent(name)}/${action}`, { method: 'POST' });
    notice(action === 'run' ? `${name}: run started` : `${name}: ${result.paused ? 'paused' : 'resumed'}`);
    if (action !== 'run') await show();
  } catch (error) {
    notice(`${name}: ${action} refused: ${error.message}`, 'error');
  }
}

function jobCard(job) {
  const last = job.lastRun;
  const rate = job.successRate === null ? '—' : `${Math.round(job.successRate * 100)} %`;
  const canvas = h('canvas', { class: 'spark', 'aria-label': `durations of ${job.name}'s last runs`, role: 'img' });
  const actions = state.info.scheduler
    ? h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', 'data-action': 'run', onclick: () => jobAction(job.name, 'run') }, 'Run now'),
        h('button', { type: 'button', 'data-action': job.paused ? 'resume' : 'pause', onclick: () => jobAction(job.name, job.paused ? 'resume' : 'pause') }, job.paused ? 'Resume' : 'Pause'),
      )
    : null;
  const card = h(
    'article',
    { class: 'card job', 'data-job': job.name },
    h('h2', {}, h('span', { class: 'name' }, job.name), job.paused ? h('span', { class: 'badge paused' }, 'paused') : null),
    h(
      'dl',
      {},
      h('dt', {}, 'Trigger'),
      h('dd', { class: 'trigger' }, job.trigger ?? 'runs elsewhere'),
      h('dt', {}, 'Next run'),
      h('dd', { class: 'next-run' }, job.nextRunAt ? `${time(job.nextRunAt)} (${relative(job.nextRunAt)})` : '—'),
      h('dt', {}, 'Last run'),
      h('dd', { class: 'last-run' }, last ? [outcomeBadge(last.outcome), ` ${duration(last.durationMs)}, ${relative(last.endedAt)}`] : 'never'),
      h('dt', {}, 'Last run made'),
      h('dd', { class: 'last-counts' }, last ? `${plural(Math.max(0, last.attempts - 1), 'retry').replace('retrys', 'retries')}, ${plural(last.heals, 'heal')}` : '—'),
      h('dt', {}, job.durations.length === 0 ? 'Success' : `Success (last ${job.durations.length})`),
      h('dd', { class: 'rate' }, rate),
    ),
    h('div', { class: 'spark-wrap' }, canvas),
    actions,
  );
  if (job.durations.length > 1) {
    chart(canvas, {
      type: 'line',
      data: { labels: job.durations.map((_, index) => index + 1), datasets: [{ data: job.durations, borderColor: cssColor('--accent'), borderWidth: 1.5, pointRadius: 0, tension: 0.3, fill: false }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false }, tooltip: { enabled: false } }, scales: { x: { display: false }, y: { display: false, beginAtZero: true } } },
    });
  }
  return card;
}

async function jobsPage(root) {
  const { jobs } = await api('/api/jobs');
  state.jobs = jobs;
  fill(root, 
    h('h1', {}, 'Jobs'),
    state.info.scheduler ? null : h('p', { class: 'hint' }, 'This dashboard reads a history: run now, pause and resume need the scheduler (mendkit start --http).'),
    jobs.length === 0 ? h('p', { class: 'empty' }, 'No jobs, and no run recorded yet.') : h('div', { class: 'cards' }, jobs.map(jobCard)),
  );
}

function runDetails(run) {
  const rows = [
    ['Run id', run.id],
    ['Trigger', run.trigger],
    ['Scheduled', time(run.scheduledAt)],
    ['Started', time(run.startedAt)],
    ['Ended', time(run.endedAt)],
    ['Attempts', String(run.attempts)],
    ['Heals', String(run.heals)],
  ];
  if (run.errorCode !== undefined) rows.push(['Error code', run.errorCode], ['Error', run.error ?? '']);
  const attempts = h('ol', { class: 'attempts' });
  for (let attempt = 1; attempt <= run.attempts; attempt += 1) {
    const last = attempt === run.attempts;
    attempts.append(h('li', {}, `attempt ${attempt}: ${last ? (run.outcome === 'succeeded' ? 'succeeded' : `failed — ${run.errorCode ?? run.outcome}`) : 'failed, retried'}`));
  }
  return h('div', { class: 'details' }, h('dl', {}, rows.map(([name, value]) => [h('dt', {}, name), h('dd', { class: name === 'Error' ? 'error' : undefined }, value)])), h('h3', {}, 'Attempts'), attempts, run.heals > 0 ? h('p', {}, `${plural(run.heals, 'heal')} re-ran the call after a healer fixed the cause.`) : null);
}

function runRow(run, fresh = false) {
  const details = h('tr', { class: 'details-row', hidden: true }, h('td', { colspan: 7 }, runDetails(run)));
  const toggle = h('button', { type: 'button', class: 'expand', 'aria-expanded': 'false', title: 'attempts, heals and error' }, '▸');
  const row = h(
    'tr',
    { class: `run${fresh ? ' fresh' : ''}`, 'data-run': run.id },
    h('td', {}, toggle),
    h('td', { class: 'job' }, run.job),
    h('td', {}, outcomeBadge(run.outcome)),
    h('td', { class: 'when' }, time(run.startedAt)),
    h('td', { class: 'num' }, duration(run.durationMs)),
    h('td', { class: 'num counts' }, `${run.attempts} / ${run.heals}`),
    h('td', { class: 'code' }, run.errorCode ?? ''),
  );
  const flip = () => {
    details.hidden = !details.hidden;
    toggle.textContent = details.hidden ? '▸' : '▾';
    toggle.setAttribute('aria-expanded', String(!details.hidden));
  };
  row.addEventListener('click', flip);
  return [row, details];
}

function matchesFilter(run) {
  const { job, outcome, code } = state.runsFilter;
  return (!job || run.job === job) && (!outcome || run.outcome === outcome) && (!code || run.errorCode === code);
}

async function runsPage(root) {
  const { job, outcome, code } = state.runsFilter;
  const query = new URLSearchParams({ page: String(state.runsPage), size: String(PAGE_SIZE), job, outcome, code });
  const result = await api(`/api/runs?${query}`);
  if (state.jobs.length === 0) state.jobs = (await api('/api/jobs').catch(() => ({ jobs: [] }))).jobs;
  const filter = h(
    'form',
    { class: 'filters', onsubmit: (event) => event.preventDefault(), onchange: (event) => {
      const form = event.currentTarget;
      state.runsFilter = { job: form.job.value, outcome: form.outcome.value, code: form.code.value.trim() };
      state.runsPage = 0;
      show();
    } },
    h('label', {}, 'Job ', h('select', { name: 'job' }, h('option', { value: '' }, 'all'), state.jobs.map((known) => h('option', { value: known.name, selected: known.name === job }, known.name)))),
    h('label', {}, 'Outcome ', h('select', { name: 'outcome' }, ['', 'succeeded', 'failed', 'timedOut', 'aborted'].map((value) => h('option', { value, selected: value === outcome }, value || 'all')))),
    h('label', {}, 'Error code ', h('input', { name: 'code', value: code, placeholder: 'e.g. ECONNRESET', size: 14 })),
  );
  const body = h('tbody', { id: 'runs-body' }, result.runs.map((run) => runRow(run)));
  const skipped = result.skipped.torn + result.skipped['not a run record'];
  const pager = h(
    'div',
    { class: 'pager' },
    h('button', { type: 'button', disabled: state.runsPage === 0, onclick: () => { state.runsPage -= 1; show(); } }, '← Newer'),
    h('span', {}, `page ${state.runsPage + 1}`),
    h('button', { type: 'button', disabled: !result.hasMore, onclick: () => { state.runsPage += 1; show(); } }, 'Older →'),
  );
  fill(root, 
    h('h1', {}, 'Runs'),
    filter,
    skipped > 0 ? h('p', { class: 'warning' }, `${skipped} line(s) of the history skipped on this page: ${result.skipped.torn} torn (cut short by a crash?), ${result.skipped['not a run record']} not run records.`) : null,
    result.runs.length === 0 ? h('p', { class: 'empty' }, 'No run matches.') : null,
    h('div', { class: 'table-wrap' }, h('table', { class: 'runs' }, h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, 'Job'), h('th', {}, 'Outcome'), h('th', { class: 'when' }, 'Started'), h('th', { class: 'num' }, 'Duration'), h('th', { class: 'num counts' }, 'Attempts / heals'), h('th', { class: 'code' }, 'Error code'))), body)),
    pager,
  );
}

/** ` [key]` for a breaker or bulkhead kept per key, else nothing. */
function key(snapshot) {
  return snapshot.key == null ? '' : ` [${snapshot.key}]`;
}

/** Isolates or resets a breaker (with the token), then shows the page again. */
async function breakerAction(breaker, action) {
  const query = new URLSearchParams({ name: breaker.name });
  if (breaker.key !== null) query.set('key', breaker.key);
  const label = breaker.name + key(breaker);
  try {
    await api(`/api/breakers/${action}?${query}`, { method: 'POST' });
    notice(`${label}: ${action === 'isolate' ? 'isolated' : 'reset'}`);
    await show();
  } catch (error) {
    notice(`${label}: ${action} refused: ${error.message}`, 'error');
  }
}

/** A breaker's Isolate and Reset buttons, each shown when it would change something. */
function breakerActions(breaker) {
  return h(
    'td',
    { class: 'row-actions' },
    breaker.state === 'isolated' ? null : h('button', { type: 'button', 'data-action': 'isolate', onclick: () => breakerAction(breaker, 'isolate') }, 'Isolate'),
    breaker.state === 'closed' ? null : h('button', { type: 'button', 'data-action': 'reset', onclick: () => breakerAction(breaker, 'reset') }, 'Reset'),
  );
}

function breakerState(snapshot) {
  return h('span', { class: `badge ${snapshot.state}` }, snapshot.state.replace('_', '-'));
}

async function breakersPage(root) {
  const { breakers, bulkheads } = await api('/api/breakers');
  fill(root, 
    h('h1', {}, 'Breakers and bulkheads'),
    state.info.scheduler ? null : h('p', { class: 'hint' }, 'Breakers and bulkheads live in the scheduler’s process: start it with --http to see them.'),
    h('h2', {}, 'Circuit breakers'),
    breakers.length === 0
      ? h('p', { class: 'empty' }, 'No circuit breaker has run yet.')
      : h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Breaker'), h('th', {}, 'State'), h('th', { class: 'num' }, 'Failures'), h('th', {}, 'Next half-open'), state.info.scheduler ? h('th', {}, '') : null)), h('tbody', {}, breakers.map((breaker) => h('tr', { class: 'breaker', 'data-breaker': breaker.name + key(breaker) }, h('td', {}, breaker.name + key(breaker)), h('td', {}, breakerState(breaker)), h('td', { class: 'num' }, String(breaker.failures)), h('td', {}, breaker.halfOpenAt ? `${time(breaker.halfOpenAt)} (${relative(breaker.halfOpenAt)})` : '—'), state.info.scheduler ? breakerActions(breaker) : null))))),
    h('h2', {}, 'Bulkheads'),
    bulkheads.length === 0
      ? h('p', { class: 'empty' }, 'No bulkhead has run yet.')
      : h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Bulkhead'), h('th', { class: 'num' }, 'In use'), h('th', { class: 'num' }, 'Queued'))), h('tbody', {}, bulkheads.map((bulkhead) => h('tr', { class: 'bulkhead' }, h('td', {}, bulkhead.name + key(bulkhead)), h('td', { class: 'num' }, `${bulkhead.inUse} / ${bulkhead.concurrency}`), h('td', { class: 'num' }, `${bulkhead.queued} / ${bulkhead.queue}`)))))),
  );
  state.refresh = setTimeout(show, 2000);
}

async function chaosPage(root) {
  const { reports } = await api('/api/chaos');
  const canvas = h('canvas', { role: 'img', 'aria-label': 'outcomes of each chaos run' });
  fill(root, 
    h('h1', {}, 'Chaos reports'),
    reports.length === 0
      ? h('p', { class: 'empty' }, 'No chaos report in the state directory: mendkit chaos <module> <job> --state-dir <dir> saves one.')
      : [
          h('div', { class: 'chart-wrap' }, canvas),
          h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Job'), h('th', {}, 'Started'), h('th', { class: 'num' }, 'Runs'), h('th', { class: 'num' }, 'Succeeded'), h('th', { class: 'num' }, 'Failed'), h('th', { class: 'num' }, 'Lost'), h('th', {}, ''))), h('tbody', {}, reports.map((report) => h('tr', { class: 'chaos-report' }, h('td', {}, report.job), h('td', {}, time(report.startedAt)), h('td', { class: 'num' }, String(report.runs)), h('td', { class: 'num' }, String(report.succeeded)), h('td', { class: 'num' }, String(report.failed)), h('td', { class: 'num' }, String(report.lost)), h('td', {}, h('a', { href: `/chaos/${encodeURIComponent(report.id)}` }, 'open report'))))))),
        ],
  );
  if (reports.length > 0) {
    const shown = reports.slice(0, 20).reverse();
    const dataset = (label, key, color) => ({ label, data: shown.map((report) => report[key]), backgroundColor: cssColor(color) });
    chart(canvas, {
      type: 'bar',
      data: { labels: shown.map((report) => `${report.job} ${time(report.startedAt)}`), datasets: [dataset('succeeded', 'succeeded', '--ok'), dataset('failed', 'failed', '--bad'), dataset('lost', 'lost', '--warn')] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { x: { stacked: true, ticks: { color: cssColor('--muted') } }, y: { stacked: true, beginAtZero: true, ticks: { color: cssColor('--muted') } } }, plugins: { legend: { labels: { color: cssColor('--fg') } } } },
    });
  }
}

const PAGES = { jobs: jobsPage, runs: runsPage, breakers: breakersPage, chaos: chaosPage };

function currentPage() {
  const name = location.hash.slice(1);
  return Object.hasOwn(PAGES, name) ? name : 'jobs';
}

/** Draws the current page; a failing API call leaves a banner and the rest of the page working. */
/** Whether a page is being drawn, and whether it must be drawn again once it is (from newer data). */
let rendering = false;
let renderAgain = false;

/**
 * Draws the current page. One drawing at a time: a drawing asked for meanwhile waits for the one
 * going, then starts from fresh data — two overlapping drawings could end in the wrong order and
 * leave the older data on screen.
 */
async function show() {
  if (rendering) {
    renderAgain = true;
    return;
  }
  rendering = true;
  try {
    await draw();
  } finally {
    rendering = false;
  }
  if (renderAgain) {
    renderAgain = false;
    return show();
  }
  for (const run of arrivedWhileRendering.splice(0)) onRun(run);
  if (recoveredWhileRendering) {
    recoveredWhileRendering = false;
    return show();
  }
}

async function draw() {
  clearTimeout(state.refresh);
  const name = currentPage();
  for (const link of document.querySelectorAll('nav a')) link.classList.toggle('current', link.dataset.page === name);
  const root = document.getElementById('page');
  root.dataset.page = name;
  root.dataset.ready = 'false';
  try {
    const charts = state.charts.splice(0);
    await PAGES[name](root);
    for (const old of charts) old.destroy();
  } catch (error) {
    fill(root, h('h1', {}, name[0].toUpperCase() + name.slice(1)), h('p', { class: 'error-box' }, error.message));
  }
  root.dataset.ready = 'true';
}

// ---- live updates -----------------------------------------------------------------------------

let jobsRefresh;
/** Runs announced while a page was being drawn from data read before them: shown once it is drawn. */
const arrivedWhileRendering = [];
/** The history recovered while a page was being drawn, maybe from a failed read: drawn again if so. */
let recoveredWhileRendering = false;
/** Whether the feed last said the history could not be read: what was drawn meanwhile may be stale. */
let historyFailed = false;

function onRun(run) {
  if (rendering) {
    arrivedWhileRendering.push(run);
    return;
  }
  const page = currentPage();
  if (page === 'runs' && state.runsPage === 0 && matchesFilter(run)) {
    const body = document.getElementById('runs-body');
    if (body !== null && body.querySelector(`tr[data-run="${CSS.escape(run.id)}"]`) === null) {
      body.prepend(...runRow(run, true));
      document.querySelector('.empty')?.remove();
    }
  }
  if (page === 'jobs') {
    // Several runs in a row redraw the cards once.
    clearTimeout(jobsRefresh);
    jobsRefresh = setTimeout(show, 300);
  }
}

function listen() {
  const live = document.getElementById('live');
  const events = new EventSource('/api/events');
  events.addEventListener('open', () => live.classList.add('on'));
  events.addEventListener('error', () => live.classList.remove('on'));
  events.addEventListener('run', (event) => onRun(JSON.parse(event.data)));
  events.addEventListener('status', (event) => {
    const status = JSON.parse(event.data);
    banner(status.ok ? undefined : status.error);
    if (!status.ok) {
      historyFailed = true;
      return;
    }
    // Back after a failure: what the page shows was read while the history failed (or was being
    // replaced, and read as empty), and the feed announces no run it cannot compare: draw it again.
    if (!historyFailed && document.querySelector('.error-box') === null) return;
    historyFailed = false;
    if (rendering) recoveredWhileRendering = true;
    else void show();
  });
}

async function main() {
  state.info = await api('/api/info').catch(() => state.info);
  const form = document.getElementById('token-form');
  form.hidden = !state.info.actions;
  const input = document.getElementById('token');
  input.value = token();
  input.addEventListener('change', () => sessionStorage.setItem('mendkit-token', input.value.trim()));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem('mendkit-token', input.value.trim());
  });
  window.addEventListener('hashchange', show);
  listen();
  await show();
}

main();

// Litestone Studio: one small script, no framework. Each page is a function
// that renders into #page; the hash picks the page. Data calls go through
// /api/repl and friends, which answer 200 with {result} or {error} so that an
// expected error (a validator refusing a cell) is shown, not thrown.
'use strict';

const $page = document.getElementById('page');
const state = {
  schema: null,
  actAs: JSON.parse(sessionStorage.getItem('litestone.actAs') || 'null'),
  browse: { model: null, db: null, offset: 0, limit: 50, orderBy: null, where: '', withDeleted: false },
};

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v !== false && v !== null && v !== undefined) el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}

async function api(path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (state.actAs) headers['X-Litestone-Act-As'] = JSON.stringify(state.actAs);
  const init = body === undefined ? { headers } : { method: 'POST', headers, body: JSON.stringify(body) };
  const res = await fetch(path, init);
  return res.json();
}

// One wire call; returns {result} or {error}.
function call(model, action, args) { return api('/api/repl', { model, action, args: args || {} }); }

async function schema() {
  if (!state.schema) state.schema = await api('/api/schema');
  return state.schema;
}

function errorText(e) { return e ? `${e.code}: ${e.message}` : ''; }
function show(value) { return value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value); }

function resultTable(rows) {
  if (!Array.isArray(rows)) return h('pre', {}, JSON.stringify(rows, null, 2));
  if (rows.length === 0) return h('p', { class: 'muted' }, 'no rows');
  const cols = Object.keys(rows[0]);
  return h('table', { class: 'results' },
    h('thead', {}, h('tr', {}, cols.map(c => h('th', {}, c)))),
    h('tbody', {}, rows.map(r => h('tr', {}, cols.map(c => h('td', { title: show(r[c]) }, show(r[c])))))));
}

function renderActing() {
  document.getElementById('acting-banner').textContent = state.actAs ? `acting as ${JSON.stringify(state.actAs)}` : '';
}

// ---- Browse ----------------------------------------------------------------
function scalarFields(model) {
  return Object.entries(model.fields).filter(([, f]) => !f.relation && f.stored !== false).map(([n, f]) => ({ name: n, ...f }));
}

function parseCell(field, text) {
  if (text === '' && field.optional) return null;
  switch (field.type) {
    case 'Integer': case 'Real': { const n = Number(text); return Number.isNaN(n) ? text : n; }
    case 'Boolean': return text === 'true' ? true : text === 'false' ? false : text;
    case 'Json': try { return JSON.parse(text); } catch { return text; }
    default: return text;
  }
}

async function pageBrowse() {
  const s = await schema();
  const info = await api('/api/models');
  const b = state.browse;
  const models = (info.models || []).filter(m => !b.db || m.database === b.db);
  if (!b.model && models.length) b.model = models[0].name;
  const dbs = Object.keys(info.databases || {});
  const side = h('div', { class: 'models' },
    h('div', {}, dbs.map(d => h('span', { class: 'pill' + (b.db === d ? ' on' : ''), 'data-db': d,
      onclick: () => { b.db = b.db === d ? null : d; b.model = null; pageBrowse(); } }, d))),
    h('ul', {}, models.map(m => h('li', { class: m.name === b.model ? 'active' : '', 'data-model': m.name,
      onclick: () => { b.model = m.name; b.offset = 0; b.orderBy = null; b.where = ''; pageBrowse(); } },
      h('span', {}, m.name), h('span', { class: 'count' }, m.count === null ? '?' : m.count)))));
  const body = h('div', { class: 'grid' });
  $page.replaceChildren(h('div', { class: 'browse' }, side, body));
  if (b.model) await renderGrid(body, s.models[b.model], b.model);
}

async function renderGrid(body, model, name) {
  const b = state.browse;
  const fields = scalarFields(model);
  const pk = model.primaryKey;
  const args = { limit: b.limit, offset: b.offset };
  if (b.orderBy) args.orderBy = b.orderBy;
  let whereError = '';
  if (b.where.trim()) { try { args.where = JSON.parse(b.where); } catch { whereError = 'the filter is not JSON'; } }
  if (b.withDeleted && model.softDelete) args.withDeleted = true;
  const res = whereError ? { error: { code: 'FILTER', message: whereError } } : await call(name, 'findMany', args);
  const filter = h('input', { type: 'text', id: 'filter', size: 40, placeholder: '{"field": value}  (where JSON)', value: b.where });
  filter.addEventListener('keydown', e => { if (e.key === 'Enter') { b.where = filter.value; b.offset = 0; renderGrid(body, model, name); } });
  const toolbar = h('div', { class: 'toolbar' }, h('strong', {}, name), filter,
    model.softDelete ? h('label', {}, h('input', { type: 'checkbox', id: 'with-deleted', checked: b.withDeleted,
      onchange: e => { b.withDeleted = e.target.checked; renderGrid(body, model, name); } }), ' show soft-deleted') : null,
    h('button', { class: 'plain', id: 'prev', onclick: () => { b.offset = Math.max(0, b.offset - b.limit); renderGrid(body, model, name); } }, '‹ prev'),
    h('span', { class: 'muted' }, `rows ${b.offset + 1}–${b.offset + (res.result ? res.result.length : 0)}`),
    h('button', { class: 'plain', id: 'next', onclick: () => { b.offset += b.limit; renderGrid(body, model, name); } }, 'next ›'));
  if (res.error) { body.replaceChildren(toolbar, h('div', { class: 'error' }, errorText(res.error))); return; }
  const head = h('tr', {}, fields.map(f => {
    const dir = b.orderBy && b.orderBy[f.name];
    return h('th', { 'data-field': f.name, onclick: () => {
      b.orderBy = { [f.name]: dir === 'asc' ? 'desc' : 'asc' }; renderGrid(body, model, name);
    } }, f.name + (dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''));
  }));
  const rows = res.result.map(row => h('tr', {}, fields.map(f => {
    const td = h('td', { class: pk.includes(f.name) ? '' : 'editable', 'data-field': f.name, title: show(row[f.name]) }, show(row[f.name]));
    if (!pk.includes(f.name)) td.addEventListener('dblclick', () => editCell(td, row, f, pk, name));
    return td;
  })));
  body.replaceChildren(toolbar, h('table', { class: 'grid-table' }, h('thead', {}, head), h('tbody', {}, rows)));
}

function editCell(td, row, field, pk, name) {
  if (td.querySelector('input')) return;
  const input = h('input', { type: 'text', value: show(row[field.name]), class: 'cell-input' });
  td.replaceChildren(input);
  input.focus();
  const cancel = () => { td.classList.remove('cell-error'); td.replaceChildren(show(row[field.name])); };
  input.addEventListener('keydown', async e => {
    if (e.key === 'Escape') return cancel();
    if (e.key !== 'Enter') return;
    const where = Object.fromEntries(pk.map(k => [k, row[k]]));
    const res = await call(name, 'update', { where, data: { [field.name]: parseCell(field, input.value) } });
    td.querySelectorAll('.cell-error-message').forEach(n => n.remove());
    if (res.error) {
      td.classList.add('cell-error');
      const detail = (res.error.meta && res.error.meta.errors || []).map(x => x.message).join('; ');
      td.append(h('div', { class: 'cell-error-message' }, detail || res.error.message));
      return;
    }
    Object.assign(row, res.result || {});
    td.classList.remove('cell-error');
    td.replaceChildren(show(row[field.name]));
    td.title = show(row[field.name]);
  });
}

// ---- SQL -----------------------------------------------------------------------
function pageSql() {
  const text = h('textarea', { id: 'sql-text', spellcheck: 'false' }, sessionStorage.getItem('litestone.sql') || 'SELECT name, type FROM sqlite_master ORDER BY name');
  const out = h('div', { id: 'sql-out' });
  const run = async () => {
    sessionStorage.setItem('litestone.sql', text.value);
    const res = await api('/api/sql', { sql: text.value });
    out.replaceChildren(res.error ? h('div', { class: 'error' }, errorText(res.error))
      : h('div', {}, h('p', { class: 'muted' }, `${(res.ms || 0).toFixed(2)} ms`), resultTable(res.result)));
  };
  text.addEventListener('keydown', e => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) run(); });
  $page.replaceChildren(h('div', { class: 'toolbar' }, h('button', { id: 'sql-run', onclick: run }, 'Run (Ctrl+Enter)')), text, out);
}

// ---- REPL ----------------------------------------------------------------------
function pageRepl() {
  const history = JSON.parse(localStorage.getItem('litestone.history') || '[]');
  const text = h('textarea', { id: 'repl-text', spellcheck: 'false' }, history[0] || '{"model": "", "action": "findMany", "args": {"limit": 5}}');
  const out = h('div', { id: 'repl-out' });
  const list = h('ul', { class: 'history' });
  const drawHistory = () => list.replaceChildren(...history.slice(0, 20).map(x => h('li', { onclick: () => { text.value = x; } }, x)));
  const run = async () => {
    let request;
    try { request = JSON.parse(text.value); } catch (e) { out.replaceChildren(h('div', { class: 'error' }, 'not JSON: ' + e.message)); return; }
    history.unshift(text.value);
    localStorage.setItem('litestone.history', JSON.stringify(history.slice(0, 50)));
    drawHistory();
    const res = await api('/api/repl', request);
    out.replaceChildren(
      res.error ? h('div', { class: 'error' }, errorText(res.error)) : h('pre', {}, JSON.stringify(res.result, null, 2)),
      h('h4', {}, `SQL (${(res.ms || 0).toFixed(2)} ms total)`),
      h('div', { class: 'queries' }, (res.queries || []).map(q => h('pre', {}, `${q.sql}\n-- params ${JSON.stringify(q.params)} · ${q.ms.toFixed(3)} ms · ${q.rows} rows`))));
  };
  text.addEventListener('keydown', e => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) run(); });
  drawHistory();
  $page.replaceChildren(h('div', { class: 'toolbar' }, h('button', { id: 'repl-run', onclick: run }, 'Run (Ctrl+Enter)')), text, out, h('h4', {}, 'History'), list);
}

// ---- schema.lite editor ----------------------------------------------------------
async function pageEditor() {
  const file = await api('/api/schema-file');
  if (file.error) { $page.replaceChildren(h('div', { class: 'error' }, errorText(file.error))); return; }
  const text = h('textarea', { id: 'editor-text', spellcheck: 'false', wrap: 'off' });
  text.value = file.text;
  const gutter = h('div', { class: 'gutter', id: 'gutter' });
  const diags = h('div', { id: 'diagnostics' });
  const status = h('span', { class: 'muted', id: 'editor-status' }, file.path);
  let timer = null;
  const drawGutter = bad => {
    const n = text.value.split('\n').length;
    gutter.replaceChildren(...Array.from({ length: n }, (_, i) => h('div', { class: bad.has(i + 1) ? 'bad' : '', 'data-line': i + 1 }, i + 1)));
  };
  const check = async () => {
    const res = await api('/api/schema-file/check', { text: text.value });
    const list = res.diagnostics || [];
    drawGutter(new Set(list.map(d => d.line)));
    diags.replaceChildren(...list.map(d => h('div', { class: 'diag', 'data-line': d.line }, `${d.line}:${d.column}: ${d.code ? d.code + ': ' : ''}${d.message}`)));
    status.textContent = list.length ? `${list.length} error(s)` : 'valid';
    return res;
  };
  text.addEventListener('input', () => { drawGutter(new Set()); clearTimeout(timer); timer = setTimeout(check, 600); });
  text.addEventListener('scroll', () => { gutter.scrollTop = text.scrollTop; });
  text.addEventListener('keydown', async e => {
    if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      const res = await api('/api/schema-file', { text: text.value });
      status.textContent = res.saved ? 'saved' : res.error ? errorText(res.error) : 'not saved: fix the errors first';
      state.schema = null;
    }
  });
  drawGutter(new Set());
  $page.replaceChildren(h('div', { class: 'toolbar' }, status, h('span', { class: 'muted' }, 'validates as you type · Ctrl+S saves')),
    h('div', { class: 'editor' }, gutter, text), diags);
  check();
}

// ---- Schema (ER diagram) ---------------------------------------------------------
async function pageSchema() {
  const s = await schema();
  const names = Object.keys(s.models);
  const dbs = [...new Set(names.map(n => s.models[n].database))];
  const colours = ['#2f6fed', '#1b998b', '#c2410c', '#7c3aed', '#be185d'];
  const pos = JSON.parse(localStorage.getItem('litestone.er') || '{}');
  const W = 200, cols = Math.max(1, Math.ceil(Math.sqrt(names.length)));
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'er');
  svg.setAttribute('width', String(cols * (W + 60) + 40));
  svg.setAttribute('height', String(Math.ceil(names.length / cols) * 260 + 40));
  const el = (tag, attrs, text) => { const e = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); if (text) e.textContent = text; return e; };
  const boxes = {};
  names.forEach((n, i) => {
    const m = s.models[n];
    const fields = Object.entries(m.fields);
    const p = pos[n] || { x: 20 + (i % cols) * (W + 60), y: 20 + Math.floor(i / cols) * 260 };
    const g = el('g', { class: 'box', 'data-model': n, transform: `translate(${p.x},${p.y})` });
    const colour = colours[dbs.indexOf(m.database) % colours.length];
    g.append(el('rect', { width: W, height: 32 + fields.length * 18, fill: '#fff', stroke: colour, rx: 4 }));
    g.append(el('rect', { width: W, height: 24, fill: colour, rx: 4 }));
    g.append(el('text', { x: 8, y: 17, fill: '#fff', 'font-weight': 'bold' }, n + (m.database !== 'main' ? ` · ${m.database}` : '')));
    fields.forEach(([fn, f], j) => g.append(el('text', { x: 8, y: 40 + j * 18, 'font-size': 12, fill: f.relation ? colour : '#1d2330' }, `${fn}: ${f.type}${f.list ? '[]' : ''}${f.optional ? '?' : ''}`)));
    boxes[n] = { g, p, h: 32 + fields.length * 18 };
    svg.append(g);
  });
  const lines = [];
  names.forEach(n => Object.values(s.models[n].fields).forEach(f => {
    if (f.relation && f.relation.model && boxes[f.relation.model] && f.relation.fields && f.relation.fields.length) {
      const line = el('line', { stroke: '#94a3b8', 'stroke-width': 1.5 });
      svg.insertBefore(line, svg.firstChild);
      lines.push({ line, a: n, b: f.relation.model });
    }
  }));
  const drawLines = () => lines.forEach(({ line, a, b }) => {
    const A = boxes[a], B = boxes[b];
    line.setAttribute('x1', A.p.x + W / 2); line.setAttribute('y1', A.p.y + A.h / 2);
    line.setAttribute('x2', B.p.x + W / 2); line.setAttribute('y2', B.p.y + B.h / 2);
  });
  drawLines();
  let drag = null;
  svg.addEventListener('mousedown', e => {
    const g = e.target.closest('g.box');
    if (g) drag = { n: g.dataset.model, x: e.clientX, y: e.clientY };
  });
  window.onmousemove = e => {
    if (!drag) return;
    const b = boxes[drag.n];
    b.p = { x: b.p.x + e.clientX - drag.x, y: b.p.y + e.clientY - drag.y };
    drag.x = e.clientX; drag.y = e.clientY;
    b.g.setAttribute('transform', `translate(${b.p.x},${b.p.y})`);
    drawLines();
  };
  window.onmouseup = () => {
    if (!drag) return;
    drag = null;
    localStorage.setItem('litestone.er', JSON.stringify(Object.fromEntries(Object.entries(boxes).map(([n, b]) => [n, b.p]))));
  };
  $page.replaceChildren(h('p', { class: 'muted' }, `databases: ${dbs.join(', ')} · drag the boxes`), svg);
}

// ---- Migrations, Stats -------------------------------------------------------------
async function pageMigrations() {
  const res = await api('/api/migrations');
  const entries = res.status && res.status.entries ? res.status.entries : (Array.isArray(res.status) ? res.status : []);
  $page.replaceChildren(
    h('h3', {}, 'Migrations'),
    res.statusError ? h('div', { class: 'error' }, errorText(res.statusError)) : resultTable(entries),
    h('h3', {}, 'Live diff (schema vs database)'),
    res.diffError ? h('div', { class: 'error' }, errorText(res.diffError)) : h('pre', { id: 'diff' }, JSON.stringify(res.diff, null, 2)));
}

async function pageStats() {
  const res = await api('/api/stats');
  const info = await api('/api/models');
  const dbRows = Object.entries(res.databases || {}).map(([name, d]) => ({ database: name, ...d }));
  $page.replaceChildren(h('h3', {}, 'Databases'), resultTable(dbRows),
    h('h3', {}, 'main database'), resultTable([res.main || {}]),
    h('h3', {}, 'Statement cache'), resultTable([res.statementCache || {}]),
    h('h3', {}, 'Rows'), resultTable((info.models || []).map(m => ({ model: m.name, database: m.database, rows: m.count }))));
}

// ---- Performance ---------------------------------------------------------------------
function pagePerformance() {
  const text = h('textarea', { id: 'perf-text', spellcheck: 'false' }, sessionStorage.getItem('litestone.perf') || '{"model": "", "action": "findMany", "args": {"where": {}}}');
  const out = h('div', { id: 'perf-out' });
  const run = async () => {
    sessionStorage.setItem('litestone.perf', text.value);
    let request;
    try { request = JSON.parse(text.value); } catch (e) { out.replaceChildren(h('div', { class: 'error' }, 'not JSON: ' + e.message)); return; }
    const res = await api('/api/explain', request);
    if (res.error) { out.replaceChildren(h('div', { class: 'error' }, errorText(res.error))); return; }
    out.replaceChildren(...res.statements.map(st => h('div', {},
      h('pre', {}, `${st.sql}\n-- params ${JSON.stringify(st.params)} · ${st.ms.toFixed(3)} ms`),
      resultTable(st.plan),
      st.advice.length ? h('ul', { class: 'advice' }, st.advice.map(a => h('li', {}, a))) : h('p', { class: 'muted' }, 'no advice: the plan uses indexes'))));
  };
  $page.replaceChildren(h('div', { class: 'toolbar' }, h('button', { id: 'perf-run', onclick: run }, 'Explain')), text, out);
}

// ---- Acting as -------------------------------------------------------------------------
async function pageActing() {
  const s = await schema();
  const authModel = Object.keys(s.models).find(n => s.models[n].auth);
  const clear = h('button', { class: 'plain', id: 'act-clear', onclick: () => { setActAs(null); pageActing(); } }, 'Stop acting (system)');
  if (!authModel) { $page.replaceChildren(h('p', { class: 'muted' }, 'The schema has no @@auth model: the Studio runs as system.'), clear); return; }
  const saved = state.actAs;
  state.actAs = null;  // list every row of the auth model, as system
  const res = await call(authModel, 'findMany', { limit: 100 });
  state.actAs = saved;
  if (res.error) { $page.replaceChildren(h('div', { class: 'error' }, errorText(res.error))); return; }
  const rows = res.result.map(r => h('tr', {},
    h('td', {}, h('button', { class: 'plain act', onclick: () => { setActAs(r); pageActing(); } }, 'act as')),
    h('td', {}, JSON.stringify(r))));
  $page.replaceChildren(h('p', {}, `Pick a row of ${authModel}: every page then runs with that user's policies.`), clear,
    h('table', {}, h('tbody', {}, rows)));
}

function setActAs(row) {
  state.actAs = row;
  if (row) sessionStorage.setItem('litestone.actAs', JSON.stringify(row)); else sessionStorage.removeItem('litestone.actAs');
  renderActing();
}

// ---- routing ------------------------------------------------------------------------------
const pages = { browse: pageBrowse, sql: pageSql, repl: pageRepl, editor: pageEditor, schema: pageSchema,
  migrations: pageMigrations, stats: pageStats, performance: pagePerformance, acting: pageActing };

async function route() {
  const name = (location.hash || '#browse').slice(1);
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.getAttribute('href') === '#' + name));
  window.onmousemove = null; window.onmouseup = null;
  document.body.dataset.page = name;
  document.body.dataset.ready = 'false';
  try {
    await (pages[name] || pageBrowse)();
  } catch (e) {
    $page.replaceChildren(h('div', { class: 'error' }, 'the page failed: ' + e.message));
  }
  document.body.dataset.ready = 'true';
}

window.addEventListener('hashchange', route);
renderActing();
route();

// The dashboard's shared pieces: the signed-in session, the label dictionary, API calls with
// the tenant token, DOM building, charts and
// number formats. No framework and no build step: a browser loads these modules as they are.
// Data only ever becomes text nodes (textContent), never parsed as HTML.

const SESSION = 'reservoir.dashboard';

/** Tenant, token, language and as-of date; kept in sessionStorage (gone when the tab closes). */
export const state = {
  tenant: null,
  token: null,
  lang: 'en',
  asOf: '',
  labels: {},
};

export function loadSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SESSION) || '{}');
    state.tenant = typeof saved.tenant === 'string' ? saved.tenant : null;
    state.token = typeof saved.token === 'string' ? saved.token : null;
    state.lang = saved.lang === 'zh' ? 'zh' : (saved.lang === 'en' ? 'en' : defaultLang());
    state.asOf = typeof saved.asOf === 'string' ? saved.asOf : '';
  } catch (e) {
    state.lang = defaultLang();
  }
}

export function saveSession() {
  sessionStorage.setItem(SESSION, JSON.stringify({
    tenant: state.tenant, token: state.token, lang: state.lang, asOf: state.asOf,
  }));
}

function defaultLang() {
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** labels.json: every key has an "en" and a "zh" text (checked by DashboardLabelsTest). */
export async function loadLabels() {
  const response = await fetch('labels.json', { cache: 'no-cache' });
  state.labels = await response.json();
}

/** The label of key in the current language; {0}, {1}, ... replaced by args. */
export function t(key, ...args) {
  const entry = state.labels[key];
  let text = entry ? entry[state.lang] : key;
  args.forEach((a, i) => { text = text.split('{' + i + '}').join(String(a)); });
  return text;
}

/** Every element with data-label gets its text (and data-label-title its title) anew. */
export function applyLabels(root) {
  root.querySelectorAll('[data-label]').forEach((e) => { e.textContent = t(e.dataset.label); });
  root.querySelectorAll('[data-label-placeholder]').forEach((e) => { e.placeholder = t(e.dataset.labelPlaceholder); });
  root.querySelectorAll('[data-label-aria]').forEach((e) => { e.setAttribute('aria-label', t(e.dataset.labelAria)); });
}

/** An API error in the server's one shape ({"error": {status, code, message}}). */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Query string of params (arrays repeat the parameter), with lang and the shared as-of date. */
export function query(params, withAsOf = true) {
  const q = new URLSearchParams();
  Object.entries(params || {}).forEach(([k, v]) => {
    if (Array.isArray(v)) {
      v.forEach((x) => q.append(k, x));
    } else if (v !== undefined && v !== null && v !== '') {
      q.append(k, String(v));
    }
  });
  if (withAsOf && state.asOf && !q.has('as_of')) {
    q.append('as_of', state.asOf);
  }
  q.append('lang', state.lang);
  return q;
}

/** The tenant's route path (under /t/{tenant}) as a URL relative to this page. */
export function tenantUrl(path, params, withAsOf = true) {
  return '/t/' + encodeURIComponent(state.tenant) + path + '?' + query(params, withAsOf).toString();
}

let onUnauthorized = () => {};
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

async function call(path, params, withAsOf) {
  const response = await fetch(tenantUrl(path, params, withAsOf), {
    headers: { Authorization: 'Bearer ' + state.token },
    cache: 'no-store',
  });
  if (!response.ok) {
    let code = 'HTTP_' + response.status;
    let message = response.statusText;
    try {
      const body = await response.json();
      code = body.error.code;
      message = body.error.message;
    } catch (e) {
      // not the error shape: keep the status line
    }
    if (response.status === 401) {
      onUnauthorized(message);
    }
    throw new ApiError(response.status, code, message);
  }
  return response;
}

/** GET a tenant route as JSON. */
export async function api(path, params, withAsOf = true) {
  return (await call(path, params, withAsOf)).json();
}

/** GET a tenant route as CSV and hand it to the browser as a download named file. */
export async function download(path, params, file) {
  const response = await call(path, Object.assign({}, params, { format: 'csv' }), true);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * An element: props {class, text, label, title, attrs, on, dataset}; children are nodes or
 * strings (added as text nodes). Data only ever becomes text.
 */
export function el(tag, props, ...children) {
  const e = document.createElement(tag);
  const p = props || {};
  if (p.class) e.className = p.class;
  if (p.label) { e.dataset.label = p.label; e.textContent = t(p.label); }
  if (p.text !== undefined && p.text !== null) e.textContent = String(p.text);
  if (p.title) e.title = p.title;
  Object.entries(p.attrs || {}).forEach(([k, v]) => { if (v !== undefined && v !== null) e.setAttribute(k, String(v)); });
  Object.entries(p.dataset || {}).forEach(([k, v]) => { e.dataset[k] = String(v); });
  Object.entries(p.on || {}).forEach(([k, v]) => e.addEventListener(k, v));
  children.flat().forEach((c) => {
    if (c === null || c === undefined || c === false) return;
    e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  });
  return e;
}

/** A link to another page of the dashboard (hash route). */
export function link(route, text) {
  return el('a', { attrs: { href: '#' + route }, text });
}

/** The route of a customer's profile page. */
export function customerRoute(id) {
  return '/customer/' + encodeURIComponent(id);
}

/**
 * A table: columns are {label, value(row) -> text or node, num (right-aligned)}; an empty list
 * shows the empty label instead.
 */
export function table(columns, rows, emptyLabel = 'empty.list') {
  if (!rows || rows.length === 0) {
    return el('p', { class: 'empty', label: emptyLabel });
  }
  const head = el('tr', null, columns.map((c) => el('th', { label: c.label, class: c.num ? 'num' : '' })));
  const body = rows.map((r) => el('tr', null, columns.map((c) => {
    const v = c.value(r);
    return el('td', { class: c.num ? 'num' : '' }, v instanceof Node ? v : (v === null || v === undefined ? '–' : String(v)));
  })));
  return el('div', { class: 'table-wrap' }, el('table', null, el('thead', null, head), el('tbody', null, body)));
}

/** A card: a titled box. */
export function card(titleLabel, ...children) {
  return el('section', { class: 'card' }, el('h2', { label: titleLabel }), ...children);
}

/** A figure heading whose hover text is its definition. */
export function heading(text, definition) {
  return el('h3', { text, title: definition || undefined });
}

export function errorBox(e) {
  return el('div', { class: 'error', attrs: { role: 'alert' } },
    el('strong', { text: e && e.code ? e.code : 'ERROR' }), ' ', el('span', { text: e && e.message ? e.message : String(e) }));
}

// ---- numbers

const locales = { en: 'en-US', zh: 'zh-CN' };

export function num(v) {
  return v === null || v === undefined ? null : Number(v).toLocaleString(locales[state.lang], { maximumFractionDigits: 2 });
}

export function pct(v) {
  return v === null || v === undefined ? null : (Number(v) * 100).toLocaleString(locales[state.lang], { maximumFractionDigits: 1 }) + '%';
}

export function money(v, currency) {
  if (v === null || v === undefined) return null;
  try {
    return Number(v).toLocaleString(locales[state.lang], { style: 'currency', currency: currency || 'CNY', maximumFractionDigits: 2 });
  } catch (e) {
    return num(v) + ' ' + currency;
  }
}

// ---- charts

const charts = new Set();

/** ECharts builds tooltips as HTML: any text from data placed there is escaped first. */
export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/**
 * A chart in a new element marked data-chart=name (the browser test reads its series back with
 * echarts.getInstanceByDom). Animation is off: what is drawn is final at once.
 */
export function chart(name, option, tall = false) {
  const box = el('div', { class: tall ? 'chart tall' : 'chart', dataset: { chart: name } });
  // Drawn once the element is in the page and has a size.
  requestAnimationFrame(() => {
    if (!box.isConnected) return;
    const instance = window.echarts.init(box, null, { renderer: 'canvas' });
    instance.setOption(Object.assign({ animation: false, textStyle: { fontFamily: 'inherit' } }, option));
    charts.add(instance);
    box.dataset.drawn = 'true';
  });
  return box;
}

/** Waits until every chart in root is drawn (charts are drawn on the next animation frame). */
export function chartsDrawn() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

export function disposeCharts() {
  charts.forEach((c) => c.dispose());
  charts.clear();
}

window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

/** Tooltip formatter for axis charts: the category and each series' value, escaped. */
export function axisTooltip(format) {
  return (items) => {
    const list = Array.isArray(items) ? items : [items];
    const lines = [escapeHtml(list[0].axisValueLabel || list[0].name)];
    list.forEach((i) => {
      const v = Array.isArray(i.value) ? i.value[i.value.length - 1] : i.value;
      lines.push(i.marker + escapeHtml(i.seriesName) + ': ' + escapeHtml(v === null || v === undefined ? '–' : format(v, i)));
    });
    return lines.join('<br>');
  };
}

export const palette = ['#2f6fb5', '#e0823d', '#3a9b5c', '#c24a4a', '#7d5bb5', '#8a7a4a', '#4aa3b0', '#b05c8f'];

/**
 * A parameter form for a page: fields are {name, label, type ('text', 'number', 'select'),
 * options [{value, label}], placeholder}. Submitting puts the values into the page's hash
 * route (#/route?name=value), so a page's parameters are part of its address.
 */
export function paramForm(route, fields, params) {
  const inputs = {};
  const controls = fields.map((f) => {
    let input;
    if (f.type === 'select') {
      input = el('select', { attrs: { name: f.name } }, f.options.map((o) => el('option', {
        attrs: { value: o.value }, label: o.label, text: o.label ? undefined : o.text,
      })));
    } else {
      input = el('input', { attrs: { name: f.name, type: f.type || 'text', min: f.min, placeholder: f.placeholder ? t(f.placeholder) : undefined } });
    }
    input.value = params[f.name] !== undefined ? params[f.name] : (f.value !== undefined ? f.value : '');
    inputs[f.name] = input;
    return el('label', { class: f.wide ? 'wide' : '' }, el('span', { label: f.label }), input);
  });
  return el('form', {
    class: 'params',
    on: {
      submit: (e) => {
        e.preventDefault();
        const q = new URLSearchParams();
        Object.entries(inputs).forEach(([k, i]) => { if (i.value.trim() !== '') q.set(k, i.value.trim()); });
        const target = '#/' + route + (q.toString() ? '?' + q.toString() : '');
        if (location.hash === target) {
          window.dispatchEvent(new HashChangeEvent('hashchange'));
        } else {
          location.hash = target;
        }
      },
    },
  }, controls, el('button', { attrs: { type: 'submit' }, label: 'control.apply' }));
}

/** A button that downloads a tenant route as CSV (the API's format=csv). */
export function exportButton(path, params, file) {
  const button = el('button', { attrs: { type: 'button' }, class: 'export', label: 'control.export_csv' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await download(path, params, file);
    } catch (e) {
      button.after(errorBox(e));
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/** Big numbers in a row (label above, value below). */
export function stats(items) {
  return el('div', { class: 'stats' }, items.map(([label, value]) => el('div', { class: 'stat' },
    el('span', { class: 'stat-label', label }), el('strong', { class: 'stat-value', text: value === null ? '–' : value }))));
}

// The dashboard's entry: sign-in, the language switch, the shared as-of date, the navigation
// and the hash router (#/report, #/retention, ..., #/customer/<id>). Each page is a module
// with render(view, params) that fills a fresh view element; the view says data-state
// loading / ready / error and data-page its page, which is what the browser test waits for.

import { state, loadSession, saveSession, loadLabels, t, applyLabels, el, errorBox, disposeCharts, chartsDrawn,
  whenUnauthorized, api } from './core.js';
import * as report from './report.js';
import * as retention from './retention.js';
import * as churn from './churn.js';
import * as funnels from './funnels.js';
import * as paths from './paths.js';
import * as segments from './segments.js';
import * as customers from './customers.js';
import * as profile from './profile.js';

const PAGES = [
  { route: 'report', label: 'nav.report', page: report },
  { route: 'retention', label: 'nav.retention', page: retention },
  { route: 'churn', label: 'nav.churn', page: churn },
  { route: 'funnels', label: 'nav.funnels', page: funnels },
  { route: 'paths', label: 'nav.paths', page: paths },
  { route: 'segments', label: 'nav.segments', page: segments },
  { route: 'customers', label: 'nav.customers', page: customers },
];
const HIDDEN_PAGES = [{ route: 'customer', page: profile }];

const $ = (id) => document.getElementById(id);
let rendering = 0;

/** The route and its parameters: #/customers?segment=x → {name: 'customers', params}; #/customer/ID → rest. */
function parseHash() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, search] = hash.split('?');
  const parts = path.split('/');
  const params = Object.fromEntries(new URLSearchParams(search || ''));
  if (parts.length > 1) {
    params.id = decodeURIComponent(parts.slice(1).join('/'));
  }
  return { name: parts[0] || 'report', params };
}

async function render() {
  const view = $('view');
  const signedIn = state.tenant && state.token;
  $('sign-in').hidden = !!signedIn;
  document.body.classList.toggle('signed-in', !!signedIn);
  if (!signedIn) {
    view.replaceChildren();
    view.dataset.state = 'signed-out';
    $('tenant').focus();
    return;
  }
  $('who').textContent = state.tenant;
  const { name, params } = parseHash();
  const entry = PAGES.concat(HIDDEN_PAGES).find((p) => p.route === name) || PAGES[0];
  document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('current', a.dataset.route === entry.route));
  const mine = ++rendering;
  disposeCharts();
  // A fresh element per render: a slower, older render fills a detached element, never this one.
  const fresh = el('div', { attrs: { id: 'view' }, dataset: { page: entry.route, state: 'loading' } });
  view.replaceWith(fresh);
  try {
    await entry.page.render(fresh, params);
    await chartsDrawn();
    if (mine === rendering) fresh.dataset.state = 'ready';
  } catch (e) {
    if (mine === rendering) {
      fresh.appendChild(errorBox(e));
      fresh.dataset.state = 'error';
    }
  }
}

function setLang(lang) {
  state.lang = lang;
  saveSession();
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('site.title');
  $('lang-zh').classList.toggle('current', lang === 'zh');
  $('lang-en').classList.toggle('current', lang === 'en');
  $('lang-zh').setAttribute('aria-pressed', String(lang === 'zh'));
  $('lang-en').setAttribute('aria-pressed', String(lang === 'en'));
  applyLabels(document.body);
}

function nav() {
  $('nav').replaceChildren(...PAGES.map((p) => el('a', {
    label: p.label, attrs: { href: '#/' + p.route }, dataset: { route: p.route },
  })));
}

async function signIn(event) {
  event.preventDefault();
  const error = $('sign-in-error');
  error.hidden = true;
  state.tenant = $('tenant').value.trim();
  state.token = $('token').value.trim();
  try {
    // The cheapest route of the tenant's: it checks the token against the tenant.
    await api('/metrics', {}, false);
    $('token').value = '';
    saveSession();
    if (location.hash.length > 1) {
      render();
    } else {
      location.hash = '#/report'; // renders on hashchange
    }
  } catch (e) {
    state.token = null;
    error.textContent = e.message;
    error.hidden = false;
  }
}

function signOut() {
  state.tenant = null;
  state.token = null;
  saveSession();
  render();
}

async function start() {
  loadSession();
  await loadLabels();
  nav();
  setLang(state.lang);
  $('as-of').value = state.asOf;
  $('as-of').addEventListener('change', () => {
    state.asOf = $('as-of').value;
    saveSession();
    render();
  });
  $('lang-zh').addEventListener('click', () => { setLang('zh'); render(); });
  $('lang-en').addEventListener('click', () => { setLang('en'); render(); });
  $('sign-in').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  whenUnauthorized((message) => {
    state.token = null;
    saveSession();
    render().then(() => {
      $('sign-in-error').textContent = message;
      $('sign-in-error').hidden = false;
    });
  });
  window.addEventListener('hashchange', render);
  render();
}

start();

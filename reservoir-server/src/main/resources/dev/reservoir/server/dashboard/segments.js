// Segments: RFM classes (GET /metrics/rfm: the eight classes, the R×F grid), lifecycle stages
// (GET /metrics/lifecycle: this week's stages and the weekly trend) and tags (GET
// /metrics/tags, the tenant's own tags.yaml). A class, stage or tag opens its customer list.

import { state, api, el, t, chart, card, table, num, pct, money, link, paramForm, heading, axisTooltip, palette,
  escapeHtml } from './core.js';
import { STAGES } from './report.js';
import { PRESETS } from './churn.js';

export const CLASSES = ['important-value', 'important-develop', 'important-keep', 'important-retain',
  'general-value', 'general-develop', 'general-keep', 'general-retain'];

function list(kind, value, text) {
  return link('/customers?kind=' + kind + '&value=' + encodeURIComponent(value), text);
}

export async function render(view, params) {
  view.appendChild(el('h1', { label: 'nav.segments' }));
  view.appendChild(paramForm('segments', [
    { name: 'scoring', label: 'param.scoring', type: 'select', options: [
      { value: '', label: 'param.default' }, { value: 'median', label: 'scoring.median' },
      { value: 'quintile', label: 'scoring.quintile' }, { value: 'mean', label: 'scoring.mean' }] },
    { name: 'preset', label: 'param.preset', type: 'select', options: PRESETS },
  ], params));
  const [rfm, lifecycle, tags] = await Promise.all([
    api('/metrics/rfm', { scoring: params.scoring }),
    api('/metrics/lifecycle', { preset: params.preset }),
    api('/metrics/tags', { preset: params.preset })]);

  const grid = rfm.rf_grid;
  const cells = [];
  grid.counts.forEach((row, r) => row.forEach((count, f) => cells.push([f, r, count])));
  const most = Math.max(1, ...cells.map((c) => c[2]));
  view.appendChild(card('segments.rfm',
    el('p', { class: 'note', text: t('segments.rfm_note', num(rfm.scored), rfm.definition.look_back_days, rfm.definition.scoring.mode) }),
    el('div', { class: 'two' },
      el('div', null, heading(t('segments.rfm_classes')), chart('rfm-classes', {
        tooltip: { trigger: 'axis', formatter: axisTooltip(num) },
        grid: { left: 48, right: 16, top: 16, bottom: 80 },
        xAxis: { type: 'category', data: rfm.classes.map((c) => t('rfm.' + c.class)), axisLabel: { interval: 0, rotate: 35 } },
        yAxis: { type: 'value' },
        series: [{ type: 'bar', name: t('col.customers'), color: palette[0], data: rfm.classes.map((c) => c.customers) }],
      })),
      el('div', null, heading(t('segments.rf_grid'), grid.rows + ' × ' + grid.columns), chart('rfm-grid', {
        tooltip: { formatter: (p) => escapeHtml('R ' + (p.value[1] + 1) + ' · F ' + (p.value[0] + 1) + ': ' + num(p.value[2])) },
        grid: { left: 56, right: 16, top: 16, bottom: 48 },
        xAxis: { type: 'category', name: t('segments.f_score'), nameLocation: 'middle', nameGap: 28,
          data: grid.counts[0].map((_, i) => String(i + 1)) },
        yAxis: { type: 'category', name: t('segments.r_score'), nameLocation: 'middle', nameGap: 32,
          data: grid.counts.map((_, i) => String(i + 1)) },
        visualMap: { min: 0, max: most, show: false, inRange: { color: ['#f2f6fb', '#2f6fb5'] } },
        series: [{ type: 'heatmap', name: t('col.customers'), data: cells, label: { show: true } }],
      }))),
    table([
      { label: 'col.class', value: (c) => list('segment', c.class, t('rfm.' + c.class)) },
      { label: 'col.rfm', value: (c) => c.rfm },
      { label: 'col.customers', value: (c) => num(c.customers), num: true },
      { label: 'col.customer_share', value: (c) => pct(c.customer_share), num: true },
      { label: 'col.money', value: (c) => money(c.money, rfm.currency), num: true },
      { label: 'col.money_share', value: (c) => pct(c.money_share), num: true },
    ], rfm.classes)));

  const counts = lifecycle.counts;
  view.appendChild(card('segments.lifecycle',
    el('p', { class: 'note', text: lifecycle.definition.stages }),
    el('div', { class: 'two' },
      el('div', null, heading(t('segments.stages_now', counts.as_of)), chart('lifecycle-stages', {
        tooltip: { trigger: 'axis', formatter: axisTooltip(num) },
        grid: { left: 48, right: 16, top: 16, bottom: 48 },
        xAxis: { type: 'category', data: STAGES.map((s) => t('stage.' + s)), axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: 'value' },
        series: [{ type: 'bar', name: t('col.customers'), color: palette[0], data: STAGES.map((s) => counts.stages[s]) }],
      })),
      el('div', null, heading(t('segments.stages_weekly')), chart('lifecycle-weekly', {
        tooltip: { trigger: 'axis', formatter: axisTooltip(num) },
        legend: { top: 0, type: 'scroll' },
        grid: { left: 48, right: 16, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: lifecycle.weekly.map((w) => w.as_of) },
        yAxis: { type: 'value' },
        series: STAGES.map((s, i) => ({ type: 'bar', stack: 'stages', name: t('stage.' + s), color: palette[i],
          data: lifecycle.weekly.map((w) => w.stages[s]) })),
      }))),
    table([
      { label: 'col.stage', value: (s) => list('stage', s, t('stage.' + s)) },
      { label: 'col.customers', value: (s) => num(counts.stages[s]), num: true },
    ], STAGES)));

  view.appendChild(card('segments.tags',
    tags.tags.length === 0 ? el('p', { class: 'empty', label: 'segments.no_tags' }) : table([
      { label: 'col.tag', value: (g) => list('tag', g.name, g.name) },
      { label: 'col.meaning', value: (g) => (state.lang === 'zh' ? g.zh : g.en) || '' },
      { label: 'col.rule', value: (g) => el('code', { text: g.rule }) },
      { label: 'col.customers', value: (g) => num(g.customers), num: true },
    ], tags.tags)));
}

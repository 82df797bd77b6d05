// The weekly customer-health report as a live page: GET /t/{t}/report?format=json (docs/report.md),
// each section with its figures, each figure's definition on hover of its heading and under it.
// A section the report leaves out (no data) is not shown.

import { api, el, t, chart, table, num, pct, money, heading, link, customerRoute, axisTooltip, palette, escapeHtml } from './core.js';

const WEEKS = ['this_week', 'last_week', 'four_weeks_ago'];
export const STAGES = ['acquired', 'converted', 'active', 'reactivated', 'silent', 'churned'];

/** The chart (or table) of each figure id; a figure id not listed shows its definition only. */
const FIGURES = {
  customers_this_week: (d) => chart('report-customers_this_week', {
    tooltip: { trigger: 'axis', formatter: axisTooltip(num) },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: ['report.new', 'report.active', 'report.churned'].map((k) => t(k)) },
    yAxis: { type: 'value' },
    series: d.weeks.map((w, i) => ({
      type: 'bar', name: t('week.' + w.week), color: palette[i],
      data: [w.new_customers, w.active_customers, w.churned_customers],
    })),
  }),
  churn_rate_weekly: (d) => rateChart('report-churn_rate_weekly', d.rows, 'rate', t('report.churn_rate')),
  churn_rate_monthly: (d) => rateChart('report-churn_rate_monthly', d.rows, 'rate', t('report.churn_rate')),
  repurchase_monthly: (d) => rateChart('report-repurchase_monthly', d.rows, 'rate', t('report.repurchase_rate')),
  cohort_retention: (d) => heatmap('report-cohort_retention', d.cohorts),
  lifecycle_stages: (d) => chart('report-lifecycle_stages', {
    tooltip: { trigger: 'axis', formatter: axisTooltip(num) },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 48 },
    xAxis: { type: 'category', data: STAGES.map((s) => t('stage.' + s)), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value' },
    series: d.weeks.map((w, i) => ({
      type: 'bar', name: t('week.' + w.week), color: palette[i], data: STAGES.map((s) => w.stages[s]),
    })),
  }),
  rfm_classes: (d) => el('div', null,
    chart('report-rfm_classes', {
      tooltip: { trigger: 'axis', formatter: axisTooltip(num) },
      grid: { left: 48, right: 16, top: 16, bottom: 72 },
      xAxis: { type: 'category', data: d.classes.map((c) => c.name), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', name: t('col.customers'), color: palette[0], data: d.classes.map((c) => c.customers) }],
    }),
    table([
      { label: 'col.class', value: (c) => link('/customers?segment=' + encodeURIComponent(c.class), c.name) },
      { label: 'col.rfm', value: (c) => c.rfm },
      { label: 'col.customers', value: (c) => num(c.customers), num: true },
      { label: 'col.customer_share', value: (c) => pct(c.customer_share), num: true },
      { label: 'col.money', value: (c) => money(c.money, d.currency), num: true },
      { label: 'col.money_share', value: (c) => pct(c.money_share), num: true },
    ], d.classes)),
  at_risk_customers: (d) => el('div', null,
    el('p', { class: 'note', text: t('report.at_risk_total', num(d.shown), num(d.customers_total), money(d.money_total, d.currency)) }),
    table([
      { label: 'col.customer', value: (c) => link(customerRoute(c.customer_id), c.customer_id) },
      { label: 'col.last_activity', value: (c) => c.last_activity },
      { label: 'col.days_silent', value: (c) => num(c.days_silent), num: true },
      { label: 'col.orders', value: (c) => num(c.orders), num: true },
      { label: 'col.money', value: (c) => money(c.money, d.currency), num: true },
    ], d.customers)),
  churn_reasons: (d) => el('div', null,
    reasonChart('report-churn_reasons', d.reasons, 'customers', t('col.customers')),
    table([
      { label: 'col.reason', value: (r) => r.label },
      { label: 'col.customers', value: (r) => num(r.customers), num: true },
      { label: 'col.share', value: (r) => pct(r.share), num: true },
      { label: 'col.from_complaints', value: (r) => num(r.from_complaints), num: true },
      { label: 'col.from_surveys', value: (r) => num(r.from_surveys), num: true },
    ], d.reasons)),
  complaints: (d) => el('div', null,
    reasonChart('report-complaints', d.reasons, 'complaints', t('col.complaints')),
    table([
      { label: 'col.reason', value: (r) => r.label },
      { label: 'col.complaints', value: (r) => num(r.complaints), num: true },
      { label: 'col.customers', value: (r) => num(r.customers), num: true },
      { label: 'col.share', value: (r) => pct(r.share), num: true },
    ], d.reasons)),
  sessions_weekly: (d) => table([
    { label: 'col.week', value: (w) => t('week.' + w.week) + ' (' + w.start + ' – ' + w.end + ')' },
    { label: 'col.visitors', value: (w) => num(w.visitors), num: true },
    { label: 'col.sessions', value: (w) => num(w.sessions), num: true },
    { label: 'col.page_views', value: (w) => num(w.page_views), num: true },
    { label: 'col.bounce_rate', value: (w) => pct(w.bounce_rate), num: true },
    { label: 'col.pages_per_session', value: (w) => num(w.pages_per_session), num: true },
  ], d.weeks),
};

/** Reasons as horizontal bars, the most frequent on top (labels are the report's, or the stated code). */
function reasonChart(name, reasons, field, seriesName) {
  return chart(name, {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: axisTooltip(num) },
    grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: reasons.map((r) => r.label) },
    series: [{ type: 'bar', name: seriesName, color: palette[3], data: reasons.map((r) => r[field]) }],
  });
}

/** A rate per period as a line (fractions; null where the denominator is 0). */
export function rateChart(name, rows, field, seriesName, extra) {
  return chart(name, {
    tooltip: { trigger: 'axis', formatter: axisTooltip((v, i) => (i.seriesType === 'bar' ? num(v) : pct(v))) },
    legend: extra ? { top: 0 } : undefined,
    grid: { left: 56, right: extra ? 56 : 16, top: extra ? 40 : 16, bottom: 32 },
    xAxis: { type: 'category', data: rows.map((r) => r.start) },
    yAxis: [{ type: 'value', axisLabel: { formatter: (v) => pct(v) } }].concat(extra ? [{ type: 'value' }] : []),
    series: [{ type: 'line', name: seriesName, color: palette[0], connectNulls: false, data: rows.map((r) => r[field]) }]
      .concat(extra ? [extra] : []),
  });
}

/**
 * A cohort retention heatmap: one row per cohort (its start), one column per offset; a cell is
 * [offset, cohort index, rate] for every cell whose rate is defined.
 */
export function heatmap(name, cohorts) {
  const offsets = Math.max(0, ...cohorts.map((c) => c.cells.length));
  const data = [];
  cohorts.forEach((c, y) => c.cells.forEach((cell) => {
    if (cell.rate !== null && cell.rate !== undefined) data.push([cell.offset, y, cell.rate]);
  }));
  return chart(name, {
    tooltip: {
      formatter: (p) => {
        const c = cohorts[p.value[1]];
        const cell = c.cells.find((x) => x.offset === p.value[0]);
        return [c.start, t('col.offset') + ' ' + p.value[0], pct(cell.rate) + ' (' + num(cell.retained) + ' / ' + num(c.size) + ')']
          .map(escapeHtml).join('<br>');
      },
    },
    grid: { left: 88, right: 16, top: 16, bottom: 64 },
    xAxis: { type: 'category', name: t('col.offset'), nameLocation: 'middle', nameGap: 28,
      data: Array.from({ length: offsets }, (_, i) => String(i)), splitArea: { show: true } },
    yAxis: { type: 'category', inverse: true, data: cohorts.map((c) => c.start + ' (' + c.size + ')'), splitArea: { show: true } },
    visualMap: { min: 0, max: 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
      show: false, inRange: { color: ['#f2f6fb', '#2f6fb5'] } },
    series: [{ type: 'heatmap', name: t('col.retention'), data,
      label: { show: true, fontSize: 10, formatter: (p) => Math.round(p.value[2] * 100) + '' } }],
  }, true);
}

export async function render(view) {
  const report = await api('/report', { format: 'json' });
  view.appendChild(el('div', { class: 'page-head' },
    el('h1', { text: report.title }),
    el('p', { class: 'note', text: t('report.subtitle', report.tenant.id, report.as_of) })));
  if (report.sections.length === 0) {
    view.appendChild(el('p', { class: 'empty', label: 'report.empty' }));
  }
  report.sections.forEach((section) => {
    const box = el('section', { class: 'card', dataset: { section: section.id } }, el('h2', { text: section.title }));
    section.figures.forEach((figure) => {
      const draw = FIGURES[figure.id];
      box.appendChild(el('figure', { dataset: { figure: figure.id } },
        heading(figure.title, figure.definition.text),
        draw ? draw(figure.data) : null,
        el('figcaption', { class: 'definition' }, el('span', { text: figure.definition.text }), ' ',
          el('code', { text: figure.definition.ref }))));
    });
    view.appendChild(box);
  });
}

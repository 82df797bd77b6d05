// Churn: the churn rate trend (GET /metrics/churn) and the two lists to act on, the churned
// customers (GET /metrics/warn?churned=true) and the warning list of silent customers (GET
// /metrics/warn), each exportable as the API's CSV. A customer id opens the profile page.

import { api, el, t, card, table, num, money, link, customerRoute, paramForm, exportButton, palette } from './core.js';
import { rateChart } from './report.js';

export const PRESETS = [
  { value: '', label: 'param.default' }, { value: 'food-delivery', label: 'preset.food_delivery' },
  { value: 'apparel', label: 'preset.apparel' }, { value: 'education', label: 'preset.education' },
  { value: 'auto', label: 'preset.auto' }];

function customerList(list, currency) {
  return table([
    { label: 'col.customer', value: (c) => link(customerRoute(c.customer_id), c.customer_id) },
    { label: 'col.last_activity', value: (c) => c.last_activity },
    { label: 'col.days_silent', value: (c) => num(c.days_silent), num: true },
    { label: 'col.orders', value: (c) => num(c.orders), num: true },
    { label: 'col.money', value: (c) => money(c.money, currency), num: true },
  ], list.customers);
}

export async function render(view, params) {
  const rule = { preset: params.preset };
  view.appendChild(el('h1', { label: 'nav.churn' }));
  view.appendChild(paramForm('churn', [
    { name: 'preset', label: 'param.preset', type: 'select', options: PRESETS },
    { name: 'period', label: 'param.period', type: 'select', options: [
      { value: '', label: 'param.default' }, { value: 'month', label: 'period.month' },
      { value: 'week', label: 'period.week' }] },
  ], params));
  const [trend, churned, silent] = await Promise.all([
    api('/metrics/churn', Object.assign({ period: params.period }, rule)),
    api('/metrics/warn', Object.assign({ churned: 'true' }, rule)),
    api('/metrics/warn', rule)]);
  const d = trend.definition;
  view.appendChild(card('churn.trend',
    el('p', { class: 'note', text: t('churn.definition', d.churn_days, d.warning_days, (d.activity || []).join(', '), d.preset || '–') }),
    rateChart('churn-trend', trend.rows, 'rate', t('report.churn_rate'), {
      type: 'bar', name: t('col.churned'), yAxisIndex: 1, color: palette[1], data: trend.rows.map((r) => r.churned),
    })));
  const asOf = trend.definition.as_of;
  view.appendChild(card('churn.churned_list',
    el('p', { class: 'note', text: t('churn.list_total', num(churned.shown), num(churned.total)) }),
    exportButton('/metrics/warn', Object.assign({ churned: 'true', limit: 0 }, rule), 'churned-' + asOf + '.csv'),
    el('div', { dataset: { list: 'churned' } }, customerList(churned, churned.currency))));
  view.appendChild(card('churn.warning_list',
    el('p', { class: 'note', text: t('churn.list_total', num(silent.shown), num(silent.total)) }),
    exportButton('/metrics/warn', Object.assign({ limit: 0 }, rule), 'silent-' + asOf + '.csv'),
    el('div', { dataset: { list: 'silent' } }, customerList(silent, silent.currency))));
}

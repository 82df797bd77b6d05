// Customer lists: the customers of an RFM class, a lifecycle stage or a tag, highest value first
// (GET /metrics/customers, reservoir customers' parameters), and the whole list as the API's CSV.

import { api, el, t, card, table, num, link, customerRoute, paramForm, exportButton } from './core.js';
import { STAGES } from './report.js';
import { CLASSES } from './segments.js';

export async function render(view, params) {
  // #/customers?segment=x (from the report) is #/customers?kind=segment&value=x.
  const kind = params.kind || (params.segment ? 'segment' : params.stage ? 'stage' : params.tag ? 'tag' : 'segment');
  const value = params.value || params[kind] || (kind === 'segment' ? CLASSES[0] : kind === 'stage' ? 'silent' : '');
  view.appendChild(el('h1', { label: 'nav.customers' }));
  view.appendChild(paramForm('customers', [
    { name: 'kind', label: 'customers.kind', type: 'select', value: kind, options: [
      { value: 'segment', label: 'customers.segment' }, { value: 'stage', label: 'customers.stage' },
      { value: 'tag', label: 'customers.tag' }] },
    { name: 'value', label: 'customers.value', value, placeholder: 'customers.value_hint' },
    { name: 'limit', label: 'customers.limit', type: 'number', min: 0, placeholder: 'customers.limit_hint' },
  ], Object.assign({}, params, { kind, value })));
  view.appendChild(el('p', { class: 'note' }, el('span', { label: 'customers.choices' }), ' ',
    ...CLASSES.map((c) => [link('/customers?kind=segment&value=' + c, t('rfm.' + c)), ' ']).flat(),
    ...STAGES.map((s) => [link('/customers?kind=stage&value=' + s, t('stage.' + s)), ' ']).flat()));
  if (value === '') {
    return;
  }
  const selection = { [kind]: value };
  const list = await api('/metrics/customers', Object.assign({ limit: params.limit }, selection));
  const title = kind === 'segment' ? t('rfm.' + value) : kind === 'stage' ? t('stage.' + value) : value;
  view.appendChild(card('customers.list',
    el('h3', { text: title }),
    el('p', { class: 'note', text: t('churn.list_total', num(list.shown), num(list.total)) }),
    exportButton('/metrics/customers', Object.assign({ limit: 0 }, selection), kind + '-' + value + '.csv'),
    el('div', { dataset: { list: 'customers' } }, table([
      { label: 'col.customer', value: (c) => link(customerRoute(c.customer_id), c.customer_id) },
      { label: 'col.last_order', value: (c) => c.last_order },
      { label: 'col.orders', value: (c) => num(c.orders), num: true },
      { label: 'col.money_total', value: (c) => num(c.money_total), num: true },
      { label: 'col.recency', value: (c) => num(c.recency), num: true },
      { label: 'col.frequency', value: (c) => num(c.frequency), num: true },
      { label: 'col.money', value: (c) => num(c.money), num: true },
      { label: 'col.stage', value: (c) => (c.stage ? t('stage.' + c.stage) : null) },
      { label: 'col.class', value: (c) => (c.rfm ? t('rfm.' + c.rfm) : null) },
    ], list.customers))));
}

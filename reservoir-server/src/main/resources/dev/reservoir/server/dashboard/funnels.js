// Funnels: steps in order (event types, or pages with * wildcards), the window and the order
// rule, as reservoir funnel takes them; the people reaching each step as bars (GET
// /metrics/funnel) and who dropped out where (GET /metrics/funnel?drop_offs=true), exportable.

import { api, el, t, chart, card, table, num, pct, link, customerRoute, paramForm, exportButton, axisTooltip,
  palette } from './core.js';

export const DEFAULT_STEPS = 'page_view, add_to_cart, checkout, purchase';

export function steps(params) {
  return (params.steps || DEFAULT_STEPS).split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export async function render(view, params) {
  const query = { step: steps(params), window: params.window, order: params.order };
  view.appendChild(el('h1', { label: 'nav.funnels' }));
  view.appendChild(paramForm('funnels', [
    { name: 'steps', label: 'funnel.steps', value: DEFAULT_STEPS, wide: true },
    { name: 'window', label: 'funnel.window', placeholder: 'funnel.window_hint' },
    { name: 'order', label: 'funnel.order', type: 'select', options: [
      { value: '', label: 'param.default' }, { value: 'ordered', label: 'order.ordered' },
      { value: 'strict', label: 'order.strict' }, { value: 'any', label: 'order.any' }] },
  ], params));
  const [funnel, drops] = await Promise.all([api('/metrics/funnel', query),
    api('/metrics/funnel', Object.assign({ drop_offs: 'true' }, query))]);
  const group = funnel.groups[0];
  view.appendChild(card('funnel.title',
    el('p', { class: 'note', text: funnel.definition.text }),
    chart('funnel-steps', {
      tooltip: { trigger: 'axis', formatter: axisTooltip(num) },
      grid: { left: 56, right: 16, top: 16, bottom: 40 },
      xAxis: { type: 'category', data: group.steps.map((s) => s.name), axisLabel: { interval: 0 } },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', name: t('funnel.reached'), color: palette[0], data: group.steps.map((s) => s.reached),
        label: { show: true, position: 'top' } }],
    }),
    table([
      { label: 'funnel.step', value: (s) => s.step + '. ' + s.name },
      { label: 'funnel.reached', value: (s) => num(s.reached), num: true },
      { label: 'funnel.from_previous', value: (s) => pct(s.from_previous), num: true },
      { label: 'funnel.from_first', value: (s) => pct(s.from_first), num: true },
      { label: 'funnel.drop_off', value: (s) => num(s.drop_off), num: true },
      { label: 'funnel.median_seconds', value: (s) => num(s.median_seconds), num: true },
    ], group.steps)));
  view.appendChild(card('funnel.drop_offs',
    el('p', { class: 'note', text: t('funnel.drop_count', num(drops.count)) }),
    exportButton('/metrics/funnel', Object.assign({ drop_offs: 'true' }, query), 'drop-offs.csv'),
    table([
      { label: 'col.customer', value: (p) => (p.anonymous ? el('span', { text: p.id }) : link(customerRoute(p.id), p.id)) },
      { label: 'funnel.last_step', value: (p) => p.last_step + '. ' + p.last_step_name },
      { label: 'funnel.at', value: (p) => p.at },
    ], drops.drop_offs.slice(0, 100))));
}

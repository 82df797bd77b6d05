// Retention: the cohort heatmap (GET /metrics/retention, reservoir retention's parameters) and
// activity (GET /metrics/activity): DAU per day over the stickiness window, WAU, MAU, stickiness.

import { api, el, t, chart, card, heading, num, pct, paramForm, stats, axisTooltip, palette } from './core.js';
import { heatmap } from './report.js';

export async function render(view, params) {
  const query = { period: params.period, mode: params.mode };
  view.appendChild(el('h1', { label: 'nav.retention' }));
  view.appendChild(paramForm('retention', [
    { name: 'period', label: 'param.period', type: 'select', options: [
      { value: '', label: 'param.default' }, { value: 'month', label: 'period.month' },
      { value: 'week', label: 'period.week' }, { value: 'day', label: 'period.day' }] },
    { name: 'mode', label: 'param.mode', type: 'select', options: [
      { value: '', label: 'param.default' }, { value: 'on', label: 'mode.on' },
      { value: 'on-or-after', label: 'mode.on_or_after' }, { value: 'within', label: 'mode.within' }] },
  ], params));
  const [retention, activity] = await Promise.all([api('/metrics/retention', query), api('/metrics/activity', {})]);
  const d = retention.definition;
  view.appendChild(card('retention.cohorts',
    el('p', { class: 'note', text: t('retention.definition', d.entry, (d.returning || []).join(', '), d.period, d.mode) }),
    heatmap('retention-heatmap', retention.cohorts)));
  view.appendChild(card('activity.title',
    el('p', { class: 'note', text: activity.definition }),
    stats([
      ['activity.dau', num(activity.dau)],
      ['activity.wau', num(activity.wau.customers)],
      ['activity.mau', num(activity.mau.customers)],
      ['activity.stickiness', pct(activity.stickiness)],
    ]),
    heading(t('activity.daily')),
    chart('activity-dau', {
      tooltip: { trigger: 'axis', formatter: axisTooltip(num) },
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: activity.daily.map((x) => x.date) },
      yAxis: { type: 'value' },
      series: [{ type: 'line', name: t('activity.dau'), color: palette[0], data: activity.daily.map((x) => x.dau) }],
    })));
}

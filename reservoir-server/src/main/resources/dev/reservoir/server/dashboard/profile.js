// A customer's profile and timeline: GET /t/{t}/customers/{id} (the customer lookup,
// docs/server.md "Customer lookup"): segments and tags, the tag facts, the profile, predictions
// when the tenant has saved models, and the latest events, newest first.

import { api, el, t, card, chart, num, pct, money, link, paramForm, axisTooltip, palette } from './core.js';

export const EVENT_TYPES = ['register', 'visit', 'page_view', 'add_to_cart', 'checkout', 'purchase', 'refund', 'group_join',
  'group_leave', 'complaint', 'review', 'survey', 'message_sent', 'coupon_sent', 'coupon_redeemed'];

/** A definition list of [label key, value] pairs; a missing value shows as –. */
function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.filter((p) => p !== null).map(([label, value]) => [
    el('dt', { label }), el('dd', null, value instanceof Node ? value : (value === null || value === undefined || value === '' ? '–' : String(value)))]).flat());
}

function yesNo(v) {
  return v === null || v === undefined ? null : t(v ? 'profile.yes' : 'profile.no');
}

function keyValues(object) {
  const entries = Object.entries(object || {});
  return entries.length === 0 ? null : entries.map(([k, v]) => k + ' = ' + v).join(', ');
}

/** What an event says besides its time and type: the fields that are set, as text. */
function details(e, currency) {
  const parts = [];
  if (e.order_id) parts.push(t('profile.order') + ' ' + e.order_id);
  if (e.amount !== null && e.amount !== undefined) parts.push(money(e.amount, e.currency || currency));
  if (e.quantity !== null && e.quantity !== undefined) parts.push('× ' + e.quantity);
  ['page', 'item_id', 'category', 'store_id', 'channel'].forEach((f) => { if (e[f]) parts.push(e[f]); });
  const props = keyValues(e.properties);
  if (props) parts.push(props);
  return parts.join(' · ');
}

export async function render(view, params) {
  const id = params.id;
  view.appendChild(el('h1', { class: 'customer-id', text: id }));
  const limit = params.timeline;
  const c = await api('/customers/' + encodeURIComponent(id), { timeline: limit });
  const currency = c.tenant.currency;
  view.appendChild(el('p', { class: 'note', text: t('report.subtitle', c.tenant.id, c.as_of) }));

  const s = c.segments;
  view.appendChild(card('profile.segments', facts([
    ['profile.lifecycle_stage', s.lifecycle_stage ? link('/customers?kind=stage&value=' + encodeURIComponent(s.lifecycle_stage.code),
      t('stage.' + s.lifecycle_stage.code)) : null],
    ['profile.usage_stage', s.usage_stage ? t('stage.' + s.usage_stage.code) : null],
    ['profile.rfm_class', s.rfm_class ? el('span', null, link('/customers?kind=segment&value=' + encodeURIComponent(s.rfm_class.code),
      t('rfm.' + s.rfm_class.code)), ' ' + s.rfm_class.rfm) : null],
    s.quadrant ? ['profile.quadrant', s.quadrant.label] : null,
    ['profile.tags', c.tags.length === 0 ? null : el('span', { class: 'tags' },
      c.tags.map((tag) => [link('/customers?kind=tag&value=' + encodeURIComponent(tag), tag), ' ']).flat())],
  ])));

  const f = c.facts;
  view.appendChild(card('profile.facts', facts([
    ['col.orders', num(f.orders)],
    ['col.money_total', money(f.money_total, currency)],
    ['profile.recency', num(f.recency)],
    ['col.frequency', num(f.frequency)],
    ['col.money', money(f.money, currency)],
    ['profile.days_inactive', num(f.days_inactive)],
    ['profile.tenure', num(f.tenure)],
    ['profile.refunds', num(f.refunds)],
    ['profile.complaints', num(f.complaints)],
    ['profile.reviews', num(f.reviews)],
    ['profile.categories', (f.categories || []).join(', ')],
  ])));

  const p = c.profile;
  view.appendChild(card('profile.profile', facts([
    ['profile.registered', p.registered],
    ['profile.first_seen', p.first_seen],
    ['profile.last_seen', p.last_seen],
    ['profile.paid_member', yesNo(p.paid_member)],
    ['profile.member_tier', p.member_tier],
    ['profile.store', p.store_id],
    ['profile.channel', p.channel],
    ['profile.attributes', keyValues(p.attributes)],
    p.identified_visitors ? ['profile.visitors', p.identified_visitors.join(', ')] : null,
  ])));

  if (c.predictions) {
    const buy = c.predictions.purchase;
    const risk = c.predictions.risk;
    view.appendChild(card('profile.predictions', facts([
      buy ? ['profile.p_alive', pct(buy.p_alive)] : null,
      buy ? ['profile.expected_purchases', t('profile.in_days', num(buy.expected_purchases), buy.horizon_days)] : null,
      buy && buy.predicted_value !== null && buy.predicted_value !== undefined ? ['profile.predicted_value', money(buy.predicted_value, currency)] : null,
      risk && risk.scored ? ['profile.churn_risk', pct(risk.churn_risk)] : null,
      risk && risk.scored && risk.risk_tier ? ['profile.risk_tier', risk.risk_tier.label] : null,
      risk && risk.scored && risk.value_at_risk !== null ? ['profile.value_at_risk', money(risk.value_at_risk, currency)] : null,
      risk && !risk.scored ? ['profile.churn_risk', t('profile.not_scored')] : null,
    ])));
  }

  const events = c.timeline.events;
  // Money spent per day on the shown purchases, oldest day first.
  const byDay = new Map();
  events.slice().reverse().filter((e) => e.type === 'purchase' && e.amount !== null)
    .forEach((e) => byDay.set(e.local_date, (byDay.get(e.local_date) || 0) + Number(e.amount)));
  view.appendChild(card('profile.timeline',
    paramForm('customer/' + encodeURIComponent(id), [
      { name: 'timeline', label: 'profile.timeline_limit', type: 'number', min: 0, placeholder: 'customers.limit_hint' }], params),
    el('p', { class: 'note', text: t('profile.timeline_total', num(c.timeline.shown), num(c.timeline.total)) }),
    byDay.size === 0 ? null : chart('profile-purchases', {
      tooltip: { trigger: 'axis', formatter: axisTooltip((v) => money(v, currency)) },
      grid: { left: 56, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: Array.from(byDay.keys()) },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', name: t('profile.purchase_amount'), color: palette[0], data: Array.from(byDay.values()) }],
    }),
    el('ol', { class: 'timeline', dataset: { list: 'timeline' } }, events.map((e) => el('li', { dataset: { event: e.event_id } },
      // In the tenant's zone already: the date and time without the offset.
      el('time', { text: e.occurred_at.slice(0, 19).replace('T', ' '), attrs: { datetime: e.occurred_at } }),
      el('strong', { text: EVENT_TYPES.includes(e.type) ? t('event.' + e.type) : e.type }),
      el('span', { text: details(e, currency) }))))));
}

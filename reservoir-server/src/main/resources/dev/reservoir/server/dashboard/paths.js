// Paths: the most common next (or previous) steps after a start step in sessions, and every
// step-to-step transition as a Sankey chart (GET /metrics/paths, reservoir paths' parameters).
// A node is a step at a position ("2 · /menu"): the same page at two positions is two nodes,
// so the chart never loops.

import { api, el, t, chart, card, table, num, pct, paramForm, escapeHtml } from './core.js';

/** The Sankey's node name of a step at a position. */
export function node(position, step) {
  return position + ' · ' + step;
}

export async function render(view, params) {
  const query = { start: params.start, steps: params.steps, before: params.before === 'true' ? 'true' : undefined };
  view.appendChild(el('h1', { label: 'nav.paths' }));
  view.appendChild(paramForm('paths', [
    { name: 'start', label: 'paths.start', placeholder: 'paths.start_hint' },
    { name: 'steps', label: 'paths.steps', type: 'number', min: 1, placeholder: 'paths.steps_hint' },
    { name: 'before', label: 'paths.direction', type: 'select', options: [
      { value: '', label: 'paths.next' }, { value: 'true', label: 'paths.before' }] },
  ], params));
  const paths = await api('/metrics/paths', query);
  const names = new Set();
  const links = paths.transitions.map((x) => {
    const source = node(x.position, x.from);
    const target = node(x.position + 1, x.to);
    names.add(source);
    names.add(target);
    return { source, target, value: x.sessions };
  });
  view.appendChild(card('paths.sankey',
    el('p', { class: 'note', text: t('paths.summary', num(paths.sessions), num(paths.anchored_sessions), num(paths.distinct_paths)) }),
    el('p', { class: 'note', text: paths.definition }),
    links.length === 0 ? el('p', { class: 'empty', label: 'empty.list' }) : chart('paths-sankey', {
      tooltip: {
        trigger: 'item',
        formatter: (p) => (p.dataType === 'edge'
          ? escapeHtml(p.data.source) + ' → ' + escapeHtml(p.data.target) + ': ' + escapeHtml(num(p.data.value))
          : escapeHtml(p.name)),
      },
      series: [{
        type: 'sankey', left: 8, right: 120, top: 8, bottom: 8, nodeGap: 6, draggable: false,
        emphasis: { focus: 'adjacency' }, lineStyle: { color: 'gradient', opacity: 0.35 },
        label: { fontSize: 11 },
        data: Array.from(names).map((name) => ({ name })),
        links,
      }],
    }, true)));
  view.appendChild(card('paths.top',
    table([
      { label: 'paths.path', value: (p) => p.steps.join(' → ') },
      { label: 'col.sessions', value: (p) => num(p.sessions), num: true },
      { label: 'col.share', value: (p) => pct(p.share), num: true },
    ], paths.paths)));
}

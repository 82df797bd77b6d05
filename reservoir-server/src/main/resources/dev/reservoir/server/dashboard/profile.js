// A customer's profile and timeline: GET /t/{t}/customers/{id} (the customer lookup).

import { api, el, card } from './core.js';

export async function render(view, params) {
  view.appendChild(el('h1', { text: params.id }));
  const customer = await api('/customers/' + encodeURIComponent(params.id), {});
  view.appendChild(card('profile.title', el('pre', { text: JSON.stringify(customer, null, 2) })));
}

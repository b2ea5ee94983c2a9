// An ARIA 1.2 combobox (input + listbox popup) for the form picker and the medicine autocomplete.
// source(text) returns [{value, label, hint?}] — the page passes the core's name search.
import { h } from './dom.js';

export function combobox(input, listId, source) {
  const list = h('ul', { id: listId, role: 'listbox', class: 'lb', hidden: true });
  Object.entries({ role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, autocomplete: 'off' })
    .forEach(([k, v]) => input.setAttribute(k, v));
  let items = [];
  let active = -1;

  const render = () => {
    list.replaceChildren(...items.map((item, i) => h('li', {
      id: `${listId}-${i}`, role: 'option', 'aria-selected': String(i === active),
      onmousedown: (event) => { event.preventDefault(); choose(i); },
    }, item.label, item.hint ? h('span', { class: 'hint' }, ` — ${item.hint}`) : null)));
    const open = items.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', `${listId}-${active}`);
      list.children[active]?.scrollIntoView?.({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const open = () => { items = source(input.value) || []; active = -1; render(); };
  const close = () => { items = []; active = -1; render(); };
  const choose = (i) => {
    input.value = items[i].value;
    close();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // the input event above reopens the list with fresh matches; a chosen value should leave it closed
    close();
  };

  input.addEventListener('input', (event) => { if (event.isTrusted) open(); });
  input.addEventListener('focus', open);
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (event) => {
    const n = items.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!n) { open(); if (!items.length) return; }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const m = items.length;
      active = active < 0 ? (step > 0 ? 0 : m - 1) : (active + step + m) % m;
      render();
    } else if (event.key === 'Enter' && n && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape' && n) {
      event.preventDefault();
      close();
    }
  });
  return list;
}

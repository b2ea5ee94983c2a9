// A tiny element builder: h('p', {class: 'x', onclick}, 'text', child). Skips null/undefined/false children
// so nothing ever renders as "undefined". Attributes go through setAttribute (never a style attribute,
// which the Content-Security-Policy forbids); "on…" props become listeners.
const SVG = 'http://www.w3.org/2000/svg';

export function h(tag, props, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'value' || key === 'checked') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false || child === '') continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child);
  }
}

let counter = 0;
/** A unique id for label/aria wiring. */
export const uid = (prefix) => `${prefix}-${++counter}`;

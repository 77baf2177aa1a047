// Builds elements from data without ever parsing it as markup: every string from the API is set as text
// (textContent or an attribute value), so an Application message holding "<img onerror=...>" stays text.

/** Properties set on the element itself rather than as attributes (their live state matters). */
const PROPERTIES = new Set(['checked', 'disabled', 'open', 'value', 'selected', 'hidden']);

/**
 * h('a', {href: '#/x', class: 'c', onclick: fn}, 'text', child, [more]) builds one element. Null, undefined and
 * false children and properties are left out. Markup-parsing properties and style attributes are refused: the
 * content security policy forbids inline styles, and markup from data is never wanted.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'innerHTML' || key === 'outerHTML' || key === 'style' || key === 'srcdoc') {
      throw new Error(`dom: ${key} is not allowed`);
    }
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'href') {
      el.setAttribute('href', safeHref(value));
    } else if (PROPERTIES.has(key)) {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (nodes, strings, arrays of them); strings become text nodes. */
export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces an element's children in one step, so a refresh does not flicker. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Only in-page routes and http(s) links: a URL from data could otherwise be "javascript:". */
function safeHref(value) {
  const href = String(value);
  if (href.startsWith('#') || /^https?:\/\//i.test(href)) return href;
  throw new Error('dom: refused link ' + JSON.stringify(href));
}

let ids = 0;

/** A unique id for label/aria wiring. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

// The body of a WebDriver script (Browser.accessibilityProblems): checks the current document and returns its
// accessibility problems as readable sentences, each naming the element (tag#id.class "text"). Cheap checks a
// browser can answer by itself, not a full audit: accessible names of controls, alt text, duplicate ids,
// keyboard reach, and WCAG AA text contrast. Elements that are not rendered are not checked.

const problems = [];

const CONTROLS = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
  + '[role=button], [role=link], [role=checkbox], [role=radio], [role=switch], [role=tab], [role=menuitem], '
  + '[role=option], [role=combobox], [role=textbox]';
const NATIVELY_FOCUSABLE = 'a[href], button, input, select, textarea, summary, [contenteditable=""], '
  + '[contenteditable=true]';

function squeeze(text) {
  return (text || '').replace(/\s+/g, ' ').trim();
}

function describe(el) {
  let d = el.tagName.toLowerCase();
  if (el.id) d += '#' + el.id;
  const classes = squeeze(typeof el.className === 'string' ? el.className : '');
  if (classes) d += '.' + classes.split(' ').join('.');
  if (el.tagName === 'INPUT') d += '[type=' + (el.getAttribute('type') || 'text') + ']';
  const text = squeeze(el.innerText || el.getAttribute('alt') || el.getAttribute('src') || '');
  if (text) d += ' "' + (text.length > 40 ? text.slice(0, 40) + '...' : text) + '"';
  return d;
}

function rendered(el) {
  if (!el.isConnected || el.getClientRects().length === 0) return false;
  const style = getComputedStyle(el);
  return style.visibility !== 'hidden' && style.visibility !== 'collapse';
}

// Visually hidden text (the 1px clip pattern for screen readers) has no contrast to speak of.
function visuallyHidden(el) {
  const r = el.getBoundingClientRect();
  return r.width <= 1 || r.height <= 1;
}

function textOf(el) {
  // An image inside a link or button names it through its alt.
  let text = squeeze(el.innerText || el.textContent);
  if (!text) {
    text = squeeze(Array.from(el.querySelectorAll('img[alt], [aria-label]'))
      .map(c => c.getAttribute('alt') || c.getAttribute('aria-label')).join(' '));
  }
  return text;
}

function accessibleName(el) {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = squeeze(labelledBy.split(/\s+/).map(id => document.getElementById(id))
      .filter(Boolean).map(l => l.textContent).join(' '));
    if (text) return text;
  }
  const label = squeeze(el.getAttribute('aria-label'));
  if (label) return label;
  if (el.labels && el.labels.length) {
    const text = squeeze(Array.from(el.labels).map(l => l.textContent).join(' '));
    if (text) return text;
  }
  const type = (el.getAttribute('type') || '').toLowerCase();
  if (el.tagName === 'INPUT') {
    if (['button', 'submit', 'reset'].includes(type)) return squeeze(el.value) || type;
    if (type === 'image') return squeeze(el.getAttribute('alt'));
    return squeeze(el.getAttribute('title'));
  }
  if (el.tagName === 'SELECT' || el.tagName === 'TEXTAREA') return squeeze(el.getAttribute('title'));
  return textOf(el) || squeeze(el.getAttribute('title'));
}

const controls = Array.from(document.querySelectorAll(CONTROLS)).filter(rendered);

for (const el of controls) {
  if (!accessibleName(el)) {
    problems.push(describe(el) + ' has no accessible name (text, aria-label, aria-labelledby or a <label for>;'
      + ' a placeholder is not a label)');
  }
  const disabled = el.disabled === true || el.getAttribute('aria-disabled') === 'true';
  if (!disabled && el.tabIndex < 0) {
    const why = el.hasAttribute('tabindex') ? 'tabindex ' + el.getAttribute('tabindex')
      : 'not focusable: give it tabindex="0"';
    problems.push(describe(el) + ' cannot be reached by keyboard (' + why + ')');
  }
}

// A click handler set as a property on an element that takes no focus (el.onclick = ...) is a control only
// the mouse can use; handlers added with addEventListener cannot be seen from here.
for (const el of document.querySelectorAll('body *')) {
  if (typeof el.onclick === 'function' && !el.matches(NATIVELY_FOCUSABLE) && !el.hasAttribute('tabindex')
      && rendered(el)) {
    problems.push(describe(el) + ' has a click handler but cannot be reached by keyboard (no tabindex)');
  }
}

for (const img of document.querySelectorAll('img')) {
  if (!img.hasAttribute('alt') && !img.hasAttribute('aria-label') && !img.hasAttribute('aria-labelledby')
      && img.getAttribute('role') !== 'presentation') {
    problems.push(describe(img) + ' has no alt text (alt="" if it is decoration)');
  }
}

const seen = new Map();
for (const el of document.querySelectorAll('[id]')) {
  seen.set(el.id, (seen.get(el.id) || 0) + 1);
}
for (const [id, count] of seen) {
  if (count > 1) problems.push('id "' + id + '" is used by ' + count + ' elements');
}

// Colours as the browser computes them, turned into sRGB numbers by a canvas (which understands every CSS
// colour syntax the page may use).
const canvas = document.createElement('canvas');
canvas.width = 1;
canvas.height = 1;
const paint = canvas.getContext('2d', { willReadFrequently: true });
const parsed = new Map();

function rgba(color) {
  if (!parsed.has(color)) {
    paint.clearRect(0, 0, 1, 1);
    paint.fillStyle = '#000';
    paint.fillStyle = color;
    paint.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = paint.getImageData(0, 0, 1, 1).data;
    parsed.set(color, { r, g, b, a: a / 255 });
  }
  return parsed.get(color);
}

function over(top, bottom) {
  const mix = c => top[c] * top.a + bottom[c] * (1 - top.a);
  return { r: mix('r'), g: mix('g'), b: mix('b'), a: 1 };
}

// The colour behind an element: its own and its ancestors' backgrounds laid over each other down to the first
// opaque one, over white (the canvas's default). Null when a background image is in the way (unknowable).
function background(el) {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (style.backgroundImage !== 'none') return null;
    const c = rgba(style.backgroundColor);
    if (c.a > 0) layers.push(c);
    if (c.a >= 1) break;
  }
  return layers.reverse().reduce((under, layer) => over(layer, under), { r: 255, g: 255, b: 255, a: 1 });
}

function luminance(c) {
  const channel = v => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

function contrast(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const hex = c => '#' + [c.r, c.g, c.b].map(v => Math.round(v).toString(16).padStart(2, '0')).join('');

for (const el of document.querySelectorAll('body *')) {
  const ownText = Array.from(el.childNodes).some(n => n.nodeType === Node.TEXT_NODE && squeeze(n.textContent));
  // SVG text is painted with fill, not color; disabled controls are exempt from contrast (WCAG 1.4.3).
  if (!ownText || !rendered(el) || visuallyHidden(el) || el.closest('svg, :disabled, [aria-disabled=true]')) {
    continue;
  }
  const style = getComputedStyle(el);
  const behind = background(el);
  if (!behind) continue;
  const fore = over(rgba(style.color), behind);
  const size = parseFloat(style.fontSize);
  const bold = parseInt(style.fontWeight, 10) >= 700;
  // WCAG AA: 4.5:1, or 3:1 for large text (24px, or 18.66px bold).
  const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  const ratio = contrast(fore, behind);
  if (ratio < needed) {
    problems.push(describe(el) + ' has contrast ' + ratio.toFixed(2) + ':1, below ' + needed + ':1 ('
      + hex(fore) + ' on ' + hex(behind) + ')');
  }
}

return problems;

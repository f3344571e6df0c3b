// The drop-in UI's combobox (WAI-ARIA 1.2, with an inline listbox): the active result
// (aria-activedescendant), the arrow keys, Enter and Escape, and opening a result.

export function options(ui) {
  return [...ui.list.querySelectorAll('[role="option"]')];
}

export function setActive(ui, index) {
  const opts = options(ui);
  const previous = ui.list.querySelector('[aria-selected="true"]');
  if (previous) previous.setAttribute('aria-selected', 'false');
  if (index < 0 || index >= opts.length) {
    ui.active = -1;
    ui.input.removeAttribute('aria-activedescendant');
    return;
  }
  ui.active = index;
  const opt = opts[index];
  opt.setAttribute('aria-selected', 'true');
  ui.input.setAttribute('aria-activedescendant', opt.id);
  opt.scrollIntoView({ block: 'nearest' });
}

export function onKey(ui, e) {
  if (e.isComposing) return;
  const count = options(ui).length;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    if (!count) return;
    e.preventDefault();
    const step = e.key === 'ArrowDown' ? 1 : -1;
    let next = ui.active + step;
    if (ui.active < 0) next = step > 0 ? 0 : count - 1;
    else if (next >= count) next = 0;
    else if (next < 0) next = count - 1;
    setActive(ui, next);
  } else if (e.key === 'Enter') {
    e.preventDefault();
    if (ui.active >= 0) open(ui, options(ui)[ui.active], e.ctrlKey || e.metaKey);
    else ui.schedule();
  } else if (e.key === 'Escape') {
    e.preventDefault();
    if (ui.input.value) ui.clear();
    else setActive(ui, -1);
  }
}

export function onPick(ui, e) {
  const opt = e.target.closest('[role="option"]');
  if (!opt) return;
  // A result is a link: a click with a modifier (new tab, new window, download) is the browser's.
  if (opt.hasAttribute('href') && (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey)) return;
  e.preventDefault();
  setActive(ui, options(ui).indexOf(opt));
  open(ui, opt, false);
}

/** Opens a result: fires a cancelable "folio:select" event, then follows its link. */
export function open(ui, opt, newTab) {
  const hit = ui.hitsById.get(opt.id);
  if (!hit) return;
  const href = opt.dataset.href || null;
  const go = ui.host.dispatchEvent(new CustomEvent('folio:select', { bubbles: true, cancelable: true, detail: { hit, href } }));
  if (!go || !href) return;
  if (newTab) window.open(href, '_blank', 'noopener');
  else location.assign(href);
}

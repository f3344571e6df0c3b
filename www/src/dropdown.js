// Where the results open. Below the box, pushing the page down, is right in a page's content or a
// sidebar. In a horizontal bar (a site header or navbar: Docusaurus's, Jekyll minima's) that would
// push the whole page down under a bar stretched to hold them, so there the results open in a panel
// over the page while the box has the focus and something typed, as a menu does.
import { h } from './dom.js';

/** The panel's widest, in rem. */
const PANEL_REM = 42;
/** The least room kept between the panel and the window's edges, in px. */
const EDGE = 8;

/**
 * Whether `element` sits in a horizontal bar: in a `<header>`, `<nav>` or an element with role
 * banner or navigation that is at least three times as wide as it is tall, less `ownHeight` (what
 * the widget's results add to it while shown below the box); a sidebar's `<nav>` is taller than
 * wide. Before layout (no size yet), a header or banner is taken for one.
 * @param {Element} element
 * @param {number} [ownHeight]
 */
export function inBar(element, ownHeight = 0) {
  const bar = element.closest('header, nav, [role="banner"], [role="navigation"]');
  if (!bar) return false;
  const { width, height } = bar.getBoundingClientRect();
  if (width > 0 && height > 0) return width >= 3 * Math.max(1, height - ownHeight);
  return bar.matches('header, [role="banner"]');
}

/**
 * Where the panel goes, in px from the widget's left edge, and how wide: under the box, lined up
 * with its left edge in the left half of the window and with its right edge in the right half,
 * moved as little as keeps it inside the window.
 * @param {{ left: number, right: number }} box the widget's edges in the window
 * @param {number} windowWidth
 * @param {number} rem
 */
export function panelPlace(box, windowWidth, rem) {
  const width = Math.max(0, Math.min(PANEL_REM * rem, windowWidth - 2 * EDGE));
  const wanted = box.left + box.right < windowWidth ? box.left : box.right - width;
  const left = Math.max(EDGE, Math.min(wanted, windowWidth - EDGE - width));
  return { left: left - box.left, width };
}

/**
 * Puts what the widget shows below its form (status, errors, results, reader view) in one panel,
 * and makes it a drop-down when `layout` is 'dropdown', or when it is not 'inline' and the widget
 * sits in a bar. Decided again when the box gets the focus: a page laid out by a script (a React
 * or Vue app) may give the bar its size only after the widget is mounted.
 * @param {{ root: HTMLElement, host: Element, live: Element }} ui
 * @param {'dropdown' | 'inline' | undefined} layout
 */
export function arrangePanel(ui, layout) {
  const { root } = ui;
  const panel = h('div', { class: 'folio-panel' });
  panel.append(...[...root.children].filter((c) => !c.classList.contains('folio-form') && c !== ui.live));
  root.insertBefore(panel, ui.live);
  const decide = () => {
    const shown = root.classList.contains('folio-dropdown') ? 0 : panel.offsetHeight;
    const drops = layout === 'dropdown' || (layout !== 'inline' && inBar(ui.host, shown));
    root.classList.toggle('folio-dropdown', drops);
    if (drops) {
      // Clicks in the panel keep the focus inside the widget, so the panel stays open.
      panel.tabIndex = -1;
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const { left, width } = panelPlace(root.getBoundingClientRect(), document.documentElement.clientWidth, rem);
      panel.style.left = `${left}px`;
      panel.style.width = `${width}px`;
    } else {
      panel.removeAttribute('tabindex');
      panel.style.left = panel.style.width = '';
    }
  };
  decide();
  root.addEventListener('focusin', decide);
  window.addEventListener('resize', () => {
    if (root.contains(document.activeElement)) decide();
  });
}

// Entry of dist/folio-load.js, the one script tag that works both from a server and from disk: a
// classic script (browsers load those from file://, where they refuse ES modules) that brings in
// folio.js, the ES module, when the page is served, and folio-offline.js, the single-file classic
// script with the site's index inlined, when the page was opened from disk (a saved copy of the
// site, a USB stick). Both are found next to it and mount the drop-in UI themselves. A bundle
// without folio-offline.js (a split index, which a page opened from disk cannot fetch) says so in
// each search box rather than leaving it empty.
(() => {
  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  const here = script && script.src ? script.src : document.baseURI;
  if (location.protocol !== 'file:') {
    import(new URL('folio.js', here).href).catch((err) => console.error('Folio: cannot load folio.js:', err));
    return;
  }
  const offline = document.createElement('script');
  offline.src = new URL('folio-offline.js', here).href;
  offline.onerror = () => {
    const say = () => {
      for (const box of document.querySelectorAll('[data-folio-search], folio-search')) {
        if (box.childElementCount) continue;
        const note = document.createElement('p');
        note.className = 'folio-unavailable';
        note.textContent = 'Search is not available in a copy opened from disk: this site\'s index is split into files that only a web server can serve.';
        box.append(note);
      }
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', say, { once: true });
    else say();
  };
  document.head.append(offline);
})();

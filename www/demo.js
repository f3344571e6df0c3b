// The demo page's footer: facts about the index, once the search has loaded.
document.addEventListener('folio:ready', (event) => {
  const { documents, terms, bytes, version } = event.detail.engine.index;
  const ru = document.documentElement.lang === 'ru';
  const parts = ru
    ? [`Folio · документов: ${documents}`, `терминов: ${terms}`, `индекс ${Math.round(bytes / 1024)} КиБ`, `формат ${version}`, 'поиск на WebAssembly в вашем браузере']
    : [`Folio · ${documents} documents`, `${terms.toLocaleString('en')} terms`, `${Math.round(bytes / 1024)} KiB index`, `format ${version}`, 'searched in your browser with WebAssembly'];
  document.getElementById('about').textContent = parts.join(' · ');
});

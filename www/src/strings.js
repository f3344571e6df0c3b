// The drop-in UI's words, in English and Russian. Chosen by the element's `data-locale`, else the
// nearest `lang` attribute (`<html lang="ru">`), else English.

const EN = {
  label: 'Search',
  placeholder: 'Search the documents',
  hint: 'Results appear as you type. Press / or Ctrl+K to search from anywhere, ↑ and ↓ to choose a result, Enter to open it, Esc to clear.',
  loading: 'Loading the search…',
  ready: (n) => `Type to search ${n} ${n === 1 ? 'document' : 'documents'}.`,
  loadFailed: (msg) => `The search could not be loaded. ${msg}`,
  searchFailed: (msg) => `The search failed. ${msg}`,
  searching: 'Searching…',
  retry: 'Try again',
  results: (n) => (n === 1 ? '1 result' : `${count(n, 'en')} results`),
  resultsFor: (n, q) => `${n === 0 ? 'No' : count(n, 'en')} ${n === 1 ? 'result' : 'results'} for “${q}”`,
  showing: (shown, total) => `showing ${shown} of ${total}`,
  partial: 'No document contains all your words, so documents with some of them are shown.',
  missing: 'Not found:',
  didYouMean: 'Did you mean',
  noResults: (q) => `Nothing matches “${q}”.`,
  tips: ['Check the spelling, or try another form of the word.', 'Use fewer words, or more general ones.'],
  withoutFilters: 'Search without the filters',
  otherVersions: (n) => `Show the ${count(n, 'en')} ${n === 1 ? 'page' : 'pages'} in other languages that have a version in this one`,
  more: 'Show more results',
  filters: 'Filters',
  filtersActive: (n) => `Filters (${n})`,
  language: 'Language',
  type: 'Type',
  date: 'Date',
  from: 'From',
  to: 'To',
  any: 'Any',
  sort: 'Sort',
  sortRelevance: 'Best match',
  sortDate: 'Oldest first',
  sortDateDesc: 'Newest first',
  sortBy: (key, desc) => `${key}: ${desc ? 'largest first' : 'smallest first'}`,
  clear: 'Clear',
  clearSearch: 'Clear the search',
  clearFilters: 'Clear filters',
  resultsLabel: 'Search results',
  entriesOf: (title) => `Entries of “${title}”`,
  inParent: 'in',
  section: 'Section',
  listingEntry: 'listing entry',
  sectionsOf: (title) => `Sections of “${title}”`,
  backToResults: 'Back to the results',
  original: 'Original page',
  citation: 'Citation',
  summary: 'Summary',
  openingDocument: 'Opening the document…',
  documentMissing: 'This document is not in the index (it may have been rebuilt).',
  documentFailed: (msg) => `The document could not be opened. ${msg}`,
  count: (n) => (n === 1 ? '1 result' : `${n} results`),
  types: {},
};

const RU = {
  label: 'Поиск',
  placeholder: 'Поиск по документам',
  hint: 'Результаты появляются по мере ввода. Нажмите / или Ctrl+K, чтобы начать поиск, ↑ и ↓ — чтобы выбрать результат, Enter — чтобы открыть его, Esc — чтобы очистить.',
  loading: 'Загрузка поиска…',
  ready: (n) => `Введите запрос: поиск по ${n} ${ruPlural(n, 'документу', 'документам', 'документам')}.`,
  loadFailed: (msg) => `Не удалось загрузить поиск. ${msg}`,
  searchFailed: (msg) => `Ошибка поиска. ${msg}`,
  searching: 'Поиск…',
  retry: 'Повторить',
  results: (n) => `${count(n, 'ru')} ${ruPlural(n, 'результат', 'результата', 'результатов')}`,
  resultsFor: (n, q) =>
    n === 0 ? `По запросу «${q}» ничего не найдено` : `${count(n, 'ru')} ${ruPlural(n, 'результат', 'результата', 'результатов')} по запросу «${q}»`,
  showing: (shown, total) => `показано ${shown} из ${total}`,
  partial: 'Ни один документ не содержит всех слов запроса, поэтому показаны документы с некоторыми из них.',
  missing: 'Не найдено:',
  didYouMean: 'Возможно, вы имели в виду',
  noResults: (q) => `По запросу «${q}» ничего не найдено.`,
  tips: ['Проверьте написание или попробуйте другую форму слова.', 'Используйте меньше слов или более общие слова.'],
  withoutFilters: 'Искать без фильтров',
  otherVersions: (n) => `Показать страницы на других языках, у которых есть версия на этом (${count(n, 'ru')})`,
  more: 'Показать ещё',
  filters: 'Фильтры',
  filtersActive: (n) => `Фильтры (${n})`,
  language: 'Язык',
  type: 'Тип',
  date: 'Дата',
  from: 'С',
  to: 'По',
  any: 'Любой',
  sort: 'Порядок',
  sortRelevance: 'По релевантности',
  sortDate: 'Сначала старые',
  sortDateDesc: 'Сначала новые',
  sortBy: (key, desc) => `${key}: ${desc ? 'по убыванию' : 'по возрастанию'}`,
  clear: 'Очистить',
  clearSearch: 'Очистить поиск',
  clearFilters: 'Сбросить фильтры',
  resultsLabel: 'Результаты поиска',
  entriesOf: (title) => `Записи из «${title}»`,
  inParent: 'в',
  section: 'Раздел',
  listingEntry: 'запись списка',
  sectionsOf: (title) => `Разделы «${title}»`,
  backToResults: 'К результатам',
  original: 'Исходная страница',
  citation: 'Ссылка',
  summary: 'Краткое содержание',
  openingDocument: 'Открываем документ…',
  documentMissing: 'Этого документа нет в индексе (возможно, индекс пересобран).',
  documentFailed: (msg) => `Не удалось открыть документ. ${msg}`,
  count: (n) => `${n} ${ruPlural(n, 'результат', 'результата', 'результатов')}`,
  types: {
    article: 'статья',
    book: 'книга',
    diary: 'дневник',
    journal: 'дневник',
    letter: 'письмо',
    memorandum: 'меморандум',
    minutes: 'протокол',
    note: 'записка',
    page: 'страница',
    record: 'запись',
    report: 'доклад',
    resolution: 'постановление',
    telegram: 'телеграмма',
  },
};

const counts = {};

/**
 * `n` with the locale's digit grouping, by one Intl.NumberFormat per locale: toLocaleString(locale)
 * makes one a call, and the count line is written on every keystroke's results.
 */
function count(n, locale) {
  counts[locale] ??= new Intl.NumberFormat(locale);
  return counts[locale].format(n);
}

const ruRules = typeof Intl !== 'undefined' && Intl.PluralRules ? new Intl.PluralRules('ru') : null;

function ruPlural(n, one, few, many) {
  const rule = ruRules ? ruRules.select(n) : 'many';
  return rule === 'one' ? one : rule === 'few' ? few : many;
}

export const LOCALES = { en: EN, ru: RU };

/** The UI locale for `element`: data-locale, else the nearest lang attribute; 'en' or 'ru'. */
export function localeFor(element, wanted) {
  const tag = String(wanted || element.closest('[lang]')?.getAttribute('lang') || 'en').toLowerCase();
  return tag.startsWith('ru') ? 'ru' : 'en';
}

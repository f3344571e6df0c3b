// The language a search answers in, from the page it runs on. A translated site's pages declare
// their versions in other languages (<link rel="alternate" hreflang>: Hugo's themes, Docusaurus,
// MkDocs Material), and `folio index` keeps, for each page, the languages it declares a version
// in (the filter TRANSLATIONS). A search from a page in language xx, unless it chooses languages
// itself, leaves out the documents that declare a version in xx: the reader gets each translated
// page once, in their language, and still every page that exists in another language only. A site
// whose pages declare no translations (an archive in several languages) loses nothing. Pure
// functions of strings and plain objects, but `pageLanguage`, which reads the page.

/** The filter of the languages a document declares a version in (TRANSLATIONS_FILTER, crates/folio-corpus/src/metadata.rs). */
export const TRANSLATIONS = 'folio:translations';

/**
 * The language code the index gives a page that declares `tag` (`<html lang="ru-RU">` → 'ru'):
 * the lowercase primary subtag, as `language_code` in crates/folio-corpus/src/metadata.rs reads a
 * code (it also knows a few language names, "Russian", which a page's lang attribute does not hold).
 * @param {unknown} tag
 * @returns {string | null}
 */
export function languageCode(tag) {
  if (typeof tag !== 'string') return null;
  const lower = tag.trim().replace(/[.,]+$/, '').trim().toLowerCase();
  if (!lower) return null;
  const primary = lower.split(/[-_]/)[0];
  return /^[a-z]{2,3}$/.test(primary) ? primary : lower;
}

/**
 * The language of the page the script runs on (its `<html lang>`), or null.
 * @returns {string | null}
 */
export function pageLanguage() {
  if (typeof document === 'undefined' || !document.documentElement) return null;
  return languageCode(document.documentElement.getAttribute('lang'));
}

/**
 * The options a search from a page in language `lang` runs with. Options that choose languages
 * (`lang: ['ru']`) are kept as they are, and so are options that set the TRANSLATIONS filter
 * themselves or are not an object (the engine says what is wrong with them); `lang: []` chooses
 * every language (every version of every page: the option is dropped, since the engine reads an
 * empty list as no language at all). Otherwise the documents that declare a version in `lang`
 * are left out (`filters: { 'folio:translations': { none: [lang] } }`).
 * @param {Record<string, any> | undefined} options
 * @param {string | null} lang
 * @returns {Record<string, any> | undefined}
 */
export function withPageLanguage(options, lang) {
  if (options != null && (typeof options !== 'object' || Array.isArray(options))) return options;
  if (Array.isArray(options?.lang) && options.lang.length === 0) {
    const rest = { ...options };
    delete rest.lang;
    return rest;
  }
  if (!lang || options?.lang != null) return options;
  const filters = options?.filters;
  if (filters != null && (typeof filters !== 'object' || Array.isArray(filters) || Object.hasOwn(filters, TRANSLATIONS))) return options;
  const mine = { ...filters };
  Object.defineProperty(mine, TRANSLATIONS, { value: { none: [lang] }, enumerable: true, writable: true, configurable: true });
  return { ...options, filters: mine };
}

/**
 * Whether a response's index holds the TRANSLATIONS filter (its facets list every filter of the
 * index), or null when the response does not say.
 * @param {any} response
 * @returns {boolean | null}
 */
export function hasTranslations(response) {
  const filters = response?.facets?.filters;
  return Array.isArray(filters) ? filters.some((f) => f?.key === TRANSLATIONS) : null;
}

/**
 * `response` without the TRANSLATIONS filter among its facets: it is Folio's, not one of the
 * site's filters to show.
 * @template T
 * @param {T} response
 * @returns {T}
 */
export function withoutTranslations(response) {
  const facets = /** @type {any} */ (response)?.facets;
  if (hasTranslations(response)) facets.filters = facets.filters.filter((f) => f?.key !== TRANSLATIONS);
  return response;
}

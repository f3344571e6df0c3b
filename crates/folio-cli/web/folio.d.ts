// Type declarations of folio.js, Folio's ES module.
//
//   import Folio from './folio/folio.js';
//   const folio = await Folio.init();                       // built-in index
//   const res = await folio.search('Puzanov', { limit: 5 });
//
// Responses are plain objects (they survive JSON.stringify and structuredClone unchanged).

/** Options of a search. Every field is optional; an unknown field rejects the search. */
export interface SearchOptions {
  /** How many hits to return, 1 to 1000. Default 10. */
  limit?: number;
  /** How many ranked hits to skip first (paging). Default 0. */
  offset?: number;
  /** The last word also matches as a prefix, for results while typing. Default true. */
  prefixLast?: boolean;
  /**
   * Only documents in these languages, e.g. ['ru']; `[]`: every language. Unset, a search from a
   * page in language xx (`<html lang>`) leaves out the other languages' versions of pages
   * that declare a version in xx (`<link rel="alternate" hreflang>`): a translated site answers in
   * the page's language, and pages in one language only are still found.
   */
  lang?: string[];
  /** Only documents of these types, e.g. ['telegram']. */
  type?: string[];
  /** Only documents dated on or after this date: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  dateFrom?: string;
  /** Only documents dated on or before this date (a 'YYYY' or 'YYYY-MM' bound includes that year or month). */
  dateTo?: string;
  /** A range 'from..to' (either side may be empty); the same as dateFrom and dateTo. */
  date?: string;
  /**
   * The site's own filters (`data-folio-filter`, `filters` in .jsonl and front matter): filter name →
   * the values a document must have any of (an array), or `{ any, all, none }`. Values are
   * compared exactly as written; a name the index does not have matches nothing (but `none`).
   * `{ collection: ['Photographs'], material: { all: ['Silver', 'Paper'], none: ['Glass'] } }`.
   */
  filters?: Record<string, string[] | FilterValues>;
  /**
   * Order: best match (default), oldest first, newest first, or one of the site's sort keys
   * (`data-folio-sort`, listed in `SearchResponse.sortKeys`) with its direction, `{ year: 'desc' }`.
   * Documents without a value come last.
   */
  sort?: 'relevance' | 'date' | 'date-desc' | Record<string, 'asc' | 'desc'>;
}

/** How one of the site's filters narrows a search; each list may be left out. */
export interface FilterValues {
  /** Documents with at least one of these values. */
  any?: string[];
  /** Documents with every one of these values. */
  all?: string[];
  /** Documents with none of these values. */
  none?: string[];
}

/** `[start, end)` offsets in UTF-16 code units: `text.slice(start, end)` is the matched word. */
export type Highlight = [start: number, end: number];

/** The best passage of a document, with the matched words' ranges. Plain text, never HTML. */
export interface Snippet {
  /**
   * Whitespace collapsed, with '…' where it was cut; '\n' where the text crosses from one block
   * of the page to the next (a heading and its paragraph, two list items, a `<br>`). Shown in
   * ordinary text, a line break reads as a space.
   */
  text: string;
  /** Ascending, disjoint ranges into `text`. */
  highlights: Highlight[];
}

/** One matching document. */
export interface Hit {
  /** The document's id. */
  id: string;
  /** The document's title (plain text). */
  title: string;
  /** Matched words in the title. */
  titleHighlights: Highlight[];
  /** Link to the document (absolute, or relative to the site), if known. */
  url: string | null;
  /** ISO date ('YYYY-MM-DD', or shorter when only the year or month is known), if known. */
  date: string | null;
  /** Language code of the text ('en', 'ru', …), if known. */
  lang: string | null;
  /** Document type ('telegram', 'journal', …), if known. */
  type: string | null;
  /** Id of the page this document is an entry of (a listing), if any. */
  parent: string | null;
  /**
   * What the page declares for display (`data-folio-meta`): `image` (a URL as the page wrote it;
   * check its scheme before use) and `image_alt`, an `author`, a `date` as the page writes it, ….
   * Plain text, never HTML.
   */
  meta: Record<string, string>;
  /** Relevance score: higher is better; comparable within one response only. */
  score: number;
  /** The section the snippet comes from ('Summary', 'Original Scan', …), if any. */
  section: string | null;
  /** The id of that section's heading, for linking to `url#anchor`, if the page has one. */
  anchor: string | null;
  /** The best passage, with matched words highlighted. */
  snippet: Snippet;
  /**
   * The sections of the document that matched, best first (at most 5): `sections[0]` is the one
   * `section`, `anchor` and `snippet` describe, the others are sub-results to link to
   * `url#anchor`. Empty when only the title or citation matched.
   */
  sections: SectionHit[];
}

/** A section of a document that matched: a sub-result. */
export interface SectionHit {
  /** The section's heading ('Original Scan', 'Installation', …); null for text before the first heading. */
  title: string | null;
  /** The id to link to (`url#anchor`), if the page has one. */
  anchor: string | null;
  /** The section's best passage, with matched words highlighted. */
  snippet: Snippet;
  /** How well the section matched: higher is better; comparable within one hit only. */
  score: number;
}

/** A section of a stored document, as the reader view shows it. */
export interface DocumentSection {
  /** The heading. */
  title: string;
  /** The id the source page gives it, if any. */
  anchor: string | null;
  /** Where it starts in `body`, in UTF-16 code units. */
  start: number;
}

/**
 * A document's stored text, for a reader view of corpora that are not pages (text archives,
 * JSON lines without urls). Plain text, never HTML; highlights mark the query's matches.
 */
export interface DocumentView extends Pick<Hit, 'id' | 'title' | 'titleHighlights' | 'url' | 'date' | 'lang' | 'type' | 'parent'> {
  /** The archive's summary or abstract ('' if none). */
  summary: string;
  summaryHighlights: Highlight[];
  /** The citation block ('' if none). */
  citation: string;
  citationHighlights: Highlight[];
  /** The main text; paragraphs are separated by blank lines. */
  body: string;
  bodyHighlights: Highlight[];
  /** Named sections of `body`, in order. */
  sections: DocumentSection[];
  /** Index into `sections` of the best-matching section; null when the best match is before the first or in the summary. */
  best: number | null;
}

/** Whether one query word matched. */
export interface TermMatch {
  /** The word, folded (lower case, accents removed). */
  term: string;
  /** Whether any matching document contains it, in any form (always true for a stop word among other words, which is left out). */
  matched: boolean;
  /** True for an excluded word (`-word`). */
  excluded: boolean;
}

/** Counts of matching documents (before the lang/type/date filters): value → count. */
export interface Facets {
  lang: Record<string, number>;
  type: Record<string, number>;
  /** By year, the first four characters of the date. */
  year: Record<string, number>;
  /** The site's own filters, in the order the index first met them. */
  filters: FilterFacet[];
  /**
   * True when some counts are estimates: a large split index counts the matches whose metadata
   * chunk the search did not need from per-chunk summaries instead of fetching it, and a search
   * that skipped the blocks of a very long posting list (a word in most documents, which cannot
   * change the best hits) counts their documents from the blocks' ranges. The drop-in UI shows
   * such counts as "≈ n".
   */
  estimated: boolean;
}

/** The counts of one of the site's filters: value → matching documents. */
export interface FilterFacet {
  /** The filter's name (lowercase), the key of `SearchOptions.filters`. */
  key: string;
  /** Its label from folio.toml (`[filters] collection = { label = "Collection" }`), or null. */
  label: string | null;
  /** Before any filter, as `lang`, `type` and `year`. */
  counts: Record<string, number>;
  /** After every other filter (this one's own aside): what choosing the value would add. */
  filtered: Record<string, number>;
}

/** The answer to a search. */
export interface SearchResponse {
  /** The query as received. */
  query: string;
  /** How many documents matched in all (after the filters), not just this page. */
  total: number;
  /** How many of them contain every required word; they rank first. */
  complete: number;
  /** True when no document has every word, so all hits are partial matches. */
  fallback: boolean;
  /** The requested page of hits, best first. */
  hits: Hit[];
  /** Each query word, and whether it matched. */
  terms: TermMatch[];
  /** The query with unknown words replaced by the closest indexed words, or null. */
  didYouMean: string | null;
  /** Facet counts of the matching documents, before the filters. */
  facets: Facets;
  /** The site's own sort keys (`data-folio-sort`), for `SearchOptions.sort`. */
  sortKeys: string[];
}

/**
 * A page answered from the chunks at hand, given to `SearchControl.onPartial` while the rest of a
 * split index's document chunks arrive: the response the search will resolve to, except that
 * `hits` leaves out those whose documents are not loaded yet.
 */
export interface PartialResponse extends SearchResponse {
  /** The places in the page (0: its first hit) of the hits left out, ascending. */
  pending: number[];
  /** The chunk files (relative to the index) being fetched for them. */
  needs: string[];
}

/** Facts about the index being searched. */
export interface IndexInfo {
  /** Documents in the index. */
  documents: number;
  /** Distinct terms. */
  terms: number;
  /** Bytes of the index in memory: the whole file, or a split index's root and the chunks fetched so far. */
  bytes: number;
  /** Index format version. */
  version: number;
  /** True for a split index (`folio index` splits large ones): a root plus `chunks/`, fetched as queries need them. */
  split: boolean;
}

/**
 * An index: a URL of an index.folio file (relative to the page), or its bytes. A split index must
 * be given by URL: its chunks are fetched from `chunks/` beside it.
 */
export type IndexSource = string | URL | ArrayBuffer | Uint8Array;

/** Options of Folio.init(). An unknown option rejects. */
export interface InitOptions {
  /** The index to search. Default: the one built into folio_bg.wasm, else index.folio next to folio.js. */
  index?: IndexSource;
  /**
   * true: search in a Web Worker; false: on the page's thread. Default: on the page's thread for an
   * index of up to 100,000 documents (results in the frame after each key), in a worker for larger
   * ones. Without a usable worker (file://, cross-origin), always the page's thread.
   */
  worker?: boolean;
  /** URL of folio_bg.wasm. Default: next to folio.js. */
  wasm?: string | URL;
  /** How long one request (the wasm, the index, a chunk) may take, in milliseconds, before it fails (default 20000; 0: never). */
  timeout?: number;
}

/** The third argument of FolioEngine.search(). */
export interface SearchControl {
  /** Gives the search up: it rejects with an Error named "AbortError". */
  signal?: AbortSignal;
  /** The query is being typed (give a signal too, aborted at the next letter): on a split index, fetches that cost more than a chunk or two wait for a pause in the typing. */
  typing?: boolean;
  /**
   * Called with the page answered from the chunks at hand while the rest are fetched (split
   * indexes only; not at all when nothing has to be fetched), so a UI can paint it at once; the
   * search still resolves to the complete response. Ignored by document().
   */
  onPartial?: (partial: PartialResponse) => void;
}

/** A loaded engine. Every method returns a promise; failures reject with an Error whose message starts with "Folio". */
export declare class FolioEngine {
  private constructor();
  /** 'worker' when searches run in a Web Worker, 'main' when on the main thread. */
  readonly mode: 'worker' | 'main';
  /** Facts about the index, as of init() or the last loadIndex(). */
  readonly index: IndexInfo;
  /**
   * Searches. Rejects on invalid options (unknown field, bad value) with a message that says what
   * is wrong, and when a chunk of a split index cannot be fetched (a chunk gone after a rebuild
   * makes it load the new build and search again once). A trap in the engine fails that call only:
   * the engine restarts itself.
   */
  search(query: string, options?: SearchOptions, control?: SearchControl): Promise<SearchResponse>;
  /**
   * Fetches what a search of `query` needs (on a split index, the chunks of its words and of its
   * first page's documents) without showing anything, so that the search, when it comes, answers
   * from memory (Pagefind's `preload(term)`). Resolves once they are loaded; rejects as search() does.
   */
  preload(query: string, options?: SearchOptions): Promise<void>;
  /** Facts about the current index. */
  info(): Promise<IndexInfo>;
  /** Replaces the index; rejects (keeping the current one, and its chunk folder) when it cannot be loaded or is not a valid index. Searches already running finish on the index they began with. */
  loadIndex(index: IndexSource): Promise<IndexInfo>;
  /**
   * The stored text of document `id` (a hit's id), with `query`'s matches highlighted the way a
   * search would, for a reader view; null when the index has no such document.
   */
  document(id: string, query?: string, control?: SearchControl): Promise<DocumentView | null>;
  /** Stops the worker; later calls reject. */
  close(): void;
}

/** Options of the drop-in UI (also readable from data-* attributes of its element). */
export interface MountOptions {
  /** The engine to use. Default: one shared by the page's widgets, made with `index` and `worker`. */
  engine?: FolioEngine | Promise<FolioEngine>;
  /** data-index */
  index?: IndexSource;
  /** data-worker="true|false" (see InitOptions.worker) */
  worker?: boolean;
  /** UI language. Default: the element's nearest lang attribute; English unless it is Russian. data-locale */
  locale?: 'en' | 'ru';
  /** Results per page, 1 to 100. Default 10. data-limit */
  limit?: number;
  /** data-placeholder */
  placeholder?: string;
  /** The box's visible label. data-label */
  label?: string;
  /** What relative result URLs are relative to. Default: the folder above the bundle's folder. data-base-url */
  baseUrl?: string;
  /**
   * Which results open in the reader view (the document's stored text, shown in this widget at
   * `#folio-doc=<id>`): 'auto' (default) those without a URL, 'always' every one (for corpora whose
   * pages are elsewhere), 'never'. Only the widget that keeps its state in the URL has one. data-reader
   */
  reader?: 'auto' | 'always' | 'never';
  /**
   * Where the results open: 'inline' below the box, pushing the page down (for a box in the
   * content or a sidebar); 'dropdown' in a panel over the page while the box has the focus and
   * something typed (for a site header or navbar). Default: 'dropdown' when the widget sits in a
   * `<header>`, `<nav>` or banner at least three times as wide as it is tall. data-layout
   */
  layout?: 'inline' | 'dropdown';
  /** Keep the search in the address (?q=…&type=…) so it can be linked and survives a reload. Default true for the page's first widget. data-url-state="false" */
  urlState?: boolean;
}

/** What mount() returns. */
export interface SearchController {
  /** The UI's root element (class "folio"). */
  readonly element: HTMLElement;
  /** The engine, once loaded. */
  readonly engine: FolioEngine | null;
  /** Types `query` into the box and searches. */
  search(query: string): void;
  /** Empties the box. */
  clear(): void;
  /** Focuses the box. */
  focus(): void;
}

/** Detail of the cancelable `folio:select` event fired on the widget's element when a result is opened. */
export interface SelectDetail {
  hit: Hit;
  /** The safe link that will be followed, or null when the hit has none. */
  href: string | null;
}

/** Loads the engine and the index. */
export declare function init(options?: InitOptions): Promise<FolioEngine>;
/** Searches with the default engine (started on first use, built-in index). */
export declare function search(query: string, options?: SearchOptions): Promise<SearchResponse>;
/**
 * Starts the default engine now (the one search() and the drop-in UI use: its worker, the wasm,
 * which folio.js began compiling when it was imported, and the index's root), and with `query`
 * also fetches the chunks that query needs, so that the first search finds them ready. Call it
 * when a custom search box gets focus or comes into view; the drop-in UI starts its engine when
 * it is mounted. Resolves once loaded; rejects as init() and search() do.
 */
export declare function preload(query?: string, options?: SearchOptions): Promise<void>;
/** Mounts the search UI in `element`, replacing its content. */
export declare function mount(element: Element, options?: MountOptions): SearchController;
export declare const version: string;

declare const Folio: {
  readonly init: typeof init;
  readonly search: typeof search;
  readonly preload: typeof preload;
  readonly mount: typeof mount;
  readonly version: string;
};
export default Folio;

declare global {
  interface HTMLElementEventMap {
    'folio:select': CustomEvent<SelectDetail>;
    'folio:ready': CustomEvent<{ engine: FolioEngine }>;
    'folio:error': CustomEvent<{ error: Error }>;
  }
  interface HTMLElementTagNameMap {
    'folio-search': HTMLElement;
  }
}

// What the page and the engine share without the engine itself: the error conventions (every
// message starts "Folio: ") and the default request timeout. Kept apart from engine.js so that
// folio.js, whose engine runs in a worker, does not carry the engine's code.

/** How long one request (the index, a chunk) may take before it is given up, by default. */
export const DEFAULT_TIMEOUT_MS = 20_000;

/** The message of any thrown value, always prefixed "Folio: ". */
export function folioMessage(err) {
  const text = String(err && err.message !== undefined ? err.message : err);
  return text.startsWith('Folio') ? text : `Folio: ${text}`;
}

/** An Error that says a search was given up because a newer one replaced it. */
export function abortError() {
  const err = new Error('Folio: the search was cancelled');
  err.name = 'AbortError';
  return err;
}


// The friendly JS API over the wasm module: plain objects in and out, one memoised module instance.
// Every clinical computation happens in the C++ core; this file only moves JSON text across.
import createDosecalcModule from './generated/dosecalc.mjs';

let modulePromise = null;

/**
 * @param {{wasmBinary?: ArrayBuffer|Uint8Array, locateFile?: (path: string, prefix: string) => string}} [options]
 *   Node passes wasmBinary; bundlers may pass locateFile. The first call's options win.
 * @returns {Promise<import('./dosecalc').Calculator>}
 */
export function createCalculator(options = {}) {
  if (!modulePromise) {
    const moduleOptions = {};
    if (options.wasmBinary) moduleOptions.wasmBinary = options.wasmBinary;
    if (options.locateFile) moduleOptions.locateFile = options.locateFile;
    modulePromise = createDosecalcModule(moduleOptions);
  }
  return modulePromise.then(calculatorFor);
}

function requestText(request) {
  if (typeof request === 'string') return request;
  try {
    const text = JSON.stringify(request);
    return text === undefined ? '' : text;
  } catch {
    return '';  // circular or otherwise unserialisable: the core reports invalid_json
  }
}

const stoppedMessage = 'The calculator stopped unexpectedly. Reload the page to start it again.';

/**
 * The calculator over an instantiated module (exported for tests). The core never throws; the wasm is
 * built without exceptions, so the only failure left is a trap (say, out of memory). After one the
 * module's memory cannot be trusted: every later call answers with a structured internal_error
 * instead of running it again.
 */
export function calculatorFor(module) {
  let knowledge = null;  // status of the last successful loadKnowledge
  let stopped = false;
  const guarded = (call, fallback) => {
    if (!stopped) {
      try {
        return call();
      } catch {
        stopped = true;
      }
    }
    return fallback;
  };
  const internalError = JSON.stringify({ errors: [{ code: 'internal_error', path: '', message: stoppedMessage }] });
  return Object.freeze({
    /**
     * Loads the interaction knowledge base (generated/dosecalc-knowledge.json: medicines, supplements
     * and interaction rules). The wasm module embeds only the core data so that the first result
     * needs fewer bytes; until this is called, reports say interaction_data: "not_loaded".
     * Returns {ok, data_version, substances, rules, problems}.
     */
    loadKnowledge(bundleText) {
      const status = JSON.parse(guarded(() => module._loadKnowledge(String(bundleText ?? '')),
        JSON.stringify({ ok: false, data_version: '', substances: 0, rules: 0, problems: [stoppedMessage] })));
      if (status.ok) knowledge = status;
      return status;
    },
    /** Fetches the knowledge bundle from a URL (same origin) and loads it. */
    async loadKnowledgeFrom(url) {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`knowledge bundle: HTTP ${response.status}`);
      return this.loadKnowledge(await response.text());
    },
    get hasInteractionData() {
      return knowledge !== null;
    },
    /** Assesses JSON text and returns the report (or errors) as JSON text, exactly as the CLI prints it. */
    assessText(requestText) {
      return guarded(() => module._assess(String(requestText ?? '')), internalError);
    },
    /** Assesses a request object (or JSON text); returns the report or {errors: [...]}. */
    assess(request) {
      return JSON.parse(guarded(() => module._assess(requestText(request)), internalError));
    },
    /**
     * Ranked name matches for autocomplete; kinds: '' or a comma list of medicine,supplement,form.
     * Each match's canonical name is in `locale` ('en' or 'es').
     */
    searchNames(text, limit = 8, kinds = '', locale = 'en') {
      return JSON.parse(guarded(() => module._searchNames(String(text ?? ''), Number.isFinite(limit) ? Math.trunc(limit) : 8,
        String(kinds ?? ''), locale === 'es' ? 'es' : 'en'), '[]'));
    },
    /** The compound catalogue for a form picker. */
    forms(locale = 'en') {
      return JSON.parse(guarded(() => module._forms(locale === 'es' ? 'es' : 'en'), '{"groups":[]}')).groups;
    },
    /** The one list of error codes, shared with the core and docs/api.md. */
    errorCodes() {
      return JSON.parse(module._errorCodes()).codes;
    },
    dataVersion: module._dataVersion(),
  });
}

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
  return modulePromise.then(wrap);
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

function wrap(module) {
  return Object.freeze({
    /** Assesses a request object (or JSON text); returns the report or {errors: [...]}. */
    assess(request) {
      return JSON.parse(module._assess(requestText(request)));
    },
    /** Ranked name matches for autocomplete; kinds: '' or a comma list of medicine,supplement,form. */
    searchNames(text, limit = 8, kinds = '') {
      return JSON.parse(module._searchNames(String(text ?? ''), Number.isFinite(limit) ? Math.trunc(limit) : 8, String(kinds ?? '')));
    },
    /** The compound catalogue for a form picker. */
    forms(locale = 'en') {
      return JSON.parse(module._forms(locale === 'es' ? 'es' : 'en')).groups;
    },
    /** The one list of error codes, shared with the core and docs/api.md. */
    errorCodes() {
      return JSON.parse(module._errorCodes()).codes;
    },
    dataVersion: module._dataVersion(),
  });
}

// The friendly JS API over the wasm module: plain objects in and out, one memoised module instance.
// Every clinical computation happens in the C++ core; this file only moves JSON text across.
import createDosecalcModule from './generated/dosecalc.mjs';

// The module comes in two parts (CMakeLists.txt runs wasm-split): generated/dosecalc.wasm holds the
// code the page's first result runs; generated/dosecalc.deferred.wasm holds the rest (interactions,
// knowledge loading, name search, error paths) and is fetched only when something waits for it, so it
// never competes with the first result. Until the second part is instantiated, its functions are
// placeholders that throw NotReadyError; after, the placeholders forward to the real functions.
const firstPartUrl = new URL('./generated/dosecalc.wasm', import.meta.url).href;
const deferredPartUrl = new URL('./generated/dosecalc.deferred.wasm', import.meta.url).href;

/** A call needed the module's second part before it had loaded; wait for `calculator.complete`, then call again. */
export class NotReadyError extends Error {
  constructor() {
    super('The calculator is still loading.');
    this.name = 'NotReadyError';
  }
}

let loading = null;

function fetchWasm(url) {
  return fetch(url, { credentials: 'same-origin' }).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response;
  });
}

function instantiate(binary, url, imports) {
  if (binary) return WebAssembly.instantiate(binary, imports);
  const response = fetchWasm(url);
  // instantiateStreaming compiles while the bytes arrive; it needs the application/wasm MIME type. It
  // consumes the response, so the fallback (a host with another MIME type) fetches the file again.
  return WebAssembly.instantiateStreaming(response, imports)
    .catch(() => fetchWasm(url).then((r) => r.arrayBuffer()).then((bytes) => WebAssembly.instantiate(bytes, imports)));
}

/** Instantiates the first part; resolves to {module, split} where split.complete settles with the second part. */
function load(options) {
  let secondPartLoaded = false;
  let table = null;
  // wasm-split names each placeholder by the table slot its function will occupy.
  const placeholders = new Proxy({}, {
    get: (target, slot) => (...args) => {
      if (!secondPartLoaded) throw new NotReadyError();
      return table.get(Number(slot))(...args);
    },
  });
  let exports = null;
  let failFirstPart;
  const firstPartFailed = new Promise((resolve, reject) => { failFirstPart = reject; });
  const moduleOptions = {
    instantiateWasm(imports, receiveInstance) {
      imports.placeholder = placeholders;
      const url = options.locateFile ? options.locateFile('dosecalc.wasm', '') : firstPartUrl;
      instantiate(options.wasmBinary, url, imports).then(({ instance, module }) => {
        exports = instance.exports;
        table = Object.values(exports).find((e) => e instanceof WebAssembly.Table);
        receiveInstance(instance, module);
      }, failFirstPart);
      return {};  // the exports arrive asynchronously, through receiveInstance
    },
  };
  return Promise.race([createDosecalcModule(moduleOptions), firstPartFailed]).then((module) => {
    // Fetched when first waited for (calculator.complete, or a call that needed it), so that it never
    // competes with the first result for the network or the main thread.
    let complete = null;
    const loadSecondPart = () => {
      if (!complete) {
        const url = options.locateFile ? options.locateFile('dosecalc.deferred.wasm', '') : deferredPartUrl;
        complete = instantiate(options.deferredWasmBinary, url, { primary: exports }).then(() => {
          secondPartLoaded = true;  // its element segments have put its functions into the shared table
        });
      }
      return complete;
    };
    // The stack pointer (and any other mutable global the parts share): a call that stops at a
    // placeholder leaves it where it was, so it is put back before the call is retried.
    const globals = Object.values(exports).filter((e) => e instanceof WebAssembly.Global);
    return {
      module,
      split: {
        get complete() { return loadSecondPart(); },
        save: () => globals.map((g) => g.value),
        restore: (values) => globals.forEach((g, i) => { g.value = values[i]; }),
      },
    };
  });
}

function loaded(options) {
  if (!loading) {
    if (options.wasmBinary && !options.deferredWasmBinary) {
      return Promise.reject(new TypeError('createCalculator: pass deferredWasmBinary (generated/dosecalc.deferred.wasm) with wasmBinary'));
    }
    loading = load(options);
  }
  return loading;
}

/**
 * The calculator, once both parts of the module are loaded.
 * @param {{wasmBinary?: ArrayBuffer|Uint8Array, deferredWasmBinary?: ArrayBuffer|Uint8Array,
 *   locateFile?: (path: string, prefix: string) => string}} [options]
 *   Node passes both binaries; bundlers may pass locateFile. The first call's options win.
 * @returns {Promise<import('./dosecalc').Calculator>}
 */
export function createCalculator(options = {}) {
  return loaded(options).then(({ module, split }) => split.complete.then(() => calculatorFor(module, split)));
}

/**
 * The calculator as soon as the module's first part is loaded (what the page's first result needs). A
 * call that needs the second part before it has arrived throws NotReadyError and changes nothing;
 * `calculator.complete` resolves once the second part is loaded (and rejects if it cannot be).
 */
export function createEarlyCalculator(options = {}) {
  return loaded(options).then(({ module, split }) => calculatorFor(module, split));
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

// An argument as text, before any call into the module: a value whose conversion throws (an object with
// a throwing toString, Object.create(null)) must not count as the module failing, which stops it for good.
function textArgument(value) {
  try {
    return String(value ?? '');
  } catch {
    return '';
  }
}

// The module returns each result as its UTF-8 bytes, a view of its memory that is valid until the next
// call (wasm/bindings.cpp): decoded at once, natively.
const utf8 = new TextDecoder();
const text = (bytes) => utf8.decode(bytes);

// A module in one piece (tests pass stand-ins to calculatorFor): nothing to wait for, nothing to restore.
const wholeModule = { complete: Promise.resolve(), save: () => null, restore: () => {} };

/**
 * The calculator over an instantiated module (exported for tests). The core never throws; the wasm is
 * built without exceptions, so the only failure left is a trap (say, out of memory). After one the
 * module's memory cannot be trusted: every later call answers with a structured internal_error
 * instead of running it again.
 */
export function calculatorFor(module, split = wholeModule) {
  let knowledge = null;  // status of the last successful loadKnowledge
  let stopped = false;
  const guarded = (call, fallback) => {
    if (!stopped) {
      const saved = split.save();
      try {
        return call();
      } catch (error) {
        if (error instanceof NotReadyError) {
          split.restore(saved);
          split.complete.catch(() => {});  // starts loading the second part; failures reach whoever awaits it
          throw error;
        }
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
      const bundle = textArgument(bundleText);
      const status = JSON.parse(guarded(() => text(module._loadKnowledge(bundle)),
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
      const request = textArgument(requestText);
      return guarded(() => text(module._assess(request)), internalError);
    },
    /** Assesses a request object (or JSON text); returns the report or {errors: [...]}. */
    assess(request) {
      return JSON.parse(guarded(() => text(module._assess(requestText(request))), internalError));
    },
    /**
     * Ranked name matches for autocomplete; kinds: '' or a comma list of medicine,supplement,form.
     * Each match's canonical name is in `locale` ('en' or 'es').
     */
    searchNames(query, limit = 8, kinds = '', locale = 'en') {
      const [queryText, kindsText] = [textArgument(query), textArgument(kinds)];
      const count = Number.isFinite(limit) ? Math.max(0, Math.min(50, Math.trunc(limit))) : 8;
      return JSON.parse(guarded(() => text(module._searchNames(queryText, count, kindsText, locale === 'es' ? 'es' : 'en')), '[]'));
    },
    /** The compound catalogue for a form picker. */
    forms(locale = 'en') {
      return JSON.parse(guarded(() => text(module._forms(locale === 'es' ? 'es' : 'en')), '{"groups":[]}')).groups;
    },
    /** The one list of error codes, shared with the core and docs/api.md. */
    errorCodes() {
      return JSON.parse(guarded(() => text(module._errorCodes()), '{"codes":[]}')).codes;
    },
    dataVersion: guarded(() => text(module._dataVersion()), ''),
    /**
     * Settles when the module's second part is loaded; reading it starts that download if nothing
     * has yet. Already resolved for createCalculator's calculator; until it resolves, an early
     * calculator's calls may throw NotReadyError.
     */
    get complete() {
      return split.complete;
    },
  });
}

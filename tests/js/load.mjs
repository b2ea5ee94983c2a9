// Loads the wasm module the way Node needs it (both parts as binaries; the 3.1.6 glue would fetch a file path).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const generated = path.join(root, 'web', 'generated');

/** Both parts of the module (wasm-split), as createCalculator takes them in Node. */
export function binaries() {
  return {
    wasmBinary: readFileSync(path.join(generated, 'dosecalc.wasm')),
    deferredWasmBinary: readFileSync(path.join(generated, 'dosecalc.deferred.wasm')),
  };
}

export async function calculator({ knowledge = true } = {}) {
  // A fresh module instance per caller: import with a query string defeats the memoised instance.
  const { createCalculator } = await import(`${path.join(root, 'web', 'dosecalc.js')}?instance=${Math.random()}`);
  const calc = await createCalculator(binaries());
  if (knowledge) {
    const status = calc.loadKnowledge(readFileSync(path.join(generated, 'dosecalc-knowledge.json'), 'utf8'));
    if (!status.ok) throw new Error(`knowledge bundle failed: ${status.problems.join('; ')}`);
  }
  return calc;
}

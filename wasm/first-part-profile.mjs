// Records which wasm functions the page's first result runs, so that `wasm-split` can keep them in the
// first part of the module (dosecalc.wasm) and move the rest (knowledge loading, interactions, name
// search, error paths…) to dosecalc.deferred.wasm, fetched after the first part has arrived.
// Run by CMakeLists.txt on a module instrumented with `wasm-split --instrument`.
// usage: node wasm/first-part-profile.mjs <dosecalc.mjs> <instrumented.wasm> <profile-out>
//
// What runs here decides only where code lives, never what it computes: a call that needs code from the
// second part before it has arrived waits for it (web/dosecalc.js), and tests/js/split.test.mjs checks
// that every golden request gives the same report either way.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { exampleState, toRequest } from '../web/lib/state.js';

const [gluePath, instrumentedPath, profilePath] = process.argv.slice(2);
if (!profilePath) {
  console.error('usage: node wasm/first-part-profile.mjs <dosecalc.mjs> <instrumented.wasm> <profile-out>');
  process.exit(2);
}
const { default: createDosecalcModule } = await import(pathToFileURL(gluePath).href);
const module = await createDosecalcModule({ wasmBinary: readFileSync(instrumentedPath) });

// What web/dosecalc.js and web/app.js call before the first result: the data version, then the
// worked example the page opens with, in both of its languages.
module._dataVersion();
for (const lang of ['en', 'es']) {
  const report = JSON.parse(new TextDecoder().decode(module._assess(JSON.stringify(toRequest(exampleState(lang)).request))));
  if (!report.products) throw new Error(`the worked example (${lang}) gave no report: ${JSON.stringify(report)}`);
}

// `wasm-split --instrument` adds __write_profile(address, size) -> bytes written (a few KB).
const address = module._malloc(65536);
const size = module.asm.__write_profile(address, 65536);
if (!(size > 0 && size <= 65536)) throw new Error(`__write_profile returned ${size}`);
writeFileSync(profilePath, module.HEAPU8.slice(address, address + size));

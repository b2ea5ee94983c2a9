// Build step (CMakeLists.txt), run on the linked module before it is split: loads the knowledge bundle
// onto the module's embedded core data (a catalog snapshot, checked when it was written), which runs
// every check on the whole catalog, and fails the build if anything is wrong.
// usage: node wasm/check-data.mjs <dosecalc.mjs> <dosecalc.wasm> <dosecalc-knowledge.json>
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [gluePath, wasmPath, knowledgePath] = process.argv.slice(2);
if (!knowledgePath) {
  console.error('usage: node wasm/check-data.mjs <dosecalc.mjs> <dosecalc.wasm> <dosecalc-knowledge.json>');
  process.exit(2);
}
const { default: createDosecalcModule } = await import(pathToFileURL(gluePath).href);
const module = await createDosecalcModule({ wasmBinary: readFileSync(wasmPath) });
const status = JSON.parse(module._loadKnowledge(readFileSync(knowledgePath, 'utf8')));
if (!status.ok || status.problems.length) {
  console.error(`the data has problems:\n  ${status.problems.join('\n  ')}`);
  process.exit(1);
}

// Build step (CMakeLists.txt), run on the linked module before it is split: loads the knowledge bundle,
// which checks the embedded core data and the knowledge with every check (Checks::full), and fails the
// build if anything is wrong. The module itself skips the reference checks when it loads its embedded
// data at start-up (DOSECALC_EMBEDDED_REFERENCES_CHECKED_AT_BUILD), because this step has run them on the
// same files.
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

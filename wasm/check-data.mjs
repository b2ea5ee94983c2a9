// Build step (CMakeLists.txt): loads the finished two-part module and the knowledge bundle, which checks
// the embedded core data and the knowledge with every check (Checks::full), and fails the build if
// anything is wrong. The module itself skips the reference checks when it loads its embedded data at
// start-up (DOSECALC_EMBEDDED_REFERENCES_CHECKED_AT_BUILD), because this step has run them on the same files.
// usage: node wasm/check-data.mjs <dir with dosecalc.mjs, dosecalc.wasm, dosecalc.deferred.wasm, dosecalc-knowledge.json>
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node wasm/check-data.mjs <build dir>');
  process.exit(2);
}
const { default: createDosecalcModule } = await import(pathToFileURL(path.join(dir, 'dosecalc.mjs')).href);
const primary = readFileSync(path.join(dir, 'dosecalc.wasm'));
const deferred = readFileSync(path.join(dir, 'dosecalc.deferred.wasm'));
// The two parts by hand, as web/dosecalc.js joins them (that file imports web/generated/, not this dir).
let secondPart = null;
const placeholders = new Proxy({}, { get: (target, slot) => (...args) => secondPart.table.get(Number(slot))(...args) });
const module = await createDosecalcModule({
  instantiateWasm(imports, receiveInstance) {
    imports.placeholder = placeholders;
    WebAssembly.instantiate(primary, imports).then(({ instance, module: compiled }) => {
      secondPart = { exports: instance.exports, table: Object.values(instance.exports).find((e) => e instanceof WebAssembly.Table) };
      receiveInstance(instance, compiled);
    });
    return {};
  },
});
await WebAssembly.instantiate(deferred, { primary: secondPart.exports });
const status = JSON.parse(module._loadKnowledge(readFileSync(path.join(dir, 'dosecalc-knowledge.json'), 'utf8')));
if (!status.ok || status.problems.length) {
  console.error(`the data has problems:\n  ${status.problems.join('\n  ')}`);
  process.exit(1);
}

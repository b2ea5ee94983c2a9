// Where the wasm core's start-up time goes (a measurement, not a test). In a fresh Node process per run,
// under V8's CPU profiler, it instantiates the module's first part as the page does (web/dosecalc.js)
// and assesses the page's worked example, then prints, averaged over the runs, the top-down tree of the
// calls under each phase: embind's registrations (`__wasm_call_ctors`), reading the core data's
// snapshot, and the first `assess`. Node compiles wasm lazily, one function at its first call, as
// Chromium does, so that compilation is inside these figures; but Node is not throttled: multiply by
// roughly 4 for the page bench's 4x CPU slowdown (docs/performance.md has both).
//
// It needs a module that keeps its function names (never shipped: the names more than double it):
//   emcmake cmake -S . -B build/wasm-prof -DCMAKE_BUILD_TYPE=Release \
//     -DDOSECALC_WASM_KEEP_NAMES=ON -DDOSECALC_WASM_COPY_TO_WEB=OFF
//   NODE_PATH=/usr/share/nodejs cmake --build build/wasm-prof -j2
// usage: node bench/core-profile.mjs [--build build/wasm-prof] [--runs 12] [--depth 3] [--min 0.05]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);

if (argv[0] === '--child') await child(argv[1], argv[2]);
else parent();

/** One cold start: profile → JSON file. Runs in its own process so that nothing is compiled yet. */
async function child(copyDir, profileOut) {
  const { Session } = await import('node:inspector/promises');
  const { createEarlyCalculator } = await import(pathToFileURL(path.join(copyDir, 'dosecalc.js')).href);
  const { exampleState, toRequest } = await import(pathToFileURL(path.join(root, 'web/lib/state.js')).href);
  const wasmBinary = readFileSync(path.join(copyDir, 'generated/dosecalc.wasm'));
  const deferredWasmBinary = readFileSync(path.join(copyDir, 'generated/dosecalc.deferred.wasm'));
  const request = toRequest(exampleState('en')).request;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 25 });
  await session.post('Profiler.start');
  const start = performance.now();
  // Its dataVersion property is read from the core when it is made, which reads the snapshot.
  const calc = await createEarlyCalculator({ wasmBinary, deferredWasmBinary });
  const ready = performance.now();
  const report = calc.assess(request);
  const assessed = performance.now();
  const { profile } = await session.post('Profiler.stop');
  if (!Array.isArray(report.products) || report.products.length !== 1) throw new Error(`no report: ${JSON.stringify(report)}`);
  writeFileSync(profileOut, JSON.stringify({ profile, readyMs: ready - start, assessMs: assessed - ready }));
}

function parent() {
  const build = path.resolve(root, option('--build', 'build/wasm-prof'));
  const runs = Number(option('--runs', 12));
  const depth = Number(option('--depth', 3));
  const minMs = Number(option('--min', 0.05));
  for (const file of ['dosecalc.mjs', 'dosecalc.wasm', 'dosecalc.deferred.wasm']) {
    if (!existsSync(path.join(build, file))) {
      console.error(`${path.join(build, file)} is missing: make a build that keeps names (see the top of this file).`);
      process.exit(2);
    }
  }
  // web/dosecalc.js imports ./generated/dosecalc.mjs: a copy beside that build's glue and parts.
  const work = mkdtempSync(path.join(tmpdir(), 'dosecalc-profile-'));
  mkdirSync(path.join(work, 'generated'));
  copyFileSync(path.join(root, 'web/dosecalc.js'), path.join(work, 'dosecalc.js'));
  for (const file of ['dosecalc.mjs', 'dosecalc.wasm', 'dosecalc.deferred.wasm']) copyFileSync(path.join(build, file), path.join(work, 'generated', file));

  const phases = ['__wasm_call_ctors', 'dosecalc::read_catalog_snapshot', '(anonymous namespace)::assess'];
  const trees = new Map(phases.map((phase) => [phase, { ms: 0, kids: new Map() }]));
  const totals = { readyMs: 0, assessMs: 0 };
  let named = false;
  for (let run = 0; run < runs; run++) {
    const out = path.join(work, `run-${run}.json`);
    const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', work, out], { stdio: 'inherit' });
    if (result.status !== 0) process.exit(1);
    const { profile, readyMs, assessMs } = JSON.parse(readFileSync(out, 'utf8'));
    totals.readyMs += readyMs / runs;
    totals.assessMs += assessMs / runs;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parentOf = new Map();
    for (const n of profile.nodes) for (const c of n.children || []) parentOf.set(c, n.id);
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000 / runs;
      const stack = [];
      for (let x = id; x !== undefined; x = parentOf.get(x)) stack.push(byId.get(x).callFrame.functionName);
      stack.reverse();
      for (const phase of phases) {
        const at = stack.findIndex((name) => name.startsWith(phase));
        if (at < 0) continue;
        named = true;
        let node = trees.get(phase);
        node.ms += ms;
        for (const name of stack.slice(at + 1, at + 1 + depth)) {
          if (!node.kids.has(name)) node.kids.set(name, { ms: 0, kids: new Map() });
          node = node.kids.get(name);
          node.ms += ms;
        }
        break;
      }
    });
  }
  rmSync(work, { recursive: true, force: true });
  if (!named) {
    console.error('No named wasm function was sampled: is this a build with DOSECALC_WASM_KEEP_NAMES=ON?');
    process.exit(1);
  }
  console.log(`${runs} cold starts in Node ${process.version} (not throttled), mean per start:`);
  console.log(`  instantiate the first part + embind + snapshot: ${totals.readyMs.toFixed(1)} ms; first assess: ${totals.assessMs.toFixed(1)} ms`);
  const short = (name) => name.replace(/std::__2::/g, 'std::').replace(/basic_string<char, std::char_traits<char>, std::allocator<char> >/g, 'string')
    .replace(/basic_string_view<char, std::char_traits<char> >/g, 'string_view').slice(0, 130);
  const print = (node, name, level) => {
    if (node.ms < minMs) return;
    console.log(`${node.ms.toFixed(2).padStart(7)} ms ${'  '.repeat(level)}${short(name)}`);
    for (const [kid, next] of [...node.kids].sort((a, b) => b[1].ms - a[1].ms)) print(next, kid, level + 1);
  };
  for (const phase of phases) print(trees.get(phase), phase, 0);
}

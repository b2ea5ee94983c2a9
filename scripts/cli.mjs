// `npm run --silent cli -- assess FILE|-`: runs the native CLI, building it first when it is missing.
// Build output goes to stderr; stdout carries only the CLI's JSON; the CLI's exit code is kept.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binary = path.join(root, 'build', 'native', 'dosecalc');

if (!existsSync(binary)) {
  for (const step of [['scripts/setup.sh'], ['scripts/build.sh', 'native']]) {
    const built = spawnSync('bash', step, { cwd: root, stdio: ['ignore', 2, 2] });
    if (built.status !== 0) {
      process.stderr.write(`dosecalc: ${step.join(' ')} failed\n`);
      process.exit(1);
    }
  }
}
const run = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit' });
process.exit(run.status ?? 1);

// @ts-check
/**
 * `npm run bench`: builds if dist/ is missing, then runs every bench/*.bench.js in turn; each prints one
 * `BENCH <name> key=value ...` line. Exit code is non-zero if any benchmark failed.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
if (!fs.existsSync(path.join(root, 'dist', 'package.json'))) {
	const b = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
	if (b.status !== 0) process.exit(b.status ?? 1);
}
const only = process.argv.slice(2);
const files = fs
	.readdirSync(__dirname)
	.filter((f) => f.endsWith('.bench.js'))
	.filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
	.sort();
let failed = 0;
for (const f of files) {
	const r = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, f)], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) {
		failed++;
		process.stderr.write(`bench ${f} failed with exit code ${r.status}\n`);
	}
}
process.exit(failed ? 1 : 0);

// @ts-check
/**
 * `npm run test:e2e`: makes sure a real n8n is installed in the cache (first run ~10 min), that dist/ is
 * built, then runs the e2e jest suite (test/e2e) in band. Exit code = jest's.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const rt = require('./lib/n8n-runtime');

rt.ensureRuntime();
if (!fs.existsSync(path.join(rt.ROOT, 'dist', 'package.json'))) {
	const b = spawnSync('npm', ['run', 'build'], { cwd: rt.ROOT, stdio: 'inherit' });
	if (b.status !== 0) process.exit(b.status ?? 1);
}
const jest = path.join(rt.ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const r = spawnSync(process.execPath, [jest, '--config', 'jest.e2e.config.js', '--runInBand', ...process.argv.slice(2)], {
	cwd: rt.ROOT,
	stdio: 'inherit',
});
process.exit(r.status ?? 1);

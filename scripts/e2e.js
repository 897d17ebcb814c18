// @ts-check
/**
 * `npm run test:e2e`: makes sure a real n8n is installed in the cache (first run ~10 min), that dist/ is
 * built, then runs the e2e jest suite (test/e2e) in band. Exit code = jest's.
 * `npm run test:queue` (`--queue`): the same for the queue-mode cluster test (test/queue, jest.queue.config.js),
 * after making sure Redis and PostgreSQL are installed (apt-get when missing; exit 2 with the reason when it cannot).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const rt = require('./lib/n8n-runtime');

const queue = process.argv[2] === '--queue';
// the cluster records what it starts here; whatever a killed or crashed run leaves is stopped after jest
const pidFile = path.join(require('node:os').tmpdir(), `m3amz-queue-pids-${process.pid}`);
if (queue) {
	process.env.M3AMZ_QUEUE_PIDS = pidFile;
	try {
		require('./lib/queue-cluster').ensureInfra();
	} catch (e) {
		process.stderr.write(`test:queue: ${/** @type {Error} */ (e).message}\n`);
		process.exit(2);
	}
}
rt.ensureRuntime();
if (!fs.existsSync(path.join(rt.ROOT, 'dist', 'package.json'))) {
	const b = spawnSync('npm', ['run', 'build'], { cwd: rt.ROOT, stdio: 'inherit' });
	if (b.status !== 0) process.exit(b.status ?? 1);
}
const jest = path.join(rt.ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const config = queue ? 'jest.queue.config.js' : 'jest.e2e.config.js';
const r = spawnSync(process.execPath, [jest, '--config', config, '--runInBand', ...process.argv.slice(queue ? 3 : 2)], {
	cwd: rt.ROOT,
	stdio: 'inherit',
});
if (r.signal) process.stderr.write(`jest was ended by ${r.signal}\n`);
if (queue) {
	require('./lib/queue-cluster')
		.reapLeftovers(pidFile)
		.then((/** @type {number} */ n) => {
			if (n) process.stderr.write(`test:queue: stopped ${n} processes the run left behind\n`);
			process.exit(r.status ?? 1);
		});
} else {
	process.exit(r.status ?? 1);
}

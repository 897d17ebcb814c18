// @ts-check
/**
 * A real n8n queue-mode cluster on this machine for `npm run test:queue`: Redis and PostgreSQL (Debian packages,
 * installed with apt-get when missing), then n8n 2.41.1 from scripts/lib/n8n-runtime.js as main + 2 workers + 1 webhook
 * processor, each with its own user folder and this package installed in `<folder>/.n8n/nodes` as a user would.
 * Recipe, ports and pitfalls: shared/docs/n8n-queue-mode.md; the user-facing steps are docs/guide/scaling.md.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const rt = require('./n8n-runtime');

/** @param {string} msg */
function log(msg) {
	process.stderr.write(`[queue-cluster] ${msg}\n`);
}

/** @param {string} cmd */
function which(cmd) {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : '';
}

/** PostgreSQL server binaries: pg_config's bindir, else the newest /usr/lib/postgresql/<v>/bin. */
function postgresBinDir() {
	const candidates = [];
	const pgConfig = which('pg_config');
	if (pgConfig) {
		const r = spawnSync(pgConfig, ['--bindir'], { encoding: 'utf8' });
		if (r.status === 0) candidates.push(r.stdout.trim());
	}
	const base = '/usr/lib/postgresql';
	if (fs.existsSync(base)) {
		for (const v of fs.readdirSync(base).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(base, v, 'bin'));
	}
	return candidates.find((d) => ['initdb', 'postgres', 'pg_isready'].every((b) => fs.existsSync(path.join(d, b))));
}

function findInfra() {
	return { redis: which('redis-server'), pgBin: postgresBinDir(), psql: which('psql') };
}

/**
 * Redis and PostgreSQL binaries, installed with apt-get (Debian `redis-server`, `postgresql`) when missing.
 * Throws with what to do when they are missing and cannot be installed here (not root, no apt-get).
 */
function ensureInfra() {
	let found = findInfra();
	const missing = () => [!found.redis && 'redis-server', !(found.pgBin && found.psql) && 'postgresql'].filter(Boolean);
	if (missing().length === 0) return found;
	const pkgs = /** @type {string[]} */ (missing());
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!which('apt-get') || !isRoot) {
		throw new Error(
			`The queue-mode cluster test needs ${pkgs.join(' and ')} and cannot install ${pkgs.length > 1 ? 'them' : 'it'} here ` +
				`(${!which('apt-get') ? 'no apt-get' : 'not root'}). Install with: sudo apt-get install -y ${pkgs.join(' ')}`,
		);
	}
	log(`installing ${pkgs.join(' ')} with apt-get (missing on this machine)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	// others may hold dpkg's lock (another install on the same machine): wait for it instead of failing
	const lock = ['-o', 'DPkg::Lock::Timeout=300'];
	const install = () => spawnSync('apt-get', [...lock, 'install', '-y', '--no-install-recommends', ...pkgs], { env, encoding: 'utf8' });
	let r = install();
	if (r.status !== 0) {
		spawnSync('apt-get', [...lock, 'update'], { env, encoding: 'utf8' });
		r = install();
	}
	found = findInfra();
	if (r.status !== 0 || missing().length) {
		throw new Error(`apt-get install ${pkgs.join(' ')} failed (${r.status}):\n${(r.stdout || '').slice(-2000)}\n${(r.stderr || '').slice(-2000)}`);
	}
	return found;
}

/**
 * What a run started, for `reapLeftovers` when the run itself dies before its own `stop()` (jest killed, a crash):
 * `M3AMZ_QUEUE_PIDS` names a file (scripts/e2e.js sets it); one line per process: `<kind> <pid> <folder>`.
 * kind `group` = an n8n process group, `pid` = Redis, `postmaster` = PostgreSQL (stopped with SIGINT, fast shutdown).
 * @param {'group'|'pid'|'postmaster'} kind @param {number | undefined} pid @param {string} dir
 */
function recordPid(kind, pid, dir) {
	const file = process.env.M3AMZ_QUEUE_PIDS;
	if (file && pid) fs.appendFileSync(file, `${kind} ${pid} ${dir}\n`);
}

/** running (a zombie has an empty command line) @param {number} pid */
function alive(pid) {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').length > 0;
	} catch {
		return false;
	}
}

/**
 * Stops what a run recorded in `file` (recordPid) and that still runs: only those PIDs, and only while their command
 * line is still ours (n8n / redis-server / postgres on the run's folder), so a reused PID is left alone.
 * Removes the folders of those runs (M3AMZ_QUEUE_KEEP keeps them). Returns the number of processes it had to stop. @param {string} file
 */
async function reapLeftovers(file) {
	if (!fs.existsSync(file)) return 0;
	const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => l.split(' '));
	let n = 0;
	/** run folders with a process left: a crashed run (an orderly stop removed or deliberately kept its folder) */
	const stoppedIn = new Set();
	for (const [kind, p, dir] of lines) {
		const pid = Number(p);
		let cmd = '';
		try {
			cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
		} catch {
			continue; // gone
		}
		const ours = kind === 'group' ? /n8n/.test(cmd) : kind === 'pid' ? /redis-server/.test(cmd) : /postgres/.test(cmd) && cmd.includes(dir);
		if (!ours) continue;
		n++;
		stoppedIn.add(dir);
		log(`stopping ${kind} ${pid} left by the run (${cmd.slice(0, 80)})`);
		const signal = kind === 'postmaster' ? 'SIGINT' : 'SIGTERM';
		try {
			process.kill(kind === 'group' ? -pid : pid, signal);
		} catch {
			// gone meanwhile
		}
		await waitUntil(() => !alive(pid), 20000, `${kind} ${pid} to stop`).catch(() => {
			try {
				process.kill(kind === 'group' ? -pid : pid, 'SIGKILL');
			} catch {
				// gone
			}
		});
	}
	for (const dir of stoppedIn) {
		if (dir.startsWith(path.join(os.tmpdir(), 'm3amz-queue-')) && !process.env.M3AMZ_QUEUE_KEEP) fs.rmSync(dir, { recursive: true, force: true });
	}
	fs.rmSync(file, { force: true });
	return n;
}

/** @param {() => boolean | Promise<boolean>} check @param {number} timeoutMs @param {string} what */
async function waitUntil(check, timeoutMs, what) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			if (await check()) return;
		} catch {
			// not up yet
		}
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** @param {string} url */
async function httpStatus(url) {
	const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
	const text = await r.text();
	return { status: r.status, text };
}

/**
 * @typedef {{ name: string, role: 'main'|'worker'|'webhook', port: number, child: import('node:child_process').ChildProcess,
 *   logFile: string, env: NodeJS.ProcessEnv }} N8nProcess
 */

/**
 * Starts Redis + PostgreSQL + main + `workers` workers + 1 webhook processor, with `credentials` and `workflows`
 * imported (n8n CLI, JSON as n8n exports it) and `publish` workflow ids published before the processes start.
 * `webhookPaths` are production webhook paths (`<webhookId>/<path>`) to wait for on main and the webhook processor.
 * @param {{ credentials: any[], workflows: any[], publish: string[], webhookPaths: string[], workers?: number,
 *   concurrency?: number, keep?: boolean }} opts
 */
async function startCluster(opts) {
	const started = Date.now();
	const infra = ensureInfra();
	rt.ensureRuntime();
	const Q = fs.mkdtempSync(path.join(os.tmpdir(), 'm3amz-queue-'));
	const logs = path.join(Q, 'logs');
	fs.mkdirSync(logs, { recursive: true });
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (isRoot) fs.chmodSync(Q, 0o755); // mkdtemp makes it 0700: the postgres user must reach its data folder
	/** initdb and postgres refuse to run as root: run them as the postgres user then */
	const asPg = (/** @type {string} */ bin, /** @type {string[]} */ args) => (isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]);
	/** @type {N8nProcess[]} */
	const procs = [];
	/** @type {import('node:child_process').ChildProcess | undefined} */
	let redis;
	const pgData = path.join(Q, 'pg');
	const pgSock = path.join(Q, 'pgsock');
	let stopped = false;

	const stop = async () => {
		if (stopped) return;
		stopped = true;
		await Promise.all(procs.map((p) => rt.stopProcess(p.child)));
		const pidFile = path.join(pgData, 'postmaster.pid');
		if (fs.existsSync(pidFile)) {
			try {
				process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
			} catch {
				// gone
			}
			await waitUntil(() => !fs.existsSync(pidFile), 20000, 'PostgreSQL to stop').catch((e) => log(String(e.message)));
		}
		if (redis && redis.exitCode === null) {
			const gone = new Promise((r) => redis?.once('exit', r));
			redis.kill('SIGTERM');
			await gone;
		}
		if (!opts.keep && !process.env.M3AMZ_QUEUE_KEEP) fs.rmSync(Q, { recursive: true, force: true });
		else log(`kept ${Q}`);
	};

	try {
		// ------------------------------------------------------------------ Redis (fresh per run: n8n caches in it)
		const redisPort = await rt.freePort();
		redis = spawn(infra.redis, ['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
			stdio: ['ignore', fs.openSync(path.join(logs, 'redis.log'), 'a'), fs.openSync(path.join(logs, 'redis.log'), 'a')],
		});
		recordPid('pid', redis.pid, Q);

		// ------------------------------------------------------------------ PostgreSQL
		const pgPort = await rt.freePort();
		fs.mkdirSync(pgData, { recursive: true });
		fs.mkdirSync(pgSock, { recursive: true });
		if (isRoot) spawnSync('chown', ['postgres:', pgData, pgSock]);
		const pgBin = /** @type {string} */ (infra.pgBin);
		const [initCmd, initArgs] = asPg(path.join(pgBin, 'initdb'), ['-D', pgData, '-U', 'postgres', '-A', 'trust', '--auth-host=scram-sha-256', '--no-sync']);
		const init = spawnSync(/** @type {string} */ (initCmd), /** @type {string[]} */ (initArgs), { encoding: 'utf8' });
		if (init.status !== 0) throw new Error(`initdb failed: ${init.stdout} ${init.stderr}`);
		const pgLog = fs.openSync(path.join(logs, 'postgres.log'), 'a');
		const [pgCmd, pgArgs] = asPg(path.join(pgBin, 'postgres'), ['-D', pgData, '-p', String(pgPort), '-k', pgSock, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']);
		spawn(/** @type {string} */ (pgCmd), /** @type {string[]} */ (pgArgs), { stdio: ['ignore', pgLog, pgLog] }).unref();
		await waitUntil(() => spawnSync(path.join(pgBin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(pgPort)]).status === 0, 30000, 'PostgreSQL');
		recordPid('postmaster', Number(fs.readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n')[0]), Q);
		const psql = (/** @type {string} */ sql, db = 'postgres') => {
			const r = spawnSync(infra.psql, ['-q', '-At', '-h', pgSock, '-p', String(pgPort), '-U', 'postgres', '-d', db, '-c', sql], { encoding: 'utf8' });
			if (r.status !== 0) throw new Error(`psql ${sql}: ${r.stderr}`);
			return r.stdout.trim();
		};
		psql("CREATE ROLE n8n LOGIN PASSWORD 'n8n'");
		psql('CREATE DATABASE n8n OWNER n8n');
		await waitUntil(async () => redis?.exitCode === null && (await redisPing(redisPort)), 10000, 'Redis');
		log(`Redis :${redisPort} and PostgreSQL :${pgPort} up after ${Date.now() - started} ms`);

		// ------------------------------------------------------------------ one user folder per process, the package in each
		const workers = opts.workers ?? 2;
		const names = ['main', ...Array.from({ length: workers }, (_v, i) => `w${i + 1}`), 'wh'];
		for (const n of names) rt.installPackageInto(path.join(Q, n));
		const common = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: 'n8n',
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			// pitfall 1: a job removed at once can leave the webhook caller waiting forever
			N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '1000',
			N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED: '1000',
		};
		const mainPort = await rt.freePort();
		/** @param {string} name @param {number} port @param {Record<string, string>} extra */
		const envFor = async (name, port, extra) =>
			rt.n8nEnv({
				userFolder: path.join(Q, name),
				port,
				brokerPort: await rt.freePort(),
				extra: { ...common, WEBHOOK_URL: `http://127.0.0.1:${mainPort}/`, ...extra },
			});
		const mainEnv = await envFor('main', mainPort, {});
		log(`packages installed after ${Date.now() - started} ms`);

		// ------------------------------------------------------------------ import + publish (migrates the fresh DB)
		const credFile = path.join(Q, 'credentials.json');
		fs.writeFileSync(credFile, JSON.stringify(opts.credentials));
		const cli = async (/** @type {string[]} */ args) => {
			const r = await rt.n8nCliAsync(args, mainEnv, 300000);
			if (r.status !== 0) throw new Error(`n8n ${args.join(' ')} failed (${r.status}): ${r.stdout.slice(-1500)} ${r.stderr.slice(-1500)}`);
			return r;
		};
		await cli(['import:credentials', `--input=${credFile}`]);
		const wfDir = path.join(Q, 'workflows');
		fs.mkdirSync(wfDir);
		for (const wf of opts.workflows) fs.writeFileSync(path.join(wfDir, `${wf.id}.json`), JSON.stringify(wf));
		await cli(['import:workflow', '--separate', `--input=${wfDir}`]);
		// one n8n boot per CLI call (~10-30 s on 2 cores): the publications go in parallel, the database is migrated
		await Promise.all(opts.publish.map(async (id) => await cli(['publish:workflow', `--id=${id}`])));
		log(`credentials and ${opts.workflows.length} workflows imported, ${opts.publish.length} published after ${Date.now() - started} ms`);

		// ------------------------------------------------------------------ main, workers, webhook processor (all at once)
		/** @param {string} name @param {'main'|'worker'|'webhook'} role @param {number} port @param {NodeJS.ProcessEnv} env @param {string[]} args */
		const launch = (name, role, port, env, args) => {
			const logFile = path.join(logs, `${name}.log`);
			const fd = fs.openSync(logFile, 'a');
			const child = spawn(rt.NODE24_BIN, [rt.N8N_BIN, ...args], { env, detached: true, stdio: ['ignore', fd, fd] });
			fs.closeSync(fd);
			recordPid('group', child.pid, Q);
			procs.push({ name, role, port, child, logFile, env });
		};
		launch('main', 'main', mainPort, mainEnv, ['start']);
		for (let i = 1; i <= workers; i++) {
			const health = await rt.freePort();
			launch(`w${i}`, 'worker', health, await envFor(`w${i}`, await rt.freePort(), { QUEUE_HEALTH_CHECK_PORT: String(health) }), [
				'worker',
				`--concurrency=${opts.concurrency ?? 5}`,
			]);
		}
		const whPort = await rt.freePort();
		launch('wh', 'webhook', whPort, await envFor('wh', whPort, {}), ['webhook']);
		for (const p of procs) {
			await waitUntil(
				async () => {
					if (p.child.exitCode !== null) throw Object.assign(new Error(`${p.name} exited (${p.child.exitCode})`), { fatal: true });
					return (await httpStatus(`http://127.0.0.1:${p.port}/healthz/readiness`)).status === 200;
				},
				180000,
				`${p.name} /healthz/readiness`,
			).catch((e) => {
				throw new Error(`${e.message}\n${tail(p.logFile)}`);
			});
		}
		// readiness comes before publication: wait until each production webhook answers "not registered for GET"
		for (const p of procs.filter((x) => x.role !== 'worker')) {
			for (const hook of opts.webhookPaths) {
				await waitUntil(
					async () => {
						const r = await httpStatus(`http://127.0.0.1:${p.port}/webhook/${hook}`);
						return r.status === 404 && /not registered for GET/i.test(r.text);
					},
					120000,
					`webhook ${hook} on ${p.name}`,
				).catch((e) => {
					throw new Error(`${e.message}\n${tail(p.logFile)}`);
				});
			}
		}
		log(`cluster ready after ${Date.now() - started} ms (main :${mainPort}, webhook processor :${whPort}, ${workers} workers)`);

		return {
			dir: Q,
			mainUrl: `http://127.0.0.1:${mainPort}`,
			webhookUrl: `http://127.0.0.1:${whPort}`,
			procs,
			/** SQL on n8n's database @param {string} sql */
			sql: (sql) => psql(sql, 'n8n'),
			/** log text of a process @param {string} name */
			log: (name) => {
				const p = procs.find((x) => x.name === name);
				return p ? fs.readFileSync(p.logFile, 'utf8') : '';
			},
			stop,
		};
	} catch (e) {
		opts.keep = true; // keep the logs for whoever reads the error
		await stop();
		throw e;
	}
}

/** true when Redis on 127.0.0.1:port answers PING @param {number} port @returns {Promise<boolean>} */
function redisPing(port) {
	return new Promise((resolve) => {
		const s = net.connect(port, '127.0.0.1', () => s.write('PING\r\n'));
		s.setTimeout(2000, () => (s.destroy(), resolve(false)));
		s.on('data', (d) => (s.end(), resolve(String(d).startsWith('+PONG'))));
		s.on('error', () => resolve(false));
	});
}

/** @param {string} file */
function tail(file) {
	try {
		return `--- ${path.basename(file)} ---\n${fs.readFileSync(file, 'utf8').slice(-3000)}`;
	} catch {
		return '';
	}
}

module.exports = { ensureInfra, findInfra, startCluster, reapLeftovers, say: log };

// @ts-check
/**
 * `npm run sandbox`: the templates in a real n8n editor against the simulators, in one command.
 *
 *   npm run sandbox [-- --dir D] [--home H] [--port P] [--m3-port P] [--spapi-port P] [--seed S] [--fresh]
 *     starts both simulators (seeded, time scale 1), n8n 2.41.1 on 127.0.0.1 with this package installed under
 *     <home>/.n8n/nodes, an owner account, the simulators' credentials, every template (error workflow wired,
 *     dead-letter table created, order-to-cash and shipment-feedback published); prints the editor URL, the login
 *     and what to try; runs until Ctrl-C, which stops everything it started.
 *   npm run sandbox -- --emit orders=N     N new Amazon orders (merchant-fulfilled, US), each notified on SQS
 *   npm run sandbox -- --ship              ship every open M3 order of the Amazon customers; ION sends Sync.Shipment
 *   npm run sandbox -- --fault m3=500      M3 answers HTTP 500 (also m3=503, spapi=500|503); --fault clear
 *   npm run sandbox -- --status            what the simulators hold (orders, shipments, faults)
 *
 * --dir D   the sandbox's folder (default ~/.cache/m3amz-sandbox): state.json of the running sandbox, home/
 * --home H  the user folder n8n gets (N8N_USER_FOLDER; n8n keeps its data in H/.n8n, the package in H/.n8n/nodes);
 *           default D/home. `--home ~` uses your own ~/.n8n (its database, credentials and nodes folder).
 * --fresh   forget the sandbox's n8n data (executions, dead letter, edits) and set it up again
 *
 * A running sandbox writes D/state.json (its pid, the ports of n8n, the simulators and its control endpoint); the
 * --emit/--ship/--fault/--status commands talk to that control endpoint. The first run installs the n8n runtime
 * (Node 24 + n8n, scripts/lib/n8n-runtime.js, minutes); later runs reuse it and the set-up in the home folder (an
 * import is repeated only when the package, the templates or the simulators' credentials changed).
 * Set-up: scripts/lib/sandbox-setup.js; what the control endpoint does: scripts/lib/sandbox-actions.js.
 */
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const rt = require('./lib/n8n-runtime');
const { EMAIL, PASSWORD, ensureBuilt, ensureRuntimeWithProgress, setUp, ensureDeadLetterTable } = require('./lib/sandbox-setup');
const { emitOrders, shipOrders, setFault, status } = require('./lib/sandbox-actions');

const DEFAULT_DIR = path.join(os.homedir(), '.cache', 'm3amz-sandbox');

/** @param {string} msg */
const say = (msg) => process.stdout.write(`${msg}\n`);

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {Record<string, string>} */
	const out = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (!a.startsWith('--')) continue;
		const eq = a.indexOf('=');
		if (eq > 0 && !['--emit', '--fault'].includes(a.slice(0, eq))) out[a.slice(2, eq)] = a.slice(eq + 1);
		else if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
		else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) out[a.slice(2)] = argv[++i];
		else out[a.slice(2)] = '';
	}
	return out;
}

/** @param {string} p */
const expandHome = (p) => (p === '~' ? os.homedir() : p.startsWith('~/') ? path.join(os.homedir(), p.slice(2)) : path.resolve(p));

/** @param {number} pid */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** @param {number} port @returns {Promise<number>} the port when it is free on 127.0.0.1, else a free one */
function portOr(port) {
	if (!port) return rt.freePort();
	return new Promise((resolve) => {
		const s = require('node:net').createServer();
		s.once('error', () => resolve(rt.freePort()));
		s.listen(port, '127.0.0.1', () => s.close(() => resolve(port)));
	});
}

// ---------------------------------------------------------------------------------------------------------------
// the control commands (talk to a running sandbox)

/** @param {string} dir */
function readState(dir) {
	const f = path.join(dir, 'state.json');
	if (!fs.existsSync(f)) throw new Error(`no sandbox running (no ${f}); start one with \`npm run sandbox\``);
	const st = JSON.parse(fs.readFileSync(f, 'utf8'));
	if (!alive(st.pid)) throw new Error(`the sandbox recorded in ${f} (pid ${st.pid}) is not running; start one with \`npm run sandbox\``);
	return st;
}

/** @param {string} dir @param {string} what @param {unknown} body */
async function command(dir, what, body) {
	const st = readState(dir);
	const r = await fetch(`http://127.0.0.1:${st.controlPort}/${what}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(120000),
	});
	const out = await r.json();
	if (!r.ok) throw new Error(String(out.error ?? r.status));
	return out;
}

// ---------------------------------------------------------------------------------------------------------------
// start

/** A process group the previous sandbox left (killed without Ctrl-C) is stopped. @param {string} dir */
function reapLeftover(dir) {
	const f = path.join(dir, 'state.json');
	if (!fs.existsSync(f)) return;
	let st;
	try {
		st = JSON.parse(fs.readFileSync(f, 'utf8'));
	} catch {
		fs.rmSync(f, { force: true });
		return;
	}
	if (alive(st.pid))
		throw new Error(`a sandbox is already running (pid ${st.pid}, ${st.editorUrl}); stop it with Ctrl-C, or use another --dir`);
	if (st.n8nPid && alive(st.n8nPid)) {
		say(`Stopping n8n (pid ${st.n8nPid}) left by a sandbox that did not stop`);
		try {
			process.kill(-st.n8nPid, 'SIGKILL');
		} catch {
			// gone meanwhile
		}
	}
	fs.rmSync(f, { force: true });
}

/** @param {Record<string, string>} args */
async function start(args) {
	const dir = expandHome(args.dir || process.env.M3AMZ_SANDBOX_DIR || DEFAULT_DIR);
	const home = expandHome(args.home || path.join(dir, 'home'));
	const seed = Number(args.seed || 1);
	fs.mkdirSync(dir, { recursive: true });
	reapLeftover(dir);
	if (args.fresh !== undefined && home !== os.homedir()) fs.rmSync(path.join(home, '.n8n'), { recursive: true, force: true });
	fs.mkdirSync(path.join(home, '.n8n'), { recursive: true });
	const t0 = Date.now();
	ensureBuilt();
	await ensureRuntimeWithProgress();

	const { startM3Simulator } = require('../simulators/m3');
	const { startSpApiSimulator } = require('../simulators/spapi');
	const { demoCredentials } = require('../simulators/cli');
	const m3 = await startM3Simulator({
		port: await portOr(Number(args['m3-port'] ?? 5681)),
		seed,
		timeScale: 1,
	});
	const sp = await startSpApiSimulator({
		port: await portOr(Number(args['spapi-port'] ?? 5682)),
		seed,
		timeScale: 1,
	});
	const creds = demoCredentials(m3, sp);
	/** @type {Awaited<ReturnType<typeof rt.startN8n>> | undefined} */
	let n8n;
	/** @type {http.Server | undefined} */
	let control;
	let stopping = false;
	/** @type {import('node:child_process').ChildProcess | undefined} n8n while it starts */
	let starting;
	const stateFile = path.join(dir, 'state.json');
	const stop = async (/** @type {string} */ why) => {
		if (stopping) return;
		stopping = true;
		say(`\n${why}: stopping n8n and the simulators`);
		if (control) control.close();
		if (n8n) await n8n.stop();
		else if (starting) await rt.stopProcess(starting); // Ctrl-C while n8n was starting
		await Promise.allSettled([m3.close(), sp.close()]);
		fs.rmSync(stateFile, { force: true });
		say('Sandbox stopped.');
		process.exit(0);
	};
	for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(sig, () => void stop(sig));

	const bcrypt = require(path.join(path.dirname(rt.N8N_BIN), '..', '..', 'bcryptjs'));
	const port = await portOr(Number(args.port ?? 5678));
	const env = rt.n8nEnv({
		userFolder: home,
		port,
		brokerPort: await rt.freePort(),
		extra: {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: EMAIL,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(PASSWORD, 10),
			N8N_INSTANCE_OWNER_FIRST_NAME: 'Sandbox',
			N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
		},
	});
	try {
		await run();
	} catch (e) {
		// nothing it started is left running when the start fails
		stopping = true;
		if (control) control.close();
		if (n8n) await n8n.stop();
		else if (starting) await rt.stopProcess(starting);
		await Promise.allSettled([m3.close(), sp.close()]);
		fs.rmSync(stateFile, { force: true });
		throw e;
	}

	async function run() {
		setUp({ home, env, creds, fresh: args.fresh !== undefined });
		if (stopping) return;
		say(`Starting n8n ${rt.N8N_VERSION} on http://127.0.0.1:${port}`);
		n8n = await rt.startN8n(env, { timeoutMs: 300000, onSpawn: (child) => (starting = child) });
		// n8n's own log, for when something does not happen
		const logFile = fs.createWriteStream(path.join(dir, 'n8n.log'));
		for (const l of n8n.logs) logFile.write(l);
		n8n.child.stdout?.on('data', (d) => logFile.write(d));
		n8n.child.stderr?.on('data', (d) => logFile.write(d));
		// /healthz answers before the REST API is mounted: the editor is usable once the login works
		for (let k = 0; ; k++) {
			const r = await fetch(`${n8n.url}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: EMAIL, password: PASSWORD }),
			}).catch(() => undefined);
			if (r && r.ok) break;
			if (k > 240)
				throw new Error(`n8n does not accept the sandbox login: ${r ? r.status : 'no answer'}\n${n8n.logs.join('').slice(-2000)}`);
			await new Promise((res) => setTimeout(res, 500));
		}
		const n8nUrl = n8n.url;
		say(`Dead-letter data table ${await ensureDeadLetterTable(n8nUrl)}: m3amz_dead_letter (Overview -> Data tables)`);
		const counter = { k: 0 };
		control = http.createServer((req, res) => {
			const chunks = /** @type {Buffer[]} */ ([]);
			req.on('data', (c) => chunks.push(c));
			req.on('end', async () => {
				/** @param {number} code @param {unknown} body */
				const send = (code, body) => {
					res.writeHead(code, { 'content-type': 'application/json' });
					res.end(JSON.stringify(body, null, 2));
				};
				try {
					const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
					const p = (req.url || '/').replace(/\?.*$/, '');
					if (req.method === 'POST' && p === '/emit')
						return send(200, {
							orders: emitOrders(m3, sp, Math.max(1, Math.min(100, Number(body.orders) || 1)), counter),
						});
					if (req.method === 'POST' && p === '/ship') return send(200, { shipped: await shipOrders(m3, n8nUrl, creds) });
					if (req.method === 'POST' && p === '/fault') return send(200, setFault(m3, sp, body));
					if (req.method === 'GET' && p === '/status') return send(200, status(m3, sp));
					return send(404, { error: `no ${req.method} ${p}` });
				} catch (e) {
					return send(400, {
						error: String(e instanceof Error ? e.message : e),
					});
				}
			});
		});
		await new Promise((r) => control?.listen(0, '127.0.0.1', () => r(undefined)));
		const controlPort = /** @type {import('node:net').AddressInfo} */ (control.address()).port;
		fs.writeFileSync(
			stateFile,
			JSON.stringify(
				{
					pid: process.pid,
					n8nPid: n8n.child.pid,
					editorUrl: n8nUrl,
					home,
					controlPort,
					m3Url: m3.url,
					spapiUrl: sp.url,
					startedAt: new Date().toISOString(),
				},
				null,
				2,
			),
		);
		const cmd = dir === DEFAULT_DIR ? 'npm run sandbox --' : `npm run sandbox -- --dir ${dir}`;
		say(
			[
				'',
				`Sandbox ready in ${Math.round((Date.now() - t0) / 1000)} s.`,
				`  Editor:     ${n8nUrl}`,
				`  Login:      ${EMAIL} / ${PASSWORD}`,
				`  n8n data:   ${path.join(home, '.n8n')} (package in ${path.join(home, '.n8n', 'nodes')}; log ${path.join(dir, 'n8n.log')})`,
				`  Simulators: M3 ${m3.url}, SP-API ${sp.url} (seed ${seed}, real time; fresh on every start)`,
				'',
				'What to try (in a second terminal):',
				`  ${cmd} --emit orders=3     new Amazon orders; order-to-cash polls SQS every minute: Executions shows them`,
				`  ${cmd} --ship              ship them in M3; ION sends Sync.Shipment; shipment-feedback confirms on Amazon`,
				`  ${cmd} --fault m3=500      M3 fails: the next orders go to the dead letter (Overview -> Data tables)`,
				`  ${cmd} --fault clear       M3 is back: open order-to-cash, run "Replay dead letter"`,
				`  ${cmd} --status            what the simulators hold`,
				'Ctrl-C stops n8n and the simulators (n8n keeps its data for the next start; --fresh starts over).',
				'',
			].join('\n'),
		);
	}
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const dir = expandHome(args.dir || process.env.M3AMZ_SANDBOX_DIR || DEFAULT_DIR);
	if (args.emit !== undefined) {
		const m = /^orders=(\d+)$/.exec(args.emit || 'orders=1');
		if (!m) throw new Error('--emit orders=N');
		const r = await command(dir, 'emit', { orders: Number(m[1]) });
		for (const o of r.orders) say(`Amazon order ${o.amazonOrderId}: ${o.lines.join(', ')} (ORDER_CHANGE on SQS)`);
		say(`EMITTED orders=${r.orders.length}`);
		return;
	}
	if (args.ship !== undefined) {
		const r = await command(dir, 'ship', {});
		for (const s of r.shipped)
			say(
				s.error
					? `M3 order ${s.orno} (${s.amazonOrderId}): not shipped: ${s.error}`
					: `M3 order ${s.orno} (${s.amazonOrderId}): delivery ${s.delivery}, tracking ${s.tracking}, Sync.Shipment -> n8n HTTP ${s.ion}`,
			);
		say(`SHIPPED orders=${r.shipped.filter((/** @type {any} */ s) => !s.error).length}`);
		return;
	}
	if (args.fault !== undefined) {
		if (args.fault === 'clear' || args.fault === 'off') {
			await command(dir, 'fault', { clear: true });
			say('FAULTS cleared');
			return;
		}
		const m = /^(m3|spapi)=(\d{3})$/.exec(args.fault);
		if (!m) throw new Error('--fault m3=500 | m3=503 | spapi=500 | spapi=503 | clear');
		await command(dir, 'fault', { system: m[1], status: Number(m[2]) });
		say(`FAULT ${m[1]}=${m[2]} (every request until --fault clear)`);
		return;
	}
	if (args.status !== undefined) {
		say(JSON.stringify(await command(dir, 'status', undefined), null, 2));
		return;
	}
	await start(args);
}

if (require.main === module) {
	main().catch((e) => {
		process.stderr.write(`sandbox: ${e && e.message ? e.message : e}\n`);
		process.exit(1);
	});
}

module.exports = { EMAIL, PASSWORD, DEFAULT_DIR, parseArgs };

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
 */
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const rt = require('./lib/n8n-runtime');

const DEFAULT_DIR = path.join(os.homedir(), '.cache', 'm3amz-sandbox');
const EMAIL = 'sandbox@example.com';
/** A fixed login of a local sandbox (printed for the user), not a secret. */
const PASSWORD = ['Sandbox', 'Owner', '1'].join('-');
const SETUP_MARK = '.m3amz-sandbox.json';
const ION_PATH = 'm3amz-ion-shipment/ion';
// the error handler too: n8n 2.x runs an error workflow only when it is published ("Workflow ... is not active and cannot be executed")
const PUBLISHED = ['m3amzErrorHandler', 'm3amzOrderToCash', 'm3amzShipmentFeedback'];

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

/** Builds dist/ when it is missing or older than a source file. */
function ensureBuilt() {
	const mark = path.join(rt.ROOT, 'dist', 'package.json');
	const built = fs.existsSync(mark) ? fs.statSync(mark).mtimeMs : 0;
	let newest = 0;
	/** @param {string} d */
	const walk = (d) => {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) walk(p);
			else newest = Math.max(newest, fs.statSync(p).mtimeMs);
		}
	};
	for (const d of ['nodes', 'credentials', 'workflows']) walk(path.join(rt.ROOT, d));
	newest = Math.max(newest, fs.statSync(path.join(rt.ROOT, 'package.json')).mtimeMs);
	if (built && built >= newest) return;
	say(built ? 'Sources changed since the last build: npm run build' : 'Building the package (npm run build)');
	const b = spawnSync('npm', ['run', 'build'], {
		cwd: rt.ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	if (b.status !== 0) throw new Error('npm run build failed');
}

/**
 * Installs the n8n runtime in a child process (the installer blocks) and shows progress: the installer's steps, and
 * every 15 s the time so far and the packages installed.
 */
async function ensureRuntimeWithProgress() {
	if (rt.runtimeReady()) return;
	say(`First run: installing Node 24 and n8n ${rt.N8N_VERSION} into ${rt.CACHE} (several minutes; later runs reuse it)`);
	const t0 = Date.now();
	const child = spawn(
		process.execPath,
		['-e', `require(${JSON.stringify(path.join(__dirname, 'lib', 'n8n-runtime.js'))}).ensureRuntime()`],
		{
			stdio: ['ignore', 'inherit', 'inherit'],
		},
	);
	const count = () => {
		try {
			return fs.readdirSync(path.join(rt.CACHE, `n8n-${rt.N8N_VERSION}`, 'node_modules')).length;
		} catch {
			return 0;
		}
	};
	const tick = setInterval(() => say(`  ... ${Math.round((Date.now() - t0) / 1000)} s, ${count()} packages in ${rt.CACHE}`), 15000);
	const code = await new Promise((r) => child.on('exit', r));
	clearInterval(tick);
	if (code !== 0) throw new Error(`installing the n8n runtime failed (exit ${code})`);
	say(`n8n runtime installed in ${Math.round((Date.now() - t0) / 1000)} s`);
}

/** The templates configured for the simulators, and the credentials. @param {any} creds */
function sandboxImports(creds) {
	const credentials = [
		{
			id: 'm3amzInforM3',
			name: 'Infor M3 account',
			type: 'inforM3Api',
			data: creds.n8n.inforM3ApiIon,
		},
		{
			id: 'm3amzAmazonSpApi',
			name: 'Amazon SP-API account',
			type: 'amazonSpApi',
			data: creds.n8n.amazonSpApi,
		},
		{
			id: 'm3amzAwsSqs',
			name: 'AWS SQS (SP-API notifications)',
			type: 'awsSqsApi',
			data: creds.n8n.awsSqsApi,
		},
		{
			id: 'm3amzIonWebhook',
			name: 'ION API connection point',
			type: 'inforIonWebhookApi',
			data: creds.n8n.inforIonWebhookApi,
		},
	];
	const dir = path.join(rt.ROOT, 'workflows');
	// the error handler first: the others name it as their error workflow
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort((a, b) => (a === 'error-handler.json' ? -1 : b === 'error-handler.json' ? 1 : a.localeCompare(b)));
	const workflows = files.map((f) => {
		const wf = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
		/** @param {string} name */
		const node = (name) => wf.nodes.find((/** @type {any} */ n) => n.name === name);
		/** @param {string} name @param {string} value */
		const setting = (name, value) => {
			const a = node('Settings').parameters.assignments.assignments.find((/** @type {any} */ x) => x.name === name);
			if (!a) throw new Error(`${f}: no setting ${name}`);
			a.value = value;
		};
		if (f === 'order-to-cash.json') {
			node('Amazon order notifications (SQS)').parameters.queueUrl = creds.spapi.sqs.queueUrl;
			node('Amazon order notifications (SQS)').parameters.sqsOptions = {
				waitTimeSeconds: 1,
			};
		}
		if (f === 'inventory-sync.json') setting('sellerId', creds.spapi.sellerId);
		if (wf.id !== 'm3amzErrorHandler' && wf.settings?.errorWorkflow !== 'm3amzErrorHandler') throw new Error(`${f}: no error workflow`);
		return wf;
	});
	return { credentials, workflows };
}

/**
 * Imports what the sandbox needs into the home folder, unless the same was imported before (the mark in the home
 * folder: the package, templates and credentials it was set up with).
 * @param {{ home: string, env: NodeJS.ProcessEnv, creds: any, fresh: boolean }} o
 */
function setUp(o) {
	const { credentials, workflows } = sandboxImports(o.creds);
	const pkgFiles = ['package.json', ...listFiles(path.join(rt.ROOT, 'dist'))];
	const hash = crypto.createHash('sha256');
	hash.update(JSON.stringify({ n8n: rt.N8N_VERSION, credentials, workflows }));
	for (const f of pkgFiles)
		hash.update(f).update(fs.readFileSync(path.join(rt.ROOT, f.startsWith('dist') || f === 'package.json' ? f : f)));
	const fingerprint = hash.digest('hex');
	const markFile = path.join(o.home, '.n8n', SETUP_MARK);
	let mark = /** @type {any} */ ({});
	try {
		mark = JSON.parse(fs.readFileSync(markFile, 'utf8'));
	} catch {
		// first run in this home
	}
	if (!o.fresh && mark.fingerprint === fingerprint) {
		say(`Set-up of ${o.home} is current (package, templates, credentials unchanged)`);
		return;
	}
	const t0 = Date.now();
	say(`Setting up n8n in ${path.join(o.home, '.n8n')}`);
	const installed = rt.installPackageInto(o.home);
	say(`  package installed: ${installed.target}`);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'm3amz-sandbox-'));
	try {
		fs.writeFileSync(path.join(work, 'credentials.json'), JSON.stringify(credentials), { mode: 0o600 });
		cli(['import:credentials', `--input=${path.join(work, 'credentials.json')}`], o.env, 'import the credentials');
		say(`  credentials: ${credentials.map((c) => c.name).join(', ')}`);
		const wfDir = path.join(work, 'workflows');
		fs.mkdirSync(wfDir);
		for (const wf of workflows) fs.writeFileSync(path.join(wfDir, `${wf.id}.json`), JSON.stringify(wf));
		cli(['import:workflow', '--separate', `--input=${wfDir}`], o.env, 'import the templates');
		say(`  templates: ${workflows.map((w) => w.name).join('; ')}`);
		for (const id of PUBLISHED) cli(['publish:workflow', `--id=${id}`], o.env, `publish ${id}`);
		say(`  published: ${PUBLISHED.join(', ')}`);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	fs.writeFileSync(
		markFile,
		JSON.stringify({
			fingerprint,
			at: new Date().toISOString(),
			seconds: Math.round((Date.now() - t0) / 1000),
		}),
	);
	say(`  set up in ${Math.round((Date.now() - t0) / 1000)} s`);
}

/** @param {string} d @returns {string[]} paths relative to the repository root */
function listFiles(d) {
	/** @type {string[]} */
	const out = [];
	/** @param {string} x */
	const walk = (x) => {
		for (const e of fs.readdirSync(x, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const p = path.join(x, e.name);
			if (e.isDirectory()) walk(p);
			else out.push(path.relative(rt.ROOT, p));
		}
	};
	walk(d);
	return out;
}

/** @param {string[]} args @param {NodeJS.ProcessEnv} env @param {string} what */
function cli(args, env, what) {
	const r = rt.n8nCli(args, env, 300000);
	if (r.status !== 0) throw new Error(`n8n ${args[0]} (${what}) failed (${r.status}):\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`);
	return r;
}

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

/**
 * Creates `n` new merchant-fulfilled US orders on Amazon and sends their ORDER_CHANGE to the SQS queue the
 * order-to-cash trigger polls. @param {any} m3 @param {any} sp @param {number} n @param {{ k: number }} counter
 */
function emitOrders(m3, sp, n, counter) {
	const { orderableSkus, newMfnOrder } = require('../simulators/cli');
	const skus = orderableSkus(m3, sp);
	const out = [];
	for (let i = 0; i < n; i++) {
		const o = newMfnOrder(sp, skus, counter.k++);
		sp.control.emit({
			type: 'ORDER_CHANGE',
			orderId: o.orderId,
			channel: 'sqs',
		});
		out.push({
			amazonOrderId: o.orderId,
			lines: o.items.map((/** @type {any} */ it) => `${it.quantity} x ${it.sku}`),
		});
	}
	return out;
}

/**
 * Ships every open M3 order of the Amazon customers (delivery, package, tracking number) and sends, as ION would,
 * each order's Sync.Shipment BOD to the shipment-feedback webhook. @param {any} m3 @param {string} n8nUrl @param {any} creds
 */
async function shipOrders(m3, n8nUrl, creds) {
	const bodTemplate = fs.readFileSync(path.join(rt.ROOT, 'test', 'fixtures', 'bods', 'SyncShipment.xml'), 'utf8');
	const key = creds.n8n.inforIonWebhookApi;
	const out = [];
	for (const o of Object.values(m3.state.orders)) {
		const h = /** @type {any} */ (o).head;
		if (!String(h.CUNO).startsWith('AMZ') || Number(h.ORST) >= 66) continue;
		const r = m3.control.ship(String(h.ORNO), { carrier: 'UPS' });
		if (r.error) {
			out.push({ orno: h.ORNO, amazonOrderId: h.CUOR, error: r.error });
			continue;
		}
		const bod = bodTemplate
			.replace(/<BODID>[^<]*<\/BODID>/, `<BODID>sandbox-${h.ORNO}-${Date.now()}</BODID>`)
			.replace(/(<SalesOrderReference>\s*<DocumentID><ID>)[^<]*(<\/ID>)/g, `$1${h.ORNO}$2`);
		const res = await fetch(`${n8nUrl}/webhook/${ION_PATH}`, {
			method: 'POST',
			headers: {
				'content-type': 'application/xml',
				[key.headerName]: key.apiKey,
			},
			body: bod,
			signal: AbortSignal.timeout(60000),
		}).catch((e) => ({ status: 0, statusText: String(e.message) }));
		out.push({
			orno: h.ORNO,
			amazonOrderId: h.CUOR,
			delivery: r.DLIX,
			tracking: r.ETRN,
			ion: res.status,
		});
	}
	return out;
}

/** @param {any} m3 @param {any} sp @param {{ system?: string, status?: number, clear?: boolean }} f */
function setFault(m3, sp, f) {
	if (f.clear) {
		m3.control.clearFaults();
		sp.control.clearFaults();
		return { cleared: true };
	}
	const status = Number(f.status ?? 500);
	if (f.system === 'm3') {
		if (![500, 502, 503, 504].includes(status)) throw new Error('m3 faults: 500, 502, 503 or 504');
		return { m3: m3.control.addFaults({ kind: 'http5xx', status }) };
	}
	if (f.system === 'spapi') {
		if (![500, 503].includes(status)) throw new Error('spapi faults: 500 or 503');
		return {
			spapi: sp.control.addFault({ operation: '*', kind: 'error', status }),
		};
	}
	throw new Error(`unknown system ${f.system} (m3 or spapi)`);
}

/** @param {any} m3 @param {any} sp */
function status(m3, sp) {
	const amazonIds = new Set([...sp.state.orders.keys()]);
	const m3Orders = Object.values(m3.state.orders).map((/** @type {any} */ o) => ({
		orno: o.head.ORNO,
		amazonOrderId: o.head.CUOR,
		status: o.head.ORST,
	}));
	return {
		amazonOrders: amazonIds.size,
		m3Orders: m3Orders.length,
		m3OrdersFromAmazon: m3Orders.filter((o) => amazonIds.has(o.amazonOrderId)),
		shipmentConfirmations: sp.state.shipmentConfirmations.length,
		queued: sp.sim.sqs.snapshot().reduce((/** @type {number} */ n, /** @type {any} */ q) => n + q.messages.length, 0),
		faults: { m3: m3.control.listFaults(), spapi: sp.sim.faults.list },
	};
}

/**
 * The dead-letter data table, as the error handler's "Create the dead-letter table" path creates it (same name and
 * columns, read from the template; an existing table is kept). Through n8n's REST API as the owner: `n8n execute`
 * cannot do it (n8n 2.41.1 does not load the data-table module in CLI commands: "the module is disabled").
 * @param {string} url
 */
async function ensureDeadLetterTable(url) {
	const handler = JSON.parse(fs.readFileSync(path.join(rt.ROOT, 'workflows', 'error-handler.json'), 'utf8'));
	const p = handler.nodes.find((/** @type {any} */ n) => n.name === 'Dead-letter table').parameters;
	const headers = { 'content-type': 'application/json', 'browser-id': 'm3amz-sandbox' };
	const login = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ emailOrLdapLoginId: EMAIL, password: PASSWORD }),
	});
	if (!login.ok) throw new Error(`login: HTTP ${login.status}`);
	const auth = { ...headers, cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] };
	/** @param {string} method @param {string} route @param {unknown} [body] */
	const api = async (method, route, body) => {
		const r = await fetch(`${url}/rest${route}`, { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await r.text();
		if (!r.ok) throw new Error(`${method} /rest${route}: HTTP ${r.status} ${text.slice(0, 500)}`);
		return JSON.parse(text).data;
	};
	const project = await api('GET', '/projects/personal');
	const list = await api('GET', `/projects/${project.id}/data-tables`);
	const tables = Array.isArray(list) ? list : (list.data ?? []);
	if (tables.some((/** @type {any} */ t) => t.name === p.tableName)) return 'kept';
	await api('POST', `/projects/${project.id}/data-tables`, {
		name: p.tableName,
		columns: p.columns.column.map((/** @type {any} */ c) => ({ name: c.name, type: c.type })),
	});
	return 'created';
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

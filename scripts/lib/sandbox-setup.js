// @ts-check
/**
 * The sandbox's set-up (scripts/sandbox.js): the package built, the n8n runtime installed (with progress), the
 * simulators' credentials and the templates imported into the sandbox's n8n home (once per package, templates and
 * credentials: a fingerprint in the home folder), some published, the dead-letter table created through the REST API.
 */
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const rt = require('./n8n-runtime');

const EMAIL = 'sandbox@example.com';
/** A fixed login of a local sandbox (printed for the user), not a secret. */
const PASSWORD = ['Sandbox', 'Owner', '1'].join('-');
const SETUP_MARK = '.m3amz-sandbox.json';
// the error handler too: n8n 2.x runs an error workflow only when it is published ("Workflow ... is not active and cannot be executed")
const PUBLISHED = ['m3amzErrorHandler', 'm3amzOrderToCash', 'm3amzShipmentFeedback'];

/** @param {string} msg */
const say = (msg) => process.stdout.write(`${msg}\n`);

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
		['-e', `require(${JSON.stringify(path.join(__dirname, 'n8n-runtime.js'))}).ensureRuntime()`],
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


module.exports = { EMAIL, PASSWORD, ensureBuilt, ensureRuntimeWithProgress, setUp, ensureDeadLetterTable };

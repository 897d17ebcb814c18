// @ts-check
/**
 * `npm run test:sandbox`: the sandbox as a user meets it, in headless Chromium (Debian's chromium; apt-get installs
 * it when missing). Starts `npm run sandbox` in a fresh sandbox folder (the n8n runtime is installed on first use),
 * logs in through the sign-in form, opens order-to-cash, emits 3 orders one at a time with the sandbox CLI and waits
 * for 3 successful executions in the editor's executions list and the 3 orders in M3 (the simulator's state), injects
 * an M3 fault, emits a 4th order and sees the failed execution, the error handler's run and the dead-letter row,
 * clears the fault and replays the dead letter from the editor, then stops the sandbox with SIGINT (Ctrl-C) and checks
 * that nothing it started is left (n8n's process group, its ports, the simulators).
 * Screenshots: docs/images/sandbox-*.png. Prints `SANDBOX TEST OK ...` or `SANDBOX TEST FAILED <reason>` (exit 1).
 * Every wait is on a condition (the DOM, the simulators' state, n8n's REST API), with a deadline.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const cdp = require('../../scripts/lib/cdp');
const { EMAIL, PASSWORD } = require('../../scripts/sandbox');

const ROOT = path.resolve(__dirname, '..', '..');
const IMAGES = process.env.M3AMZ_SANDBOX_IMAGES || path.join(ROOT, 'docs', 'images');
const OTC = 'm3amzOrderToCash';
const t0 = Date.now();
/** @param {string} msg */
const say = (msg) => process.stdout.write(`[${Math.round((Date.now() - t0) / 1000)} s] ${msg}\n`);
/** @param {unknown} cond @param {string} msg */
function check(cond, msg) {
	if (!cond) throw new Error(msg);
}

/** @template T @param {string} what @param {() => Promise<T> | T} fn @param {number} timeoutMs @returns {Promise<T>} */
async function until(what, fn, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	let last;
	for (;;) {
		try {
			const v = await fn();
			if (v) return v;
			last = v;
		} catch (e) {
			last = /** @type {Error} */ (e).message;
		}
		if (Date.now() > deadline)
			throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what} (last: ${JSON.stringify(last)})`);
		await new Promise((r) => setTimeout(r, 1000));
	}
}

/** @param {number} pid */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** pids of a process group (ps), without zombies */
function groupMembers(/** @type {number} */ pgid) {
	const r = spawnSync('ps', ['-eo', 'pid=,pgid=,stat='], { encoding: 'utf8' });
	return r.stdout
		.split('\n')
		.map((l) => l.trim().split(/\s+/))
		.filter((f) => f.length === 3 && Number(f[1]) === pgid && !f[2].startsWith('Z'))
		.map((f) => Number(f[0]));
}

/** @type {import('node:child_process').ChildProcess | undefined} */
let running;
/** @type {Awaited<ReturnType<typeof cdp.launch>> | undefined} */
let openBrowser;

async function main() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'm3amz-sandbox-test-'));
	const sandboxCli = (/** @type {string[]} */ args) => {
		const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'sandbox.js'), '--dir', dir, ...args], {
			encoding: 'utf8',
			timeout: 120000,
		});
		if (r.status !== 0) throw new Error(`npm run sandbox -- ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
		return r.stdout;
	};
	say(`starting the sandbox in ${dir}`);
	const out = fs.openSync(path.join(dir, 'sandbox.out'), 'w');
	const sandbox = spawn(
		process.execPath,
		[path.join(ROOT, 'scripts', 'sandbox.js'), '--dir', dir, '--port', '0', '--m3-port', '0', '--spapi-port', '0'],
		{
			stdio: ['ignore', out, out],
		},
	);
	running = sandbox;
	let exitCode = /** @type {number | null | undefined} */ (undefined);
	sandbox.on('exit', (code) => {
		exitCode = code;
		running = undefined;
	});
	const output = () => fs.readFileSync(path.join(dir, 'sandbox.out'), 'utf8');
	/** @type {Awaited<ReturnType<typeof cdp.launch>> | undefined} */
	let browser;
	let state = /** @type {any} */ (undefined);
	try {
		// the first run in a fresh cache installs the n8n runtime (minutes): wait long, but stop when the sandbox exits
		await until(
			'"Sandbox ready"',
			() => {
				if (exitCode !== undefined) throw new Error(`the sandbox exited (${exitCode}):\n${output().slice(-3000)}`);
				return output().includes('Sandbox ready');
			},
			45 * 60000,
		);
		const readyAfter = Math.round((Date.now() - t0) / 1000);
		state = JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8'));
		say(`sandbox ready after ${readyAfter} s: ${state.editorUrl}`);
		check(output().includes(`Login:      ${EMAIL} / ${PASSWORD}`), 'the sandbox does not print the login');

		// n8n's REST API as the owner, to cross-check what the browser shows
		const login = await fetch(`${state.editorUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': 'm3amz-sandbox-test' },
			body: JSON.stringify({ emailOrLdapLoginId: EMAIL, password: PASSWORD }),
		});
		check(login.ok, `REST login: ${login.status}`);
		const headers = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0], 'browser-id': 'm3amz-sandbox-test' };
		/** @param {string} route */
		const rest = async (route) => {
			const r = await fetch(`${state.editorUrl}/rest${route}`, { headers });
			check(r.ok, `GET /rest${route}: ${r.status}`);
			return (await r.json()).data;
		};
		/** @param {string} workflowId */
		const executions = async (workflowId) =>
			(await rest(`/executions?limit=100&filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`)).results.filter(
				(/** @type {any} */ e) => e.workflowId === workflowId,
			);
		const m3Orders = async () => /** @type {Record<string, any>} */ (await (await fetch(`${state.m3Url}/__sim/state/orders`)).json());

		browser = await cdp.launch({ userDataDir: path.join(dir, 'chromium') });
		openBrowser = browser;
		const b = browser;
		const dismissPopups = async () => {
			// n8n opens a "Production Checklist" popover over the left of the page a moment after a workflow page loads;
			// close it when it comes (it may not: then nothing to do)
			const shown = await b
				.waitFor('the Production Checklist', `document.body.innerText.includes('Production Checklist')`, 10000)
				.catch(() => false);
			if (!shown) return;
			// its close link (an <a> with a click handler; clicked again while the popover is still there)
			await b.waitFor(
				'the Production Checklist closed',
				`(() => { if (!document.body.innerText.includes('Production Checklist')) return true; for (const e of document.querySelectorAll('[data-test-id="suggested-actions-close"]')) e.click(); return false; })()`,
				15000,
			);
		};

		// log in through the sign-in form
		await b.navigate(`${state.editorUrl}/signin`);
		await b.waitFor('the sign-in form', `!!document.querySelector('#emailOrLdapLoginId') && !!document.querySelector('#password')`, 120000);
		await b.type('#emailOrLdapLoginId', EMAIL);
		await b.type('#password', PASSWORD);
		await b.click('[data-test-id="form-submit-button"]');
		await b.waitFor('the signed-in home page', `!location.pathname.startsWith('/signin') && location.pathname !== '/'`, 60000);
		say('logged in through the sign-in form');

		// order-to-cash in the editor, published
		await b.navigate(`${state.editorUrl}/workflow/${OTC}`);
		await b.waitFor('the order-to-cash canvas', `document.querySelectorAll('[data-test-id="canvas-node"]').length > 15`, 120000);
		await dismissPopups();
		const title = await b.evaluate(`document.querySelector('[data-test-id="workflow-name-input"]')?.textContent ?? ''`);
		check(/order-to-cash/.test(String(title)), `the editor shows "${title}", not order-to-cash`);
		await b.waitFor('"Published"', `/Published/.test(document.body.innerText)`, 30000);
		await b.screenshot(path.join(IMAGES, 'sandbox-order-to-cash.png'));
		say('order-to-cash open in the editor (published)');

		// 3 orders, one at a time: the SQS trigger polls every minute and takes what is queued in one execution
		/** @type {string[]} */
		const emitted = [];
		for (let i = 1; i <= 3; i++) {
			const before = (await executions(OTC)).filter((/** @type {any} */ e) => e.status === 'success').length;
			const lines = sandboxCli(['--emit', 'orders=1']);
			const m = /Amazon order (\S+):/.exec(lines);
			check(m && lines.includes('EMITTED orders=1'), `--emit printed: ${lines}`);
			emitted.push(String(m?.[1]));
			// its execution: the order in M3 and one more successful execution than before the emit
			await until(
				`${m?.[1]} in M3 and its successful execution`,
				async () =>
					Object.values(await m3Orders()).some((o) => o.head.CUOR === m?.[1]) &&
					(await executions(OTC)).filter((/** @type {any} */ e) => e.status === 'success').length > before,
				240000,
			);
			say(`order ${i}/3 ${m?.[1]}: execution finished`);
		}
		// the executions list in the editor shows them
		await b.navigate(`${state.editorUrl}/workflow/${OTC}/executions`);
		await b.waitFor(
			'3 successful executions in the executions list',
			`document.querySelectorAll('[data-test-execution-status="success"]').length >= 3`,
			60000,
		);
		await b.waitFor(
			'the execution shown on the canvas',
			`document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length >= 3`,
			60000,
		);
		await dismissPopups();
		const restSuccess = (await executions(OTC)).filter((/** @type {any} */ e) => e.status === 'success').length;
		// the list (auto-refreshed) shows every successful execution n8n has
		const listed = await b.waitFor(
			`${restSuccess} successful executions in the list`,
			`(() => { const n = document.querySelectorAll('[data-test-execution-status="success"]').length; return n >= ${restSuccess} ? n : 0; })()`,
			60000,
		);
		check(listed >= 3, `${listed} successful executions listed`);
		await b.screenshot(path.join(IMAGES, 'sandbox-executions.png'));
		// in M3: each emitted order exactly once (CUOR = Amazon order id)
		const orders = Object.values(await m3Orders());
		for (const id of emitted) {
			const n = orders.filter((o) => o.head.CUOR === id).length;
			check(n === 1, `M3 holds ${n} orders for ${id}, expected 1`);
		}
		say(`3 successful executions listed (${listed} in all), 3 orders in M3: ${emitted.join(', ')}`);

		// M3 fails: the next order goes to the dead letter, the execution fails, the error handler reports it
		check(sandboxCli(['--fault', 'm3=500']).includes('FAULT m3=500'), '--fault m3=500');
		const failing = /Amazon order (\S+):/.exec(sandboxCli(['--emit', 'orders=1']))?.[1];
		check(failing, 'no order emitted');
		const failed = await until(
			'a failed order-to-cash execution',
			async () => (await executions(OTC)).find((/** @type {any} */ e) => e.status === 'error'),
			240000,
		);
		await b.navigate(`${state.editorUrl}/workflow/${OTC}/executions/${failed.id}`);
		await b.waitFor(
			'the failed execution in the list',
			`document.querySelectorAll('[data-test-execution-status="error"]').length >= 1`,
			60000,
		);
		await b.waitFor(
			'the failed node on the canvas',
			`document.querySelectorAll('[data-test-id="canvas-node-status-mark-error"]').length >= 1`,
			60000,
		);
		await b.waitFor("n8n's error message", `document.body.innerText.includes('failed item(s) kept in the dead letter')`, 60000);
		await dismissPopups();
		await b.screenshot(path.join(IMAGES, 'sandbox-failure.png'));
		const handled = await until(
			'the error handler run',
			async () => (await executions('m3amzErrorHandler')).find((/** @type {any} */ e) => e.status === 'success'),
			120000,
		);
		const project = await rest('/projects/personal');
		const tables = await rest(`/projects/${project.id}/data-tables`);
		const table = (Array.isArray(tables) ? tables : tables.data).find((/** @type {any} */ t) => t.name === 'm3amz_dead_letter');
		check(table, 'no data table m3amz_dead_letter');
		const rows = async () => {
			const r = await rest(`/projects/${project.id}/data-tables/${table.id}/rows?take=100`);
			return /** @type {any[]} */ (Array.isArray(r) ? r : r.data);
		};
		const row = (await rows()).find((r) => r.key === failing && r.workflow === OTC);
		check(row && row.status === 'open' && /HTTP 500/.test(row.reason), `dead-letter row for ${failing}: ${JSON.stringify(row)}`);
		check(!Object.values(await m3Orders()).some((o) => o.head.CUOR === failing), `${failing} is in M3 although M3 failed`);
		say(`M3 fault: execution ${failed.id} failed, error handler ran (execution ${handled.id}), dead letter: ${row.key} - ${row.reason}`);
		await b.navigate(`${state.editorUrl}/projects/${project.id}/datatables/${table.id}`);
		await b.waitFor('the dead-letter row in the data table view', `document.body.innerText.includes(${JSON.stringify(failing)})`, 60000);
		await dismissPopups();
		await b.screenshot(path.join(IMAGES, 'sandbox-dead-letter.png'));

		// M3 is back: "Replay dead letter" in the editor creates the order once and marks the row replayed
		check(sandboxCli(['--fault', 'clear']).includes('FAULTS cleared'), '--fault clear');
		await b.navigate(`${state.editorUrl}/workflow/${OTC}`);
		await b.waitFor('the order-to-cash canvas', `document.querySelectorAll('[data-test-id="canvas-node"]').length > 15`, 120000);
		await dismissPopups();
		// the trigger's "Execute workflow" button; clicked again (at most every 15 s) until n8n has the manual run
		let clicked = 0;
		await until(
			'the replay execution',
			async () => {
				if ((await executions(OTC)).some((/** @type {any} */ e) => e.mode === 'manual')) return true;
				if (Date.now() - clicked > 15000) {
					clicked = Date.now();
					await b.evaluate(`document.querySelector('[data-test-id="execute-workflow-button-Replay dead letter"]').click()`);
				}
				return false;
			},
			120000,
		);
		await until('the replayed order in M3', async () => Object.values(await m3Orders()).some((o) => o.head.CUOR === failing), 180000);
		await until(
			'the dead-letter row marked replayed',
			async () => (await rows()).find((r) => r.key === failing)?.status === 'replayed',
			60000,
		);
		check(
			Object.values(await m3Orders()).filter((o) => o.head.CUOR === failing).length === 1,
			`${failing} not exactly once in M3 after the replay`,
		);
		await b.navigate(`${state.editorUrl}/projects/${project.id}/datatables/${table.id}`);
		await b.waitFor(
			'the replayed row in the data table view',
			`document.body.innerText.includes(${JSON.stringify(failing)}) && document.body.innerText.includes('replayed')`,
			60000,
		);
		await b.screenshot(path.join(IMAGES, 'sandbox-replayed.png'));
		say(`replayed from the editor: ${failing} is in M3 once, its dead-letter row is "replayed"`);
	} finally {
		if (browser) await browser.close();
	}

	// Ctrl-C: everything the sandbox started stops
	const ports = [state.editorUrl, state.m3Url, state.spapiUrl, `http://127.0.0.1:${state.controlPort}`];
	sandbox.kill('SIGINT');
	await until('the sandbox to exit after SIGINT', () => exitCode !== undefined, 90000);
	check(exitCode === 0, `the sandbox exited with ${exitCode} after SIGINT`);
	check(!alive(state.n8nPid), `n8n (pid ${state.n8nPid}) still runs`);
	const left = groupMembers(state.n8nPid);
	check(left.length === 0, `processes of n8n's group still run: ${left.join(', ')}`);
	for (const u of ports) {
		const open = await fetch(u, { signal: AbortSignal.timeout(5000) }).then(
			() => true,
			() => false,
		);
		check(!open, `${u} still answers after the sandbox stopped`);
	}
	check(!fs.existsSync(path.join(dir, 'state.json')), 'state.json left behind');
	say('SIGINT: sandbox exited 0, no n8n process left, n8n/simulator/control ports closed');
	fs.rmSync(dir, { recursive: true, force: true });
	process.stdout.write(`SANDBOX TEST OK seconds=${Math.round((Date.now() - t0) / 1000)}\n`);
}

// interrupted (Ctrl-C, a CI timeout): the sandbox it started stops too
for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(sig, () => {
		if (openBrowser) void openBrowser.close();
		if (running) running.kill('SIGINT');
		process.stdout.write(`SANDBOX TEST FAILED interrupted by ${sig}\n`);
		const child = running;
		if (!child) process.exit(1);
		else {
			child.once('exit', () => process.exit(1));
			setTimeout(() => {
				child.kill('SIGKILL');
				process.exit(1);
			}, 60000).unref();
		}
	});
}

main().catch(async (e) => {
	process.stdout.write(`SANDBOX TEST FAILED ${e && e.stack ? e.stack : e}\n`);
	// a failed test stops the sandbox it started (Ctrl-C's path; SIGKILL after 60 s)
	const child = running;
	if (child) {
		const done = new Promise((r) => child.once('exit', r));
		child.kill('SIGINT');
		const t = setTimeout(() => child.kill('SIGKILL'), 60000);
		await done;
		clearTimeout(t);
	}
	process.exit(1);
});

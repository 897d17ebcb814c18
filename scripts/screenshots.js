// @ts-check
/**
 * `node scripts/screenshots.js` (needs `npm run build` and Debian's chromium: `apt-get install chromium`):
 * imports the templates into a real n8n 2.41.1 (the e2e runtime), logs in as the instance owner and takes a
 * screenshot of each template in the editor with headless Chromium, driven over the DevTools protocol (undici's
 * WebSocket). Writes docs/images/<template>.png. Not part of CI: a documentation tool.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { WebSocket } = require('undici');
const rt = require('./lib/n8n-runtime');

const OUT = path.join(rt.ROOT, 'docs', 'images');
const EMAIL = 'owner@example.com';
const PASSWORD = ['Screenshot', 'Owner', '1'].join('-');

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
	const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
	if (!chromium) throw new Error('chromium not found (apt-get install chromium)');
	rt.ensureRuntime();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'm3amz-shots-'));
	rt.installPackageInto(userFolder);
	const bcrypt = require(path.join(path.dirname(path.dirname(rt.N8N_BIN)), '..', 'bcryptjs'));
	const env = rt.n8nEnv({
		userFolder,
		port: await rt.freePort(),
		brokerPort: await rt.freePort(),
		extra: {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: EMAIL,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(PASSWORD, 10),
			N8N_INSTANCE_OWNER_FIRST_NAME: 'Template',
			N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
		},
	});
	const files = fs.readdirSync(path.join(rt.ROOT, 'workflows')).filter((f) => f.endsWith('.json'));
	const creds = [
		{ id: 'm3amzInforM3', name: 'Infor M3 account', type: 'inforM3Api', data: { authType: 'direct', url: 'http://127.0.0.1:1/m3api-rest', user: 'x', password: 'x' } },
		{ id: 'm3amzAmazonSpApi', name: 'Amazon SP-API account', type: 'amazonSpApi', data: { clientId: 'x', clientSecret: 'x', refreshToken: 'x' } },
		{ id: 'm3amzAwsSqs', name: 'AWS SQS (SP-API notifications)', type: 'awsSqsApi', data: { accessKeyId: 'x', secretAccessKey: 'x' } },
		{ id: 'm3amzIonWebhook', name: 'ION API connection point', type: 'inforIonWebhookApi', data: { authType: 'headerKey', headerName: 'x-api-key', apiKey: 'x' } },
	];
	fs.writeFileSync(path.join(userFolder, 'creds.json'), JSON.stringify(creds));
	let r = rt.n8nCli(['import:credentials', `--input=${path.join(userFolder, 'creds.json')}`], env);
	if (r.status !== 0) throw new Error(`import:credentials: ${r.stderr.slice(-500)}`);
	const ids = [];
	for (const f of files) {
		r = rt.n8nCli(['import:workflow', `--input=${path.join(rt.ROOT, 'workflows', f)}`], env);
		if (r.status !== 0) throw new Error(`import ${f}: ${r.stderr.slice(-500)}`);
		ids.push({ file: f, id: JSON.parse(fs.readFileSync(path.join(rt.ROOT, 'workflows', f), 'utf8')).id });
	}
	const server = await rt.startN8n(env);
	const chrome = spawn(
		chromium,
		['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(userFolder, 'chrome')}`, '--remote-debugging-port=0', '--window-size=1600,1000', 'about:blank'],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	try {
		// /healthz answers before the REST routes are mounted (404) and the database is ready (503), and a busy
		// machine may drop the first connections: retry the login for a while
		let login = new Response(null, { status: 404 });
		for (let k = 0; k < 120 && (login.status === 404 || login.status === 503); k++) {
			if (k) await sleep(1000);
			login = await fetch(`${server.url}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: EMAIL, password: PASSWORD }),
			}).catch(() => new Response(null, { status: 503 }));
		}
		if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		const [cookieName, cookieValue] = cookie.split('=');
		const wsUrl = await new Promise((resolve, reject) => {
			let buf = '';
			chrome.stderr?.on('data', (d) => {
				buf += String(d);
				const m = buf.match(/DevTools listening on (ws:\/\/\S+)/);
				if (m) resolve(m[1]);
			});
			setTimeout(() => reject(new Error(`chromium did not start: ${buf.slice(-500)}`)), 30000);
		});
		const browser = new WebSocket(String(wsUrl));
		await new Promise((r2) => browser.addEventListener('open', r2, { once: true }));
		let seq = 0;
		/** @type {Map<number, (v: any) => void>} */
		const pending = new Map();
		browser.addEventListener('message', (ev) => {
			const msg = JSON.parse(String(ev.data));
			if (msg.id && pending.has(msg.id)) {
				pending.get(msg.id)?.(msg);
				pending.delete(msg.id);
			}
		});
		/** @param {string} method @param {any} [params] @param {string} [sessionId] */
		const send = (method, params = {}, sessionId) =>
			new Promise((resolve, reject) => {
				const id = ++seq;
				pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
				browser.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
			});
		const { targetId } = /** @type {any} */ (await send('Target.createTarget', { url: 'about:blank' }));
		const { sessionId } = /** @type {any} */ (await send('Target.attachToTarget', { targetId, flatten: true }));
		await send('Page.enable', {}, sessionId);
		await send('Network.enable', {}, sessionId);
		await send('Emulation.setDeviceMetricsOverride', { width: 1600, height: 1000, deviceScaleFactor: 1, mobile: false }, sessionId);
		await send('Network.setCookie', { name: cookieName, value: cookieValue, domain: '127.0.0.1', path: '/' }, sessionId);
		fs.mkdirSync(OUT, { recursive: true });
		for (const { file, id } of ids) {
			await send('Page.navigate', { url: `${server.url}/workflow/${id}` }, sessionId);
			// wait until the canvas shows the workflow's nodes (the editor loads lazily), then let it settle
			for (let k = 0; k < 120; k++) {
				await sleep(1000);
				const res = /** @type {any} */ (
					await send('Runtime.evaluate', { expression: "document.querySelectorAll('[data-test-id=\"canvas-node\"]').length", returnByValue: true }, sessionId)
				);
				if (Number(res?.result?.value) > 1) break;
			}
			await sleep(3000);
			const shot = /** @type {any} */ (await send('Page.captureScreenshot', { format: 'png' }, sessionId));
			const out = path.join(OUT, file.replace(/\.json$/, '.png'));
			fs.writeFileSync(out, Buffer.from(shot.data, 'base64'));
			process.stdout.write(`${out}\n`);
		}
		browser.close();
	} finally {
		chrome.kill('SIGKILL');
		await server.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((e) => {
	process.stderr.write(`screenshots failed: ${e && e.stack ? e.stack : e}\n`);
	process.exit(1);
});

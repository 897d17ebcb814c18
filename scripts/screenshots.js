// @ts-check
/**
 * `node scripts/screenshots.js [--out <dir>]` (needs `npm run build`; Debian's chromium, which scripts/lib/cdp.js
 * installs with apt-get when missing): imports the templates into a real n8n 2.41.1 (the e2e runtime), logs in as the
 * instance owner and takes a screenshot of each template in the editor with headless Chromium, driven over the
 * DevTools protocol by scripts/lib/cdp.js. Writes <dir>/<template>.png (default docs/images). Not part of CI: a
 * documentation tool.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const cdp = require('./lib/cdp');
const rt = require('./lib/n8n-runtime');

const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 && process.argv[outArg + 1] ? path.resolve(process.argv[outArg + 1]) : path.join(rt.ROOT, 'docs', 'images');
const EMAIL = 'owner@example.com';
const PASSWORD = ['Screenshot', 'Owner', '1'].join('-');

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
	cdp.ensureChromium();
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
	/** @type {Awaited<ReturnType<typeof cdp.launch>> | undefined} */
	let browser;
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
		browser = await cdp.launch({ userDataDir: path.join(userFolder, 'chrome') });
		await browser.setCookie({ name: cookieName, value: cookieValue, domain: '127.0.0.1', path: '/' });
		fs.mkdirSync(OUT, { recursive: true });
		for (const { file, id } of ids) {
			await browser.navigate(`${server.url}/workflow/${id}`);
			// wait until the canvas shows the workflow's nodes (the editor loads lazily), then let it settle
			await browser.waitFor(`the nodes of ${file} on the canvas`, "document.querySelectorAll('[data-test-id=\"canvas-node\"]').length > 1", 120000);
			await sleep(3000);
			const out = path.join(OUT, file.replace(/\.json$/, '.png'));
			await browser.screenshot(out);
			process.stdout.write(`${out}\n`);
		}
	} finally {
		await browser?.close();
		await server.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

if (require.main === module) {
	main().catch((e) => {
		process.stderr.write(`screenshots failed: ${e && e.stack ? e.stack : e}\n`);
		process.exit(1);
	});
}

module.exports = { main };

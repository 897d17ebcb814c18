// @ts-check
/**
 * Headless Chromium (Debian's /usr/bin/chromium) driven over the DevTools protocol with undici's WebSocket: one page,
 * navigate, evaluate, wait for a condition, type, click, set a cookie, screenshot. Used by the sandbox browser test
 * (test/sandbox/browser.js) and scripts/screenshots.js.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { WebSocket } = require('undici');

/** Chromium's path; installs Debian's chromium with apt-get when it is missing (as root). */
function ensureChromium() {
	const find = () => ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
	if (find()) return /** @type {string} */ (find());
	process.stderr.write('chromium not found: apt-get install chromium\n');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const u = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	const i = u.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env }) : u;
	if (i.status !== 0 || !find()) throw new Error('chromium is missing and apt-get could not install it (apt-get install chromium)');
	return /** @type {string} */ (find());
}

/**
 * @param {{ userDataDir: string, width?: number, height?: number }} o
 */
async function launch(o) {
	const chromium = ensureChromium();
	const width = o.width ?? 1600;
	const height = o.height ?? 1000;
	const chrome = spawn(
		chromium,
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			`--user-data-dir=${o.userDataDir}`,
			'--remote-debugging-port=0',
			`--window-size=${width},${height}`,
			'about:blank',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'], detached: true },
	);
	let exited = false;
	chrome.on('exit', () => (exited = true));
	const wsUrl = await new Promise((resolve, reject) => {
		let buf = '';
		const t = setTimeout(() => reject(new Error(`chromium did not start: ${buf.slice(-500)}`)), 60000);
		chrome.stderr?.on('data', (d) => {
			buf += String(d);
			const m = buf.match(/DevTools listening on (ws:\/\/\S+)/);
			if (m) {
				clearTimeout(t);
				resolve(m[1]);
			}
		});
	});
	const browser = new WebSocket(String(wsUrl));
	await new Promise((r) => browser.addEventListener('open', r, { once: true }));
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
	/** @param {string} method @param {any} [params] @param {string} [sessionId] @returns {Promise<any>} */
	const send = (method, params = {}, sessionId) =>
		new Promise((resolve, reject) => {
			const id = ++seq;
			pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
			browser.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
		});
	const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
	const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
	/** @param {string} method @param {any} [params] */
	const page = (method, params) => send(method, params, sessionId);
	await page('Page.enable');
	await page('Runtime.enable');
	await page('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });

	/** @param {string} expression @returns {Promise<any>} the value (JSON-serialisable) */
	const evaluate = async (expression) => {
		const r = await page('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
		if (r.exceptionDetails) throw new Error(`evaluate: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
		return r.result.value;
	};
	return {
		evaluate,
		/** @param {string} url */
		async navigate(url) {
			await page('Page.navigate', { url });
		},
		/**
		 * Evaluates `expression` every 500 ms until it is truthy; returns that value. Throws with `what` after timeoutMs.
		 * @param {string} what @param {string} expression @param {number} [timeoutMs]
		 */
		async waitFor(what, expression, timeoutMs = 60000) {
			const deadline = Date.now() + timeoutMs;
			let last;
			for (;;) {
				try {
					last = await evaluate(expression);
					if (last) return last;
				} catch (e) {
					last = String(/** @type {Error} */ (e).message);
				}
				if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
				await new Promise((r) => setTimeout(r, 500));
			}
		},
		/** Focuses the element and types text as keyboard input. @param {string} selector @param {string} text */
		async type(selector, text) {
			const ok = await evaluate(
				`(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return false; e.focus(); return true; })()`,
			);
			if (!ok) throw new Error(`no element ${selector}`);
			await page('Input.insertText', { text });
		},
		/** Clicks the centre of the first element matching the selector (a real mouse click). @param {string} selector */
		async click(selector) {
			const box = await evaluate(
				`(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return null; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
			);
			if (!box) throw new Error(`no element ${selector}`);
			for (const type of ['mousePressed', 'mouseReleased'])
				await page('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
		},
		/**
		 * Sets a cookie in the browser (e.g. a session cookie from a REST login). @param {{ name: string, value: string,
		 * domain: string, path?: string }} cookie
		 */
		async setCookie(cookie) {
			await page('Network.enable');
			const r = await page('Network.setCookie', { path: '/', ...cookie });
			if (r && r.success === false) throw new Error(`setCookie ${cookie.name}: refused`);
		},
		/** @param {string} file */
		async screenshot(file) {
			const shot = await page('Page.captureScreenshot', { format: 'png' });
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, Buffer.from(shot.data, 'base64'));
		},
		pid: chrome.pid,
		async close() {
			try {
				browser.close();
			} catch {
				// closed already
			}
			if (!exited && chrome.pid !== undefined) {
				const done = new Promise((r) => chrome.once('exit', r));
				try {
					process.kill(-chrome.pid, 'SIGKILL');
				} catch {
					chrome.kill('SIGKILL');
				}
				await done;
			}
		},
	};
}

module.exports = { launch, ensureChromium };

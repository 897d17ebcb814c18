// @ts-check
/**
 * One real n8n instance per test file: a fresh user folder with this package installed under
 * .n8n/nodes (so node types are "n8n-nodes-m3-amazon.<name>"), CLI helpers, start/stop.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const rt = require('../../scripts/lib/n8n-runtime');

/** Expected node type names and credential names, read from the built package. */
function expectedTypes() {
	const pkg = JSON.parse(fs.readFileSync(path.join(rt.ROOT, 'package.json'), 'utf8'));
	const nodes = pkg.n8n.nodes.map((/** @type {string} */ p) => {
		const mod = require(path.join(rt.ROOT, p));
		const cls = mod[path.basename(p).replace(/\.node\.js$/, '')];
		const inst = new cls();
		return `n8n-nodes-m3-amazon.${(inst.description ?? inst.baseDescription).name}`;
	});
	const credentials = pkg.n8n.credentials.map((/** @type {string} */ p) => {
		const mod = require(path.join(rt.ROOT, p));
		const cls = mod[path.basename(p).replace(/\.credentials\.js$/, '')];
		return new cls().name;
	});
	return { nodes, credentials };
}

async function createInstance() {
	rt.ensureRuntime();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'm3amz-n8n-'));
	const installed = rt.installPackageInto(userFolder);
	const port = await rt.freePort();
	const brokerPort = await rt.freePort();
	const env = rt.n8nEnv({ userFolder, port, brokerPort });
	/** @type {Awaited<ReturnType<typeof rt.startN8n>> | undefined} */
	let server;
	return {
		userFolder,
		installed,
		port,
		env,
		/** @param {string[]} args @param {number} [timeoutMs] */
		cli(args, timeoutMs) {
			return rt.n8nCli(args, env, timeoutMs);
		},
		/** like cli(), without blocking the event loop (use it while in-process simulators must answer n8n) @param {string[]} args @param {number} [timeoutMs] */
		cliAsync(args, timeoutMs) {
			return rt.n8nCliAsync(args, env, timeoutMs);
		},
		/** writes JSON to a file in the user folder (sub-folders created) and returns its path @param {string} name @param {unknown} data */
		writeJson(name, data) {
			const f = path.join(userFolder, name);
			fs.mkdirSync(path.dirname(f), { recursive: true });
			fs.writeFileSync(f, JSON.stringify(data, null, 2));
			return f;
		},
		/** waits (up to timeoutMs) until n8n has written a file, then parses it @param {string} file @param {number} [timeoutMs] */
		async waitForJson(file, timeoutMs = 120000) {
			const deadline = Date.now() + timeoutMs;
			while (!fs.existsSync(file)) {
				if (Date.now() > deadline) throw new Error(`n8n did not write ${file} within ${timeoutMs} ms`);
				await new Promise((r) => setTimeout(r, 500));
			}
			// written in one go by n8n; a partial read is retried once
			try {
				return JSON.parse(fs.readFileSync(file, 'utf8'));
			} catch {
				await new Promise((r) => setTimeout(r, 1000));
				return JSON.parse(fs.readFileSync(file, 'utf8'));
			}
		},
		/** @param {string} file */
		readJson(file) {
			return JSON.parse(fs.readFileSync(file, 'utf8'));
		},
		async start() {
			server = await rt.startN8n(env);
			return server;
		},
		logs() {
			return server ? server.logs.join('') : '';
		},
		async stop() {
			if (server) await server.stop();
			server = undefined;
		},
		async dispose() {
			await this.stop();
			fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

module.exports = { createInstance, expectedTypes };

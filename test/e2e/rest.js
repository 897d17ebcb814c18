// @ts-check
/**
 * n8n's REST API the way its editor uses it (owner cookie): run a workflow by hand from a chosen trigger
 * ("Execute workflow" on that trigger), read executions with their run data, read data table rows.
 */
const path = require('node:path');
const rt = require('../../scripts/lib/n8n-runtime');

const OWNER = { email: 'e2e-owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-password-1' };

/** n8n stores run data in the `flatted` format; its own copy of the package reads it. */
function parseFlatted(/** @type {string} */ text) {
	const flatted = require(path.join(rt.CACHE, `n8n-${rt.N8N_VERSION}`, 'node_modules', 'flatted'));
	return flatted.parse(text);
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Sets the instance owner up (or logs in when it is) and returns a client with that session.
 * n8n answers /healthz before its REST routes are registered, so a 404 is retried.
 * @param {string} url @param {number} [timeoutMs]
 */
async function connect(url, timeoutMs = 90000) {
	const deadline = Date.now() + timeoutMs;
	let cookie = '';
	for (;;) {
		const setup = await fetch(`${url}/rest/owner/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) });
		let r = setup;
		if (setup.status === 400) {
			r = await fetch(`${url}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
			});
		}
		const set = r.headers.get('set-cookie');
		if (r.ok && set) {
			cookie = set.split(';')[0];
			break;
		}
		if (Date.now() > deadline) throw new Error(`n8n owner set-up/login: ${r.status} ${(await r.text()).slice(0, 300)}`);
		await sleep(500);
	}
	/** @param {string} p @param {{ method?: string, body?: unknown }} [o] */
	async function call(p, o = {}) {
		const r = await fetch(`${url}/rest${p}`, {
			method: o.method ?? 'GET',
			headers: { cookie, ...(o.body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: o.body === undefined ? undefined : JSON.stringify(o.body),
		});
		const text = await r.text();
		if (!r.ok) throw new Error(`n8n ${o.method ?? 'GET'} /rest${p}: ${r.status} ${text.slice(0, 500)}`);
		return JSON.parse(text).data;
	}
	const client = {
		call,
		/** executions of a workflow, newest first (without run data) @param {string} workflowId */
		async executions(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			return /** @type {Array<{ id: string, workflowId: string, mode: string, status: string }>} */ ((await call(`/executions?filter=${filter}&limit=100`)).results);
		},
		/** one execution with its run data (parsed) @param {string} id */
		async execution(id) {
			const e = await call(`/executions/${id}`);
			return { ...e, data: parseFlatted(e.data) };
		},
		/**
		 * Waits until an execution is no longer new/running and returns it with its run data.
		 * @param {string} id @param {number} [timeoutMs]
		 */
		async finished(id, timeoutMs = 120000) {
			const end = Date.now() + timeoutMs;
			for (;;) {
				const e = await call(`/executions/${id}`);
				if (!['new', 'running', 'waiting'].includes(e.status)) return { ...e, data: parseFlatted(e.data) };
				if (Date.now() > end) throw new Error(`execution ${id} still ${e.status} after ${timeoutMs} ms`);
				await sleep(500);
			}
		},
		/**
		 * "Execute workflow" on one trigger of a saved workflow, as the editor does; resolves to the finished execution.
		 * @param {string} workflowId @param {string} trigger
		 */
		async runFrom(workflowId, trigger) {
			const r = await call(`/workflows/${workflowId}/run`, { method: 'POST', body: { triggerToStartFrom: { name: trigger } } });
			if (!r.executionId) throw new Error(`n8n did not start ${workflowId} from "${trigger}": ${JSON.stringify(r).slice(0, 300)}`);
			return await client.finished(String(r.executionId));
		},
		/** a data table by name (any project) @param {string} name */
		async dataTable(name) {
			const list = await call('/data-tables-global');
			return /** @type {{ id: string, name: string, projectId: string, columns: Array<{ name: string, type: string }> } | undefined} */ (
				list.data.find((/** @type {{ name: string }} */ t) => t.name === name)
			);
		},
		/** every row of a data table @param {{ id: string, projectId: string }} table */
		async rows(table) {
			const r = await call(`/projects/${table.projectId}/data-tables/${table.id}/rows?take=250`);
			return /** @type {Array<Record<string, unknown>>} */ (r.data);
		},
	};
	return client;
}

module.exports = { connect };

// @ts-check
// Both simulators and the catalog-sync template prepared for a run through the harness (fs/time glue, not linted).
const fs = require('node:fs');
const path = require('node:path');
const { startM3Simulator } = require('../../simulators/m3');
const { startSpApiSimulator } = require('../../simulators/spapi');
const { demoCredentials } = require('../../simulators/cli');

/** The template with a fast feed poll; `settings` overrides Settings values. @param {Record<string, unknown>} [settings] */
function template(settings = {}) {
	const wf = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../workflows/catalog-sync.json'), 'utf8'));
	const send = wf.nodes.find((/** @type {any} */ n) => n.name === 'Send listings to Amazon');
	send.parameters.options = { ...send.parameters.options, pollIntervalSeconds: 0.2 };
	const assignments = wf.nodes.find((/** @type {any} */ n) => n.name === 'Settings').parameters.assignments.assignments;
	for (const [k, v] of Object.entries(settings)) {
		const a = assignments.find((/** @type {any} */ x) => x.name === k);
		if (!a) throw new Error(`no setting ${k}`);
		a.value = typeof v === 'object' ? JSON.stringify(v) : v;
	}
	return wf;
}

/** @param {{ seed?: number }} [o] */
async function start(o = {}) {
	const seed = o.seed ?? 5;
	const m3 = await startM3Simulator({ seed, timeScale: 30 });
	const sp = await startSpApiSimulator({ seed, timeScale: 30, feedDelays: { inQueueMs: 3000, inProgressMs: 3000 } });
	const c = demoCredentials(m3, sp).n8n;
	/** @param {string} op */
	const spCalls = (op) => sp.state.requestLog.filter((/** @type {any} */ e) => e.operation === op).length;
	return {
		m3,
		sp,
		credentials: { inforM3Api: c.inforM3ApiDirect, amazonSpApi: c.amazonSpApi },
		spCalls,
		/** SP-API calls per operation (API calls and schema downloads) */
		spCounts() {
			/** @type {Record<string, number>} */
			const out = {};
			for (const e of sp.state.requestLog) if (e.operation) out[e.operation] = (out[e.operation] ?? 0) + 1;
			return out;
		},
		m3Counts: () => ({ ...m3.state.requestCounts }),
		/** @param {string} itno */
		fields: (itno) => m3.state.customFields[['MITMAS', itno, '', '', '', '', '', '', ''].join('|')],
		/** @param {string} sku */
		listing: (sku) => sp.state.listings.get(sku),
		/** @param {string} sku */
		itemOfSku: (sku) => /** @type {any} */ (m3.state.aliases).find((/** @type {any} */ a) => String(a.ALWT) === '1' && a.POPN === sku).ITNO,
		/** @param {string} itno */
		skuOfItem: (itno) => /** @type {any} */ (m3.state.aliases).find((/** @type {any} */ a) => String(a.ALWT) === '1' && a.ITNO === itno)?.POPN,
		/** current price list line @param {string} prrf @param {string} itno */
		price: (prrf, itno) => /** @type {any} */ (Object.values(m3.state.priceLines)).find((/** @type {any} */ l) => l.PRRF === prrf && l.ITNO === itno && l.FVDT === '20250101'),
		template,
		close: async () => {
			await Promise.allSettled([m3.close(), sp.close()]);
		},
	};
}

module.exports = { start, template };

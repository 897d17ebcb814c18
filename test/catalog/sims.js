// @ts-check
// The catalog-sync template in a world of both simulators with the dead-letter table (test/templates/flows.js), and
// what the catalog tests read from the simulators' state.
const flows = require('../templates/flows');

/** @param {{ seed?: number }} [o] */
async function start(o = {}) {
	const w = await flows.startWorld({ seed: o.seed ?? 5, spapi: { feedDelays: { inQueueMs: 3000, inProgressMs: 3000 } } });
	const { m3, sp } = w;
	/** The template; `settings` overrides Settings values. @param {Record<string, unknown>} [settings] */
	const template = (settings = {}) => {
		const wf = w.template('catalog-sync.json');
		for (const [k, v] of Object.entries(settings)) flows.setSetting(wf, k, v);
		return wf;
	};
	return {
		m3,
		sp,
		session: w.session,
		template,
		replay: w.replay,
		/** @param {string} [workflowId] */
		deadLetter: (workflowId = 'm3amzCatalogSync') => w.deadLetter(workflowId),
		/** @param {string} op */
		spCalls: (op) => sp.state.requestLog.filter((/** @type {any} */ e) => e.operation === op).length,
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
		/** current price list line @param {string} prrf @param {string} itno */
		price: (prrf, itno) => /** @type {any} */ (Object.values(m3.state.priceLines)).find((/** @type {any} */ l) => l.PRRF === prrf && l.ITNO === itno && l.FVDT === '20250101'),
		close: w.close,
	};
}

module.exports = { start };

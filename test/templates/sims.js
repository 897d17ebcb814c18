// @ts-check
// Both simulators with the credentials of our n8n credential types (for template runs through the harness).
const { startM3Simulator } = require('../../simulators/m3');
const { startSpApiSimulator } = require('../../simulators/spapi');
const { demoCredentials } = require('../../simulators/cli');
const { av01 } = require('../../simulators/m3/state');

async function start() {
	const m3 = await startM3Simulator({ seed: 5, timeScale: 30 });
	const sp = await startSpApiSimulator({ seed: 5, timeScale: 30 });
	const c = demoCredentials(m3, sp).n8n;
	return {
		credentials: { inforM3Api: c.inforM3ApiDirect, amazonSpApi: c.amazonSpApi },
		listings: sp.state.listings,
		/** @param {string} itno */
		balance(itno) {
			const b = /** @type {any} */ (Object.values(m3.state.balances)).find((/** @type {any} */ x) => x.WHLO === '001' && x.ITNO === itno);
			return { ...b, AV01: av01(b) };
		},
		/** AV01 summed over the template's warehouses 001 and 002 @param {string} itno */
		available(itno) {
			return /** @type {any[]} */ (Object.values(m3.state.balances))
				.filter((x) => x.ITNO === itno && (x.WHLO === '001' || x.WHLO === '002'))
				.reduce((s, b) => s + av01(b), 0);
		},
		/** @param {string} sku */
		itemOfSku(sku) {
			return /** @type {any} */ (m3.state.aliases).find((/** @type {any} */ a) => String(a.ALWT) === '1' && a.POPN === sku).ITNO;
		},
		close: async () => {
			await Promise.allSettled([m3.close(), sp.close()]);
		},
	};
}

module.exports = { start };

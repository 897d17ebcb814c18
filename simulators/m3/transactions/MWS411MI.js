// @ts-check
/** MWS411MI - Delivery lines. */
'use strict';

const { findOrder, findDelivery } = require('../state');

/** @typedef {import('../server').TxContext} Ctx */

module.exports = {
	/** Lines of one delivery (DLIX is the key: one index range is read); RIDN narrows to one order. @param {Ctx} ctx */
	LstDeliveryLine(ctx) {
		const d = findDelivery(ctx.state, ctx.input.DLIX);
		if (!d) return [];
		ctx.read(d.lines.length);
		return d.lines.filter((/** @type {any} */ l) => !ctx.input.RIDN || l.RIDN === ctx.input.RIDN);
	},
	/**
	 * Delivery lines of an order (RIDN = ORNO; RORC 3 = customer order), optionally one line. With RIDN the order's
	 * deliveries are read through the index; without it every delivery is read. @param {Ctx} ctx
	 */
	*LstDelLnByOrd(ctx) {
		const { RORC, RIDN, RIDL, RIDX } = ctx.input;
		/** @type {Iterable<any>} */
		let deliveries;
		if (RIDN) {
			const o = findOrder(ctx.state, RIDN);
			deliveries = o ? o.deliveries.map((/** @type {string} */ dlix) => findDelivery(ctx.state, dlix)).filter(Boolean) : [];
		} else {
			const h = ctx.state.history;
			deliveries = (function* () {
				if (h) for (const x of h.all()) yield x.delivery;
				yield* Object.values(ctx.state.deliveries);
			})();
		}
		for (const d of deliveries) {
			for (const l of d.lines) {
				ctx.read();
				if (RORC && Number(l.RORC) !== Number(RORC)) continue;
				if (RIDN && l.RIDN !== RIDN) continue;
				if (RIDL && Number(l.RIDL) !== Number(RIDL)) continue;
				if (RIDX && Number(l.RIDX) !== Number(RIDX)) continue;
				yield l;
			}
		}
	},
};

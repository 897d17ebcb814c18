// @ts-check
/** MWS411MI - Delivery lines. */
'use strict';

/** @typedef {import('../server').TxContext} Ctx */

module.exports = {
	/** Delivery lines of an order (RIDN = ORNO; RORC 3 = customer order), optionally one line. @param {Ctx} ctx */
	LstDelLnByOrd(ctx) {
		const { RORC, RIDN, RIDL, RIDX } = ctx.input;
		const rows = [];
		for (const d of Object.values(ctx.state.deliveries)) {
			for (const l of d.lines) {
				if (RORC && Number(l.RORC) !== Number(RORC)) continue;
				if (RIDN && l.RIDN !== RIDN) continue;
				if (RIDL && Number(l.RIDL) !== Number(RIDL)) continue;
				if (RIDX && Number(l.RIDX) !== Number(RIDX)) continue;
				rows.push(l);
			}
		}
		return rows;
	},
};

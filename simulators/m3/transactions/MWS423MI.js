// @ts-check
/** MWS423MI - Packages of a delivery (package-level tracking number ETRN). */
'use strict';

const { findDelivery } = require('../state');

/** @typedef {import('../server').TxContext} Ctx */

module.exports = {
	/** INOU 1 = outbound. PACO (packing level) is mandatory in the metadata but not used as a filter. @param {Ctx} ctx */
	LstPackages(ctx) {
		const d = findDelivery(ctx.state, ctx.input.DLIX);
		if (!d || Number(ctx.input.INOU) !== 1) return [];
		return d.packages.filter((/** @type {any} */ p) => !ctx.input.PACT || p.PACT === ctx.input.PACT);
	},
};

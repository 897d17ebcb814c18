// @ts-check
'use strict';
/** Tokens 2021-03-01 createRestrictedDataToken: RDT (Atz.sprdt|...) accepted by the v0 restricted order reads. */
const { ApiError } = require('../validate');

const DATA_ELEMENTS = ['buyerInfo', 'shippingAddress', 'buyerTaxInformation'];

/** @param {any} ctx */
function createRestrictedDataToken(ctx) {
	const b = ctx.body;
	const bad = (/** @type {string} */ details) => new ApiError(400, 'InvalidRequest', 'Request is missing or has invalid parameters', details);
	if (!b.restrictedResources.length) throw bad('Resource not provided.');
	if (b.restrictedResources.length > 50) throw bad('At most 50 restrictedResources are allowed.');
	for (const r of b.restrictedResources) {
		if (!r.method || !r.path) throw bad('Resource not provided.');
		if (!/^\/[A-Za-z0-9/{}._-]+$/.test(r.path)) throw bad(`Invalid path: ${r.path}`);
		if (!/^\/(orders\/v0\/orders|mfn\/v0|fba\/outbound|shipping|vendor|sales|finances|messaging|solicitations|reports|easyShip)/.test(r.path)) throw bad(`Resource ${r.path} is not a restricted resource.`);
		for (const e of r.dataElements || []) if (!DATA_ELEMENTS.includes(e)) throw bad(`Invalid dataElement: ${e}`);
	}
	const t = ctx.sim.lwa.issueRdt({ clientId: ctx.auth.clientId, sellerId: ctx.auth.sellerId, restrictedResources: b.restrictedResources });
	ctx.state.rdts.push({ time: new Date().toISOString(), restrictedResources: b.restrictedResources });
	return { body: { restrictedDataToken: t.token, expiresIn: t.expiresIn } };
}
module.exports = { 'tokens.createRestrictedDataToken': createRestrictedDataToken };

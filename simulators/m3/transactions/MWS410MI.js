// @ts-check
/** MWS410MI - Delivery toolbox: delivery head with tracking (ETRN), forwarder (FWNO), departure (DSDT). */
'use strict';

const { errors, MIError } = require('../errors');
const { findDelivery } = require('../state');

/** @typedef {import('../server').TxContext} Ctx */

module.exports = {
	/** No input is mandatory in the metadata; M3 needs DLIX (or CONA/PUSN) to find a delivery. @param {Ctx} ctx */
	GetHead(ctx) {
		const { DLIX } = ctx.input;
		if (!DLIX) throw new MIError('Delivery number must be entered', { code: 'WDL0202', field: 'DLIX' });
		const d = findDelivery(ctx.state, DLIX);
		if (!d) throw errors.notFound(`delivery ${DLIX}`, 'DLIX');
		return d.head;
	},
};

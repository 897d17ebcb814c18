// @ts-check
/** OIS275MI - Customer batch-order head (read side of OIS100MI batch entry). */
'use strict';

const { errors } = require('../errors');
const { findBatch } = require('../state');

/** @typedef {import('../server').TxContext} Ctx */

/** @param {Ctx} ctx */
function batchOf(ctx) {
	ctx.read();
	const b = findBatch(ctx.state, ctx.input.ORNO);
	if (!b) throw errors.notFound(`batch order ${ctx.input.ORNO}`, 'ORNO');
	return b;
}

module.exports = {
	/** @param {Ctx} ctx */
	GetBatchHead: (ctx) => {
		const b = batchOf(ctx);
		return { ...b.head, ORNO: b.ORNO, STAT: b.STAT };
	},
	/** @param {Ctx} ctx */
	GetTmpOrderStat: (ctx) => {
		const b = batchOf(ctx);
		return { ORNO: b.ORNO, ORNR: b.ORNR || '', STAT: b.STAT };
	},
};

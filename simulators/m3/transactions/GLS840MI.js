// @ts-check
/** GLS840MI - Generic GL interface (FGLINH/FGLINL): batch head, position-based lines, check (6), update (9). */
'use strict';

const { errors, MIError } = require('../errors');
const { today } = require('../state');

/** @typedef {import('../server').TxContext} Ctx */

/** KEY1 is unique per company/division. @param {Ctx} ctx */
const keyOf = (ctx) => `${ctx.input.CONO}|${ctx.input.DIVI || ctx.state.divi}|${ctx.input.KEY1}`;

/** @param {Ctx} ctx */
function batchOf(ctx) {
	const b = ctx.state.glBatches[keyOf(ctx)];
	if (!b) throw errors.notFound(`GL batch ${ctx.input.KEY1}`, 'KEY1');
	return b;
}

/** @param {Ctx} ctx @param {any} b */
function notUpdated(ctx, b) {
	if (b.status === 'updated') throw new MIError(`Batch ${b.KEY1} is already updated`, { code: 'GL84009', field: 'KEY1' });
}

module.exports = {
	/** @param {Ctx} ctx */
	AddBatchHead(ctx) {
		const k = keyOf(ctx);
		if (ctx.state.glBatches[k]) throw errors.alreadyExists(`GL batch ${ctx.input.KEY1}`, 'KEY1');
		ctx.state.glBatches[k] = {
			CONO: ctx.input.CONO, DIVI: ctx.input.DIVI || ctx.state.divi, KEY1: ctx.input.KEY1, INTN: ctx.input.INTN,
			DESC: ctx.input.DESC, USID: ctx.input.USID || ctx.user, RGDT: today(ctx.state), status: 'added', lines: [],
		};
		return { CONO: ctx.input.CONO };
	},
	/** @param {Ctx} ctx */
	AddBatchLine(ctx) {
		const b = batchOf(ctx);
		notUpdated(ctx, b);
		if (b.lines.some((/** @type {any} */ l) => Number(l.LINE) === Number(ctx.input.LINE))) {
			throw errors.alreadyExists(`GL batch ${b.KEY1} line ${ctx.input.LINE}`, 'LINE');
		}
		b.lines.push({ LINE: ctx.input.LINE, PARM: ctx.input.PARM });
		b.status = 'added';
		return { CONO: ctx.input.CONO };
	},
	/** Option 6: check. The simulator only checks that lines exist (it does not know the GLS850 template). @param {Ctx} ctx */
	CtrlBatch(ctx) {
		const b = batchOf(ctx);
		notUpdated(ctx, b);
		if (!b.lines.length) throw new MIError(`Batch ${b.KEY1} has no lines`, { code: 'GL84002', field: 'KEY1' });
		b.status = 'checked';
		return { CONO: ctx.input.CONO };
	},
	/** Option 9: update (post). @param {Ctx} ctx */
	UpdBatch(ctx) {
		const b = batchOf(ctx);
		notUpdated(ctx, b);
		if (!b.lines.length) throw new MIError(`Batch ${b.KEY1} has no lines`, { code: 'GL84002', field: 'KEY1' });
		b.status = 'updated';
		b.updatedAt = today(ctx.state);
		return { CONO: ctx.input.CONO };
	},
};

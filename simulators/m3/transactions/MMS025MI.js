// @ts-check
/** MMS025MI - Alias numbers (Amazon SKUs are ALWT 1 "popular number", EANs ALWT 2 / EA13). */
'use strict';

const { errors } = require('../errors');

/** @typedef {import('../server').TxContext} Ctx */

/** ALWT is N2: compare numerically so '1' and '01' are the same category. @param {unknown} a @param {unknown} b */
const sameType = (a, b) => Number(a) === Number(b);

module.exports = {
	/** @param {Ctx} ctx */
	GetItem(ctx) {
		const { ALWT, POPN, ALWQ, E0PA } = ctx.input;
		const hit = ctx.state.aliases.find((a) => sameType(a.ALWT, ALWT) && a.POPN === POPN
			&& (!ALWQ || a.ALWQ === ALWQ) && (!E0PA || a.E0PA === E0PA));
		if (!hit) throw errors.notFound(`alias ${POPN} category ${ALWT}`, 'POPN');
		return hit;
	},
	/** @param {Ctx} ctx */
	LstAlias(ctx) {
		const { ITNO, ALWT } = ctx.input;
		return ctx.state.aliases.filter((a) => a.ITNO === ITNO && (!ALWT || sameType(a.ALWT, ALWT)));
	},
};

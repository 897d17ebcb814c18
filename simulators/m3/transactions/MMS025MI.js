// @ts-check
/** MMS025MI - Alias numbers (Amazon SKUs are ALWT 1 "popular number", EANs ALWT 2 / EA13). */
'use strict';

const { errors } = require('../errors');

/** @typedef {import('../server').TxContext} Ctx */
/** @typedef {import('../state').State} State */

/** ALWT is N2: compare numerically so '1' and '01' are the same category. @param {unknown} a @param {unknown} b */
const sameType = (a, b) => Number(a) === Number(b);

/** @type {WeakMap<object, { size: number, byPopn: Map<string, any[]>, byItno: Map<string, any[]> }>} */
const indexes = new WeakMap();

/**
 * The alias table's two indexes (POPN by category, ITNO), rebuilt when rows were added (benches push rows).
 * @param {State} state
 */
function index(state) {
	let ix = indexes.get(state.aliases);
	if (!ix || ix.size !== state.aliases.length) {
		ix = { size: state.aliases.length, byPopn: new Map(), byItno: new Map() };
		for (const a of state.aliases) {
			const k = `${Number(a.ALWT)}|${a.POPN}`;
			(ix.byPopn.get(k) || ix.byPopn.set(k, []).get(k)).push(a);
			(ix.byItno.get(a.ITNO) || ix.byItno.set(a.ITNO, []).get(a.ITNO)).push(a);
		}
		indexes.set(state.aliases, ix);
	}
	return /** @type {{ size: number, byPopn: Map<string, any[]>, byItno: Map<string, any[]> }} */ (ix);
}

module.exports = {
	/** @param {Ctx} ctx */
	GetItem(ctx) {
		const { ALWT, POPN, ALWQ, E0PA } = ctx.input;
		ctx.read();
		const hit = (index(ctx.state).byPopn.get(`${Number(ALWT)}|${POPN}`) || [])
			.find((a) => (!ALWQ || a.ALWQ === ALWQ) && (!E0PA || a.E0PA === E0PA));
		if (!hit) throw errors.notFound(`alias ${POPN} category ${ALWT}`, 'POPN');
		return hit;
	},
	/**
	 * Every alias of a category (ALWT; ALWQ narrows), in key order (ITNO, then POPN). LMTS is taken as "changed
	 * after": seeded aliases carry none and are always listed. The category's index range is read. @param {Ctx} ctx
	 */
	LstAliasViaCat(ctx) {
		const { ALWT, ALWQ, LMTS } = ctx.input;
		const since = LMTS ? Number(LMTS) : -1;
		const rows = ctx.state.aliases
			.filter((a) => sameType(a.ALWT, ALWT) && (!ALWQ || a.ALWQ === ALWQ))
			.sort((a, b) => (a.ITNO < b.ITNO ? -1 : a.ITNO > b.ITNO ? 1 : a.POPN < b.POPN ? -1 : a.POPN > b.POPN ? 1 : 0));
		ctx.read(rows.length);
		return rows.filter((a) => since < 0 || !a.LMTS || Number(a.LMTS) > since);
	},
	/** @param {Ctx} ctx */
	LstAlias(ctx) {
		const { ITNO, ALWT } = ctx.input;
		const rows = index(ctx.state).byItno.get(ITNO) || [];
		ctx.read(rows.length);
		return rows.filter((a) => !ALWT || sameType(a.ALWT, ALWT));
	},
};

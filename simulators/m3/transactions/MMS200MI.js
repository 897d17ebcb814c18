// @ts-check
/** MMS200MI - Item toolbox: item basic data, item/warehouse records and balances. */
'use strict';

const { errors } = require('../errors');
const { av01, av02 } = require('../state');
const { searchMatcher, str } = require('./util');

/** @typedef {import('../server').TxContext} Ctx */
/** @typedef {import('../state').Balance} Balance */
/** @typedef {import('../state').State} State */

/** @param {Ctx} ctx */
function item(ctx) {
	const it = ctx.state.items[ctx.input.ITNO];
	if (!it) throw errors.notFound(`item ${ctx.input.ITNO}`, 'ITNO');
	return it;
}

/** Balance record as GetItmWhsBal outputs it. @param {State} state @param {Balance} b */
function balanceRecord(state, b) {
	return {
		CONO: state.cono, WHLO: b.WHLO, ITNO: b.ITNO, FACI: state.warehouses[b.WHLO] ? state.warehouses[b.WHLO].FACI : state.faci,
		STQT: str(b.STQT), QUQT: str(b.QUQT), RJQT: str(b.RJQT), ALQT: str(b.ALQT), AV01: str(av01(b)),
		AVAL: str(b.STQT - b.ALQT), PLQT: str(b.PLQT), ORQT: str(b.ORQT), REQT: str(b.REQT), RLQT: str(b.RLQT),
		AV02: str(av02(b)), REQP: str(b.REQP), IDDT: b.IDDT, ODDT: b.ODDT,
	};
}

/** Item/warehouse record (MITBAL settings, no balances). @param {State} state @param {Balance} b */
function itemWhsRecord(state, b) {
	const it = state.items[b.ITNO] || {};
	const w = state.warehouses[b.WHLO] || {};
	return {
		CONO: state.cono, WHLO: b.WHLO, ITNO: b.ITNO, ITDS: it.ITDS, WHNM: w.WHNM, FACI: w.FACI, STAT: it.STAT,
		RESP: it.RESP, ALMT: '6', REOP: '0', SSQT: '0', WHSL: '', ABCD: 'B',
	};
}

/** @param {string} a @param {string} b */
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** @param {Ctx} ctx @param {(a: Balance, b: Balance) => number} order @param {(b: Balance) => boolean} from */
function listWhs(ctx, order, from) {
	return Object.values(ctx.state.balances).sort(order).filter(from).map((b) => itemWhsRecord(ctx.state, b));
}

module.exports = {
	/** @param {Ctx} ctx */
	Get: (ctx) => item(ctx),
	/** @param {Ctx} ctx */
	GetItmBasic: (ctx) => item(ctx),
	/** @param {Ctx} ctx */
	GetItmWhsBal(ctx) {
		const b = ctx.state.balances[`${ctx.input.WHLO}|${ctx.input.ITNO}`];
		if (!b) throw errors.notFound(`item ${ctx.input.ITNO} warehouse ${ctx.input.WHLO}`, 'ITNO');
		return balanceRecord(ctx.state, b);
	},
	/** By warehouse, then item; WHLO limits the list to one warehouse, ITNO is the start key. @param {Ctx} ctx */
	LstItmWhsByWhs(ctx) {
		const { WHLO = '', ITNO = '' } = ctx.input;
		return listWhs(ctx, (a, b) => cmp(a.WHLO, b.WHLO) || cmp(a.ITNO, b.ITNO), (b) => (!WHLO || b.WHLO === WHLO) && b.ITNO >= ITNO);
	},
	/**
	 * Items changed from FLMD to TLMD (change date LMDT, YYYYMMDD; empty = open), by item number. M3 keeps the date
	 * only, not the time: a run on the same day sees the day's changes again.
	 * @param {Ctx} ctx
	 */
	LstItmByChgDate(ctx) {
		const { FLMD = '', TLMD = '' } = ctx.input;
		return Object.values(ctx.state.items)
			.filter((it) => (!FLMD || String(it.LMDT) >= FLMD) && (!TLMD || String(it.LMDT) <= TLMD))
			.sort((a, b) => cmp(a.ITNO, b.ITNO));
	},
	/** Item basic data by item number from the start key ITNO (mandatory, as in M3's metadata). @param {Ctx} ctx */
	LstItmByItm(ctx) {
		const from = ctx.input.ITNO || '';
		return Object.values(ctx.state.items)
			.filter((it) => it.ITNO >= from)
			.sort((a, b) => cmp(a.ITNO, b.ITNO));
	},
	/** Items matching the search query SQRY (the same query rules as CRS610MI/SearchCustomer). @param {Ctx} ctx */
	SearchItem(ctx) {
		const match = searchMatcher(ctx.input.SQRY || '');
		return Object.values(ctx.state.items)
			.filter(match)
			.sort((a, b) => cmp(a.ITNO, b.ITNO))
			.map((it) => ({ ITNO: it.ITNO, ITDS: it.ITDS, FUDS: it.FUDS, STAT: it.STAT, RESP: it.RESP, PGNM: 'MMS001', FILE: 'MITMAS' }));
	},
	/** By item, then warehouse; ITNO is the start key, WHLO limits the warehouse. @param {Ctx} ctx */
	LstItmWhsByItm(ctx) {
		const { WHLO = '', ITNO = '' } = ctx.input;
		// ITNO + WHLO are the start key (M3 lists from the key on): the next page starts at the last record read
		return listWhs(ctx, (a, b) => cmp(a.ITNO, b.ITNO) || cmp(a.WHLO, b.WHLO), (b) => b.ITNO > ITNO || (b.ITNO === ITNO && b.WHLO >= WHLO));
	},
};

// @ts-check
/**
 * OIS017MI - Sales price list interface (not in the shared catalogue; contract from scripts/m3-catalog-supplement.json).
 * LstPriceList returns every header whatever the input, as public integration notes report for real tenants, so
 * callers must pick PRRF/CUCD and the header valid today themselves. LstBasePrice lists the lines of one header.
 */
'use strict';

const { errors } = require('../errors');

/** @typedef {import('../server').TxContext} Ctx */

/** @param {string} a @param {string} b */
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

module.exports = {
	/** @param {Ctx} ctx */
	LstPriceList(ctx) {
		return ctx.state.priceLists
			.slice()
			.sort((/** @type {any} */ a, /** @type {any} */ b) => cmp(a.PRRF, b.PRRF) || cmp(a.CUCD, b.CUCD) || cmp(a.FVDT, b.FVDT))
			.map((/** @type {any} */ h) => ({ CONO: ctx.state.cono, PRRF: h.PRRF, CUCD: h.CUCD, CUNO: h.CUNO || '', FVDT: h.FVDT, LVDT: h.LVDT, TX15: h.TX15, SCMO: '', CABA: '0', BAPL: '', SCAC: '0', CMNO: '' }));
	},
	/** @param {Ctx} ctx */
	LstBasePrice(ctx) {
		const { PRRF, CUCD, FVDT } = ctx.input;
		const h = ctx.state.priceLists.find((/** @type {any} */ x) => x.PRRF === PRRF && x.CUCD === CUCD && x.FVDT === FVDT);
		if (!h) throw errors.notFound(`price list ${PRRF} ${CUCD} ${FVDT}`, 'PRRF');
		return Object.values(ctx.state.priceLines)
			.filter((/** @type {any} */ l) => l.PRRF === PRRF && l.CUCD === CUCD && l.FVDT === FVDT)
			.sort((/** @type {any} */ a, /** @type {any} */ b) => cmp(a.ITNO, b.ITNO))
			.map((/** @type {any} */ l) => ({ CONO: ctx.state.cono, PRRF, CUCD, CUNO: '', FVDT, LVDT: h.LVDT, TX15: h.TX15, ITNO: l.ITNO, SAPR: l.SAPR, SACD: l.SACD, SPUN: l.SPUN, NTCD: l.NTCD, CMNO: '', FMID: '', RESI: '', MXID: '', SGGU: '', OBV1: '', OBV2: '', OBV3: '' }));
	},
};

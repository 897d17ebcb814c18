// @ts-check
/** CRS610MI - Customer interface. */
'use strict';

const { errors, MIError } = require('../errors');
const { today, nextLmts } = require('../state');
const { searchMatcher } = require('./util');

/** @typedef {import('../server').TxContext} Ctx */

const BASIC_FIELDS = ['LNCD', 'CUNM', 'CUA1', 'CUA2', 'CUA3', 'CUA4', 'PONO', 'PHNO', 'PHN2', 'TFNO', 'CUTP', 'ALCU', 'YREF',
	'YRE2', 'MAIL', 'CSCD', 'ECAR', 'STAT', 'TOWN', 'EDES', 'FRCO', 'CUSU', 'RASN', 'SPLE'];

const FINANCIAL_FIELDS = ['VTCD', 'VRNO', 'TAXC', 'TXAP', 'CUCD', 'CRLM', 'TEPY', 'PYCD'];

/** @param {Ctx} ctx @param {string} cuno */
function mustGet(ctx, cuno) {
	const c = ctx.state.customers[cuno];
	if (!c) throw errors.notFound(`customer ${cuno}`, 'CUNO');
	return c;
}

module.exports = {
	/** @param {Ctx} ctx */
	Add(ctx) {
		const { state, input } = ctx;
		let cuno = input.CUNO;
		if (!cuno) {
			let n = Object.keys(state.customers).length + 1;
			while (state.customers[`C${String(n).padStart(6, '0')}`]) n++;
			cuno = `C${String(n).padStart(6, '0')}`;
		}
		if (state.customers[cuno]) throw errors.alreadyExists(`customer ${cuno}`, 'CUNO');
		const template = state.customers[input.CUTM];
		if (!template) throw new MIError(`Customer template ${input.CUTM} does not exist`, { code: 'WCUTM03', field: 'CUTM' });
		const d = today(state);
		/** @type {Record<string, string>} */
		const rec = { ...template, CUNO: cuno, CUA2: '', CUA3: '', CUA4: '', PHNO: '', MAIL: '', LMDT: d, RGDT: d };
		for (const f of BASIC_FIELDS) if (input[f] !== undefined) rec[f] = input[f];
		rec.STAT = input.STAT || '20';
		rec.LMTS = String(nextLmts(state));
		state.customers[cuno] = rec;
		return { CUNO: cuno, ERRM: '' };
	},
	/** @param {Ctx} ctx */
	GetBasicData(ctx) {
		return mustGet(ctx, ctx.input.CUNO);
	},
	/** @param {Ctx} ctx */
	ChgBasicData(ctx) {
		const c = mustGet(ctx, ctx.input.CUNO);
		// MI "Chg" semantics: only fields sent (non-blank) change.
		for (const f of BASIC_FIELDS) if (ctx.input[f] !== undefined) c[f] = ctx.input[f];
		c.LMDT = today(ctx.state);
		c.LMTS = String(nextLmts(ctx.state));
		return { CUNO: c.CUNO };
	},
	/** Financial data: VAT code, VAT registration number, tax code, tax applicable (CRS610/J). @param {Ctx} ctx */
	GetFinancial(ctx) {
		const c = mustGet(ctx, ctx.input.CUNO);
		return { ...c, DIVI: ctx.input.DIVI || ctx.state.divi, VTCD: c.VTCD || '', VRNO: c.VRNO || '', TAXC: c.TAXC || '', TXAP: c.TXAP || '0' };
	},
	/** @param {Ctx} ctx */
	ChgFinancial(ctx) {
		const c = mustGet(ctx, ctx.input.CUNO);
		const vat = ctx.state.vat;
		if (ctx.input.VTCD !== undefined && vat && !vat.codes[ctx.input.VTCD]) {
			throw new MIError(`VAT code ${ctx.input.VTCD} does not exist`, { code: 'WVT0103', field: 'VTCD' });
		}
		for (const f of FINANCIAL_FIELDS) if (ctx.input[f] !== undefined) c[f] = ctx.input[f];
		c.LMDT = today(ctx.state);
		c.LMTS = String(nextLmts(ctx.state));
		return { CUNO: c.CUNO };
	},
	/** List in CUNO order starting at CUNO; LMTS = only customers changed after that timestamp. @param {Ctx} ctx */
	LstByNumber(ctx) {
		const from = ctx.input.CUNO || '';
		const lmts = ctx.input.LMTS ? Number(ctx.input.LMTS) : 0;
		return Object.values(ctx.state.customers)
			.filter((c) => c.CUNO >= from && Number(c.LMTS) > lmts)
			.sort((a, b) => (a.CUNO < b.CUNO ? -1 : 1));
	},
	/** @param {Ctx} ctx */
	SearchCustomer(ctx) {
		const match = searchMatcher(ctx.input.SQRY || '');
		return Object.values(ctx.state.customers).filter(match).sort((a, b) => (a.CUNO < b.CUNO ? -1 : 1));
	},
};

// @ts-check
/** CUSEXTMI - Customer generic extension table (CUGEX1): FILE + PK01..PK08 keyed custom fields. */
'use strict';

const { errors } = require('../errors');
const { today, timeOfDay, nextLmts } = require('../state');

/** @typedef {import('../server').TxContext} Ctx */

const PKS = ['PK01', 'PK02', 'PK03', 'PK04', 'PK05', 'PK06', 'PK07', 'PK08'];
const VALUES = ['A030', 'A130', 'A230', 'A330', 'A430', 'A530', 'A630', 'A730', 'A830', 'A930', 'A121',
	'N096', 'N196', 'N296', 'N396', 'N496', 'N596', 'N696', 'N796', 'N896', 'N996', 'MIGR'];

/** @param {Record<string, string>} r */
const keyOf = (r) => [r.FILE, ...PKS.map((k) => r[k] || '')].join('|');

/** @param {Ctx} ctx */
function recordOf(ctx) {
	const r = ctx.state.customFields[keyOf(ctx.input)];
	if (!r) throw errors.notFound(`${ctx.input.FILE} ${PKS.map((k) => ctx.input[k] || '').join(' ').trim()}`, 'PK01');
	return r;
}

/** @param {Ctx} ctx @param {Record<string, string>} r */
function setValues(ctx, r) {
	for (const f of VALUES) if (ctx.input[f] !== undefined) r[f] = ctx.input[f];
	r.LMDT = today(ctx.state);
	r.LMTS = String(nextLmts(ctx.state));
	r.CHID = ctx.user;
}

module.exports = {
	/** @param {Ctx} ctx */
	AddFieldValue(ctx) {
		const k = keyOf(ctx.input);
		if (ctx.state.customFields[k]) throw errors.alreadyExists(`${ctx.input.FILE} ${ctx.input.PK01}`, 'PK01');
		/** @type {Record<string, string>} */
		const r = { FILE: ctx.input.FILE, RGDT: today(ctx.state), RGTM: timeOfDay(ctx.state, true), CHNO: '1' };
		for (const p of PKS) r[p] = ctx.input[p] || '';
		setValues(ctx, r);
		ctx.state.customFields[k] = r;
	},
	/** @param {Ctx} ctx */
	ChgFieldValue(ctx) {
		const r = recordOf(ctx);
		setValues(ctx, r);
		r.CHNO = String(Number(r.CHNO || '0') + 1);
	},
	/** @param {Ctx} ctx */
	GetFieldValue: (ctx) => recordOf(ctx),
	/** Records of FILE whose given keys match (PK01 mandatory, others narrow the list). @param {Ctx} ctx */
	LstFieldValue(ctx) {
		const rows = Object.values(ctx.state.customFields)
			.filter((r) => r.FILE === ctx.input.FILE && PKS.every((p) => !ctx.input[p] || r[p] === ctx.input[p]))
			.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
		ctx.read(rows.length); // a key range of CUGEX1: only the matching records are read
		return rows;
	},
	/** @param {Ctx} ctx */
	DelFieldValue(ctx) {
		recordOf(ctx);
		delete ctx.state.customFields[keyOf(ctx.input)];
	},
};

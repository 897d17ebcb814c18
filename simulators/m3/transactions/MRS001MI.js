// @ts-check
/** MRS001MI - MI repository metadata, answered from contract.json. */
'use strict';

const { errors } = require('../errors');
const { programs } = require('../contract');

/** @typedef {import('../server').TxContext} Ctx */

/** @param {string} minm */
function programOf(minm) {
	const p = programs()[minm];
	if (!p) throw errors.notFound(`program ${minm}`, 'MINM');
	return p;
}

module.exports = {
	/** The harmless "does my login work" call: no input, read-only. */
	LstPrograms: () => Object.entries(programs()).map(([MINM, p]) => ({ MINM, MIDS: p.description, OBNM: MINM, VERS: '', MNID: '' })),
	/** @param {Ctx} ctx */
	LstTransactions(ctx) {
		const p = programOf(ctx.input.MINM);
		return Object.entries(p.transactions).map(([TRNM, t]) => ({
			MINM: ctx.input.MINM, TRNM, TRDS: t.description, STAT: '20', SIMU: t.multipleOutput ? 'M' : 'S',
		}));
	},
	/** @param {Ctx} ctx */
	GetTransaction(ctx) {
		const t = programOf(ctx.input.MINM).transactions[ctx.input.TRNM];
		if (!t) throw errors.notFound(`transaction ${ctx.input.MINM}/${ctx.input.TRNM}`, 'TRNM');
		return { MINM: ctx.input.MINM, TRNM: ctx.input.TRNM, TRDS: t.description, STAT: '20', SIMU: t.multipleOutput ? 'M' : 'S' };
	},
	/**
	 * Fields of a transaction, TRTP I (input) or O (output). Field metadata is in contract.json only for the
	 * transactions the simulator implements; for other catalogued transactions the list is empty.
	 * @param {Ctx} ctx
	 */
	LstFields(ctx) {
		const { MINM, TRNM } = ctx.input;
		const TRTP = ctx.input.TRTP.toUpperCase();
		const t = programOf(MINM).transactions[TRNM];
		if (!t) throw errors.notFound(`transaction ${MINM}/${TRNM}`, 'TRNM');
		const fields = (TRTP === 'I' ? t.inputs : t.outputs) || [];
		let pos = 1;
		return fields.map((/** @type {any} */ f) => {
			const len = f.type === 'D' ? 8 : f.length || 0;
			const row = {
				MINM, TRNM, TRTP, FLNM: f.name, FLDS: f.description, FRPO: String(pos), TOPO: String(pos + len - 1),
				LENG: String(len), TYPE: f.type, MAND: f.required ? '1' : '0',
			};
			pos += len;
			return row;
		});
	},
};

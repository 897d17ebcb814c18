// @ts-check
/**
 * OIS390MI - Customer return (not in the shared catalogue; contract from scripts/m3-catalog-supplement.json).
 * AddHead registers a return (receiving number REPN) in a warehouse for a customer, optionally against the customer
 * order it returns (RORN); AddLine adds a returned item, optionally against the order line (RORL/RORX); LstLine lists
 * the lines. The simulator's own rules (its README): the warehouse, customer and referenced order must exist and
 * belong together; a line against an order line returns at most what was delivered on it less what earlier returns
 * took back (OI39001, the simulator's message id); the item is the order line's. Receiving, inspection and the
 * credit note are M3's own process after this (not MI): the simulator keeps the return as registered (status 10).
 */
'use strict';

const { errors, MIError } = require('../errors');
const { findOrder, today } = require('../state');
const { num, str } = require('./util');

/** @typedef {import('../server').TxContext} Ctx */

/** @param {Ctx} ctx */
const keyOf = (ctx) => `${ctx.input.WHLO}|${Number(ctx.input.REPN)}`;

/** What earlier returns took back from an order line. @param {Ctx} ctx @param {string} orno @param {string} ponr @param {string} posx */
function returnedBefore(ctx, orno, ponr, posx) {
	let q = 0;
	for (const r of Object.values(ctx.state.returns)) {
		if (r.head.RORN !== orno) continue;
		for (const l of r.lines) if (Number(l.PONR) === Number(ponr) && Number(l.POSX || 0) === Number(posx || 0)) q += num(l.REQ0);
	}
	return q;
}

module.exports = {
	/** @param {Ctx} ctx */
	AddHead(ctx) {
		const { WHLO, CUNO, RORN } = ctx.input;
		if (!ctx.state.warehouses[WHLO]) throw errors.refMissing('WWH0103', `Warehouse ${WHLO} does not exist`, 'WHLO');
		if (CUNO && !ctx.state.customers[CUNO]) throw errors.refMissing('WCU0203', `Customer ${CUNO} does not exist`, 'CUNO');
		if (RORN) {
			const o = findOrder(ctx.state, RORN);
			if (!o) throw errors.refMissing('WOR0103', `Customer order ${RORN} does not exist`, 'RORN');
			if (CUNO && o.head.CUNO !== CUNO) throw new MIError(`Customer order ${RORN} belongs to customer ${o.head.CUNO}, not ${CUNO}`, { code: 'WOR0103', field: 'RORN' });
		}
		const repn = ctx.input.REPN ? String(Number(ctx.input.REPN)) : String(++ctx.state.seq.repn);
		const k = `${WHLO}|${repn}`;
		if (ctx.state.returns[k]) throw errors.alreadyExists(`return ${WHLO}/${repn}`, 'REPN');
		const o = RORN ? findOrder(ctx.state, RORN) : null;
		ctx.state.returns[k] = {
			head: {
				WHLO, REPN: repn, CUNO: CUNO || (o ? o.head.CUNO : ''), RORN: RORN || '', RORC: RORN ? '3' : '', FACI: ctx.input.FACI || (o ? o.head.FACI : ''),
				EPDT: ctx.input.EPDT || today(ctx.state), RSCD: ctx.input.RSCD || '', RERE: ctx.input.RERE || ctx.user, YREF: ctx.input.YREF || '', ORTP: ctx.input.ORTP || '',
				RGDT: today(ctx.state), STAT: '10',
			},
			lines: [],
		};
		return { REPN: repn };
	},
	/** @param {Ctx} ctx */
	AddLine(ctx) {
		const ret = ctx.state.returns[keyOf(ctx)];
		if (!ret) throw errors.notFound(`return ${ctx.input.WHLO}/${ctx.input.REPN}`, 'REPN');
		const qty = num(ctx.input.REQ0);
		if (!(qty > 0)) throw new MIError(`Quantity ${ctx.input.REQ0} must be greater than zero`, { code: 'WRE0202', field: 'REQ0' });
		let itno = ctx.input.ITNO || '';
		let ponr = '';
		let posx = '';
		if (ctx.input.RORL) {
			if (!ret.head.RORN) throw new MIError('Reference order line given, but the return has no reference order', { code: 'WRO0103', field: 'RORL' });
			const o = findOrder(ctx.state, ret.head.RORN);
			const line = o && o.lines.find((/** @type {any} */ l) => Number(l.PONR) === Number(ctx.input.RORL) && Number(l.POSX || 0) === Number(ctx.input.RORX || 0));
			if (!line) throw errors.refMissing('WRO0103', `Order line ${ret.head.RORN}/${ctx.input.RORL} does not exist`, 'RORL');
			if (itno && itno !== line.ITNO) throw new MIError(`Item ${itno} is not the item ${line.ITNO} of order line ${ret.head.RORN}/${line.PONR}`, { code: 'WIT0103', field: 'ITNO' });
			itno = line.ITNO;
			ponr = String(line.PONR);
			posx = String(line.POSX || '0');
			const open = num(line.DLQT) - returnedBefore(ctx, ret.head.RORN, ponr, posx);
			if (qty > open) throw new MIError(`Return quantity ${str(qty)} exceeds the delivered quantity not yet returned (${str(open)}) of order line ${ret.head.RORN}/${ponr}`, { code: 'OI39001', field: 'REQ0' });
		} else if (!itno) throw new MIError('Item number or reference order line must be entered', { code: 'WIT0102', field: 'ITNO' });
		else if (!ctx.state.items[itno]) throw errors.refMissing('WIT0103', `Item ${itno} does not exist`, 'ITNO');
		const reli = String(ret.lines.length + 1);
		ret.lines.push({
			RELI: reli, ITNO: itno, REQ0: str(qty), ORNO: ret.head.RORN, PONR: ponr, POSX: posx, WHSL: ctx.input.WHSL || '', RSCD: ctx.input.RSCD || ret.head.RSCD,
			SAPR: ctx.input.SAPR === undefined || ctx.input.SAPR === '' ? '' : str(num(ctx.input.SAPR)), BANO: ctx.input.BANO || '', EPDT: ctx.input.EPDT || ret.head.EPDT, STAT: '10',
		});
		return { RELI: reli, TREL: '0' };
	},
	/** @param {Ctx} ctx */
	LstLine(ctx) {
		const ret = ctx.state.returns[keyOf(ctx)];
		if (!ret) throw errors.notFound(`return ${ctx.input.WHLO}/${ctx.input.REPN}`, 'REPN');
		return ret.lines.map((/** @type {any} */ l) => ({
			WHLO: ret.head.WHLO, REPN: ret.head.REPN, RELI: l.RELI, FACI: ret.head.FACI, ORNO: l.ORNO, PONR: l.PONR, POSX: l.POSX, ITNO: l.ITNO, BANO: l.BANO, RORC: ret.head.RORC,
		}));
	},
};

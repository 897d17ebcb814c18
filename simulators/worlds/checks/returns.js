// @ts-check
/**
 * Audit checks on customer returns (see ../audit.js): an Amazon refund is credited in M3 once, for what Amazon
 * refunded, and never more than was delivered comes back.
 */
'use strict';

const money = require('../money');

/** Refund transactions per Amazon order id. @param {any} sp */
function refundsByOrder(sp) {
	/** @type {Map<string, any[]>} */
	const map = new Map();
	for (const t of sp.state.transactions) {
		if (t.transactionType !== 'Refund') continue;
		const id = (t.relatedIdentifiers || []).find((/** @type {any} */ r) => r.relatedIdentifierName === 'ORDER_ID')?.relatedIdentifierValue;
		if (id) map.set(id, [...(map.get(id) ?? []), t]);
	}
	return map;
}

/** The M3 returns with their order's Amazon id. @param {any} m3 */
function returns(m3) {
	return Object.values(m3.state.returns || {}).map((/** @type {any} */ r) => ({ r, order: m3.state.orders[r.head.RORN], cuor: (m3.state.orders[r.head.RORN] || { head: {} }).head.CUOR }));
}

module.exports = {
	/** At most one M3 return per Amazon refund of the order (a replay never adds a second). @param {import('../audit').AuditContext} ctx */
	'returns.one_per_refund'(ctx) {
		const list = returns(ctx.m3);
		if (!list.length) return null;
		const refunds = refundsByOrder(ctx.sp);
		/** @type {Map<string, number>} */
		const count = new Map();
		for (const x of list) count.set(x.cuor, (count.get(x.cuor) ?? 0) + 1);
		const out = [];
		for (const [cuor, n] of count) {
			const r = (refunds.get(cuor) ?? []).length;
			if (n > r) out.push(`Amazon order ${cuor} has ${n} M3 returns for ${r} refund(s)`);
		}
		return out;
	},
	/** What M3 will credit (return price x quantity) equals the goods Amazon refunded for that order. @param {import('../audit').AuditContext} ctx */
	'returns.credit_equals_refund'(ctx) {
		const list = returns(ctx.m3).filter((x) => x.r.lines.every((/** @type {any} */ l) => l.SAPR !== ''));
		if (!list.length) return null;
		const refunds = refundsByOrder(ctx.sp);
		/** @type {Map<string, string[]>} */
		const credited = new Map();
		for (const x of list) for (const l of x.r.lines) credited.set(x.cuor, [...(credited.get(x.cuor) ?? []), money.mul(l.SAPR, l.REQ0)]);
		const out = [];
		for (const [cuor, parts] of credited) {
			const goods = (refunds.get(cuor) ?? []).flatMap((/** @type {any} */ t) =>
				(t.items || []).flatMap((/** @type {any} */ it) => (it.breakdowns || []).filter((/** @type {any} */ b) => b.breakdownType === 'ProductCharges').map((/** @type {any} */ b) => money.sub('0', String(b.breakdownAmount.currencyAmount)))),
			);
			const a = money.sum(parts);
			const b = money.sum(goods);
			if (!money.eq(a, b)) out.push(`Amazon order ${cuor}: M3 returns credit ${a}, Amazon refunded goods for ${b}`);
		}
		return out;
	},
	/** No order line gets back more than was delivered on it. @param {import('../audit').AuditContext} ctx */
	'returns.within_delivered'(ctx) {
		const list = returns(ctx.m3);
		if (!list.length) return null;
		/** @type {Map<string, number>} */
		const back = new Map();
		for (const x of list) for (const l of x.r.lines) if (l.PONR) back.set(`${x.r.head.RORN}/${l.PONR}`, (back.get(`${x.r.head.RORN}/${l.PONR}`) ?? 0) + Number(l.REQ0));
		const out = [];
		for (const [k, q] of back) {
			const [orno, ponr] = k.split('/');
			const line = (ctx.m3.state.orders[orno]?.lines || []).find((/** @type {any} */ l) => String(l.PONR) === ponr);
			if (!line || q > Number(line.DLQT)) out.push(`order line ${k}: ${q} returned, ${line ? line.DLQT : 'no line'} delivered`);
		}
		return out;
	},
};

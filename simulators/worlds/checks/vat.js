// @ts-check
/**
 * Audit checks on VAT (see ../audit.js): M3 orders made from Amazon orders carry net prices, M3's invoice totals what
 * the buyer paid less tax the marketplace collected, reverse-charge orders carry the buyer's VAT id and no VAT.
 * Figures come from the SP-API simulator's own order data, not from the mapping under test.
 */
'use strict';

const { itemFigures } = require('../../spapi/views');

/** Pairs (Amazon order, M3 order) for every M3 order made from an Amazon order. @param {import('../audit').AuditContext} ctx */
function pairs(ctx) {
	const out = [];
	for (const o of Object.values(ctx.m3.state.orders)) {
		const m3o = /** @type {any} */ (o);
		const a = ctx.sp.state.orders.get(m3o.head.CUOR);
		if (a) out.push({ a, m3o });
	}
	return out;
}

/** Amount Amazon's item figures give, as text. @param {import('../audit').AuditContext} ctx @param {number} n */
const t = (ctx, n) => ctx.money.text(ctx.money.micro(n.toFixed(6)));

module.exports = {
	/** SAPR is the net unit price: (item subtotal - the VAT in it) / quantity where prices include VAT. @param {import('../audit').AuditContext} ctx */
	'vat.net_price'(ctx) {
		const out = [];
		for (const { a, m3o } of pairs(ctx)) {
			for (const line of m3o.lines) {
				const it = a.items.find((/** @type {any} */ x) => x.orderItemId === line.CUOR);
				if (!it) continue;
				const f = itemFigures(a, it);
				const gross = t(ctx, f.principal);
				const net = a.taxInclusive && it.itemTax !== undefined ? ctx.money.sub(gross, t(ctx, f.tax.item)) : gross;
				const places = (String(line.SAPR).split('.')[1] || '').length;
				const want = ctx.money.text((ctx.money.micro(net) * BigInt(1000000)) / ctx.money.micro(String(it.quantity)), Math.max(places, 2));
				if (!ctx.money.eq(line.SAPR, want)) {
					out.push(`order ${a.orderId} (${a.country}) item ${it.sku}: SAPR ${line.SAPR}, net unit price ${want} (${gross} ${a.taxInclusive ? 'incl. VAT' : 'net'} for ${it.quantity})`);
				}
			}
		}
		return out;
	},
	/** M3's order total = what the buyer paid - tax the marketplace collected (worlds with M3 VAT). @param {import('../audit').AuditContext} ctx */
	'vat.invoice_total'(ctx) {
		if (!ctx.m3.state.vat) return null;
		const out = [];
		for (const { a, m3o } of pairs(ctx)) {
			// lines deleted after the import (buyer cancellation): M3 keeps the order's head charges, which are not split
			// per line, and an order without lines is never invoiced; orders.cancellations_in_m3 checks those orders
			if ((m3o.deletedLines ?? []).length) continue;
			// lines M3 closed without delivery (99, CloLine: the seller cancels them on Amazon) are not invoiced either
			if (m3o.lines.some((/** @type {any} */ l) => Number(l.ORST) >= 90 && !(Number(l.DLQT) > 0))) continue;
			let paid = BigInt(0);
			let collected = BigInt(0);
			for (const it of a.items) {
				if (it.cancelled) continue;
				const f = itemFigures(a, it);
				paid += ctx.money.micro(t(ctx, f.total));
				if (it.taxCollection) collected += ctx.money.micro(t(ctx, f.taxTotal));
			}
			const due = ctx.money.text(paid - collected);
			if (!ctx.money.eq(m3o.head.TOPY, due)) {
				out.push(`order ${a.orderId} (${a.country}${a.isBusiness ? ' B2B' : ''}): M3 total ${m3o.head.TOPY} (net ${m3o.head.NTAM} + charges ${m3o.head.EXAM} + VAT ${m3o.head.VTAM}), the buyer paid ${ctx.money.text(paid)}${collected ? `, of which ${ctx.money.text(collected)} tax Amazon collected` : ''}: due ${due}`);
			}
		}
		return out;
	},
	/** Intra-EU business sales: the buyer's VAT id on the M3 order, M3's reverse-charge code, no VAT. @param {import('../audit').AuditContext} ctx */
	'vat.reverse_charge'(ctx) {
		const all = pairs(ctx).filter(({ a }) => a._tax && a._tax.scheme === 'REVERSE_CHARGE');
		if (!ctx.m3.state.vat || !all.length) return null;
		const out = [];
		for (const { a, m3o } of all) {
			const vatId = a.taxRegistrations[0].taxRegistrationNumber;
			const addr = (m3o.address || []).find((/** @type {any} */ x) => Number(x.ADRT) === 1) || {};
			if (addr.VRNO !== vatId) out.push(`order ${a.orderId}: the buyer's VAT id ${vatId} is not on the M3 order (VRNO "${addr.VRNO ?? ''}")`);
			if (!ctx.money.eq(m3o.head.VTAM, '0')) out.push(`order ${a.orderId}: reverse-charge sale with VAT ${m3o.head.VTAM} (code ${m3o.head.VTCD})`);
		}
		return out;
	},
	/** Orders whose tax the marketplace collects carry no VAT in M3 (the seller is not liable). @param {import('../audit').AuditContext} ctx */
	'vat.marketplace_collected'(ctx) {
		const all = pairs(ctx).filter(({ a }) => a.items.some((/** @type {any} */ it) => it.taxCollection));
		if (!ctx.m3.state.vat || !all.length) return null;
		return all
			.filter(({ m3o }) => !ctx.money.eq(m3o.head.VTAM, '0'))
			.map(({ a, m3o }) => `order ${a.orderId} (${a.country}): Amazon collects the tax, M3 charged VAT ${m3o.head.VTAM} (customer ${m3o.head.CUNO}, code ${m3o.head.VTCD})`);
	},
};

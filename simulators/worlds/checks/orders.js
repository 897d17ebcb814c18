// @ts-check
/** Audit checks on customer orders (see ../audit.js): each Amazon order reaches M3 once, and only the right ones. */
'use strict';

/** M3 orders by CUOR (Amazon order id). @param {any} m3 */
function byCuor(m3) {
	/** @type {Map<string, any[]>} */
	const map = new Map();
	for (const o of Object.values(m3.state.orders)) {
		const k = /** @type {any} */ (o).head.CUOR;
		map.set(k, [...(map.get(k) ?? []), o]);
	}
	return map;
}

module.exports = {
	/** No Amazon order exists more than once in M3. @param {import('../audit').AuditContext} ctx */
	'orders.no_duplicates'(ctx) {
		const out = [];
		for (const [cuor, list] of byCuor(ctx.m3)) {
			if (ctx.sp.state.orders.has(cuor) && list.length > 1) out.push(`Amazon order ${cuor} is in M3 ${list.length} times (${list.map((o) => o.head.ORNO).join(', ')})`);
		}
		return out;
	},
	/** Only merchant-fulfilled orders in an imported status reach M3 (FBA orders are booked from settlements). @param {import('../audit').AuditContext} ctx */
	'orders.mfn_only'(ctx) {
		const statuses = ctx.run.o2c?.importStatuses;
		if (!statuses) return null;
		const out = [];
		for (const [cuor] of byCuor(ctx.m3)) {
			const a = ctx.sp.state.orders.get(cuor);
			if (!a) continue;
			// the status Amazon showed when order-to-cash ran (shipment feedback moves orders on afterwards)
			const status = ctx.run.o2c.statusAtImport?.[cuor] ?? a.status;
			if (a.fulfilledBy !== 'MERCHANT') {
				// FBA orders reach M3 only when imported as shipped (orders.fba_as_shipped checks how)
				if (ctx.run.o2c.fbaOrders !== 'importAsShipped') out.push(`FBA order ${cuor} was created in M3`);
			}
			else if (!statuses.includes(status)) out.push(`order ${cuor} in status ${status} was created in M3`);
		}
		return out;
	},
	/**
	 * An item the buyer cancelled on Amazon has no open line left in M3, unless it was too late (the order is kept in
	 * the dead letter for a person). @param {import('../audit').AuditContext} ctx
	 */
	'orders.cancellations_in_m3'(ctx) {
		if (!ctx.run.cancellations) return null;
		const kept = new Set((ctx.run.deadLetter ?? []).filter((/** @type {any} */ r) => r.status === 'open').map((/** @type {any} */ r) => String(r.key)));
		const out = [];
		for (const [cuor, list] of byCuor(ctx.m3)) {
			const a = ctx.sp.state.orders.get(cuor);
			if (!a || kept.has(`${cuor} cancel`)) continue;
			const cancelled = new Set(a.items.filter((/** @type {any} */ it) => it.cancelled).map((/** @type {any} */ it) => it.orderItemId));
			for (const o of list) {
				for (const l of o.lines) if (cancelled.has(l.CUOR) && Number(l.ORST) < 90) out.push(`cancelled Amazon item ${l.CUOR} of ${cuor} is still line ${o.head.ORNO}/${l.PONR} (status ${l.ORST}) in M3`);
			}
		}
		return out;
	},
	/**
	 * FBA orders imported as shipped: every FBA order Amazon shipped is in M3 once, only in the FBA warehouse (no merchant
	 * stock allocated, no picking list in a merchant warehouse), delivered (every line 66 or later) by the order type's
	 * dispatch policy, with the date Amazon shipped as requested delivery date; none of their deliveries was confirmed to
	 * Amazon. @param {import('../audit').AuditContext} ctx
	 */
	'orders.fba_as_shipped'(ctx) {
		const o2c = ctx.run.o2c;
		if (!o2c || o2c.fbaOrders !== 'importAsShipped') return null;
		const m3 = byCuor(ctx.m3);
		const kept = new Set((ctx.run.deadLetter ?? []).filter((/** @type {any} */ r) => r.status === 'open').map((/** @type {any} */ r) => String(r.key)));
		const out = [];
		for (const a of ctx.sp.state.orders.values()) {
			if (a.fulfilledBy !== 'AMAZON') continue;
			const list = m3.get(a.orderId) ?? [];
			const shipped = (o2c.statusAtImport?.[a.orderId] ?? a.status) === 'SHIPPED';
			if (!shipped) {
				if (list.length) out.push(`FBA order ${a.orderId} (${a.status}) is in M3 before Amazon shipped it`);
				continue;
			}
			if (!list.length) {
				if (ctx.world.demo?.allOrdersValid && !kept.has(a.orderId)) out.push(`shipped FBA order ${a.orderId} did not reach M3`);
				continue;
			}
			for (const o of list) {
				if (o.head.WHLO !== o2c.fbaWarehouse) out.push(`FBA order ${a.orderId} is M3 order ${o.head.ORNO} in warehouse ${o.head.WHLO}, not the FBA warehouse ${o2c.fbaWarehouse}`);
				for (const l of o.lines) {
					if (l.WHLO !== o2c.fbaWarehouse) out.push(`FBA order ${a.orderId}: M3 line ${o.head.ORNO}/${l.PONR} takes stock from merchant warehouse ${l.WHLO}`);
					if (Number(l.ORST) < 66 && !kept.has(a.orderId)) out.push(`FBA order ${a.orderId}: M3 line ${o.head.ORNO}/${l.PONR} is not delivered (status ${l.ORST})`);
				}
				const shipTimes = (a.packages ?? []).map((/** @type {any} */ p) => p.shipTime).filter(Boolean).sort();
				const want = shipTimes.length ? shipTimes[shipTimes.length - 1].slice(0, 10).replace(/-/g, '') : undefined;
				if (want && o.head.RLDT !== want) out.push(`FBA order ${a.orderId}: M3 requested delivery date ${o.head.RLDT}, Amazon shipped on ${want}`);
				for (const dlix of o.deliveries ?? []) {
					const d = ctx.m3.state.deliveries[dlix];
					if (d && d.head.WHLO !== o2c.fbaWarehouse) out.push(`FBA order ${a.orderId}: delivery ${dlix} leaves merchant warehouse ${d.head.WHLO}`);
				}
			}
			const confirmed = (ctx.sp.state.shipmentConfirmations ?? []).filter((/** @type {any} */ c) => c.orderId === a.orderId);
			if (confirmed.length) out.push(`FBA order ${a.orderId} got ${confirmed.length} shipment confirmation(s) from M3`);
		}
		return out;
	},
	/**
	 * M3 cancels -> Amazon: every Amazon item whose M3 line was closed without delivery (9x, nothing delivered) or deleted
	 * is cancelled on Amazon (unless kept in the dead letter for a person), and no item was cancelled twice.
	 * @param {import('../audit').AuditContext} ctx
	 */
	'orders.m3_cancels_on_amazon'(ctx) {
		if (!ctx.run.m3Cancellations) return null;
		const kept = new Set((ctx.run.deadLetter ?? []).filter((/** @type {any} */ r) => r.status === 'open').map((/** @type {any} */ r) => String(r.key)));
		const out = [];
		for (const [cuor, list] of byCuor(ctx.m3)) {
			const a = ctx.sp.state.orders.get(cuor);
			if (!a || a.fulfilledBy !== 'MERCHANT') continue;
			for (const o of list) {
				if (kept.has(`cancel ${o.head.ORNO}`)) continue;
				const gone = [
					...o.lines.filter((/** @type {any} */ l) => Number(l.ORST) >= 90 && !(Number(l.DLQT) > 0)),
					...(o.deletedLines ?? []),
				].map((/** @type {any} */ l) => l.CUOR);
				for (const id of gone) {
					const it = a.items.find((/** @type {any} */ x) => x.orderItemId === id);
					if (it && !it.cancelled && !(it.quantityShipped > 0)) out.push(`M3 closed line of Amazon item ${id} (${cuor}, M3 order ${o.head.ORNO}) without delivery, Amazon still expects it`);
				}
			}
		}
		const seen = new Set();
		for (const c of ctx.sp.state.sellerCancellations ?? []) {
			const k = `${c.orderId}|${c.orderItemId}`;
			if (seen.has(k)) out.push(`Amazon item ${c.orderItemId} of ${c.orderId} was cancelled twice by the seller`);
			seen.add(k);
		}
		return out;
	},
	/** In a world whose orders are all valid, every importable MFN order is in M3. @param {import('../audit').AuditContext} ctx */
	'orders.all_imported'(ctx) {
		const statuses = ctx.run.o2c?.importStatuses;
		if (!statuses || !ctx.world.demo?.allOrdersValid) return null;
		const m3 = byCuor(ctx.m3);
		const out = [];
		for (const a of ctx.sp.state.orders.values()) {
			const status = ctx.run.o2c.statusAtImport?.[a.orderId] ?? a.status;
			if (a.fulfilledBy === 'MERCHANT' && statuses.includes(status) && !m3.has(a.orderId)) out.push(`${status} MFN order ${a.orderId} (${a.country}) did not reach M3`);
		}
		return out;
	},
};

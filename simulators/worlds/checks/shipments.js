// @ts-check
/**
 * Audit checks on shipment feedback (see ../audit.js; marketplace-accounting.md §4): only issued deliveries are
 * confirmed, each package once, every issued delivery is confirmed or kept in the dead letter, and the ship date is the
 * warehouse's local departure time with that zone's offset.
 */
'use strict';

/** The M3 delivery a confirmed package comes from: packageReferenceId = DLIX, or DLIX + 2-digit package number. @param {any} m3 @param {string} ref */
function deliveryOf(m3, ref) {
	const d = m3.state.deliveries;
	return d[String(Number(ref))] || (ref.length > 2 ? d[String(Number(ref.slice(0, -2)))] : undefined);
}

/** Confirmations of the run (Amazon's log), with the M3 delivery and order behind each. @param {import('../audit').AuditContext} ctx */
function confirmations(ctx) {
	return ctx.sp.state.shipmentConfirmations.map((/** @type {any} */ c) => {
		const ref = String(c.packageDetail?.packageReferenceId ?? '');
		const delivery = deliveryOf(ctx.m3, ref);
		return { c, ref, delivery, order: delivery ? ctx.m3.state.orders[delivery.head.RIDN] : undefined };
	});
}

/** Local wall time `yyyyMMdd` + `HHmm` in an IANA zone -> ISO 8601 with the zone's offset (the audit's own conversion). @param {string} d @param {string} t @param {string} zone */
function localIso(d, t, zone) {
	const hm = String(t).padStart(4, '0');
	const wall = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8)), Number(hm.slice(0, 2)), Number(hm.slice(2, 4)));
	const f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'longOffset' });
	/** offset in minutes at a UTC instant @param {number} ms */
	const off = (ms) => {
		const name = (f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName') || { value: 'GMT' }).value;
		const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
		return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
	};
	// the offset in force at the local time: try the offset at wall-as-UTC, then at the instant that gives
	let o = off(wall);
	o = off(wall - o * 60000);
	const abs = Math.abs(o);
	const p2 = (/** @type {number} */ n) => String(n).padStart(2, '0');
	return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${hm.slice(0, 2)}:${hm.slice(2, 4)}:00${o < 0 ? '-' : '+'}${p2(Math.floor(abs / 60))}:${p2(abs % 60)}`;
}

module.exports = {
	/** Every package confirmed to Amazon comes from an M3 delivery that is issued (PGRS 60 or more) of that Amazon order. @param {import('../audit').AuditContext} ctx */
	'ship.only_issued'(ctx) {
		const out = [];
		for (const { c, ref, delivery, order } of confirmations(ctx)) {
			if (!delivery) out.push(`package ${ref} of order ${c.orderId} was confirmed but M3 has no such delivery`);
			else if (!(Number(delivery.head.PGRS) >= 60)) out.push(`delivery ${delivery.head.DLIX} (PGRS ${delivery.head.PGRS}, not issued) was confirmed to Amazon for order ${c.orderId}`);
			else if (!order || order.head.CUOR !== c.orderId) out.push(`delivery ${delivery.head.DLIX} was confirmed for order ${c.orderId}, but belongs to ${order ? order.head.CUOR : 'no order'}`);
		}
		return out;
	},
	/** Amazon received each package (order + packageReferenceId) once: no repeat, no "tracking edit" of the same package. @param {import('../audit').AuditContext} ctx */
	'ship.once_per_package'(ctx) {
		/** @type {Map<string, number>} */
		const n = new Map();
		for (const c of ctx.sp.state.shipmentConfirmations) {
			const k = `${c.orderId}#${c.packageDetail?.packageReferenceId}`;
			n.set(k, (n.get(k) ?? 0) + 1);
		}
		return [...n.entries()].filter(([, k]) => k > 1).map(([key, k]) => `package ${key} was sent to Amazon ${k} times`);
	},
	/**
	 * Nothing lost: every issued delivery of an Amazon merchant-fulfilled order is confirmed on Amazon, or kept (open) in
	 * the dead letter under its delivery (e.g. no tracking number). @param {import('../audit').AuditContext} ctx
	 */
	'ship.issued_confirmed_or_kept'(ctx) {
		const dead = ctx.run.deadLetter;
		if (!dead) return null;
		const kept = new Set(dead.filter((/** @type {any} */ r) => r.status === 'open').map((/** @type {any} */ r) => String(r.key)));
		const confirmed = new Set(confirmations(ctx).filter((x) => x.delivery).map((x) => String(x.delivery.head.DLIX)));
		const out = [];
		for (const d of Object.values(ctx.m3.state.deliveries)) {
			const head = /** @type {any} */ (d).head;
			const order = ctx.m3.state.orders[head.RIDN];
			const a = order && ctx.sp.state.orders.get(order.head.CUOR);
			if (!a || a.fulfilledBy !== 'MERCHANT' || !(Number(head.PGRS) >= 60)) continue;
			if (confirmed.has(String(head.DLIX)) || kept.has(`delivery ${head.DLIX}`)) continue;
			out.push(`issued delivery ${head.DLIX} of Amazon order ${order.head.CUOR} was neither confirmed nor kept in the dead letter`);
		}
		return out;
	},
	/** The ship date is the delivery's departure date/time in its warehouse's time zone, with that zone's offset. @param {import('../audit').AuditContext} ctx */
	'ship.date_in_warehouse_zone'(ctx) {
		const zones = Object.fromEntries((ctx.world.warehouses || []).filter((/** @type {any} */ w) => w.timeZone).map((/** @type {any} */ w) => [w.WHLO, w.timeZone]));
		if (!Object.keys(zones).length) return null;
		const out = [];
		for (const { c, delivery } of confirmations(ctx)) {
			if (!delivery || !zones[delivery.head.WHLO]) continue;
			const want = localIso(String(delivery.head.DSDT), String(delivery.head.DSHM), zones[delivery.head.WHLO]);
			const got = String(c.packageDetail?.shipDate ?? '');
			if (got !== want) out.push(`delivery ${delivery.head.DLIX} (warehouse ${delivery.head.WHLO}, ${zones[delivery.head.WHLO]}) went to Amazon with ship date ${got}, expected ${want}`);
		}
		return out;
	},
};

// @ts-check
/**
 * Audit checks on inventory sync (see ../audit.js; marketplace-accounting.md §3): an MFN SKU's Amazon quantity is the
 * configured figure summed over every configured warehouse (minus the buffer, clamped), and no FBA SKU ever got a
 * merchant (DEFAULT channel) quantity.
 */
'use strict';

/** Does a patch list set a merchant-channel quantity? @param {any[]} patches */
function setsDefault(patches) {
	return (patches || []).some((p) => /fulfillment_availability$/.test(String(p.path)) && (p.value || []).some((/** @type {any} */ v) => v && v.fulfillment_channel_code === 'DEFAULT'));
}

/** @param {any} l */
const isFba = (l) => !!l.fba || /^AMAZON_/.test(String(l.channel || ''));

module.exports = {
	/**
	 * After inventory-sync: every MFN SKU whose item has stock records in the configured warehouses shows on Amazon the
	 * figure summed over all of them (not only the ones that changed), minus the buffer, rounded down, clamped.
	 * @param {import('../audit').AuditContext} ctx
	 */
	'stock.all_warehouses'(ctx) {
		const inv = ctx.run.inventory;
		if (!inv) return null;
		const whs = new Set(inv.warehouses);
		if (inv.figure !== 'AV01' || inv.bufferType !== 'absolute') return [`the check knows figure AV01 with an absolute buffer, the run used ${inv.figure}/${inv.bufferType}`];
		/** @type {Map<string, number>} */
		const sum = new Map();
		for (const b of Object.values(ctx.m3.state.balances)) {
			const x = /** @type {any} */ (b);
			if (!whs.has(x.WHLO)) continue;
			sum.set(x.ITNO, (sum.get(x.ITNO) ?? 0) + (x.STQT - x.ALQT));
		}
		const out = [];
		for (const a of ctx.m3.state.aliases) {
			if (Number(a.ALWT) !== Number(inv.aliasType) || !sum.has(a.ITNO)) continue;
			const l = ctx.sp.state.listings.get(a.POPN);
			if (!l || isFba(l)) continue;
			let q = Math.floor(/** @type {number} */ (sum.get(a.ITNO)) - Number(inv.bufferValue));
			q = Math.max(Number(inv.minQuantity || 0), q);
			if (Number(inv.maxQuantity) > 0) q = Math.min(Number(inv.maxQuantity), q);
			if (l.quantity !== q) out.push(`SKU ${a.POPN} (item ${a.ITNO}) shows ${l.quantity} on Amazon, the sum over ${[...whs].join('+')} gives ${q}`);
		}
		return out;
	},
	/** No FBA SKU got a merchant (DEFAULT) quantity: that can turn an FBA offer into merchant-fulfilled. @param {import('../audit').AuditContext} ctx */
	'stock.fba_untouched'(ctx) {
		const out = [];
		for (const p of ctx.sp.state.listingPatches) {
			const l = ctx.sp.state.listings.get(p.sku);
			if (l && isFba(l) && setsDefault(p.patches)) out.push(`FBA SKU ${p.sku} got a merchant quantity (${p.source})`);
		}
		return out;
	},
};

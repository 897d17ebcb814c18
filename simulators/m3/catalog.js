// @ts-check
/**
 * The item master data a catalog sync reads, beyond MITMAS basics: sales price lists (OIS017) and item custom
 * fields (CUSEXTMI, FILE MITMAS, PK01 = ITNO). Pure seed functions of `seed` + the control operations that change
 * an item, a price or a custom field the way an M3 user would (with a new change date).
 *
 * Custom fields of MITMAS in the seed (what the catalog-sync template maps):
 *   A030 brand · A130 colour · A230 material (fabric for shirts) · A330 country of origin (ISO) · A430 size (shirts)
 *   or connector type (cables) · A530 department · A630 bullet point · N096 number of batteries ·
 *   A730 / A830 / A930 are left free: the catalog-sync template writes the ASIN and the listing status per
 *   marketplace there.
 * Price lists: AMZUS (USD, consumer prices as shown on Amazon.com) and AMZEU (EUR, net of VAT), each with an expired
 * older header, so the current header must be chosen by date.
 */
'use strict';

const seedData = require('./seed');

const PRICE_LISTS = [
	{ PRRF: 'AMZUS', CUCD: 'USD', FVDT: '20240101', LVDT: '20241231', TX15: 'Amazon.com 2024', TX40: 'Amazon US prices 2024' },
	{ PRRF: 'AMZUS', CUCD: 'USD', FVDT: '20250101', LVDT: '99991231', TX15: 'Amazon.com', TX40: 'Amazon US consumer prices' },
	{ PRRF: 'AMZEU', CUCD: 'EUR', FVDT: '20240101', LVDT: '20241231', TX15: 'Amazon EU 2024', TX40: 'Amazon EU prices 2024, net' },
	{ PRRF: 'AMZEU', CUCD: 'EUR', FVDT: '20250101', LVDT: '99991231', TX15: 'Amazon EU', TX40: 'Amazon EU prices, net of VAT' },
];

/** Per product group: brand, material, country of origin, bullet point. */
const GROUPS = {
	MUG: ['Contoso Home', 'ceramic', 'PT', 'Dishwasher safe, 350 ml'],
	TSH: ['Contoso Wear', 'cotton', 'BD', '100 % organic cotton'],
	BOT: ['Contoso Outdoor', 'stainless steel', 'CN', 'Keeps drinks cold for 24 hours'],
	LMP: ['Contoso Home', 'aluminium', 'CN', 'Dimmable LED, 5 W'],
	BAG: ['Contoso Outdoor', 'canvas', 'IN', 'Holds up to 15 kg'],
	CAP: ['Contoso Wear', 'cotton twill', 'VN', 'Adjustable strap'],
	PEN: ['Contoso Office', 'brass', 'DE', 'Refillable ink cartridge'],
	NBK: ['Contoso Office', 'paper', 'IT', 'A5, 120 dotted pages'],
	CHG: ['Contoso Tech', 'plastic', 'CN', '20 W fast charging'],
	CBL: ['Contoso Tech', 'nylon', 'CN', 'Braided, 1 m'],
	TWL: ['Contoso Home', 'cotton', 'TR', '500 g/m2, 70 x 140 cm'],
	PLT: ['Contoso Home', 'porcelain', 'PT', 'Microwave safe, 27 cm'],
};
const SIZES = ['S', 'M', 'L', 'XL'];

/**
 * Custom field values (CUSEXTMI MITMAS) of an item. Every 50th item (in seed order) sold on Amazon has no brand (a data
 * gap a real tenant has: the listing fails Amazon's schema and waits in the dead letter until someone fills A030).
 * @param {Record<string, string>} it item (MITMAS) @param {number} i its position @param {boolean} sold has an Amazon SKU
 */
function itemFields(it, i, sold) {
	const g = /** @type {Record<string, string[]>} */ (GROUPS)[it.ITGR] || ['Contoso', 'mixed', 'CN', 'Quality product'];
	const colour = String(it.ITDS || '').split(' ').slice(-1)[0];
	/** @type {Record<string, string>} */
	const r = { FILE: 'MITMAS', PK01: it.ITNO, A030: sold && i % 50 === 17 ? '' : g[0], A130: colour, A230: g[1], A330: g[2], A430: '', A530: '', A630: g[3], A730: '', A830: '', A930: '', N096: '0' };
	if (it.ITGR === 'TSH') {
		r.A430 = SIZES[i % SIZES.length];
		r.A530 = 'unisex-adult';
	}
	if (it.ITGR === 'CAP') r.A530 = 'unisex-adult';
	if (it.ITGR === 'CBL') r.A430 = 'usb_type_c';
	if (it.ITGR === 'CHG') r.A430 = 'usb_type_a';
	return r;
}

/**
 * Price lists and item custom fields for the items of a fresh simulator state (built-in seed or a world): every item
 * sold on Amazon (an SKU alias) and not blocked has a line in both current lists (AMZUS gross USD = the item's sales
 * price, AMZEU net EUR) and in the expired 2024 lists at older prices.
 * @param {any} state @param {string} today
 */
function seedCatalog(state, today) {
	state.priceLists = PRICE_LISTS.map((h) => ({ ...h, CUNO: '', LMDT: today }));
	state.priceLines = {};
	const sold = new Set(state.aliases.filter((/** @type {any} */ a) => String(Number(a.ALWT)) === seedData.SKU_ALIAS_TYPE).map((/** @type {any} */ a) => a.ITNO));
	Object.values(state.items).forEach((/** @type {any} */ it, i) => {
		const rec = { ...itemFields(it, i, sold.has(it.ITNO)), RGDT: today, LMDT: today, CHNO: '1' };
		state.customFields[['MITMAS', it.ITNO, '', '', '', '', '', '', ''].join('|')] = rec;
		if (!sold.has(it.ITNO) || it.STAT === '90') return; // blocked items are not priced
		const usd = Number(it.SAPR);
		const eurNet = Math.round(usd * 0.78 * 100) / 100;
		for (const h of PRICE_LISTS) {
			const base = h.CUCD === 'USD' ? usd : eurNet;
			const line = { PRRF: h.PRRF, CUCD: h.CUCD, FVDT: h.FVDT, ITNO: it.ITNO, SAPR: (h.FVDT.startsWith('2024') ? base * 0.9 : base).toFixed(2), SACD: '1', SPUN: 'EA', NTCD: '0', LMDT: today };
			state.priceLines[priceKey(line)] = line;
		}
	});
}

/** @param {{ PRRF: string, CUCD: string, FVDT: string, ITNO: string }} l */
const priceKey = (l) => `${l.PRRF}|${l.CUCD}|${l.FVDT}|${l.ITNO}`;

/** The header of a price list valid on `ymd`. @param {any} state @param {string} prrf @param {string} cucd @param {string} ymd */
function currentHeader(state, prrf, cucd, ymd) {
	return state.priceLists.find((/** @type {any} */ h) => h.PRRF === prrf && h.CUCD === cucd && h.FVDT <= ymd && (!h.LVDT || h.LVDT === '0' || h.LVDT >= ymd));
}

/**
 * Control operations: what an M3 user changes in MMS001 / OIS017 / CMS (custom fields).
 * @param {any} sim
 */
function catalogControl(sim) {
	const { today } = require('./state');
	return {
		/** Change item fields (MITMAS); sets the change date. @param {string} itno @param {Record<string, string>} fields */
		changeItem(itno, fields) {
			const it = sim.state.items[itno];
			if (!it) return null;
			Object.assign(it, fields, { LMDT: today(sim.state) });
			return it;
		},
		/** Set the sales price of an item in the price list header valid today. @param {string} prrf @param {string} cucd @param {string} itno @param {string|number} sapr */
		setPrice(prrf, cucd, itno, sapr) {
			const h = currentHeader(sim.state, prrf, cucd, today(sim.state));
			if (!h || !sim.state.items[itno]) return null;
			const key = priceKey({ PRRF: prrf, CUCD: cucd, FVDT: h.FVDT, ITNO: itno });
			const line = sim.state.priceLines[key] || { PRRF: prrf, CUCD: cucd, FVDT: h.FVDT, ITNO: itno, SACD: '1', SPUN: 'EA', NTCD: '0' };
			line.SAPR = String(sapr);
			line.LMDT = today(sim.state);
			sim.state.priceLines[key] = line;
			return line;
		},
	};
}

module.exports = { PRICE_LISTS, GROUPS, itemFields, seedCatalog, currentHeader, catalogControl, priceKey };

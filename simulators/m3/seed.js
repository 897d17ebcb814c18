// @ts-check
/**
 * Deterministic seed data for the M3 simulator. Pure functions of `seed`, so another module (the SP-API
 * simulator) can `require('../m3/seed').seedItems(seed)` and list the same SKUs as Amazon listings.
 *
 * Amazon seller SKUs are stored as M3 alias numbers (MMS025) with alias category ALWT = 1
 * ("Popular number" - the category used in order entry; no alias qualifier). Some items also carry an
 * EAN alias (ALWT = 2, ALWQ = EA13). Items with `sku: null` are not sold on Amazon.
 */
'use strict';

const CONO = '100';
const DIVI = 'AAA';
const FACI = 'A01';
const WAREHOUSES = [
	{ WHLO: '001', WHNM: 'Main warehouse', FACI },
	{ WHLO: '002', WHNM: 'Overflow warehouse', FACI },
];
/**
 * The warehouse that stands for the seller's stock at Amazon (FBA): replenished by transfers (not simulated), sold by
 * orders Amazon fulfilled. Stock for every item with a SKU; never one of the merchant (MFN) warehouses.
 */
const FBA_WAREHOUSE = { WHLO: 'FBA', WHNM: 'Amazon FBA (stock at Amazon)', FACI, onHand: 500 };
/**
 * Customer order types (OIS010) and their dispatch policy (MWS010): `autoDelivery` = the dispatch policy releases,
 * reports the picking list and issues the stock when the order is confirmed (no picking list to work), as M3 users set
 * up an order type for sales already shipped elsewhere (docs/contracts.md "FBA orders").
 */
const ORDER_TYPES = {
	A01: { TX40: 'Amazon order', DPOL: 'A01', autoDelivery: false },
	FBA: { TX40: 'Amazon FBA order, shipped by Amazon', DPOL: 'FBA', autoDelivery: true },
};
const SKU_ALIAS_TYPE = '1';
const EAN_ALIAS_TYPE = '2';
const ITEM_COUNT = 240;

/** mulberry32: small, fast, good enough for test data. @param {number} seed */
function rng(seed) {
	let a = seed >>> 0 || 0x9e3779b9;
	return function next() {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const PRODUCTS = [
	['MUG', 'Coffee mug'], ['TSH', 'T-shirt'], ['BOT', 'Water bottle'], ['LMP', 'Desk lamp'], ['BAG', 'Tote bag'],
	['CAP', 'Baseball cap'], ['PEN', 'Fountain pen'], ['NBK', 'Notebook'], ['CHG', 'USB charger'], ['CBL', 'USB-C cable'],
	['TWL', 'Bath towel'], ['PLT', 'Dinner plate'],
];
const COLOURS = [['BLK', 'black'], ['WHT', 'white'], ['BLU', 'blue'], ['RED', 'red'], ['GRN', 'green'], ['GRY', 'grey']];

/** EAN-13 with a valid check digit. @param {string} twelve */
function ean13(twelve) {
	let sum = 0;
	for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 ? 3 : 1);
	return twelve + String((10 - (sum % 10)) % 10);
}

/**
 * The seed item list: ITNO, description, Amazon SKU (alias) and the on-hand stock per warehouse.
 * @param {number} [seed]
 * @param {number} [count] number of items (default 240; `--items N`)
 * @returns {Array<{ITNO: string, ITDS: string, sku: string | null, ean: string, ITGR: string, UNMS: string,
 *   STAT: string, price: string, stock: Record<string, number>}>}
 */
function seedItems(seed = 1, count = ITEM_COUNT) {
	const r = rng(seed);
	const items = [];
	for (let i = 0; i < count; i++) {
		const [pcode, pname] = PRODUCTS[i % PRODUCTS.length];
		const [ccode, cname] = COLOURS[Math.floor(i / PRODUCTS.length) % COLOURS.length];
		const ITNO = `${pcode}${String(10001 + i)}`; // e.g. MUG10001 (A15)
		const onAmazon = r() < 0.85;
		const main = Math.floor(r() * 200); // some zero stock on purpose
		const overflow = r() < 0.4 ? Math.floor(r() * 50) : 0;
		items.push({
			ITNO,
			ITDS: `${pname} ${cname}`.slice(0, 30),
			sku: onAmazon ? `${pcode}-${ccode}-${String(i + 1).padStart(4, '0')}` : null,
			ean: ean13(`400${String(seed % 1000).padStart(3, '0')}${String(100000 + i).slice(-6)}`),
			ITGR: pcode,
			UNMS: 'EA',
			STAT: i % 97 === 96 ? '90' : '20', // a couple of blocked items (status 90)
			price: (5 + Math.floor(r() * 9000) / 100).toFixed(2),
			stock: { '001': main < 15 ? 0 : main, '002': overflow },
		});
	}
	return items;
}

/**
 * Marketplace customers (one M3 customer per Amazon marketplace) plus one ordinary customer.
 * @param {number} [_seed] reserved: customers do not vary by seed
 */
function seedCustomers(_seed = 1) {
	/** @param {string} CUNO @param {string} CUNM @param {string} CSCD @param {string} CUCD @param {string} TOWN @param {string} PONO @param {string} CUA1 */
	const c = (CUNO, CUNM, CSCD, CUCD, TOWN, PONO, CUA1) => ({
		CUNO, CUNM, CUA1, CUA2: '', CUA3: '', CUA4: '', TOWN, PONO, CSCD, CUCD, STAT: '20', CUTP: '0', LNCD: 'GB',
		ORTP: 'A01', WHLO: '001', MODL: 'UPS', TEDL: 'FCA', TEPY: '30', MAIL: '', PHNO: '', ECAR: '', MCOS: '0',
	});
	return [
		c('AMZUS01', 'Amazon.com marketplace', 'US', 'USD', 'Seattle', '98109', '410 Terry Ave N'),
		c('AMZCA01', 'Amazon.ca marketplace', 'CA', 'CAD', 'Vancouver', 'V6B 0M3', '510 W Georgia St'),
		c('AMZDE01', 'Amazon.de Marktplatz', 'DE', 'EUR', 'Muenchen', '80331', 'Marcel-Breuer-Str. 12'),
		c('AMZUK01', 'Amazon.co.uk marketplace', 'GB', 'GBP', 'London', 'EC2A 2FA', '1 Principal Place'),
		c('AMZFR01', 'Amazon.fr marketplace', 'FR', 'EUR', 'Clichy', '92110', '67 Bd du General Leclerc'),
		c('CUST001', 'Retail customer one', 'US', 'USD', 'Chicago', '60601', '1 Main St'),
	];
}

module.exports = {
	CONO, DIVI, FACI, WAREHOUSES, FBA_WAREHOUSE, ORDER_TYPES, SKU_ALIAS_TYPE, EAN_ALIAS_TYPE, ITEM_COUNT, rng, seedItems, seedCustomers,
};

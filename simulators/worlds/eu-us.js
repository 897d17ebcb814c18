// @ts-check
/**
 * World "eu-us": a mid-size German M3 company selling on Amazon.de/.fr/.it/.es/.co.uk and .com.
 *
 * Seller: M3 company 100, division AAA, established in Germany (EUR), VAT-registered in DE and GB, OSS for EU
 * distance sales. Three warehouses: 100 Hamburg and 110 Leipzig ship Europe (DE, FR, IT, ES, UK), 300 Reno ships
 * the US. SKUs: EU and US merchant-fulfilled (MFN) SKUs, and FBA SKUs ("-FBA", Amazon's stock) for some items.
 *
 * Amazon side (all figures exact, see money.js):
 *   - EU/UK consumer prices include VAT (o.taxInclusive): ITEM = unitPrice x quantity incl. VAT, TAX = the VAT
 *     contained in it; DE 19 %, FR 20 %, IT 22 %, ES 21 % (OSS, reportingScheme UOSS), GB 20 %.
 *   - Amazon Business orders with the buyer's VAT id (order tax.taxRegistrations): from another EU country than the
 *     one the goods leave (DE) -> intra-community supply, VAT-exclusive price, TAX 0 (reverse charge); a German
 *     buyer pays German VAT.
 *   - UK orders whose goods are worth <= GBP 135 and FBA UK orders: Amazon is the deemed supplier and collects the
 *     VAT (tax.taxCollections MARKETPLACE_FACILITATOR); larger UK consignments: the seller charges GB VAT.
 *   - US: prices exclude sales tax; Amazon collects it in every state (marketplace facilitator).
 *   - Orders in every status; MFN orders to import (UNSHIPPED), older MFN and FBA orders SHIPPED with finance
 *     transactions (Finances 2024-06-19) in EUR, GBP and USD on the same days, B2B (deferred until invoiced) and
 *     delivery-date-policy (DD7) deferrals with maturity dates (released ones are DEFERRED_RELEASED), refunds.
 *
 * M3 side: a customer per marketplace (business buyers' VAT ids go on the order's address), a deemed-supplier
 * customer for the UK; M3 VAT codes like CRS030/CRS031 (standard 01 with its EU code 08, 08 reverse charge, 09 tax collected by
 * the marketplace, 00 outside scope); charge RND (rounding, 0 %). `fulfil()` puts the imported orders' deliveries
 * into every progress state: issued with tracking, invoiced, in picking with a tracking number already set, in
 * picking without one, partly delivered (one issued delivery and one still in picking), issued without tracking,
 * not released.
 */
'use strict';

const money = require('./money');
const { rng } = require('../m3/seed');

const NAME = 'eu-us';
const DAY = 86400000;

/** Marketplaces (codes as simulators/spapi/seed.js MARKETPLACES). */
const MARKETPLACES = [
	{ code: 'DE', id: 'A1PA6795UKMFR9', country: 'DE', currency: 'EUR', taxInclusive: true, customer: 'AMZDE01' },
	{ code: 'FR', id: 'A13V1IB3VIYZZH', country: 'FR', currency: 'EUR', taxInclusive: true, customer: 'AMZFR01' },
	{ code: 'IT', id: 'APJ6JRA9NG5V4', country: 'IT', currency: 'EUR', taxInclusive: true, customer: 'AMZIT01' },
	{ code: 'ES', id: 'A1RKKUPIHCS9HS', country: 'ES', currency: 'EUR', taxInclusive: true, customer: 'AMZES01' },
	{ code: 'UK', id: 'A1F83G8C2ARO7P', country: 'GB', currency: 'GBP', taxInclusive: true, customer: 'AMZUK01' },
	{ code: 'US', id: 'ATVPDKIKX0DER', country: 'US', currency: 'USD', taxInclusive: false, customer: 'AMZUS01' },
];
const MP = Object.fromEntries(MARKETPLACES.map((m) => [m.code, m]));
const EU_CODES = ['DE', 'FR', 'IT', 'ES', 'UK'];

/** Standard VAT rates by destination (percent), as CRS031 holds them for VAT code 01. */
const VAT_RATES = { DE: '19', FR: '20', IT: '22', ES: '21', GB: '20' };
const EU_COUNTRIES = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'];
/** US state sales tax the marketplace facilitator collects (percent). */
const US_STATES = [
	{ state: 'WA', rate: '10.25', city: 'Seattle', postalCode: '98101', line: '1200 Pine Street' },
	{ state: 'TX', rate: '8.25', city: 'Austin', postalCode: '78701', line: '77 Elm Avenue' },
	{ state: 'CA', rate: '7.25', city: 'San Francisco', postalCode: '94105', line: '500 Market St' },
	{ state: 'NY', rate: '8.875', city: 'New York', postalCode: '10001', line: '350 5th Ave' },
];
const UK_DEEMED_SUPPLIER_LIMIT = '135.00';

const WAREHOUSES = [
	{ WHLO: '100', WHNM: 'Hamburg', FACI: 'A01', CSCD: 'DE', timeZone: 'Europe/Berlin', region: 'EU' },
	{ WHLO: '110', WHNM: 'Leipzig', FACI: 'A01', CSCD: 'DE', timeZone: 'Europe/Berlin', region: 'EU' },
	{ WHLO: '300', WHNM: 'Reno', FACI: 'A01', CSCD: 'US', timeZone: 'America/Los_Angeles', region: 'US' },
];

/** The seller's stock at Amazon (FBA) as an M3 warehouse: sold by FBA orders imported as shipped, never an MFN warehouse. */
const FBA_WAREHOUSE = { WHLO: 'FBA', WHNM: 'Amazon FBA (EU + US)', FACI: 'A01', CSCD: 'DE', onHand: 400 };

/** M3 VAT codes (CRS030) with their rates per destination country (CRS031); EU = the code for intra-EU B2B supplies. */
const VAT_CODES = {
	'01': { TX40: 'Standard rate', method: '1', euCode: '08', rates: { ...VAT_RATES } },
	'08': { TX40: 'Intra-EU supply, reverse charge', method: '8', rates: { '*': '0' } },
	'09': { TX40: 'Tax collected by the marketplace', method: '1', rates: { '*': '0' } },
	'00': { TX40: 'Outside the scope of VAT', method: '1', rates: { '*': '0' } },
};
/** Charges (OIS030/CRS280): VTCD '' = the order's VAT code. */
const CHARGES = { SHIP: { VTCD: '' }, GIFT: { VTCD: '' }, COD: { VTCD: '' }, DISC: { VTCD: '' }, OTHER: { VTCD: '' }, RND: { VTCD: '00' } };

const PRODUCTS = [
	['MUG', 'Coffee mug'], ['TSH', 'T-shirt'], ['BOT', 'Water bottle'], ['LMP', 'Desk lamp'], ['BAG', 'Tote bag'],
	['CAP', 'Baseball cap'], ['PEN', 'Fountain pen'], ['NBK', 'Notebook'], ['CHG', 'USB charger'], ['CBL', 'USB-C cable'],
	['TWL', 'Bath towel'], ['PLT', 'Dinner plate'],
];
const COLOURS = [['BLK', 'black'], ['WHT', 'white'], ['BLU', 'blue'], ['RED', 'red']];
/** Price points per currency (EUR and GBP incl. VAT, USD excl. sales tax), by item index. */
const PRICES = {
	EUR: ['9.99', '12.49', '19.99', '24.90', '29.95', '34.99', '39.00', '49.99', '7.45', '15.95', '21.99', '17.49'],
	GBP: ['8.99', '11.49', '17.99', '21.50', '26.95', '30.99', '34.00', '44.99', '6.49', '13.95', '19.99', '15.49'],
	USD: ['10.99', '13.49', '21.99', '26.90', '32.95', '37.99', '42.00', '54.99', '8.45', '17.95', '23.99', '18.49'],
};
const SHIPPING = { EUR: '4.99', GBP: '3.99', USD: '5.99' };
const GIFT_WRAP = { EUR: '3.50', GBP: '2.99', USD: '3.99' };
const ITEM_COUNT = 48;

/**
 * Items: ITNO, description, MFN SKU, FBA SKU (some), region, M3 base price and on-hand per warehouse.
 * EU items are stocked in Hamburg and (every other one) Leipzig; US items in Reno.
 * @param {number} [seed]
 */
function items(seed = 1) {
	const r = rng(seed * 7919 + 15);
	const out = [];
	for (let i = 0; i < ITEM_COUNT; i++) {
		const [pcode, pname] = PRODUCTS[i % PRODUCTS.length];
		const [ccode, cname] = COLOURS[Math.floor(i / PRODUCTS.length) % COLOURS.length];
		const region = i % 4 === 3 ? 'US' : 'EU';
		const sku = `${region}-${pcode}-${ccode}-${String(i + 1).padStart(3, '0')}`;
		const fba = region === 'EU' ? i % 3 === 0 : i % 8 === 7;
		/** @type {Record<string, number>} */
		const stock = region === 'EU'
			? { '100': 20 + Math.floor(r() * 180), '110': i % 2 ? Math.floor(r() * 60) : 0 }
			: { '300': 10 + Math.floor(r() * 150) };
		out.push({
			ITNO: `${pcode}${20001 + i}`,
			ITDS: `${pname} ${cname}`.slice(0, 30),
			sku,
			fbaSku: fba ? `${sku}-FBA` : null,
			region,
			ean: `40${String(seed % 100).padStart(2, '0')}${String(20001 + i).padStart(8, '0')}0`,
			ITGR: pcode,
			UNMS: 'EA',
			STAT: '20',
			price: PRICES.EUR[i % 12],
			stock,
		});
	}
	return out;
}

/** M3 customers: one per marketplace and the UK deemed-supplier customer. */
function customers() {
	/** @param {string} CUNO @param {string} CUNM @param {string} CSCD @param {string} CUCD @param {string} WHLO @param {string} VTCD */
	const c = (CUNO, CUNM, CSCD, CUCD, WHLO, VTCD) => ({
		CUNO, CUNM, CUA1: 'Amazon marketplace', CUA2: '', CUA3: '', CUA4: '', TOWN: '', PONO: '', CSCD, CUCD, STAT: '20',
		CUTP: '0', LNCD: 'GB', ORTP: 'A01', WHLO, MODL: 'DHL', TEDL: 'FCA', TEPY: '30', MAIL: '', PHNO: '', ECAR: '', MCOS: '0',
		VTCD, TAXC: '', VRNO: '', TXAP: '0',
	});
	return [
		c('AMZDE01', 'Amazon.de Marktplatz', 'DE', 'EUR', '100', ''),
		c('AMZFR01', 'Amazon.fr marketplace', 'FR', 'EUR', '100', ''),
		c('AMZIT01', 'Amazon.it marketplace', 'IT', 'EUR', '100', ''),
		c('AMZES01', 'Amazon.es marketplace', 'ES', 'EUR', '100', ''),
		c('AMZUK01', 'Amazon.co.uk marketplace', 'GB', 'GBP', '100', ''),
		c('AMZUK02', 'Amazon.co.uk deemed supplier', 'GB', 'GBP', '100', '09'),
		c('AMZUS01', 'Amazon.com marketplace', 'US', 'USD', '300', '09'),
	];
}

// ------------------------------------------------------------------------------------------------ Amazon side

const EU_BUYERS = {
	DE: [{ name: 'Lukas Müller', line: 'Hauptstraße 12', city: 'Berlin', postalCode: '10115' }, { name: 'Jonas Weber', line: 'Goethestraße 44', city: 'Hamburg', postalCode: '20095' }],
	FR: [{ name: 'Camille Dubois', line: '8 Rue de Rivoli', city: 'Paris', postalCode: '75004' }, { name: 'Hugo Martin', line: '25 Quai Saint-Antoine', city: 'Lyon', postalCode: '69002' }],
	IT: [{ name: 'Giulia Rossi', line: 'Via Roma 10', city: 'Milano', postalCode: '20121' }, { name: 'Marco Bianchi', line: 'Via Nazionale 5', city: 'Roma', postalCode: '00184' }],
	ES: [{ name: 'Lucía García', line: 'Calle Mayor 3', city: 'Madrid', postalCode: '28013' }, { name: 'Pablo López', line: 'Carrer de Balmes 20', city: 'Barcelona', postalCode: '08007' }],
	GB: [{ name: 'Oliver Smith', line: '14 Baker Street', city: 'London', postalCode: 'W1U 3BW' }, { name: 'Amelia Jones', line: 'Wharf Road 3', city: 'Manchester', postalCode: 'M17 1SS' }],
};
const COMPANIES = {
	DE: { legalName: 'Schmidt GmbH', vat: 'DE811907980' },
	FR: { legalName: 'Atelier Lumière SARL', vat: 'FR40303265045' },
	IT: { legalName: 'Bottega Verdi S.r.l.', vat: 'IT00743110157' },
	ES: { legalName: 'Papelería Sol S.L.', vat: 'ESB58378431' },
};

/**
 * The order book: [marketplace, segment, fulfilledBy, status, lines [[item k, qty]], options].
 * Items: k-th item of the region (EU/US), or of the FBA items for AMAZON orders. Options: promo, gift, buyer (VAT id
 * country of a business buyer; the goods go there), days (age of a shipped order), refund, deferral ('B2B' | 'DD7').
 * @type {Array<[string, 'B2C'|'B2B', 'MERCHANT'|'AMAZON', string, Array<[number, number]>, Record<string, any>?]>}
 */
const ORDER_BOOK = [
	['DE', 'B2C', 'MERCHANT', 'UNSHIPPED', [[0, 1]]],
	['DE', 'B2C', 'MERCHANT', 'UNSHIPPED', [[1, 2], [2, 1]], { promo: true }],
	['DE', 'B2C', 'MERCHANT', 'UNSHIPPED', [[4, 3]], { gift: true }],
	['DE', 'B2B', 'MERCHANT', 'UNSHIPPED', [[5, 5]], { buyer: 'DE' }],
	['DE', 'B2B', 'MERCHANT', 'UNSHIPPED', [[6, 4]], { buyer: 'FR' }],
	['DE', 'B2C', 'MERCHANT', 'UNSHIPPED', [[7, 1], [8, 2]]],
	['DE', 'B2C', 'AMAZON', 'SHIPPED', [[0, 1]], { days: 8 }],
	['DE', 'B2C', 'AMAZON', 'SHIPPED', [[1, 2]], { days: 5, refund: true }],
	['DE', 'B2C', 'MERCHANT', 'SHIPPED', [[10, 1]], { days: 9, deferral: 'DD7' }],
	['DE', 'B2C', 'MERCHANT', 'SHIPPED', [[12, 2]], { days: 4 }],
	['DE', 'B2B', 'MERCHANT', 'SHIPPED', [[13, 3]], { days: 3, buyer: 'IT', deferral: 'B2B' }],
	['DE', 'B2C', 'MERCHANT', 'PENDING', [[14, 1]]],
	['DE', 'B2C', 'MERCHANT', 'CANCELLED', [[16, 1]]],
	['FR', 'B2C', 'MERCHANT', 'UNSHIPPED', [[17, 1]]],
	['FR', 'B2C', 'MERCHANT', 'UNSHIPPED', [[18, 2]], { promo: true }],
	['FR', 'B2B', 'MERCHANT', 'UNSHIPPED', [[20, 2]], { buyer: 'FR' }],
	['FR', 'B2C', 'AMAZON', 'SHIPPED', [[2, 1]], { days: 7 }],
	['FR', 'B2C', 'MERCHANT', 'SHIPPED', [[22, 1]], { days: 6, refund: true }],
	['IT', 'B2C', 'MERCHANT', 'UNSHIPPED', [[24, 1], [25, 1]]],
	['IT', 'B2B', 'MERCHANT', 'UNSHIPPED', [[26, 3]], { buyer: 'IT' }],
	['IT', 'B2C', 'AMAZON', 'SHIPPED', [[3, 2]], { days: 6 }],
	['IT', 'B2C', 'MERCHANT', 'SHIPPED', [[29, 1]], { days: 5 }],
	['ES', 'B2C', 'MERCHANT', 'UNSHIPPED', [[30, 2]]],
	['ES', 'B2B', 'MERCHANT', 'UNSHIPPED', [[32, 1]], { buyer: 'ES' }],
	['ES', 'B2C', 'AMAZON', 'SHIPPED', [[4, 1]], { days: 4 }],
	['ES', 'B2C', 'MERCHANT', 'SHIPPED', [[34, 1]], { days: 3, deferral: 'DD7' }],
	['UK', 'B2C', 'MERCHANT', 'UNSHIPPED', [[1, 1]]],
	['UK', 'B2C', 'MERCHANT', 'UNSHIPPED', [[2, 2]], { promo: true }],
	['UK', 'B2C', 'MERCHANT', 'UNSHIPPED', [[5, 4], [7, 2]]],
	['UK', 'B2C', 'AMAZON', 'SHIPPED', [[5, 1]], { days: 7 }],
	['UK', 'B2C', 'MERCHANT', 'SHIPPED', [[10, 1]], { days: 6 }],
	['UK', 'B2C', 'MERCHANT', 'SHIPPED', [[7, 4]], { days: 2 }],
	['US', 'B2C', 'MERCHANT', 'UNSHIPPED', [[0, 1]]],
	['US', 'B2C', 'MERCHANT', 'UNSHIPPED', [[1, 2]], { promo: true }],
	['US', 'B2C', 'MERCHANT', 'UNSHIPPED', [[2, 1], [3, 1]], { gift: true }],
	['US', 'B2C', 'MERCHANT', 'UNSHIPPED', [[4, 3]]],
	['US', 'B2C', 'AMAZON', 'SHIPPED', [[0, 1]], { days: 8 }],
	['US', 'B2C', 'AMAZON', 'SHIPPED', [[0, 2]], { days: 5, refund: true }],
	['US', 'B2C', 'MERCHANT', 'SHIPPED', [[7, 1]], { days: 7 }],
	['US', 'B2C', 'MERCHANT', 'SHIPPED', [[9, 2]], { days: 3 }],
	['US', 'B2C', 'MERCHANT', 'UNSHIPPED', [[10, 1]]],
];

/** @param {ReturnType<typeof rng>} r @param {number} n */
const digits = (r, n) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
/** @param {number} ms */
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** @param {string} s */
const num = (s) => Number(s);

/**
 * Tax treatment of an order, as Amazon's tax engine decides it: who is liable, which rate, whether prices include tax.
 * @param {any} mp @param {'B2C'|'B2B'} seg @param {string} fulfilledBy @param {string} dest @param {string | undefined} buyerCountry @param {string} goodsValue
 */
function treatment(mp, seg, fulfilledBy, dest, buyerCountry, goodsValue) {
	if (mp.code === 'US') return { scheme: 'MARKETPLACE', inclusive: false };
	if (mp.code === 'UK' && (fulfilledBy === 'AMAZON' || money.cmp(goodsValue, UK_DEEMED_SUPPLIER_LIMIT) <= 0)) {
		return { scheme: 'MARKETPLACE', inclusive: true, rate: VAT_RATES.GB };
	}
	if (seg === 'B2B' && buyerCountry && buyerCountry !== 'DE' && EU_COUNTRIES.includes(buyerCountry) && dest !== 'DE') {
		return { scheme: 'REVERSE_CHARGE', inclusive: false, rate: '0' };
	}
	const rate = /** @type {Record<string, string>} */ (VAT_RATES)[dest];
	return { scheme: dest !== 'DE' && dest !== 'GB' ? 'OSS' : 'DOMESTIC', inclusive: true, rate };
}

/**
 * The Amazon side of the world: listings, orders (internal shape of simulators/spapi) and Finances 2024-06-19
 * transactions.
 * @param {{ seed: number, sellerId: string, now: number }} o
 */
function amazon({ seed, sellerId, now }) {
	const r = rng(seed * 104729 + 3);
	const all = items(seed);
	const eu = all.filter((i) => i.region === 'EU');
	const us = all.filter((i) => i.region === 'US');
	const fbaEu = eu.filter((i) => i.fbaSku);
	const fbaUs = us.filter((i) => i.fbaSku);
	const asin = () => 'B0' + Array.from({ length: 8 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'[Math.floor(r() * 34)]).join('');
	/** @type {any[]} */
	const listings = [];
	for (const it of all) {
		const mps = it.region === 'EU' ? EU_CODES.map((c) => MP[c].id) : [MP.US.id];
		const created = now - (300 + listings.length) * DAY;
		const base = { itno: it.ITNO, title: it.ITDS, productType: 'PRODUCT', createdDate: iso(created), lastUpdatedDate: iso(created + 30 * DAY), marketplaceIds: mps, status: ['BUYABLE', 'DISCOVERABLE'], condition: 'new_new', price: num(PRICES[it.region === 'EU' ? 'EUR' : 'USD'][all.indexOf(it) % 12]) };
		listings.push({ ...base, sku: it.sku, asin: asin(), quantity: Math.floor(r() * 80), fba: null, channel: 'DEFAULT' });
		if (it.fbaSku) {
			listings.push({
				...base, sku: it.fbaSku, asin: asin(), fnSku: 'X00' + digits(r, 7), quantity: 0, channel: it.region === 'EU' ? 'AMAZON_EU' : 'AMAZON_NA',
				fba: { fulfillable: 20 + Math.floor(r() * 200), inboundWorking: 0, inboundShipped: Math.floor(r() * 20), inboundReceiving: 0, reserved: Math.floor(r() * 5), unfulfillable: 0, researching: 0 },
			});
		}
	}
	const asinOf = new Map(listings.map((l) => [l.sku, l.asin]));

	const orders = [];
	const transactions = [];
	let seq = 0;
	for (const [code, seg, fulfilledBy, status, lines, opt] of ORDER_BOOK) {
		const options = opt ?? {};
		const mp = MP[code];
		const cur = mp.currency;
		const n = seq++;
		const pool = fulfilledBy === 'AMAZON' ? (code === 'US' ? fbaUs : fbaEu) : code === 'US' ? us : eu;
		const buyerCountry = seg === 'B2B' ? /** @type {string} */ (options.buyer) : undefined;
		const dest = buyerCountry ?? mp.country;
		const usState = US_STATES[n % US_STATES.length];
		const picks = lines.map(([k, qty]) => {
			const it = pool[k % pool.length];
			const price = PRICES[cur][all.indexOf(it) % 12];
			return { it, qty, price, sku: fulfilledBy === 'AMAZON' ? /** @type {string} */ (it.fbaSku || it.sku) : it.sku };
		});
		const goods = money.sum(picks.map((p) => money.mul(p.price, p.qty)));
		const tr = treatment(mp, seg, fulfilledBy, dest, buyerCountry, goods);
		const rate = code === 'US' ? usState.rate : /** @type {string} */ (tr.rate);
		const shippedDaysAgo = options.days ?? 0;
		const createdMs = status === 'SHIPPED' ? now - shippedDaysAgo * DAY - 30 * 3600000 : now - (2 + (n % 20)) * 3600000;
		const orderId = `${code === 'US' ? '11' : code === 'UK' ? '20' : code === 'DE' ? '30' : '40'}${1 + (n % 9)}-${digits(r, 7)}-${digits(r, 7)}`;
		const itemsOut = picks.map((p, idx) => {
			// a reverse-charge buyer sees Amazon Business' VAT-exclusive price
			const unit = tr.scheme === 'REVERSE_CHARGE' ? money.sub(p.price, money.taxIncluded(p.price, /** @type {any} */ (VAT_RATES)[dest])) : p.price;
			const principal = money.mul(unit, p.qty);
			const shipping = idx === 0 && fulfilledBy === 'MERCHANT' ? (tr.scheme === 'REVERSE_CHARGE' ? money.sub(SHIPPING[cur], money.taxIncluded(SHIPPING[cur], /** @type {any} */ (VAT_RATES)[dest])) : SHIPPING[cur]) : '0.00';
			const disc = options.promo && idx === 0 ? money.mul(principal, '0.10') : '0.00';
			const gift = options.gift && idx === 0 ? GIFT_WRAP[cur] : '0.00';
			const tax = (/** @type {string} */ amount) => (tr.inclusive ? money.taxIncluded(amount, rate) : money.taxOn(amount, rate));
			return {
				orderItemId: digits(r, 14),
				asin: asinOf.get(p.sku) || asin(),
				sku: p.sku,
				title: p.it.ITDS,
				quantity: p.qty,
				quantityShipped: status === 'SHIPPED' ? p.qty : 0,
				unitPrice: num(unit),
				shipping: num(shipping),
				taxRate: 0,
				itemTax: num(tax(principal)),
				shippingTax: num(tax(shipping)),
				giftTax: num(tax(gift)),
				discountTax: num(tax(disc)),
				giftWrap: options.gift && idx === 0 ? { level: 'Classic', message: 'Alles Gute zum Geburtstag!', price: num(gift) } : null,
				promotion: options.promo && idx === 0 ? { id: `PROMO-${String(n).padStart(6, '0')}`, discount: num(disc) } : null,
				cancelled: status === 'CANCELLED',
				taxCollection: tr.scheme === 'MARKETPLACE' ? { model: 'MARKETPLACE_FACILITATOR', responsibleParty: code === 'US' ? 'Amazon Services LLC' : 'Amazon EU S.a r.l.' } : undefined,
				reportingScheme: tr.scheme === 'OSS' ? 'UOSS' : undefined,
			};
		});
		const person = code === 'US'
			? { name: ['Jane Doe', 'Marcus Lee', 'Priya Nair', 'Tom Becker'][n % 4], line: usState.line, city: usState.city, postalCode: usState.postalCode, stateOrRegion: usState.state }
			: /** @type {any} */ (EU_BUYERS)[dest][n % 2];
		const company = buyerCountry ? /** @type {any} */ (COMPANIES)[buyerCountry] : undefined;
		const address = {
			name: person.name, companyName: company ? company.legalName : undefined, addressLine1: person.line, city: person.city,
			stateOrRegion: person.stateOrRegion, postalCode: person.postalCode, countryCode: dest, phone: '+49 40 1234567',
			addressType: company ? 'COMMERCIAL' : 'RESIDENTIAL',
		};
		const shipTime = createdMs + 20 * 3600000;
		const order = {
			orderId,
			sellerOrderId: `SO-${String(n + 1).padStart(8, '0')}`,
			marketplaceId: mp.id,
			country: code,
			currency: cur,
			taxInclusive: tr.inclusive,
			createdTime: iso(createdMs),
			lastUpdatedTime: iso(status === 'SHIPPED' ? shipTime : createdMs + 60000),
			status,
			fulfilledBy,
			serviceLevel: fulfilledBy === 'AMAZON' ? 'Expedited' : 'Standard',
			shipServiceLevel: fulfilledBy === 'AMAZON' ? 'Expedited' : 'Std Cont Dom',
			isBusiness: seg === 'B2B',
			isPrime: fulfilledBy === 'AMAZON',
			buyer: {
				buyerName: person.name,
				buyerEmail: `${digits(r, 10)}@marketplace.amazon.${code === 'UK' ? 'co.uk' : code === 'US' ? 'com' : code.toLowerCase()}`,
				buyerCompanyName: company ? company.legalName : undefined,
				buyerPurchaseOrderNumber: company ? `PO-${String(n).padStart(6, '0')}` : undefined,
			},
			taxRegistrations: company
				? [{ entityType: 'BUYER', legalName: company.legalName, taxRegistrationType: 'VAT', taxRegistrationNumber: company.vat, taxRegistrationAddress: { countryCode: buyerCountry } }]
				: undefined,
			address,
			items: itemsOut,
			packages: /** @type {any[]} */ ([]),
			shipByWindow: { earliestDateTime: iso(createdMs + 3600000), latestDateTime: iso(createdMs + 2 * DAY) },
			deliverByWindow: { earliestDateTime: iso(createdMs + 3 * DAY), latestDateTime: iso(createdMs + 6 * DAY) },
			cancellation: status === 'CANCELLED' ? { requester: 'BUYER', cancelReason: 'Buyer Requested Cancel' } : null,
			/** world facts for the audit (not rendered) */
			_tax: { scheme: tr.scheme, rate, dest },
		};
		if (status === 'SHIPPED') {
			order.packages.push({
				packageReferenceId: '1', carrier: fulfilledBy === 'AMAZON' ? 'AMZN' : 'DHL', trackingNumber: `JD${digits(r, 16)}`,
				shipTime: iso(shipTime), shippingService: 'Standard', createdTime: iso(shipTime),
				items: itemsOut.map((it) => ({ orderItemId: it.orderItemId, quantity: it.quantity })),
			});
			transactions.push(...financeFor(order, sellerId, shipTime + 2 * 3600000, options, r, now));
		}
		orders.push(order);
	}
	return { listings, orders, transactions, itemsSource: `world ${NAME}` };
}

/**
 * Finances 2024-06-19 transactions of a shipped order: the shipment (breakdowns add up to totalAmount: product
 * charges and shipping without tax, the tax, the tax the marketplace withholds, fees), deferred when the world says
 * so, and a refund two days later when asked.
 * @param {any} o @param {string} sellerId @param {number} posted @param {Record<string, any>} options @param {ReturnType<typeof rng>} r @param {number} now
 */
function financeFor(o, sellerId, posted, options, r, now) {
	const cur = o.currency;
	const amt = (/** @type {string} */ v) => ({ currencyCode: cur, currencyAmount: num(v) });
	const lines = o.items.map((/** @type {any} */ it) => {
		const principal = money.mul(String(it.unitPrice), it.quantity);
		const inc = o.taxInclusive;
		const net = (/** @type {number} */ gross, /** @type {number} */ tax) => (inc ? money.sub(String(gross), String(tax)) : money.text(money.micro(String(gross))));
		return {
			it,
			product: net(num(principal), it.itemTax),
			shipping: net(it.shipping, it.shippingTax),
			gift: it.giftWrap ? net(it.giftWrap.price, it.giftTax) : '0.00',
			promo: it.promotion ? money.sub('0', net(it.promotion.discount, it.discountTax)) : '0.00',
			tax: money.sum([it.itemTax, it.shippingTax, it.giftTax, -it.discountTax]),
			commission: money.sub('0', money.mul(money.sum([principal, String(it.shipping)]), '0.15')),
			fba: o.fulfilledBy === 'AMAZON' ? money.mul('-3.20', it.quantity) : '0.00',
		};
	});
	const tot = (/** @type {string} */ k) => money.sum(lines.map((/** @type {any} */ l) => l[k]));
	const withheld = o._tax.scheme === 'MARKETPLACE' ? money.sub('0', tot('tax')) : '0.00';
	const sales = money.sum([tot('product'), tot('shipping'), tot('gift'), tot('promo'), tot('tax'), withheld]);
	const expenses = money.sum([tot('commission'), tot('fba')]);
	const network = o.fulfilledBy === 'AMAZON' ? 'AFN' : 'MFN';
	const mpName = { DE: 'Amazon.de', FR: 'Amazon.fr', IT: 'Amazon.it', ES: 'Amazon.es', UK: 'Amazon.co.uk', US: 'Amazon.com' }[/** @type {string} */ (o.country)];
	const group = 'FEG' + digits(r, 12);
	/** @param {string} type @param {string} description @param {number} when @param {number} sign @param {string} status @param {any[]} contexts */
	const tx = (type, description, when, sign, status, contexts) => {
		const s = (/** @type {string} */ v) => (sign < 0 ? money.sub('0', v) : v);
		const commission = sign < 0 ? money.mul(tot('commission'), '-0.80') : tot('commission');
		const fba = sign < 0 ? '0.00' : tot('fba');
		const exp = money.sum([commission, fba]);
		const sal = s(sales);
		return {
			sellingPartnerMetadata: { sellingPartnerId: sellerId, accountType: 'Standard Orders', marketplaceId: o.marketplaceId },
			relatedIdentifiers: [
				{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: o.orderId },
				{ relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: group },
			],
			transactionType: type,
			transactionId: `TX-${digits(r, 16)}`,
			transactionStatus: status,
			description,
			postedDate: iso(when),
			totalAmount: amt(money.sum([sal, exp])),
			marketplaceDetails: { marketplaceId: o.marketplaceId, marketplaceName: mpName },
			items: lines.map((/** @type {any} */ l) => ({
				description: l.it.title,
				relatedIdentifiers: [{ itemRelatedIdentifierName: 'ORDER_ADJUSTMENT_ITEM_ID', itemRelatedIdentifierValue: l.it.orderItemId }],
				totalAmount: amt(s(money.sum([l.product, l.commission]))),
				breakdowns: [
					{ breakdownType: 'ProductCharges', breakdownAmount: amt(s(l.product)) },
					{ breakdownType: 'Commission', breakdownAmount: amt(s(l.commission)) },
				],
				contexts: [{ contextType: 'ProductContext', asin: l.it.asin, sku: l.it.sku, quantityShipped: l.it.quantity, fulfillmentNetwork: network }],
			})),
			breakdowns: [
				{
					breakdownType: 'Sales',
					breakdownAmount: amt(sal),
					breakdowns: [
						{ breakdownType: 'ProductCharges', breakdownAmount: amt(s(tot('product'))) },
						{ breakdownType: 'Shipping', breakdownAmount: amt(s(tot('shipping'))) },
						{ breakdownType: 'GiftWrap', breakdownAmount: amt(s(tot('gift'))) },
						{ breakdownType: 'PromotionDiscount', breakdownAmount: amt(s(tot('promo'))) },
						{ breakdownType: 'Tax', breakdownAmount: amt(s(tot('tax'))) },
						{ breakdownType: 'MarketplaceFacilitatorTax', breakdownAmount: amt(s(withheld)) },
					],
				},
				{
					breakdownType: 'Expenses',
					breakdownAmount: amt(exp),
					breakdowns: [
						{ breakdownType: 'AmazonFees', breakdownAmount: amt(commission), breakdowns: [{ breakdownType: 'Commission', breakdownAmount: amt(commission) }] },
						...(money.eq(fba, '0') ? [] : [{ breakdownType: 'FBAFees', breakdownAmount: amt(fba), breakdowns: [{ breakdownType: 'FBAPerUnitFulfillmentFee', breakdownAmount: amt(fba) }] }]),
					],
				},
			],
			contexts,
		};
	};
	const out = [];
	if (options.deferral) {
		const maturity = posted + (options.deferral === 'B2B' ? 30 : 7) * DAY;
		// Amazon releases a deferred transaction on its maturity date (the status changes, the posted date stays)
		const released = maturity <= now;
		out.push(tx('Shipment', 'Order Payment', posted, 1, released ? 'DEFERRED_RELEASED' : 'DEFERRED', [
			{ contextType: 'DeferredContext', deferralReason: options.deferral, maturityDate: iso(maturity) },
		]));
	} else out.push(tx('Shipment', 'Order Payment', posted, 1, 'RELEASED', []));
	if (options.refund) out.push(tx('Refund', 'Refund Order', posted + 2 * DAY, -1, 'RELEASED', []));
	return out;
}

// ------------------------------------------------------------------------------------------------ demo settings

/**
 * The seller's accounting for payments-to-GL: MFN orders were invoiced in M3 (clear the receivable), FBA sales are
 * booked from Amazon's figures. VAT on fees: since 1 August 2024 a seller established in Germany is invoiced by Amazon
 * EU's German branch with German VAT in the fees of the EU and UK marketplaces ('included', reclaimed as input VAT);
 * Amazon.com's fees come from a US company without VAT: reverse charge at the German rate (docs/contracts.md).
 */
function glAccounting() {
	const included = { mode: 'included', rate: VAT_RATES.DE, inputAccount: '1576' };
	return {
		// FBA orders are imported into M3 as shipped and invoiced there (order-to-cash fbaOrders): like MFN orders they
		// clear the receivable, M3's invoice books the revenue (checks/gl.js gl.fba_road_matches_import)
		roads: { MFN: 'order', AFN: 'order' },
		receivableAccount: '1510',
		revenueAccount: '3010',
		refundAccount: '3090',
		vatAccount: '2610',
		marketplaceTaxAccount: '2615',
		feeAccount: '6590',
		feeVat: {
			...Object.fromEntries(EU_CODES.map((c) => [MP[c].id, included])),
			[MP.US.id]: { mode: 'reverseCharge', rate: VAT_RATES.DE, inputAccount: '1577', outputAccount: '3837' },
		},
	};
}

/** Template Settings the demo uses for this world (merged over the templates' own Settings). */
function demoSettings() {
	const customerMap = {
		[MP.DE.id]: { CUNO: 'AMZDE01' },
		[MP.FR.id]: { CUNO: 'AMZFR01' },
		[MP.IT.id]: { CUNO: 'AMZIT01' },
		[MP.ES.id]: { CUNO: 'AMZES01' },
		[MP.UK.id]: { CUNO: 'AMZUK01' },
		[`${MP.UK.id}:MF`]: { CUNO: 'AMZUK02' },
		[MP.US.id]: { CUNO: 'AMZUS01', WHLO: '300' },
	};
	return {
		'order-to-cash.json': {
			customerMap,
			headDefaults: { ORTP: 'A01', FACI: 'A01', WHLO: '100' },
			vat: { sellerCountry: 'DE', rates: VAT_RATES, roundingCharge: 'RND' },
			// FBA orders: invoiced in M3 from the FBA warehouse, delivered by the order type's dispatch policy
			fbaOrders: 'importAsShipped',
			fbaWarehouse: FBA_WAREHOUSE.WHLO,
			fbaOrderType: 'FBA',
		},
		'shipment-feedback.json': {
			fbaWarehouse: FBA_WAREHOUSE.WHLO,
			amazonCustomers: customers().map((c) => c.CUNO).join(','),
			timeZone: 'Europe/Berlin',
			warehouseTimeZones: Object.fromEntries(WAREHOUSES.map((w) => [w.WHLO, w.timeZone])),
			marketplaceByCustomer: {
				AMZDE01: MP.DE.id, AMZFR01: MP.FR.id, AMZIT01: MP.IT.id, AMZES01: MP.ES.id,
				AMZUK01: MP.UK.id, AMZUK02: MP.UK.id, AMZUS01: MP.US.id,
			},
		},
		'inventory-sync.json': { warehouses: WAREHOUSES.map((w) => w.WHLO).join(',') },
		'payments-to-gl.json': { accounting: glAccounting() },
	};
}

/**
 * After order-to-cash: deliveries of the imported orders in every progress state (M3 side). Returns what it did per
 * order so the demo and the audit know which deliveries are issued.
 * @param {any} m3 the M3 simulator (control.ship / control.issue)
 * @param {string[]} ornos the M3 orders created from Amazon orders, in a stable order
 */
function fulfil(m3, ornos) {
	const plan = ['issued', 'invoiced', 'picking-tracked', 'picking', 'partial', 'issued-untracked', 'open'];
	const carriers = ['DHL', 'UPS', 'FDX'];
	/** @type {Array<{ORNO: string, state: string, deliveries: any[]}>} */
	const out = [];
	ornos.forEach((orno, i) => {
		const state = plan[i % plan.length];
		const carrier = carriers[i % carriers.length];
		const order = m3.state.orders[orno];
		/** @type {any[]} */
		const deliveries = [];
		const ship = (/** @type {any} */ opts) => {
			const d = m3.control.ship(orno, { carrier, ...opts });
			if (!d.error) deliveries.push(d);
			return d;
		};
		if (state === 'issued') ship({});
		else if (state === 'invoiced') ship({ invoice: true });
		else if (state === 'picking-tracked') ship({ pgrs: '05' });
		else if (state === 'picking') ship({ pgrs: '05', trackingNumber: null });
		else if (state === 'issued-untracked') ship({ trackingNumber: null });
		else if (state === 'partial') {
			const first = order.lines[0];
			const qty = Number(first.ORQT);
			if (order.lines.length > 1 || qty > 1) {
				// first delivery: the first line (or part of it) issued; second: the rest, still in picking
				ship({ lines: [{ PONR: first.PONR, qty: qty > 1 ? Math.floor(qty / 2) : qty }] });
				ship({ pgrs: '05', trackingNumber: null });
			} else ship({});
		}
		out.push({ ORNO: orno, state, deliveries });
	});
	return out;
}

module.exports = {
	name: NAME,
	description: 'EU + US seller: DE, FR, IT, ES, UK, US marketplaces, VAT, B2B, MFN + FBA, 3 warehouses',
	marketplaces: MARKETPLACES,
	warehouses: WAREHOUSES,
	vat: { divisionCountry: 'DE', euCountries: EU_COUNTRIES, codes: VAT_CODES, charges: CHARGES, defaultCode: '01' },
	m3: { items, customers, warehouses: WAREHOUSES, fbaWarehouse: FBA_WAREHOUSE },
	amazon,
	demo: { settings: demoSettings, fulfil, glDays: 10, allOrdersValid: true },
	constants: { VAT_RATES, US_STATES, UK_DEEMED_SUPPLIER_LIMIT, MARKETPLACE_BY_CODE: MP },
};

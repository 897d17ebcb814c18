// @ts-check
'use strict';
/**
 * Deterministic seed data (same seed -> same orders/listings/transactions; timestamps are relative to start time).
 * SKUs come from the M3 simulator's item master (simulators/m3/seed.js seedItems(seed)) when it exists, so both
 * simulators agree on SKUs; else from the `skus` option; else a built-in list with the same shape.
 */
const path = require('node:path');
const fs = require('node:fs');
const { rng, iso, money2 } = require('./util');
const money = require('../worlds/money');

/** Marketplaces whose consumer prices include VAT (EU/UK price display rules): the price is gross, TAX is in it. */
const TAX_INCLUSIVE = new Set(['UK', 'DE', 'FR', 'IT', 'ES']);

const MARKETPLACES = {
	US: { id: 'ATVPDKIKX0DER', name: 'Amazon.com', countryCode: 'US', currency: 'USD', language: 'en_US', domain: 'www.amazon.com', fba: 'AMAZON_NA', vat: 0.0725, prefix: '11' },
	CA: { id: 'A2EUQ1WTGCTBG2', name: 'Amazon.ca', countryCode: 'CA', currency: 'CAD', language: 'en_CA', domain: 'www.amazon.ca', fba: 'AMAZON_NA', vat: 0.13, prefix: '70' },
	UK: { id: 'A1F83G8C2ARO7P', name: 'Amazon.co.uk', countryCode: 'GB', currency: 'GBP', language: 'en_GB', domain: 'www.amazon.co.uk', fba: 'AMAZON_EU', vat: 0.2, prefix: '20' },
	DE: { id: 'A1PA6795UKMFR9', name: 'Amazon.de', countryCode: 'DE', currency: 'EUR', language: 'de_DE', domain: 'www.amazon.de', fba: 'AMAZON_EU', vat: 0.19, prefix: '30' },
	FR: { id: 'A13V1IB3VIYZZH', name: 'Amazon.fr', countryCode: 'FR', currency: 'EUR', language: 'fr_FR', domain: 'www.amazon.fr', fba: 'AMAZON_EU', vat: 0.2, prefix: '40' },
	IT: { id: 'APJ6JRA9NG5V4', name: 'Amazon.it', countryCode: 'IT', currency: 'EUR', language: 'it_IT', domain: 'www.amazon.it', fba: 'AMAZON_EU', vat: 0.22, prefix: '40' },
	ES: { id: 'A1RKKUPIHCS9HS', name: 'Amazon.es', countryCode: 'ES', currency: 'EUR', language: 'es_ES', domain: 'www.amazon.es', fba: 'AMAZON_EU', vat: 0.21, prefix: '40' },
};
/** The marketplaces the small demo world's seller participates in (worlds name their own). */
const DEFAULT_MARKETPLACES = ['US', 'CA', 'UK', 'DE', 'FR'];
/** @type {Record<string, any>} */
const MP_BY_ID = Object.fromEntries(Object.values(MARKETPLACES).map((m) => [m.id, m]));

/** Fictional but plausible addresses per country. */
const ADDRESSES = {
	US: [
		{ name: 'Jane Doe', addressLine1: '1200 Pine Street', addressLine2: 'Apt 4B', city: 'Seattle', stateOrRegion: 'WA', postalCode: '98101', phone: '+1 206-555-0143' },
		{ name: 'Marcus Lee', addressLine1: '77 Elm Avenue', city: 'Austin', stateOrRegion: 'TX', postalCode: '78701', phone: '+1 512-555-0199' },
		{ name: 'Priya Nair', companyName: 'Northwind Labs LLC', addressLine1: '500 Market St', addressLine2: 'Suite 310', city: 'San Francisco', stateOrRegion: 'CA', postalCode: '94105', phone: '+1 415-555-0102' },
		{ name: 'Tom Becker', addressLine1: '9 Harbor Rd', city: 'Portland', stateOrRegion: 'ME', postalCode: '04101', phone: '+1 207-555-0177' },
	],
	CA: [
		{ name: 'Émilie Tremblay', addressLine1: '455 Rue Sainte-Catherine O', city: 'Montréal', stateOrRegion: 'QC', postalCode: 'H3B 1A7', phone: '+1 514-555-0110' },
		{ name: 'Liam Wilson', addressLine1: '120 King St W', city: 'Toronto', stateOrRegion: 'ON', postalCode: 'M5H 1J9', phone: '+1 416-555-0136' },
	],
	UK: [
		{ name: 'Oliver Smith', addressLine1: '14 Baker Street', city: 'London', stateOrRegion: 'Greater London', postalCode: 'W1U 3BW', phone: '+44 20 7946 0018' },
		{ name: 'Amelia Jones', companyName: 'Jones & Co Ltd', addressLine1: 'Unit 3, Riverside Park', addressLine2: 'Wharf Road', city: 'Manchester', stateOrRegion: 'Greater Manchester', postalCode: 'M17 1SS', phone: '+44 161 496 0551' },
	],
	DE: [
		{ name: 'Lukas Müller', addressLine1: 'Hauptstraße 12', city: 'Berlin', stateOrRegion: 'Berlin', postalCode: '10115', phone: '+49 30 901820' },
		{ name: 'Anna Schmidt', companyName: 'Schmidt GmbH', addressLine1: 'Industriestraße 5', city: 'München', stateOrRegion: 'Bayern', postalCode: '80331', phone: '+49 89 2333 7000' },
		{ name: 'Jonas Weber', addressLine1: 'Goethestraße 44', addressLine2: '3. OG', city: 'Hamburg', stateOrRegion: 'Hamburg', postalCode: '20095', phone: '+49 40 428280' },
	],
	FR: [
		{ name: 'Camille Dubois', addressLine1: '8 Rue de Rivoli', city: 'Paris', stateOrRegion: 'Île-de-France', postalCode: '75004', phone: '+33 1 42 76 40 40' },
		{ name: 'Hugo Martin', addressLine1: '25 Quai Saint-Antoine', city: 'Lyon', stateOrRegion: 'Auvergne-Rhône-Alpes', postalCode: '69002', phone: '+33 4 72 10 30 30' },
	],
};

const FALLBACK_TITLES = ['Stainless Steel Water Bottle 750ml', 'Bamboo Cutting Board Set', 'LED Desk Lamp with USB Port', 'Cotton Bath Towel 70x140', 'Ceramic Coffee Mug 350ml', 'Wireless Mouse Silent Click', 'Yoga Mat 6mm Non-Slip', 'Cast Iron Skillet 26cm', 'Kids Backpack Dinosaur', 'Glass Food Storage Containers (5)', 'Hiking Socks Merino (3 pairs)', 'Phone Stand Aluminium', 'Scented Candle Lavender', 'Garden Hose Nozzle 8 Patterns', 'Insulated Lunch Bag', 'Notebook A5 Dotted', 'Bicycle Bell Brass', 'Silicone Baking Mat', 'Travel Adapter Universal', 'Kitchen Scale Digital 5kg'];

/** Built-in item list, same shape and naming as the M3 simulator's seedItems() (ITNO MUG10001, sku MUG-BLK-0001). */
function fallbackItems() {
	const colors = ['BLK', 'WHT', 'BLU', 'RED', 'GRN'];
	return FALLBACK_TITLES.map((t, i) => {
		const grp = t.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase();
		return { ITNO: `${grp}${10001 + i}`, sku: `${grp}-${colors[i % colors.length]}-${String(i + 1).padStart(4, '0')}`, ITDS: t, price: 9.99 + i * 2.5 };
	});
}

/**
 * @param {number} seed
 * @param {string[]|undefined} skus
 * @returns {{items: any[], source: string}}
 */
function loadItems(seed, skus) {
	if (Array.isArray(skus) && skus.length) {
		const fb = fallbackItems();
		return { items: skus.map((s, i) => ({ ITNO: s, sku: s, ITDS: fb[i % fb.length].ITDS, price: fb[i % fb.length].price })), source: 'option:skus' };
	}
	const m3 = path.resolve(__dirname, '../m3/seed.js');
	if (fs.existsSync(m3)) {
		try {
			// Lazy require: the M3 simulator is owned by another engineer and may not exist yet.
			const mod = require(m3);
			if (typeof mod.seedItems === 'function') {
				const items = mod.seedItems(seed).filter((/** @type {any} */ x) => x && x.sku);
				if (items.length) return { items, source: 'simulators/m3/seed.js' };
			}
		} catch {
			/* fall through to the built-in list */
		}
	}
	return { items: fallbackItems(), source: 'builtin' };
}

/** @param {any} it */
const titleOf = (it) => it.title || it.ITDS || it.FUDS || it.name || it.description || `Item ${it.ITNO || it.sku}`;
/** @param {any} it @param {number} i */
const priceOf = (it, i) => {
	const p = Number(it.price ?? it.SAPR ?? it.salesPrice);
	return Number.isFinite(p) && p > 0 ? p : 9.99 + (i % 20) * 2.5;
};

/** @param {ReturnType<typeof rng>} r */
const asin = (r) => 'B0' + Array.from({ length: 8 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'[r.int(0, 33)]).join('');

/**
 * @param {{seed:number, skus?:string[], sellerId:string, now:number}} o
 */
function buildSeed(o) {
	const r = rng(o.seed);
	const { items, source } = loadItems(o.seed, o.skus);
	const listings = items.map((it, i) => {
		const fba = i % 4 === 3; // every 4th SKU is also stocked at Amazon (FBA)
		const created = o.now - (200 + i) * 86400000;
		return {
			sku: it.sku,
			itno: it.ITNO,
			asin: asin(r),
			fnSku: fba ? 'X00' + r.digits(7) : undefined,
			title: titleOf(it),
			price: Math.round(priceOf(it, i) * 100) / 100,
			productType: 'PRODUCT',
			createdDate: iso(created),
			lastUpdatedDate: iso(created + 86400000 * r.int(1, 100)),
			marketplaceIds: DEFAULT_MARKETPLACES.map((c) => /** @type {any} */ (MARKETPLACES)[c].id),
			quantity: r.int(0, 120), // DEFAULT (merchant) channel
			fba: fba ? { fulfillable: r.int(0, 300), inboundWorking: r.int(0, 20), inboundShipped: r.int(0, 20), inboundReceiving: r.int(0, 10), reserved: r.int(0, 8), unfulfillable: r.int(0, 3), researching: r.int(0, 2) } : null,
			status: ['BUYABLE', 'DISCOVERABLE'],
			condition: 'new_new',
		};
	});
	const fbaListings = listings.filter((l) => l.fba);
	const statuses = ['PENDING', 'UNSHIPPED', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'SHIPPED', 'CANCELLED', 'PENDING_AVAILABILITY', 'UNFULFILLABLE'];
	const countries = DEFAULT_MARKETPLACES;
	const orders = [];
	const N = 45;
	for (let i = 0; i < N; i++) {
		const status = statuses[i % statuses.length];
		const cc = countries[Math.floor(i / statuses.length) % countries.length];
		const ageMs = (N - i) * 3 * 3600000 + r.int(0, 3600000); // spread over ~6 days, oldest first
		const fulfilledBy = status === 'UNFULFILLABLE' ? 'AMAZON' : status === 'SHIPPED' && r.chance(0.4) ? 'AMAZON' : 'MERCHANT';
		orders.push(
			makeOrder(r, {
				// Amazon fulfils only what it stocks: an AFN order has FBA SKUs
				listings: fulfilledBy === 'AMAZON' && fbaListings.length ? fbaListings : listings,
				country: cc,
				status,
				fulfilledBy,
				createdMs: o.now - ageMs,
				business: i % 7 === 2,
				gift: i % 5 === 1,
				promo: i % 6 === 4,
				lines: 1 + (i % 3),
			}),
		);
	}
	const transactions = [];
	for (const ord of orders) if (ord.status === 'SHIPPED' || ord.status === 'PARTIALLY_SHIPPED') transactions.push(...financeForShipment(r, ord, o.sellerId));
	return { listings, orders, transactions, itemsSource: source };
}

/**
 * Build one internal order. Internal shape is API-neutral; operations render v2026 / v0 views from it.
 * @param {ReturnType<typeof rng>} r
 * @param {{listings:any[], country:string, status:string, fulfilledBy:string, createdMs:number, business?:boolean, gift?:boolean, promo?:boolean, lines?:number, skus?:{sku:string, quantity:number}[]}} o
 */
function makeOrder(r, o) {
	const mp = /** @type {any} */ (MARKETPLACES)[o.country] || MARKETPLACES.US;
	const addr = { ...r.pick(/** @type {any} */ (ADDRESSES)[o.country] || ADDRESSES.US), countryCode: mp.countryCode };
	const orderId = `${mp.prefix}${r.int(1, 9)}-${r.digits(7)}-${r.digits(7)}`;
	const picks = o.skus
		? o.skus.map((s) => ({ listing: o.listings.find((l) => l.sku === s.sku) || { sku: s.sku, asin: asin(r), title: s.sku, price: 10 }, qty: s.quantity }))
		: Array.from({ length: o.lines || 1 }, (_, k) => ({ listing: o.listings[(r.int(0, o.listings.length - 1) + k) % o.listings.length], qty: r.int(1, 3) }));
	// de-duplicate SKUs within one order
	const seen = new Set();
	const items = [];
	for (const p of picks) {
		if (seen.has(p.listing.sku)) continue;
		seen.add(p.listing.sku);
		const unit = p.listing.price;
		const it = {
			orderItemId: r.digits(14),
			asin: p.listing.asin,
			sku: p.listing.sku,
			title: p.listing.title,
			quantity: p.qty,
			quantityShipped: 0,
			unitPrice: unit,
			shipping: o.fulfilledBy === 'AMAZON' ? 0 : 4.99,
			taxRate: mp.vat,
			giftWrap: o.gift && items.length === 0 ? { level: 'Classic', message: 'Happy birthday! Love, Sam', price: 3.99 } : null,
			promotion: o.promo && items.length === 0 ? { id: 'PROMO-' + r.digits(6), discount: Math.round(unit * p.qty * 0.1 * 100) / 100 } : null,
			cancelled: false,
		};
		if (TAX_INCLUSIVE.has(o.country)) {
			// the VAT contained in each gross amount, to the cent (Amazon reports it as TAX)
			const rate = money.mul(String(mp.vat), '100');
			const within = (/** @type {number} */ gross) => Number(money.taxIncluded(money.text(money.micro(String(gross))), rate));
			Object.assign(it, {
				itemTax: within(Number(money.mul(String(unit), p.qty))),
				shippingTax: within(it.shipping),
				giftTax: it.giftWrap ? within(it.giftWrap.price) : 0,
				discountTax: it.promotion ? within(it.promotion.discount) : 0,
			});
		}
		items.push(it);
	}
	const created = o.createdMs;
	const ord = {
		orderId,
		sellerOrderId: `SO-${r.digits(8)}`,
		marketplaceId: mp.id,
		country: o.country,
		currency: mp.currency,
		taxInclusive: TAX_INCLUSIVE.has(o.country),
		createdTime: iso(created),
		lastUpdatedTime: iso(created + 60000),
		status: o.status,
		fulfilledBy: o.fulfilledBy,
		serviceLevel: o.fulfilledBy === 'AMAZON' ? 'Expedited' : 'Standard',
		shipServiceLevel: o.fulfilledBy === 'AMAZON' ? 'Exp US D2D Dom' : 'Std US D2D Dom',
		isBusiness: !!o.business,
		isPrime: o.fulfilledBy === 'AMAZON',
		buyer: {
			buyerName: addr.name,
			buyerEmail: `${r.digits(10)}@marketplace.amazon.${mp.domain.split('amazon.')[1]}`,
			buyerCompanyName: o.business ? addr.companyName || 'Acme Procurement Inc.' : undefined,
			buyerPurchaseOrderNumber: o.business ? 'PO-' + r.digits(6) : undefined,
		},
		address: { ...addr, addressType: addr.companyName ? 'COMMERCIAL' : 'RESIDENTIAL' },
		items,
		packages: /** @type {any[]} */ ([]),
		shipByWindow: { earliestDateTime: iso(created + 3600000), latestDateTime: iso(created + 2 * 86400000) },
		deliverByWindow: { earliestDateTime: iso(created + 3 * 86400000), latestDateTime: iso(created + 6 * 86400000) },
		cancellation: /** @type {any} */ (null),
	};
	if (o.status === 'SHIPPED' || o.status === 'PARTIALLY_SHIPPED') {
		const shipped = o.status === 'SHIPPED' ? items : items.slice(0, Math.max(1, items.length - 1));
		if (o.status === 'PARTIALLY_SHIPPED' && items.length === 1) {
			items[0].quantity = Math.max(2, items[0].quantity);
		}
		const pk = {
			packageReferenceId: '1',
			carrier: o.fulfilledBy === 'AMAZON' ? 'AMZN_US' : r.pick(['UPS', 'DHL', 'Royal Mail', 'FedEx']),
			trackingNumber: '1Z' + r.digits(16),
			shipTime: iso(created + 20 * 3600000),
			shippingService: 'Ground',
			items: shipped.map((it) => {
				const q = o.status === 'PARTIALLY_SHIPPED' && items.length === 1 ? 1 : it.quantity;
				it.quantityShipped = q;
				return { orderItemId: it.orderItemId, quantity: q };
			}),
			createdTime: iso(created + 20 * 3600000),
		};
		ord.packages.push(pk);
		ord.lastUpdatedTime = pk.shipTime;
	}
	if (o.status === 'CANCELLED') {
		for (const it of items) it.cancelled = true;
		ord.cancellation = { requester: 'BUYER', cancelReason: 'Buyer Requested Cancel' };
	}
	return ord;
}

/** Finance transactions (v2024-06-19 shape) for one shipped order. @param {ReturnType<typeof rng>} r @param {any} ord @param {string} sellerId */
function financeForShipment(r, ord, sellerId) {
	const mp = MP_BY_ID[ord.marketplaceId];
	const cur = ord.currency;
	const amt = (/** @type {number} */ n) => ({ currencyCode: cur, currencyAmount: Math.round(n * 100) / 100 });
	let principal = 0;
	let shipping = 0;
	let tax = 0;
	let promo = 0;
	let gift = 0;
	for (const it of ord.items) {
		const q = it.quantityShipped || 0;
		if (!q) continue;
		if (it.itemTax !== undefined) {
			// VAT-inclusive prices: product charges, shipping, gift wrap and promotions without their VAT, the VAT apart
			const share = q / it.quantity;
			const itemTax = Math.round(it.itemTax * share * 100) / 100;
			principal += it.unitPrice * q - itemTax;
			shipping += it.shipping - it.shippingTax;
			tax += itemTax + it.shippingTax + it.giftTax - it.discountTax;
			promo += it.promotion ? it.promotion.discount - it.discountTax : 0;
			gift += it.giftWrap ? it.giftWrap.price - it.giftTax : 0;
			continue;
		}
		principal += it.unitPrice * q;
		shipping += it.shipping;
		tax += it.unitPrice * q * it.taxRate;
		promo += it.promotion ? it.promotion.discount : 0;
		gift += it.giftWrap ? it.giftWrap.price : 0;
	}
	const commission = -principal * 0.15;
	const fbaFee = ord.fulfilledBy === 'AMAZON' ? -3.22 * ord.items.length : 0;
	const sales = principal + shipping + gift - promo;
	const taxWithheld = mp && (mp.countryCode === 'US' || mp.countryCode === 'CA') ? -tax : 0; // marketplace facilitator collects
	const total = sales + tax + taxWithheld + commission + fbaFee;
	const posted = Date.parse(ord.packages[0] ? ord.packages[0].shipTime : ord.lastUpdatedTime) + 2 * 3600000;
	const groupId = 'FEG' + r.digits(12);
	const tx = {
		sellingPartnerMetadata: { sellingPartnerId: sellerId, accountType: 'Standard Orders', marketplaceId: ord.marketplaceId },
		relatedIdentifiers: [
			{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: ord.orderId },
			{ relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: groupId },
		],
		transactionType: 'Shipment',
		transactionId: 'TX-' + r.digits(16),
		transactionStatus: 'RELEASED',
		description: 'Order Payment',
		postedDate: iso(posted),
		totalAmount: amt(total),
		marketplaceDetails: { marketplaceId: ord.marketplaceId, marketplaceName: mp ? mp.name : '' },
		items: ord.items
			.filter((/** @type {any} */ it) => it.quantityShipped)
			.map((/** @type {any} */ it) => ({
				description: it.title,
				relatedIdentifiers: [{ itemRelatedIdentifierName: 'ORDER_ADJUSTMENT_ITEM_ID', itemRelatedIdentifierValue: it.orderItemId }],
				totalAmount: amt(it.unitPrice * it.quantityShipped * 0.85),
				breakdowns: [
					{ breakdownType: 'ProductCharges', breakdownAmount: amt(it.unitPrice * it.quantityShipped) },
					{ breakdownType: 'Commission', breakdownAmount: amt(-it.unitPrice * it.quantityShipped * 0.15) },
				],
				contexts: [{ contextType: 'ProductContext', asin: it.asin, sku: it.sku, quantityShipped: it.quantityShipped, fulfillmentNetwork: ord.fulfilledBy === 'AMAZON' ? 'AFN' : 'MFN' }],
			})),
		breakdowns: [
			{
				breakdownType: 'Sales',
				breakdownAmount: amt(sales + tax + taxWithheld),
				breakdowns: [
					{ breakdownType: 'ProductCharges', breakdownAmount: amt(principal) },
					{ breakdownType: 'Shipping', breakdownAmount: amt(shipping) },
					{ breakdownType: 'GiftWrap', breakdownAmount: amt(gift) },
					{ breakdownType: 'PromotionDiscount', breakdownAmount: amt(-promo) },
					{ breakdownType: 'Tax', breakdownAmount: amt(tax) },
					{ breakdownType: 'MarketplaceFacilitatorTax', breakdownAmount: amt(taxWithheld) },
				],
			},
			{
				breakdownType: 'Expenses',
				breakdownAmount: amt(commission + fbaFee),
				breakdowns: [
					{ breakdownType: 'AmazonFees', breakdownAmount: amt(commission), breakdowns: [{ breakdownType: 'Commission', breakdownAmount: amt(commission) }] },
					...(fbaFee ? [{ breakdownType: 'FBAFees', breakdownAmount: amt(fbaFee), breakdowns: [{ breakdownType: 'FBAPerUnitFulfillmentFee', breakdownAmount: amt(fbaFee) }] }] : []),
				],
			},
		],
		// internal (stripped before rendering): data for the v0 ShipmentEvent view
		_v0: { orderId: ord.orderId, sellerOrderId: ord.sellerOrderId, marketplaceName: mp ? mp.domain.replace('www.', '') : '', currency: cur, groupId, principal, shipping, tax, taxWithheld, promo, gift, commission, fbaFee, posted: iso(posted), fulfilledBy: ord.fulfilledBy, items: ord.items.filter((/** @type {any} */ it) => it.quantityShipped).map((/** @type {any} */ it) => ({ sku: it.sku, orderItemId: it.orderItemId, qty: it.quantityShipped, principal: it.unitPrice * it.quantityShipped, tax: it.itemTax !== undefined ? it.itemTax : it.unitPrice * it.quantityShipped * it.taxRate, shipping: it.shipping, promo: it.promotion, gift: it.giftWrap })) },
	};
	return [tx];
}

module.exports = { buildSeed, makeOrder, financeForShipment, loadItems, MARKETPLACES, MP_BY_ID, DEFAULT_MARKETPLACES, money2 };

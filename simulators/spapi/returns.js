// @ts-check
'use strict';
/**
 * Customer returns and refunds of shipped orders, consistent with the orders and their Finances transactions:
 * `returnItems` records the returned units (what the returns reports list: merchant-fulfilled by return reason, FBA
 * with Amazon's detailed disposition) and, unless told otherwise, the Refund transaction (Finances 2024-06-19 shape,
 * breakdowns adding up to totalAmount to the cent): product charges and their tax back to the buyer, tax the
 * marketplace withheld back from it, the commission back less Amazon's refund administration fee (20 % of it).
 */
const { iso } = require('./util');
const { MP_BY_ID } = require('./seed');

/** @param {number} cents */
const dec = (cents) => Math.round(cents) / 100;
/** @param {number} n */
const cents = (n) => Math.round(n * 100);

/**
 * @param {any} sim
 * @param {string} orderId
 * @param {{ items?: Array<{ orderItemId: string, quantity?: number, disposition?: string, reason?: string }>, reason?: string,
 *   disposition?: string, refund?: boolean, returnedAt?: number, refundedAt?: number }} [o]
 */
function returnItems(sim, orderId, o = {}) {
	const ord = sim.state.orders.get(orderId);
	if (!ord) throw new Error(`order ${orderId} not found`);
	const wanted = o.items && o.items.length ? o.items : ord.items.filter((/** @type {any} */ it) => it.quantityShipped > 0).map((/** @type {any} */ it) => ({ orderItemId: it.orderItemId }));
	const now = Date.now();
	const returnedAt = o.returnedAt ?? now - 20 * 60000;
	const refundedAt = o.refundedAt ?? now - 10 * 60000;
	const n = sim.state.returns.length;
	const lines = wanted.map((w, k) => {
		const it = ord.items.find((/** @type {any} */ x) => x.orderItemId === w.orderItemId);
		if (!it) throw new Error(`order ${orderId} has no item ${w.orderItemId}`);
		const already = sim.state.returns.filter((/** @type {any} */ r) => r.orderId === orderId && r.orderItemId === it.orderItemId).reduce((s, /** @type {any} */ r) => s + r.quantity, 0);
		const q = w.quantity ?? it.quantityShipped - already;
		if (!(q > 0) || q + already > it.quantityShipped) throw new Error(`item ${it.orderItemId} of order ${orderId}: ${it.quantityShipped} shipped, ${already} returned, cannot return ${q}`);
		// VAT-inclusive prices: the VAT contained in the returned units; else tax on top (US/CA: withheld by Amazon)
		const gross = cents(it.unitPrice * q);
		const tax = it.itemTax !== undefined ? Math.round((cents(it.itemTax) * q) / it.quantity) : Math.round(gross * it.taxRate);
		const product = it.itemTax !== undefined ? gross - tax : gross;
		return { it, q, product, tax, commission: Math.round(product * 0.15 * 0.8), k, w };
	});
	const mp = MP_BY_ID[ord.marketplaceId];
	const withheldMarket = !ord.taxInclusive && mp && (mp.countryCode === 'US' || mp.countryCode === 'CA');
	const network = ord.fulfilledBy === 'AMAZON' ? 'AFN' : 'MFN';
	const refunded = [];
	for (const l of lines) {
		const ret = {
			orderId,
			orderItemId: l.it.orderItemId,
			sku: l.it.sku,
			asin: l.it.asin,
			title: l.it.title,
			quantity: l.q,
			marketplaceId: ord.marketplaceId,
			fulfilledBy: ord.fulfilledBy,
			orderDate: ord.createdTime,
			returnDate: returnedAt,
			currency: ord.currency,
			reason: l.w.reason || o.reason || (ord.fulfilledBy === 'AMAZON' ? 'UNWANTED_ITEM' : 'NO_LONGER_NEEDED'),
			disposition: ord.fulfilledBy === 'AMAZON' ? l.w.disposition || o.disposition || 'SELLABLE' : undefined,
			rma: `D${String(90000000 + n + l.k)}`,
			lpn: `LPN${String(1000000 + n + l.k)}`,
			tracking: `1Z${String(5000000000 + n + l.k)}`,
			orderAmount: (cents(l.it.unitPrice * l.it.quantity) / 100).toFixed(2),
			orderQuantity: l.it.quantity,
			refundedAmount: o.refund === false ? '' : dec(l.product + (ord.taxInclusive ? l.tax : 0)).toFixed(2),
		};
		sim.state.returns.push(ret);
		refunded.push(ret);
	}
	if (o.refund === false) return { returns: refunded, transaction: null };
	const amt = (/** @type {number} */ c) => ({ currencyCode: ord.currency, currencyAmount: dec(c) });
	const product = lines.reduce((s, l) => s + l.product, 0);
	const tax = lines.reduce((s, l) => s + l.tax, 0);
	const withheld = withheldMarket ? tax : 0;
	const commission = lines.reduce((s, l) => s + l.commission, 0);
	const sales = -product - tax + withheld;
	const total = sales + commission;
	const tx = {
		sellingPartnerMetadata: { sellingPartnerId: sim.state.sellerId, accountType: 'Standard Orders', marketplaceId: ord.marketplaceId },
		relatedIdentifiers: [
			{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: orderId },
			{ relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: `FEG${String(700000000000 + sim.state.transactions.length)}` },
		],
		transactionType: 'Refund',
		transactionId: `TX-R${String(100000000000000 + sim.state.transactions.length)}`,
		transactionStatus: 'RELEASED',
		description: 'Refund Order',
		postedDate: iso(refundedAt),
		totalAmount: amt(total),
		marketplaceDetails: { marketplaceId: ord.marketplaceId, marketplaceName: mp ? mp.name : '' },
		items: lines.map((l) => ({
			description: l.it.title,
			relatedIdentifiers: [{ itemRelatedIdentifierName: 'ORDER_ADJUSTMENT_ITEM_ID', itemRelatedIdentifierValue: l.it.orderItemId }],
			totalAmount: amt(-l.product - l.tax + (withheldMarket ? l.tax : 0) + l.commission),
			breakdowns: [
				{ breakdownType: 'ProductCharges', breakdownAmount: amt(-l.product) },
				{ breakdownType: 'Tax', breakdownAmount: amt(-l.tax) },
				...(withheldMarket ? [{ breakdownType: 'MarketplaceFacilitatorTax', breakdownAmount: amt(l.tax) }] : []),
				{ breakdownType: 'Commission', breakdownAmount: amt(l.commission) },
			],
			contexts: [{ contextType: 'ProductContext', asin: l.it.asin, sku: l.it.sku, quantityShipped: l.q, fulfillmentNetwork: network }],
		})),
		breakdowns: [
			{
				breakdownType: 'Sales',
				breakdownAmount: amt(sales),
				breakdowns: [
					{ breakdownType: 'ProductCharges', breakdownAmount: amt(-product) },
					{ breakdownType: 'Tax', breakdownAmount: amt(-tax) },
					{ breakdownType: 'MarketplaceFacilitatorTax', breakdownAmount: amt(withheld) },
				],
			},
			{
				breakdownType: 'Expenses',
				breakdownAmount: amt(commission),
				breakdowns: [{ breakdownType: 'AmazonFees', breakdownAmount: amt(commission), breakdowns: [{ breakdownType: 'Commission', breakdownAmount: amt(commission) }] }],
			},
		],
	};
	sim.state.transactions.push(tx);
	return { returns: refunded, transaction: tx };
}

module.exports = { returnItems };

// @ts-check
'use strict';
/** Finances v2024-06-19 listTransactions and v0 listFinancialEventsByOrderId / listFinancialEvents (ShipmentEventList view). */
const { invalid, checkBefore } = require('../validate');
const { iso } = require('../util');
const { paginate, fingerprint } = require('./common');

const MAX_RANGE_MS = 180 * 86400000;
/** @param {any} t */
const publicTx = (t) => {
	const { _v0, ...rest } = t;
	void _v0;
	return rest;
};

/** @param {any} ctx */
function listTransactions(ctx) {
	const p = ctx.params;
	const ts = ctx.sim.timeScale;
	const byId = p.relatedIdentifierName && p.relatedIdentifierValue;
	if (p.relatedIdentifierName && !['ORDER_ID', 'FINANCIAL_EVENT_GROUP_ID'].includes(p.relatedIdentifierName)) throw invalid('Invalid relatedIdentifierName.', 'Only ORDER_ID and FINANCIAL_EVENT_GROUP_ID can be used as filters.');
	if (p.relatedIdentifierName && !p.relatedIdentifierValue) throw invalid('relatedIdentifierValue is required with relatedIdentifierName.', '');
	if (!p.postedAfter && !byId && !p.nextToken) throw invalid('Start date cannot be null', 'Start date cannot be null');
	if (p.transactionStatus && !['DEFERRED', 'RELEASED', 'DEFERRED_RELEASED'].includes(p.transactionStatus)) throw invalid(`Invalid transactionStatus: ${p.transactionStatus}`, 'Allowed values: DEFERRED, RELEASED, DEFERRED_RELEASED');
	checkBefore(p.postedBefore, 'postedBefore', ts);
	const before = p.postedBefore ? Date.parse(p.postedBefore) : Date.now() - 120000 / ts;
	const after = p.postedAfter ? Date.parse(p.postedAfter) : 0;
	if (p.postedAfter && after > before) throw invalid('postedAfter must be before postedBefore.', '');
	if (p.postedAfter && before - after > MAX_RANGE_MS) throw invalid('The date range between postedAfter and postedBefore cannot exceed 180 days.', '');
	const list = ctx.state.transactions.filter((/** @type {any} */ t) => {
		const d = Date.parse(t.postedDate);
		if (p.postedAfter && (d < after || d > before)) return false;
		if (p.marketplaceId && t.marketplaceDetails.marketplaceId !== p.marketplaceId) return false;
		if (p.transactionStatus && t.transactionStatus !== p.transactionStatus) return false;
		if (byId && !t.relatedIdentifiers.some((/** @type {any} */ r) => r.relatedIdentifierName === p.relatedIdentifierName && r.relatedIdentifierValue === p.relatedIdentifierValue)) return false;
		return true;
	});
	const { page, next } = paginate(list, 100, p.nextToken, fingerprint(p, ['nextToken']), 'nextToken');
	/** @type {any} */
	const payload = { transactions: page.map(publicTx) };
	if (next) payload.nextToken = next;
	return { body: { payload } };
}

/** v0 ShipmentEvent for one internal transaction. @param {any} t */
function shipmentEvent(t) {
	const v = t._v0;
	const c = (/** @type {number} */ n) => ({ CurrencyCode: v.currency, CurrencyAmount: Math.round(n * 100) / 100 });
	return {
		AmazonOrderId: v.orderId,
		SellerOrderId: v.sellerOrderId,
		MarketplaceName: v.marketplaceName,
		PostedDate: v.posted,
		ShipmentItemList: v.items.map((/** @type {any} */ it) => ({
			SellerSKU: it.sku,
			OrderItemId: it.orderItemId,
			QuantityShipped: it.qty,
			ItemChargeList: [
				{ ChargeType: 'Principal', ChargeAmount: c(it.principal) },
				{ ChargeType: 'Tax', ChargeAmount: c(it.tax) },
				{ ChargeType: 'ShippingCharge', ChargeAmount: c(it.shipping) },
				...(it.gift ? [{ ChargeType: 'Giftwrap', ChargeAmount: c(it.gift.price) }] : []),
			],
			ItemFeeList: [{ FeeType: 'Commission', FeeAmount: c(-it.principal * 0.15) }, ...(v.fulfilledBy === 'AMAZON' ? [{ FeeType: 'FBAPerUnitFulfillmentFee', FeeAmount: c(-3.22) }] : [])],
			...(v.taxWithheld ? { ItemTaxWithheldList: [{ TaxCollectionModel: 'MarketplaceFacilitator', TaxesWithheld: [{ ChargeType: 'MarketplaceFacilitatorTax-Principal', ChargeAmount: c(-it.tax) }] }] } : {}),
			...(it.promo ? { PromotionList: [{ PromotionType: 'PromotionMetaDataDefinitionValue', PromotionId: it.promo.id, PromotionAmount: c(-it.promo.discount) }] } : {}),
		})),
	};
}

/** @param {any} ctx */
function listFinancialEventsByOrderId(ctx) {
	const id = ctx.params.orderId;
	if (!/^\d{3}-\d{7}-\d{7}$/.test(id)) throw invalid('Bad order ID provided.');
	const list = ctx.state.transactions.filter((/** @type {any} */ t) => t._v0 && t._v0.orderId === id);
	return { body: { payload: { FinancialEvents: { ShipmentEventList: list.map(shipmentEvent), RefundEventList: [], AdjustmentEventList: [], ServiceFeeEventList: [] } } } };
}

/** @param {any} ctx */
function listFinancialEvents(ctx) {
	const p = ctx.params;
	const ts = ctx.sim.timeScale;
	if (!p.PostedAfter && !p.NextToken) throw invalid('Date range is invalid.', 'PostedAfter is required.');
	checkBefore(p.PostedBefore, 'PostedBefore', ts);
	const before = p.PostedBefore ? Date.parse(p.PostedBefore) : Date.now() - 120000 / ts;
	const after = p.PostedAfter ? Date.parse(p.PostedAfter) : 0;
	if (p.PostedAfter && (after > before || before - after > MAX_RANGE_MS)) throw invalid('Date range is invalid.', 'PostedAfter must be before PostedBefore and at most 180 days apart.');
	const list = ctx.state.transactions.filter((/** @type {any} */ t) => t._v0 && Date.parse(t.postedDate) >= after && Date.parse(t.postedDate) <= before);
	const { page, next } = paginate(list, p.MaxResultsPerPage || 100, p.NextToken, fingerprint(p, ['NextToken', 'MaxResultsPerPage']), 'NextToken');
	/** @type {any} */
	const payload = { FinancialEvents: { ShipmentEventList: page.map(shipmentEvent), RefundEventList: [], AdjustmentEventList: [], ServiceFeeEventList: [] } };
	if (next) payload.NextToken = next;
	void iso;
	return { body: { payload } };
}

module.exports = {
	'finances2024.listTransactions': listTransactions,
	'financesV0.listFinancialEventsByOrderId': listFinancialEventsByOrderId,
	'financesV0.listFinancialEvents': listFinancialEvents,
};

// @ts-check
'use strict';
/**
 * POST_ORDER_ACKNOWLEDGEMENT_DATA: how a merchant-fulfilled (MFN) seller cancels an order or some of its items
 * (developer-docs.amazon.com/sp-api/docs/order-feed-type-values; XSD OrderAcknowledgement.xsd, docs/contracts.md
 * "Cancellations M3 -> Amazon"). One Message per order:
 *   <OrderAcknowledgement><AmazonOrderID/>[<MerchantOrderID/>]<StatusCode>Success|Failure</StatusCode>
 *     (<Item><AmazonOrderItemCode/>[<MerchantOrderItemID/>][<CancelReason/>]</Item>)*</OrderAcknowledgement>
 * StatusCode Failure cancels the whole order (every item not shipped); Success with Items that carry a CancelReason
 * cancels those items. Enforced: the envelope, MessageType, the id formats, the StatusCode and CancelReason values; an
 * order Amazon fulfils (AFN), unknown items and items already shipped are refused (Error result); an item already
 * cancelled is reported as a Warning and changes nothing (a second feed never cancels twice). Cancelled items follow the
 * Orders model (cancellationExecution.cancelledBy MERCHANT with the reason); the order becomes CANCELLED once every
 * item is; ORDER_CHANGE is emitted once per changed order.
 */
const { iso } = require('../util');

const CANCEL_REASONS = new Set([
	'NoInventory', 'ShippingAddressUndeliverable', 'CustomerExchange', 'BuyerCanceled', 'GeneralAdjustment', 'CarrierCreditDecision',
	'RiskAssessmentInformationNotValid', 'CarrierCoverageFailure', 'CustomerReturn', 'MerchandiseNotReceived',
]);
const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

/**
 * @param {string} xml
 * @param {{ tagAll: (x: string, t: string) => string[], tag1: (x: string, t: string) => string | undefined }} t
 */
function parseAcknowledgementXml(xml, { tagAll, tag1 }) {
	if (!/<AmazonEnvelope[\s>]/.test(xml) || !/<\/AmazonEnvelope>\s*$/.test(xml.trim())) throw new Error('The document is not a well-formed AmazonEnvelope.');
	const header = tagAll(xml, 'Header')[0] || '';
	if (!tag1(header, 'MerchantIdentifier')) throw new Error('Header/MerchantIdentifier is required.');
	const type = tag1(xml, 'MessageType');
	if (type !== 'OrderAcknowledgement') throw new Error(`MessageType must be OrderAcknowledgement, got ${type}.`);
	const msgs = tagAll(xml, 'Message');
	if (!msgs.length) throw new Error('The envelope has no Message.');
	return msgs.map((m) => {
		const oa = tagAll(m, 'OrderAcknowledgement')[0];
		return {
			id: Number(tag1(m, 'MessageID')),
			present: oa !== undefined,
			orderId: oa === undefined ? undefined : tag1(oa, 'AmazonOrderID'),
			statusCode: oa === undefined ? undefined : tag1(oa, 'StatusCode'),
			items: (oa === undefined ? [] : tagAll(oa, 'Item')).map((it) => ({ orderItemId: tag1(it, 'AmazonOrderItemCode'), reason: tag1(it, 'CancelReason') })),
		};
	});
}

/** @param {any} sim @param {any} feed @param {ReturnType<typeof parseAcknowledgementXml>} msgs */
function applyAcknowledgements(sim, feed, msgs) {
	/** @type {any[]} */
	const results = [];
	let ok = 0;
	const seen = new Set();
	for (const m of msgs) {
		const err = (/** @type {string} */ desc, code = '18028') => results.push({ id: m.id, code: 'Error', msgCode: code, desc, orderId: m.orderId });
		if (!Number.isInteger(m.id) || m.id < 1 || seen.has(m.id)) {
			err('MessageID must be a positive integer, unique in the document.', '5000');
			continue;
		}
		seen.add(m.id);
		if (!m.present) { err('The Message has no OrderAcknowledgement.', '5000'); continue; }
		if (!m.orderId || !ORDER_ID.test(m.orderId)) { err(`AmazonOrderID "${m.orderId ?? ''}" is not an Amazon order id (3-7-7 digits).`, '5000'); continue; }
		if (m.statusCode !== 'Success' && m.statusCode !== 'Failure') { err(`StatusCode must be Success or Failure, got "${m.statusCode ?? ''}".`, '5000'); continue; }
		const badReason = m.items.find((it) => it.reason !== undefined && !CANCEL_REASONS.has(it.reason));
		if (badReason) { err(`CancelReason "${badReason.reason}" is not one of ${[...CANCEL_REASONS].join(', ')}.`, '5000'); continue; }
		if (m.items.some((it) => !it.orderItemId)) { err('Item/AmazonOrderItemCode is required.', '5000'); continue; }
		const o = sim.state.orders.get(m.orderId);
		if (!o) { err(`The order id ${m.orderId} was not found in our system.`); continue; }
		if (o.fulfilledBy === 'AMAZON') { err(`Order ${m.orderId} is fulfilled by Amazon: the seller cannot cancel it with an order acknowledgement.`); continue; }
		/** @type {any[]} */
		let targets;
		if (m.statusCode === 'Failure') targets = o.items.map((/** @type {any} */ it) => ({ it, reason: (m.items.find((x) => x.orderItemId === it.orderItemId) || m.items[0] || {}).reason || 'GeneralAdjustment' }));
		else {
			const cancels = m.items.filter((x) => x.reason);
			if (!cancels.length) { ok++; continue; } // an acknowledgement without cancellation: nothing to change
			const unknown = cancels.find((x) => !o.items.some((/** @type {any} */ it) => it.orderItemId === x.orderItemId));
			if (unknown) { err(`Order ${m.orderId} has no item ${unknown.orderItemId}.`); continue; }
			targets = cancels.map((x) => ({ it: o.items.find((/** @type {any} */ it) => it.orderItemId === x.orderItemId), reason: x.reason }));
		}
		const shipped = targets.filter((t) => t.it.quantityShipped > 0 && !t.it.cancelled);
		if (shipped.length && m.statusCode === 'Success') { err(`Item ${shipped[0].it.orderItemId} of order ${m.orderId} is shipped: it cannot be cancelled.`); continue; }
		const todo = targets.filter((t) => !t.it.cancelled && t.it.quantityShipped === 0);
		if (!todo.length) {
			results.push({ id: m.id, code: 'Warning', msgCode: '18030', desc: `Order ${m.orderId}: the items are already cancelled; nothing changed.`, orderId: m.orderId });
			ok++;
			continue;
		}
		for (const t of todo) {
			t.it.cancelled = true;
			(sim.state.sellerCancellations = sim.state.sellerCancellations || []).push({ orderId: o.orderId, orderItemId: t.it.orderItemId, reason: t.reason, feedId: feed.feedId, at: iso(Date.now()) });
		}
		o.cancellation = { requester: 'SELLER', cancelledBy: 'MERCHANT', cancelReason: todo[0].reason };
		if (o.items.every((/** @type {any} */ it) => it.cancelled)) o.status = 'CANCELLED';
		o.lastUpdatedTime = iso(Date.now());
		sim.notifier.orderChanged(o, 'Seller Cancelled');
		ok++;
	}
	return { results, processed: msgs.length, ok };
}

module.exports = { parseAcknowledgementXml, applyAcknowledgements, CANCEL_REASONS };

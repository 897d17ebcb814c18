/**
 * M3 cancels -> Amazon (docs/contracts.md "Cancellations M3 -> Amazon"): an M3 order whose lines M3 closed without
 * delivering them (status 9x with nothing delivered: CloLine / "completed without delivery"), or deleted (DelLine: the
 * line is gone), compared with Amazon's order (getOrder, includedData FULFILLMENT + CANCELLATION) -> the Amazon items to
 * cancel, as the seller does it for merchant-fulfilled orders: the order acknowledgement feed (POST_ORDER_ACKNOWLEDGEMENT_DATA,
 * StatusCode Failure for the whole order, Success with Items + CancelReason for some items).
 * Idempotent by Amazon's state: an item Amazon already shows cancelled is never sent again; no item to cancel = no
 * output. An item M3 closed without delivery that Amazon shows shipped is an issue for a person.
 */
import { fail, isRecord, issue, nonEmpty, ok, type Issue, type Result } from './result';

export const AMAZON_CANCEL_REASONS = [
	'NoInventory',
	'ShippingAddressUndeliverable',
	'CustomerExchange',
	'BuyerCanceled',
	'GeneralAdjustment',
	'CarrierCreditDecision',
	'RiskAssessmentInformationNotValid',
	'CarrierCoverageFailure',
	'CustomerReturn',
	'MerchandiseNotReceived',
] as const;

export interface M3ClosedOrder {
	ORNO: string;
	CUOR: string;
	CUNO?: string;
	lines: Array<{ PONR: string; CUOR: string; ORST: string; DLQT: number | null; RSCD?: string }>;
}

export interface AmazonCancellation {
	kind: 'AmazonCancellation';
	orderId: string;
	marketplaceId?: string;
	/** Failure = cancel the whole order; Success = cancel the items listed */
	statusCode: 'Failure' | 'Success';
	scope: 'order' | 'items';
	items: Array<{ orderItemId: string; sku?: string; reason: string; m3: { ORNO: string; PONR?: string; why: 'closed' | 'deleted' } }>;
	m3OrderNumber: string;
}

export interface SellerCancellationOptions {
	/** CancelReason sent to Amazon (default NoInventory) */
	reason?: string;
	/** M3 reason code (RSCD) -> Amazon CancelReason; a line's own RSCD wins over `reason` */
	reasonMap?: Record<string, string>;
}

export function m3ClosedToAmazonCancellation(amazonInput: unknown, m3: unknown, o: SellerCancellationOptions = {}): Result<AmazonCancellation | null> {
	const issues: Issue[] = [];
	const order = isRecord(amazonInput) && isRecord(amazonInput.order) ? amazonInput.order : amazonInput;
	if (!isRecord(order) || !nonEmpty(order.orderId) || !Array.isArray(order.orderItems)) {
		return fail([issue('', 'unrecognized_order', 'Expected an Orders API 2026-01-01 order (getOrder with includedData FULFILLMENT and CANCELLATION)')]);
	}
	if (!isRecord(m3) || !nonEmpty(m3.ORNO) || !Array.isArray(m3.lines)) {
		return fail([issue('m3', 'missing_m3_order', 'The M3 order (ORNO, lines) is missing: set "M3 Order (JSON)"')]);
	}
	const orderId = String(order.orderId);
	const m3o = m3 as unknown as M3ClosedOrder;
	if (nonEmpty(m3o.CUOR) && m3o.CUOR !== orderId) issues.push(issue('m3.CUOR', 'order_mismatch', `M3 order ${m3o.ORNO} belongs to Amazon order ${m3o.CUOR}, not ${orderId}`));
	const ful = isRecord(order.fulfillment) ? order.fulfillment : {};
	// Amazon fulfils FBA orders: the seller cannot cancel them (and they never have open M3 lines to close)
	if (ful.fulfilledBy === 'AMAZON') return ok(null);
	const status = String(ful.fulfillmentStatus ?? '');
	const def = nonEmpty(o.reason) ?? 'NoInventory';
	const reasons = new Set<string>(AMAZON_CANCEL_REASONS);
	if (!reasons.has(def)) issues.push(issue('reason', 'invalid_cancel_reason', `CancelReason "${def}" is not one of ${AMAZON_CANCEL_REASONS.join(', ')}`));
	const byCuor = new Map(m3o.lines.map((l) => [String(l.CUOR ?? '').trim(), l]));
	const items: AmazonCancellation['items'] = [];
	let open = 0;
	order.orderItems.forEach((raw, i) => {
		if (!isRecord(raw)) return;
		const id = nonEmpty(raw.orderItemId);
		if (!id) return;
		const cancelled = isRecord(raw.cancellation) && isRecord(raw.cancellation.cancellationExecution);
		if (cancelled) return;
		const itf = isRecord(raw.fulfillment) ? raw.fulfillment : {};
		const shipped = Number(itf.quantityFulfilled ?? 0) > 0;
		open++;
		const line = byCuor.get(id);
		let why: 'closed' | 'deleted' | undefined;
		if (!line) why = 'deleted';
		else if (Number(line.ORST) >= 90 && !((line.DLQT ?? 0) > 0)) why = 'closed';
		if (!why) return;
		if (shipped) {
			issues.push(
				issue(
					`orderItems[${i}]`,
					'shipped_on_amazon',
					`M3 ${why === 'closed' ? `closed line ${line?.PONR} without delivery` : 'has no line'} for Amazon item ${id} of order ${orderId}, but Amazon shows it shipped: check the order (it cannot be cancelled)`,
				),
			);
			return;
		}
		const rscd = nonEmpty(line?.RSCD);
		const reason = (rscd && o.reasonMap?.[rscd]) || def;
		if (!reasons.has(reason)) issues.push(issue(`reasonMap.${rscd}`, 'invalid_cancel_reason', `CancelReason "${reason}" (for M3 reason code ${rscd}) is not an Amazon cancel reason`));
		const sku = isRecord(raw.product) ? nonEmpty(raw.product.sellerSku) : undefined;
		items.push({ orderItemId: id, ...(sku ? { sku } : {}), reason, m3: { ORNO: m3o.ORNO, ...(line ? { PONR: line.PONR } : {}), why } });
	});
	if (issues.length) return fail(issues);
	if (!items.length || status === 'CANCELLED') return ok(null);
	const whole = items.length === open;
	const sc = isRecord(order.salesChannel) ? nonEmpty(order.salesChannel.marketplaceId) : undefined;
	return ok({
		kind: 'AmazonCancellation',
		orderId,
		...(sc ? { marketplaceId: sc } : {}),
		statusCode: whole ? 'Failure' : 'Success',
		scope: whole ? 'order' : 'items',
		items,
		m3OrderNumber: m3o.ORNO,
	});
}

function esc(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The POST_ORDER_ACKNOWLEDGEMENT_DATA document (XML OrderAcknowledgement, one Message per cancellation). */
export function orderAcknowledgementXml(sellerId: string, cancellations: AmazonCancellation[]): string {
	const msgs = cancellations.map(
		(c, k) =>
			`<Message><MessageID>${k + 1}</MessageID><OrderAcknowledgement><AmazonOrderID>${esc(c.orderId)}</AmazonOrderID>` +
			`<MerchantOrderID>${esc(c.m3OrderNumber)}</MerchantOrderID><StatusCode>${c.statusCode}</StatusCode>` +
			c.items.map((it) => `<Item><AmazonOrderItemCode>${esc(it.orderItemId)}</AmazonOrderItemCode><CancelReason>${esc(it.reason)}</CancelReason></Item>`).join('') +
			'</OrderAcknowledgement></Message>',
	);
	return (
		'<?xml version="1.0" encoding="UTF-8"?>\n<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">' +
		`<Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${esc(sellerId)}</MerchantIdentifier></Header>` +
		`<MessageType>OrderAcknowledgement</MessageType>${msgs.join('')}</AmazonEnvelope>\n`
	);
}

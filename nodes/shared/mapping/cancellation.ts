/**
 * Amazon order -> "M3 cancellation" (docs/contracts.md), the input of Infor M3 "Customer Order > Cancel".
 * The order goes through the canonical model (a cancelled order keeps its items, prices may be missing); a whole
 * order cancelled (status CANCELLED) cancels every M3 line, otherwise the items Amazon reports as cancelled
 * (cancellation execution present). An order with nothing cancelled, or fulfilled by Amazon, gives null: nothing to do.
 */
import type { Order } from '../canonical/schemas';
import { amazonOrderToCanonical, type AmazonOrderOptions } from './amazonOrder';
import { lookupCustomer, type M3OrderOptions } from './m3Order';
import { fail, isRecord, issue, nonEmpty, ok, type Result } from './result';

export interface M3CancellationPlan {
	kind: 'M3Cancellation';
	CUNO: string;
	/** other customers the order may be under (the marketplace-facilitator customer `<marketplace>:MF`) */
	otherCustomers?: string[];
	CUOR: string;
	scope: 'order' | 'lines';
	lines: Array<{ CUOR: string; sku?: string; quantity: string }>;
	reason: string;
	requestedBy: string;
	marketplaceId?: string;
	source: { system: 'amazon'; id: string };
}

type CustomerOptions = Pick<M3OrderOptions, 'customerMap' | 'customerStrategy' | 'buyerCustomerMap'>;

/** Who asked and why, from the first cancelled item of a 2026-01-01 order. */
function cancellationInfo(raw: unknown): { reason: string; requestedBy: string } {
	const o = isRecord(raw) && isRecord(raw.order) ? raw.order : raw;
	const items = isRecord(o) && Array.isArray(o.orderItems) ? o.orderItems : [];
	for (const it of items) {
		const c = isRecord(it) && isRecord(it.cancellation) ? it.cancellation : undefined;
		if (!c) continue;
		const req = isRecord(c.cancellationRequest) ? c.cancellationRequest : {};
		const exe = isRecord(c.cancellationExecution) ? c.cancellationExecution : {};
		return {
			reason: nonEmpty(req.cancelReason) ?? nonEmpty(exe.cancelReason) ?? '',
			requestedBy: nonEmpty(req.requester) ?? nonEmpty(exe.cancelledBy) ?? '',
		};
	}
	return { reason: '', requestedBy: '' };
}

export function canonicalToM3Cancellation(order: Order, options: CustomerOptions, raw?: unknown): Result<M3CancellationPlan | null> {
	if (order.fulfillmentChannel === 'AMAZON') return ok(null);
	const whole = order.status === 'CANCELLED';
	const lines = order.lines.filter((l) => whole || l.cancelled === true);
	if (!lines.length) return ok(null);
	const { entry, key } = lookupCustomer(order, options);
	const cuno = typeof entry === 'string' ? entry : entry?.CUNO;
	if (!cuno) {
		return fail([
			issue(entry === undefined ? 'marketplaceId' : `customerMap.${key}`, 'customer_not_mapped', `No M3 customer for marketplace "${order.marketplaceId ?? ''}" in the customer map`),
		]);
	}
	// an order whose VAT the marketplace collects was entered under the ':MF' customer (m3Order.ts): look there too
	const mf = lookupCustomer(order, options, true).entry;
	const mfCuno = typeof mf === 'string' ? mf : mf?.CUNO;
	const info = cancellationInfo(raw);
	return ok({
		kind: 'M3Cancellation',
		CUNO: cuno,
		...(mfCuno && mfCuno !== cuno ? { otherCustomers: [mfCuno] } : {}),
		CUOR: order.source.id,
		scope: whole ? 'order' : 'lines',
		lines: lines.map((l) => ({ CUOR: l.lineId, ...(l.sku ? { sku: l.sku } : {}), quantity: l.quantity.value })),
		reason: info.reason || (whole ? 'Order cancelled on Amazon' : 'Items cancelled on Amazon'),
		requestedBy: info.requestedBy,
		...(order.marketplaceId ? { marketplaceId: order.marketplaceId } : {}),
		source: { system: 'amazon', id: order.source.id },
	});
}

export function amazonOrderToM3Cancellation(input: unknown, options: CustomerOptions, amazon: AmazonOrderOptions = {}): Result<M3CancellationPlan | null> {
	// a cancelled order has no delivery address and may have no prices (XXX = ISO 4217 "no currency"): not needed here
	const c = amazonOrderToCanonical(input, { ...amazon, requireAddressForStatuses: [], defaultCurrency: 'XXX' });
	if (!c.ok) return c;
	return canonicalToM3Cancellation(c.value, options, input);
}

/**
 * (3) Order status mapping, both directions, table-driven.
 * M3 statuses (m3-mi-ion.md §3.2): ORSL = lowest line status, ORST = highest, two digits each
 * (05 quotation, 10 preliminary, 2x allocate, 3x allocated, 4x picking list, 6x delivered, 7x invoiced, 9x deleted,
 * 99 completed without delivery).
 */
import { normalizeAmazonStatus } from './amazonOrder';
import { fail, isRecord, issue, nonEmpty, ok, type Result } from './result';
import type { OrderStatusName } from '../canonical/schemas';

export interface M3ToAmazonRule {
	/** inclusive ranges on the 2-digit statuses; omitted bound = open */
	orslMin?: string;
	orslMax?: string;
	orstMin?: string;
	orstMax?: string;
	amazon: OrderStatusName;
	/** whether a shipment confirmation should be sent to Amazon in this state */
	confirmShipment?: boolean;
}

export interface AmazonToM3Rule {
	/** what the M3 side should do with an order in this Amazon status */
	action: 'create' | 'wait' | 'cancel' | 'ignore' | 'none';
	/** expected/target M3 statuses, informative */
	ORSL?: string;
	ORST?: string;
}

/** First matching rule wins. */
export const DEFAULT_M3_TO_AMAZON: M3ToAmazonRule[] = [
	{ orslMin: '90', amazon: 'CANCELLED' },
	{ orslMin: '66', amazon: 'SHIPPED', confirmShipment: true },
	{ orstMin: '60', amazon: 'PARTIALLY_SHIPPED', confirmShipment: true },
	{ orstMin: '05', amazon: 'UNSHIPPED' },
	{ amazon: 'PENDING' },
];

export const DEFAULT_AMAZON_TO_M3: Record<string, AmazonToM3Rule> = {
	PENDING_AVAILABILITY: { action: 'wait' },
	PENDING: { action: 'wait' },
	UNSHIPPED: { action: 'create', ORSL: '22', ORST: '33' },
	PARTIALLY_SHIPPED: { action: 'create', ORSL: '33', ORST: '66' },
	SHIPPED: { action: 'create', ORSL: '66', ORST: '77' },
	INVOICE_UNCONFIRMED: { action: 'create', ORSL: '66', ORST: '77' },
	CANCELLED: { action: 'cancel', ORSL: '90', ORST: '90' },
	UNFULFILLABLE: { action: 'ignore' },
};

function st2(v: unknown): string | undefined {
	const s = nonEmpty(v);
	if (!s) return undefined;
	if (/^\d$/.test(s)) return '0' + s;
	return /^\d{2}$/.test(s) ? s : undefined;
}
function inRange(v: string, min?: string, max?: string): boolean {
	return (min === undefined || v >= min) && (max === undefined || v <= max);
}

export interface M3ToAmazonResult {
	ORSL: string;
	ORST: string;
	amazonStatus: OrderStatusName;
	confirmShipment: boolean;
	ORNO?: string;
	CUOR?: string;
}

/** Input: an M3 order head (OIS100MI GetHead / LstHead record) with ORSL and ORST. */
export function m3StatusToAmazon(input: unknown, rules: M3ToAmazonRule[] = DEFAULT_M3_TO_AMAZON): Result<M3ToAmazonResult> {
	if (!isRecord(input)) return fail([issue('', 'invalid_input', 'Expected an M3 order head with ORSL and ORST')]);
	const orsl = st2(input.ORSL);
	const orst = st2(input.ORST);
	const issues = [];
	if (!orsl) issues.push(issue('ORSL', 'invalid_status', `ORSL "${String(input.ORSL)}" is not a 2-digit M3 status`));
	if (!orst) issues.push(issue('ORST', 'invalid_status', `ORST "${String(input.ORST)}" is not a 2-digit M3 status`));
	if (!orsl || !orst) return fail(issues);
	for (const r of rules) {
		if (inRange(orsl, r.orslMin, r.orslMax) && inRange(orst, r.orstMin, r.orstMax)) {
			const res: M3ToAmazonResult = { ORSL: orsl, ORST: orst, amazonStatus: r.amazon, confirmShipment: r.confirmShipment === true };
			const orno = nonEmpty(input.ORNO);
			if (orno) res.ORNO = orno;
			const cuor = nonEmpty(input.CUOR);
			if (cuor) res.CUOR = cuor;
			return ok(res);
		}
	}
	return fail([issue('ORST', 'status_not_mapped', `No rule maps M3 status ${orsl}/${orst}`)]);
}

export interface AmazonToM3Result extends AmazonToM3Rule {
	amazonStatus: OrderStatusName;
	orderId?: string;
}

/**
 * Input: anything carrying an Amazon status: a 2026 order (fulfillment.fulfillmentStatus), a v0 order (OrderStatus),
 * a canonical order (status), an ORDER_CHANGE summary (OrderStatus) or `{status}`.
 */
export function amazonStatusToM3(input: unknown, table: Record<string, AmazonToM3Rule> = DEFAULT_AMAZON_TO_M3): Result<AmazonToM3Result> {
	if (!isRecord(input)) return fail([issue('', 'invalid_input', 'Expected an object with an Amazon order status')]);
	const o = isRecord(input.order) ? input.order : isRecord(input.payload) ? input.payload : input;
	const raw =
		(isRecord(o.fulfillment) ? o.fulfillment.fulfillmentStatus : undefined) ??
		o.OrderStatus ??
		o.status ??
		(isRecord(o.Summary) ? o.Summary.OrderStatus : undefined);
	const st = normalizeAmazonStatus(raw);
	if (!st) return fail([issue('status', 'unknown_status', `Unknown Amazon order status "${String(raw)}"`)]);
	const rule = table[st];
	if (!rule) return fail([issue('status', 'status_not_mapped', `Amazon status ${st} is not in the status table`)]);
	const res: AmazonToM3Result = { amazonStatus: st, ...rule };
	const id = nonEmpty(o.orderId) ?? nonEmpty(o.AmazonOrderId) ?? (isRecord(o.source) ? nonEmpty(o.source.id) : undefined);
	if (id) res.orderId = id;
	return ok(res);
}

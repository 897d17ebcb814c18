/**
 * FBA (AFN) orders: Amazon picked, packed and shipped them from its own stock. Per template, either skipped (the
 * default: they are booked from Amazon's settlements) or imported into M3 "as shipped" (docs/contracts.md "FBA orders"):
 * the M3 batch order plan of an ordinary order, moved to the FBA warehouse and an order type whose dispatch policy
 * delivers at once (no picking list), with Amazon's shipment data on the order: requested delivery date = the date
 * Amazon shipped, a head text with the fulfillment channel, carrier, ship time and tracking of each package.
 * Never an MFN warehouse: a plan whose FBA warehouse is one of the merchant warehouses is refused.
 */
import type { Order, OrderStatusName } from '../canonical/schemas';
import type { CustomerMapEntry, M3OrderPlan } from './m3Order';
import { fail, isRecord, issue, nonEmpty, ok, type Issue, type Result } from './result';

export type FbaMode = 'skip' | 'importAsShipped';

export interface FbaOptions {
	mode: FbaMode;
	/** M3 warehouse that holds the stock at Amazon (WHLO) */
	warehouse?: string;
	/** M3 order type (ORTP) whose dispatch policy (MWS010) releases, reports picking and issues at Confirm */
	orderType?: string;
}

/** What the M3 side is told about an order imported as shipped (plan.asShipped; the Create node checks it). */
export interface AsShipped {
	channel: 'AFN';
	warehouse: string;
	orderType: string;
	/** ISO date-time Amazon shipped (the latest package), or the order's last update when Amazon gave none */
	shipDate: string;
	/** the lowest M3 line status the order must reach at Confirm: 66 = delivered */
	minStatus: string;
	packages: Array<{ packageReferenceId?: string; carrier?: string; trackingNumber?: string; shipTime?: string; shippingService?: string }>;
}

/** The statuses in which an FBA order is imported: Amazon has shipped all of it (cancelled items are left out). */
export const FBA_IMPORT_STATUSES: OrderStatusName[] = ['SHIPPED'];

export function isFbaStatusToImport(status: OrderStatusName | undefined): boolean {
	return status !== undefined && FBA_IMPORT_STATUSES.includes(status);
}

/** Reads the FBA options; issues name the Settings field to fix. */
export function checkFbaOptions(o: FbaOptions, merchantWarehouses: string[]): Issue[] {
	if (o.mode !== 'importAsShipped') return [];
	const out: Issue[] = [];
	const wh = nonEmpty(o.warehouse);
	if (!wh) out.push(issue('fbaWarehouse', 'fba_warehouse_missing', 'FBA orders are imported as shipped, but no FBA warehouse (fbaWarehouse) is set'));
	else if (wh.length > 3) out.push(issue('fbaWarehouse', 'field_too_long', `FBA warehouse "${wh}" is longer than WHLO (3)`));
	else if (merchantWarehouses.includes(wh)) {
		out.push(issue('fbaWarehouse', 'fba_warehouse_is_mfn', `FBA warehouse ${wh} is also a merchant (MFN) warehouse: FBA orders would take MFN stock; use the warehouse that holds your stock at Amazon`));
	}
	const ortp = nonEmpty(o.orderType);
	if (!ortp) out.push(issue('fbaOrderType', 'fba_order_type_missing', 'FBA orders are imported as shipped, but no order type (fbaOrderType) is set'));
	else if (ortp.length > 3) out.push(issue('fbaOrderType', 'field_too_long', `FBA order type "${ortp}" is longer than ORTP (3)`));
	return out;
}

/** Every merchant warehouse the settings name: head defaults and the customer map's WHLO values. */
export function merchantWarehouses(headDefaults: Record<string, string> | undefined, customerMap: Record<string, CustomerMapEntry>): string[] {
	const out = new Set<string>();
	const hd = nonEmpty(headDefaults?.WHLO);
	if (hd) out.add(hd);
	for (const [k, v] of Object.entries(customerMap ?? {})) {
		// entries for AFN orders may name the FBA warehouse themselves
		if (/:AFN(:|$)/.test(k)) continue;
		const w = typeof v === 'object' && v !== null ? nonEmpty(v.WHLO) : undefined;
		if (w) out.add(w);
	}
	return [...out];
}

function yyyymmdd(iso: string): string | undefined {
	const t = Date.parse(iso);
	if (Number.isNaN(t)) return undefined;
	return new Date(t).toISOString().slice(0, 10).replace(/-/g, '');
}

/** Amazon's packages of a 2026 order (includedData=PACKAGES): carrier, ship time, tracking. */
function amazonPackages(raw: unknown): AsShipped['packages'] {
	const o = isRecord(raw) && isRecord(raw.order) ? raw.order : raw;
	if (!isRecord(o) || !Array.isArray(o.packages)) return [];
	const out: AsShipped['packages'] = [];
	for (const p of o.packages) {
		if (!isRecord(p)) continue;
		const status = isRecord(p.packageStatus) ? nonEmpty(p.packageStatus.status) : undefined;
		if (status === 'CANCELLED') continue;
		const x: AsShipped['packages'][number] = {};
		for (const k of ['packageReferenceId', 'carrier', 'trackingNumber', 'shipTime', 'shippingService'] as const) {
			const v = nonEmpty(p[k]);
			if (v) x[k] = v;
		}
		out.push(x);
	}
	return out;
}

/**
 * The plan of an ordinary order (canonicalOrderToM3Plan) turned into an FBA order imported as shipped.
 * `raw` is Amazon's order as getOrder returned it (packages with carrier and ship time).
 */
export function fbaAsShippedPlan(order: Order, plan: M3OrderPlan, o: FbaOptions, merchant: string[], raw?: unknown): Result<M3OrderPlan> {
	const issues = checkFbaOptions(o, merchant);
	if (order.fulfillmentChannel !== 'AMAZON') issues.push(issue('fulfillment.fulfilledBy', 'not_fba', `Order ${order.source.id} is fulfilled by the merchant, not by Amazon`));
	if (!isFbaStatusToImport(order.status)) issues.push(issue('fulfillment.fulfillmentStatus', 'fba_not_shipped', `FBA order ${order.source.id} is ${order.status}: only orders Amazon has shipped are imported`));
	if (issues.length) return fail(issues);
	const warehouse = nonEmpty(o.warehouse) as string;
	const orderType = nonEmpty(o.orderType) as string;
	const packages = amazonPackages(raw);
	const times = packages.map((p) => p.shipTime).filter((t): t is string => !!t && !Number.isNaN(Date.parse(t)));
	times.sort((a, b) => Date.parse(a) - Date.parse(b));
	const shipDate = times[times.length - 1] ?? order.lastUpdated ?? order.orderDate;

	// quantities Amazon shipped (a SHIPPED order's items: ordered minus cancelled)
	const shipped = new Map<string, string>();
	for (const l of order.lines) if (l.quantityShipped) shipped.set(l.lineId, l.quantityShipped.value);
	const lines: Array<Record<string, string>> = [];
	for (const l of plan.lines) {
		const q = shipped.get(l.CUOR ?? '');
		if (q === '0') continue;
		const line: Record<string, string> = { ...l, WHLO: warehouse };
		if (q !== undefined && Number(q) < Number(l.ORQT)) line.ORQT = q;
		const d = yyyymmdd(shipDate);
		if (d) line.DWDT = d;
		lines.push(line);
	}
	if (!lines.length) return fail([issue('lines', 'no_lines', `FBA order ${order.source.id} has no shipped quantity left to invoice`)]);
	const head: Record<string, string> = { ...plan.head, WHLO: warehouse, ORTP: orderType };
	const d = yyyymmdd(shipDate);
	if (d) head.RLDT = d;
	const texts = [
		...plan.texts,
		{ type: 'head' as const, text: `Fulfilled by Amazon (AFN), shipped ${shipDate}` },
		...packages.map((p) => ({
			type: 'head' as const,
			text: ['Amazon package', p.packageReferenceId, p.carrier, p.shippingService, p.shipTime, p.trackingNumber ? `tracking ${p.trackingNumber}` : 'no tracking'].filter(Boolean).join(' '),
		})),
	];
	const asShipped: AsShipped = { channel: 'AFN', warehouse, orderType, shipDate, minStatus: '66', packages };
	return ok({ ...plan, head, lines, texts, asShipped } as M3OrderPlan & { asShipped: AsShipped });
}

/**
 * FBA orders imported as shipped (docs/contracts.md "FBA orders"): the order is entered like any other (batch entry,
 * CUSEXTMI key record per CUOR, so replays never enter it twice), in the FBA warehouse with an order type whose dispatch
 * policy (MWS010) releases, reports picking and issues the stock at Confirm. Two checks around it:
 *  - before: every line and the head name the FBA warehouse (nothing can allocate or pick merchant stock);
 *  - after: M3 really delivered it (OIS100MI/GetHead, lowest line status ORSL >= 66). When the order type is not set up
 *    that way the order stays open in the FBA warehouse and the item fails with FBA_NOT_DELIVERED, naming the order
 *    type to fix; a replay finds the same order (never a second) and checks again.
 */
import type { M3Client } from './client';
import { M3Error } from './errors';
import { M3OrderError } from './orderFailure';
import type { Exec } from './orderKey';
import type { BatchOrderPlan, CreateOrderResult } from './orderPlan';

export const FBA_NOT_DELIVERED = 'FBA_NOT_DELIVERED';

export interface AsShippedPlan {
	channel?: string;
	warehouse: string;
	orderType: string;
	shipDate?: string;
	minStatus?: string;
	packages?: unknown[];
}

function s(v: unknown): string {
	return v === undefined || v === null ? '' : String(v).trim();
}

/** The plan's asShipped part when it is one (an FBA order), else undefined. */
export function asShippedOf(plan: unknown): AsShippedPlan | undefined {
	if (typeof plan !== 'object' || plan === null) return undefined;
	const a = (plan as { asShipped?: unknown }).asShipped;
	if (typeof a !== 'object' || a === null) return undefined;
	return a as AsShippedPlan;
}

/** Before anything is written: the FBA warehouse and order type everywhere, so no merchant stock is touched. */
export function checkAsShippedPlan(plan: BatchOrderPlan, a: AsShippedPlan): void {
	const wh = s(a.warehouse);
	const bad = (message: string, field: string) => new M3Error(message, { program: 'OIS100MI', transaction: 'AddBatchLine', field, kind: 'input' });
	if (!wh) throw bad('asShipped.warehouse (the FBA warehouse) is missing', 'WHLO');
	if (!s(a.orderType)) throw bad('asShipped.orderType (the order type that delivers without picking) is missing', 'ORTP');
	if (s(plan.head.WHLO) !== wh) throw bad(`An FBA order must be entered in the FBA warehouse ${wh}, head.WHLO is "${s(plan.head.WHLO)}"`, 'WHLO');
	if (s(plan.head.ORTP) !== s(a.orderType)) throw bad(`An FBA order must have order type ${s(a.orderType)}, head.ORTP is "${s(plan.head.ORTP)}"`, 'ORTP');
	plan.lines.forEach((l, i) => {
		if (s(l.WHLO) !== wh) throw bad(`lines[${i}] of an FBA order must name the FBA warehouse ${wh} (WHLO "${s(l.WHLO)}")`, 'WHLO');
	});
}

/**
 * After the create (or when the order already existed): M3 delivered it. Reads the head once; adds `asShipped` to the
 * result or throws FBA_NOT_DELIVERED.
 */
export async function checkDelivered(client: M3Client, result: CreateOrderResult, a: AsShippedPlan, exec: Exec): Promise<CreateOrderResult & { asShipped: IDelivered }> {
	const min = s(a.minStatus) || '66';
	const head = await client.find('OIS100MI', 'GetHead', { ORNO: result.ORNO }, exec);
	const orsl = s(head?.ORSL);
	const orst = s(head?.ORST);
	if (head) result.status = { ORSL: orsl, ORST: orst };
	if (!head || !(orsl >= min)) {
		const why = head ? `its lowest line status is ${orsl || '?'} (highest ${orst || '?'})` : 'M3 does not return its head';
		throw new M3OrderError(
			`FBA order ${result.CUOR} was ${result.created ? 'entered' : 'found'} in M3 as order ${result.ORNO}, but M3 did not deliver it: ${why}, ` +
				`not ${min} (delivered). Order type ${s(a.orderType)} must have a dispatch policy (MWS010) that releases, reports the picking list and issues ` +
				`at once, and warehouse ${s(a.warehouse)} must hold the stock. Fix the set-up, report the delivery of order ${result.ORNO} in M3, then replay: ` +
				'the same order is checked again, never entered twice.',
			{
				program: 'OIS100MI',
				transaction: 'GetHead',
				code: FBA_NOT_DELIVERED,
				kind: 'nok',
				reasons: [{ source: 'GetHead', message: why, code: FBA_NOT_DELIVERED }],
				batchOrderNumber: result.batchOrderNumber,
				orderNumber: result.ORNO,
			},
		);
	}
	return { ...result, asShipped: { channel: s(a.channel) || 'AFN', warehouse: s(a.warehouse), orderType: s(a.orderType), shipDate: s(a.shipDate), delivered: true } };
}

export interface IDelivered {
	channel: string;
	warehouse: string;
	orderType: string;
	shipDate: string;
	delivered: true;
}

import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { CustomerMapEntry } from '../../../shared/mapping/m3Order';
import { refundsToM3Returns, type RestockSettings, type ReturnOptions } from '../../../shared/mapping/returns';
import { guardBatch, inputOf, invalidItem, parameterProblem, validItem, type OperationOutput } from '../common';
import { params } from '../../../shared/execution';

const properties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{ name: 'M3 Customer Return (Credit Note by M3)', value: 'm3Return', description: 'A refund of an order M3 invoiced becomes an M3 customer return; payments-to-GL clears the receivable' },
			{ name: 'GL Only (No M3 Return)', value: 'glOnly', description: 'Nothing is created in M3; payments-to-GL books every refund (accounting.orderRefunds "gl")' },
		],
		default: 'm3Return',
	},
	{
		displayName: 'Customer Map (JSON)',
		name: 'customerMap',
		type: 'json',
		default: '{\n  "ATVPDKIKX0DER": { "CUNO": "AMZUS01" }\n}',
		description: 'The same customer map as "Amazon Order to M3 Customer Order": the M3 order is found by its customer and the Amazon order ID',
	},
	{
		displayName: 'Roads (JSON)',
		name: 'roads',
		type: 'json',
		default: '{ "MFN": "order", "AFN": "settlement" }',
		description: 'The same roads as payments-to-GL\'s accounting: refunds on the "order" road (M3 invoiced the order) get an M3 return, refunds on the "settlement" road are left to payments-to-GL',
	},
	{
		displayName: 'Restock (JSON)',
		name: 'restock',
		type: 'json',
		default:
			'{\n  "mode": "disposition",\n  "warehouse": "",\n  "location": "",\n  "reasonCode": "",\n  "scrapLocation": "SCRAP",\n  "scrapReasonCode": "",\n  "dispositions": { "SELLABLE": "restock", "*": "scrap" },\n  "notReturned": "scrap"\n}',
		description:
			'Restock decision per returned line: mode "restock" / "scrap" / "disposition" (FBA detailed disposition or the return reason, "*" = any other), receiving warehouse (empty = the order line\'s; fbaWarehouse for FBA orders), location and reason code of restocked and of scrapped lines',
	},
	{
		displayName: 'Wait for Return (Days)',
		name: 'waitForReturnDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 14,
		description: 'A refund whose item is not in a returns report yet waits this long (the next runs look again), then is credited as not returned',
	},
	{
		displayName: 'Credit Price',
		name: 'creditPrice',
		type: 'options',
		options: [
			{ name: "Amazon's Refund per Unit", value: 'amazonRefund' },
			{ name: "M3's Price of the Order Line", value: 'm3Order' },
		],
		default: 'amazonRefund',
		description: 'Sales price (SAPR) on the return line: what Amazon refunded (net product charges per unit) or left empty so M3 takes the order line\'s price',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['finance'], operation: ['amazonToM3Returns'] } }, properties);

/**
 * Every input item at once: Finances Refund transactions and rows of Amazon's returns reports (MFN flat file or FBA
 * customer returns), in any order. One M3 return per refund on the order road; refunds still waiting for their
 * returned items, and refunds left to payments-to-GL, give no output.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<OperationOutput> {
	const out: OperationOutput = { valid: [], invalid: [] };
	const p = params(this, 0);
	if (items.length === 0) return out;
	let o: ReturnOptions;
	try {
		o = {
			mode: p.str('mode', 'm3Return') as ReturnOptions['mode'],
			customerMap: p.json<Record<string, CustomerMapEntry>>('customerMap', { fallback: {}, cache: true }),
			roads: p.json<NonNullable<ReturnOptions['roads']>>('roads', { fallback: {}, cache: true }),
			restock: p.json<RestockSettings>('restock', { fallback: {}, cache: true }),
			waitForReturnDays: p.num('waitForReturnDays') ?? 14,
			creditPrice: p.str('creditPrice', 'amazonRefund') as ReturnOptions['creditPrice'],
		};
	} catch (e) {
		parameterProblem(this, e, 0, undefined, out);
		return out;
	}
	const inputs = items.map((it, i) => inputOf(this, it, i));
	const r = guardBatch(() => refundsToM3Returns(inputs, o), items, out);
	if (!r) return out;
	const indexOf = (v: unknown) => Math.max(0, inputs.indexOf(v));
	for (const bad of r.invalid) out.invalid.push(invalidItem(bad.issues, bad.input, indexOf(bad.input)));
	for (const plan of r.plans) {
		const i = inputs.findIndex((v) => (v as { transactionId?: unknown } | null)?.transactionId === plan.source.id);
		out.valid.push(validItem(plan, Math.max(0, i)));
	}
	return out;
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { failureItem, params } from '../../../shared/execution';
import { closedOrdersByNumber, selectClosedOrders, type ClosedOrdersOptions, type ClosedOrdersResult } from '../../../shared/m3/closedOrders';
import { optionsProperty, show, type OperationContext } from '../common';

const R = 'customerOrder';
const O = 'getClosed';

export const description: INodeProperties[] = [
	{
		displayName: 'Select',
		name: 'closedSelection',
		type: 'options',
		options: [
			{
				name: 'Changed Orders (Watermark in M3)',
				value: 'changedOrders',
				description: 'Orders whose M3 change timestamp passed the watermark kept in M3 (EXPORTMI on OOHEAD): cost grows with new changes, not with history',
			},
			{ name: 'Order Numbers', value: 'orderNumbers', description: 'The orders named (replays)' },
		],
		default: 'changedOrders',
		displayOptions: show(R, O),
	},
	{
		displayName: 'Order Numbers (ORNO)',
		name: 'orderNumber',
		type: 'string',
		default: '',
		description: 'Comma-separated M3 order numbers',
		displayOptions: { show: { ...show(R, O).show, closedSelection: ['orderNumbers'] } },
	},
	{
		displayName: 'Customer Numbers (CUNO)',
		name: 'customerNumbers',
		type: 'string',
		default: '',
		description: 'Comma-separated Amazon customers; empty = every order with a customer order reference (CUOR)',
		displayOptions: show(R, O),
	},
	optionsProperty(R, O, [
		{
			displayName: 'Watermark Table (FILE)',
			name: 'markFile',
			type: 'string',
			default: 'OOHEAD',
			description: 'CUSEXTMI table of the watermark record (PK01 AMZCANWM, PK02 = the watermark key)',
		},
		{
			displayName: 'Order Key Table (FILE)',
			name: 'keyFile',
			type: 'string',
			default: 'OOHEAD',
			description: 'CUSEXTMI table of the order key records Create writes: an order showing fewer lines than its import entered had a line deleted (also the last one). Empty = do not compare.',
		},
		{
			displayName: 'Watermark Key',
			name: 'watermarkKey',
			type: 'string',
			default: 'DEFAULT',
			description: 'Name of the watermark in M3 (one per workflow that selects changed orders)',
		},
		{
			displayName: 'Start From (LMTS)',
			name: 'startFrom',
			type: 'string',
			default: '',
			description: 'M3 change timestamp the first run starts from, when M3 has no watermark yet. Empty = every order (set it on a tenant with history).',
		},
		{
			displayName: 'EXPORTMI Page Size',
			name: 'pageSize',
			type: 'number',
			default: 5000,
			typeOptions: { minValue: 10 },
			description: 'Order heads read per EXPORTMI request',
		},
	]),
];

function options(this: IExecuteFunctions, i: number): ClosedOrdersOptions {
	const p = params(this, i);
	const o = p.options();
	return {
		markFile: o.str('markFile', 'OOHEAD'),
		watermarkKey: o.str('watermarkKey', 'DEFAULT'),
		customers: p.list('customerNumbers', { dedupe: true }),
		pageSize: o.num('pageSize', 5000, { min: 10 }),
		startFrom: o.str('startFrom'),
		// set but empty = do not compare
		keyFile: o.has('keyFile') ? o.str('keyFile') : 'OOHEAD',
		company: o.str('company') || undefined,
		division: o.str('division') || undefined,
	};
}

/** One item per order with lines closed without delivery; orders that could not be read as failure items. */
function toItems(ctx: IExecuteFunctions, i: number, r: ClosedOrdersResult, input: IDataObject): INodeExecutionData[] {
	const summary: IDataObject = { emitted: r.orders.length, failed: r.failed.length, unchanged: r.unchanged, ...(r.watermark ? { watermark: r.watermark as unknown as IDataObject } : {}) };
	const out: INodeExecutionData[] = r.orders.map((o) => ({ json: { ...(o as unknown as IDataObject), selection: summary }, pairedItem: { item: i } }));
	for (const f of r.failed) {
		out.push(
			failureItem(
				{ message: `Order ${f.ORNO}: ${f.message}`, system: 'm3', kind: 'nok', retryable: true, fields: { ORNO: f.ORNO, code: f.code } },
				{ node: ctx.getNode().name, operation: `${R}.${O}`, input, itemIndex: i },
			),
		);
	}
	return out;
}

export async function execute(this: IExecuteFunctions, { client, i, item }: OperationContext): Promise<INodeExecutionData[]> {
	const selection = params(this, i).str('closedSelection') || 'changedOrders';
	if (selection === 'changedOrders') return toItems(this, i, await selectClosedOrders(client, options.call(this, i)), item.json);
	const orders = params(this, i).list('orderNumber', { dedupe: true });
	if (!orders.length) throw new NodeOperationError(this.getNode(), 'Order Numbers (ORNO) is required', { itemIndex: i, description: 'M3 field ORNO' });
	return toItems(this, i, await closedOrdersByNumber(client, orders, options.call(this, i)), item.json);
}

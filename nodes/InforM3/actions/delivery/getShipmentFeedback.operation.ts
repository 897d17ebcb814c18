import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { failureItem, params } from '../../../shared/execution';
import {
	selectChangedDeliveries,
	selectDeliveriesOfOrders,
	type SelectionOptions,
	type SelectionResult,
} from '../../../shared/m3';
import { optionsProperty, show, type OperationContext } from '../common';
import { packageLevelOption } from './getPackages.operation';
import { shipmentFeedback } from './helpers';

const R = 'delivery';
const O = 'getShipmentFeedback';

const SELECTED = ['changedDeliveries', 'orderNumbers'];

export const markFileOption: INodeProperties = {
	displayName: 'Mark File (CUSEXTMI FILE)',
	name: 'markFile',
	type: 'string',
	default: 'MHDISH',
	description:
		'CUSEXTMI table that keeps, per delivery, the lasting "confirmed to Amazon" mark, the queue of deliveries waiting to be confirmed and the watermark (docs/contracts.md "Shipment feedback")',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Deliveries',
		name: 'orderSelection',
		type: 'options',
		options: [
			{
				name: 'Changed Since the Watermark (Schedule)',
				value: 'changedDeliveries',
				description:
					'Issued deliveries whose M3 change timestamp is past the watermark kept in M3 (EXPORTMI on MHDISH), plus those waiting in the queue. One item per delivery; cost grows with new deliveries, not with history.',
			},
			{
				name: 'Of Order Numbers',
				value: 'orderNumbers',
				description: 'The deliveries of the orders named (e.g. by a Sync.Shipment BOD)',
			},
			{
				name: 'Shipped Orders of Customers (Reads Every Order)',
				value: 'shippedOrders',
				description:
					'Every order of the customers with a line at or past the shipped status (OIS100MI/LstHead): reads the whole order history on every run, for small tenants only',
			},
		],
		default: 'orderNumbers',
		displayOptions: show(R, O),
	},
	{
		displayName: 'Order Numbers (ORNO)',
		name: 'orderNumber',
		type: 'string',
		default: '',
		description: 'One order number, or several separated by commas',
		displayOptions: { show: { resource: [R], operation: [O], orderSelection: ['orderNumbers'] } },
	},
	{
		displayName: 'Customer Numbers (CUNO)',
		name: 'customerNumbers',
		type: 'string',
		default: '',
		placeholder: 'AMZUS01,AMZDE01',
		description: 'Comma-separated customers whose deliveries are confirmed (the M3 customers of the Amazon marketplaces); empty = any customer',
		displayOptions: { show: { resource: [R], operation: [O], orderSelection: ['shippedOrders', ...SELECTED] } },
	},
	{
		displayName: 'Issued From Status (PGRS)',
		name: 'issuedFrom',
		type: 'string',
		default: '60',
		description:
			'Lowest delivery progress status (MHDISH PGRS) of an issued (shipped) delivery. Deliveries below it are not confirmed, tracking number or not. docs/contracts.md names the sources for 60.',
		displayOptions: { show: { resource: [R], operation: [O], orderSelection: SELECTED } },
	},
	{
		displayName: 'One Item per Delivery',
		name: 'perDelivery',
		type: 'boolean',
		default: true,
		description:
			'Whether each issued delivery not confirmed yet is its own item (skipping deliveries marked confirmed, queueing the others until confirmed); off = one item per order with all its deliveries, as read',
		displayOptions: { show: { resource: [R], operation: [O], orderSelection: ['orderNumbers'] } },
	},
	{
		displayName: 'Shipped From Status (ORST)',
		name: 'lowestStatus',
		type: 'string',
		default: '66',
		description: 'Highest line status (ORST) from which an order has something shipped (66 = delivered, 77 = invoiced)',
		displayOptions: { show: { resource: [R], operation: [O], orderSelection: ['shippedOrders'] } },
	},
	optionsProperty(R, O, [
		packageLevelOption,
		markFileOption,
		{
			displayName: 'Give Up After (Runs)',
			name: 'maxAttempts',
			type: 'number',
			default: 48,
			typeOptions: { minValue: 1 },
			description:
				'A delivery selected this many times without being confirmed (e.g. no tracking number, Amazon refusing it) is marked FAILED, leaves the queue and is reported once more as a failed item',
		},
		{
			displayName: 'Skip Warehouses',
			name: 'skipWarehouses',
			type: 'string',
			default: '',
			placeholder: 'e.g. FBA',
			description: 'Comma-separated warehouses whose deliveries are never confirmed to Amazon (the FBA warehouse: Amazon shipped those orders)',
		},
		{
			displayName: 'Watermark Key',
			name: 'watermarkKey',
			type: 'string',
			default: 'DEFAULT',
			description: 'Name of the watermark in M3 (one per workflow that selects changed deliveries)',
		},
		{
			displayName: 'Start From (LMTS)',
			name: 'startFrom',
			type: 'string',
			default: '',
			description:
				'M3 change timestamp the first run starts from, when M3 has no watermark yet. Empty = every delivery of M3 (set it on a tenant with history).',
		},
		{
			displayName: 'EXPORTMI Page Size',
			name: 'pageSize',
			type: 'number',
			default: 5000,
			typeOptions: { minValue: 10 },
			description: 'Deliveries read per EXPORTMI request',
		},
	]),
];

export function selectionOptions(this: IExecuteFunctions, i: number): SelectionOptions {
	const p = params(this, i);
	const o = p.options();
	const issuedFrom = p.str('issuedFrom', '60');
	if (!/^\d{1,2}$/.test(issuedFrom)) {
		throw new NodeOperationError(this.getNode(), `Issued From Status (PGRS) "${issuedFrom}" must be a delivery status like 60`, { itemIndex: i });
	}
	return {
		markFile: o.str('markFile', 'MHDISH'),
		issuedFrom: issuedFrom.padStart(2, '0'),
		customers: p.list('customerNumbers', { dedupe: true }),
		packageLevel: o.str('packageLevel', '0'),
		maxAttempts: o.num('maxAttempts', 48, { min: 1 }),
		watermarkKey: o.str('watermarkKey', 'DEFAULT'),
		pageSize: o.num('pageSize', 5000, { min: 10 }),
		startFrom: o.str('startFrom'),
		skipWarehouses: o.list('skipWarehouses', { dedupe: true }),
		company: o.str('company') || undefined,
		division: o.str('division') || undefined,
	};
}

/** Selected deliveries as output items: one per delivery; failed deliveries as failure items (error output). */
function toItems(ctx: IExecuteFunctions, i: number, r: SelectionResult, input: IDataObject): INodeExecutionData[] {
	const summary: IDataObject = {
		emitted: r.deliveries.length,
		failed: r.failed.length,
		skipped: r.skipped.length,
		skippedNotIssued: r.skipped.filter((s) => s.reason === 'not_issued').map((s) => `${s.DLIX}:${s.PGRS ?? ''}`),
		...(r.watermark ? { watermark: r.watermark as unknown as IDataObject } : {}),
	};
	const out: INodeExecutionData[] = r.deliveries.map((d) => ({ json: { ...(d as unknown as IDataObject), selection: summary }, pairedItem: { item: i } }));
	for (const f of r.failed) {
		out.push(
			failureItem(
				{
					message: `Delivery ${f.DLIX} (order ${f.ORNO}): ${f.message}`,
					system: 'm3',
					kind: f.code === 'pgrs_not_delivered' || f.code === 'gave_up' ? 'invalid' : 'nok',
					retryable: f.code !== 'gave_up',
					fields: { DLIX: f.DLIX, ORNO: f.ORNO, code: f.code, ...(f.delivery ? { delivery: f.delivery as unknown as IDataObject } : {}) },
				},
				{ node: ctx.getNode().name, operation: `${R}.${O}`, input, itemIndex: i },
			),
		);
	}
	return out;
}

/**
 * Changed / of orders: one item per delivery to confirm (docs/contracts.md "M3 shipment feedback (per delivery)"), failed
 * deliveries as failure items. Shipped orders of customers, or of orders with One Item per Delivery off: one item per
 * order with all its deliveries as read (docs/contracts.md "M3 shipment feedback").
 */
export async function execute(this: IExecuteFunctions, { client, i, item }: OperationContext): Promise<IDataObject[] | INodeExecutionData[]> {
	const level = String(params(this, i).collection().packageLevel ?? '0') || '0';
	const selection = params(this, i).str('orderSelection') || 'orderNumbers';
	if (selection === 'changedDeliveries') {
		return toItems(this, i, await selectChangedDeliveries(client, selectionOptions.call(this, i)), item.json);
	}
	let orders: string[];
	if (selection === 'shippedOrders') {
		const customers = params(this, i).list('customerNumbers', { dedupe: true });
		if (!customers.length) {
			throw new NodeOperationError(this.getNode(), 'Customer Numbers (CUNO) must name at least one customer', { itemIndex: i });
		}
		const from = params(this, i).str('lowestStatus') || '66';
		orders = [];
		for (const CUNO of customers) {
			// LstHead's status inputs filter on the lowest status (ORSL); a partly delivered order has ORSL below 66
			// and ORST at 66, so the highest status is compared here
			const heads = await client.list('OIS100MI', 'LstHead', { CUNO });
			for (const h of heads) if (String(h.ORST ?? '') >= from) orders.push(String(h.ORNO));
		}
	} else {
		orders = params(this, i).list('orderNumber', { dedupe: true });
		if (!orders.length) {
			throw new NodeOperationError(this.getNode(), 'Order Number (ORNO) is required', { itemIndex: i, description: 'M3 field ORNO' });
		}
		if (this.getNodeParameter('perDelivery', i, true) as boolean) {
			return toItems(this, i, await selectDeliveriesOfOrders(client, orders, selectionOptions.call(this, i)), item.json);
		}
	}
	const out: IDataObject[] = [];
	for (const ORNO of orders) out.push((await shipmentFeedback(client, ORNO, level)) as unknown as IDataObject);
	return out;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getOptions, optionsProperty, show, str, type OperationContext } from '../common';
import { packageLevelOption } from './getPackages.operation';
import { shipmentFeedback } from './helpers';

const R = 'delivery';
const O = 'getShipmentFeedback';

export const description: INodeProperties[] = [
	{
		displayName: 'Orders',
		name: 'orderSelection',
		type: 'options',
		options: [
			{ name: 'By Order Numbers', value: 'orderNumbers', description: 'The orders named (e.g. from a Sync.Shipment BOD)' },
			{
				name: 'Shipped Orders of Customers',
				value: 'shippedOrders',
				description: 'Every order of the customers with a line at or past the shipped status, partial deliveries included (OIS100MI/LstHead)',
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
		description: 'Comma-separated customers whose shipped orders are read (e.g. the M3 customers of the Amazon marketplaces)',
		displayOptions: { show: { resource: [R], operation: [O], orderSelection: ['shippedOrders'] } },
	},
	{
		displayName: 'Shipped From Status (ORST)',
		name: 'lowestStatus',
		type: 'string',
		default: '66',
		description: 'Highest line status (ORST) from which an order has something shipped (66 = delivered, 77 = invoiced)',
		displayOptions: { show: { resource: [R], operation: [O], orderSelection: ['shippedOrders'] } },
	},
	optionsProperty(R, O, [packageLevelOption]),
];

function list(v: string): string[] {
	return [...new Set(v.split(',').map((s) => s.trim()).filter(Boolean))];
}

/**
 * One item per order: head + deliveries (head, lines with the order line CUOR, packages). Shape: docs/contracts.md.
 * Orders come from the order numbers given, or from the customers' orders at the shipped status or above.
 */
export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject[]> {
	const level = String(getOptions.call(this, i).packageLevel ?? '0') || '0';
	const selection = str.call(this, 'orderSelection', i) || 'orderNumbers';
	let orders: string[];
	if (selection === 'shippedOrders') {
		const customers = list(str.call(this, 'customerNumbers', i));
		if (!customers.length) {
			throw new NodeOperationError(this.getNode(), 'Customer Numbers (CUNO) must name at least one customer', { itemIndex: i });
		}
		const from = str.call(this, 'lowestStatus', i) || '66';
		orders = [];
		for (const CUNO of customers) {
			// LstHead's status inputs filter on the lowest status (ORSL); a partly delivered order has ORSL below 66
			// and ORST at 66, so the highest status is compared here
			const heads = await client.list('OIS100MI', 'LstHead', { CUNO });
			for (const h of heads) if (String(h.ORST ?? '') >= from) orders.push(String(h.ORNO));
		}
	} else {
		orders = list(str.call(this, 'orderNumber', i));
		if (!orders.length) {
			throw new NodeOperationError(this.getNode(), 'Order Number (ORNO) is required', { itemIndex: i, description: 'M3 field ORNO' });
		}
	}
	const out: IDataObject[] = [];
	for (const ORNO of orders) out.push((await shipmentFeedback(client, ORNO, level)) as unknown as IDataObject);
	return out;
}

import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { amazonOrderToM3Cancellation } from '../../../shared/mapping/cancellation';
import type { CustomerMapEntry } from '../../../shared/mapping/m3Order';
import { inputFieldProperty, perItem, type OperationOutput } from '../common';
import { params } from '../../../shared/execution';

const properties: INodeProperties[] = [
	inputFieldProperty,
	{
		displayName: 'Customer Map (JSON)',
		name: 'customerMap',
		type: 'json',
		default: '{\n  "ATVPDKIKX0DER": { "CUNO": "AMZUS01" }\n}',
		description: 'The same customer map as "Amazon Order to M3 Customer Order": the M3 order is found by its customer and the Amazon order ID',
	},
	{
		displayName: 'Quantity Unit',
		name: 'unit',
		type: 'string',
		default: 'EA',
		description: 'Unit of measure put on canonical quantities',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['amazonToM3Cancellation'] } }, properties);

const NOTHING = Symbol('nothing to cancel');

/** One cancellation per Amazon order with cancelled items; orders with none (and FBA orders) give no output. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<OperationOutput> {
	return await perItem<unknown>(
		this,
		items,
		(input, i) => {
			const customerMap = params(this, i).json<Record<string, CustomerMapEntry>>('customerMap', { fallback: {}, cache: true });
			const r = amazonOrderToM3Cancellation(input, { customerMap }, { unit: params(this, i).str('unit', 'EA') });
			if (!r.ok) return r;
			return { ok: true, value: r.value ?? NOTHING };
		},
		(value) => (value === NOTHING ? [] : value),
	);
}

import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { compareQuantities } from '../../../shared/mapping/inventory';
import { perItem, type OperationOutput } from '../common';
import { params } from '../../../shared/execution';
import { safetyBufferFields, safetyBufferOf } from './buffer';

/** Per item: Amazon's quantity of a SKU against what the sync would send from the M3 figure (reconciliation report). */
const properties: INodeProperties[] = [
	{ displayName: 'SKU', name: 'sku', type: 'string', default: '={{ $json.sku }}', description: 'Amazon seller SKU of the item' },
	{
		displayName: 'M3 Figure',
		name: 'm3Available',
		type: 'string',
		default: '',
		placeholder: "={{ $('M3 balances').item.json.AV01 }}",
		description: 'The M3 quantity the sync uses for this SKU (e.g. AV01 of its balance), before buffer and clamp',
	},
	{
		displayName: 'Amazon Quantity',
		name: 'amazonQuantity',
		type: 'string',
		default: '',
		placeholder: '={{ $json.fulfillmentAvailability?.[0]?.quantity }}',
		description: 'The quantity Amazon shows (MFN: listing fulfillmentAvailability; AFN: FBA fulfillable quantity). Empty = none.',
	},
	{ displayName: 'Last Sync', name: 'lastSync', type: 'string', default: '', description: 'Shown in the report (e.g. the listing last updated date)' },
	{
		displayName: 'Leave Out',
		name: 'leaveOut',
		type: 'boolean',
		default: false,
		description:
			'Whether this SKU is left out of the report, e.g. an expression that is true for FBA listings (an Amazon fulfillment channel), whose stock is Amazon\'s count',
	},
	...safetyBufferFields,
	{
		displayName: 'Only Differences',
		name: 'onlyDifferences',
		type: 'boolean',
		default: true,
		description: 'Whether SKUs whose Amazon quantity already equals the expected one are left out of the report',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['inventory'], operation: ['compare'] } }, properties);

const IN_SYNC = Symbol('inSync');

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<OperationOutput> {
	return await perItem<unknown>(
		this,
		items,
		(_input, i) => {
			if (this.getNodeParameter('leaveOut', i, false) === true) return { ok: true, value: IN_SYNC };
			const r = compareQuantities(
				{
					sku: this.getNodeParameter('sku', i, ''),
					m3Available: this.getNodeParameter('m3Available', i, ''),
					amazonQuantity: this.getNodeParameter('amazonQuantity', i, ''),
					lastSync: this.getNodeParameter('lastSync', i, ''),
				},
				safetyBufferOf(params(this, i)),
			);
			if (r.ok && r.value.inSync && (this.getNodeParameter('onlyDifferences', i, true) as boolean)) return { ok: true, value: IN_SYNC };
			return r;
		},
		(v) => (v === IN_SYNC ? [] : v),
	);
}

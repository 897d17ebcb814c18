import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { DEFAULT_M3_TO_AMAZON, m3StatusToAmazon, type M3ToAmazonRule } from '../../../shared/mapping/status';
import { inputFieldProperty, perItem, type OperationOutput } from '../common';
import { params } from '../../../shared/execution';

const properties: INodeProperties[] = [
	inputFieldProperty,
	{
		displayName: 'Status Rules (JSON)',
		name: 'm3ToAmazonRules',
		type: 'json',
		default: JSON.stringify(DEFAULT_M3_TO_AMAZON, null, 2),
		description: 'Ordered rules on ORSL (lowest) and ORST (highest) line status ranges; the first match gives the Amazon status',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['status'], operation: ['m3ToAmazon'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<OperationOutput> {
	return await perItem(this, items, (input, i) =>
		m3StatusToAmazon(input, params(this, i).json<M3ToAmazonRule[]>('m3ToAmazonRules', { shape: 'array', fallback: DEFAULT_M3_TO_AMAZON, cache: true })),
	);
}

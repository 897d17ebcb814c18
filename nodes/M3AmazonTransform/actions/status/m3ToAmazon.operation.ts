import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { DEFAULT_M3_TO_AMAZON, m3StatusToAmazon, type M3ToAmazonRule } from '../../../shared/mapping/status';
import { inputFieldProperty, jsonParam, perItem, type OperationOutput } from '../common';

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
		m3StatusToAmazon(input, jsonParam<M3ToAmazonRule[]>(this, 'm3ToAmazonRules', i, DEFAULT_M3_TO_AMAZON, 'array')),
	);
}

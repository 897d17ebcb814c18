import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { amazonStatusToM3, DEFAULT_AMAZON_TO_M3, type AmazonToM3Rule } from '../../../shared/mapping/status';
import { inputFieldProperty, perItem, type OperationOutput } from '../common';
import { params } from '../../../shared/execution';

const properties: INodeProperties[] = [
	inputFieldProperty,
	{
		displayName: 'Status Table (JSON)',
		name: 'amazonToM3Table',
		type: 'json',
		default: JSON.stringify(DEFAULT_AMAZON_TO_M3, null, 2),
		description: 'Amazon status (2026-01-01 names; v0 names are translated) to {action: create|wait|cancel|ignore|none, ORSL, ORST}',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['status'], operation: ['amazonToM3'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<OperationOutput> {
	return await perItem(this, items, (input, i) =>
		amazonStatusToM3(input, params(this, i).json<Record<string, AmazonToM3Rule>>('amazonToM3Table', { fallback: DEFAULT_AMAZON_TO_M3, cache: true })),
	);
}

import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { amazonOrderToCanonical } from '../../../shared/mapping/amazonOrder';
import { canonicalOrderToM3Plan } from '../../../shared/mapping/m3Order';
import { inputFieldProperty, perItem, type OperationOutput } from '../common';
import { amazonOrderProperties, readAmazonOptions } from './amazonOptions';
import { m3PlanProperties, readM3Options } from './m3Options';

const properties: INodeProperties[] = [inputFieldProperty, ...amazonOrderProperties, ...m3PlanProperties];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['amazonToM3'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<OperationOutput> {
	return await perItem(this, items, (input, i) => {
		const c = amazonOrderToCanonical(input, readAmazonOptions(this, i));
		if (!c.ok) return c;
		const raw = input !== null && typeof input === 'object' && 'order' in (input as object) ? (input as { order: unknown }).order : input;
		return canonicalOrderToM3Plan(c.value, readM3Options(this, i), raw);
	});
}

import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { amazonOrderToCanonical } from '../../../shared/mapping/amazonOrder';
import { inputFieldProperty, perItem, type OperationOutput } from '../common';
import { amazonOrderProperties, readAmazonOptions } from './amazonOptions';

const properties: INodeProperties[] = [inputFieldProperty, ...amazonOrderProperties];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['amazonToCanonical'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<OperationOutput> {
	return await perItem(this, items, (input, i) => amazonOrderToCanonical(input, readAmazonOptions(this, i)));
}

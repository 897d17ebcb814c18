import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { AmazonOrderOptions } from '../../../shared/mapping/amazonOrder';
import { params } from '../../../shared/execution';

export const amazonOrderProperties: INodeProperties[] = [
	{
		displayName: 'Require Address for Merchant-Fulfilled Orders',
		name: 'requireAddress',
		type: 'boolean',
		default: true,
		description: 'Whether an MFN order in status Unshipped, Partially Shipped or Shipped without delivery address is invalid',
	},
	{
		displayName: 'Quantity Unit',
		name: 'unit',
		type: 'string',
		default: 'EA',
		description: 'Unit of measure put on canonical quantities',
	},
];

export function readAmazonOptions(ctx: IExecuteFunctions, i: number): AmazonOrderOptions {
	const req = ctx.getNodeParameter('requireAddress', i, true) as boolean;
	return { requireAddressForStatuses: req ? undefined : [], unit: params(ctx, i).str('unit', 'EA') };
}

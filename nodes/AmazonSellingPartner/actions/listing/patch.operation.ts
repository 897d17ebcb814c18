import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { SpApiClient } from '../../../shared/spapi';
import { marketplaces, requireSellerId } from '../../transport';
import { marketplaceIdsField } from '../common';
import { params } from '../../../shared/execution';

const properties: INodeProperties[] = [
	{ displayName: 'SKU', name: 'sku', type: 'string', default: '={{ $json.sku }}', required: true },
	{
		displayName: 'Patches',
		name: 'patches',
		type: 'json',
		default: '={{ $json.patches }}',
		required: true,
		description: 'JSON Patch operations: [{ "op": "replace", "path": "/attributes/…", "value": [...] }]',
	},
	{ displayName: 'Product Type', name: 'productType', type: 'string', default: 'PRODUCT', required: true },
	marketplaceIdsField(),
	{
		displayName: 'Validation Preview Only',
		name: 'validationPreview',
		type: 'boolean',
		default: false,
		description: 'Whether to only validate (mode=VALIDATION_PREVIEW) without changing the listing',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['listing'], operation: ['patch'] } }, properties);

export const concurrency = 5;

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const sellerId = requireSellerId(this, client, i);
	const sku = String(this.getNodeParameter('sku', i) ?? '').trim();
	const patches = params(this, i).json<IDataObject[]>('patches', { shape: 'array', fallback: [] });
	if (!sku) throw new NodeOperationError(this.getNode(), 'SKU is empty', { itemIndex: i });
	if (patches.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Patches must be a non-empty JSON array', { itemIndex: i });
	}
	const res = await client.call<IDataObject>('listings.patchListingsItem', {
		pathParams: { sellerId, sku },
		query: {
			marketplaceIds: marketplaces(this, client, this.getNodeParameter('marketplaceIds', i, ''), i),
			includedData: ['issues'],
			...(this.getNodeParameter('validationPreview', i, false) ? { mode: 'VALIDATION_PREVIEW' } : {}),
		},
		body: { productType: String(this.getNodeParameter('productType', i)), patches },
	});
	return [{ json: { ...res.body, requestId: res.requestId } }];
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { SpApiClient } from '../../../shared/spapi';
import { marketplaces, requireSellerId } from '../../transport';
import { marketplaceIdsField } from '../common';
import { fbaSkus } from './guards';

const properties: INodeProperties[] = [
	{
		displayName: 'SKU',
		name: 'sku',
		type: 'string',
		default: '={{ $json.sku }}',
		required: true,
	},
	{
		displayName: 'Quantity',
		name: 'quantity',
		type: 'string',
		default: '={{ $json.quantity }}',
		required: true,
		description: 'Merchant-fulfilled quantity (channel DEFAULT). FBA quantities are managed by Amazon and are not set here.',
	},
	marketplaceIdsField(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Product Type',
				name: 'productType',
				type: 'string',
				default: 'PRODUCT',
				description: 'PRODUCT works for offer-only patches',
			},
			{
				displayName: 'Handling Time (Days)',
				name: 'leadTimeToShipMaxDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Also set lead_time_to_ship_max_days (0 = leave unchanged)',
			},
			{
				displayName: 'Never Send to FBA SKUs',
				name: 'skipFba',
				type: 'boolean',
				default: true,
				description:
					'Whether a SKU Amazon lists as FBA inventory (FBA Inventory API) is skipped: a merchant quantity can turn an FBA offer into merchant-fulfilled',
			},
			{
				displayName: 'Validation Preview Only',
				name: 'validationPreview',
				type: 'boolean',
				default: false,
				description: 'Whether to only validate (mode=VALIDATION_PREVIEW) without changing the listing',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['listing'], operation: ['updateQuantity'] } }, properties);

/** Many SKUs across items: processed 5 at a time; the patchListingsItem bucket (5/s, burst 5) paces them. */
export const concurrency = 5;

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const sellerId = requireSellerId(this, client, i);
	const sku = String(this.getNodeParameter('sku', i) ?? '').trim();
	const quantity = Number(this.getNodeParameter('quantity', i));
	if (!sku) throw new NodeOperationError(this.getNode(), 'SKU is empty', { itemIndex: i });
	if (!Number.isInteger(quantity) || quantity < 0) {
		throw new NodeOperationError(this.getNode(), `Quantity must be a whole number >= 0 (got ${String(quantity)})`, { itemIndex: i });
	}
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const value: IDataObject = { fulfillment_channel_code: 'DEFAULT', quantity };
	const lead = Number(options.leadTimeToShipMaxDays ?? 0);
	if (lead > 0) value.lead_time_to_ship_max_days = lead;
	const body = {
		productType: String(options.productType || 'PRODUCT'),
		patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [value] }],
	};
	const marketplaceIds = marketplaces(this, client, this.getNodeParameter('marketplaceIds', i, ''), i);
	if (options.skipFba !== false && (await fbaSkus(this, client, marketplaceIds)).has(sku)) {
		return [{ json: { sku, quantity, marketplaceIds, skipped: true, reason: 'fba' } }];
	}
	const res = await client.call<IDataObject>('listings.patchListingsItem', {
		pathParams: { sellerId, sku },
		query: { marketplaceIds, includedData: ['issues'], ...(options.validationPreview ? { mode: 'VALIDATION_PREVIEW' } : {}) },
		body,
	});
	return [{ json: { sku, quantity, marketplaceIds, ...res.body, requestId: res.requestId } }];
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { submitFeed, type SpApiClient } from '../../../shared/spapi';
import { marketplaces } from '../../transport';
import { marketplaceIdsField } from '../common';
import { waitAndReport, waitOptions } from './shared';
import { params } from '../../../shared/execution';

const properties: INodeProperties[] = [
	{
		displayName: 'Feed Type',
		name: 'feedType',
		type: 'options',
		options: [
			{ name: 'Custom', value: 'custom' },
			{ name: 'JSON Listings Feed', value: 'JSON_LISTINGS_FEED', description: 'Listings/inventory in bulk (JSON, up to 25,000 messages)' },
			{ name: 'Order Acknowledgement (XML)', value: 'POST_ORDER_ACKNOWLEDGEMENT_DATA' },
			{ name: 'Order Fulfillment (Flat File)', value: 'POST_FLAT_FILE_FULFILLMENT_DATA' },
			{ name: 'Order Fulfillment (XML)', value: 'POST_ORDER_FULFILLMENT_DATA', description: 'Shipment confirmations in bulk (XML OrderFulfillment)' },
		],
		default: 'JSON_LISTINGS_FEED',
	},
	{
		displayName: 'Custom Feed Type',
		name: 'customFeedType',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'POST_PAYMENT_ADJUSTMENT_DATA',
		displayOptions: { show: { feedType: ['custom'] } },
	},
	marketplaceIdsField(),
	{
		displayName: 'Content Source',
		name: 'contentSource',
		type: 'options',
		options: [
			{ name: 'JSON', value: 'json', description: 'A JSON document (e.g. the Transform node\'s inventory feed item)' },
			{ name: 'Text', value: 'text', description: 'XML or flat-file text' },
			{ name: 'Binary File', value: 'binary', description: 'A file from the input item\'s binary data' },
		],
		default: 'json',
	},
	{
		displayName: 'Feed Document',
		name: 'feedJson',
		type: 'json',
		default: '={{ $json.feed }}',
		required: true,
		description: 'The feed document; for JSON_LISTINGS_FEED: { header: { sellerId, version: "2.0", issueLocale }, messages: [...] }',
		displayOptions: { show: { contentSource: ['json'] } },
	},
	{
		displayName: 'Content',
		name: 'feedText',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		displayOptions: { show: { contentSource: ['text'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { contentSource: ['binary'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Content Type',
				name: 'contentType',
				type: 'string',
				default: '',
				placeholder: 'text/xml; charset=UTF-8',
				description:
					'Content type of the document. Default: the JSON type for JSON content, XML for text starting with an XML tag, else tab-separated values; binary: its MIME type.',
			},
			{
				displayName: 'Feed Options',
				name: 'feedOptions',
				type: 'json',
				default: '{}',
				description: 'Additional feedOptions (string map) some feed types take',
			},
			...waitOptions,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['feed'], operation: ['submit'] } }, properties);

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const feedTypeParam = this.getNodeParameter('feedType', i) as string;
	const feedType = feedTypeParam === 'custom' ? String(this.getNodeParameter('customFeedType', i)).trim() : feedTypeParam;
	const marketplaceIds = marketplaces(this, client, this.getNodeParameter('marketplaceIds', i, ''), i);
	const source = this.getNodeParameter('contentSource', i) as string;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	let content: Buffer;
	let contentType = String(options.contentType ?? '').trim();
	if (source === 'json') {
		const doc = params(this, i).json('feedJson', { shape: 'any' });
		if (doc === undefined || doc === null || (typeof doc === 'object' && Object.keys(doc as object).length === 0)) {
			throw new NodeOperationError(this.getNode(), 'The feed document is empty', { itemIndex: i });
		}
		content = Buffer.from(JSON.stringify(doc), 'utf8');
		contentType ||= 'application/json; charset=UTF-8';
	} else if (source === 'text') {
		const text = String(this.getNodeParameter('feedText', i));
		if (!text.trim()) throw new NodeOperationError(this.getNode(), 'The feed content is empty', { itemIndex: i });
		content = Buffer.from(text, 'utf8');
		contentType ||= text.trimStart().startsWith('<') ? 'text/xml; charset=UTF-8' : 'text/tab-separated-values; charset=UTF-8';
	} else {
		const prop = String(this.getNodeParameter('binaryPropertyName', i));
		const bin = this.helpers.assertBinaryData(i, prop);
		content = await this.helpers.getBinaryDataBuffer(i, prop);
		contentType ||= bin.mimeType || 'application/octet-stream';
	}
	const feedOptions = params(this, i).options().json<IDataObject>('feedOptions', { fallback: {} });
	const submitted = await submitFeed(this, client, { feedType, marketplaceIds, content, contentType, feedOptions });
	const out: IDataObject = { ...submitted };
	if (options.waitForCompletion) {
		Object.assign(out, await waitAndReport(this, client, submitted.feedId, options));
	}
	return [{ json: out }];
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../shared/execution';
import type { SpApiClient } from '../../shared/spapi';

/** An Amazon operation (the shared contract, nodes/shared/execution/operation.ts): `execute` gets the SP-API client and the item index. */
export interface OperationModule extends Operation<[client: SpApiClient, itemIndex: number], INodeExecutionData[]> {
	/** handles all items at once without SP-API (e.g. SQS acknowledgements); one result or error per item */
	executeAll?(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<Array<IDataObject | Error>>;
	/** items processed in parallel (the operation's token bucket still paces the calls); default 1 */
	concurrency?: number;
	/**
	 * Optional: all items in one go with the SP-API client (e.g. one feed for many items). Returns, per input item in
	 * input order, its output items or an Error (handled like an error thrown by `execute` for that item).
	 */
	executeBatch?(this: IExecuteFunctions, client: SpApiClient, items: INodeExecutionData[]): Promise<Array<INodeExecutionData[] | Error>>;
}

export const marketplaceIdsField = (overrides: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'Marketplace IDs',
	name: 'marketplaceIds',
	type: 'string',
	default: '',
	placeholder: 'ATVPDKIKX0DER',
	description: 'Comma-separated marketplace IDs. Empty = the default marketplace IDs of the credential.',
	...overrides,
});

/**
 * One marketplace, picked from the list of Amazon's marketplace IDs (searchable) or typed as an ID.
 * Read it with `getNodeParameter(name, i, '', { extractValue: true })`.
 */
export const marketplaceLocator = (overrides: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'Marketplace',
	name: 'marketplaceId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'Empty = first default marketplace ID of the credential',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchMarketplaces', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'ATVPDKIKX0DER',
			validation: [
				{ type: 'regex', properties: { regex: '^[A-Z0-9]{8,16}$', errorMessage: 'Not a marketplace ID (e.g. ATVPDKIKX0DER)' } },
			],
		},
	],
	...overrides,
});

export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

export const ORDER_INCLUDED_DATA = [
	{ name: 'Buyer', value: 'BUYER' },
	{ name: 'Cancellation', value: 'CANCELLATION' },
	{ name: 'Expense', value: 'EXPENSE' },
	{ name: 'Fulfillment', value: 'FULFILLMENT' },
	{ name: 'Fulfillment Orders', value: 'FULFILLMENT_ORDERS' },
	{ name: 'Packages', value: 'PACKAGES' },
	{ name: 'Payment', value: 'PAYMENT' },
	{ name: 'Proceeds', value: 'PROCEEDS' },
	{ name: 'Promotion', value: 'PROMOTION' },
	{ name: 'Recipient', value: 'RECIPIENT' },
	{ name: 'Tax', value: 'TAX' },
];

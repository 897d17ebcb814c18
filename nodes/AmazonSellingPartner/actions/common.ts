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

/** An Amazon order ID: 3-7-7 digits. */
export const AMAZON_ORDER_ID = '\\d{3}-\\d{7}-\\d{7}';

/**
 * One Amazon order: typed as its ID (3-7-7 digits) or pasted as the URL of its Seller Central page
 * (`https://sellercentral.amazon.<tld>/orders-v3/order/<id>`, any regional host, or an older `...?orderId=<id>` link),
 * from which n8n extracts the ID. Read it with `orderIdOf` (a plain string, as older workflows hold, is taken as is).
 */
export const orderIdLocator = (overrides: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'Order',
	name: 'orderId',
	type: 'resourceLocator',
	default: { mode: 'id', value: '' },
	required: true,
	description: 'Amazon order ID (3-7-7 digits) or its Seller Central page',
	modes: [
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '113-1234567-1234567',
			validation: [
				{ type: 'regex', properties: { regex: `^${AMAZON_ORDER_ID}$`, errorMessage: 'Not an Amazon order ID (3-7-7 digits, e.g. 113-1234567-1234567)' } },
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'https://sellercentral.amazon.com/orders-v3/order/113-1234567-1234567',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `https?://sellercentral[a-z.-]*\\.amazon\\.[a-z.]+/(?:orders-v3/order/|.*[?&]orderI[dD]=)${AMAZON_ORDER_ID}.*`,
						errorMessage: 'Not the URL of a Seller Central order page',
					},
				},
			],
			extractValue: { type: 'regex', regex: `(?:orders-v3/order/|[?&]orderI[dD]=)(${AMAZON_ORDER_ID})` },
		},
	],
	...overrides,
});

/** The order ID of an `orderIdLocator` parameter (or of an older workflow's plain string), trimmed. */
export function orderIdOf(this: IExecuteFunctions, i: number, name = 'orderId'): string {
	const v = this.getNodeParameter(name, i, '', { extractValue: true }) as unknown;
	return v === undefined || v === null ? '' : String(v).trim();
}

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

/** Waiting for Amazon to process a feed or a report: the option fields of every operation that waits. */
export interface WaitSpec {
	/** the "Wait for Completion" switch; without it the operation always waits */
	waitForCompletion?: {
		default: boolean;
		description: string;
		/** Poll Interval, Max Wait and `whileWaiting` shown only while the switch is on */
		hideWhenOff?: boolean;
	};
	maxWait: { default: number; description: string; displayName?: string };
	/** further options that only matter while waiting (e.g. Include Processing Report), after Max Wait */
	whileWaiting?: INodeProperties[];
}

export const POLL_INTERVAL_SECONDS = 30;

/** The wait options: [Wait for Completion,] Poll Interval, Max Wait[, whileWaiting …] (read with `waitTimes`). */
export function waitFields(spec: WaitSpec): INodeProperties[] {
	const sw = spec.waitForCompletion;
	const shown = sw?.hideWhenOff ? { displayOptions: { show: { waitForCompletion: [true] } } } : {};
	const maxWaitDefault = spec.maxWait.default;
	return [
		...(sw ? [{ displayName: 'Wait for Completion', name: 'waitForCompletion', type: 'boolean' as const, default: sw.default, description: sw.description }] : []),
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: POLL_INTERVAL_SECONDS,
			...shown,
		},
		{
			displayName: spec.maxWait.displayName ?? 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: maxWaitDefault,
			description: spec.maxWait.description,
			...shown,
		},
		...(spec.whileWaiting ?? []).map((p) => ({ ...p, ...shown })),
	];
}

/** Poll interval and time budget (ms) from the options of `waitFields`; `maxWaitSeconds` = the operation's default. */
export function waitTimes(options: IDataObject, maxWaitSeconds: number): { pollIntervalMs: number; timeoutMs: number } {
	return {
		pollIntervalMs: Math.max(0, Number(options.pollIntervalSeconds ?? POLL_INTERVAL_SECONDS)) * 1000,
		timeoutMs: Math.max(0, Number(options.maxWaitSeconds ?? maxWaitSeconds)) * 1000,
	};
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as apiCall from './actions/apiCall/ApiCall.resource';
import * as feed from './actions/feed/Feed.resource';
import * as finance from './actions/finance/Finance.resource';
import * as inventory from './actions/inventory/Inventory.resource';
import * as listing from './actions/listing/Listing.resource';
import * as notification from './actions/notification/Notification.resource';
import * as order from './actions/order/Order.resource';
import * as queue from './actions/queue/Queue.resource';
import * as report from './actions/report/Report.resource';
import { router } from './actions/router';
import { TOOL_OPERATIONS } from './actions/toolOperations';
import { listSearch } from './methods';
import { assertToolOperation, usableAsToolWith } from '../shared/tool';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'API Call', value: 'apiCall', description: 'Any SP-API operation by method and path' },
			{ name: 'Feed', value: 'feed' },
			{ name: 'Finance', value: 'finance' },
			{ name: 'Inventory (FBA)', value: 'inventory' },
			{ name: 'Listing', value: 'listing' },
			{ name: 'Notification', value: 'notification' },
			{ name: 'Notification Queue (SQS)', value: 'queue', description: 'Acknowledge the messages the SP-API Trigger emitted' },
			{ name: 'Order', value: 'order' },
			{ name: 'Report', value: 'report', description: 'Reports API 2021-06-30 (e.g. returns reports)' },
		],
		default: 'order',
	},
	...order.description,
	...feed.description,
	...listing.description,
	...inventory.description,
	...finance.description,
	...notification.description,
	...queue.description,
	...report.description,
	...apiCall.resourceDescription,
];

export class AmazonSellingPartner implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon Selling Partner',
		name: 'amazonSellingPartner',
		icon: { light: 'file:amazonSellingPartner.svg', dark: 'file:amazonSellingPartner.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Orders, shipments, feeds, listings, FBA inventory, finances and notifications of Amazon Seller Central (SP-API)',
		defaults: { name: 'Amazon Selling Partner' },
		usableAsTool: usableAsToolWith(properties, TOOL_OPERATIONS),
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'amazonSpApi', required: true, displayOptions: { hide: { resource: ['queue'] } } },
			{ name: 'awsSqsApi', required: true, displayOptions: { show: { resource: ['queue'] } } },
		],
		properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		assertToolOperation(this, TOOL_OPERATIONS);
		return await router.call(this);
	}
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export const NOTIFICATION_TYPES = [
	{ name: 'Account Status Changed', value: 'ACCOUNT_STATUS_CHANGED' },
	{ name: 'Any Offer Changed', value: 'ANY_OFFER_CHANGED' },
	{ name: 'Branded Item Content Change (EventBridge)', value: 'BRANDED_ITEM_CONTENT_CHANGE' },
	{ name: 'Custom', value: 'custom' },
	{ name: 'FBA Inventory Availability Changes', value: 'FBA_INVENTORY_AVAILABILITY_CHANGES' },
	{ name: 'Feed Processing Finished', value: 'FEED_PROCESSING_FINISHED' },
	{ name: 'Fulfillment Order Status', value: 'FULFILLMENT_ORDER_STATUS' },
	{ name: 'Listings Item Issues Change (EventBridge)', value: 'LISTINGS_ITEM_ISSUES_CHANGE' },
	{ name: 'Listings Item MFN Quantity Change (EventBridge)', value: 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE' },
	{ name: 'Listings Item Status Change (EventBridge)', value: 'LISTINGS_ITEM_STATUS_CHANGE' },
	{ name: 'Order Change', value: 'ORDER_CHANGE' },
	{ name: 'Report Processing Finished', value: 'REPORT_PROCESSING_FINISHED' },
	{ name: 'Transaction Update', value: 'TRANSACTION_UPDATE' },
];

export const notificationTypeFields = (operation: string): INodeProperties[] => [
	{
		displayName: 'Notification Type',
		name: 'notificationType',
		type: 'options',
		options: NOTIFICATION_TYPES,
		default: 'ORDER_CHANGE',
		displayOptions: { show: { resource: ['notification'], operation: [operation] } },
	},
	{
		displayName: 'Custom Notification Type',
		name: 'customNotificationType',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { resource: ['notification'], operation: [operation], notificationType: ['custom'] } },
	},
];

export function notificationType(ctx: IExecuteFunctions, i: number): string {
	const t = ctx.getNodeParameter('notificationType', i) as string;
	return t === 'custom' ? String(ctx.getNodeParameter('customNotificationType', i)).trim() : t;
}

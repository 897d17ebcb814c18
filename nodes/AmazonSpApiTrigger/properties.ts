/** The SP-API trigger's node parameters: mode (SQS queue / orders backstop poll) and the options of each. */
import type { INodeProperties } from 'n8n-workflow';

import { dedupeOptionFields } from '../shared/webhook/dedupe';

export const properties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'SQS Queue',
				value: 'sqs',
				description: 'Long-poll the SQS queue SP-API delivers notifications to, then delete what was emitted',
			},
			{
				name: 'Orders Backstop Poll',
				value: 'backstop',
				description:
					'Poll searchOrders (Orders 2026-01-01) by lastUpdatedAfter and emit ORDER_CHANGE-shaped items, for orders a notification missed',
			},
		],
		default: 'sqs',
	},
	{
		displayName:
			'For EventBridge delivery (LISTINGS_ITEM_* and other EventBridge-only types) use the "Amazon SP-API EventBridge Trigger" node',
		name: 'eventBridgeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ['sqs'] } },
	},
	{
		displayName: 'Queue URL',
		name: 'queueUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://sqs.us-east-1.amazonaws.com/123456789012/sp-api-notifications',
		displayOptions: { show: { mode: ['sqs'] } },
	},
	{
		displayName: 'Notification Types',
		name: 'notificationTypes',
		type: 'string',
		default: '',
		placeholder: 'ORDER_CHANGE, FEED_PROCESSING_FINISHED',
		description:
			'Comma-separated types to emit. Empty emits all. Messages of other types are deleted from the queue unless "Keep Filtered-Out Messages" is on.',
		displayOptions: { show: { mode: ['sqs'] } },
	},
	{
		displayName: 'Marketplace IDs',
		name: 'marketplaceIds',
		type: 'string',
		default: '',
		placeholder: 'ATVPDKIKX0DER',
		description: 'Comma-separated marketplaces to search. Empty uses those of the credential.',
		displayOptions: { show: { mode: ['backstop'] } },
	},
	{
		displayName: 'SQS Options',
		name: 'sqsOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { mode: ['sqs'] } },
		options: [
			...dedupeOptionFields({ window: 'How long a NotificationId is remembered to drop redeliveries (SQS delivers at least once)' }),
			{
				displayName: 'Delete Messages',
				name: 'deleteMode',
				type: 'options',
				options: [
					{
						name: 'When the Workflow Acknowledges Them',
						value: 'workflow',
						description:
							'Emitted messages stay in flight until the Amazon Selling Partner node\'s "Acknowledge SQS Messages" deletes them (item done or kept in the dead letter); a crash redelivers them',
					},
					{
						name: 'At the Next Poll (At Most Once)',
						value: 'nextPoll',
						description: 'Deleted at the start of the next poll whatever the workflow did: a failed item is lost',
					},
					{
						name: 'Right After Receiving (At Most Once)',
						value: 'immediately',
						description: 'Deleted within this poll, before the workflow runs: a failed item is lost',
					},
				],
				default: 'workflow',
			},
			{
				displayName: 'Keep Filtered-Out Messages',
				name: 'keepFiltered',
				type: 'boolean',
				default: false,
				description: 'Whether to leave messages of other notification types in the queue (for another consumer)',
			},
			{
				displayName: 'Max Messages per Poll',
				name: 'maxMessages',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 100,
			},
			{
				displayName: 'Visibility Timeout (Seconds)',
				name: 'visibilityTimeout',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 43200 },
				default: 600,
				description: 'How long received messages stay hidden; keep it above the poll interval when deleting at the next poll',
			},
			{
				displayName: 'Wait Time (Seconds)',
				name: 'waitTimeSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 20 },
				default: 10,
				description: 'Long-poll wait of the first ReceiveMessage call (0-20)',
			},
		],
	},
	{
		displayName: 'Backstop Options',
		name: 'backstopOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { mode: ['backstop'] } },
		options: [
			{
				displayName: 'Fulfilled By',
				name: 'fulfilledBy',
				type: 'options',
				options: [
					{ name: 'Any', value: '' },
					{ name: 'Amazon (AFN)', value: 'AMAZON' },
					{ name: 'Merchant (MFN)', value: 'MERCHANT' },
				],
				default: '',
			},
			{
				displayName: 'Initial Lookback (Minutes)',
				name: 'initialLookbackMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60,
				description: 'On the first poll, look this far back before the lag edge',
			},
			{
				displayName: 'Lag (Minutes)',
				name: 'lagMinutes',
				type: 'number',
				typeOptions: { minValue: 2 },
				default: 2,
				description: 'LastUpdatedBefore = now minus this (Amazon requires at least 2 minutes)',
			},
			{
				displayName: 'Max Pages per Poll',
				name: 'maxPages',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 20,
				description: 'SearchOrders allows 0.0056 requests/s after a burst of 20; the rest continues at the next poll',
			},
		],
	},
];

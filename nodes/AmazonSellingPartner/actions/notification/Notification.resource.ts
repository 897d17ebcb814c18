import type { INodeProperties } from 'n8n-workflow';

import * as createDestination from './createDestination.operation';
import * as createSubscription from './createSubscription.operation';
import * as deleteDestination from './deleteDestination.operation';
import * as deleteSubscription from './deleteSubscription.operation';
import * as listDestinations from './listDestinations.operation';
import * as listSubscriptions from './listSubscriptions.operation';
import * as sendTestNotification from './sendTestNotification.operation';

export {
	createDestination,
	createSubscription,
	deleteDestination,
	deleteSubscription,
	listDestinations,
	listSubscriptions,
	sendTestNotification,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['notification'] } },
		options: [
			{ name: 'Create Destination', value: 'createDestination', action: 'Create a notification destination', description: 'SQS queue or EventBridge (grantless)' },
			{ name: 'Create Subscription', value: 'createSubscription', action: 'Create a notification subscription' },
			{ name: 'Delete Destination', value: 'deleteDestination', action: 'Delete a notification destination' },
			{ name: 'Delete Subscription', value: 'deleteSubscription', action: 'Delete a notification subscription' },
			{ name: 'List Destinations', value: 'listDestinations', action: 'List notification destinations' },
			{ name: 'List Subscriptions', value: 'listSubscriptions', action: 'List the subscription of a notification type' },
			{ name: 'Send Test Notification', value: 'sendTestNotification', action: 'Send a test notification', description: 'Sandbox-only in Amazon\'s model' },
		],
		default: 'listDestinations',
	},
	...createDestination.description,
	...deleteDestination.description,
	...createSubscription.description,
	...listSubscriptions.description,
	...deleteSubscription.description,
	...sendTestNotification.description,
];

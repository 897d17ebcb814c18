import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../common';
import * as dest from './destination.operations';
import * as sub from './subscription.operations';

export const createDestination: OperationModule = { description: dest.createDescription, execute: dest.createDestination };
export const listDestinations: OperationModule = { description: [], execute: dest.listDestinations };
export const deleteDestination: OperationModule = { description: dest.deleteDescription, execute: dest.deleteDestination };
export const createSubscription: OperationModule = { description: sub.createDescription, execute: sub.createSubscription };
export const listSubscriptions: OperationModule = { description: sub.listDescription, execute: sub.listSubscriptions };
export const deleteSubscription: OperationModule = { description: sub.deleteDescription, execute: sub.deleteSubscription };
export const sendTestNotification: OperationModule = { description: sub.testDescription, execute: sub.sendTestNotification };

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

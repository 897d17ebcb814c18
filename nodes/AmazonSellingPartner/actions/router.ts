import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { SQS_CREDENTIAL } from '../../shared/aws/sqs';
import { findOperation, runOperation, secretsOf, type ItemRunnerOptions, type Resources } from '../../shared/execution';
import type { SpApiClient } from '../../shared/spapi';
import { describeError, getClient, toNodeError } from '../transport';
import * as apiCall from './apiCall/ApiCall.resource';
import type { OperationModule } from './common';
import * as feed from './feed/Feed.resource';
import * as finance from './finance/Finance.resource';
import * as inventory from './inventory/Inventory.resource';
import * as listing from './listing/Listing.resource';
import * as notification from './notification/Notification.resource';
import * as order from './order/Order.resource';
import * as queue from './queue/Queue.resource';
import * as report from './report/Report.resource';

const operations: Resources<OperationModule> = {
	order: { search: order.search, get: order.get, confirmShipment: order.confirmShipment, getV0: order.getV0, cancelItems: order.cancelItems },
	feed: { submit: feed.submit, getStatus: feed.getStatus, getResult: feed.getResult },
	listing: { get: listing.get, updateQuantity: listing.updateQuantity, patch: listing.patch, search: listing.search, syncQuantities: listing.syncQuantities, syncListings: listing.syncListings },
	inventory: { getSummaries: inventory.getSummaries },
	finance: { listTransactions: finance.listTransactions, listFinancialEventsByOrder: finance.listFinancialEventsByOrder },
	notification: {
		createDestination: notification.createDestination,
		listDestinations: notification.listDestinations,
		deleteDestination: notification.deleteDestination,
		createSubscription: notification.createSubscription,
		listSubscriptions: notification.listSubscriptions,
		deleteSubscription: notification.deleteSubscription,
		sendTestNotification: notification.sendTestNotification,
	},
	report: { create: report.create, get: report.get, downloadDocument: report.downloadDocument },
	apiCall: { call: apiCall.call },
	queue: { acknowledge: queue.acknowledge },
};

/**
 * Runs the chosen operation for every input item through the shared item runner (nodes/shared/execution): failure
 * items in the shape n8n routes to the error output (Amazon's answer and the input inside `details`), pairedItem,
 * operations with `concurrency > 1` run that many items at a time (the rate-limit bucket still paces the calls) and
 * stop once the node has failed; output order follows input order; the credential's secrets never leave the node.
 * `executeAll` operations work without SP-API (SQS acknowledgements); `executeBatch` ones get the SP-API client and
 * all items at once (Sync Listings: one feed for many SKUs).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const { resource, name, op } = findOperation(this, operations);
	const runner: ItemRunnerOptions = {
		operation: name,
		describe: describeError,
		toNodeError: (e, i) => toNodeError(this, e, i),
		concurrency: op.concurrency ?? 1,
		redactOutput: resource === 'apiCall',
	};
	const { executeAll, executeBatch } = op;
	if (executeAll) {
		const run = {
			setup: async () => secretsOf((await this.getCredentials(SQS_CREDENTIAL)) as Record<string, unknown>, ['secretAccessKey', 'sessionToken']),
			secrets: (secrets: string[]) => secrets,
			all: async () => await executeAll.call(this, items),
		};
		return [await runOperation(this, items, run, runner)];
	}
	const run = {
		setup: async () => await getClient(this),
		secrets: (client: SpApiClient) => client.secrets,
		// all items in one go with the SP-API client (e.g. one feed for many SKUs); results per item settled the same way
		all: executeBatch && (async (client: SpApiClient) => await executeBatch.call(this, client, items)),
		each: async (client: SpApiClient, i: number) => await op.execute.call(this, client, i),
	};
	return [await runOperation(this, items, run, runner)];
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SpApiClient } from '../../shared/spapi';
import { errorFields, getClient, toNodeError } from '../transport';
import * as apiCall from './apiCall/ApiCall.resource';
import type { OperationModule } from './common';
import * as feed from './feed/Feed.resource';
import * as finance from './finance/Finance.resource';
import * as inventory from './inventory/Inventory.resource';
import * as listing from './listing/Listing.resource';
import * as notification from './notification/Notification.resource';
import * as order from './order/Order.resource';

const operations: Record<string, Record<string, OperationModule>> = {
	order: { search: order.search, get: order.get, confirmShipment: order.confirmShipment, getV0: order.getV0 },
	feed: { submit: feed.submit, getStatus: feed.getStatus, getResult: feed.getResult },
	listing: { get: listing.get, updateQuantity: listing.updateQuantity, patch: listing.patch, search: listing.search, syncQuantities: listing.syncQuantities },
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
	apiCall: { call: apiCall.call },
};

/**
 * Runs the chosen operation for every input item. Output items carry pairedItem; with continueOnFail a failing
 * item becomes `{ ...input json, error: { message, operation, status, code, details, requestId } }` (with
 * "Continue (using error output)" n8n builds that merge itself and routes the item to the error output).
 * Operations with `concurrency > 1` run that many items at a time (the rate-limit bucket still paces the calls);
 * output order always follows input order.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = operations[resource]?.[operation];
	if (!op) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);

	let client: SpApiClient;
	try {
		client = await getClient(this);
	} catch (error) {
		throw toNodeError(this, error, 0);
	}

	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	const results: INodeExecutionData[][] = new Array(items.length);
	const runOne = async (i: number): Promise<void> => {
		try {
			const out = await op.execute.call(this, client, i);
			results[i] = out.map((o) => ({ ...o, pairedItem: { item: i } }));
		} catch (error) {
			if (this.continueOnFail()) {
				const fields = errorFields(error);
				// "Continue (using error output)": n8n moves items whose json is only {error, message, details} to the
				// error output and merges the paired input item into them itself. Otherwise we carry the input along.
				results[i] = toErrorOutput
					? [{ json: { error: fields, message: fields.message as string }, pairedItem: { item: i } }]
					: [{ json: { ...items[i].json, error: fields }, pairedItem: { item: i } }];
				return;
			}
			throw toNodeError(this, error, i);
		}
	};

	const concurrency = Math.max(1, op.concurrency ?? 1);
	if (concurrency === 1 || items.length === 1) {
		for (let i = 0; i < items.length; i++) await runOne(i);
	} else {
		let next = 0;
		const worker = async (): Promise<void> => {
			while (next < items.length) {
				const i = next++;
				await runOne(i);
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => await worker()));
	}
	return [results.flat()];
}

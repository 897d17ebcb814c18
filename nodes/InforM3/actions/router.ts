import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { findOperation, runOperation, type FailureInfo, type ItemRunnerOptions, type Resources } from '../../shared/execution';
import { M3ConfigError, M3Error, m3FailureFields, m3Secrets, type M3Client } from '../../shared/m3';
import { CREDENTIAL_TYPE, createClient } from '../transport';
import type { OperationModule } from './common';
import * as customer from './customer/Customer.resource';
import * as customField from './customField/CustomField.resource';
import * as customerOrder from './customerOrder/CustomerOrder.resource';
import * as customerReturn from './customerReturn/CustomerReturn.resource';
import * as delivery from './delivery/Delivery.resource';
import * as glBatch from './glBatch/GlBatch.resource';
import * as inventory from './inventory/Inventory.resource';
import * as item from './item/Item.resource';
import * as transaction from './transaction/Transaction.resource';

const resources: Resources<OperationModule> = {
	customerOrder: {
		cancel: customerOrder.cancel,
		create: customerOrder.create,
		get: customerOrder.get,
		getClosed: customerOrder.getClosed,
		getMany: customerOrder.getMany,
		getLines: customerOrder.getLines,
		getDeliveries: customerOrder.getDeliveries,
	},
	customer: {
		create: customer.create,
		get: customer.get,
		search: customer.search,
		update: customer.update,
		findOrCreate: customer.findOrCreate,
	},
	item: { get: item.get, getMany: item.getMany, resolveAlias: item.resolveAlias, getForListings: item.getForListings },
	inventory: {
		getWarehouseBalance: inventory.getWarehouseBalance,
		getChangedBalances: inventory.getChangedBalances,
	},
	delivery: {
		getOrderDeliveries: delivery.getOrderDeliveries,
		getHead: delivery.getHead,
		getPackages: delivery.getPackages,
		getShipmentFeedback: delivery.getShipmentFeedback,
		markConfirmed: delivery.markConfirmed,
	},
	customerReturn: { create: customerReturn.create },
	glBatch: { create: glBatch.create },
	customField: { set: customField.set, get: customField.get, setMany: customField.setMany },
	transaction: { execute: transaction.execute },
};

/** M3Error -> NodeApiError / NodeOperationError with the M3 program, transaction, code and field. */
export function toNodeError(this: IExecuteFunctions, e: unknown, itemIndex: number): Error {
	if (e instanceof NodeApiError || e instanceof NodeOperationError) return e;
	if (e instanceof M3ConfigError) {
		return new NodeOperationError(this.getNode(), e.message, {
			itemIndex,
			description: 'Check the Infor M3 API credential',
		});
	}
	if (e instanceof M3Error) {
		const details = [
			e.where && `Transaction: ${e.where}`,
			e.code && `M3 code: ${e.code}`,
			e.field && `Field: ${e.field}`,
			e.httpStatus && `HTTP status: ${e.httpStatus}`,
		]
			.filter(Boolean)
			.join('\n');
		if (e.kind === 'input') {
			return new NodeOperationError(this.getNode(), e.fullMessage, { itemIndex, description: details || undefined });
		}
		// "code" would be taken for the HTTP code by NodeApiError: pass M3's message id as m3Code
		const { code, ...rest } = e.toJSON();
		return new NodeApiError(this.getNode(), { ...rest, m3Code: code } as unknown as JsonObject, {
			message: e.fullMessage,
			description: details || undefined,
			httpCode: String(e.httpStatus ?? (e.kind === 'nok' ? 200 : '')) || undefined,
			itemIndex,
		});
	}
	const message = e instanceof Error ? e.message : String(e);
	return new NodeOperationError(this.getNode(), message, { itemIndex });
}

/** What an M3 failure means, for failure items. */
export function describe(e: unknown): FailureInfo {
	if (e instanceof M3Error) {
		const f = m3FailureFields(e);
		return {
			message: e.fullMessage,
			system: 'm3',
			kind: f.kind,
			retryable: f.retryable,
			reasons: f.reasons,
			fields: f.fields,
			...(e.kind === 'auth' || e.kind === 'config' ? { description: 'Check the Infor M3 API credential' } : {}),
		};
	}
	if (e instanceof M3ConfigError) return { message: e.message, system: 'm3', kind: 'config', description: 'Check the Infor M3 API credential' };
	const err = e as { message?: string; description?: string };
	return { message: err?.message ?? String(e), system: 'm3', kind: 'internal', description: err?.description };
}

/**
 * Runs the chosen operation for every input item through the shared item runner (nodes/shared/execution): failure
 * items in the shape n8n routes to the error output, pairedItem, Concurrency option with a stop flag, secrets of the
 * credential redacted. Operations with executeAll handle all items in one go (one v2 bulk).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const { resource, name, op } = findOperation(this, resources);
	let secrets: string[] = [];
	try {
		secrets = m3Secrets((await this.getCredentials(CREDENTIAL_TYPE)) as Record<string, unknown>);
	} catch {
		// no credential: createClient reports it per item below
	}
	const runner: ItemRunnerOptions = {
		operation: name,
		describe,
		toNodeError: (e, i) => toNodeError.call(this, e, i),
		secrets,
		concurrency: Math.max(1, Math.min(50, Number(this.getNodeParameter('options.concurrency', 0, 1)) || 1)),
		redactOutput: resource === 'transaction',
	};
	// one client per company/division override, created when an item first needs it (its failure fails that item)
	const clients = new Map<string, Promise<M3Client>>();
	const clientFor = (i: number): Promise<M3Client> => {
		const o = (this.getNodeParameter('options', i, {}) as IDataObject) ?? {};
		const company = String(o.company ?? '').trim();
		const division = String(o.division ?? '').trim();
		const key = `${company}|${division}`;
		let c = clients.get(key);
		if (!c) {
			c = createClient.call(this, { company, division });
			clients.set(key, c);
		}
		return c;
	};
	const { executeAll } = op;
	const run = {
		setup: async () => clientFor,
		all: executeAll && items.length ? async () => await executeAll.call(this, await clientFor(0), items) : undefined,
		each: async (client: typeof clientFor, i: number) => await op.execute.call(this, { client: await client(i), item: items[i], i }),
	};
	return [await runOperation(this, items, run, runner)];
}

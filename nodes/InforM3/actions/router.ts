import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { M3ConfigError, M3Error, type M3Client } from '../../shared/m3';
import { createClient } from '../transport';
import type { OperationModule, OperationResult } from './common';
import * as customer from './customer/Customer.resource';
import * as customField from './customField/CustomField.resource';
import * as customerOrder from './customerOrder/CustomerOrder.resource';
import * as delivery from './delivery/Delivery.resource';
import * as glBatch from './glBatch/GlBatch.resource';
import * as inventory from './inventory/Inventory.resource';
import * as item from './item/Item.resource';
import * as transaction from './transaction/Transaction.resource';

type ResourceMap = Record<string, Record<string, OperationModule>>;

const resources: ResourceMap = {
	customerOrder: {
		create: customerOrder.create,
		get: customerOrder.get,
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
	item: { get: item.get, getMany: item.getMany, resolveAlias: item.resolveAlias },
	inventory: {
		getWarehouseBalance: inventory.getWarehouseBalance,
		getChangedBalances: inventory.getChangedBalances,
	},
	delivery: {
		getOrderDeliveries: delivery.getOrderDeliveries,
		getHead: delivery.getHead,
		getPackages: delivery.getPackages,
		getShipmentFeedback: delivery.getShipmentFeedback,
	},
	glBatch: { create: glBatch.create },
	customField: { set: customField.set, get: customField.get },
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

function errorJson(e: unknown, input: IDataObject): IDataObject {
	if (e instanceof M3Error) {
		return { error: e.fullMessage, m3: e.toJSON() as unknown as IDataObject, input };
	}
	const err = e as { message?: string; description?: string };
	return { error: err.message ?? String(e), ...(err.description ? { description: err.description } : {}), input };
}

function toItems(result: OperationResult, i: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((json) => ({ json, pairedItem: { item: i } }));
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = resources[resource]?.[operation];
	if (!op) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
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
	const results: INodeExecutionData[][] = new Array(items.length);
	const fail = (i: number, e: unknown): void => {
		if (this.continueOnFail()) {
			results[i] = [{ json: errorJson(e, items[i].json), pairedItem: { item: i } }];
			return;
		}
		throw toNodeError.call(this, e, i);
	};

	if (op.executeAll && items.length) {
		let all: Array<OperationResult | Error> | undefined;
		try {
			all = await op.executeAll.call(this, await clientFor(0), items);
		} catch (e) {
			if (!this.continueOnFail()) throw toNodeError.call(this, e, 0);
			return [items.map((it, i) => ({ json: errorJson(e, it.json), pairedItem: { item: i } }))];
		}
		if (all) {
			all.forEach((r, i) => {
				if (r instanceof Error) fail(i, r);
				else results[i] = toItems(r, i);
			});
			return [results.flat()];
		}
	}

	const concurrency = Math.max(1, Math.min(50, Number(this.getNodeParameter('options.concurrency', 0, 1)) || 1));
	let next = 0;
	let fatal: Error | undefined;
	const worker = async (): Promise<void> => {
		while (!fatal) {
			const i = next++;
			if (i >= items.length) return;
			try {
				const client = await clientFor(i);
				results[i] = toItems(await op.execute.call(this, { client, item: items[i], i }), i);
			} catch (e) {
				try {
					fail(i, e);
				} catch (mapped) {
					fatal ??= mapped as Error;
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	if (fatal) throw fatal;
	return [results.flat()];
}

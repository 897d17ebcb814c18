import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { SqsError, sqsFailureFields, toNodeError as sqsNodeError } from '../../shared/aws/sqs';
import { splitList, type FailureInfo } from '../../shared/execution';
import { SpApiClient, SpApiError, spApiErrorKind, type SpApiClientOptions } from '../../shared/spapi';

/** The only way this node talks to Amazon: the shared SP-API client (auth, buckets, retries). */
export async function getClient(ctx: IExecuteFunctions, options?: SpApiClientOptions): Promise<SpApiClient> {
	return await SpApiClient.create(ctx, options);
}

/** Marketplace ids from a parameter value, falling back to the credential's defaults. */
export function marketplaces(ctx: IExecuteFunctions, client: SpApiClient, value: unknown, i: number, required = true): string[] {
	const list = splitList(value);
	const out = list.length ? list : client.marketplaceIds;
	if (required && out.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'No marketplace ID: set one on the node or default marketplace IDs on the credential', { itemIndex: i });
	}
	return out;
}

export function requireSellerId(ctx: IExecuteFunctions, client: SpApiClient, i: number): string {
	if (!client.sellerId) {
		throw new NodeOperationError(ctx.getNode(), 'The credential has no Seller ID (merchant token); the Listings API needs it', { itemIndex: i });
	}
	return client.sellerId;
}

/** What an SP-API failure means, for failure items (SpApiError only holds Amazon's answer, already redacted). */
export function describeError(error: unknown): FailureInfo {
	if (error instanceof SpApiError) {
		const { message, errors, details, operation, ...fields } = error.toJSON();
		return {
			message: `Amazon SP-API: ${String(message)}`,
			system: 'spapi',
			kind: spApiErrorKind(error),
			retryable: error.retryable,
			description: error.describe(),
			reasons: Array.isArray(errors) && errors.length ? errors : undefined,
			fields: { apiOperation: operation, ...fields, ...(details ? { amazonDetails: details } : {}) },
		};
	}
	if (error instanceof SqsError) {
		const f = sqsFailureFields(error);
		return { message: error.message, system: 'sqs', kind: f.kind, retryable: f.retryable, fields: f.fields };
	}
	const e = error as { message?: string; description?: string };
	return { message: e?.message ?? String(error), system: 'spapi', kind: 'input', description: e?.description };
}

export function toNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof SqsError) return sqsNodeError(ctx.getNode(), error);
	if (error instanceof SpApiError) {
		return new NodeApiError(ctx.getNode(), error.toJSON() as never, {
			message: `Amazon SP-API: ${error.message}`,
			description: error.describe(),
			httpCode: error.status ? String(error.status) : undefined,
			itemIndex,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

export function jsonItems(data: IDataObject | IDataObject[]): INodeExecutionData[] {
	return (Array.isArray(data) ? data : [data]).map((json) => ({ json }));
}

/** What both poll modes share: the error shape thrown to n8n and the poll's time budget. */
import type { INode, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { SpApiError } from '../shared/spapi';
import { SqsError, toNodeError } from '../shared/aws/sqs';
import { redactText } from '../shared/execution';

export const MINUTE = 60 * 1000;

/** n8n errors pass through; SP-API and SQS errors become NodeApiError with their HTTP status (token shapes redacted). */
export function asNodeError(node: INode, e: unknown): NodeApiError | NodeOperationError {
	if (e instanceof NodeApiError || e instanceof NodeOperationError) return e;
	if (e instanceof SpApiError) {
		const message = redactText(e.message);
		return new NodeApiError(node, { message, code: e.code } as JsonObject, {
			message,
			httpCode: e.status ? String(e.status) : undefined,
		});
	}
	if (e instanceof SqsError) return toNodeError(node, e);
	return new NodeOperationError(node, redactText((e as Error)?.message ?? String(e)));
}

export function budgetDeadline(ctx: IPollFunctions): number {
	const getBudget = (ctx as { getPollBudgetMs?: () => number }).getPollBudgetMs;
	const budget = typeof getBudget === 'function' ? getBudget.call(ctx) : Number.POSITIVE_INFINITY;
	return Date.now() + (Number.isFinite(budget) && budget > 0 ? budget * 0.8 : 10 * MINUTE);
}

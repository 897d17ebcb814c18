/**
 * Minimal SQS client over the AWS JSON 1.0 protocol (X-Amz-Target: AmazonSQS.<Action>), sent through
 * httpRequestWithAuthentication with credential awsSqsApi, whose `authenticate` signs with SigV4. Shared by the
 * SP-API trigger (receive) and the Amazon Selling Partner node (acknowledge = delete once an item is done or kept).
 * An answer that is not an SQS JSON object (an HTML page from a proxy or a wrong URL) is an error, never "no messages".
 */
import type { IDataObject, IHttpRequestOptions, INode, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { redactText } from '../execution/redact';

export const SQS_CREDENTIAL = 'awsSqsApi';

export interface SqsMessage {
	MessageId: string;
	ReceiptHandle: string;
	Body: string;
	MD5OfBody?: string;
	Attributes?: Record<string, string>;
}

export type SqsContext = Pick<IPollFunctions, 'getNode'> & {
	helpers: Pick<IPollFunctions['helpers'], 'httpRequestWithAuthentication'>;
};

/** What an SQS failure means, for failure items. */
export function sqsFailureFields(e: SqsError): { kind: string; retryable: boolean; fields: IDataObject } {
	return {
		kind: e.status >= 500 || e.status === 0 ? 'http' : e.status === 403 ? 'auth' : 'rejected',
		retryable: e.status >= 500 || e.status === 0,
		fields: { action: e.action, httpStatus: e.status, awsType: e.awsType },
	};
}

export class SqsError extends Error {
	constructor(
		readonly action: string,
		readonly status: number,
		readonly awsType: string,
		message: string,
	) {
		// redacted: a proxy or endpoint may echo the signed request (Authorization signature, session token) in its answer
		super(redactText(`SQS ${action} failed (HTTP ${status}${awsType ? `, ${awsType}` : ''}): ${message}`));
		this.name = 'SqsError';
	}
}

/** The JSON object of an answer, or undefined when the answer is not one (HTML, plain text, empty). */
function parseBody(body: unknown): IDataObject | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string') {
		try {
			const v = JSON.parse(body) as unknown;
			return v && typeof v === 'object' && !Array.isArray(v) ? (v as IDataObject) : undefined;
		} catch {
			return undefined;
		}
	}
	if (Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
	return typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : undefined;
}

function snippet(body: unknown): string {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	return text.replace(/\s+/g, ' ').trim().slice(0, 120);
}

/** One SQS action; throws SqsError for an AWS error answer. */
export async function sqsCall(ctx: SqsContext, action: string, params: IDataObject): Promise<IDataObject> {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: '',
		headers: { 'X-Amz-Target': `AmazonSQS.${action}`, 'Content-Type': 'application/x-amz-json-1.0' },
		body: JSON.stringify(params),
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: 60000,
	};
	const res = (await ctx.helpers.httpRequestWithAuthentication.call(ctx as never, SQS_CREDENTIAL, options)) as {
		statusCode: number;
		body: unknown;
	};
	const body = parseBody(res.body);
	if (res.statusCode < 200 || res.statusCode >= 300) {
		const type = String(body?.__type ?? '').replace(/^.*#/, '');
		throw new SqsError(action, res.statusCode, type, String(body?.message ?? body?.Message ?? (snippet(res.body) || 'no message')));
	}
	if (!body) {
		throw new SqsError(
			action,
			res.statusCode,
			'NotAnSqsAnswer',
			`the endpoint did not answer like SQS (${snippet(res.body) ? `"${snippet(res.body)}"` : 'empty body'}): check the queue URL and the credential's custom endpoint`,
		);
	}
	return body;
}

export function toNodeError(node: INode, e: unknown): NodeApiError {
	if (e instanceof SqsError) {
		return new NodeApiError(node, { message: e.message, awsType: e.awsType } as JsonObject, {
			message: e.message,
			httpCode: String(e.status),
			description:
				e.status === 403
					? 'Check the AWS access key, secret, region and the queue policy (sqs:ReceiveMessage, sqs:DeleteMessage).'
					: undefined,
		});
	}
	return new NodeApiError(node, { message: (e as Error).message } as JsonObject, { message: (e as Error).message });
}

export async function receiveMessages(
	ctx: SqsContext,
	queueUrl: string,
	max: number,
	waitSeconds: number,
	visibilityTimeout: number,
): Promise<SqsMessage[]> {
	const body = await sqsCall(ctx, 'ReceiveMessage', {
		QueueUrl: queueUrl,
		MaxNumberOfMessages: Math.max(1, Math.min(10, max)),
		WaitTimeSeconds: Math.max(0, Math.min(20, Math.floor(waitSeconds))),
		VisibilityTimeout: Math.max(0, Math.min(43200, Math.floor(visibilityTimeout))),
		MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
	});
	return (Array.isArray(body.Messages) ? body.Messages : []) as unknown as SqsMessage[];
}

/** Deletes in batches of 10; returns the receipt handles SQS refused, with SQS's reason. */
export async function deleteMessageEntries(ctx: SqsContext, queueUrl: string, handles: string[]): Promise<Map<string, string>> {
	const failed = new Map<string, string>();
	for (let i = 0; i < handles.length; i += 10) {
		const chunk = handles.slice(i, i + 10);
		const body = await sqsCall(ctx, 'DeleteMessageBatch', {
			QueueUrl: queueUrl,
			Entries: chunk.map((h, j) => ({ Id: `m${i + j}`, ReceiptHandle: h })),
		});
		for (const f of (Array.isArray(body.Failed) ? body.Failed : []) as IDataObject[]) {
			const idx = Number(String(f.Id).slice(1)) - i;
			if (chunk[idx] !== undefined) failed.set(chunk[idx], `${String(f.Code ?? 'Failed')}: ${String(f.Message ?? '')}`.trim());
		}
	}
	return failed;
}

/** Deletes in batches of 10; returns the receipt handles SQS refused. */
export async function deleteMessages(ctx: SqsContext, queueUrl: string, handles: string[]): Promise<string[]> {
	return [...(await deleteMessageEntries(ctx, queueUrl, handles)).keys()];
}

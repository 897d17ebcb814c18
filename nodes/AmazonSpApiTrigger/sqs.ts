/**
 * Minimal SQS client over the AWS JSON 1.0 protocol (X-Amz-Target: AmazonSQS.<Action>), sent through
 * httpRequestWithAuthentication with credential awsSqsApi, whose `authenticate` signs with SigV4.
 */
import type { IDataObject, IHttpRequestOptions, INode, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

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

export class SqsError extends Error {
	constructor(
		readonly action: string,
		readonly status: number,
		readonly awsType: string,
		message: string,
	) {
		super(`SQS ${action} failed (HTTP ${status}${awsType ? `, ${awsType}` : ''}): ${message}`);
		this.name = 'SqsError';
	}
}

function parseBody(body: unknown): IDataObject {
	if (body === undefined || body === null || body === '') return {};
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as IDataObject;
		} catch {
			return { message: body.slice(0, 500) };
		}
	}
	if (Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
	return body as IDataObject;
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
		const type = String(body.__type ?? '').replace(/^.*#/, '');
		throw new SqsError(action, res.statusCode, type, String(body.message ?? body.Message ?? 'no message'));
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

/** Deletes in batches of 10; returns the receipt handles SQS refused. */
export async function deleteMessages(ctx: SqsContext, queueUrl: string, handles: string[]): Promise<string[]> {
	const failed: string[] = [];
	for (let i = 0; i < handles.length; i += 10) {
		const chunk = handles.slice(i, i + 10);
		const body = await sqsCall(ctx, 'DeleteMessageBatch', {
			QueueUrl: queueUrl,
			Entries: chunk.map((h, j) => ({ Id: `m${i + j}`, ReceiptHandle: h })),
		});
		for (const f of (Array.isArray(body.Failed) ? body.Failed : []) as IDataObject[]) {
			const idx = Number(String(f.Id).slice(1)) - i;
			if (chunk[idx] !== undefined) failed.push(chunk[idx]);
		}
	}
	return failed;
}

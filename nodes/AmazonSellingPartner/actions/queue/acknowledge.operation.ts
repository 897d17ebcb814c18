import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { SqsError, deleteMessageEntries } from '../../../shared/aws/sqs';

/**
 * Deletes the SQS messages behind the items (the SP-API trigger's `sqs` field) once the workflow is done with them:
 * processed, or kept in the dead letter. Until then a message stays in flight and SQS redelivers it after its
 * visibility timeout if the run crashed. Items without an SQS message (backstop poll, dead-letter replays) pass
 * through with `sqsAcknowledged: false`. Output: the input item plus `sqsAcknowledged`.
 */
const properties: INodeProperties[] = [
	{
		displayName: 'SQS Message',
		name: 'message',
		type: 'json',
		default: '={{ $json.sqs }}',
		description:
			'The "sqs" field the Amazon SP-API Trigger puts on every item (queueUrl, receiptHandle, messageId); further down the workflow reach it through an earlier node, e.g. Settings',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['acknowledge'] } }, properties);

function str(v: unknown): string {
	return v === undefined || v === null ? '' : String(v).trim();
}

/** All items at once: DeleteMessageBatch per queue, 10 per request; one result or error per item. */
export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<Array<IDataObject | Error>> {
	const results: Array<IDataObject | Error> = new Array(items.length);
	const byQueue = new Map<string, Array<{ i: number; handle: string }>>();
	for (let i = 0; i < items.length; i++) {
		let m = this.getNodeParameter('message', i, undefined) as unknown;
		if (typeof m === 'string' && m.trim().startsWith('{')) {
			try {
				m = JSON.parse(m) as unknown;
			} catch {
				m = undefined;
			}
		}
		const msg = (m && typeof m === 'object' ? m : {}) as IDataObject;
		const queueUrl = str(msg.queueUrl);
		const handle = str(msg.receiptHandle);
		if (!handle) {
			results[i] = { ...items[i].json, sqsAcknowledged: false };
			continue;
		}
		if (!/^https?:\/\//i.test(queueUrl)) {
			results[i] = new NodeOperationError(this.getNode(), 'The SQS message has no queueUrl', { itemIndex: i });
			continue;
		}
		const list = byQueue.get(queueUrl) ?? [];
		list.push({ i, handle });
		byQueue.set(queueUrl, list);
	}
	for (const [queueUrl, list] of byQueue) {
		let failed: Map<string, string>;
		try {
			failed = await deleteMessageEntries(this, queueUrl, list.map((x) => x.handle));
		} catch (e) {
			for (const x of list) results[x.i] = e as Error;
			continue;
		}
		for (const x of list) {
			const why = failed.get(x.handle);
			results[x.i] = why
				? new SqsError('DeleteMessageBatch', 400, 'EntryFailed', `the message was not deleted (${why}); SQS delivers it again`)
				: { ...items[x.i].json, sqsAcknowledged: true };
		}
	}
	return results;
}

export async function execute(): Promise<INodeExecutionData[]> {
	throw new Error('acknowledge runs for all items at once (executeAll)');
}

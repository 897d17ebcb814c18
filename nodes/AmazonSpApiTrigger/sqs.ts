/** SQS mode: long-poll the queue SP-API notifications are delivered to, dedupe, delete per the chosen mode. */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deleteMessages, receiveMessages, type SqsMessage } from '../shared/aws/sqs';
import { splitList } from '../shared/execution';
import { hasSeen, markSeen, pruneSeen, seenWindow } from '../shared/webhook/dedupe';
import { isEnvelope, normalizeNotification, type NotificationItem } from '../shared/spapi/notifications';
import { asNodeError, budgetDeadline } from './common';

interface SqsState extends IDataObject {
	pendingDeletes?: string[];
	notificationIds?: IDataObject;
}

export async function pollSqs(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const queueUrl = String(this.getNodeParameter('queueUrl', '')).trim();
	if (!/^https?:\/\//i.test(queueUrl)) {
		throw new NodeOperationError(this.getNode(), 'Queue URL must be the full https URL of the queue');
	}
	const types = splitList(this.getNodeParameter('notificationTypes', ''), { upper: true });
	const o = this.getNodeParameter('sqsOptions', {}) as IDataObject;
	const manual = this.getMode() === 'manual';
	const window = seenWindow(o);
	const deleteMode = (o.deleteMode as string | undefined) ?? 'workflow';
	const maxMessages = Math.max(1, Number(o.maxMessages ?? 100));
	const state = this.getWorkflowStaticData('node') as SqsState;
	const deadline = budgetDeadline(this);

	try {
		// 1. At-most-once mode only: messages emitted by the previous poll are deleted now, whatever became of them.
		if (!manual && deleteMode === 'nextPoll' && Array.isArray(state.pendingDeletes) && state.pendingDeletes.length > 0) {
			await deleteMessages(this, queueUrl, state.pendingDeletes);
			state.pendingDeletes = [];
		}

		// 2. Receive (long poll first, then drain without waiting). Nothing is remembered or deleted until every
		//    receive of this poll succeeded: a failure leaves the messages in flight, they come back and are emitted then.
		const items: INodeExecutionData[] = [];
		const emitted: Array<{ key: string; messageId: string; handle: string }> = [];
		const dropHandles: string[] = [];
		const seenThisPoll = new Set<string>();
		let received = 0;
		let first = true;
		while (received < maxMessages && Date.now() < deadline) {
			const want = Math.min(10, maxMessages - received);
			const messages: SqsMessage[] = await receiveMessages(
				this,
				queueUrl,
				want,
				first ? Number(o.waitTimeSeconds ?? 10) : 0,
				manual ? 0 : Number(o.visibilityTimeout ?? 600),
			);
			first = false;
			received += messages.length;
			for (const m of messages) {
				const item = readMessage(m);
				const key = item.notificationId ?? `sqs:${m.MessageId}`;
				item.sqs = {
					queueUrl,
					messageId: m.MessageId,
					receiptHandle: m.ReceiptHandle,
					receiveCount: m.Attributes?.ApproximateReceiveCount ? Number(m.Attributes.ApproximateReceiveCount) : null,
					sentTimestamp: m.Attributes?.SentTimestamp ? new Date(Number(m.Attributes.SentTimestamp)).toISOString() : null,
				};
				// a body we cannot read has no type to filter on: emitted, so the workflow keeps it where it can be seen
				if (types.length > 0 && item.notificationType !== 'UNPARSEABLE' && !types.includes(String(item.notificationType))) {
					if (o.keepFiltered !== true) dropHandles.push(m.ReceiptHandle);
					continue;
				}
				if (seenThisPoll.has(key) || (!manual && isDuplicate(state, key, m.MessageId, deleteMode, window))) {
					dropHandles.push(m.ReceiptHandle); // another copy of a notification already emitted
					continue;
				}
				seenThisPoll.add(key);
				items.push({ json: item });
				emitted.push({ key, messageId: m.MessageId, handle: m.ReceiptHandle });
			}
			if (manual && items.length > 0) break; // a sample is enough
			if (messages.length < want) break;
		}

		// 3. Deletes, then remember what is emitted (only now: an error above emitted nothing and remembered nothing).
		if (!manual) {
			if (dropHandles.length > 0) await deleteMessages(this, queueUrl, dropHandles);
			if (deleteMode === 'immediately') await deleteMessages(this, queueUrl, emitted.map((e) => e.handle));
			else if (deleteMode === 'nextPoll') state.pendingDeletes = emitted.map((e) => e.handle);
			else delete state.pendingDeletes;
			pruneSeen(state, 'notificationIds', window);
			pruneSeen(state, 'messageIds', window);
			for (const e of emitted) {
				markSeen(state, 'notificationIds', e.key, window, false);
				markSeen(state, 'messageIds', e.messageId, window, false);
			}
		}
		return items.length > 0 ? [items] : null;
	} catch (e) {
		throw asNodeError(this.getNode(), e);
	}
}

/** One SQS message as a notification item; a body that is not a notification becomes an UNPARSEABLE item. */
function readMessage(m: SqsMessage): NotificationItem {
	let parsed: unknown;
	let parseError = '';
	try {
		parsed = JSON.parse(m.Body);
	} catch (e) {
		parseError = (e as Error).message;
	}
	// Tolerate an SNS wrapper ({"Type":"Notification","Message":"<json>"}) in case the queue is fed through SNS.
	if (!isEnvelope(parsed) && parsed && typeof (parsed as IDataObject).Message === 'string') {
		try {
			parsed = JSON.parse((parsed as IDataObject).Message as string);
		} catch (e) {
			parseError = (e as Error).message;
		}
	}
	if (isEnvelope(parsed)) return normalizeNotification(parsed, 'sqs');
	return {
		...normalizeNotification({}, 'sqs'),
		notificationType: 'UNPARSEABLE',
		parseError: parseError || 'not an SP-API notification (no NotificationType / Payload)',
		body: m.Body.slice(0, 100000),
	} as NotificationItem;
}

/**
 * Was this notification emitted before? "workflow" mode: the same SQS message coming back means it was never
 * acknowledged (the run crashed or took longer than the visibility timeout): emit it again (every write downstream is
 * idempotent). Another copy of an emitted notification (SQS delivers at least once) is a duplicate.
 */
function isDuplicate(state: SqsState, key: string, messageId: string, deleteMode: string, window: { windowMs: number; maxEntries: number }): boolean {
	if (!hasSeen(state, 'notificationIds', key, window)) return false;
	if (deleteMode === 'workflow' && hasSeen(state, 'messageIds', messageId, window)) return false;
	return true;
}

import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { PAGES, SpApiClient, SpApiError, paginate } from '../shared/spapi';
import { SqsError, deleteMessages, receiveMessages, toNodeError, type SqsMessage } from '../shared/aws/sqs';
import { redactText, splitList } from '../shared/execution';
import { hasSeen, markSeen, pruneSeen } from '../shared/webhook/dedupe';
import { isEnvelope, normalizeNotification, orderToOrderChangeEnvelope, type NotificationItem } from '../shared/spapi/notifications';

const MINUTE = 60 * 1000;

interface SqsState extends IDataObject {
	pendingDeletes?: string[];
	notificationIds?: IDataObject;
}

interface BackstopState extends IDataObject {
	watermark?: string;
	emitted?: IDataObject;
	resume?: { token: string; after: string; before: string };
}

export class AmazonSpApiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon SP-API Trigger',
		name: 'amazonSpApiTrigger',
		icon: { light: 'file:amazonSpApiTrigger.svg', dark: 'file:amazonSpApiTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["mode"] === "backstop" ? "orders backstop poll" : "SQS queue"}}',
		description:
			'Starts the workflow on Amazon SP-API notifications read from your SQS queue (ORDER_CHANGE, FEED_PROCESSING_FINISHED, ...), or on orders found by a searchOrders backstop poll',
		defaults: { name: 'Amazon SP-API Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'awsSqsApi', required: true, displayOptions: { show: { mode: ['sqs'] } } },
			{ name: 'amazonSpApi', required: true, displayOptions: { show: { mode: ['backstop'] } } },
		],
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'SQS Queue',
						value: 'sqs',
						description: 'Long-poll the SQS queue SP-API delivers notifications to, then delete what was emitted',
					},
					{
						name: 'Orders Backstop Poll',
						value: 'backstop',
						description:
							'Poll searchOrders (Orders 2026-01-01) by lastUpdatedAfter and emit ORDER_CHANGE-shaped items, for orders a notification missed',
					},
				],
				default: 'sqs',
			},
			{
				displayName:
					'For EventBridge delivery (LISTINGS_ITEM_* and other EventBridge-only types) use the "Amazon SP-API EventBridge Trigger" node',
				name: 'eventBridgeNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { mode: ['sqs'] } },
			},
			{
				displayName: 'Queue URL',
				name: 'queueUrl',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'https://sqs.us-east-1.amazonaws.com/123456789012/sp-api-notifications',
				displayOptions: { show: { mode: ['sqs'] } },
			},
			{
				displayName: 'Notification Types',
				name: 'notificationTypes',
				type: 'string',
				default: '',
				placeholder: 'ORDER_CHANGE, FEED_PROCESSING_FINISHED',
				description:
					'Comma-separated types to emit. Empty emits all. Messages of other types are deleted from the queue unless "Keep Filtered-Out Messages" is on.',
				displayOptions: { show: { mode: ['sqs'] } },
			},
			{
				displayName: 'Marketplace IDs',
				name: 'marketplaceIds',
				type: 'string',
				default: '',
				placeholder: 'ATVPDKIKX0DER',
				description: 'Comma-separated marketplaces to search. Empty uses those of the credential.',
				displayOptions: { show: { mode: ['backstop'] } },
			},
			{
				displayName: 'SQS Options',
				name: 'sqsOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { mode: ['sqs'] } },
				options: [
					{
						displayName: 'Dedupe Max Entries',
						name: 'dedupeMaxEntries',
						type: 'number',
						typeOptions: { minValue: 10 },
						default: 10000,
					},
					{
						displayName: 'Dedupe Window (Minutes)',
						name: 'dedupeWindowMinutes',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1440,
						description: 'How long a NotificationId is remembered to drop redeliveries (SQS delivers at least once)',
					},
					{
						displayName: 'Delete Messages',
						name: 'deleteMode',
						type: 'options',
						options: [
							{
								name: 'When the Workflow Acknowledges Them',
								value: 'workflow',
								description:
									'Emitted messages stay in flight until the Amazon Selling Partner node\'s "Acknowledge SQS Messages" deletes them (item done or kept in the dead letter); a crash redelivers them',
							},
							{
								name: 'At the Next Poll (At Most Once)',
								value: 'nextPoll',
								description: 'Deleted at the start of the next poll whatever the workflow did: a failed item is lost',
							},
							{
								name: 'Right After Receiving (At Most Once)',
								value: 'immediately',
								description: 'Deleted within this poll, before the workflow runs: a failed item is lost',
							},
						],
						default: 'workflow',
					},
					{
						displayName: 'Keep Filtered-Out Messages',
						name: 'keepFiltered',
						type: 'boolean',
						default: false,
						description: 'Whether to leave messages of other notification types in the queue (for another consumer)',
					},
					{
						displayName: 'Max Messages per Poll',
						name: 'maxMessages',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 100,
					},
					{
						displayName: 'Visibility Timeout (Seconds)',
						name: 'visibilityTimeout',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 43200 },
						default: 600,
						description: 'How long received messages stay hidden; keep it above the poll interval when deleting at the next poll',
					},
					{
						displayName: 'Wait Time (Seconds)',
						name: 'waitTimeSeconds',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 20 },
						default: 10,
						description: 'Long-poll wait of the first ReceiveMessage call (0-20)',
					},
				],
			},
			{
				displayName: 'Backstop Options',
				name: 'backstopOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { mode: ['backstop'] } },
				options: [
					{
						displayName: 'Fulfilled By',
						name: 'fulfilledBy',
						type: 'options',
						options: [
							{ name: 'Any', value: '' },
							{ name: 'Amazon (AFN)', value: 'AMAZON' },
							{ name: 'Merchant (MFN)', value: 'MERCHANT' },
						],
						default: '',
					},
					{
						displayName: 'Initial Lookback (Minutes)',
						name: 'initialLookbackMinutes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 60,
						description: 'On the first poll, look this far back before the lag edge',
					},
					{
						displayName: 'Lag (Minutes)',
						name: 'lagMinutes',
						type: 'number',
						typeOptions: { minValue: 2 },
						default: 2,
						description: 'LastUpdatedBefore = now minus this (Amazon requires at least 2 minutes)',
					},
					{
						displayName: 'Max Pages per Poll',
						name: 'maxPages',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 20,
						description: 'SearchOrders allows 0.0056 requests/s after a burst of 20; the rest continues at the next poll',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const mode = this.getNodeParameter('mode', 'sqs') as string;
		if (mode === 'backstop') return await pollBackstop.call(this);
		return await pollSqs.call(this);
	}
}

/** n8n errors pass through; SP-API and SQS errors become NodeApiError with their HTTP status (token shapes redacted). */
function asNodeError(node: INode, e: unknown): NodeApiError | NodeOperationError {
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

function budgetDeadline(ctx: IPollFunctions): number {
	const getBudget = (ctx as { getPollBudgetMs?: () => number }).getPollBudgetMs;
	const budget = typeof getBudget === 'function' ? getBudget.call(ctx) : Number.POSITIVE_INFINITY;
	return Date.now() + (Number.isFinite(budget) && budget > 0 ? budget * 0.8 : 10 * MINUTE);
}

async function pollSqs(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const queueUrl = String(this.getNodeParameter('queueUrl', '')).trim();
	if (!/^https?:\/\//i.test(queueUrl)) {
		throw new NodeOperationError(this.getNode(), 'Queue URL must be the full https URL of the queue');
	}
	const types = splitList(this.getNodeParameter('notificationTypes', ''), { upper: true });
	const o = this.getNodeParameter('sqsOptions', {}) as IDataObject;
	const manual = this.getMode() === 'manual';
	const window = {
		windowMs: Number(o.dedupeWindowMinutes ?? 1440) * MINUTE,
		maxEntries: Number(o.dedupeMaxEntries ?? 10000),
	};
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

async function pollBackstop(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const o = this.getNodeParameter('backstopOptions', {}) as IDataObject;
	const manual = this.getMode() === 'manual';
	const lagMs = Math.max(2, Number(o.lagMinutes ?? 2)) * MINUTE;
	const state = this.getWorkflowStaticData('node') as BackstopState;
	const now = Date.now();
	const edge = new Date(now - lagMs).toISOString();

	let client: SpApiClient;
	try {
		client = await SpApiClient.create(this);
	} catch (e) {
		throw new NodeOperationError(this.getNode(), e as Error);
	}
	const marketplaceIds = splitList(this.getNodeParameter('marketplaceIds', ''));
	const markets = marketplaceIds.length > 0 ? marketplaceIds : client.marketplaceIds;
	if (markets.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No marketplace IDs: set them on the node or in the Amazon SP-API credential');
	}
	const baseQuery: IDataObject = {
		marketplaceIds: markets,
		maxResultsPerPage: 100,
		includedData: ['FULFILLMENT'],
	};
	if (o.fulfilledBy) baseQuery.fulfilledBy = o.fulfilledBy;

	const publishTime = new Date(now).toISOString();
	const toItem = (order: IDataObject): INodeExecutionData => ({
		json: normalizeNotification(orderToOrderChangeEnvelope(order, client.sellerId || null, publishTime), 'backstop'),
	});

	try {
		if (manual) {
			// A sample for the editor: the most recent orders of the last week, state untouched.
			const res = await client.call<IDataObject>('orders2026.searchOrders', {
				query: {
					...baseQuery,
					maxResultsPerPage: 10,
					lastUpdatedAfter: new Date(now - 7 * 24 * 60 * MINUTE).toISOString(),
					lastUpdatedBefore: edge,
				},
			});
			const orders = (Array.isArray(res.body.orders) ? res.body.orders : []) as IDataObject[];
			return orders.length > 0 ? [orders.slice(-5).map(toItem)] : null;
		}

		// Resume an unfinished window (same after/before, continuation token), or start the next one.
		let after: string;
		let before: string;
		let token: string | undefined;
		if (state.resume && state.resume.token) {
			({ after, before, token } = state.resume);
		} else {
			const initial = new Date(now - lagMs - Math.max(0, Number(o.initialLookbackMinutes ?? 60)) * MINUTE).toISOString();
			after = state.watermark ?? initial;
			before = edge;
			if (Date.parse(before) <= Date.parse(after)) return null;
		}
		const query: IDataObject = { ...baseQuery, lastUpdatedAfter: after, lastUpdatedBefore: before };
		if (token) query.paginationToken = token;
		const page = await paginate(client, 'orders2026.searchOrders', { query }, PAGES['orders2026.searchOrders'], {
			returnAll: true,
			maxPages: Math.max(1, Number(o.maxPages ?? 20)),
		});

		// lastUpdatedAfter is inclusive: orders at the watermark come back; drop (orderId, lastUpdatedTime) already emitted.
		const window = { windowMs: 3 * 24 * 60 * MINUTE, maxEntries: 50000, now };
		const items: INodeExecutionData[] = [];
		pruneSeen(state, 'emitted', window);
		for (const order of page.records) {
			const key = `${String(order.orderId)}@${String(order.lastUpdatedTime)}`;
			if (hasSeen(state, 'emitted', key, window)) continue;
			markSeen(state, 'emitted', key, window, false);
			items.push(toItem(order));
		}
		pruneSeen(state, 'emitted', window);
		if (page.nextToken) {
			state.resume = { token: page.nextToken, after, before };
		} else {
			delete state.resume;
			state.watermark = before;
		}
		return items.length > 0 ? [items] : null;
	} catch (e) {
		throw asNodeError(this.getNode(), e);
	}
}

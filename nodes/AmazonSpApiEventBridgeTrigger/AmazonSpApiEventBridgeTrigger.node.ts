import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { dedupeOptionFields, hasSeen, markSeen, seenWindow } from '../shared/webhook/dedupe';
import { externallyRegisteredWebhook } from '../shared/webhook/lifecycle';
import { authenticationField, checkWebhookAuth, reply, testWebhookCredential, type HttpHeaders } from '../shared/webhook/auth';
import { splitList } from '../shared/execution';
import { isEnvelope, normalizeNotification, prop } from '../shared/spapi/notifications';

const MB = 1024 * 1024;

/**
 * Receives SP-API notifications that an EventBridge rule forwards to an API destination
 * (EventBridge-only types such as LISTINGS_ITEM_STATUS_CHANGE, LISTINGS_ITEM_MFN_QUANTITY_CHANGE).
 * Separate from the polling "Amazon SP-API Trigger" because one n8n node cannot be both a poller and a webhook cleanly.
 */
export class AmazonSpApiEventBridgeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon SP-API EventBridge Trigger',
		name: 'amazonSpApiEventBridgeTrigger',
		icon: { light: 'file:amazonSpApiEventBridgeTrigger.svg', dark: 'file:amazonSpApiEventBridgeTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["notificationTypes"] || "all notification types"}}',
		description: 'Starts the workflow when an Amazon EventBridge API destination delivers an SP-API notification',
		defaults: { name: 'Amazon SP-API EventBridge Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'amazonEventBridgeWebhookApi',
				required: true,
				testedBy: 'amazonEventBridgeWebhookApiTest',
				displayOptions: { show: { authentication: ['credential'] } },
			},
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'sp-api-events' }],
		properties: [
			{
				displayName:
					'In AWS, create an EventBridge connection (API key header or Basic, matching the credential) and an API destination with this URL, then a rule on the SP-API partner event bus whose target is that API destination',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			authenticationField,
			{
				displayName: 'Notification Types',
				name: 'notificationTypes',
				type: 'string',
				default: '',
				placeholder: 'LISTINGS_ITEM_STATUS_CHANGE, LISTINGS_ITEM_MFN_QUANTITY_CHANGE',
				description: 'Comma-separated detail-types to emit; empty emits all. Others are acknowledged with 200 and not emitted.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					...dedupeOptionFields({ window: 'How long a NotificationId (or event ID) is remembered; EventBridge retries deliver at least once' }),
					{
						displayName: 'Max Body Size (MB)',
						name: 'maxBodyMb',
						type: 'number',
						typeOptions: { minValue: 0.001 },
						default: 1,
					},
				],
			},
		],
	};

	methods = {
		credentialTest: {
			amazonEventBridgeWebhookApiTest: testWebhookCredential,
		},
	};

	// The API destination is created in AWS by the user; nothing to register from n8n.
	webhookMethods = externallyRegisteredWebhook;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const options = this.getNodeParameter('options', {}) as IDataObject;
		if (this.getNodeParameter('authentication', 'credential') === 'credential') {
			const credentials = await this.getCredentials('amazonEventBridgeWebhookApi');
			const auth = checkWebhookAuth(this.getHeaderData() as HttpHeaders, credentials);
			if (!auth.ok) {
				return reply(this, 401, { error: 'Unauthorized' }, auth.challenge ? { 'WWW-Authenticate': auth.challenge } : {});
			}
		}
		if (req.rawBody === undefined && typeof req.readRawBody === 'function') await req.readRawBody();
		const raw: Buffer | undefined = req.rawBody;
		const maxBytes = Math.floor(Number(options.maxBodyMb ?? 1) * MB);
		if (raw && raw.length > maxBytes) return reply(this, 413, { error: 'Payload Too Large' });

		let event: unknown = this.getBodyData();
		if (raw && raw.length > 0 && (!event || Object.keys(event as object).length === 0)) {
			try {
				event = JSON.parse(raw.toString('utf8'));
			} catch (e) {
				return reply(this, 400, { error: 'Bad Request', message: `Invalid JSON: ${(e as Error).message}` });
			}
		}
		const detail = prop(event, 'detail');
		const detailType = prop(event, 'detail-type');
		if (typeof detailType !== 'string' || !isEnvelope(detail)) {
			return reply(this, 400, {
				error: 'Bad Request',
				message: 'Expected an EventBridge event with "detail-type" and an SP-API notification in "detail"',
			});
		}

		const item = normalizeNotification(detail, 'eventbridge');
		item.notificationType = item.notificationType ?? detailType;
		item.eventBridge = {
			id: (prop(event, 'id') as string | undefined) ?? null,
			detailType,
			source: (prop(event, 'source') as string | undefined) ?? null,
			account: (prop(event, 'account') as string | undefined) ?? null,
			region: (prop(event, 'region') as string | undefined) ?? null,
			time: (prop(event, 'time') as string | undefined) ?? null,
		};

		const types = splitList(this.getNodeParameter('notificationTypes', ''), { upper: true });
		if (types.length > 0 && !types.includes(String(item.notificationType).toUpperCase())) {
			return { webhookResponse: { received: true, emitted: false, reason: 'filtered by notification type' } };
		}
		const key = item.notificationId ?? `event:${String((item.eventBridge as IDataObject).id)}`;
		const store = this.getWorkflowStaticData('node');
		const window = seenWindow(options);
		if (hasSeen(store, 'notificationIds', key, window)) {
			return { webhookResponse: { received: true, emitted: false, reason: 'duplicate' } };
		}
		markSeen(store, 'notificationIds', key, window);
		return { workflowData: [[{ json: item }]] };
	}
}

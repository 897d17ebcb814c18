import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { DEFAULT_MAX_NODES, DEFAULT_MAX_TEXT_LENGTH, type XmlDocument } from '../shared/xml';
import { readBod } from './bod';
import { BodyError, bodyText, readIonBody, type BodyFormat } from './body';
import { checkTimeZone } from './dates';
import {
	EXTRACT_NOUNS,
	SALES_ORDER_PATH_DEFAULTS,
	SHIPMENT_PATH_DEFAULTS,
	extractFor,
	type SalesOrderPaths,
	type ShipmentPaths,
} from './extract';
import { splitList } from '../shared/execution';
import { hasSeen, markSeen, pruneSeen } from '../shared/webhook/dedupe';
import { checkWebhookAuth, reply, testWebhookCredential, type HttpHeaders } from '../shared/webhook/auth';

const MB = 1024 * 1024;

/** `lid://infor.m3.m3` or `infor.m3.*`; compared trimmed, case-insensitively, with or without `lid://`. */
export function logicalIdMatches(logicalId: string | null, patterns: string[]): boolean {
	if (patterns.length === 0) return true;
	if (!logicalId) return false;
	const norm = (s: string) => s.trim().toLowerCase().replace(/^lid:\/\//, '');
	const id = norm(logicalId);
	return patterns.some((p) => {
		const re = new RegExp(
			'^' +
				norm(p)
					.split('*')
					.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
					.join('.*') +
				'$',
		);
		return re.test(id);
	});
}

function pathsFrom<T extends Record<string, string>>(defaults: T, given: unknown): T {
	const out = { ...defaults };
	if (given && typeof given === 'object') {
		for (const [k, v] of Object.entries(given as IDataObject)) {
			if (k in out && typeof v === 'string' && v.trim() !== '') (out as Record<string, string>)[k] = v;
		}
	}
	return out;
}

const shipmentPathFields = Object.entries(SHIPMENT_PATH_DEFAULTS).map(([name, def]) => ({
	displayName: name.replace(/^./, (c) => c.toUpperCase()).replace(/([a-z])([A-Z])/g, '$1 $2'),
	name,
	type: 'string' as const,
	default: def,
	description: name.startsWith('line')
		? 'Path(s) relative to each line element and each package line; comma-separated alternatives, the first that yields a value wins'
		: name.startsWith('package') && name !== 'packages'
			? 'Path(s) relative to each package (ShipmentUnit); comma-separated alternatives, the first that yields a value wins'
			: 'Path(s) relative to DataArea/Shipment; comma-separated alternatives, the first that yields a value wins',
}));

const salesOrderPathFields = Object.entries(SALES_ORDER_PATH_DEFAULTS).map(([name, def]) => ({
	displayName: name.replace(/^./, (c) => c.toUpperCase()).replace(/([a-z])([A-Z])/g, '$1 $2'),
	name,
	type: 'string' as const,
	default: def,
	description: name.startsWith('line')
		? 'Path(s) relative to each line element; comma-separated alternatives, the first that yields a value wins'
		: 'Path(s) relative to DataArea/SalesOrder; comma-separated alternatives, the first that yields a value wins',
}));

export class InforIonTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Infor ION Trigger',
		name: 'inforIonTrigger',
		icon: { light: 'file:inforIonTrigger.svg', dark: 'file:inforIonTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["nouns"] || "all BODs"}}',
		description:
			'Starts the workflow when Infor ION (API connection point) delivers a BOD, e.g. Sync.Shipment or Sync.SalesOrder from M3',
		defaults: { name: 'Infor ION Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'inforIonWebhookApi',
				required: true,
				testedBy: 'inforIonWebhookApiTest',
				displayOptions: { show: { authentication: ['credential'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'ion',
			},
		],
		properties: [
			{
				displayName:
					'In ION Desk, create an API connection point (or "Send to API" action) whose target is this webhook URL, with target-endpoint security "API Key" or "Basic" matching the credential, and send the documents (BOD, or "JSON from BOD") you want here',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'API Key or Basic (Credential)', value: 'credential' },
					{ name: 'None (Not Recommended)', value: 'none' },
				],
				default: 'credential',
				description: 'How callers must prove who they are. Without a credential anyone who knows the URL can start the workflow.',
			},
			{
				displayName: 'Body Format',
				name: 'bodyFormat',
				type: 'options',
				options: [
					{ name: 'Auto-Detect', value: 'auto', description: 'XML when the body starts with "<", JSON when it starts with "{"' },
					{ name: 'BOD XML', value: 'xml' },
					{ name: 'JSON From BOD', value: 'json' },
				],
				default: 'auto',
			},
			{
				displayName: 'Nouns',
				name: 'nouns',
				type: 'string',
				default: '',
				placeholder: 'Shipment, SalesOrder',
				description: 'Comma-separated nouns to accept (case-insensitive). Empty accepts all. Other BODs are acknowledged with 200 and not emitted.',
			},
			{
				displayName: 'Verbs',
				name: 'verbs',
				type: 'string',
				default: '',
				placeholder: 'Sync, Process',
				description: 'Comma-separated verbs to accept (case-insensitive). Empty accepts all.',
			},
			{
				displayName: 'Sender Logical IDs',
				name: 'logicalIds',
				type: 'string',
				default: '',
				placeholder: 'lid://infor.m3.m3, lid://infor.m3be.*',
				description: 'Comma-separated ApplicationArea/Sender/LogicalID patterns (* = wildcard; trimmed; "lid://" optional). Empty accepts all.',
			},
			{
				displayName: 'Accounting Entities',
				name: 'accountingEntities',
				type: 'string',
				default: '',
				placeholder: '100_AAA',
				description: 'Comma-separated AccountingEntityID values (M3: CONO_DIVI). Empty accepts all.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Dedupe Max Entries',
						name: 'dedupeMaxEntries',
						type: 'number',
						typeOptions: { minValue: 10 },
						default: 10000,
						description: 'Upper bound of remembered BODIDs (oldest forgotten first)',
					},
					{
						displayName: 'Dedupe Window (Minutes)',
						name: 'dedupeWindowMinutes',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1440,
					},
					{
						displayName: 'Drop Duplicate BODIDs',
						name: 'dedupe',
						type: 'boolean',
						default: true,
						description: 'Whether to emit a BODID only once within the window (BODs without BODID are keyed by a hash of the body)',
					},
					{
						displayName: 'Drop Stale Variations',
						name: 'dropStale',
						type: 'boolean',
						default: true,
						description: 'Whether to drop a BOD whose DocumentID/@variationID is lower than one already seen for the same noun and document ID',
					},
					{
						displayName: 'Include Normalised Extract',
						name: 'includeExtract',
						type: 'boolean',
						default: true,
						description: `Whether to add "extract", a normalised view of fixed shape, for the nouns ${EXTRACT_NOUNS.join(', ')} (see docs/contracts.md)`,
					},
					{
						displayName: 'Include Raw Body',
						name: 'includeRaw',
						type: 'boolean',
						default: false,
						description: 'Whether to add the received body as text in "raw"',
					},
					{
						displayName: 'Max Body Size (MB)',
						name: 'maxBodyMb',
						type: 'number',
						typeOptions: { minValue: 0.001 },
						default: 10,
						description: 'Larger bodies are refused with 413. (n8n itself refuses bodies over N8N_PAYLOAD_SIZE_MAX, default 16 MB.).',
					},
					{
						displayName: 'Max Text Length',
						name: 'maxTextLength',
						type: 'number',
						typeOptions: { minValue: 1024 },
						default: DEFAULT_MAX_TEXT_LENGTH,
						description: 'Longest text or attribute value (characters); longer is refused with 413',
					},
					{
						displayName: 'Max XML Depth',
						name: 'maxDepth',
						type: 'number',
						typeOptions: { minValue: 8 },
						default: 256,
					},
					{
						displayName: 'Max XML Nodes',
						name: 'maxNodes',
						type: 'number',
						typeOptions: { minValue: 100 },
						default: DEFAULT_MAX_NODES,
						description:
							'Most elements + attributes + text runs (JSON: values and members) a body may have; more is refused with 413. The default keeps a hostile 10 MB body under 4x its size in memory; each node costs about 100-200 bytes.',
					},
					{
						displayName: 'Time Zone of Dates Without Offset',
						name: 'timeZone',
						type: 'string',
						default: 'UTC',
						placeholder: 'Europe/Stockholm',
						description:
							'Time zone in which BOD dates without a zone (e.g. 2026-11-29T10:00:00 or 2026-11-29) are read: an IANA name, a fixed offset such as +01:00, or UTC',
					},
				],
			},
			{
				displayName: 'Shipment Paths',
				name: 'shipmentPaths',
				type: 'collection',
				placeholder: 'Override a Path',
				default: {},
				description: 'Where the Shipment extract reads its fields (defaults from ion-bods.md §2.2/§8; override after checking a real BOD of your tenant)',
				options: shipmentPathFields,
			},
			{
				displayName: 'Sales Order Paths',
				name: 'salesOrderPaths',
				type: 'collection',
				placeholder: 'Override a Path',
				default: {},
				description: 'Where the SalesOrder extract reads its fields (defaults from ion-bods.md §3.2/§8)',
				options: salesOrderPathFields,
			},
		],
	};

	methods = {
		credentialTest: {
			inforIonWebhookApiTest: testWebhookCredential,
		},
	};

	webhookMethods = {
		default: {
			// ION calls the URL through an admin-made connection point; there is nothing to register remotely.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				return data.webhookUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				data.webhookUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				delete data.webhookUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const headers = this.getHeaderData() as HttpHeaders;
		const options = this.getNodeParameter('options', {}) as IDataObject;

		// 1. Authenticate the caller before reading anything else.
		if (this.getNodeParameter('authentication', 'credential') === 'credential') {
			const credentials = await this.getCredentials('inforIonWebhookApi');
			const auth = checkWebhookAuth(headers, credentials);
			if (!auth.ok) {
				return reply(this, 401, { error: 'Unauthorized' }, auth.challenge ? { 'WWW-Authenticate': auth.challenge } : {});
			}
		}

		// 2. Body: n8n has already inflated Content-Encoding gzip/deflate into rawBody (see README).
		if (req.rawBody === undefined && typeof req.readRawBody === 'function') await req.readRawBody();
		const raw: Buffer = req.rawBody ?? Buffer.alloc(0);
		const timeZone = String(options.timeZone ?? 'UTC').trim() || 'UTC';
		try {
			checkTimeZone(timeZone);
		} catch (e) {
			// A setting of this node, not the caller's fault: 500 so ION retries once it is fixed.
			return reply(this, 500, { error: 'Internal Server Error', message: (e as Error).message });
		}

		// 3. Read: format, strict decoding, size budgets, BOD shape (body.ts).
		let format: BodyFormat;
		let doc: XmlDocument;
		try {
			({ format, doc } = readIonBody(raw, {
				format: this.getNodeParameter('bodyFormat', 'auto') as 'auto' | BodyFormat,
				contentType: headers['content-type'],
				limits: {
					maxBytes: Math.floor(Number(options.maxBodyMb ?? 10) * MB),
					maxDepth: Number(options.maxDepth ?? 256),
					maxNodes: Number(options.maxNodes ?? DEFAULT_MAX_NODES),
					maxTextLength: Number(options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH),
				},
			}));
		} catch (e) {
			if (e instanceof BodyError) return reply(this, e.status, e.toResponse());
			return reply(this, 500, { error: 'Internal Server Error', message: `Reading the body failed: ${(e as Error).message}` });
		}

		const bod = readBod(doc, raw, timeZone);
		const env = bod.envelope;

		// 4. Filters.
		const nouns = splitList(this.getNodeParameter('nouns', '')).map((s) => s.toLowerCase());
		const verbs = splitList(this.getNodeParameter('verbs', '')).map((s) => s.toLowerCase());
		const lids = splitList(this.getNodeParameter('logicalIds', ''));
		const aes = splitList(this.getNodeParameter('accountingEntities', ''));
		const rejected =
			(nouns.length > 0 && !nouns.includes((env.noun ?? '').toLowerCase()) && 'noun') ||
			(verbs.length > 0 && !verbs.includes((env.verb ?? '').toLowerCase()) && 'verb') ||
			(!logicalIdMatches(env.logicalId, lids) && 'logicalId') ||
			(aes.length > 0 && !aes.includes(env.accountingEntity ?? '') && 'accountingEntity') ||
			null;
		if (rejected) {
			return { webhookResponse: { received: true, emitted: false, reason: `filtered by ${rejected}`, bodId: env.bodId } };
		}

		// 5. Dedupe (BODID within a window) and stale variations, in the workflow's static data. Only checked here:
		//    the BODID and variation are remembered after the item is built (step 7), so a delivery we answer with an
		//    error is emitted when ION sends it again, never taken for a duplicate.
		const store = this.getWorkflowStaticData('node');
		const windowOpts = {
			windowMs: Number(options.dedupeWindowMinutes ?? 1440) * 60 * 1000,
			maxEntries: Number(options.dedupeMaxEntries ?? 10000),
		};
		if (options.dedupe !== false) {
			if (hasSeen(store, 'bodIds', env.dedupeKey, windowOpts)) {
				return { webhookResponse: { received: true, emitted: false, reason: 'duplicate', bodId: env.bodId } };
			}
		}
		const variation = env.variationId !== null ? Number(env.variationId) : NaN;
		const docKey = env.noun && env.documentId ? `${env.noun}|${env.accountingEntity ?? ''}|${env.documentId}` : null;
		const trackVariation = options.dropStale !== false && docKey !== null && Number.isFinite(variation);
		if (trackVariation) {
			pruneSeen(store, 'variationSeenAt', windowOpts);
			const seenAt = store.variationSeenAt as IDataObject;
			const variations = (store.variations ?? (store.variations = {})) as IDataObject;
			// Forget variations of documents not seen within the window (keeps static data bounded).
			for (const k of Object.keys(variations)) if (!Object.prototype.hasOwnProperty.call(seenAt, k)) delete variations[k];
			const known = Object.prototype.hasOwnProperty.call(variations, docKey) ? variations[docKey] : undefined;
			if (typeof known === 'number' && variation < known) {
				return {
					webhookResponse: { received: true, emitted: false, reason: 'stale variationID', bodId: env.bodId, latestVariationId: known },
				};
			}
		}
		const remember = (): void => {
			if (trackVariation && docKey !== null) {
				const variations = (store.variations ?? (store.variations = {})) as IDataObject;
				const known = Object.prototype.hasOwnProperty.call(variations, docKey) ? variations[docKey] : undefined;
				variations[docKey] = typeof known === 'number' ? Math.max(known, variation) : variation;
				markSeen(store, 'variationSeenAt', docKey, windowOpts);
			}
			if (options.dedupe !== false) markSeen(store, 'bodIds', env.dedupeKey, windowOpts);
		};

		// 6. Output.
		const json: IDataObject = {
			verb: env.verb,
			noun: env.noun,
			bodType: env.bodType,
			bodId: env.bodId,
			logicalId: env.logicalId,
			componentId: env.componentId,
			accountingEntity: env.accountingEntity,
			location: env.location,
			actionCode: env.actionCode,
			creationDateTime: env.creationDateTime,
			creationDateTimeIso: env.creationDateTimeIso,
			documentId: env.documentId,
			variationId: env.variationId,
			tenantId: env.tenantId,
			originalBodId: env.originalBodId,
			nounCount: env.nounCount,
			releaseId: env.releaseId,
			versionId: env.versionId,
			namespace: env.namespace,
			format,
			dataArea: bod.dataArea as unknown as JsonObject,
		};
		if (options.includeExtract !== false && env.noun) {
			try {
				const extract = extractFor(env.noun, bod.nounElements, {
					timeZone,
					shipmentPaths: pathsFrom<ShipmentPaths>(SHIPMENT_PATH_DEFAULTS, this.getNodeParameter('shipmentPaths', {})),
					salesOrderPaths: pathsFrom<SalesOrderPaths>(SALES_ORDER_PATH_DEFAULTS, this.getNodeParameter('salesOrderPaths', {})),
				});
				if (extract !== null) json.extract = extract as IDataObject;
			} catch (e) {
				// A path typed into the node's settings could not be read: tell the caller, emit nothing.
				return reply(this, 500, { error: 'Internal Server Error', message: `Extraction path: ${(e as Error).message}` });
			}
		}
		if (options.includeRaw === true) json.raw = bodyText(raw, format, headers['content-type']);
		const item: INodeExecutionData = { json };
		// 7. Handed to n8n: from now on a redelivery of this BODID is a duplicate.
		remember();
		return { workflowData: [[item]] };
	}
}

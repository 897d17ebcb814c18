import type {
	IDataObject,
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
import { properties } from './properties';
import {
	SALES_ORDER_PATH_DEFAULTS,
	SHIPMENT_PATH_DEFAULTS,
	extractFor,
	type SalesOrderPaths,
	type ShipmentPaths,
} from './extract';
import { logicalIdMatches, pathsFrom } from './filters';
import { JSON_FILE, XML_FILE, binaryFile, fileNamePart } from '../shared/binary';
import { splitList } from '../shared/execution';
import { hasSeen, markSeen, pruneSeen, seenWindow } from '../shared/webhook/dedupe';
import { externallyRegisteredWebhook } from '../shared/webhook/lifecycle';
import { checkWebhookAuth, reply, testWebhookCredential, type HttpHeaders } from '../shared/webhook/auth';

export { logicalIdMatches } from './filters';

const MB = 1024 * 1024;

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
		properties,
	};

	methods = {
		credentialTest: {
			inforIonWebhookApiTest: testWebhookCredential,
		},
	};

	// ION calls the URL through an admin-made connection point; there is nothing to register remotely.
	webhookMethods = externallyRegisteredWebhook;

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
		const windowOpts = seenWindow(options);
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
		if (options.rawBinary === true) {
			// The bytes as received (n8n has only undone Content-Encoding); n8n keeps them where its binary data mode says.
			const kind = format === 'xml' ? XML_FILE : JSON_FILE;
			const fileName = `${fileNamePart(env.noun, 'bod')}-${fileNamePart(env.dedupeKey, 'bod')}.${kind.extension}`;
			try {
				item.binary = await binaryFile(this, options.binaryPropertyName, raw, fileName, kind);
			} catch (e) {
				// Nothing remembered: ION's retry is emitted once binary data can be stored again.
				return reply(this, 500, { error: 'Internal Server Error', message: `Storing the raw BOD as binary data failed: ${(e as Error).message}` });
			}
		}
		// 7. Handed to n8n: from now on a redelivery of this BODID is a duplicate.
		remember();
		return { workflowData: [[item]] };
	}
}

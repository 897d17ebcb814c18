import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { childElements, firstChild, parseXml, textContent, type XmlElement } from '../xml';
import type { SpApiClient, SpApiContext } from './client';
import { SpApiError } from './errors';

/**
 * Feeds 2021-06-30 flow: createFeedDocument -> PUT the content to the presigned URL (no SP-API auth header: the
 * URL carries its own signature) -> createFeed; getFeed polling; getFeedDocument + download + report parsing.
 */
export const FEED_DONE_STATES = ['DONE', 'FATAL', 'CANCELLED'];

export interface SubmitFeedInput {
	feedType: string;
	marketplaceIds: string[];
	content: Buffer | string;
	contentType: string;
	feedOptions?: IDataObject;
}

export interface SubmitFeedResult {
	feedId: string;
	feedDocumentId: string;
	feedType: string;
	marketplaceIds: string[];
	contentType: string;
	bytes: number;
}

export async function submitFeed(ctx: SpApiContext, client: SpApiClient, input: SubmitFeedInput): Promise<SubmitFeedResult> {
	const doc = await client.call<{ feedDocumentId: string; url: string }>('feeds.createFeedDocument', {
		body: { contentType: input.contentType },
	});
	const { feedDocumentId, url } = doc.body;
	if (!feedDocumentId || !url) {
		throw new SpApiError({ operation: 'feeds.createFeedDocument', status: doc.status, message: 'createFeedDocument returned no feedDocumentId/url', requestId: doc.requestId });
	}
	const bytes = typeof input.content === 'string' ? Buffer.from(input.content, 'utf8') : input.content;
	await uploadDocument(ctx, url, bytes, input.contentType);
	const body: IDataObject = {
		feedType: input.feedType,
		marketplaceIds: input.marketplaceIds,
		inputFeedDocumentId: feedDocumentId,
	};
	if (input.feedOptions && Object.keys(input.feedOptions).length) body.feedOptions = input.feedOptions;
	const feed = await client.call<{ feedId: string }>('feeds.createFeed', { body });
	return {
		feedId: String(feed.body.feedId),
		feedDocumentId,
		feedType: input.feedType,
		marketplaceIds: input.marketplaceIds,
		contentType: input.contentType,
		bytes: bytes.length,
	};
}

/** PUT to the presigned URL. Deliberately plain httpRequest: no x-amz-access-token goes to the storage host. */
export async function uploadDocument(ctx: SpApiContext, url: string, content: Buffer, contentType: string): Promise<void> {
	let failure = '';
	let status = 0;
	for (let attempt = 0; attempt < 3; attempt++) {
		let r: { statusCode: number } | undefined;
		try {
			r = (await ctx.helpers.httpRequest({
				method: 'PUT',
				url,
				body: content,
				headers: { 'Content-Type': contentType },
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				json: false,
			})) as { statusCode: number };
		} catch (error) {
			failure = (error as Error)?.message ?? 'no response';
			status = 0;
		}
		if (r) {
			if (r.statusCode >= 200 && r.statusCode < 300) return;
			status = r.statusCode;
			failure = `HTTP ${r.statusCode}`;
			if (r.statusCode < 500) break;
		}
		if (attempt < 2) await sleep(500 * 2 ** attempt);
	}
	throw new SpApiError({
		operation: 'feeds.uploadDocument',
		status,
		code: 'UploadFailed',
		message: `Upload of the feed document failed (${failure}); the presigned URL expires 5 minutes after createFeedDocument`,
	});
}

declare const DecompressionStream: new (format: string) => unknown;
declare const Blob: new (parts: unknown[]) => { stream(): { pipeThrough(t: unknown): unknown } };
declare const Response: new (body: unknown) => { arrayBuffer(): Promise<ArrayBuffer> };

async function gunzip(bytes: Buffer): Promise<Buffer> {
	const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
	return Buffer.from(await new Response(stream).arrayBuffer());
}

/** Downloads a result document (getFeedDocument URL) and returns its bytes, un-gzipped when needed. */
export async function downloadDocument(ctx: SpApiContext, url: string): Promise<Buffer> {
	const r = (await ctx.helpers.httpRequest({
		method: 'GET',
		url,
		encoding: 'arraybuffer',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: false,
	})) as { statusCode: number; body: ArrayBuffer | Buffer | string };
	if (r.statusCode < 200 || r.statusCode >= 300) {
		throw new SpApiError({ operation: 'feeds.downloadDocument', status: r.statusCode, code: 'DownloadFailed', message: `Download of the feed result document failed (HTTP ${r.statusCode})` });
	}
	let bytes: Buffer;
	if (typeof r.body === 'string') bytes = Buffer.from(r.body, 'utf8');
	else if (Buffer.isBuffer(r.body)) bytes = r.body;
	else bytes = Buffer.from(new Uint8Array(r.body));
	if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await gunzip(bytes);
	return bytes;
}

export interface ParsedReport {
	format: 'json' | 'xml' | 'text';
	summary: IDataObject;
	/** one entry per issue (JSON listings report) or per Result (XML ProcessingReport) */
	results: IDataObject[];
	/** JSON listings report: the listings items Amazon returns when the feed header asked for report.includedData */
	items?: IDataObject[];
	header?: IDataObject;
	raw?: string;
}

/** JSON_LISTINGS_FEED processing report (listings-feed-processing-report-schema-v2) or XML ProcessingReport. */
export function parseProcessingReport(bytes: Buffer | string): ParsedReport {
	const text = (typeof bytes === 'string' ? bytes : bytes.toString('utf8')).replace(/^\uFEFF/, '');
	const trimmed = text.trimStart();
	if (trimmed.startsWith('{')) {
		const json = JSON.parse(trimmed) as IDataObject;
		const issues = Array.isArray(json.issues) ? (json.issues as IDataObject[]) : [];
		return {
			format: 'json',
			header: (json.header as IDataObject) ?? undefined,
			summary: (json.summary as IDataObject) ?? {},
			results: issues.map((i) => ({ ...i })),
			...(Array.isArray(json.items) ? { items: json.items as IDataObject[] } : {}),
		};
	}
	if (trimmed.startsWith('<')) return parseXmlProcessingReport(trimmed);
	return { format: 'text', summary: {}, results: [], raw: text.slice(0, 100000) };
}

function childText(el: XmlElement | undefined, name: string): string | undefined {
	const c = el ? firstChild(el, name) : undefined;
	return c ? textContent(c).trim() : undefined;
}

function numOrText(v: string | undefined): number | string | undefined {
	if (v === undefined) return undefined;
	return /^-?\d+$/.test(v) ? Number(v) : v;
}

function findDeep(el: XmlElement, name: string): XmlElement | undefined {
	if (el.local.toLowerCase() === name.toLowerCase()) return el;
	for (const c of childElements(el)) {
		const f = findDeep(c, name);
		if (f) return f;
	}
	return undefined;
}

/**
 * `<AmazonEnvelope><Message><ProcessingReport>` with DocumentTransactionID, StatusCode,
 * ProcessingSummary{MessagesProcessed, MessagesSuccessful, MessagesWithError, MessagesWithWarning} and Result[]
 * {MessageID, ResultCode, ResultMessageCode, ResultDescription, AdditionalInfo{SKU, AmazonOrderID}}.
 */
export function parseXmlProcessingReport(xml: string): ParsedReport {
	const doc = parseXml(xml);
	const report = findDeep(doc.root, 'ProcessingReport');
	if (!report) {
		return { format: 'xml', summary: {}, results: [], raw: xml.slice(0, 100000) };
	}
	const summaryEl = firstChild(report, 'ProcessingSummary');
	const summary: IDataObject = {
		documentTransactionId: childText(report, 'DocumentTransactionID'),
		statusCode: childText(report, 'StatusCode'),
	};
	if (summaryEl) {
		for (const c of childElements(summaryEl)) {
			const key = c.local.charAt(0).toLowerCase() + c.local.slice(1);
			summary[key] = numOrText(textContent(c).trim());
		}
	}
	const results = childElements(report, 'Result').map((r) => {
		const out: IDataObject = {
			messageId: numOrText(childText(r, 'MessageID')),
			resultCode: childText(r, 'ResultCode'),
			resultMessageCode: numOrText(childText(r, 'ResultMessageCode')),
			resultDescription: childText(r, 'ResultDescription'),
		};
		const info = firstChild(r, 'AdditionalInfo');
		if (info) {
			const additional: IDataObject = {};
			for (const c of childElements(info)) additional[c.local] = textContent(c).trim();
			out.additionalInfo = additional;
		}
		return out;
	});
	return { format: 'xml', summary, results };
}

/** Polls getFeed until DONE/FATAL/CANCELLED or the time budget is spent (the getFeed bucket paces the polls). */
export async function waitForFeed(
	client: SpApiClient,
	feedId: string,
	opts: { pollIntervalMs: number; timeoutMs: number },
): Promise<{ feed: IDataObject; timedOut: boolean; polls: number }> {
	const started = Date.now();
	let polls = 0;
	for (;;) {
		const res = await client.call<IDataObject>('feeds.getFeed', { pathParams: { feedId } });
		polls++;
		const status = String(res.body.processingStatus ?? '');
		if (FEED_DONE_STATES.includes(status)) return { feed: res.body, timedOut: false, polls };
		if (Date.now() - started + opts.pollIntervalMs > opts.timeoutMs) return { feed: res.body, timedOut: true, polls };
		await sleep(opts.pollIntervalMs);
	}
}

// @ts-check
'use strict';
/**
 * Feeds API 2021-06-30. Documents live in the simulator: createFeedDocument returns a presigned-style URL
 * (/__docs/<id>?X-Amz-...&X-Amz-Signature=...) that accepts one PUT for 5 (scaled) minutes, like S3.
 * Feeds progress IN_QUEUE -> IN_PROGRESS -> DONE on (scaled) timers and are then really applied:
 * JSON_LISTINGS_FEED changes listing quantities; POST_ORDER_FULFILLMENT_DATA / POST_FLAT_FILE_FULFILLMENT_DATA ship orders;
 * POST_ORDER_ACKNOWLEDGEMENT_DATA (XML OrderAcknowledgement) cancels merchant-fulfilled orders or items (StatusCode
 * Failure = the whole order, Success with Items carrying a CancelReason = those items; see orderAcknowledgement.js).
 * Result documents: listings-feed-processing-report v2 (JSON) or an XML ProcessingReport.
 */
const crypto = require('node:crypto');
const zlib = require('node:zlib');
const { invalid, notFound, ApiError } = require('../validate');
const { uuid, iso, encodeToken, decodeToken } = require('../util');
const { checkMarketplaces } = require('./common');
const { applyPatches, putListing } = require('./listings');
const { applyShipment } = require('./ordersV0');

const SUPPORTED = new Set(['JSON_LISTINGS_FEED', 'POST_ORDER_FULFILLMENT_DATA', 'POST_FLAT_FILE_FULFILLMENT_DATA', 'POST_ORDER_ACKNOWLEDGEMENT_DATA']);
/** Removed feed types (spapi.md §0.7): Amazon rejects them now. */
const REMOVED = new Set(['POST_INVENTORY_AVAILABILITY_DATA', 'POST_FLAT_FILE_INVLOADER_DATA', 'POST_FLAT_FILE_LISTINGS_DATA', 'POST_PRODUCT_DATA', 'POST_PRODUCT_PRICING_DATA', 'POST_PRODUCT_RELATIONSHIP_DATA', 'POST_PRODUCT_IMAGE_DATA', 'POST_PRODUCT_OVERRIDES_DATA', 'POST_FLAT_FILE_PRICEANDQUANTITYONLY_UPDATE_DATA']);
const URL_TTL_MS = 5 * 60 * 1000;

/** @param {any} sim @param {string} id */
function docSignature(sim, id) {
	return crypto.createHmac('sha256', sim.demo.clientSecret).update(id).digest('hex');
}
/** @param {any} sim @param {any} doc @param {boolean} [contentEncoding] */
function docUrl(sim, doc, contentEncoding = false) {
	const exp = Math.round(sim.scaled(URL_TTL_MS) / 1000) || 1;
	const q = new URLSearchParams({
		...(contentEncoding ? { 'response-content-encoding': 'gzip' } : {}), 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Date': iso(Date.now()).replace(/[-:]/g, ''), 'X-Amz-Expires': String(exp), 'X-Amz-SignedHeaders': 'content-type;host', 'X-Amz-Signature': docSignature(sim, doc.feedDocumentId) });
	doc.urlExpiresAt = Date.now() + sim.scaled(URL_TTL_MS);
	return `${sim.url}/__docs/${encodeURIComponent(doc.feedDocumentId)}?${q}`;
}
/** @param {string} code @param {string} message */
const s3Error = (code, message) => `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${uuid().slice(0, 16).toUpperCase()}</RequestId></Error>`;
/** @param {string} ct */
const mediaType = (ct) => String(ct || '').split(';')[0].trim().toLowerCase();

/** PUT (upload) / GET (download) on a presigned-style document URL. @param {any} sim @param {string} method @param {URL} u @param {Buffer} raw @param {any} headers */
function documentEndpoint(sim, method, u, raw, headers) {
	const id = decodeURIComponent(u.pathname.slice('/__docs/'.length));
	const doc = sim.state.documents.get(id);
	const xml = 'application/xml';
	if (!doc) return { status: 404, body: s3Error('NoSuchKey', 'The specified key does not exist.'), contentType: xml };
	if (u.searchParams.get('X-Amz-Signature') !== docSignature(sim, id)) return { status: 403, body: s3Error('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'), contentType: xml };
	if (Date.now() > doc.urlExpiresAt) return { status: 403, body: s3Error('AccessDenied', 'Request has expired'), contentType: xml };
	if (method === 'PUT') {
		if (doc.kind !== 'input') return { status: 403, body: s3Error('AccessDenied', 'Access Denied'), contentType: xml };
		if (mediaType(headers['content-type']) !== mediaType(doc.contentType))
			return { status: 403, body: s3Error('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check the Content-Type header: it must equal the contentType given to createFeedDocument.'), contentType: xml };
		doc.content = raw;
		doc.uploadedAt = Date.now();
		return { status: 200, body: '', headers: { ETag: `"${crypto.createHash('md5').update(raw).digest('hex')}"` } };
	}
	if (method === 'GET') {
		if (!doc.content) return { status: 404, body: s3Error('NoSuchKey', 'The specified key does not exist.'), contentType: xml };
		// gzip documents: raw bytes, or Content-Encoding: gzip when the URL asked for it (enableContentEncodingUrlHeader)
		const headers = doc.compressed && u.searchParams.get('response-content-encoding') === 'gzip' ? { 'Content-Encoding': 'gzip' } : {};
		return { status: 200, body: doc.content, contentType: doc.contentType, headers };
	}
	return { status: 405, body: s3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.'), contentType: xml };
}

/** @param {any} ctx */
function createFeedDocument(ctx) {
	const ct = ctx.body.contentType;
	if (!/^(text\/xml|text\/tab-separated-values|application\/json|text\/plain|application\/pdf|text\/csv)\s*(;.*)?$/i.test(String(ct || ''))) throw invalid('Invalid input', `Unsupported contentType: ${ct}`);
	const doc = { feedDocumentId: `amzn1.tortuga.4.na.${uuid()}.T${crypto.randomBytes(6).toString('hex').toUpperCase()}`, contentType: ct, kind: 'input', content: null, createdAt: Date.now() };
	ctx.state.documents.set(doc.feedDocumentId, doc);
	return { status: 201, body: { feedDocumentId: doc.feedDocumentId, url: docUrl(ctx.sim, doc) } };
}

/** @param {any} f */
function renderFeed(f) {
	/** @type {any} */
	const r = { feedId: f.feedId, feedType: f.feedType, marketplaceIds: f.marketplaceIds, createdTime: f.createdTime, processingStatus: f.processingStatus };
	if (f.processingStartTime) r.processingStartTime = f.processingStartTime;
	if (f.processingEndTime) r.processingEndTime = f.processingEndTime;
	if (f.resultFeedDocumentId) r.resultFeedDocumentId = f.resultFeedDocumentId;
	return r;
}

/** @param {any} ctx */
function createFeed(ctx) {
	const b = ctx.body;
	const sim = ctx.sim;
	if (REMOVED.has(b.feedType)) throw invalid('Invalid input', `Feed type ${b.feedType} is no longer supported. Use JSON_LISTINGS_FEED or the Listings Items API.`);
	if (!SUPPORTED.has(b.feedType)) throw invalid('Invalid input', `The simulator does not support feedType ${b.feedType}.`);
	if (!Array.isArray(b.marketplaceIds) || !b.marketplaceIds.length) throw invalid('Invalid input', 'marketplaceIds is required.');
	checkMarketplaces(b.marketplaceIds, 'marketplaceIds');
	const doc = ctx.state.documents.get(b.inputFeedDocumentId);
	if (!doc || doc.kind !== 'input') throw invalid('Invalid input', `Invalid inputFeedDocumentId: ${b.inputFeedDocumentId}`);
	if (!doc.content) throw invalid('Invalid input', `The feed document ${b.inputFeedDocumentId} has not been uploaded.`);
	const feed = { feedId: String(++ctx.state.feedSeq) + '019' + String(ctx.state.feedSeq % 1000).padStart(3, '0'), feedType: b.feedType, marketplaceIds: b.marketplaceIds, createdTime: iso(Date.now()), processingStatus: 'IN_QUEUE', inputFeedDocumentId: b.inputFeedDocumentId, feedOptions: b.feedOptions, sellerId: ctx.auth.sellerId };
	ctx.state.feeds.set(feed.feedId, feed);
	const d = ctx.state.feedDelays;
	sim.schedule(() => {
		if (feed.processingStatus !== 'IN_QUEUE') return;
		feed.processingStatus = 'IN_PROGRESS';
		feed.processingStartTime = iso(Date.now());
		sim.schedule(() => finishFeed(sim, feed), sim.scaled(d.inProgressMs));
	}, sim.scaled(d.inQueueMs));
	return { status: 202, body: { feedId: feed.feedId } };
}

/** Process the feed content, store the report, mark DONE (or FATAL), notify. @param {any} sim @param {any} feed */
function finishFeed(sim, feed) {
	const doc = sim.state.documents.get(feed.inputFeedDocumentId);
	const content = doc && doc.content ? doc.content.toString('utf8') : '';
	let report;
	let status = 'DONE';
	let ct = 'application/json; charset=UTF-8';
	try {
		if (feed.feedType === 'JSON_LISTINGS_FEED') report = JSON.stringify(processListingsFeed(sim, feed, content));
		else if (feed.feedType === 'POST_ORDER_ACKNOWLEDGEMENT_DATA') {
			ct = 'text/xml; charset=UTF-8';
			const { parseAcknowledgementXml, applyAcknowledgements } = require('./orderAcknowledgement');
			const r = applyAcknowledgements(sim, feed, parseAcknowledgementXml(content, { tagAll, tag1 }));
			report = xmlReport(sim, feed, r.results, r.processed, r.ok);
		} else {
			ct = 'text/xml; charset=UTF-8';
			const msgs = feed.feedType === 'POST_ORDER_FULFILLMENT_DATA' ? parseFulfillmentXml(content) : parseFulfillmentTsv(content);
			report = processFulfillment(sim, feed, msgs);
		}
	} catch (e) {
		status = 'FATAL';
		const msg = String(/** @type {any} */ (e).message || e);
		report =
			feed.feedType === 'JSON_LISTINGS_FEED'
				? JSON.stringify({ header: { sellerId: sim.state.sellerId, version: '2.0', feedId: feed.feedId }, issues: [{ code: '100001', severity: 'ERROR', message: `The feed could not be processed: ${msg}` }], summary: { errors: 1, warnings: 0, messagesProcessed: 0, messagesAccepted: 0, messagesInvalid: 0 } })
				: xmlReport(sim, feed, [{ id: 0, code: 'Error', msgCode: '5001', desc: `XML Parsing Fatal Error: ${msg}` }], 0);
	}
	const gz = !!sim.state.gzipReports;
	const rdoc = { feedDocumentId: `amzn1.tortuga.4.na.${uuid()}.R${crypto.randomBytes(6).toString('hex').toUpperCase()}`, contentType: ct, kind: 'result', content: gz ? zlib.gzipSync(Buffer.from(report, 'utf8')) : Buffer.from(report, 'utf8'), compressed: gz, createdAt: Date.now() };
	sim.state.documents.set(rdoc.feedDocumentId, rdoc);
	feed.processingStatus = status;
	feed.processingEndTime = iso(Date.now());
	feed.resultFeedDocumentId = rdoc.feedDocumentId;
	sim.notifier.feedFinished(feed);
}

/** JSON_LISTINGS_FEED -> listings-feed-processing-report v2. @param {any} sim @param {any} feed @param {string} content */
function processListingsFeed(sim, feed, content) {
	let doc;
	try {
		doc = JSON.parse(content);
	} catch {
		throw new Error('The feed document is not valid JSON.');
	}
	if (!doc || typeof doc !== 'object' || !doc.header || !Array.isArray(doc.messages)) throw new Error("The feed must contain 'header' and 'messages'.");
	if (doc.header.version !== '2.0') throw new Error("header.version must be '2.0'.");
	if (doc.header.sellerId !== sim.state.sellerId) throw new Error(`header.sellerId '${doc.header.sellerId}' does not match the submitting selling partner.`);
	if (doc.messages.length < 1 || doc.messages.length > 25000) throw new Error('messages must contain 1 to 25000 entries.');
	/** @type {any[]} */
	const issues = [];
	let accepted = 0;
	let invalidCount = 0;
	const seen = new Set();
	const touched = new Set();
	const mp = feed.marketplaceIds[0];
	for (const m of doc.messages) {
		const before = issues.length;
		const add = (/** @type {string} */ code, /** @type {string} */ message, /** @type {string|undefined} */ attr = undefined, severity = 'ERROR') => issues.push({ messageId: Number.isInteger(m && m.messageId) && m.messageId > 0 ? m.messageId : undefined, sku: m && m.sku ? String(m.sku) : undefined, code, severity, message, ...(attr ? { attributeName: attr } : {}) });
		if (!m || !Number.isInteger(m.messageId) || m.messageId < 1) add('100002', "'messageId' is required and must be a positive integer.");
		else if (seen.has(m.messageId)) add('100003', `Duplicate messageId ${m.messageId}.`);
		else if (!m.sku || typeof m.sku !== 'string') add('100004', "'sku' is required.");
		else if (!['UPDATE', 'PARTIAL_UPDATE', 'PATCH', 'DELETE'].includes(m.operationType)) add('100005', `Invalid operationType '${m.operationType}'.`);
		else {
			seen.add(m.messageId);
			let l = sim.state.listings.get(m.sku);
			if (m.operationType === 'DELETE') {
				if (!l) add('4000004', `SKU '${m.sku}' does not exist.`);
				else sim.state.listings.delete(m.sku);
			} else if (!m.productType) add('100006', "'productType' is required for this operationType.");
			else if (m.operationType === 'PATCH') {
				if (!Array.isArray(m.patches) || !m.patches.length) add('100007', "'patches' is required for PATCH messages.");
				else if (!l) add('4000004', `SKU '${m.sku}' does not exist in the seller's catalog. Use UPDATE to create it first.`);
				else for (const i of applyPatches(sim, l, m.patches, { source: `feed:${feed.feedId}`, marketplaceId: mp, productType: m.productType })) add(i.code, i.message, (i.attributeNames || [])[0], i.severity);
			} else if (!m.attributes || typeof m.attributes !== 'object') add('100008', "'attributes' is required for UPDATE and PARTIAL_UPDATE messages.");
			else if (m.operationType === 'PARTIAL_UPDATE') {
				if (!l) add('4000004', `SKU '${m.sku}' does not exist; PARTIAL_UPDATE cannot create listings.`);
				else {
					const patches = Object.entries(m.attributes).map(([k, v]) => ({ op: 'replace', path: `/attributes/${k}`, value: v }));
					for (const i of applyPatches(sim, l, patches, { source: `feed:${feed.feedId}`, marketplaceId: mp, productType: m.productType })) add(i.code, i.message, (i.attributeNames || [])[0], i.severity);
				}
			} else {
				const r = putListing(sim, m.sku, { productType: m.productType, requirements: m.requirements, attributes: m.attributes, marketplaceId: mp, marketplaceIds: feed.marketplaceIds, source: `feed:${feed.feedId}` });
				for (const i of r.issues) add(i.code, i.message, (i.attributeNames || [])[0], i.severity);
			}
		}
		if (issues.slice(before).some((i) => i.severity === 'ERROR')) invalidCount++;
		else {
			accepted++;
			touched.add(m.sku);
		}
	}
	for (const i of issues) if (i.messageId === undefined) delete i.messageId;
	for (const i of issues) if (i.sku === undefined) delete i.sku;
	/** @type {any} */
	const header = { sellerId: sim.state.sellerId, version: '2.0', feedId: feed.feedId };
	const rep = doc.header.report;
	/** @type {any} */
	const out = { header, issues, summary: { errors: issues.filter((i) => i.severity === 'ERROR').length, warnings: issues.filter((i) => i.severity === 'WARNING').length, messagesProcessed: doc.messages.length, messagesAccepted: accepted, messagesInvalid: invalidCount } };
	if (rep && Array.isArray(rep.includedData) && rep.includedData.length) {
		header.report = { includedData: rep.includedData, apiVersion: '2021-08-01' };
		const { renderItem } = require('./listings');
		out.items = [...touched].filter((s) => sim.state.listings.get(s)).map((s) => renderItem(sim.state.listings.get(s), feed.marketplaceIds.slice(0, 1), rep.includedData));
		out.summary.itemSummary = { items: out.items.length, errors: 0, warnings: 0 };
	}
	return out;
}

/** Tiny XML helpers (the feed format is simple, flat elements). @param {string} xml @param {string} tag */
const tagAll = (xml, tag) => [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
/** @param {string} xml @param {string} tag */
const tag1 = (xml, tag) => {
	const v = tagAll(xml, tag)[0];
	return v === undefined ? undefined : v.trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
};

/** @param {string} xml */
function parseFulfillmentXml(xml) {
	if (!/<AmazonEnvelope[\s>]/.test(xml) || !/<\/AmazonEnvelope>\s*$/.test(xml.trim())) throw new Error('The document is not a well-formed AmazonEnvelope.');
	const type = tag1(xml, 'MessageType');
	if (type !== 'OrderFulfillment') throw new Error(`MessageType must be OrderFulfillment, got ${type}.`);
	return tagAll(xml, 'Message').map((m) => {
		const of = tagAll(m, 'OrderFulfillment')[0] || '';
		const fd = tagAll(of, 'FulfillmentData')[0] || '';
		return {
			id: Number(tag1(m, 'MessageID')),
			orderId: tag1(of, 'AmazonOrderID'),
			packageId: tag1(of, 'MerchantFulfillmentID'),
			date: tag1(of, 'FulfillmentDate'),
			carrierCode: tag1(fd, 'CarrierCode'),
			carrierName: tag1(fd, 'CarrierName'),
			method: tag1(fd, 'ShippingMethod'),
			tracking: tag1(fd, 'ShipperTrackingNumber'),
			items: tagAll(of, 'Item').map((it) => ({ orderItemId: tag1(it, 'AmazonOrderItemCode'), quantity: Number(tag1(it, 'Quantity')) })),
		};
	});
}

/** POST_FLAT_FILE_FULFILLMENT_DATA: tab-separated, header row, one row per item. @param {string} tsv */
function parseFulfillmentTsv(tsv) {
	const rows = tsv.split(/\r?\n/).filter((r) => r.trim());
	if (!rows.length) throw new Error('The flat file is empty.');
	const head = rows[0].split('\t').map((h) => h.trim());
	if (!head.includes('order-id')) throw new Error("Missing column 'order-id'.");
	/** @type {Map<string, any>} */
	const by = new Map();
	rows.slice(1).forEach((r, i) => {
		const c = Object.fromEntries(r.split('\t').map((v, k) => [head[k], v.trim()]));
		const key = `${c['order-id']}|${c['tracking-number']}`;
		if (!by.has(key)) by.set(key, { id: i + 1, orderId: c['order-id'], date: c['ship-date'], carrierCode: c['carrier-code'], carrierName: c['carrier-name'], method: c['ship-method'], tracking: c['tracking-number'], items: [] });
		if (c['order-item-id']) by.get(key).items.push({ orderItemId: c['order-item-id'], quantity: Number(c.quantity) });
	});
	return [...by.values()];
}

/** @param {any} sim @param {any} feed @param {any[]} msgs */
function processFulfillment(sim, feed, msgs) {
	/** @type {any[]} */
	const results = [];
	let ok = 0;
	for (const m of msgs) {
		let err = null;
		const o = m.orderId ? sim.state.orders.get(m.orderId) : null;
		if (!m.orderId) err = 'AmazonOrderID is required.';
		else if (!o) err = `The order id ${m.orderId} was not found in our system.`;
		else if (!m.date || Number.isNaN(Date.parse(m.date))) err = 'FulfillmentDate is missing or invalid.';
		else if (!m.tracking) err = 'ShipperTrackingNumber is required.';
		else if (!m.carrierCode && !m.carrierName) err = 'CarrierCode or CarrierName is required.';
		else {
			const refId = m.packageId && /^[1-9]\d*$/.test(m.packageId) ? m.packageId : String(o.packages.length + 1);
			err = applyShipment(sim, o, { packageReferenceId: refId, carrierCode: m.carrierCode || 'Other', carrierName: m.carrierName, shippingMethod: m.method, trackingNumber: m.tracking, shipDate: m.date, orderItems: m.items.length ? m.items : undefined }, `feed:${feed.feedId}`);
		}
		if (err) results.push({ id: m.id, code: 'Error', msgCode: '18028', desc: err, orderId: m.orderId });
		else ok++;
	}
	return xmlReport(sim, feed, results, msgs.length, ok);
}

/** @param {any} sim @param {any} feed @param {any[]} results @param {number} processed @param {number} [ok] */
function xmlReport(sim, feed, results, processed, ok = 0) {
	const esc = (/** @type {string} */ s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const errors = results.filter((r) => r.code === 'Error').length;
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">\n` +
		`<Header><DocumentVersion>1.02</DocumentVersion><MerchantIdentifier>${esc(sim.state.sellerId)}</MerchantIdentifier></Header>\n<MessageType>ProcessingReport</MessageType>\n` +
		`<Message><MessageID>1</MessageID><ProcessingReport><DocumentTransactionID>${feed.feedId}</DocumentTransactionID><StatusCode>Complete</StatusCode>` +
		`<ProcessingSummary><MessagesProcessed>${processed}</MessagesProcessed><MessagesSuccessful>${ok}</MessagesSuccessful><MessagesWithError>${errors}</MessagesWithError><MessagesWithWarning>${results.filter((r) => r.code === 'Warning').length}</MessagesWithWarning></ProcessingSummary>` +
		results.map((r) => `<Result><MessageID>${r.id}</MessageID><ResultCode>${r.code}</ResultCode><ResultMessageCode>${r.msgCode}</ResultMessageCode><ResultDescription>${esc(r.desc)}</ResultDescription>${r.orderId ? `<AdditionalInfo><AmazonOrderID>${esc(r.orderId)}</AmazonOrderID></AdditionalInfo>` : ''}</Result>`).join('') +
		`</ProcessingReport></Message>\n</AmazonEnvelope>\n`
	);
}

/** @param {any} ctx */
function findFeed(ctx) {
	const id = ctx.params.feedId;
	if (!/^\d+$/.test(id)) throw invalid('Invalid input', `Invalid feedId: ${id}`);
	const f = ctx.state.feeds.get(id);
	if (!f) throw notFound(`Feed ${id} not found.`);
	return f;
}
/** @param {any} ctx */
const getFeed = (ctx) => ({ body: renderFeed(findFeed(ctx)) });
/** @param {any} ctx */
function cancelFeed(ctx) {
	const f = findFeed(ctx);
	if (f.processingStatus !== 'IN_QUEUE') throw invalid('Invalid input', `Feed ${f.feedId} is ${f.processingStatus} and can only be cancelled while IN_QUEUE.`);
	f.processingStatus = 'CANCELLED';
	f.processingEndTime = iso(Date.now());
	ctx.sim.notifier.feedFinished(f);
	return { status: 200 };
}
/** @param {any} ctx */
function getFeeds(ctx) {
	const p = ctx.params;
	let q = p;
	if (p.nextToken) {
		const t = decodeToken(p.nextToken);
		if (!t || !t.q) throw invalid('Invalid input', 'Invalid nextToken.');
		q = { ...t.q, offset: t.o };
	} else if (!p.feedTypes) throw invalid('Invalid input', 'feedTypes is required when nextToken is not provided.');
	const since = q.createdSince ? Date.parse(q.createdSince) : Date.now() - 90 * 86400000;
	const until = q.createdUntil ? Date.parse(q.createdUntil) : Date.now();
	if (since > until) throw invalid('Invalid input', 'createdSince must be before createdUntil.');
	const size = q.pageSize || 10;
	const list = [...ctx.state.feeds.values()]
		.filter((f) => (!q.feedTypes || q.feedTypes.includes(f.feedType)) && (!q.processingStatuses || q.processingStatuses.includes(f.processingStatus)) && (!q.marketplaceIds || f.marketplaceIds.some((/** @type {string} */ m) => q.marketplaceIds.includes(m))))
		.filter((f) => Date.parse(f.createdTime) >= since && Date.parse(f.createdTime) <= until)
		.sort((a, b) => Date.parse(b.createdTime) - Date.parse(a.createdTime));
	const off = q.offset || 0;
	/** @type {any} */
	const body = { feeds: list.slice(off, off + size).map(renderFeed) };
	if (off + size < list.length) body.nextToken = encodeToken({ o: off + size, q: { ...q, offset: undefined } });
	return { body };
}
/** @param {any} ctx */
function getFeedDocument(ctx) {
	const doc = ctx.state.documents.get(ctx.params.feedDocumentId);
	if (!doc) {
		if (!/^amzn1\.tortuga\./.test(ctx.params.feedDocumentId)) throw invalid('Invalid input', `Invalid feedDocumentId: ${ctx.params.feedDocumentId}`);
		throw notFound(`Feed document ${ctx.params.feedDocumentId} not found.`);
	}
	if (doc.kind !== 'result') throw new ApiError(403, 'Unauthorized', 'Access to requested resource is denied.', 'Only result feed documents can be retrieved.');
	return { body: { feedDocumentId: doc.feedDocumentId, url: docUrl(ctx.sim, doc, !!(doc.compressed && ctx.params.enableContentEncodingUrlHeader)), ...(doc.compressed ? { compressionAlgorithm: 'GZIP' } : {}) } };
}

module.exports = {
	'feeds.createFeedDocument': createFeedDocument,
	'feeds.createFeed': createFeed,
	'feeds.getFeed': getFeed,
	'feeds.getFeeds': getFeeds,
	'feeds.cancelFeed': cancelFeed,
	'feeds.getFeedDocument': getFeedDocument,
	documentEndpoint,
	finishFeed,
	docUrl,
};

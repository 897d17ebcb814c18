// @ts-check
'use strict';
/**
 * Reports API 2021-06-30: createReport, getReport, getReports, cancelReport, getReportDocument (bodies and
 * parameters validated against the model by the server, like every operation). A report runs IN_QUEUE ->
 * IN_PROGRESS -> DONE on (scaled) timers; its data is taken when it finishes. A report without data ends CANCELLED
 * (the model: "an automatic cancellation if there is no data to return"). Documents are served by the presigned-style
 * /__docs/ endpoint of feeds.js (optionally gzip, as the feed results).
 *
 * Report types with data (the seller's returns, `state.returns`, consistent with its orders and refunds):
 *   GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE  merchant-fulfilled returns, tab-separated, columns of Amazon's
 *     "Returns reports attributes" page (developer-docs.amazon.com/sp-api/docs/returns-reports-attributes)
 *   GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA  FBA customer returns (fba-customer-concessions-reports-attributes)
 * Other report types are accepted and end CANCELLED (no data in the simulated account).
 */
const crypto = require('node:crypto');
const zlib = require('node:zlib');
const { invalid, notFound } = require('../validate');
const { uuid, iso } = require('../util');
const { checkMarketplaces, paginate, fingerprint } = require('./common');

const MFN_RETURNS = 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE';
const FBA_RETURNS = 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA';

const MFN_COLUMNS = [
	'Order ID', 'Order date', 'Return request date', 'Return request status', 'Amazon RMA ID', 'Merchant RMA ID', 'Label type', 'Label cost',
	'Currency code', 'Return carrier', 'Tracking ID', 'Label to be paid by', 'A-to-Z Claim', 'Is prime', 'ASIN', 'Merchant SKU', 'Item Name',
	'Return quantity', 'Return Reason', 'In policy', 'Return type', 'Resolution', 'Invoice number', 'Return delivery date', 'Order Amount',
	'Order quantity', 'SafeT Action reason', 'SafeT claim id', 'SafeT claim state', 'SafeT claim creation time', 'SafeT claim reimbursement amount',
	'Refunded Amount',
];
const FBA_COLUMNS = ['return-date', 'order-id', 'sku', 'asin', 'fnsku', 'product-name', 'quantity', 'fulfillment-center-id', 'detailed-disposition', 'reason', 'status', 'license-plate-number', 'customer-comments'];

/** @param {string} v */
const cell = (v) => String(v ?? '').replace(/[\t\r\n]+/g, ' ');

/** Rows of one returns report. @param {any} sim @param {any} report */
function returnRows(sim, report) {
	const from = report.dataStartTime ? Date.parse(report.dataStartTime) : Date.parse(report.createdTime) - 30 * 86400000;
	const to = report.dataEndTime ? Date.parse(report.dataEndTime) : Date.parse(report.createdTime);
	const fba = report.reportType === FBA_RETURNS;
	return sim.state.returns.filter(
		(/** @type {any} */ r) => (fba ? r.fulfilledBy === 'AMAZON' : r.fulfilledBy !== 'AMAZON') && report.marketplaceIds.includes(r.marketplaceId) && r.returnDate >= from && r.returnDate <= to,
	);
}

/** @param {any} sim @param {any} report */
function render(sim, report) {
	const rows = returnRows(sim, report);
	if (!rows.length) return null;
	if (report.reportType === FBA_RETURNS) {
		const lines = rows.map((/** @type {any} */ r) =>
			[iso(r.returnDate), r.orderId, r.sku, r.asin, r.fnsku || `X00${r.asin.slice(-7)}`, r.title, r.quantity, r.fc || 'LEJ1', r.disposition || 'SELLABLE', r.reason, r.status || 'Unit returned to inventory', r.lpn, ''].map(cell).join('\t'),
		);
		return [FBA_COLUMNS.join('\t'), ...lines].join('\n') + '\n';
	}
	const lines = rows.map((/** @type {any} */ r) =>
		[
			r.orderId, r.orderDate, iso(r.returnDate), r.status || 'Approved', r.rma, '', 'AmazonUnPaidLabel', '', r.currency, 'UPS', r.tracking, 'Customer', 'N', 'N',
			r.asin, r.sku, r.title, r.quantity, r.reason, 'Y', 'C-Returns', r.resolution || 'StandardRefund', '', iso(r.returnDate + 86400000), r.orderAmount, r.orderQuantity, '', '', '', '', '', r.refundedAmount,
		].map(cell).join('\t'),
	);
	return [MFN_COLUMNS.join('\t'), ...lines].join('\n') + '\n';
}

/** @param {any} r */
function publicReport(r) {
	/** @type {any} */
	const out = { reportId: r.reportId, reportType: r.reportType, marketplaceIds: r.marketplaceIds, createdTime: r.createdTime, processingStatus: r.processingStatus };
	for (const k of ['dataStartTime', 'dataEndTime', 'processingStartTime', 'processingEndTime', 'reportDocumentId']) if (r[k]) out[k] = r[k];
	return out;
}

/** @param {any} sim @param {any} report */
function finish(sim, report) {
	if (report.processingStatus !== 'IN_PROGRESS') return;
	const text = render(sim, report);
	report.processingEndTime = iso(Date.now());
	if (text === null) {
		report.processingStatus = 'CANCELLED';
		return;
	}
	const gz = !!sim.state.gzipReports;
	const id = `amzn1.spdoc.1.4.na.${uuid()}.T${crypto.randomBytes(6).toString('hex').toUpperCase()}`;
	const body = Buffer.from(text, 'utf8');
	// feedDocumentId: the key feeds.js's document endpoint signs and serves
	sim.state.documents.set(id, { feedDocumentId: id, reportDocumentId: id, contentType: 'text/tab-separated-values; charset=UTF-8', kind: 'result', content: gz ? zlib.gzipSync(body) : body, compressed: gz, createdAt: Date.now() });
	report.reportDocumentId = id;
	report.processingStatus = 'DONE';
}

/** @param {any} ctx */
function createReport(ctx) {
	const b = ctx.body;
	checkMarketplaces(b.marketplaceIds, 'marketplaceIds');
	for (const k of ['dataStartTime', 'dataEndTime']) if (b[k] !== undefined && Number.isNaN(Date.parse(b[k]))) throw invalid(`${k} must be an ISO 8601 date-time.`, `Got ${b[k]}`);
	if (b.dataStartTime && b.dataEndTime && Date.parse(b.dataStartTime) > Date.parse(b.dataEndTime)) throw invalid('dataStartTime must be before dataEndTime.');
	const sim = ctx.sim;
	const state = ctx.state;
	const reportId = String(++state.reportSeq);
	const report = { reportId, reportType: b.reportType, marketplaceIds: b.marketplaceIds, dataStartTime: b.dataStartTime, dataEndTime: b.dataEndTime, createdTime: iso(Date.now()), processingStatus: 'IN_QUEUE', sellerId: ctx.auth.sellerId };
	state.reports.set(reportId, report);
	const d = state.reportDelays;
	sim.schedule(() => {
		if (report.processingStatus !== 'IN_QUEUE') return;
		report.processingStatus = 'IN_PROGRESS';
		report.processingStartTime = iso(Date.now());
		sim.schedule(() => finish(sim, report), sim.scaled(d.inProgressMs));
	}, sim.scaled(d.inQueueMs));
	return { status: 202, body: { reportId } };
}

/** @param {any} ctx */
function getReport(ctx) {
	const r = ctx.state.reports.get(ctx.params.reportId);
	if (!r) throw notFound(`Report ${ctx.params.reportId} not found.`);
	return { body: publicReport(r) };
}

/** @param {any} ctx */
function getReports(ctx) {
	const p = ctx.params;
	if (!p.reportTypes && !p.nextToken) throw invalid('reportTypes is required.', 'Either reportTypes or nextToken is required.');
	const list = [...ctx.state.reports.values()]
		.filter((r) => !p.reportTypes || p.reportTypes.includes(r.reportType))
		.filter((r) => !p.processingStatuses || p.processingStatuses.includes(r.processingStatus))
		.filter((r) => !p.marketplaceIds || r.marketplaceIds.some((/** @type {string} */ m) => p.marketplaceIds.includes(m)))
		.sort((a, b) => (a.createdTime < b.createdTime ? 1 : -1));
	const { page, next } = paginate(list, p.pageSize || 10, p.nextToken, fingerprint(p, ['nextToken', 'pageSize']), 'nextToken');
	return { body: { reports: page.map(publicReport), ...(next ? { nextToken: next } : {}) } };
}

/** @param {any} ctx */
function cancelReport(ctx) {
	const r = ctx.state.reports.get(ctx.params.reportId);
	if (!r) throw notFound(`Report ${ctx.params.reportId} not found.`);
	if (r.processingStatus !== 'IN_QUEUE') throw invalid(`Report ${r.reportId} is ${r.processingStatus} and cannot be cancelled.`, 'Only reports IN_QUEUE can be cancelled.');
	r.processingStatus = 'CANCELLED';
	return { body: {} };
}

/** @param {any} ctx */
function getReportDocument(ctx) {
	const { docUrl } = require('./feeds');
	const doc = ctx.state.documents.get(ctx.params.reportDocumentId);
	if (!doc || !doc.reportDocumentId) throw notFound(`Report document ${ctx.params.reportDocumentId} not found.`);
	return { body: { reportDocumentId: doc.reportDocumentId, url: docUrl(ctx.sim, doc), ...(doc.compressed ? { compressionAlgorithm: 'GZIP' } : {}) } };
}

module.exports = {
	'reports.createReport': createReport,
	'reports.getReport': getReport,
	'reports.getReports': getReports,
	'reports.cancelReport': cancelReport,
	'reports.getReportDocument': getReportDocument,
	MFN_RETURNS,
	FBA_RETURNS,
	MFN_COLUMNS,
	FBA_COLUMNS,
};

// @ts-check
'use strict';
/** Orders API v2026-01-01: searchOrders, getOrder (+ includedData). */
const { invalid, notFound, checkBefore } = require('../validate');
const { order2026 } = require('../views');
const { paginate, checkMarketplaces, fingerprint } = require('./common');
const { iso } = require('../util');

const ORDER_ID_RE = /^\d{3}-\d{7}-\d{7}$/;

/** @param {any} ctx */
function searchOrders(ctx) {
	const p = ctx.params;
	const ts = ctx.sim.timeScale;
	if (!p.createdAfter && !p.lastUpdatedAfter) throw invalid('Either createdAfter or lastUpdatedAfter must be specified.', 'Missing required date filter.');
	if (p.createdAfter && p.lastUpdatedAfter) throw invalid('createdAfter and lastUpdatedAfter cannot both be specified.', 'Use exactly one of createdAfter or lastUpdatedAfter.');
	if (p.createdBefore && !p.createdAfter) throw invalid('createdBefore requires createdAfter.', '');
	if (p.lastUpdatedBefore && !p.lastUpdatedAfter) throw invalid('lastUpdatedBefore requires lastUpdatedAfter.', '');
	checkBefore(p.createdBefore, 'createdBefore', ts);
	checkBefore(p.lastUpdatedBefore, 'lastUpdatedBefore', ts);
	if (p.maxResultsPerPage !== undefined && (p.maxResultsPerPage < 1 || p.maxResultsPerPage > 100)) throw invalid('maxResultsPerPage must be between 1 and 100.', `Got ${p.maxResultsPerPage}`);
	checkMarketplaces(p.marketplaceIds, 'marketplaceIds');
	const lagEdge = Date.now() - 120000 / ts;
	const byCreated = !!p.createdAfter;
	const after = Date.parse(byCreated ? p.createdAfter : p.lastUpdatedAfter);
	const beforeParam = byCreated ? p.createdBefore : p.lastUpdatedBefore;
	const before = beforeParam ? Date.parse(beforeParam) : lagEdge;
	if (after >= before) throw invalid(`${byCreated ? 'createdAfter' : 'lastUpdatedAfter'} must be before ${byCreated ? 'createdBefore' : 'lastUpdatedBefore'}.`, '');
	const field = byCreated ? 'createdTime' : 'lastUpdatedTime';
	const list = [...ctx.state.orders.values()]
		.filter((o) => {
			const t = Date.parse(o[field]);
			if (t < after || t > before) return false;
			if (p.marketplaceIds && !p.marketplaceIds.includes(o.marketplaceId)) return false;
			if (p.fulfillmentStatuses && !p.fulfillmentStatuses.includes(o.status)) return false;
			if (p.fulfilledBy && !p.fulfilledBy.includes(o.fulfilledBy)) return false;
			return true;
		})
		.sort((a, b) => Date.parse(a[field]) - Date.parse(b[field]) || (a.orderId < b.orderId ? -1 : 1));
	const { page, next } = paginate(list, p.maxResultsPerPage || 100, p.paginationToken, fingerprint(p, ['paginationToken', 'maxResultsPerPage', 'includedData']), 'paginationToken');
	/** @type {any} */
	const body = { orders: page.map((o) => order2026(o, p.includedData || [])) };
	if (next) body.pagination = { nextToken: next };
	if (byCreated) body.createdBefore = iso(before);
	else body.lastUpdatedBefore = iso(before);
	return { body };
}

/** @param {any} ctx */
function getOrder(ctx) {
	const id = ctx.params.orderId;
	if (!ORDER_ID_RE.test(id)) throw invalid('Invalid Input', `orderId ${id} is not in the 3-7-7 format.`);
	const o = ctx.state.orders.get(id);
	if (!o) throw notFound(`Order ${id} was not found.`);
	return { body: { order: order2026(o, ctx.params.includedData || []) } };
}

module.exports = { 'orders2026.searchOrders': searchOrders, 'orders2026.getOrder': getOrder, ORDER_ID_RE };

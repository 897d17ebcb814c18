// @ts-check
'use strict';
/** FBA Inventory v1 getInventorySummaries (only SKUs stocked at Amazon; nextToken expires after 30 scaled seconds). */
const { invalid } = require('../validate');
const { iso } = require('../util');
const { checkMarketplaces, paginate, fingerprint } = require('./common');

/** @param {any} ctx */
function getInventorySummaries(ctx) {
	const p = ctx.params;
	checkMarketplaces(p.marketplaceIds, 'marketplaceIds');
	checkMarketplaces([p.granularityId], 'granularityId');
	if (p.granularityId !== p.marketplaceIds[0]) throw invalid('granularityId must equal the marketplaceId in marketplaceIds.', '');
	if (p.startDateTime && Date.parse(p.startDateTime) < Date.now() - 548 * 86400000) throw invalid('startDateTime cannot be more than 18 months in the past.', '');
	let list = [...ctx.state.listings.values()].filter((l) => l.fba);
	if (!p.startDateTime) {
		if (p.sellerSkus) list = list.filter((l) => p.sellerSkus.includes(l.sku));
		else if (p.sellerSku) list = list.filter((l) => l.sku === p.sellerSku);
	} else list = list.filter((l) => Date.parse(l.lastUpdatedDate) >= Date.parse(p.startDateTime));
	list.sort((a, b) => (a.sku < b.sku ? -1 : 1));
	const { page, next } = paginate(list, 50, p.nextToken, fingerprint(p, ['nextToken']), 'nextToken', ctx.sim.scaled(30000));
	const summaries = page.map((l) => {
		const f = l.fba;
		/** @type {any} */
		const s = { asin: l.asin, fnSku: l.fnSku, sellerSku: l.sku, condition: 'NewItem', lastUpdatedTime: l.lastUpdatedDate, productName: l.title, totalQuantity: f.fulfillable + f.inboundWorking + f.inboundShipped + f.inboundReceiving + f.reserved + f.unfulfillable + f.researching };
		if (p.details)
			s.inventoryDetails = {
				fulfillableQuantity: f.fulfillable,
				inboundWorkingQuantity: f.inboundWorking,
				inboundShippedQuantity: f.inboundShipped,
				inboundReceivingQuantity: f.inboundReceiving,
				reservedQuantity: { totalReservedQuantity: f.reserved, pendingCustomerOrderQuantity: f.reserved, pendingTransshipmentQuantity: 0, fcProcessingQuantity: 0 },
				researchingQuantity: { totalResearchingQuantity: f.researching, researchingQuantityBreakdown: [] },
				unfulfillableQuantity: { totalUnfulfillableQuantity: f.unfulfillable, customerDamagedQuantity: f.unfulfillable, warehouseDamagedQuantity: 0, distributorDamagedQuantity: 0, carrierDamagedQuantity: 0, defectiveQuantity: 0, expiredQuantity: 0 },
			};
		return s;
	});
	/** @type {any} */
	const body = { payload: { granularity: { granularityType: 'Marketplace', granularityId: p.granularityId }, inventorySummaries: summaries } };
	if (next) body.pagination = { nextToken: next };
	void iso;
	return { body };
}

module.exports = { 'fbaInventory.getInventorySummaries': getInventorySummaries };

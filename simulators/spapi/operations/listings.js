// @ts-check
'use strict';
/**
 * Listings Items API 2021-08-01: getListingsItem (includedData incl. fulfillmentAvailability), patchListingsItem
 * (fulfillment_availability / purchasable_offer patches really change state), searchListingsItems, deleteListingsItem.
 * The patch logic is shared with JSON_LISTINGS_FEED processing.
 */
const { invalid, notFound, ApiError } = require('../validate');
const { uuid, iso } = require('../util');
const { MP_BY_ID } = require('../seed');
const { paginate, checkMarketplaces, fingerprint } = require('./common');

/** @param {any} ctx */
function checkSeller(ctx) {
	if (ctx.params.sellerId !== ctx.state.sellerId) throw new ApiError(403, 'Unauthorized', 'Access to requested resource is denied.', 'The sellerId does not match the selling partner of the access token.');
}

/** Render the `Item` model for a listing. @param {any} l @param {string[]} mps @param {string[]} included */
function renderItem(l, mps, included) {
	const inc = new Set(included && included.length ? included : ['summaries']);
	/** @type {any} */
	const r = { sku: l.sku };
	if (inc.has('summaries'))
		r.summaries = mps.map((id) => ({ marketplaceId: id, asin: l.asin, productType: l.productType, conditionType: l.condition, status: l.quantity > 0 || (l.fba && l.fba.fulfillable > 0) ? l.status : ['DISCOVERABLE'], ...(l.fnSku ? { fnSku: l.fnSku } : {}), itemName: l.title, createdDate: l.createdDate, lastUpdatedDate: l.lastUpdatedDate }));
	if (inc.has('attributes'))
		r.attributes = {
			item_name: [{ value: l.title, language_tag: 'en_US', marketplace_id: mps[0] }],
			fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: l.quantity }],
			purchasable_offer: [{ currency: MP_BY_ID[mps[0]] ? MP_BY_ID[mps[0]].currency : 'USD', our_price: [{ schedule: [{ value_with_tax: l.price }] }], marketplace_id: mps[0] }],
			condition_type: [{ value: l.condition, marketplace_id: mps[0] }],
		};
	if (inc.has('issues')) r.issues = l.issues || [];
	if (inc.has('offers')) r.offers = mps.map((id) => ({ marketplaceId: id, offerType: 'B2C', price: { currencyCode: MP_BY_ID[id] ? MP_BY_ID[id].currency : 'USD', amount: l.price.toFixed(2) } }));
	if (inc.has('fulfillmentAvailability')) {
		r.fulfillmentAvailability = [{ fulfillmentChannelCode: 'DEFAULT', quantity: l.quantity }];
		if (l.fba) r.fulfillmentAvailability.push({ fulfillmentChannelCode: MP_BY_ID[mps[0]] ? MP_BY_ID[mps[0]].fba : 'AMAZON_NA', quantity: l.fba.fulfillable });
	}
	if (inc.has('procurement')) r.procurement = [];
	if (inc.has('relationships')) r.relationships = mps.map((id) => ({ marketplaceId: id, relationships: [] }));
	if (inc.has('productTypes')) r.productTypes = mps.map((id) => ({ marketplaceId: id, productType: l.productType }));
	return r;
}

/**
 * Apply JSON-Patch-style listing patches. Returns Amazon-style issues (empty = accepted).
 * Only `/attributes/<top-level>` paths are allowed (as on Amazon). fulfillment_availability changes the
 * merchant (DEFAULT) quantity; FBA channel codes are rejected because Amazon manages that stock.
 * @param {any} sim @param {any} l listing @param {any[]} patches @param {{dryRun?:boolean, source:string}} o
 */
function applyPatches(sim, l, patches, o) {
	/** @type {any[]} */
	const issues = [];
	/** @type {(() => void)[]} */
	const changes = [];
	for (const p of patches) {
		const m = /^\/attributes\/([a-z0-9_]+)$/.exec(p.path || '');
		if (!m) {
			issues.push({ code: '90000900', message: `The path '${p.path}' is invalid. Only top-level attributes such as /attributes/fulfillment_availability can be patched.`, severity: 'ERROR', attributeNames: [String(p.path || '')], categories: ['INVALID_ATTRIBUTE'] });
			continue;
		}
		const attr = m[1];
		if (attr === 'fulfillment_availability') {
			if (p.op === 'delete') {
				changes.push(() => (l.quantity = 0));
				continue;
			}
			if (!Array.isArray(p.value) || !p.value.length) {
				issues.push({ code: '4000001', message: "The value for 'fulfillment_availability' must be a non-empty array.", severity: 'ERROR', attributeNames: [attr], categories: ['INVALID_ATTRIBUTE'] });
				continue;
			}
			for (const v of p.value) {
				const code = v && v.fulfillment_channel_code;
				const q = v && v.quantity;
				if (typeof code !== 'string' || !/^(DEFAULT|AMAZON_[A-Z]{2})$/.test(code)) {
					issues.push({ code: '4000003', message: `Invalid fulfillment_channel_code '${code}'.`, severity: 'ERROR', attributeNames: [attr], categories: ['INVALID_ATTRIBUTE'] });
					continue;
				}
				if (code !== 'DEFAULT') {
					// Amazon-fulfilled (FBA) stock is counted by Amazon: the channel is accepted, the quantity is ignored.
					issues.push({ code: '4000005', message: `The quantity for fulfillment channel '${code}' is managed by Amazon and was ignored.`, severity: 'WARNING', attributeNames: [attr], categories: [] });
					continue;
				}
				if (!Number.isInteger(q) || q < 0 || q > 99999999) {
					issues.push({ code: '4000002', message: `The value '${JSON.stringify(q)}' for 'quantity' in 'fulfillment_availability' is invalid. It must be a whole number from 0 to 99999999.`, severity: 'ERROR', attributeNames: [attr], categories: ['INVALID_ATTRIBUTE'] });
					continue;
				}
				changes.push(() => {
					const before = l.quantity;
					l.quantity = q;
					if (before !== q) sim.notifier.mfnQuantityChanged(l.sku, q);
				});
			}
		} else if (attr === 'purchasable_offer') {
			const price = Number(p.value && p.value[0] && p.value[0].our_price && p.value[0].our_price[0] && p.value[0].our_price[0].schedule && p.value[0].our_price[0].schedule[0] && p.value[0].our_price[0].schedule[0].value_with_tax);
			if (Number.isFinite(price) && price > 0) changes.push(() => (l.price = price));
		} else {
			// other attributes are accepted and stored verbatim (no product-type schema here)
			changes.push(() => {
				l.extraAttributes = l.extraAttributes || {};
				l.extraAttributes[attr] = p.value;
			});
		}
	}
	if (!issues.some((i) => i.severity === 'ERROR') && !o.dryRun) {
		for (const c of changes) c();
		l.lastUpdatedDate = iso(Date.now());
		sim.state.listingPatches.push({ sku: l.sku, source: o.source, time: iso(Date.now()), quantity: l.quantity, patches });
	}
	return issues;
}

/** @param {any} ctx */
function getListingsItem(ctx) {
	checkSeller(ctx);
	checkMarketplaces(ctx.params.marketplaceIds, 'marketplaceIds');
	const l = ctx.state.listings.get(ctx.params.sku);
	if (!l) throw notFound(`SKU '${ctx.params.sku}' not found in marketplace ${ctx.params.marketplaceIds.join(',')}`);
	return { body: renderItem(l, ctx.params.marketplaceIds.slice(0, 1), ctx.params.includedData) };
}

/** @param {any} ctx */
function patchListingsItem(ctx) {
	checkSeller(ctx);
	checkMarketplaces(ctx.params.marketplaceIds, 'marketplaceIds');
	const sku = ctx.params.sku;
	const l = ctx.state.listings.get(sku);
	const dryRun = ctx.params.mode === 'VALIDATION_PREVIEW';
	const inc = ctx.params.includedData || ['issues'];
	const submissionId = uuid().replace(/-/g, '');
	/** @type {any} */
	let r;
	if (!l) {
		r = { sku, status: 'INVALID', submissionId, issues: [{ code: '4000004', message: `SKU '${sku}' does not exist. Create the listing with putListingsItem before patching it.`, severity: 'ERROR', categories: ['INVALID_ATTRIBUTE'] }] };
		if (inc.includes('identifiers')) r.identifiers = [];
	} else {
		const issues = applyPatches(ctx.sim, l, ctx.body.patches, { dryRun, source: 'patchListingsItem' });
		const bad = issues.some((i) => i.severity === 'ERROR');
		r = { sku, status: bad ? 'INVALID' : dryRun ? 'VALID' : 'ACCEPTED', submissionId, issues };
		if (inc.includes('identifiers')) r.identifiers = ctx.params.marketplaceIds.map((/** @type {string} */ id) => ({ marketplaceId: id, asin: l.asin }));
	}
	if (!inc.includes('issues')) r.issues = r.issues.filter((/** @type {any} */ i) => i.severity === 'ERROR');
	return { body: r };
}

/**
 * putListingsItem: create or fully replace a listing (VALIDATION_PREVIEW only validates). Known attributes:
 * item_name, fulfillment_availability, purchasable_offer; the rest is stored as given.
 * @param {any} ctx
 */
function putListingsItem(ctx) {
	checkSeller(ctx);
	checkMarketplaces(ctx.params.marketplaceIds, 'marketplaceIds');
	const sku = ctx.params.sku;
	const dryRun = ctx.params.mode === 'VALIDATION_PREVIEW';
	const inc = ctx.params.includedData || ['issues'];
	const b = ctx.body;
	const existing = ctx.state.listings.get(sku);
	const now = iso(Date.now());
	const l = existing ? { ...existing } : { sku, asin: 'B0' + uuid().replace(/-/g, '').slice(0, 8).toUpperCase(), title: sku, price: 0, productType: b.productType, createdDate: now, lastUpdatedDate: now, quantity: 0, fba: null, status: ['DISCOVERABLE'], condition: 'new_new', marketplaceIds: ctx.params.marketplaceIds };
	l.productType = b.productType;
	const name = b.attributes && b.attributes.item_name && b.attributes.item_name[0] && b.attributes.item_name[0].value;
	if (name) l.title = String(name);
	const patches = Object.entries(b.attributes || {})
		.filter(([k]) => k !== 'item_name')
		.map(([k, v]) => ({ op: 'replace', path: `/attributes/${k}`, value: v }));
	const issues = applyPatches(ctx.sim, l, patches, { dryRun: true, source: 'putListingsItem' });
	const bad = issues.some((i) => i.severity === 'ERROR');
	if (!bad && !dryRun) {
		ctx.state.listings.set(sku, l);
		applyPatches(ctx.sim, l, patches, { source: 'putListingsItem' });
	}
	/** @type {any} */
	const r = { sku, status: bad ? 'INVALID' : dryRun ? 'VALID' : 'ACCEPTED', submissionId: uuid().replace(/-/g, ''), issues };
	if (inc.includes('identifiers')) r.identifiers = bad ? [] : ctx.params.marketplaceIds.map((/** @type {string} */ id) => ({ marketplaceId: id, asin: l.asin }));
	return { body: r };
}

/** @param {any} ctx */
function deleteListingsItem(ctx) {
	checkSeller(ctx);
	checkMarketplaces(ctx.params.marketplaceIds, 'marketplaceIds');
	const l = ctx.state.listings.get(ctx.params.sku);
	if (!l) return { body: { sku: ctx.params.sku, status: 'INVALID', submissionId: uuid().replace(/-/g, ''), issues: [{ code: '4000004', message: `SKU '${ctx.params.sku}' does not exist.`, severity: 'ERROR', categories: [] }] } };
	ctx.state.listings.delete(l.sku);
	return { body: { sku: l.sku, status: 'ACCEPTED', submissionId: uuid().replace(/-/g, ''), issues: [] } };
}

/** @param {any} ctx */
function searchListingsItems(ctx) {
	checkSeller(ctx);
	const p = ctx.params;
	checkMarketplaces(p.marketplaceIds, 'marketplaceIds');
	if (p.identifiers && !p.identifiersType) throw invalid('identifiersType is required when identifiers is provided.', '');
	if (p.pageSize !== undefined && (p.pageSize < 1 || p.pageSize > 20)) throw invalid('pageSize must be between 1 and 20.', `Got ${p.pageSize}`);
	let list = [...ctx.state.listings.values()];
	if (p.identifiers) {
		const key = { SKU: 'sku', ASIN: 'asin', FNSKU: 'fnSku' }[/** @type {'SKU'} */ (p.identifiersType)];
		list = key ? list.filter((l) => p.identifiers.includes(l[key])) : [];
	}
	for (const [k, f] of [
		['createdAfter', (/** @type {any} */ l, /** @type {string} */ v) => Date.parse(l.createdDate) >= Date.parse(v)],
		['createdBefore', (/** @type {any} */ l, /** @type {string} */ v) => Date.parse(l.createdDate) <= Date.parse(v)],
		['lastUpdatedAfter', (/** @type {any} */ l, /** @type {string} */ v) => Date.parse(l.lastUpdatedDate) >= Date.parse(v)],
		['lastUpdatedBefore', (/** @type {any} */ l, /** @type {string} */ v) => Date.parse(l.lastUpdatedDate) <= Date.parse(v)],
	])
		if (p[/** @type {string} */ (k)]) list = list.filter((l) => /** @type {any} */ (f)(l, p[/** @type {string} */ (k)]));
	const sortKey = { sku: 'sku', createdDate: 'createdDate', lastUpdatedDate: 'lastUpdatedDate' }[/** @type {'sku'} */ (p.sortBy || 'lastUpdatedDate')];
	list.sort((a, b) => (a[sortKey] < b[sortKey] ? -1 : a[sortKey] > b[sortKey] ? 1 : 0));
	if ((p.sortOrder || 'DESC') === 'DESC') list.reverse();
	const { page, next } = paginate(list, p.pageSize || 10, p.pageToken, fingerprint(p, ['pageToken']), 'pageToken');
	/** @type {any} */
	const body = { numberOfResults: list.length, items: page.map((l) => renderItem(l, p.marketplaceIds.slice(0, 1), p.includedData)) };
	if (next) body.pagination = { nextToken: next };
	return { body };
}

module.exports = {
	'listings.getListingsItem': getListingsItem,
	'listings.patchListingsItem': patchListingsItem,
	'listings.putListingsItem': putListingsItem,
	'listings.deleteListingsItem': deleteListingsItem,
	'listings.searchListingsItems': searchListingsItems,
	applyPatches,
	renderItem,
};

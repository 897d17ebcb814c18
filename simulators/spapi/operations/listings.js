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
const { validateAttributes } = require('../productTypes');

/** Attributes kept outside `l.attributes` (they have their own state: quantity, offer prices). */
const OFFER_STATE = new Set(['fulfillment_availability', 'purchasable_offer']);

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
	if (inc.has('attributes')) {
		const offer = offerOf(l, mps[0]);
		r.attributes = {
			item_name: [{ value: l.title, language_tag: MP_BY_ID[mps[0]] ? MP_BY_ID[mps[0]].language : 'en_US', marketplace_id: mps[0] }],
			condition_type: [{ value: l.condition, marketplace_id: mps[0] }],
			...((l.attributes && l.attributes[mps[0]]) || {}),
			fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: l.quantity }],
			purchasable_offer: [{ currency: offer.currency, our_price: [{ schedule: [{ value_with_tax: offer.price }] }], marketplace_id: mps[0] }],
		};
	}
	if (inc.has('issues')) r.issues = l.issues || [];
	if (inc.has('offers')) r.offers = mps.map((id) => ({ marketplaceId: id, offerType: 'B2C', price: { currencyCode: offerOf(l, id).currency, amount: offerOf(l, id).price.toFixed(2) } }));
	if (inc.has('fulfillmentAvailability')) {
		r.fulfillmentAvailability = [{ fulfillmentChannelCode: 'DEFAULT', quantity: l.quantity }];
		if (l.fba) r.fulfillmentAvailability.push({ fulfillmentChannelCode: MP_BY_ID[mps[0]] ? MP_BY_ID[mps[0]].fba : 'AMAZON_NA', quantity: l.fba.fulfillable });
	}
	if (inc.has('procurement')) r.procurement = [];
	if (inc.has('relationships')) r.relationships = mps.map((id) => ({ marketplaceId: id, relationships: [] }));
	if (inc.has('productTypes')) r.productTypes = mps.map((id) => ({ marketplaceId: id, productType: l.productType }));
	return r;
}

/** The offer price of a listing in a marketplace (set by purchasable_offer; else the seeded price). @param {any} l @param {string} mp */
function offerOf(l, mp) {
	const o = l.offers && l.offers[mp];
	if (o) return o;
	return { currency: MP_BY_ID[mp] ? MP_BY_ID[mp].currency : 'USD', price: l.price };
}

/**
 * Apply JSON-Patch-style listing patches. Returns Amazon-style issues (empty = accepted).
 * Only `/attributes/<top-level>` paths are allowed (as on Amazon). fulfillment_availability changes the
 * merchant (DEFAULT) quantity; FBA channel codes are rejected because Amazon manages that stock.
 * Values of other attributes are checked against the product type's schema (requirements not enforced, as for a
 * partial update) when `o.productType` is a simulated product type, and stored per marketplace.
 * @param {any} sim @param {any} l listing @param {any[]} patches @param {{dryRun?:boolean, source:string, marketplaceId?:string, productType?:string}} o
 */
function applyPatches(sim, l, patches, o) {
	const mp = o.marketplaceId || (l.marketplaceIds && l.marketplaceIds[0]) || 'ATVPDKIKX0DER';
	/** @type {any[]} */
	const issues = [];
	const productType = o.productType || l.productType;
	const checked = patches.filter((p) => p && p.op !== 'delete' && /^\/attributes\/([a-z0-9_]+)$/.test(p.path || '') && !/fulfillment_availability$/.test(p.path));
	if (checked.length && productType && productType !== 'PRODUCT') {
		const attrs = Object.fromEntries(checked.map((p) => [p.path.slice('/attributes/'.length), p.value]));
		issues.push(...validateAttributes(productType, mp, attrs, { enforced: false }));
	}
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
			if (p.op === 'delete') {
				changes.push(() => l.offers && delete l.offers[mp]);
				continue;
			}
			const offer = Array.isArray(p.value) ? p.value.find((/** @type {any} */ v) => v && (!v.marketplace_id || v.marketplace_id === mp)) : null;
			const price = Number(offer && offer.our_price && offer.our_price[0] && offer.our_price[0].schedule && offer.our_price[0].schedule[0] && offer.our_price[0].schedule[0].value_with_tax);
			const currency = (offer && offer.currency) || (MP_BY_ID[mp] ? MP_BY_ID[mp].currency : 'USD');
			if (!Number.isFinite(price) || price <= 0) {
				issues.push({ code: '4000001', message: "The value for 'purchasable_offer' must have our_price[0].schedule[0].value_with_tax greater than 0.", severity: 'ERROR', attributeNames: [attr], categories: ['INVALID_ATTRIBUTE'] });
				continue;
			}
			changes.push(() => {
				l.offers = l.offers || {};
				l.offers[mp] = { currency, price, source: o.source, updatedAt: iso(Date.now()) };
				if (mp === ((l.marketplaceIds && l.marketplaceIds[0]) || 'ATVPDKIKX0DER')) l.price = price;
			});
		} else {
			// product facts: stored per marketplace (validated above when the product type has a schema)
			changes.push(() => {
				l.attributes = l.attributes || {};
				l.attributes[mp] = l.attributes[mp] || {};
				if (p.op === 'delete') delete l.attributes[mp][attr];
				else l.attributes[mp][attr] = p.value;
				if (attr === 'item_name' && Array.isArray(p.value) && p.value[0] && p.value[0].value) l.title = String(p.value[0].value);
			});
		}
	}
	if (!issues.some((i) => i.severity === 'ERROR') && !o.dryRun) {
		for (const c of changes) c();
		l.lastUpdatedDate = iso(Date.now());
		sim.state.listingPatches.push({ sku: l.sku, source: o.source, marketplaceId: mp, time: iso(Date.now()), quantity: l.quantity, patches });
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
		const issues = applyPatches(ctx.sim, l, ctx.body.patches, { dryRun, source: 'patchListingsItem', marketplaceId: ctx.params.marketplaceIds[0], productType: ctx.body.productType });
		const bad = issues.some((i) => i.severity === 'ERROR');
		r = { sku, status: bad ? 'INVALID' : dryRun ? 'VALID' : 'ACCEPTED', submissionId, issues };
		if (inc.includes('identifiers')) r.identifiers = ctx.params.marketplaceIds.map((/** @type {string} */ id) => ({ marketplaceId: id, asin: l.asin }));
	}
	if (!inc.includes('issues')) r.issues = r.issues.filter((/** @type {any} */ i) => i.severity === 'ERROR');
	return { body: r };
}

/**
 * Creates or fully replaces a listing's attributes in one marketplace (putListingsItem, feed UPDATE). The attributes
 * are validated against the product type's schema with its requirements enforced (LISTING, LISTING_PRODUCT_ONLY), or
 * structurally only (LISTING_OFFER_ONLY). Returns the issues and the listing (null when invalid).
 * @param {any} sim @param {string} sku
 * @param {{ productType: string, requirements?: string, attributes: Record<string, any>, marketplaceId: string, marketplaceIds?: string[], dryRun?: boolean, source: string }} o
 */
function putListing(sim, sku, o) {
	const existing = sim.state.listings.get(sku);
	const now = iso(Date.now());
	const attrs = o.attributes || {};
	const enforced = (o.requirements || 'LISTING') !== 'LISTING_OFFER_ONLY';
	/** @type {any[]} */
	const issues = o.productType === 'PRODUCT' ? [] : validateAttributes(o.productType, o.marketplaceId, attrs, { enforced });
	const l = existing || { sku, asin: 'B0' + uuid().replace(/-/g, '').slice(0, 8).toUpperCase(), title: sku, price: 0, productType: o.productType, createdDate: now, lastUpdatedDate: now, quantity: 0, fba: null, status: ['DISCOVERABLE'], condition: 'new_new', marketplaceIds: o.marketplaceIds || [o.marketplaceId] };
	const patches = Object.entries(attrs).map(([k, v]) => ({ op: 'replace', path: `/attributes/${k}`, value: v }));
	// offer/quantity checks of applyPatches (schema checks were done above, with requirements)
	issues.push(...applyPatches(sim, l, patches.filter((p) => OFFER_STATE.has(p.path.slice(12))), { dryRun: true, source: o.source, marketplaceId: o.marketplaceId, productType: 'PRODUCT' }));
	if (issues.some((i) => i.severity === 'ERROR')) return { issues, listing: null };
	if (o.dryRun) return { issues, listing: l };
	if (!existing) sim.state.listings.set(sku, l);
	l.productType = o.productType;
	l.attributes = l.attributes || {};
	l.attributes[o.marketplaceId] = {};
	const cond = attrs.condition_type && attrs.condition_type[0] && attrs.condition_type[0].value;
	if (cond) l.condition = String(cond);
	applyPatches(sim, l, patches, { source: o.source, marketplaceId: o.marketplaceId, productType: 'PRODUCT' });
	return { issues, listing: l };
}

/**
 * putListingsItem: create or fully replace a listing (VALIDATION_PREVIEW only validates), validated against the
 * product type definition of the marketplace.
 * @param {any} ctx
 */
function putListingsItem(ctx) {
	checkSeller(ctx);
	checkMarketplaces(ctx.params.marketplaceIds, 'marketplaceIds');
	const sku = ctx.params.sku;
	const dryRun = ctx.params.mode === 'VALIDATION_PREVIEW';
	const inc = ctx.params.includedData || ['issues'];
	const b = ctx.body;
	const { issues, listing } = putListing(ctx.sim, sku, { productType: b.productType, requirements: b.requirements, attributes: b.attributes, marketplaceId: ctx.params.marketplaceIds[0], marketplaceIds: ctx.params.marketplaceIds, dryRun, source: 'putListingsItem' });
	const bad = !listing;
	/** @type {any} */
	const r = { sku, status: bad ? 'INVALID' : dryRun ? 'VALID' : 'ACCEPTED', submissionId: uuid().replace(/-/g, ''), issues };
	if (inc.includes('identifiers')) r.identifiers = bad ? [] : ctx.params.marketplaceIds.map((/** @type {string} */ id) => ({ marketplaceId: id, asin: listing.asin }));
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
	putListing,
	renderItem,
};

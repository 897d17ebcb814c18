// @ts-check
'use strict';
/**
 * Product Type Definitions API 2020-09-01: searchDefinitionsProductTypes and getDefinitionsProductType. The
 * definition links its JSON Schema (and the meta-schema) by presigned-style URLs under /__schemas/ (no SP-API token,
 * like the S3 links Amazon returns), with the Base64 MD5 checksum of the document, as the model describes.
 */
const crypto = require('node:crypto');
const { invalid, notFound } = require('../validate');
const { iso } = require('../util');
const { MP_BY_ID } = require('../seed');
const { checkMarketplaces } = require('./common');
const { productTypeSchema, productTypes, versionOf, PROPERTY_GROUPS, META_SCHEMA_DOC, TYPES } = require('../productTypes');

const LINK_TTL_MS = 7 * 24 * 3600 * 1000;
/** Attributes of the offer (sales terms) vs the product facts, for the requirement sets. */
const OFFER_ATTRIBUTES = ['condition_type', 'purchasable_offer', 'fulfillment_availability', 'merchant_suggested_asin', 'externally_assigned_product_identifier'];

/** @param {any} sim @param {string} id */
const signature = (sim, id) => crypto.createHmac('sha256', sim.demo.clientSecret).update(`schema:${id}`).digest('hex');

/** Stores a schema document and returns its presigned-style link + checksum. @param {any} sim @param {string} id @param {object} doc */
function link(sim, id, doc) {
	const content = Buffer.from(JSON.stringify(doc), 'utf8');
	sim.state.schemaDocuments.set(id, { content, expiresAt: Date.now() + sim.scaled(LINK_TTL_MS) });
	const q = new URLSearchParams({ 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Date': iso(Date.now()).replace(/[-:]/g, ''), 'X-Amz-Expires': String(Math.round(sim.scaled(LINK_TTL_MS) / 1000) || 1), 'X-Amz-Signature': signature(sim, id) });
	return { link: { resource: `${sim.url}/__schemas/${encodeURIComponent(id)}?${q}`, verb: 'GET' }, checksum: crypto.createHash('md5').update(content).digest('base64') };
}

/** The schema for a requirements set: LISTING (all), LISTING_PRODUCT_ONLY (product facts), LISTING_OFFER_ONLY (sales terms). @param {any} schema @param {string} requirements */
function forRequirements(schema, requirements) {
	if (requirements === 'LISTING') return schema;
	const keep = (/** @type {string} */ k) => (requirements === 'LISTING_OFFER_ONLY' ? OFFER_ATTRIBUTES.includes(k) : !['purchasable_offer', 'fulfillment_availability'].includes(k));
	const out = { ...schema, properties: Object.fromEntries(Object.entries(schema.properties).filter(([k]) => keep(k))) };
	if (schema.required) out.required = schema.required.filter(keep);
	if (requirements === 'LISTING_OFFER_ONLY') delete out.allOf;
	return out;
}

/** @param {any} ctx */
function getDefinitionsProductType(ctx) {
	const p = ctx.params;
	checkMarketplaces(p.marketplaceIds, 'marketplaceIds');
	if (p.marketplaceIds.length !== 1) throw invalid('Invalid input', 'marketplaceIds is limited to one marketplace.');
	if (p.sellerId && p.sellerId !== ctx.state.sellerId) throw invalid('Invalid input', `sellerId ${p.sellerId} does not match the selling partner.`);
	const mpId = p.marketplaceIds[0];
	const requirements = p.requirements || 'LISTING';
	const enforced = (p.requirementsEnforced || 'ENFORCED') === 'ENFORCED';
	const base = productTypeSchema(p.productType, mpId, { enforced });
	// the model's 400 example is an unknown product type ("INVALID"): answered the same way
	if (!base) throw invalid('Invalid input', `Product type ${p.productType} is not a product type of marketplace ${mpId}.`);
	if (p.productTypeVersion && !['LATEST', 'RELEASE_CANDIDATE', versionOf(p.productType)].includes(p.productTypeVersion)) throw notFound(`Version ${p.productTypeVersion} of product type ${p.productType} not found.`);
	const schema = forRequirements(base, requirements);
	ctx.state.definitionRequests.push({ productType: p.productType, marketplaceId: mpId, requirements, enforced, time: iso(Date.now()) });
	const groups = Object.fromEntries(
		Object.entries(PROPERTY_GROUPS)
			.map(([k, g]) => [k, { ...g, propertyNames: g.propertyNames.filter((n) => n in schema.properties) }])
			.filter(([, g]) => /** @type {any} */ (g).propertyNames.length),
	);
	const locale = p.locale && p.locale !== 'DEFAULT' ? p.locale : MP_BY_ID[mpId].language;
	return {
		body: {
			metaSchema: link(ctx.sim, 'meta-schema-v1.json', META_SCHEMA_DOC),
			schema: link(ctx.sim, `${p.productType}.${mpId}.${requirements}.${enforced ? 'ENFORCED' : 'NOT_ENFORCED'}.json`, schema),
			requirements,
			requirementsEnforced: enforced ? 'ENFORCED' : 'NOT_ENFORCED',
			propertyGroups: groups,
			locale,
			marketplaceIds: [mpId],
			productType: p.productType,
			displayName: /** @type {any} */ (TYPES)[p.productType].displayName,
			productTypeVersion: { version: versionOf(p.productType), latest: true, releaseCandidate: false },
		},
	};
}

/** @param {any} ctx */
function searchDefinitionsProductTypes(ctx) {
	const p = ctx.params;
	checkMarketplaces(p.marketplaceIds, 'marketplaceIds');
	if (p.keywords && p.itemName) throw invalid('Invalid input', 'Provide either keywords or itemName, not both.');
	const words = [...(p.keywords || []), ...(p.itemName ? String(p.itemName).split(/\s+/) : [])].map((w) => String(w).toLowerCase()).filter(Boolean);
	const list = productTypes().filter((t) => !words.length || words.some((w) => t.name.toLowerCase().includes(w) || t.displayName.toLowerCase().includes(w)));
	return { body: { productTypes: list.map((t) => ({ name: t.name, displayName: t.displayName, marketplaceIds: p.marketplaceIds })), productTypeVersion: 'LATEST' } };
}

/** GET on a schema link (no SP-API auth; the URL carries its signature). @param {any} sim @param {string} method @param {URL} u */
function schemaEndpoint(sim, method, u) {
	const id = decodeURIComponent(u.pathname.slice('/__schemas/'.length));
	const doc = sim.state.schemaDocuments.get(id);
	const xml = 'application/xml';
	const err = (/** @type {number} */ status, /** @type {string} */ code, /** @type {string} */ message) => ({ status, body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`, contentType: xml });
	if (method !== 'GET') return err(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
	if (!doc) return err(404, 'NoSuchKey', 'The specified key does not exist.');
	if (u.searchParams.get('X-Amz-Signature') !== signature(sim, id)) return err(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
	if (Date.now() > doc.expiresAt) return err(403, 'AccessDenied', 'Request has expired');
	sim.state.schemaDownloads++;
	return { status: 200, body: doc.content, contentType: 'application/json' };
}

module.exports = {
	'definitions.getDefinitionsProductType': getDefinitionsProductType,
	'definitions.searchDefinitionsProductTypes': searchDefinitionsProductTypes,
	schemaEndpoint,
};

import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { JsonSchemaValidator } from '../schema';
import type { SpApiClient, SpApiContext } from './client';
import { SpApiError } from './errors';
import { downloadDocument } from './feeds';

/**
 * Product type definitions (Product Type Definitions API 2020-09-01) with a per-process cache, so a run that
 * validates 10,000 listings of three product types asks Amazon three times, and a schema is downloaded again only
 * when its checksum changes:
 * - definitions (version, schema link + checksum) are kept per seller, product type, marketplace, requirements and
 *   locale for `maxAgeMs` (default 1 h); concurrent callers share one request;
 * - schema documents are kept by checksum (Base64 MD5, as the definition gives it, verified on download), at most 50,
 *   least recently used dropped first.
 * The schema link is a presigned URL: it is fetched without the SP-API access token (like feed documents).
 */
export interface ProductTypeKey {
	productType: string;
	marketplaceId: string;
	requirements?: 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';
	locale?: string;
}

export interface ProductTypeSchema {
	productType: string;
	marketplaceId: string;
	requirements: string;
	version: string;
	checksum: string;
	validator: JsonSchemaValidator;
	fetchedAt: number;
}

const MAX_SCHEMAS = 50;
const definitions = new Map<string, { meta: { version: string; checksum: string; requirements: string }; fetchedAt: number }>();
const schemas = new Map<string, JsonSchemaValidator>();
const inFlight = new Map<string, Promise<ProductTypeSchema>>();

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

function remember(checksum: string, v: JsonSchemaValidator): void {
	schemas.delete(checksum);
	schemas.set(checksum, v);
	while (schemas.size > MAX_SCHEMAS) schemas.delete(schemas.keys().next().value as string);
}

async function load(ctx: SpApiContext, client: SpApiClient, key: ProductTypeKey, cacheKey: string, maxAgeMs: number): Promise<ProductTypeSchema> {
	const requirements = key.requirements ?? 'LISTING';
	const now = Date.now();
	let def = definitions.get(cacheKey);
	if (!def || now - def.fetchedAt > maxAgeMs || !schemas.has(def.meta.checksum)) {
		const res = await client.call<IDataObject>('definitions.getDefinitionsProductType', {
			pathParams: { productType: key.productType },
			query: {
				marketplaceIds: [key.marketplaceId],
				sellerId: client.sellerId || undefined,
				requirements,
				requirementsEnforced: 'ENFORCED',
				locale: key.locale || 'DEFAULT',
			},
		});
		const schemaLink = res.body.schema as { link?: { resource?: string }; checksum?: string } | undefined;
		const url = schemaLink?.link?.resource;
		const checksum = String(schemaLink?.checksum ?? '');
		if (!url) {
			throw new SpApiError({ operation: 'definitions.getDefinitionsProductType', status: res.status, code: 'NoSchemaLink', message: `The definition of ${key.productType} (${key.marketplaceId}) has no schema link`, requestId: res.requestId });
		}
		const version = String((res.body.productTypeVersion as IDataObject | undefined)?.version ?? '');
		if (!schemas.has(checksum)) {
			const bytes = await downloadDocument(ctx, url);
			const md5 = createHash('md5').update(bytes).digest('base64');
			if (checksum && md5 !== checksum) {
				throw new SpApiError({ operation: 'definitions.schemaDocument', status: 200, code: 'SchemaChecksumMismatch', message: `The schema of ${key.productType} (${key.marketplaceId}) does not match its checksum (got ${md5}, expected ${checksum}); try again` });
			}
			const parsed = parseJson(bytes.toString('utf8'));
			if (parsed === undefined) {
				throw new SpApiError({ operation: 'definitions.schemaDocument', status: 200, code: 'SchemaNotJson', message: `The schema of ${key.productType} (${key.marketplaceId}) is not JSON` });
			}
			remember(checksum || md5, new JsonSchemaValidator(parsed as Record<string, unknown>));
		}
		def = { meta: { version, checksum: checksum || [...schemas.keys()].slice(-1)[0], requirements }, fetchedAt: now };
		definitions.set(cacheKey, def);
	}
	const validator = schemas.get(def.meta.checksum) as JsonSchemaValidator;
	remember(def.meta.checksum, validator);
	return { productType: key.productType, marketplaceId: key.marketplaceId, requirements, version: def.meta.version, checksum: def.meta.checksum, validator, fetchedAt: def.fetchedAt };
}

/** The schema of a product type in a marketplace, from the cache when fresh. */
export async function getProductTypeSchema(ctx: SpApiContext, client: SpApiClient, key: ProductTypeKey, opts: { maxAgeMs?: number } = {}): Promise<ProductTypeSchema> {
	const cacheKey = [client.config.endpoint, client.sellerId, key.productType, key.marketplaceId, key.requirements ?? 'LISTING', key.locale ?? 'DEFAULT'].join('|');
	const pending = inFlight.get(cacheKey);
	if (pending) return await pending;
	const p = load(ctx, client, key, cacheKey, opts.maxAgeMs ?? 3600000);
	inFlight.set(cacheKey, p);
	try {
		return await p;
	} finally {
		inFlight.delete(cacheKey);
	}
}

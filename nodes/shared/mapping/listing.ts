/**
 * (8) M3 item master -> Amazon listing: a declarative mapping the user edits (M3 field or custom field -> listing
 * attribute, with value transforms), per product type, plus the offer price per marketplace from an M3 price list.
 * Pure: the input is one record of the Infor M3 node's "Get Items for Listings" (docs/contracts.md, Catalog):
 *   { ITNO, sku, skus?, ean?, item?: {MITMAS fields}, customFields?: {A030..}, prices?: {PRRF: {CUCD, SAPR, SACD, FVDT}} }
 * (no `item` = an item whose price list line is all that is read this run: only the offer is mapped).
 * Value sources, transforms and templates: listingValues.ts.
 */
import { decDiv, decMul, decRound, decToString, parseDec, type Dec } from '../canonical/decimal';
import { currencyScale } from '../canonical/currency';
import {
	TRANSFORM_NAMES,
	describeSource,
	resolveTemplate,
	resolveValues,
	sourceValue,
	text,
	type Source,
	type ValueSpec,
} from './listingValues';
import { fail, isRecord, issue, ok, type Issue, type Result } from './result';

export { sourceValue, type Transform, type ValueSpec } from './listingValues';

export interface AttributeSpec extends ValueSpec {
	/** adds the marketplace's language_tag to each value (text attributes) */
	language?: boolean;
	/** measure: each value becomes { value, unit } */
	unit?: string;
	/** one value object built from this structure; its `{from|format|const}` leaves are resolved, other values kept */
	template?: Record<string, unknown>;
	/** false = no marketplace_id in the values (default true) */
	marketplaceId?: boolean;
}

export interface ListingMapping {
	/** fixed product type, or taken from a field through a map (e.g. item group ITGR -> product type) */
	productType: string | { from: string; map?: Record<string, string>; default?: string };
	/** attributes of every product type */
	attributes: Record<string, string | AttributeSpec>;
	/** more (or different) attributes per product type */
	productTypes?: Record<string, { attributes?: Record<string, string | AttributeSpec> }>;
}

export interface MarketplaceConfig {
	marketplaceId: string;
	/** language_tag of text values (default: the marketplace's language) */
	languageTag?: string;
	/** M3 price list (PRRF) whose price is the offer price here; empty = no price sent */
	priceList?: string;
	/** currency of the offer (must be the price list's CUCD; default: the marketplace's) */
	currency?: string;
	/** the price list holds net prices: VAT is added (EU marketplaces show prices with VAT) */
	pricesInclude?: 'gross' | 'net';
	vatPercent?: string | number;
	/** custom field holding the listing status in this marketplace (default: the common status field) */
	statusField?: string;
}

export interface ListingOffer {
	currency: string;
	/** decimal string, VAT included where the marketplace shows prices with tax */
	price: string;
	priceList: string;
	/** the M3 price before VAT, when VAT was added */
	netPrice?: string;
}

/** One listing in one marketplace: what the Amazon node's "Sync Listings" takes (docs/contracts.md, Catalog). */
export interface ListingItem {
	sku: string;
	marketplaceId: string;
	productType: string;
	/** product facts (purchasable_offer is built from `offer` by the sender); absent = offer-only record */
	attributes?: Record<string, unknown[]>;
	offer?: ListingOffer;
	/**
	 * M3 context: item number, the custom fields where the ASIN and this marketplace's listing status are kept, and
	 * the values they hold now
	 */
	m3: { ITNO: string; asinField?: string; statusField?: string; asin?: string; status?: string; fieldsRead?: boolean };
}

/** Language and currency of Amazon's marketplaces (spapi.md §2). */
export const MARKETPLACE_DEFAULTS: Readonly<Record<string, { language: string; currency: string }>> = {
	ATVPDKIKX0DER: { language: 'en_US', currency: 'USD' },
	A2EUQ1WTGCTBG2: { language: 'en_CA', currency: 'CAD' },
	A1AM78C64UM0Y8: { language: 'es_MX', currency: 'MXN' },
	A2Q3Y263D00KWC: { language: 'pt_BR', currency: 'BRL' },
	A1F83G8C2ARO7P: { language: 'en_GB', currency: 'GBP' },
	A1PA6795UKMFR9: { language: 'de_DE', currency: 'EUR' },
	A13V1IB3VIYZZH: { language: 'fr_FR', currency: 'EUR' },
	APJ6JRA9NG5V4: { language: 'it_IT', currency: 'EUR' },
	A1RKKUPIHCS9HS: { language: 'es_ES', currency: 'EUR' },
	A1805IZSGTT6HS: { language: 'nl_NL', currency: 'EUR' },
	A2NODRKZP88ZB9: { language: 'sv_SE', currency: 'SEK' },
	A1C3SOZRARQ6R3: { language: 'pl_PL', currency: 'PLN' },
	AMEN7PMS3EDWL: { language: 'fr_BE', currency: 'EUR' },
	A28R8C7NBKEWEA: { language: 'en_IE', currency: 'EUR' },
	A33AVAJ2PDY3EV: { language: 'tr_TR', currency: 'TRY' },
	A2VIGQ35RCS4UG: { language: 'en_AE', currency: 'AED' },
	A17E79C6D8DWNP: { language: 'ar_SA', currency: 'SAR' },
	ARBP9OOSHTCHU: { language: 'ar_EG', currency: 'EGP' },
	AE08WJ6YKNBMC: { language: 'en_ZA', currency: 'ZAR' },
	A21TJRUUN4KGV: { language: 'en_IN', currency: 'INR' },
	A19VAU5U5O7RUS: { language: 'en_SG', currency: 'SGD' },
	A39IBJ37TRP1C6: { language: 'en_AU', currency: 'AUD' },
	A1VC38T7YXB528: { language: 'ja_JP', currency: 'JPY' },
};

function normalizeSpec(spec: string | AttributeSpec): AttributeSpec {
	return typeof spec === 'string' ? { from: spec } : spec;
}

/** Checks a mapping's shape once (before any item): unknown transforms, missing sources. */
export function checkMapping(mapping: unknown): Issue[] {
	const issues: Issue[] = [];
	if (!isRecord(mapping)) return [issue('mapping', 'invalid_mapping', 'The listing mapping must be a JSON object with productType and attributes')];
	const pt = mapping.productType;
	if (!(typeof pt === 'string' && pt.trim()) && !(isRecord(pt) && typeof pt.from === 'string')) {
		issues.push(issue('mapping.productType', 'invalid_mapping', 'productType must be a product type name (e.g. "HOME") or { "from": "ITGR", "map": {...}, "default": "..." }'));
	}
	const groups: Array<[string, unknown]> = [['mapping.attributes', mapping.attributes]];
	if (isRecord(mapping.productTypes)) for (const [k, v] of Object.entries(mapping.productTypes)) groups.push([`mapping.productTypes.${k}.attributes`, isRecord(v) ? v.attributes ?? {} : v]);
	for (const [where, attrs] of groups) {
		if (!isRecord(attrs)) {
			issues.push(issue(where, 'invalid_mapping', `${where} must be an object: attribute name -> source`));
			continue;
		}
		for (const [name, raw] of Object.entries(attrs)) {
			const p = `${where}.${name}`;
			if (!/^[a-z0-9_]+$/.test(name)) issues.push(issue(p, 'invalid_mapping', `"${name}" is not an Amazon attribute name (lower_snake_case, e.g. item_name)`));
			if (typeof raw === 'string') continue;
			if (!isRecord(raw)) {
				issues.push(issue(p, 'invalid_mapping', `${name}: give a source path ("custom.A030") or an object with from, format, const or template`));
				continue;
			}
			if (!('from' in raw || 'format' in raw || 'const' in raw || 'template' in raw)) issues.push(issue(p, 'invalid_mapping', `${name}: no source (from, format, const or template)`));
			const transforms = raw.transform;
			if (transforms !== undefined && !Array.isArray(transforms)) issues.push(issue(`${p}.transform`, 'invalid_mapping', `${name}: transform must be a list`));
			for (const t of Array.isArray(transforms) ? transforms : []) {
				if (typeof t === 'string' ? !TRANSFORM_NAMES.includes(t) : !(isRecord(t) && ['map', 'prefix', 'suffix', 'truncate', 'omit', 'default'].some((k) => k in t))) {
					issues.push(issue(`${p}.transform`, 'invalid_mapping', `${name}: unknown transform ${JSON.stringify(t)} (use ${TRANSFORM_NAMES.join(', ')}, {map}, {prefix}, {suffix}, {truncate}, {omit}, {default})`));
				}
			}
		}
	}
	return issues;
}

function productTypeOf(rec: Source, mapping: ListingMapping): { value?: string; issue?: Issue } {
	const pt = mapping.productType;
	if (typeof pt === 'string') return { value: pt.trim() };
	const key = text(sourceValue(rec, pt.from))?.trim() ?? '';
	const mapped = pt.map && Object.prototype.hasOwnProperty.call(pt.map, key) ? pt.map[key] : pt.map ? pt.default : key || pt.default;
	if (!mapped) return { issue: issue('productType', 'product_type_unmapped', `${pt.from} "${key}" has no product type in the mapping (and no default)`) };
	return { value: mapped };
}

function attributeValues(rec: Source, name: string, spec: AttributeSpec, mp: string, lang: string): { values?: unknown[]; issue?: Issue } {
	const withMp = (o: Record<string, unknown>): Record<string, unknown> => (spec.marketplaceId === false || 'marketplace_id' in o ? o : { ...o, marketplace_id: mp });
	try {
		if (spec.template !== undefined) {
			const r = resolveTemplate(rec, spec.template);
			if (r.missing) return spec.required ? { issue: issue(`attributes.${name}`, 'attribute_missing', `${name}: no value in M3 (${r.missing} is empty)`) } : {};
			const obj = isRecord(r.value) ? r.value : { value: r.value };
			return { values: [withMp(spec.language ? { ...obj, language_tag: lang } : obj)] };
		}
		const vals = resolveValues(rec, spec);
		if (!vals.length) return spec.required ? { issue: issue(`attributes.${name}`, 'attribute_missing', `${name}: no value in M3 (${describeSource(spec)} is empty)`) } : {};
		return {
			values: vals.map((value) => {
				const o: Record<string, unknown> = { value };
				if (spec.unit) o.unit = spec.unit;
				if (spec.language) o.language_tag = lang;
				return withMp(o);
			}),
		};
	} catch (e) {
		return { issue: issue(`attributes.${name}`, 'invalid_value', `${name}: ${(e as Error).message} (from ${describeSource(spec)})`) };
	}
}

function toDec(v: unknown): Dec | null {
	if (typeof v === 'number') return parseDec(v);
	const s = text(v);
	return s === undefined ? null : parseDec(s.trim());
}

/** The offer price of a marketplace from the record's price list line (per unit, VAT added when the list is net). */
export function offerFor(rec: Source, mpc: MarketplaceConfig): { offer?: ListingOffer; issue?: Issue } {
	const prrf = (mpc.priceList ?? '').trim();
	if (!prrf) return {};
	const line = isRecord(rec.prices) ? rec.prices[prrf] : undefined;
	if (!isRecord(line)) return {};
	const currency = (mpc.currency || MARKETPLACE_DEFAULTS[mpc.marketplaceId]?.currency || '').toUpperCase();
	const cucd = text(line.CUCD)?.trim().toUpperCase();
	if (cucd && currency && cucd !== currency) return { issue: issue(`prices.${prrf}`, 'currency_mismatch', `Price list ${prrf} is in ${cucd}, marketplace ${mpc.marketplaceId} sells in ${currency}`) };
	const scale = currencyScale(currency);
	if (scale === undefined) return { issue: issue(`prices.${prrf}`, 'unknown_currency', `Unknown currency "${currency}" for marketplace ${mpc.marketplaceId}`) };
	const sapr = toDec(line.SAPR);
	if (!sapr || sapr.m <= BigInt(0)) return { issue: issue(`prices.${prrf}.SAPR`, 'invalid_price', `Price list ${prrf}: sales price "${text(line.SAPR) ?? ''}" is not a positive amount`) };
	const qty = toDec(line.SACD ?? '1');
	if (!qty || qty.m <= BigInt(0)) return { issue: issue(`prices.${prrf}.SACD`, 'invalid_price', `Price list ${prrf}: sales price quantity "${text(line.SACD) ?? ''}" is not positive`) };
	const unit = decDiv(sapr, qty, 10);
	if (!unit) return { issue: issue(`prices.${prrf}.SACD`, 'invalid_price', `Price list ${prrf}: sales price quantity is zero`) };
	let price = unit.value;
	let netPrice: string | undefined;
	if (mpc.pricesInclude === 'net') {
		const vat = toDec(mpc.vatPercent ?? 0);
		if (!vat || vat.m < BigInt(0)) return { issue: issue('vatPercent', 'invalid_option', `VAT percent "${String(mpc.vatPercent)}" for ${mpc.marketplaceId} is not a number`) };
		netPrice = decToString(decRound(price, scale, 'HALF_UP'));
		// gross = net * (100 + vat) / 100
		price = decMul(price, { m: vat.m + BigInt(100) * BigInt(10) ** BigInt(vat.s), s: vat.s + 2 });
	}
	return { offer: { currency, price: decToString(decRound(price, scale, 'HALF_UP')), priceList: prrf, ...(netPrice !== undefined ? { netPrice } : {}) } };
}

/** `purchasable_offer` attribute value of an offer (Amazon's listing attribute shape). */
export function offerAttribute(offer: { currency: string; price: string }, marketplaceId: string): Array<Record<string, unknown>> {
	return [{ currency: offer.currency, our_price: [{ schedule: [{ value_with_tax: Number(offer.price) }] }], marketplace_id: marketplaceId }];
}

/**
 * One catalog record -> one listing per marketplace. Issues (unmapped product type, a transform that cannot take
 * the M3 value, a price that is not usable) name the attribute or field; nothing is guessed.
 */
export function m3ItemToListings(
	record: unknown,
	mapping: ListingMapping,
	marketplaces: MarketplaceConfig[],
	fields: { asinField?: string; statusField?: string } = {},
): Result<ListingItem[]> {
	if (!isRecord(record)) return fail([issue('', 'invalid_input', 'The item is not an object')]);
	const sku = text(record.sku)?.trim();
	const itno = text(record.ITNO)?.trim() ?? (isRecord(record.item) ? text(record.item.ITNO)?.trim() : undefined);
	if (!sku) return fail([issue('sku', 'missing_field', `Item ${itno ?? '?'} has no Amazon SKU`)]);
	if (!itno) return fail([issue('ITNO', 'missing_field', `SKU ${sku} has no M3 item number`)]);
	const issues: Issue[] = [];
	const hasItem = isRecord(record.item);
	const custom = isRecord(record.customFields) ? record.customFields : {};
	// an item with several SKUs (e.g. an MFN and an FBA alias) has one custom-field record: its first SKU writes it
	const primary = !Array.isArray(record.skus) || record.skus.length < 2 || text(record.skus[0])?.trim() === sku;
	const m3For = (mpc: MarketplaceConfig): ListingItem['m3'] => {
		if (!primary) return { ITNO: itno };
		const statusField = (mpc.statusField || fields.statusField || '').trim();
		const asin = fields.asinField ? text(custom[fields.asinField])?.trim() : undefined;
		const status = statusField ? text(custom[statusField])?.trim() : undefined;
		return {
			ITNO: itno,
			...(fields.asinField ? { asinField: fields.asinField } : {}),
			...(statusField ? { statusField } : {}),
			...(asin ? { asin } : {}),
			...(status ? { status } : {}),
			// asin/status above are M3's current values only when the custom fields were read for this record
			...(isRecord(record.customFields) ? { fieldsRead: true } : {}),
		};
	};
	let productType = '';
	if (!hasItem && typeof mapping.productType !== 'string') {
		// offer only: Amazon takes price patches with the generic PRODUCT type (spapi.md §6)
		productType = 'PRODUCT';
	} else {
		const pt = productTypeOf(record, mapping);
		if (pt.issue) issues.push(pt.issue);
		else productType = pt.value ?? '';
	}
	const specs: Record<string, string | AttributeSpec> = { ...mapping.attributes, ...(mapping.productTypes?.[productType]?.attributes ?? {}) };
	const out: ListingItem[] = [];
	for (const mpc of marketplaces) {
		const mp = mpc.marketplaceId;
		const lang = mpc.languageTag || MARKETPLACE_DEFAULTS[mp]?.language || 'en_US';
		let attributes: Record<string, unknown[]> | undefined;
		if (hasItem) {
			attributes = {};
			for (const [name, raw] of Object.entries(specs)) {
				const r = attributeValues(record, name, normalizeSpec(raw), mp, lang);
				if (r.issue) issues.push({ ...r.issue, message: `SKU ${sku} (${mp}): ${r.issue.message}` });
				else if (r.values) attributes[name] = r.values;
			}
		}
		const o = offerFor(record, mpc);
		if (o.issue) issues.push({ ...o.issue, message: `SKU ${sku} (${mp}): ${o.issue.message}` });
		if (!attributes && !o.offer) continue;
		out.push({ sku, marketplaceId: mp, productType, ...(attributes ? { attributes } : {}), ...(o.offer ? { offer: o.offer } : {}), m3: m3For(mpc) });
	}
	if (issues.length) return fail(issues);
	return ok(out);
}

/** JSON with sorted keys: the same listing always gives the same text (for change detection). */
export function stableJson(v: unknown): string {
	if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
	if (isRecord(v)) return `{${Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`).join(',')}}`;
	return JSON.stringify(v) ?? 'null';
}

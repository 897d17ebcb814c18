// @ts-check
'use strict';
/**
 * Product type definitions the simulator serves (Product Type Definitions API 2020-09-01) and enforces on
 * putListingsItem / patchListingsItem / JSON_LISTINGS_FEED. The schemas follow the shape of Amazon's: JSON Schema
 * 2019-09 with Amazon's meta-schema vocabulary (`selectors` + `maxUniqueItems`, `maxUtf8ByteLength`, `editable`,
 * `hidden`, `enumNames`), `$defs` for marketplace_id / language_tag, attributes as arrays of value objects, required
 * attributes per requirements set (LISTING = product facts + sales terms) and conditional requirements in `allOf`
 * (if batteries_required then num_batteries; an external product id unless the exemption is declared).
 * Amazon's real schemas have hundreds of attributes; these carry the ones a typical ERP sync sends.
 *
 * Product types: HOME, SHIRT, HAT, LUGGAGE, OFFICE_PRODUCTS, ELECTRONIC_CABLE, and PRODUCT (offer-only patches, as used
 * for quantities: not schema-checked, like Amazon's generic offer type).
 * Validation here uses ajv (2019 dialect) with the Amazon keywords added, independent of the package's own validator.
 */
const crypto = require('node:crypto');
const Ajv2019 = require('ajv/dist/2019').default;
const { MP_BY_ID } = require('./seed');

const META_SCHEMA = 'https://schemas.amazon.com/selling-partners/definitions/product-types/meta-schema/v1';
const COUNTRIES = ['CN', 'DE', 'US', 'GB', 'FR', 'IT', 'ES', 'PT', 'PL', 'IN', 'VN', 'TR', 'BD', 'JP', 'KR', 'TW', 'MX', 'CA', 'NL', 'BE', 'CZ'];

/** @param {string} title @param {string} description @param {any} valueSchema @param {{ language?: boolean, max?: number, extra?: Record<string, any>, required?: string[] }} [o] */
function attr(title, description, valueSchema, o = {}) {
	/** @type {Record<string, any>} */
	const props = { value: { title, ...valueSchema } };
	if (o.language) props.language_tag = { $ref: '#/$defs/language_tag' };
	props.marketplace_id = { $ref: '#/$defs/marketplace_id' };
	Object.assign(props, o.extra || {});
	return {
		title,
		description,
		examples: valueSchema.examples || undefined,
		type: 'array',
		minItems: 1,
		selectors: o.language ? ['marketplace_id', 'language_tag'] : ['marketplace_id'],
		maxUniqueItems: o.max || 1,
		items: { type: 'object', required: o.required || ['value'], properties: props, additionalProperties: false },
	};
}

/** @param {string} t */
const text = (t) => ({ type: 'string', minLength: 1, maxLength: Number(t), maxUtf8ByteLength: Number(t) * 2 });

/** Attributes every simulated product type knows. @param {any} mp */
function commonAttributes(mp) {
	return {
		item_name: attr('Item Name', 'Provide a title for the item that may be customer facing', { ...text('200'), maxUtf8ByteLength: 200 }, { language: true }),
		brand: attr('Brand Name', 'Provide the brand name of the product', { ...text('100'), maxUtf8ByteLength: 100 }, { language: true }),
		externally_assigned_product_identifier: {
			title: 'External Product ID',
			description: 'Provide the external ID (barcode) type and value that is being used to identify the product',
			type: 'array',
			minItems: 1,
			selectors: ['marketplace_id', 'type'],
			maxUniqueItems: 1,
			items: {
				type: 'object',
				required: ['type', 'value'],
				properties: {
					type: { title: 'External Product ID Type', type: 'string', enum: ['ean', 'gtin', 'upc', 'isbn'], enumNames: ['EAN', 'GTIN', 'UPC', 'ISBN'] },
					value: { title: 'External Product ID', type: 'string' },
					marketplace_id: { $ref: '#/$defs/marketplace_id' },
				},
				additionalProperties: false,
				allOf: [
					{ if: { properties: { type: { const: 'ean' } } }, then: { properties: { value: { pattern: '^[0-9]{13}$' } } } },
					{ if: { properties: { type: { const: 'upc' } } }, then: { properties: { value: { pattern: '^[0-9]{12}$' } } } },
					{ if: { properties: { type: { const: 'gtin' } } }, then: { properties: { value: { pattern: '^[0-9]{14}$' } } } },
				],
			},
		},
		supplier_declared_has_product_identifier_exemption: attr('Product Identifier Exemption', 'Whether the product is exempt from a GTIN', { type: 'boolean' }),
		merchant_suggested_asin: attr('Merchant Suggested ASIN', 'ASIN of the product to match', { type: 'string', pattern: '^B0[A-Z0-9]{8}$' }),
		condition_type: attr('Item Condition', 'The condition of the item', {
			type: 'string',
			enum: ['new_new', 'new_open_box', 'new_oem', 'refurbished_refurbished', 'used_like_new', 'used_very_good', 'used_good', 'used_acceptable', 'club_club'],
			enumNames: ['New', 'New - Open Box', 'New - OEM', 'Refurbished', 'Used - Like New', 'Used - Very Good', 'Used - Good', 'Used - Acceptable', 'Club'],
		}),
		bullet_point: attr('Bullet Point', 'Brief descriptive text, called out via a bullet point, regarding a specific aspect of the product', { ...text('500'), maxUtf8ByteLength: 500 }, { language: true, max: 5 }),
		product_description: attr('Product Description', 'Provide a text description of the product', { ...text('2000'), maxUtf8ByteLength: 2000 }, { language: true }),
		country_of_origin: attr('Country of Origin', 'The country in which the product was produced', { type: 'string', enum: COUNTRIES }),
		color: attr('Color', 'Provide the color of the product', { ...text('50'), maxUtf8ByteLength: 50 }, { language: true }),
		material: attr('Material', 'The material the product is mainly made of', { ...text('100'), maxUtf8ByteLength: 100 }, { language: true, max: 3 }),
		item_package_weight: attr('Package Weight', 'The weight of the package', { type: 'number', exclusiveMinimum: 0, maximum: 1000 }, {
			extra: { unit: { title: 'Package Weight Unit', type: 'string', enum: ['grams', 'kilograms', 'ounces', 'pounds'] } },
			required: ['value', 'unit'],
		}),
		batteries_required: attr('Are batteries required?', 'Whether the product requires batteries', { type: 'boolean' }),
		num_batteries: attr('Number of Batteries', 'How many batteries the product needs', { type: 'integer', minimum: 1, maximum: 100 }),
		supplier_declared_dg_hz_regulation: attr('Dangerous Goods Regulations', 'Dangerous goods regulations that apply to the product', {
			type: 'string',
			enum: ['not_applicable', 'ghs', 'storage', 'transportation', 'waste', 'other', 'unknown'],
		}, { max: 5 }),
		purchasable_offer: {
			title: 'Offer',
			description: 'The attribute indicates the Purchasable Offer of the product',
			type: 'array',
			selectors: ['marketplace_id', 'audience'],
			maxUniqueItems: 1,
			items: {
				type: 'object',
				required: ['currency', 'marketplace_id'],
				properties: {
					audience: { title: 'Audience', type: 'string', enum: ['ALL', 'B2B'], default: 'ALL' },
					currency: { title: 'Currency', type: 'string', enum: [mp.currency] },
					our_price: {
						title: 'Your Price',
						type: 'array',
						minItems: 1,
						maxItems: 1,
						items: {
							type: 'object',
							required: ['schedule'],
							properties: {
								schedule: {
									type: 'array',
									minItems: 1,
									maxItems: 1,
									items: {
										type: 'object',
										required: ['value_with_tax'],
										properties: { value_with_tax: { title: 'Your Price', description: 'Price including tax where the marketplace shows prices with tax', type: 'number', exclusiveMinimum: 0, maximum: 10000000 } },
										additionalProperties: false,
									},
								},
							},
							additionalProperties: false,
						},
					},
					marketplace_id: { $ref: '#/$defs/marketplace_id' },
				},
				additionalProperties: false,
			},
		},
		fulfillment_availability: {
			title: 'Fulfillment Availability',
			type: 'array',
			items: {
				type: 'object',
				required: ['fulfillment_channel_code'],
				properties: {
					fulfillment_channel_code: { type: 'string' },
					quantity: { type: 'integer', minimum: 0, maximum: 99999999 },
					lead_time_to_ship_max_days: { type: 'integer', minimum: 0, maximum: 30 },
				},
				additionalProperties: false,
			},
		},
	};
}

const COMMON_REQUIRED = ['item_name', 'brand', 'condition_type', 'bullet_point', 'product_description', 'country_of_origin', 'item_package_weight', 'batteries_required', 'supplier_declared_dg_hz_regulation'];

/** Product types: display name, the extra attributes (schemas) and which of them are required. */
const TYPES = {
	/** Amazon's generic type for offer-only submissions (prices, quantities): the offer attributes, nothing required */
	PRODUCT: { displayName: 'Product', extra: {}, required: [], offerOnly: true },
	HOME: { displayName: 'Home', extra: {}, required: ['color', 'material'] },
	SHIRT: {
		displayName: 'Shirt',
		extra: {
			size: attr('Size', 'Provide the size of the item', { ...text('50') }, { language: true }),
			department: attr('Department', 'Provide the department of the item', { type: 'string', enum: ['mens', 'womens', 'unisex-adult', 'boys', 'girls', 'unisex-child', 'baby'] }, { language: true }),
			fabric_type: attr('Fabric Type', 'Provide the fabrics and percentage of each fabric', { ...text('300') }, { language: true }),
		},
		required: ['color', 'size', 'department', 'fabric_type'],
	},
	HAT: {
		displayName: 'Hat',
		extra: { department: attr('Department', 'Provide the department of the item', { type: 'string', enum: ['mens', 'womens', 'unisex-adult', 'unisex-child'] }, { language: true }) },
		required: ['color', 'department'],
	},
	LUGGAGE: { displayName: 'Luggage', extra: {}, required: ['color', 'material'] },
	OFFICE_PRODUCTS: { displayName: 'Office Products', extra: {}, required: ['color'] },
	ELECTRONIC_CABLE: {
		displayName: 'Electronic Cable',
		extra: { connector_type: attr('Connector Type', 'The type of connector', { type: 'string', enum: ['usb_type_c', 'usb_type_a', 'lightning', 'micro_usb', 'hdmi'] }, { max: 2 }) },
		required: ['color', 'connector_type'],
	},
};

/**
 * The JSON Schema of a product type for a marketplace. `enforced` = requirementsEnforced ENFORCED (required and
 * conditional requirements present) or NOT_ENFORCED (structure only, for partial updates).
 * @param {string} productType @param {string} marketplaceId @param {{ enforced?: boolean }} [o]
 */
function productTypeSchema(productType, marketplaceId, o = {}) {
	const t = /** @type {any} */ (TYPES)[productType];
	const mp = MP_BY_ID[marketplaceId];
	if (!t || !mp) return null;
	const enforced = o.enforced !== false;
	/** @type {Record<string, any>} */
	const schema = {
		$schema: META_SCHEMA,
		$id: `https://schemas.amazon.com/selling-partners/definitions/product-types/schema/v1/${productType}`,
		$comment: `Amazon product type definition for ${productType} product type (SP-API simulator)`,
		$defs: {
			marketplace_id: { default: mp.id, editable: false, hidden: true, examples: [mp.name], type: 'string', anyOf: [{ type: 'string' }, { type: 'string', enum: [mp.id], enumNames: [mp.name] }] },
			language_tag: { default: mp.language, editable: false, hidden: true, examples: [mp.language], type: 'string', anyOf: [{ type: 'string' }, { type: 'string', enum: [mp.language], enumNames: [mp.language] }] },
		},
		type: 'object',
		properties: { ...commonAttributes(mp), ...t.extra },
	};
	if (t.offerOnly) {
		const offer = ['condition_type', 'purchasable_offer', 'fulfillment_availability', 'merchant_suggested_asin'];
		schema.properties = Object.fromEntries(Object.entries(schema.properties).filter(([k]) => offer.includes(k)));
	} else if (enforced) {
		schema.required = [...COMMON_REQUIRED, ...t.required];
		schema.allOf = [
			{
				if: { required: ['batteries_required'], properties: { batteries_required: { contains: { required: ['value'], properties: { value: { const: true } } } } } },
				then: { required: ['num_batteries'] },
			},
			{
				if: {
					not: {
						required: ['supplier_declared_has_product_identifier_exemption'],
						properties: { supplier_declared_has_product_identifier_exemption: { contains: { required: ['value'], properties: { value: { const: true } } } } },
					},
				},
				then: { required: ['externally_assigned_product_identifier'] },
			},
		];
	}
	return schema;
}

const PROPERTY_GROUPS = {
	product_identity: { title: 'Product Identity', description: 'Information to uniquely identify your product', propertyNames: ['item_name', 'brand', 'externally_assigned_product_identifier', 'supplier_declared_has_product_identifier_exemption', 'merchant_suggested_asin'] },
	offer: { title: 'Offer', description: 'Information to enable your product to be purchased', propertyNames: ['condition_type', 'purchasable_offer', 'fulfillment_availability'] },
	product_details: { title: 'Product Details', description: 'Information about the product', propertyNames: ['bullet_point', 'product_description', 'color', 'material', 'size', 'department', 'fabric_type', 'connector_type', 'country_of_origin'] },
	safety_and_compliance: { title: 'Safety & Compliance', description: 'Batteries and dangerous goods', propertyNames: ['batteries_required', 'num_batteries', 'supplier_declared_dg_hz_regulation'] },
	shipping: { title: 'Shipping', description: 'Package information', propertyNames: ['item_package_weight'] },
};

/** Version per product type: stable for a simulator run, changes if the schema text changes. @param {string} productType */
function versionOf(productType) {
	const h = crypto.createHash('sha256').update(JSON.stringify(productTypeSchema(productType, 'ATVPDKIKX0DER'))).digest('base64');
	return `U${h.replace(/[^A-Za-z0-9]/g, '').slice(0, 11)}=`;
}

// ---------------------------------------------------------------------------------------------- validation (ajv)
/** The meta-schema the definitions name in `$schema` (served as the definition's metaSchema link): 2019-09 + Amazon's keywords. */
const META_SCHEMA_DOC = {
	$schema: 'https://json-schema.org/draft/2019-09/schema',
	$id: META_SCHEMA,
	$recursiveAnchor: true,
	title: 'Amazon Product Type Definition Meta-Schema (v1), as served by the SP-API simulator',
	allOf: [{ $ref: 'https://json-schema.org/draft/2019-09/schema' }],
	properties: {
		editable: { type: 'boolean' },
		hidden: { type: 'boolean' },
		enumNames: { type: 'array', items: { type: 'string' } },
		selectors: { type: 'array', items: { type: 'string' }, uniqueItems: true },
		maxUniqueItems: { type: 'integer', minimum: 0 },
		maxUtf8ByteLength: { type: 'integer', minimum: 0 },
		minUtf8ByteLength: { type: 'integer', minimum: 0 },
	},
};

/** Adds the meta-schema and Amazon's vocabulary (validation keywords + informational ones) to an ajv 2019 instance. @param {any} a */
function addAmazonVocabulary(a) {
	a.addMetaSchema(META_SCHEMA_DOC);
	a.addKeyword({ keyword: ['editable', 'hidden', 'enumNames', 'selectors'] });
	a.addKeyword({
		keyword: 'maxUtf8ByteLength',
		type: 'string',
		schemaType: 'number',
		validate: (/** @type {number} */ max, /** @type {string} */ data) => Buffer.byteLength(data, 'utf8') <= max,
		error: { message: (/** @type {any} */ c) => `must be at most ${c.schema} bytes long (UTF-8)` },
	});
	a.addKeyword({
		keyword: 'minUtf8ByteLength',
		type: 'string',
		schemaType: 'number',
		validate: (/** @type {number} */ min, /** @type {string} */ data) => Buffer.byteLength(data, 'utf8') >= min,
	});
	// "each combination of selector values may occur at most maxUniqueItems times" (Amazon's keyword description)
	a.addKeyword({
		keyword: 'maxUniqueItems',
		type: 'array',
		schemaType: 'number',
		validate: (/** @type {number} */ max, /** @type {any[]} */ data, /** @type {any} */ parentSchema) => {
			const sel = Array.isArray(parentSchema.selectors) ? parentSchema.selectors : [];
			/** @type {Map<string, number>} */
			const counts = new Map();
			for (const x of data) {
				const k = JSON.stringify(sel.map((/** @type {string} */ s) => (x && typeof x === 'object' && x[s] !== undefined ? x[s] : null)));
				counts.set(k, (counts.get(k) || 0) + 1);
			}
			return [...counts.values()].every((n) => n <= max);
		},
	});
	return a;
}

const ajv = addAmazonVocabulary(new Ajv2019({ strict: false, allErrors: true }));
/** @type {Map<string, any>} */
const compiled = new Map();

/** @param {string} productType @param {string} marketplaceId @param {boolean} enforced */
function validatorFor(productType, marketplaceId, enforced) {
	const key = `${productType}|${marketplaceId}|${enforced}`;
	let v = compiled.get(key);
	if (!v) {
		const schema = productTypeSchema(productType, marketplaceId, { enforced });
		if (!schema) return null;
		v = ajv.compile({ ...schema, $id: `${schema.$id}/${marketplaceId}/${enforced ? 'E' : 'N'}` });
		compiled.set(key, v);
	}
	return v;
}

/** Top-level attribute an ajv error is about. @param {any} e */
function attributeOf(e) {
	if (e.keyword === 'required' && e.instancePath === '') return e.params.missingProperty;
	const m = /^\/([^/]+)/.exec(e.instancePath || '');
	return m ? m[1].replace(/~1/g, '/').replace(/~0/g, '~') : '';
}

/**
 * Validates listing attributes the way Amazon does for a submission: returns Amazon-style issues
 * ({code, message, severity, attributeNames, categories}); empty = valid.
 * @param {string} productType @param {string} marketplaceId @param {Record<string, any>} attributes @param {{ enforced?: boolean }} [o]
 */
function validateAttributes(productType, marketplaceId, attributes, o = {}) {
	if (productType === 'PRODUCT') return [];
	const v = validatorFor(productType, marketplaceId, o.enforced !== false);
	if (!v) return [{ code: '4000009', message: `The product type '${productType}' is not supported in marketplace ${marketplaceId}.`, severity: 'ERROR', attributeNames: [], categories: ['INVALID_PRODUCT_TYPE'] }];
	if (v(attributes)) return [];
	/** @type {any[]} */
	const issues = [];
	const seen = new Set();
	for (const e of v.errors || []) {
		if (e.keyword === 'if' || e.keyword === 'anyOf') continue;
		const name = attributeOf(e);
		const missing = e.keyword === 'required';
		const key = `${name}|${missing}`;
		if (seen.has(key)) continue;
		seen.add(key);
		issues.push(
			missing
				? { code: '90220', message: `'${name}' is required but not supplied.`, severity: 'ERROR', attributeNames: [name], categories: ['MISSING_ATTRIBUTE'] }
				: { code: '4000001', message: `The provided value for '${name}' is invalid: ${(e.instancePath || '/').slice(1)} ${e.message}.`, severity: 'ERROR', attributeNames: [name], categories: ['INVALID_ATTRIBUTE'] },
		);
	}
	return issues;
}

function productTypes() {
	return Object.entries(TYPES).map(([name, t]) => ({ name, displayName: t.displayName }));
}

module.exports = { productTypeSchema, productTypes, validateAttributes, versionOf, PROPERTY_GROUPS, META_SCHEMA, META_SCHEMA_DOC, TYPES, addAmazonVocabulary };

import fc from 'fast-check';

import { JsonSchemaValidator, utf8ByteLength, where } from '../../nodes/shared/schema';
import { listingAttributes } from '../catalog/fixtures';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pt = require('../../simulators/spapi/productTypes.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Ajv2019 = require('ajv/dist/2019').default;

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';

/** A complete, valid SHIRT listing (with its offer). */
const shirt = (mp = US, lang = 'en_US'): Record<string, unknown> => listingAttributes('SHIRT', mp, { lang, price: 19.99 });

function ajvFor(schema: object) {
	return pt.addAmazonVocabulary(new Ajv2019({ strict: false, allErrors: true })).compile(schema);
}

describe('JSON Schema validator (own code, 2019-09 + Amazon vocabulary)', () => {
	const enforced = pt.productTypeSchema('SHIRT', US);
	const v = new JsonSchemaValidator(enforced);

	it('accepts a complete listing and names every missing required attribute with its title', () => {
		expect(v.validate(shirt())).toEqual([]);
		const partial = shirt();
		delete partial.brand;
		delete partial.item_package_weight;
		const issues = v.validate(partial);
		expect(issues.map((i) => i.message)).toEqual([
			'brand is required but missing (Brand Name)',
			'item_package_weight is required but missing (Package Weight)',
		]);
		expect(issues[0]).toMatchObject({ path: '/brand', keyword: 'required', title: 'Brand Name' });
	});

	it('enforces conditional requirements (allOf if/then) and skips them when requirements are not enforced', () => {
		const l = shirt();
		l.batteries_required = [{ value: true, marketplace_id: US }];
		expect(v.validate(l).map((i) => i.message)).toEqual(['num_batteries is required but missing (Number of Batteries)']);
		delete l.externally_assigned_product_identifier;
		expect(v.validate(l).map((i) => i.message)).toContain('externally_assigned_product_identifier is required but missing (External Product ID)');
		l.supplier_declared_has_product_identifier_exemption = [{ value: true, marketplace_id: US }];
		expect(v.validate(l).map((i) => i.keyword)).toEqual(['required']);
		expect(v.validate({ color: shirt().color }, { enforceRequired: false })).toEqual([]);
	});

	it('checks Amazon keywords: maxUniqueItems per selector combination and UTF-8 byte lengths', () => {
		const l = shirt();
		l.item_name = [
			{ value: 'a', language_tag: 'en_US', marketplace_id: US },
			{ value: 'b', language_tag: 'en_US', marketplace_id: US },
		];
		const [i] = v.validate(l);
		expect(i.keyword).toBe('maxUniqueItems');
		expect(i.message).toBe('item_name has 2 values for marketplace_id="ATVPDKIKX0DER", language_tag="en_US"; each combination of marketplace_id + language_tag may occur at most 1 time(s)');
		// same names in two languages are fine
		(l.item_name as Array<Record<string, string>>)[1].language_tag = 'es_US';
		expect(v.validate(l)).toEqual([]);
		// 200 characters but 400 bytes: over item_name's 200-byte limit
		const long = shirt();
		long.item_name = [{ value: 'ü'.repeat(200), language_tag: 'en_US', marketplace_id: US }];
		expect(utf8ByteLength('ü'.repeat(200))).toBe(400);
		const [byteIssue, ...rest] = v.validate(long);
		expect(rest).toEqual([]);
		expect(byteIssue).toMatchObject({ path: '/item_name/0/value', message: 'item_name[0].value must be at most 200 bytes long (UTF-8), is 400', title: 'Item Name' });
		expect(byteIssue.keyword).toBe(['maxUtf8', 'ByteLength'].join(''));
	});

	it('reports wrong values with the allowed ones, patterns from nested conditionals and the marketplace currency', () => {
		const l = shirt();
		l.department = [{ value: 'men', language_tag: 'en_US', marketplace_id: US }];
		l.externally_assigned_product_identifier = [{ type: 'ean', value: '12345', marketplace_id: US }];
		l.purchasable_offer = [{ currency: 'EUR', our_price: [{ schedule: [{ value_with_tax: -1 }] }], marketplace_id: US }];
		const msgs = v.validate(l).map((i) => i.message);
		expect(msgs).toEqual([
			'externally_assigned_product_identifier[0].value "12345" does not match the pattern ^[0-9]{13}$',
			'department[0].value "men" is not one of the allowed values: "mens", "womens", "unisex-adult", "boys", "girls", "unisex-child", "baby"',
			'purchasable_offer[0].currency "EUR" is not one of the allowed values: "USD"',
			'purchasable_offer[0].our_price[0].schedule[0].value_with_tax must be greater than 0, is -1',
		]);
		const wrongType = shirt();
		wrongType.item_package_weight = [{ value: '0.25', unit: 'kilograms', marketplace_id: US }];
		expect(v.validate(wrongType)[0].message).toBe('item_package_weight[0].value must be a number, not a string ("0.25")');
		const unknown = shirt();
		(unknown.color as Array<Record<string, unknown>>)[0].colour = 'x';
		expect(v.validate(unknown)[0].message).toBe('color[0].colour is not a known property here');
	});

	it('agrees with ajv (2019-09 + the same keywords) on random listings, for every simulated product type and marketplace', () => {
		const field = fc.constantFrom('item_name', 'brand', 'color', 'size', 'department', 'bullet_point', 'condition_type', 'country_of_origin', 'batteries_required', 'num_batteries', 'item_package_weight', 'externally_assigned_product_identifier', 'purchasable_offer', 'connector_type', 'material', 'fabric_type', 'junk');
		const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('mens', 'new_new', 'PT', 'usb_type_c', 'ean', 'kilograms', '4000011000013', 'ü'.repeat(150)), fc.integer({ min: -2, max: 3 }), fc.double({ min: -1, max: 2, noNaN: true }), fc.boolean(), fc.constant(null));
		const value = fc.record(
			{ value: scalar, unit: scalar, type: scalar, currency: fc.constantFrom('USD', 'EUR', 'X'), language_tag: fc.constantFrom('en_US', 'de_DE'), marketplace_id: fc.constantFrom(US, DE, 'X'), our_price: fc.constant([{ schedule: [{ value_with_tax: 5 }] }]) },
			{ requiredKeys: [] },
		);
		const mutation = fc.array(fc.tuple(field, fc.oneof(fc.array(value, { maxLength: 3 }), scalar, fc.constant(undefined))), { maxLength: 4 });
		const cases = fc.tuple(fc.constantFrom('SHIRT', 'HOME', 'HAT', 'ELECTRONIC_CABLE'), fc.constantFrom(US, DE), fc.boolean(), mutation);
		const compiled = new Map<string, { ours: JsonSchemaValidator; theirs: (x: unknown) => boolean }>();
		fc.assert(
			fc.property(cases, ([type, mp, enforce, muts]) => {
				const key = `${type}|${mp}|${enforce}`;
				let c = compiled.get(key);
				if (!c) {
					const schema = pt.productTypeSchema(type, mp, { enforced: enforce });
					c = { ours: new JsonSchemaValidator(schema), theirs: ajvFor({ ...schema, $id: `${schema.$id}/${key}` }) };
					compiled.set(key, c);
				}
				const l: Record<string, unknown> = shirt(mp, mp === US ? 'en_US' : 'de_DE');
				for (const [f, val] of muts) {
					if (val === undefined) delete l[f];
					else l[f] = val;
				}
				const ours = c.ours.validate(l).length === 0;
				expect(ours).toBe(c.theirs(l));
			}),
			{ numRuns: 800, seed: 17 },
		);
	});

	it('covers the general keywords (refs, anchors, combinators, numbers, arrays, objects)', () => {
		const schema = {
			$id: 'https://example.test/root',
			$defs: {
				pos: { $anchor: 'positive', type: 'number', exclusiveMinimum: 0 },
				name: { $id: 'name', type: 'string', minLength: 2 },
			},
			type: 'object',
			properties: {
				a: { $ref: '#positive' },
				b: { $ref: 'name' },
				c: { oneOf: [{ type: 'integer' }, { type: 'number', multipleOf: 0.5 }] },
				d: { type: 'array', items: [{ const: 1 }], additionalItems: false, uniqueItems: true, contains: { const: 1 } },
				e: { not: { enum: ['x'] } },
				f: { type: 'object', propertyNames: { pattern: '^[a-z]+$' }, patternProperties: { '^n': { type: 'number' } }, maxProperties: 2 },
			},
			dependentRequired: { a: ['b'] },
		};
		const v2 = new JsonSchemaValidator(schema);
		const theirs = ajvFor(schema);
		const samples: unknown[] = [
			{ a: 1, b: 'ok' },
			{ a: 0, b: 'ok' },
			{ a: 1 },
			{ b: 'x' },
			{ c: 2 },
			{ c: 2.5 },
			{ c: 2.25 },
			{ d: [1] },
			{ d: [1, 2] },
			{ d: [2] },
			{ e: 'x' },
			{ e: 'y' },
			{ f: { n1: 1, a: 'x' } },
			{ f: { N: 1 } },
			{ f: { n1: 'no' } },
			{ f: { a: 1, b: 2, c: 3 } },
			'not an object',
		];
		for (const s of samples) expect([s, v2.validate(s).length === 0]).toEqual([s, theirs(s)]);
		expect(v2.validate({ a: 0, b: 'ok' })[0].message).toBe('a must be greater than 0, is 0');
		expect(v2.validate({ a: 1 })[0].message).toBe('b is required when "a" is given');
		expect(v2.validate({ c: 2.25 })[0].message).toMatch(/^c matches none of the 2 allowed forms/);
		expect(where('/a~1b/0/c')).toBe('a/b[0].c');
	});

	it('reports an unresolvable $ref and unsupported keywords instead of passing silently', () => {
		expect(new JsonSchemaValidator({ properties: { a: { $ref: '#/$defs/missing' } } }).validate({ a: 1 })[0].message).toBe('a: the schema reference "#/$defs/missing" cannot be resolved');
		expect(new JsonSchemaValidator({ unevaluatedProperties: false }).validate({})[0].keyword).toBe('unevaluatedProperties');
	});
});

import { checkMapping, m3ItemToListings, offerAttribute, offerFor, stableJson, type ListingMapping } from '../../nodes/shared/mapping/listing';

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';

const record = {
	ITNO: 'TSH10002',
	sku: 'TSH-BLK-0002',
	ean: '4000051000027',
	item: { ITNO: 'TSH10002', ITDS: 'T-shirt black  ', FUDS: 'T-shirt black (organic)', ITGR: 'TSH', GRWE: '0,25', STAT: '20' },
	customFields: { A030: 'Contoso Wear', A130: 'black', A230: 'cotton', A330: 'BD', A430: 'L', A530: 'unisex-adult', A630: '100 % organic cotton', A730: 'B0ABCDEFGH', A830: 'BUYABLE', N096: '0.000000' },
	prices: { AMZUS: { CUCD: 'USD', SAPR: '19.99', SACD: '1' }, AMZEU: { CUCD: 'EUR', SAPR: '150.00', SACD: '10' } },
};

const mapping: ListingMapping = {
	productType: { from: 'ITGR', map: { TSH: 'SHIRT', MUG: 'HOME' } },
	attributes: {
		item_name: { format: '{custom.A030} {ITDS}', language: true },
		brand: { from: 'custom.A030', language: true },
		externally_assigned_product_identifier: { template: { type: 'ean', value: { from: 'ean' } } },
		condition_type: { const: 'new_new' },
		bullet_point: { from: ['custom.A630', 'custom.A999', 'FUDS'], language: true },
		item_package_weight: { from: 'GRWE', transform: ['number'], unit: 'kilograms' },
		batteries_required: { from: 'custom.N096', transform: ['nonZero'] },
		num_batteries: { from: 'custom.N096', transform: [{ omit: ['0'] }, 'integer'] },
		country_of_origin: 'custom.A330',
	},
	productTypes: {
		SHIRT: { attributes: { size: { from: 'custom.A430', transform: ['upper'], language: true }, department: { from: 'custom.A530', transform: [{ map: { 'unisex-adult': 'unisex-adult', men: 'mens' } }], language: true } } },
		HOME: { attributes: { material: 'custom.A230' } },
	},
};

const markets = [
	{ marketplaceId: US, priceList: 'AMZUS', pricesInclude: 'gross' as const },
	{ marketplaceId: DE, priceList: 'AMZEU', pricesInclude: 'net' as const, vatPercent: '19', statusField: 'A930' },
];

describe('listing mapping (M3 item master + custom fields -> Amazon listing attributes)', () => {
	it('maps M3 fields, custom fields, constants, templates and per-product-type attributes, one listing per marketplace', () => {
		const r = m3ItemToListings(record, mapping, markets, { asinField: 'A730', statusField: 'A830' });
		if (!r.ok) throw new Error(JSON.stringify(r.issues));
		expect(r.value.map((l) => [l.sku, l.marketplaceId, l.productType])).toEqual([
			['TSH-BLK-0002', US, 'SHIRT'],
			['TSH-BLK-0002', DE, 'SHIRT'],
		]);
		const [us, de] = r.value;
		expect(us.attributes).toEqual({
			item_name: [{ value: 'Contoso Wear T-shirt black', language_tag: 'en_US', marketplace_id: US }],
			brand: [{ value: 'Contoso Wear', language_tag: 'en_US', marketplace_id: US }],
			externally_assigned_product_identifier: [{ type: 'ean', value: '4000051000027', marketplace_id: US }],
			condition_type: [{ value: 'new_new', marketplace_id: US }],
			bullet_point: [
				{ value: '100 % organic cotton', language_tag: 'en_US', marketplace_id: US },
				{ value: 'T-shirt black (organic)', language_tag: 'en_US', marketplace_id: US },
			],
			item_package_weight: [{ value: 0.25, unit: 'kilograms', marketplace_id: US }],
			batteries_required: [{ value: false, marketplace_id: US }],
			country_of_origin: [{ value: 'BD', marketplace_id: US }],
			size: [{ value: 'L', language_tag: 'en_US', marketplace_id: US }],
			department: [{ value: 'unisex-adult', language_tag: 'en_US', marketplace_id: US }],
		});
		expect(de.attributes?.brand).toEqual([{ value: 'Contoso Wear', language_tag: 'de_DE', marketplace_id: DE }]);
		expect(us.m3).toEqual({ ITNO: 'TSH10002', asinField: 'A730', statusField: 'A830', asin: 'B0ABCDEFGH', status: 'BUYABLE', fieldsRead: true });
		expect(de.m3).toEqual({ ITNO: 'TSH10002', asinField: 'A730', statusField: 'A930', asin: 'B0ABCDEFGH', fieldsRead: true });
		// an item with two SKUs (MFN + FBA) has one custom-field record: only its first SKU writes ASIN and status
		const fba = m3ItemToListings({ ...record, sku: 'TSH-BLK-0002-FBA', skus: ['TSH-BLK-0002', 'TSH-BLK-0002-FBA'] }, mapping, [markets[0]], { asinField: 'A730', statusField: 'A830' });
		expect(fba.ok && fba.value[0].m3).toEqual({ ITNO: 'TSH10002' });
		const mfn = m3ItemToListings({ ...record, skus: ['TSH-BLK-0002', 'TSH-BLK-0002-FBA'] }, mapping, [markets[0]], { asinField: 'A730', statusField: 'A830' });
		expect(mfn.ok && mfn.value[0].m3.asinField).toBe('A730');
	});

	it('offer price per marketplace: gross as it is, net price lists get VAT, per-quantity prices divided, decimal-exact', () => {
		const r = m3ItemToListings(record, mapping, markets);
		if (!r.ok) throw new Error(JSON.stringify(r.issues));
		expect(r.value[0].offer).toEqual({ currency: 'USD', price: '19.99', priceList: 'AMZUS' });
		// 150.00 per 10 = 15.00 net; + 19 % = 17.85
		expect(r.value[1].offer).toEqual({ currency: 'EUR', price: '17.85', netPrice: '15.00', priceList: 'AMZEU' });
		expect(offerFor({ prices: { P: { CUCD: 'EUR', SAPR: '0.10', SACD: '3' } } }, { marketplaceId: DE, priceList: 'P', pricesInclude: 'net', vatPercent: '7' }).offer).toEqual({ currency: 'EUR', price: '0.04', netPrice: '0.03', priceList: 'P' });
		expect(offerFor({ prices: { P: { CUCD: 'JPY', SAPR: '1234.5' } } }, { marketplaceId: 'A1VC38T7YXB528', priceList: 'P' }).offer?.price).toBe('1235');
		expect(offerAttribute({ currency: 'EUR', price: '17.85' }, DE)).toEqual([{ currency: 'EUR', our_price: [{ schedule: [{ value_with_tax: 17.85 }] }], marketplace_id: DE }]);
	});

	it('names the problem and the SKU: unmapped product type, a value a transform cannot take, a price in the wrong currency', () => {
		const bad = { ...record, item: { ...record.item, ITGR: 'XYZ', GRWE: 'heavy' }, customFields: { ...record.customFields, A530: 'kids' } };
		const r = m3ItemToListings(bad, mapping, [{ marketplaceId: US, priceList: 'AMZEU' }]);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.issues.map((i) => [i.path, i.code, i.message])).toEqual([
			['productType', 'product_type_unmapped', 'ITGR "XYZ" has no product type in the mapping (and no default)'],
			['attributes.item_package_weight', 'invalid_value', `SKU TSH-BLK-0002 (${US}): item_package_weight: "heavy" is not a number (from GRWE)`],
			['prices.AMZEU', 'currency_mismatch', `SKU TSH-BLK-0002 (${US}): Price list AMZEU is in EUR, marketplace ${US} sells in USD`],
		]);
		const shirt = m3ItemToListings({ ...record, customFields: { ...record.customFields, A530: 'kids' } }, mapping, [markets[0]]);
		expect(shirt.ok ? [] : shirt.issues.map((i) => i.message)).toEqual([`SKU TSH-BLK-0002 (${US}): department: "kids" is not in the value map (unisex-adult, men) (from custom.A530)`]);
		expect(m3ItemToListings({ ITNO: 'X' }, mapping, markets)).toEqual({ ok: false, issues: [{ path: 'sku', code: 'missing_field', message: 'Item X has no Amazon SKU' }] });
	});

	it('a record with only a price (item not changed) gives offer-only listings; empty sources leave the attribute out unless required', () => {
		const r = m3ItemToListings({ ITNO: 'TSH10002', sku: 'TSH-BLK-0002', prices: record.prices }, mapping, markets);
		expect(r.ok && r.value.map((l) => [l.marketplaceId, l.productType, l.attributes, l.offer?.price])).toEqual([
			[US, 'PRODUCT', undefined, '19.99'],
			[DE, 'PRODUCT', undefined, '17.85'],
		]);
		const noBrand = { ...record, customFields: { ...record.customFields, A030: '  ' } };
		const ok = m3ItemToListings(noBrand, mapping, [markets[0]]);
		expect(ok.ok && ok.value[0].attributes?.brand).toBeUndefined();
		expect(ok.ok && ok.value[0].attributes?.item_name).toEqual([{ value: 'T-shirt black', language_tag: 'en_US', marketplace_id: US }]);
		const req = m3ItemToListings(noBrand, { ...mapping, attributes: { ...mapping.attributes, brand: { from: 'custom.A030', required: true } } }, [markets[0]]);
		expect(req.ok ? [] : req.issues.map((i) => i.message)).toEqual([`SKU TSH-BLK-0002 (${US}): brand: no value in M3 (custom.A030 is empty)`]);
	});

	it('checks the mapping itself once: unknown transforms, bad attribute names, missing sources', () => {
		expect(checkMapping(mapping)).toEqual([]);
		expect(checkMapping({ productType: 'HOME', attributes: { 'Item Name': 'ITDS', brand: { transform: ['shout'] } } }).map((i) => i.message)).toEqual([
			'"Item Name" is not an Amazon attribute name (lower_snake_case, e.g. item_name)',
			'brand: no source (from, format, const or template)',
			'brand: unknown transform "shout" (use trim, upper, lower, number, integer, boolean, nonZero, {map}, {prefix}, {suffix}, {truncate}, {omit}, {default})',
		]);
		expect(checkMapping([]).map((i) => i.code)).toEqual(['invalid_mapping']);
	});

	it('stable JSON ignores key order (the change hash of a listing)', () => {
		expect(stableJson({ b: [{ y: 1, x: 2 }], a: 'é' })).toBe(stableJson({ a: 'é', b: [{ x: 2, y: 1 }] }));
		expect(stableJson({ a: 1 })).not.toBe(stableJson({ a: '1' }));
	});
});

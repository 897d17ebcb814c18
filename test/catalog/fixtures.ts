/** A complete, valid listing of a simulated product type (HOME or SHIRT) for one marketplace: test data. */
export function listingAttributes(
	productType: 'HOME' | 'SHIRT',
	mp: string,
	o: { lang?: string; price?: number; currency?: string } = {},
): Record<string, unknown> {
	const lang = o.lang ?? (mp === 'ATVPDKIKX0DER' ? 'en_US' : 'de_DE');
	const v = (value: unknown, language = false) => [{ value, ...(language ? { language_tag: lang } : {}), marketplace_id: mp }];
	const common: Record<string, unknown> = {
		item_name: v(productType === 'HOME' ? 'Contoso mug black' : 'Contoso T-shirt black', true),
		brand: v('Contoso', true),
		externally_assigned_product_identifier: [{ type: 'ean', value: '4000011000013', marketplace_id: mp }],
		condition_type: v('new_new'),
		bullet_point: v(productType === 'HOME' ? 'Ceramic, 350 ml' : '100 % cotton', true),
		product_description: v(productType === 'HOME' ? 'A black mug' : 'A black T-shirt', true),
		country_of_origin: v('PT'),
		item_package_weight: [{ value: productType === 'HOME' ? 0.4 : 0.25, unit: 'kilograms', marketplace_id: mp }],
		batteries_required: v(false),
		supplier_declared_dg_hz_regulation: v('not_applicable'),
		color: v('black', true),
	};
	const extra = productType === 'HOME' ? { material: v('ceramic', true) } : { size: v('L', true), department: v('unisex-adult', true), fabric_type: v('cotton', true) };
	const offer = o.price === undefined ? {} : { purchasable_offer: [{ currency: o.currency ?? (mp === 'ATVPDKIKX0DER' ? 'USD' : 'EUR'), our_price: [{ schedule: [{ value_with_tax: o.price }] }], marketplace_id: mp }] };
	return { ...common, ...extra, ...offer };
}

import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { checkMapping, m3ItemToListings, type ListingMapping, type MarketplaceConfig } from '../../../shared/mapping/listing';
import { isRecord } from '../../../shared/mapping/result';
import { inputFieldProperty, parameterProblem, perItem, type OperationOutput } from '../common';
import { params, parameterError } from '../../../shared/execution';

const EXAMPLE_MAPPING = {
	productType: { from: 'ITGR', map: { MUG: 'HOME', TSH: 'SHIRT' }, default: 'HOME' },
	attributes: {
		item_name: { format: '{custom.A030} {ITDS}', language: true },
		brand: { from: 'custom.A030', language: true },
		externally_assigned_product_identifier: { template: { type: 'ean', value: { from: 'ean' } } },
		condition_type: { const: 'new_new' },
		bullet_point: { from: ['custom.A630', 'FUDS'], language: true },
		item_package_weight: { from: 'GRWE', transform: ['number'], unit: 'kilograms' },
	},
};

const properties: INodeProperties[] = [
	inputFieldProperty,
	{
		displayName: 'Listing Mapping (JSON)',
		name: 'listingMapping',
		type: 'json',
		default: JSON.stringify(EXAMPLE_MAPPING, null, 2),
		required: true,
		description:
			'Product type (fixed, or from an M3 field through a map) and Amazon attribute -> source: an M3 item field (ITDS), a custom field (custom.A030), sku, ean or ITNO; with from/format/const/template, transform (trim, upper, lower, number, integer, boolean, nonZero, {map}, {prefix}, {suffix}, {truncate}, {default}), language (adds language_tag), unit (measures). "productTypes" adds attributes per product type.',
	},
	{
		displayName: 'Marketplaces (JSON)',
		name: 'listingMarketplaces',
		type: 'json',
		default: JSON.stringify([{ marketplaceId: 'ATVPDKIKX0DER', priceList: 'AMZUS', pricesInclude: 'gross' }], null, 2),
		required: true,
		description:
			'One listing per marketplace: [{ marketplaceId, priceList (M3 PRRF), currency, pricesInclude: "gross" | "net", vatPercent, languageTag, statusField }]. With "net", VAT is added (EU marketplaces show prices with VAT).',
	},
	{
		displayName: 'ASIN Custom Field',
		name: 'asinField',
		type: 'string',
		default: 'A730',
		description: 'CUSEXTMI field (of the item) that holds the ASIN: its current value tells the listing already exists',
	},
	{
		displayName: 'Listing Status Custom Field',
		name: 'statusField',
		type: 'string',
		default: 'A830',
		description: 'CUSEXTMI field (of the item) that holds the Amazon listing status; a marketplace can name its own ("statusField")',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['listing'], operation: ['m3ToAmazon'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<OperationOutput> {
	const p = params(this, 0);
	if (items.length === 0) return { valid: [], invalid: [] };
	let mapping: ListingMapping;
	let marketplaces: MarketplaceConfig[];
	let fields: { asinField?: string; statusField?: string };
	try {
		mapping = p.json<ListingMapping>('listingMapping', { cache: true });
		const problems = checkMapping(mapping);
		if (problems.length) throw parameterError(this, 'listingMapping', problems.map((x) => x.message).join('; '));
		marketplaces = p.json<MarketplaceConfig[]>('listingMarketplaces', { shape: 'array', fallback: [], cache: true });
		if (!marketplaces.length || !marketplaces.every((m) => isRecord(m) && typeof m.marketplaceId === 'string' && m.marketplaceId.trim())) {
			throw parameterError(this, 'listingMarketplaces', 'Give at least one marketplace: [{ "marketplaceId": "ATVPDKIKX0DER", "priceList": "AMZUS" }]');
		}
		fields = { asinField: p.str('asinField', 'A730'), statusField: p.str('statusField', 'A830') };
	} catch (e) {
		const out: OperationOutput = { valid: [], invalid: [] };
		parameterProblem(this, e, 0, undefined, out);
		return out;
	}
	return await perItem(this, items, (input) => m3ItemToListings(input, mapping, marketplaces, fields));
}

// @ts-check
/**
 * The catalog-sync template (workflows/catalog-sync.json; building blocks in ./blocks.js): M3 items and prices ->
 * Amazon listings (your mapping, checked against the product type definition) -> ASIN and status back into M3. A
 * listing that fails (the product type schema, Amazon, the mapping) is kept under its SKU and marketplace; a replay
 * reads every M3 item again (full resync), so what was fixed in M3 is sent, and only that: what Amazon accepted before
 * is not sent again.
 */
const { setting, firstSetting, ERRORS_TO_KEEP, template, schedule, inforM3, amazon, transform } = require('./blocks');

const LISTING_MAPPING = {
	productType: {
		from: 'ITGR',
		map: { MUG: 'HOME', BOT: 'HOME', LMP: 'HOME', TWL: 'HOME', PLT: 'HOME', TSH: 'SHIRT', CAP: 'HAT', BAG: 'LUGGAGE', PEN: 'OFFICE_PRODUCTS', NBK: 'OFFICE_PRODUCTS', CHG: 'ELECTRONIC_CABLE', CBL: 'ELECTRONIC_CABLE' },
	},
	attributes: {
		item_name: { format: '{custom.A030} {ITDS}', language: true, transform: [{ truncate: 200 }] },
		brand: { from: 'custom.A030', language: true },
		externally_assigned_product_identifier: { template: { type: 'ean', value: { from: 'ean' } } },
		condition_type: { const: 'new_new' },
		bullet_point: { from: ['custom.A630', 'FUDS'], language: true },
		product_description: { from: 'FUDS', language: true },
		country_of_origin: 'custom.A330',
		item_package_weight: { from: 'GRWE', transform: ['number'], unit: 'kilograms' },
		batteries_required: { from: 'custom.N096', transform: ['nonZero'] },
		num_batteries: { from: 'custom.N096', transform: [{ omit: ['0'] }, 'integer'] },
		supplier_declared_dg_hz_regulation: { const: 'not_applicable' },
		color: { from: 'custom.A130', language: true },
		material: { from: 'custom.A230', language: true },
	},
	productTypes: {
		SHIRT: { attributes: { size: { from: 'custom.A430', language: true }, department: { from: 'custom.A530', language: true }, fabric_type: { from: 'custom.A230', language: true } } },
		HAT: { attributes: { department: { from: 'custom.A530', language: true } } },
		ELECTRONIC_CABLE: { attributes: { connector_type: 'custom.A430' } },
	},
};

module.exports = template({
	file: 'catalog-sync.json',
	name: 'M3 items and prices to Amazon listings (catalog sync)',
	id: 'm3amzCatalogSync',
	about: {
		height: 480,
		width: 600,
		text: "## M3 item master and prices -> Amazon listings\nEvery hour: items changed in M3 since the last run (MMS200MI by change date; every item at the 02:00 run, since custom fields carry no item change date) with their Amazon SKU and EAN (MMS025 aliases), custom fields (CUSEXTMI, file MITMAS) and sales prices (OIS017 price lists) -> **your mapping** (Settings > mapping: Amazon attribute <- M3 field, custom field or constant, with transforms; product type from the item group) -> offer price per marketplace (VAT added to net EU prices) -> each listing checked against Amazon's **product type definition** -> **only what changed** is sent: a JSON_LISTINGS_FEED per marketplace for many, a call per SKU for few -> the processing report, one item per SKU issue -> **ASIN and listing status back into M3** (custom fields named in Settings).\n\n**Set up**\n1. Credentials: *Infor M3 account*, *Amazon SP-API account* (with the seller id).\n2. Edit **Settings**: mapping, marketplaces (price list, VAT, status field), price lists, SKU/EAN alias types, custom fields for ASIN and status.\n\n**Failures**: listings the product type schema or Amazon refuse (nothing is sent for a schema failure), items the mapping cannot use and failed write-backs are kept in the data table *m3amz_dead_letter* with the reasons, and the execution fails (the error handler reports it). Fix the cause in M3 (or the mapping), then **Replay dead letter**: every item is read again and what changed is sent.",
	},
	triggers: [schedule('Every hour', [0, 0], { field: 'hours', hoursInterval: 1 })],
	settings: {
		mapping: LISTING_MAPPING,
		marketplaces: [
			{ marketplaceId: 'ATVPDKIKX0DER', priceList: 'AMZUS', pricesInclude: 'gross', statusField: 'A830' },
			{ marketplaceId: 'A1PA6795UKMFR9', priceList: 'AMZEU', pricesInclude: 'net', vatPercent: '19', statusField: 'A930' },
		],
		priceLists: 'AMZUS/USD, AMZEU/EUR',
		skuAliasType: '1',
		eanAliasType: '2',
		customFieldFile: 'MITMAS',
		asinField: 'A730',
		itemStatuses: '20',
		feedThreshold: 20,
		fullResync: '={{ $json.fullResync === true || $now.hour === 2 }}',
	},
	nodes: [
		inforM3(
			'Items for listings in M3',
			[2, 0],
			{
				resource: 'item',
				operation: 'getForListings',
				changedSince: '',
				priceLists: setting('priceLists'),
				options: {
					aliasType: setting('skuAliasType'),
					eanAliasType: setting('eanAliasType'),
					customFieldFile: setting('customFieldFile'),
					itemStatuses: setting('itemStatuses'),
					fullResync: setting('fullResync'),
					rememberPosition: true,
				},
			},
			{ executeOnce: true },
		),
		transform('M3 items to Amazon listings', [3, 0], {
			resource: 'listing',
			operation: 'm3ToAmazon',
			listingMapping: firstSetting('mapping'),
			listingMarketplaces: firstSetting('marketplaces'),
			asinField: firstSetting('asinField'),
		}),
		amazon(
			'Send listings to Amazon',
			[4, 0],
			{
				resource: 'listing',
				operation: 'syncListings',
				sendMode: 'auto',
				feedThreshold: firstSetting('feedThreshold'),
				options: { maxWaitSeconds: 900, pollIntervalSeconds: 30 },
			},
			ERRORS_TO_KEEP,
		),
		inforM3(
			'Write ASIN and status to M3',
			[5, 0],
			{
				resource: 'customField',
				operation: 'setMany',
				file: firstSetting('customFieldFile'),
				pk01: '={{ $json.m3.ITNO }}',
				values: {
					value: [
						{ field: '={{ $json.m3.asinField }}', value: '={{ $json.asin }}' },
						{ field: '={{ $json.m3.statusField }}', value: '={{ $json.listingStatus }}' },
					],
				},
				options: { onlyChanges: true, ignoreEmpty: true },
			},
			ERRORS_TO_KEEP,
		),
	],
	links: [
		['Settings', 'Items for listings in M3'],
		['Items for listings in M3', 'M3 items to Amazon listings'],
		['M3 items to Amazon listings', 'Send listings to Amazon'],
		['M3 items to Amazon listings', 'Keep invalid M3 items', 1],
		['Send listings to Amazon', 'Write ASIN and status to M3'],
		['Send listings to Amazon', 'Keep listing errors', 1],
		['Write ASIN and status to M3', 'Keep M3 write-back errors', 1],
	],
	deadLetter: {
		at: [7, 3],
		keep: [
			[
				'Keep listing errors',
				[5, 2],
				{
					key: "'listing ' + ($json.details?.marketplaceId ?? $json.details?.input?.marketplaceId ?? '') + ' ' + ($json.details?.sku ?? $json.details?.input?.sku ?? '?')",
					input: '{ fullResync: true }',
				},
			],
			['Keep invalid M3 items', [4, 2], { key: "'item ' + ($json.details?.input?.ITNO ?? '?') + ' ' + ($json.details?.input?.sku ?? '')", input: '{ fullResync: true }' }],
			[
				'Keep M3 write-back errors',
				[6, 2],
				{ key: "'write-back ' + ($json.details?.input?.m3?.ITNO ?? '?') + ' ' + ($json.details?.input?.marketplaceId ?? '')", input: '{ fullResync: true }' },
			],
		],
	},
	replay: { at: [0, 5], routes: [{ entry: 'Settings' }] },
});

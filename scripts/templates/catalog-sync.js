// @ts-check
/** The catalog-sync template (workflows/catalog-sync.json); its building blocks are in ./blocks.js. */
const { P, CREDS, S, settingsNode, sticky, workflow, keepNode, failTheExecution, replayPath } = require('./blocks');

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

/**
 * catalog-sync: a listing that fails (the product type schema, Amazon, the mapping) is kept under its SKU and
 * marketplace; a replay reads every M3 item again (full resync), so what was fixed in M3 is sent, and only that: what
 * Amazon accepted before is not sent again.
 */
const catalogFailures = (() => {
	const replays = `${S('deadLetter')}?.replays ?? 0`;
	const end = failTheExecution(['Keep listing errors', 'Keep invalid M3 items', 'Keep M3 write-back errors'], [7, 3]);
	return {
		nodes: [
			keepNode('Keep listing errors', [5, 2], {
				key: "'listing ' + ($json.details?.marketplaceId ?? $json.details?.input?.marketplaceId ?? '') + ' ' + ($json.details?.sku ?? $json.details?.input?.sku ?? '?')",
				input: '{ fullResync: true }',
				replays,
			}),
			keepNode('Keep invalid M3 items', [4, 2], {
				key: "'item ' + ($json.details?.input?.ITNO ?? '?') + ' ' + ($json.details?.input?.sku ?? '')",
				input: '{ fullResync: true }',
				replays,
			}),
			keepNode('Keep M3 write-back errors', [6, 2], {
				key: "'write-back ' + ($json.details?.input?.m3?.ITNO ?? '?') + ' ' + ($json.details?.input?.marketplaceId ?? '')",
				input: '{ fullResync: true }',
				replays,
			}),
			...end.nodes,
		],
		links: end.links,
	};
})();
const catalogReplay = replayPath([0, 5], [{ entry: 'Settings' }]);

const catalogSync = workflow(
	'catalog-sync.json',
	'M3 items and prices to Amazon listings (catalog sync)',
	'm3amzCatalogSync',
	[
		sticky(
			'About this workflow',
			"## M3 item master and prices -> Amazon listings\nEvery hour: items changed in M3 since the last run (MMS200MI by change date; every item at the 02:00 run, since custom fields carry no item change date) with their Amazon SKU and EAN (MMS025 aliases), custom fields (CUSEXTMI, file MITMAS) and sales prices (OIS017 price lists) -> **your mapping** (Settings > mapping: Amazon attribute <- M3 field, custom field or constant, with transforms; product type from the item group) -> offer price per marketplace (VAT added to net EU prices) -> each listing checked against Amazon's **product type definition** -> **only what changed** is sent: a JSON_LISTINGS_FEED per marketplace for many, a call per SKU for few -> the processing report, one item per SKU issue -> **ASIN and listing status back into M3** (custom fields named in Settings).\n\n**Set up**\n1. Credentials: *Infor M3 account*, *Amazon SP-API account* (with the seller id).\n2. Edit **Settings**: mapping, marketplaces (price list, VAT, status field), price lists, SKU/EAN alias types, custom fields for ASIN and status.\n\n**Failures**: listings the product type schema or Amazon refuse (nothing is sent for a schema failure), items the mapping cannot use and failed write-backs are kept in the data table *m3amz_dead_letter* with the reasons, and the execution fails (the error handler reports it). Fix the cause in M3 (or the mapping), then **Replay dead letter**: every item is read again and what changed is sent.",
			480,
			600,
		),
		{
			name: 'Every hour',
			type: 'n8n-nodes-base.scheduleTrigger',
			typeVersion: 1.2,
			at: [0, 0],
			parameters: { rule: { interval: [{ field: 'hours', hoursInterval: 1 }] } },
		},
		{
			...settingsNode({
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
			}),
			at: [1, 0],
		},
		{
			name: 'Items for listings in M3',
			type: `${P}inforM3`,
			at: [2, 0],
			parameters: {
				resource: 'item',
				operation: 'getForListings',
				changedSince: '',
				priceLists: `={{ ${S('priceLists')} }}`,
				options: {
					aliasType: `={{ ${S('skuAliasType')} }}`,
					eanAliasType: `={{ ${S('eanAliasType')} }}`,
					customFieldFile: `={{ ${S('customFieldFile')} }}`,
					itemStatuses: `={{ ${S('itemStatuses')} }}`,
					fullResync: `={{ ${S('fullResync')} }}`,
					rememberPosition: true,
				},
			},
			credentials: CREDS.m3,
			executeOnce: true,
		},
		{
			name: 'M3 items to Amazon listings',
			type: `${P}m3AmazonTransform`,
			at: [3, 0],
			parameters: {
				resource: 'listing',
				operation: 'm3ToAmazon',
				listingMapping: `={{ $('Settings').first().json.mapping }}`,
				listingMarketplaces: `={{ $('Settings').first().json.marketplaces }}`,
				asinField: `={{ $('Settings').first().json.asinField }}`,
			},
		},
		{
			name: 'Send listings to Amazon',
			type: `${P}amazonSellingPartner`,
			at: [4, 0],
			parameters: {
				resource: 'listing',
				operation: 'syncListings',
				sendMode: 'auto',
				feedThreshold: `={{ $('Settings').first().json.feedThreshold }}`,
				options: { maxWaitSeconds: 900, pollIntervalSeconds: 30 },
			},
			credentials: CREDS.sp,
			onError: 'continueErrorOutput',
		},
		{
			name: 'Write ASIN and status to M3',
			type: `${P}inforM3`,
			at: [5, 0],
			parameters: {
				resource: 'customField',
				operation: 'setMany',
				file: `={{ $('Settings').first().json.customFieldFile }}`,
				pk01: '={{ $json.m3.ITNO }}',
				values: {
					value: [
						{ field: '={{ $json.m3.asinField }}', value: '={{ $json.asin }}' },
						{ field: '={{ $json.m3.statusField }}', value: '={{ $json.listingStatus }}' },
					],
				},
				options: { onlyChanges: true, ignoreEmpty: true },
			},
			credentials: CREDS.m3,
			onError: 'continueErrorOutput',
		},
		...catalogFailures.nodes,
		...catalogReplay.nodes,
	],
	[
		['Every hour', 'Settings'],
		['Settings', 'Items for listings in M3'],
		['Items for listings in M3', 'M3 items to Amazon listings'],
		['M3 items to Amazon listings', 'Send listings to Amazon'],
		['M3 items to Amazon listings', 'Keep invalid M3 items', 1],
		['Send listings to Amazon', 'Write ASIN and status to M3'],
		['Send listings to Amazon', 'Keep listing errors', 1],
		['Write ASIN and status to M3', 'Keep M3 write-back errors', 1],
		...catalogFailures.links,
		...catalogReplay.links,
	],
);

module.exports = catalogSync;

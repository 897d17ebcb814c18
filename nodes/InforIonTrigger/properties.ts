/** The ION trigger's node parameters: authentication, body format, filters, options, extraction path overrides. */
import type { INodeProperties } from 'n8n-workflow';

import { authenticationField } from '../shared/webhook/auth';
import { dedupeOptionFields } from '../shared/webhook/dedupe';
import { DEFAULT_MAX_NODES, DEFAULT_MAX_TEXT_LENGTH } from '../shared/xml';
import { EXTRACT_NOUNS, SALES_ORDER_PATH_DEFAULTS, SHIPMENT_PATH_DEFAULTS } from './extract';

const shipmentPathFields = Object.entries(SHIPMENT_PATH_DEFAULTS).map(([name, def]) => ({
	displayName: name.replace(/^./, (c) => c.toUpperCase()).replace(/([a-z])([A-Z])/g, '$1 $2'),
	name,
	type: 'string' as const,
	default: def,
	description: name.startsWith('line')
		? 'Path(s) relative to each line element and each package line; comma-separated alternatives, the first that yields a value wins'
		: name.startsWith('package') && name !== 'packages'
			? 'Path(s) relative to each package (ShipmentUnit); comma-separated alternatives, the first that yields a value wins'
			: 'Path(s) relative to DataArea/Shipment; comma-separated alternatives, the first that yields a value wins',
}));

const salesOrderPathFields = Object.entries(SALES_ORDER_PATH_DEFAULTS).map(([name, def]) => ({
	displayName: name.replace(/^./, (c) => c.toUpperCase()).replace(/([a-z])([A-Z])/g, '$1 $2'),
	name,
	type: 'string' as const,
	default: def,
	description: name.startsWith('line')
		? 'Path(s) relative to each line element; comma-separated alternatives, the first that yields a value wins'
		: 'Path(s) relative to DataArea/SalesOrder; comma-separated alternatives, the first that yields a value wins',
}));

export const properties: INodeProperties[] = [
	{
		displayName:
			'In ION Desk, create an API connection point (or "Send to API" action) whose target is this webhook URL, with target-endpoint security "API Key" or "Basic" matching the credential, and send the documents (BOD, or "JSON from BOD") you want here',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	authenticationField,
	{
		displayName: 'Body Format',
		name: 'bodyFormat',
		type: 'options',
		options: [
			{ name: 'Auto-Detect', value: 'auto', description: 'XML when the body starts with "<", JSON when it starts with "{"' },
			{ name: 'BOD XML', value: 'xml' },
			{ name: 'JSON From BOD', value: 'json' },
		],
		default: 'auto',
	},
	{
		displayName: 'Nouns',
		name: 'nouns',
		type: 'string',
		default: '',
		placeholder: 'Shipment, SalesOrder',
		description: 'Comma-separated nouns to accept (case-insensitive). Empty accepts all. Other BODs are acknowledged with 200 and not emitted.',
	},
	{
		displayName: 'Verbs',
		name: 'verbs',
		type: 'string',
		default: '',
		placeholder: 'Sync, Process',
		description: 'Comma-separated verbs to accept (case-insensitive). Empty accepts all.',
	},
	{
		displayName: 'Sender Logical IDs',
		name: 'logicalIds',
		type: 'string',
		default: '',
		placeholder: 'lid://infor.m3.m3, lid://infor.m3be.*',
		description: 'Comma-separated ApplicationArea/Sender/LogicalID patterns (* = wildcard; trimmed; "lid://" optional). Empty accepts all.',
	},
	{
		displayName: 'Accounting Entities',
		name: 'accountingEntities',
		type: 'string',
		default: '',
		placeholder: '100_AAA',
		description: 'Comma-separated AccountingEntityID values (M3: CONO_DIVI). Empty accepts all.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...dedupeOptionFields({ maxEntries: 'Upper bound of remembered BODIDs (oldest forgotten first)' }),
			{
				displayName: 'Drop Duplicate BODIDs',
				name: 'dedupe',
				type: 'boolean',
				default: true,
				description: 'Whether to emit a BODID only once within the window (BODs without BODID are keyed by a hash of the body)',
			},
			{
				displayName: 'Drop Stale Variations',
				name: 'dropStale',
				type: 'boolean',
				default: true,
				description: 'Whether to drop a BOD whose DocumentID/@variationID is lower than one already seen for the same noun and document ID',
			},
			{
				displayName: 'Include Normalised Extract',
				name: 'includeExtract',
				type: 'boolean',
				default: true,
				description: `Whether to add "extract", a normalised view of fixed shape, for the nouns ${EXTRACT_NOUNS.join(', ')} (see docs/contracts.md)`,
			},
			{
				displayName: 'Include Raw Body',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description: 'Whether to add the received body as text in "raw"',
			},
			{
				displayName: 'Max Body Size (MB)',
				name: 'maxBodyMb',
				type: 'number',
				typeOptions: { minValue: 0.001 },
				default: 10,
				description: 'Larger bodies are refused with 413. (n8n itself refuses bodies over N8N_PAYLOAD_SIZE_MAX, default 16 MB.).',
			},
			{
				displayName: 'Max Text Length',
				name: 'maxTextLength',
				type: 'number',
				typeOptions: { minValue: 1024 },
				default: DEFAULT_MAX_TEXT_LENGTH,
				description: 'Longest text or attribute value (characters); longer is refused with 413',
			},
			{
				displayName: 'Max XML Depth',
				name: 'maxDepth',
				type: 'number',
				typeOptions: { minValue: 8 },
				default: 256,
			},
			{
				displayName: 'Max XML Nodes',
				name: 'maxNodes',
				type: 'number',
				typeOptions: { minValue: 100 },
				default: DEFAULT_MAX_NODES,
				description:
					'Most elements + attributes + text runs (JSON: values and members) a body may have; more is refused with 413. The default keeps a hostile 10 MB body under 4x its size in memory; each node costs about 100-200 bytes.',
			},
			{
				displayName: 'Put Raw BOD in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				displayOptions: { show: { rawBinary: [true] } },
				description: 'The name of the output binary field to put the raw BOD file in',
			},
			{
				displayName: 'Raw BOD as Binary',
				name: 'rawBinary',
				type: 'boolean',
				default: false,
				description:
					'Whether to attach the received body unchanged as a file named after the noun and BODID (an XML file; a JSON From BOD body as a JSON file). "Include Raw Body" still decides whether the text is in the JSON too.',
			},
			{
				displayName: 'Time Zone of Dates Without Offset',
				name: 'timeZone',
				type: 'string',
				default: 'UTC',
				placeholder: 'Europe/Stockholm',
				description:
					'Time zone in which BOD dates without a zone (e.g. 2026-11-29T10:00:00 or 2026-11-29) are read: an IANA name, a fixed offset such as +01:00, or UTC',
			},
		],
	},
	{
		displayName: 'Shipment Paths',
		name: 'shipmentPaths',
		type: 'collection',
		placeholder: 'Override a Path',
		default: {},
		description: 'Where the Shipment extract reads its fields (defaults from ion-bods.md §2.2/§8; override after checking a real BOD of your tenant)',
		options: shipmentPathFields,
	},
	{
		displayName: 'Sales Order Paths',
		name: 'salesOrderPaths',
		type: 'collection',
		placeholder: 'Override a Path',
		default: {},
		description: 'Where the SalesOrder extract reads its fields (defaults from ion-bods.md §3.2/§8)',
		options: salesOrderPathFields,
	},
];

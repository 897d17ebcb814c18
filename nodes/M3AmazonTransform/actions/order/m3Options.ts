import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { DEFAULT_CHARGE_MAP, type CustomerMapEntry, type M3OrderOptions } from '../../../shared/mapping/m3Order';
import type { VatOptions } from '../../../shared/mapping/vat';
import type { CustomFieldRule } from '../../../shared/mapping/customFields';
import { params, parameterError } from '../../../shared/execution';

/** Parameters of "Canonical Order -> M3" and "Amazon Order -> M3" (mapping tables are exposed for templates). */
export const m3PlanProperties: INodeProperties[] = [
	{
		displayName: 'Customer Map (JSON)',
		name: 'customerMap',
		type: 'json',
		default: '{\n  "ATVPDKIKX0DER": { "CUNO": "AMZUS01" },\n  "ATVPDKIKX0DER:B2B": { "CUNO": "AMZUSB2B" }\n}',
		description:
			'Marketplace key to M3 customer (CUNO string, or object with CUNO and any head field such as ORTP, FACI, WHLO). Keys tried: marketplaceId:MFN|AFN:B2B|B2C, marketplaceId:B2B|B2C, marketplaceId:MFN|AFN, marketplaceId, *.',
	},
	{
		displayName: 'Customer Strategy',
		name: 'customerStrategy',
		type: 'options',
		options: [
			{ name: 'Per Buyer, Then Marketplace', value: 'buyer', description: 'Buyer tax ID, e-mail or company looked up in the buyer map first' },
			{ name: 'Per Marketplace', value: 'marketplace', description: 'One M3 customer per marketplace (and channel/segment)' },
		],
		default: 'marketplace',
	},
	{
		displayName: 'Buyer Customer Map (JSON)',
		name: 'buyerCustomerMap',
		type: 'json',
		default: '{}',
		displayOptions: { show: { customerStrategy: ['buyer'] } },
		description: 'Buyer tax registration number, e-mail or company name to CUNO',
	},
	{
		displayName: 'Head Defaults (JSON)',
		name: 'headDefaults',
		type: 'json',
		default: '{ "ORTP": "A01", "FACI": "A01", "WHLO": "001" }',
		description: 'OIS100MI/AddBatchHead fields set on every order (customer map entries override them)',
	},
	{
		displayName: 'Item Number Mode',
		name: 'itemMode',
		type: 'options',
		options: [
			{ name: 'Identity (ITNO = SKU)', value: 'identity' },
			{ name: 'M3 Alias (POPN = SKU, Resolved by M3)', value: 'alias' },
			{ name: 'SKU Map', value: 'map' },
		],
		default: 'map',
	},
	{
		displayName: 'SKU Map (JSON)',
		name: 'skuMap',
		type: 'json',
		default: '{}',
		displayOptions: { show: { itemMode: ['map'] } },
		description: 'Amazon seller SKU to M3 item number (ITNO)',
	},
	{
		displayName: 'Unmapped SKU Falls Back to Identity',
		name: 'skuMapFallbackIdentity',
		type: 'boolean',
		default: false,
		displayOptions: { show: { itemMode: ['map'] } },
		description: 'Whether a SKU missing from the map is used as ITNO (otherwise the order goes to the Invalid output)',
	},
	{
		displayName: 'Alias Type (ALWT)',
		name: 'aliasType',
		type: 'string',
		default: '',
		description: 'MMS025MI alias category; empty = the Infor M3 node\'s "Alias Type" option decides',
		displayOptions: { show: { itemMode: ['alias'] } },
	},
	{
		displayName: 'Alias Qualifier (ALWQ)',
		name: 'aliasQualifier',
		type: 'string',
		default: '',
		displayOptions: { show: { itemMode: ['alias'] } },
	},
	{
		displayName: 'Charge Map (JSON)',
		name: 'chargeMap',
		type: 'json',
		default: JSON.stringify(DEFAULT_CHARGE_MAP, null, 2),
		description: 'Canonical charge type to M3 charge ID (CRID). Empty string = not sent. A type with an amount but no entry makes the order invalid.',
	},
	{
		displayName: 'Tax Handling',
		name: 'taxMode',
		type: 'options',
		options: [
			{ name: 'Ignore (M3 Computes Tax)', value: 'ignore' },
			{ name: 'Send as Charge (Charge Map TAX)', value: 'charge' },
		],
		default: 'ignore',
	},
	{
		displayName: 'VAT (JSON)',
		name: 'vat',
		type: 'json',
		default: '{}',
		placeholder: '{ "sellerCountry": "DE", "rates": { "DE": "19", "FR": "20", "GB": "20" }, "roundingCharge": "RND" }',
		displayOptions: { show: { taxMode: ['ignore'] } },
		description:
			'How M3 computes VAT, so the M3 order gets net prices and totals what the buyer paid: sellerCountry (where the goods leave), rates (destination country to the VAT percent of your M3 VAT code, as in CRS031), priceMode (marketplaceId to gross|net; default EU/UK gross), roundingCharge (a 0 % VAT charge for rounding differences), priceDecimals (of SAPR, default 2). {} = net prices only.',
	},
	{
		displayName: 'Discount Handling',
		name: 'discountMode',
		type: 'options',
		options: [
			{ name: 'Ignore', value: 'ignore' },
			{ name: 'Line Discount Amount (DIAn)', value: 'line' },
			{ name: 'Order Charge (Charge Map)', value: 'charge' },
		],
		default: 'line',
	},
	{
		displayName: 'Discount Field',
		name: 'discountField',
		type: 'options',
		options: ['DIA1', 'DIA2', 'DIA3', 'DIA4', 'DIA5', 'DIA6'].map((v) => ({ name: v, value: v })),
		default: 'DIA1',
		displayOptions: { show: { discountMode: ['line'] } },
	},
	{
		displayName: 'Delivery Address',
		name: 'addressMode',
		type: 'options',
		options: [
			{ name: 'Send Amazon Delivery Address (ADRT 1)', value: 'delivery' },
			{ name: 'None (Use the Customer Address)', value: 'none' },
		],
		default: 'delivery',
	},
	{
		displayName: 'Custom Fields',
		name: 'customFieldRules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Custom Field',
		description: 'Copy a value from the Amazon order into an order head field or a CUSEXTMI field',
		options: [
			{
				name: 'rule',
				displayName: 'Rule',
				values: [
					{
						displayName: 'Source Path',
						name: 'source',
						type: 'string',
						default: '',
						placeholder: 'e.g. amazon.buyer.buyerPurchaseOrderNumber',
						description: 'Prefix amazon. (raw Amazon order) or canonical. (canonical order)',
					},
					{
						displayName: 'Target',
						name: 'target',
						type: 'string',
						default: '',
						placeholder: 'e.g. YREF or OOHEAD.A030',
						description: 'An OIS100MI/AddBatchHead field, or FILE.field for CUSEXTMI/AddFieldValue',
					},
					{ displayName: 'Default', name: 'default', type: 'string', default: '' },
					{ displayName: 'Required', name: 'required', type: 'boolean', default: false },
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'planOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Gift Messages as Texts', name: 'giftMessageTexts', type: 'boolean', default: true },
			{ displayName: 'Require Prices', name: 'requirePrice', type: 'boolean', default: true },
			{ displayName: 'Skip Cancelled Lines', name: 'skipCancelledLines', type: 'boolean', default: true },
		],
	},
];

function oneOf<T extends string>(ctx: IExecuteFunctions, v: string, allowed: readonly T[], name: string): T {
	if ((allowed as readonly string[]).includes(v)) return v as T;
	throw parameterError(ctx, name, `Parameter "${name}" must be one of ${allowed.join(', ')}`);
}

/** The "VAT (JSON)" parameter, checked: a wrong shape is a parameter error naming the field. */
function readVatOptions(ctx: IExecuteFunctions, i: number): VatOptions {
	const v = params(ctx, i).json<Record<string, unknown>>('vat', { fallback: {}, cache: true });
	const bad = (field: string, want: string) => parameterError(ctx, 'vat', `VAT (JSON): "${field}" must be ${want}`, i);
	const o: VatOptions = {};
	if (v.sellerCountry !== undefined && v.sellerCountry !== '') {
		if (typeof v.sellerCountry !== 'string' || !/^[A-Za-z]{2}$/.test(v.sellerCountry)) throw bad('sellerCountry', 'a two-letter country code');
		o.sellerCountry = v.sellerCountry.toUpperCase();
	}
	if (v.rates !== undefined) {
		if (typeof v.rates !== 'object' || v.rates === null || Array.isArray(v.rates)) throw bad('rates', 'an object of country -> percent');
		o.rates = {};
		for (const [k, r] of Object.entries(v.rates)) {
			if (!/^[A-Za-z]{2}$/.test(k) || !/^\d+(\.\d+)?$/.test(String(r))) throw bad(`rates.${k}`, 'a percent such as "19" for a two-letter country code');
			o.rates[k.toUpperCase()] = String(r);
		}
	}
	if (v.priceMode !== undefined) {
		if (typeof v.priceMode !== 'object' || v.priceMode === null || Array.isArray(v.priceMode)) throw bad('priceMode', 'an object of marketplaceId -> "gross" | "net"');
		o.priceMode = {};
		for (const [k, m] of Object.entries(v.priceMode)) {
			if (m !== 'gross' && m !== 'net') throw bad(`priceMode.${k}`, '"gross" or "net"');
			o.priceMode[k] = m;
		}
	}
	if (v.roundingCharge !== undefined) {
		if (typeof v.roundingCharge !== 'string' || v.roundingCharge.length > 6) throw bad('roundingCharge', 'an M3 charge id (CRID, up to 6 characters) or ""');
		o.roundingCharge = v.roundingCharge;
	}
	if (v.priceDecimals !== undefined) {
		const n = Number(v.priceDecimals);
		if (!Number.isInteger(n) || n < 0 || n > 6) throw bad('priceDecimals', 'an integer 0..6');
		o.priceDecimals = n;
	}
	return o;
}

export function readM3Options(ctx: IExecuteFunctions, i: number): M3OrderOptions {
	const o: M3OrderOptions = {
		customerMap: params(ctx, i).json<Record<string, CustomerMapEntry>>('customerMap', { fallback: {}, cache: true }),
		customerStrategy: oneOf(ctx, params(ctx, i).str('customerStrategy', 'marketplace'), ['marketplace', 'buyer'] as const, 'customerStrategy'),
		headDefaults: params(ctx, i).json<Record<string, string>>('headDefaults', { fallback: {}, cache: true }),
		itemMode: oneOf(ctx, params(ctx, i).str('itemMode', 'map'), ['map', 'identity', 'alias'] as const, 'itemMode'),
		chargeMap: params(ctx, i).json<Record<string, string>>('chargeMap', { fallback: DEFAULT_CHARGE_MAP, cache: true }),
		taxMode: oneOf(ctx, params(ctx, i).str('taxMode', 'ignore'), ['ignore', 'charge'] as const, 'taxMode'),
		discountMode: oneOf(ctx, params(ctx, i).str('discountMode', 'line'), ['line', 'charge', 'ignore'] as const, 'discountMode'),
		addressMode: oneOf(ctx, params(ctx, i).str('addressMode', 'delivery'), ['delivery', 'none'] as const, 'addressMode'),
	};
	if (o.customerStrategy === 'buyer') o.buyerCustomerMap = params(ctx, i).json<Record<string, string>>('buyerCustomerMap', { fallback: {}, cache: true });
	if (o.itemMode === 'map') {
		o.skuMap = params(ctx, i).json<Record<string, string>>('skuMap', { fallback: {}, cache: true });
		o.skuMapFallbackIdentity = ctx.getNodeParameter('skuMapFallbackIdentity', i, false) as boolean;
	}
	if (o.itemMode === 'alias') {
		o.aliasType = params(ctx, i).str('aliasType');
		o.aliasQualifier = params(ctx, i).str('aliasQualifier');
	}
	if (o.discountMode === 'line') o.discountField = params(ctx, i).str('discountField', 'DIA1');
	if (o.taxMode === 'ignore') o.vat = readVatOptions(ctx, i);
	const rules = ctx.getNodeParameter('customFieldRules', i, {}) as { rule?: CustomFieldRule[] };
	if (rules && Array.isArray(rules.rule)) {
		o.customFields = rules.rule
			.filter((r) => r && r.source && r.target)
			.map((r) => ({ source: String(r.source), target: String(r.target), ...(r.default ? { default: String(r.default) } : {}), ...(r.required ? { required: true } : {}) }));
	}
	const po = ctx.getNodeParameter('planOptions', i, {}) as { giftMessageTexts?: boolean; requirePrice?: boolean; skipCancelledLines?: boolean };
	if (po.giftMessageTexts !== undefined) o.giftMessageTexts = po.giftMessageTexts;
	if (po.requirePrice !== undefined) o.requirePrice = po.requirePrice;
	if (po.skipCancelledLines !== undefined) o.skipCancelledLines = po.skipCancelledLines;
	return o;
}

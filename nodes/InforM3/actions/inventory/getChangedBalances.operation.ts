import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isNotFound, parseM3Number, withNumbers } from '../../../shared/m3';
import { getLimit, getOptions, optionsProperty, returnAllProperties, show, str, type OperationContext } from '../common';

const R = 'inventory';
const O = 'getChangedBalances';

export const description: INodeProperties[] = [
	{
		displayName: 'Changed Since (LMTS)',
		name: 'since',
		type: 'string',
		default: '',
		description:
			'M3 change timestamp; only balances changed after it are returned. Empty = all. Keep the largest LMTS returned for the next run.',
		displayOptions: show(R, O),
	},
	...returnAllProperties(R, O),
	optionsProperty(R, O, [
		{
			displayName: 'Amazon SKU Alias Type (ALWT)',
			name: 'aliasType',
			type: 'string',
			default: '1',
			description: 'Alias category (MMS025MI ALWT) under which the Amazon SKUs are stored, for "Include Amazon SKU"',
		},
		{
			displayName: 'Full Resync',
			name: 'fullResync',
			type: 'boolean',
			default: false,
			description:
				'Whether to return every balance, ignoring "Changed Since" and the remembered position (e.g. an expression true once a week)',
		},
		{
			displayName: 'Include Amazon SKU',
			name: 'includeSku',
			type: 'boolean',
			default: false,
			description:
				'Whether each balance carries the item\'s aliases of the alias type as "sku" (first) and "skus" (all), read with one v2 bulk MMS025MI/LstAlias call',
		},
		{
			displayName: 'Only Items With an Amazon SKU',
			name: 'onlyWithSku',
			type: 'boolean',
			default: false,
			description: 'Whether, with "Include Amazon SKU", balances of items that have no SKU alias are left out',
		},
		{
			displayName: 'Remember Position',
			name: 'rememberPosition',
			type: 'boolean',
			default: false,
			description:
				'Whether the cursor of this run is kept in the workflow (static data) and used as "Changed Since" of the next run when that is empty, so each run gets only what changed since the last one',
		},
		{
			displayName: 'Warehouse (WHLO)',
			name: 'warehouse',
			type: 'string',
			default: '',
			description: 'Only balances of this warehouse',
		},
		{
			displayName: 'Cursor Safety Margin (Seconds)',
			name: 'safetySeconds',
			type: 'number',
			default: 60,
			description:
				'LstNewBalances does not return LMTS, so the next cursor is the time of this call minus this margin (clock skew between n8n and M3); balances changed in the margin come again',
		},
		{
			displayName: 'Timestamp Format',
			name: 'timestampFormat',
			type: 'options',
			options: [
				{ name: 'Milliseconds Since 1970', value: 'epochMs' },
				{ name: 'YyyyMMddHHmmssSSS (UTC)', value: 'ymdhmsms' },
			],
			default: 'epochMs',
			description: 'How this M3 writes LMTS (check one LMTS value on your tenant)',
		},
	]),
];

function lmtsOf(ms: number, format: string): string {
	if (format !== 'ymdhmsms') return String(Math.floor(ms));
	const d = new Date(ms).toISOString(); // 2026-11-29T10:00:00.123Z
	return d.replace(/[-:TZ.]/g, '').slice(0, 17);
}

/**
 * OIS100MI/LstNewBalances (delta since LMTS); AV01/AV02 as numbers; each item carries the cursor "nextSince" for the
 * next call: the largest LMTS returned, or (M3 does not return LMTS here) the time of this call minus a safety margin.
 */
/** Amazon SKUs per item: MMS025MI/LstAlias of the alias type, all items in one v2 bulk request. */
async function skusByItem(client: OperationContext['client'], items: string[], aliasType: string): Promise<Map<string, string[]>> {
	const out = new Map<string, string[]>();
	if (!items.length) return out;
	const results = await client.bulk(
		'MMS025MI',
		items.map((ITNO) => ({ transaction: 'LstAlias', record: { ITNO, ALWT: aliasType } })),
	);
	results.forEach((r, k) => {
		// an item without aliases answers NOK "record does not exist" on some releases: no SKU, not a failure
		if (r.error && !isNotFound(r.error)) throw r.error;
		out.set(
			items[k],
			r.records.filter((a) => String(a.ALWT ?? aliasType).trim() === aliasType).map((a) => String(a.POPN ?? '').trim()).filter(Boolean),
		);
	});
	return out;
}

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject[]> {
	const o = getOptions.call(this, i);
	const stored = o.rememberPosition ? (this.getWorkflowStaticData('node') as { nextSince?: string }) : undefined;
	let since = str.call(this, 'since', i);
	if (!since && stored?.nextSince) since = stored.nextSince;
	if (o.fullResync === true) since = '';
	const limit = getLimit.call(this, i);
	const whlo = String(o.warehouse ?? '').trim();
	const margin = o.safetySeconds === undefined ? 60 : Number(o.safetySeconds);
	const callStart = lmtsOf(Date.now() - margin * 1000, String(o.timestampFormat ?? 'epochMs'));
	let list = await client.list('OIS100MI', 'LstNewBalances', { LMTS: since }, { maxrecs: whlo ? 0 : limit });
	if (whlo) list = list.filter((r) => r.WHLO === whlo);
	if (limit) list = list.slice(0, limit);
	let next = since === '' || Number(callStart) > Number(since) ? callStart : since;
	for (const r of list) {
		const n = parseM3Number(r.LMTS);
		if (n !== null && (next === '' || n > Number(next))) next = String(r.LMTS);
	}
	let skus: Map<string, string[]> | undefined;
	if (o.includeSku === true) {
		const aliasType = String(o.aliasType ?? '1').trim() || '1';
		skus = await skusByItem(client, [...new Set(list.map((r) => String(r.ITNO ?? '').trim()).filter(Boolean))], aliasType);
	}
	// the cursor moves only once the balances were read (a failed run is repeated from the same position)
	if (stored) stored.nextSince = next;
	if (skus && o.onlyWithSku === true) list = list.filter((r) => (skus?.get(String(r.ITNO ?? '').trim()) ?? []).length > 0);
	return list.map((r) => {
		const json: IDataObject = { ...withNumbers(r, ['AV01', 'AV02']), since, nextSince: next };
		if (skus) {
			const s = skus.get(String(r.ITNO ?? '').trim()) ?? [];
			json.sku = s[0] ?? '';
			json.skus = s;
		}
		return json;
	});
}

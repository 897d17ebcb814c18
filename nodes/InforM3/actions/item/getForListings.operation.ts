import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { params, splitList } from '../../../shared/execution';
import { aliasesOfItems, M3Error, readCustomFields, readPriceList, type M3Record, type PriceLine } from '../../../shared/m3';
import { optionsProperty, show, type OperationContext } from '../common';

const R = 'item';
const O = 'getForListings';

export const description: INodeProperties[] = [
	{
		displayName: 'Changed Since (YYYYMMDD)',
		name: 'changedSince',
		type: 'string',
		default: '',
		placeholder: '20260101',
		description:
			'Items whose M3 change date (LMDT) is on or after this date; empty = the remembered position, or every item on the first run',
		displayOptions: show(R, O),
	},
	{
		displayName: 'Price Lists',
		name: 'priceLists',
		type: 'string',
		default: '',
		placeholder: 'AMZUS/USD, AMZEU/EUR',
		description:
			'OIS017 sales price lists (PRRF/CUCD) to read; each run reads the lists valid today and adds their items, so price changes are found even when the item did not change. Empty = no prices.',
		displayOptions: show(R, O),
	},
	optionsProperty(R, O, [
		{
			displayName: 'Amazon SKU Alias Type (ALWT)',
			name: 'aliasType',
			type: 'string',
			default: '1',
			description: 'Alias category (MMS025) of the Amazon SKUs; items without one are left out',
		},
		{
			displayName: 'Custom Field File',
			name: 'customFieldFile',
			type: 'string',
			default: 'MITMAS',
			description: 'CUSEXTMI FILE of the item custom fields (PK01 = item number); empty = none',
		},
		{
			displayName: 'EAN Alias Type (ALWT)',
			name: 'eanAliasType',
			type: 'string',
			default: '2',
			description: 'Alias category holding the EAN/GTIN, returned as "ean"; empty = none',
		},
		{
			displayName: 'Full Resync',
			name: 'fullResync',
			type: 'boolean',
			default: false,
			description: 'Whether to return every item, ignoring "Changed Since" and the remembered position (e.g. an expression true once a night: custom fields carry no item change date)',
		},
		{
			displayName: 'Item Statuses',
			name: 'itemStatuses',
			type: 'string',
			default: '',
			placeholder: '20',
			description: 'Comma-separated item statuses (STAT) to include; empty = all',
		},
		{
			displayName: 'Remember Position',
			name: 'rememberPosition',
			type: 'boolean',
			default: false,
			description: 'Whether the date of this run is kept (workflow static data) and used as "Changed Since" of the next run when that is empty',
		},
		{
			displayName: 'Safety Margin (Days)',
			name: 'safetyDays',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 0 },
			description: 'The remembered position is this many days before today (M3 keeps change dates in its own time zone, without a time)',
		},
	]),
];

const t = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());

function ymd(d: Date): string {
	return d.toISOString().slice(0, 10).replace(/-/g, '');
}

function parsePriceLists(text: string): Array<{ PRRF: string; CUCD: string }> {
	return splitList(text).map((s) => {
		const [PRRF, CUCD = ''] = s.split('/').map((x) => x.trim().toUpperCase());
		if (!/^[A-Z0-9_-]{1,10}$/.test(PRRF) || (CUCD && !/^[A-Z]{3}$/.test(CUCD))) {
			throw new M3Error(`Price list "${s}" is not PRRF or PRRF/CUCD (e.g. AMZUS/USD)`, { kind: 'input', field: 'PRRF' });
		}
		return { PRRF, CUCD };
	});
}

/**
 * Catalog records for the listing mapping, one per item and Amazon SKU (docs/contracts.md, Catalog):
 * `{ ITNO, sku, ean?, item?: MITMAS fields, customFields?, prices?: { PRRF: {CUCD, SAPR, SACD, FVDT} }, since, nextSince }`.
 * Items changed since the position (MMS200MI/LstItmByChgDate) carry `item` and `customFields`; items that are only
 * in a price list carry the prices alone. Cost per run: 1 list of changed items, 2 per price list, the aliases (bulk
 * LstAlias for few items, LstAliasViaCat for many) and one bulk read of custom fields per 100 changed items.
 */
export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject[]> {
	const o = params(this, i).collection();
	const stored = o.rememberPosition ? (this.getWorkflowStaticData('node') as { changedSince?: string }) : undefined;
	let since = params(this, i).str('changedSince');
	if (since && !/^\d{8}$/.test(since)) throw new M3Error(`Changed Since "${since}" is not a date YYYYMMDD`, { kind: 'input', field: 'FLMD' });
	if (!since && stored?.changedSince) since = stored.changedSince;
	if (o.fullResync === true || String(o.fullResync).toLowerCase() === 'true') since = '';
	const now = new Date();
	const today = ymd(now);
	const next = ymd(new Date(now.getTime() - Math.max(0, Number(o.safetyDays ?? 1)) * 86400000));
	const aliasType = t(o.aliasType ?? '1') || '1';
	const eanType = t(o.eanAliasType ?? '2');
	const file = t(o.customFieldFile ?? 'MITMAS');
	const statuses = new Set(splitList(o.itemStatuses));

	const changed = (await client.list('MMS200MI', 'LstItmByChgDate', since ? { FLMD: since } : {}, { maxrecs: 0 })).filter((r) => !statuses.size || statuses.has(t(r.STAT)));
	const items = new Map<string, M3Record>(changed.map((r) => [t(r.ITNO), r]));
	const prices = new Map<string, Record<string, PriceLine>>();
	for (const pl of parsePriceLists(params(this, i).str('priceLists'))) {
		for (const [itno, line] of await readPriceList(client, pl.PRRF, pl.CUCD, today)) {
			const p = prices.get(itno) ?? {};
			p[pl.PRRF] = line;
			prices.set(itno, p);
		}
	}
	const itnos = [...new Set([...items.keys(), ...prices.keys()])].filter(Boolean).sort();
	const aliases = await aliasesOfItems(client, itnos, eanType && eanType !== aliasType ? [aliasType, eanType] : [aliasType]);
	const skusOf = (itno: string): string[] => (aliases.get(itno) ?? []).filter((a) => Number(t(a.ALWT)) === Number(aliasType)).map((a) => t(a.POPN)).filter(Boolean);
	const sold = itnos.filter((itno) => skusOf(itno).length > 0);
	const withItem = sold.filter((itno) => items.has(itno));
	const fields = file && withItem.length ? await readCustomFields(client, withItem.map((itno) => ({ FILE: file, keys: { PK01: itno } }))) : [];
	const fieldsOf = new Map(withItem.map((itno, k) => [itno, fields[k]]));
	// the position moves only once everything was read (a failed run is repeated from the same date)
	if (stored) stored.changedSince = next;
	const out: IDataObject[] = [];
	for (const itno of sold) {
		const item = items.get(itno);
		const ean = eanType ? (aliases.get(itno) ?? []).find((a) => Number(t(a.ALWT)) === Number(eanType)) : undefined;
		const cf = fieldsOf.get(itno);
		const skus = skusOf(itno);
		for (const sku of skus) {
			out.push({
				ITNO: itno,
				sku,
				// every SKU of the item (the first is its primary one: it gets the ASIN and status write-back)
				skus,
				...(ean ? { ean: t(ean.POPN) } : {}),
				...(item ? { item: { ...item }, LMDT: t(item.LMDT), customFields: cf ? { ...cf } : {} } : {}),
				...(prices.has(itno) ? { prices: { ...prices.get(itno) } } : {}),
				since,
				nextSince: next,
			});
		}
	}
	return out;
}

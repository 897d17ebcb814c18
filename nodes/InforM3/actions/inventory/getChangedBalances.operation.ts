import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { params, splitList, returnAllFields } from '../../../shared/execution';
import { clockNow, completeBalances, skusOfItems, withNumbers } from '../../../shared/m3';
import { parseFigure } from '../../../shared/mapping/inventory';
import { optionsProperty, show, type OperationContext } from '../common';

const R = 'inventory';
const O = 'getChangedBalances';

export const description: INodeProperties[] = [
	{
		displayName: 'Changed Since (LMTS)',
		name: 'since',
		type: 'string',
		default: '',
		description:
			'M3 change timestamp (LMTS); only balances changed after it are returned. Empty = all, or with Remember Position the M3 clock stamp kept from an earlier run (the items carry it as nextSince).',
		displayOptions: show(R, O),
	},
	...returnAllFields(show(R, O).show),
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
				'Whether each run stamps M3\'s clock (a CUSEXTMI record, see Cursor Record File) and keeps the stamp in the workflow, so a later run with an empty "Changed Since" reads only what changed since (with Cursor Overlap). Never the n8n host clock.',
		},
		{
			displayName: 'Warehouse (WHLO)',
			name: 'warehouse',
			type: 'string',
			default: '',
			description: 'Only balances of this warehouse (see Warehouses for several)',
		},
		{
			displayName: 'Warehouses (WHLO)',
			name: 'warehouses',
			type: 'string',
			default: '',
			placeholder: '001,002,DE1',
			description: 'Comma-separated warehouses whose balances are returned (the ones that ship Amazon orders); empty = all',
		},
		{
			displayName: 'Read Every Listed Warehouse of a Changed Item',
			name: 'allWarehouses',
			type: 'boolean',
			default: false,
			description:
				'Whether a change in one warehouse also returns the item\'s balances in the other listed warehouses (re-read from M3), so a sum over the warehouses is complete. LstNewBalances alone returns only the warehouses that changed.',
		},
		{
			displayName: 'M3 Figure',
			name: 'figure',
			type: 'string',
			default: 'AV01',
			description:
				'The balance fields the quantity is computed from (as in the Transform), e.g. AV01 or STQT - REQT: AV01/AV02 are re-read per item with OIS100MI/LstWarehBalance, other fields per item and warehouse with MMS200MI/GetItmWhsBal',
		},
		{
			displayName: 'Cursor Record File (CUSEXTMI FILE)',
			name: 'cursorFile',
			type: 'string',
			default: 'MITBAL',
			description:
				'With Remember Position: the CUSEXTMI table of the record M3 stamps at each run; its change timestamp (M3\'s clock) is the cursor of a later run',
		},
		{
			displayName: 'Cursor Overlap (Runs)',
			name: 'overlapRuns',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 0, maxValue: 10 },
			description:
				'With Remember Position: each run reads from the stamp of this many runs back (1 = the run before the last), so a change whose transaction committed late is still read; repeats are dropped by the sender\'s memory of accepted quantities',
		},
		{
			displayName: 'Read the Whole SKU Alias Category From (Items)',
			name: 'aliasListFrom',
			type: 'number',
			default: 500,
			typeOptions: { minValue: 1 },
			description:
				'With Include Amazon SKU: from this many changed items, one MMS025MI/LstAliasViaCat of the alias type replaces the per-item LstAlias reads (100 per request)',
		},
		{
			displayName: 'Read All Balances From (Items)',
			name: 'listAllFrom',
			type: 'number',
			default: 1000,
			typeOptions: { minValue: 1 },
			description:
				'With Read Every Listed Warehouse (AV01/AV02 figures): from this many items to re-read, one LstNewBalances without a timestamp replaces the per-item LstWarehBalance reads (100 per request)',
		},
	]),
];

/** The key of this node's clock record: the same node of the same workflow stamps the same record. */
function clockKey(ctx: IExecuteFunctions): string {
	const id = `${ctx.getWorkflow().id ?? ''}/${ctx.getNode().name}`;
	return `INV${createHash('sha1').update(id).digest('hex').slice(0, 24)}`;
}

/**
 * OIS100MI/LstNewBalances (delta since LMTS) -> the balances, AV01/AV02 as numbers; with Read Every Listed Warehouse
 * the changed items' other warehouses too; with Include Amazon SKU their SKUs. Each item carries `since` and
 * `nextSince` (the cursor the next run with Remember Position uses: an M3 clock stamp, see nodes/shared/m3/balances.ts).
 */
export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject[]> {
	const o = params(this, i).collection();
	const e = { company: String(o.company ?? '').trim() || undefined, division: String(o.division ?? '').trim() || undefined };
	const stored = o.rememberPosition ? (this.getWorkflowStaticData('node') as { stamps?: string[]; nextSince?: string }) : undefined;
	let since = params(this, i).str('since');
	if (!since && stored?.stamps?.length) since = stored.stamps[0];
	if (o.fullResync === true) since = '';
	const limit = params(this, i).limit() ?? 0; // 0 = all (M3 client)
	const whlo = String(o.warehouse ?? '').trim();
	const warehouses = splitList(o.warehouses, { dedupe: true });
	if (whlo && !warehouses.includes(whlo)) warehouses.push(whlo);
	const figure = String(o.figure ?? 'AV01').trim() || 'AV01';
	const terms = parseFigure(figure);
	if (!terms) throw new NodeOperationError(this.getNode(), `M3 Figure "${figure}" must be M3 fields joined by + or -, e.g. "STQT - REQT"`, { itemIndex: i });
	const fields = [...new Set(terms.map((t) => t.field))];
	// the stamp is taken before the list: a change after it has a larger LMTS and is read by a later run
	const stamp = stored ? await clockNow(client, { FILE: String(o.cursorFile ?? 'MITBAL').trim() || 'MITBAL', key: clockKey(this) }, e) : '';
	let list = await client.list('OIS100MI', 'LstNewBalances', { LMTS: since }, { ...e, maxrecs: warehouses.length ? 0 : limit });
	if (warehouses.length) list = list.filter((r) => warehouses.includes(String(r.WHLO ?? '').trim()));
	if (limit) list = list.slice(0, limit);
	const changedKeys = new Set(list.map((r) => `${String(r.ITNO ?? '').trim()}|${String(r.WHLO ?? '').trim()}`));
	if (o.allWarehouses === true) {
		const listAllFrom = Math.max(1, Number(o.listAllFrom ?? 1000) || 1000);
		list = (await completeBalances(client, list, { warehouses, fields, listAllFrom, ...e })).rows;
	}
	let skus: Map<string, string[]> | undefined;
	if (o.includeSku === true) {
		const aliasType = String(o.aliasType ?? '1').trim() || '1';
		const items = [...new Set(list.map((r) => String(r.ITNO ?? '').trim()).filter(Boolean))];
		skus = await skusOfItems(client, items, aliasType, Math.max(1, Number(o.aliasListFrom ?? 500) || 500), e);
	}
	// the cursor moves only once the balances were read (a failed run is repeated from the same position)
	let next = '';
	if (stored) {
		const keep = Math.max(0, Math.min(10, Math.floor(Number(o.overlapRuns ?? 1)))) + 1;
		stored.stamps = [...(stored.stamps ?? []), stamp].slice(-keep);
		delete stored.nextSince; // the host-clock cursor of earlier versions
		next = stored.stamps[0];
	}
	if (skus && o.onlyWithSku === true) list = list.filter((r) => (skus?.get(String(r.ITNO ?? '').trim()) ?? []).length > 0);
	return list.map((r) => {
		const itno = String(r.ITNO ?? '').trim();
		const json: IDataObject = {
			...withNumbers(r, [...new Set(['AV01', 'AV02', ...fields])]),
			changed: changedKeys.has(`${itno}|${String(r.WHLO ?? '').trim()}`),
			since,
			nextSince: next,
		};
		if (skus) {
			const s = skus.get(itno) ?? [];
			json.sku = s[0] ?? '';
			json.skus = s;
		}
		return json;
	});
}

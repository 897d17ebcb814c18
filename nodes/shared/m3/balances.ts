/**
 * Stock for Amazon: the balances of items that changed in M3, over every configured warehouse, with their Amazon
 * SKUs, read at a cost bounded by the change (docs/contracts.md "Changed balances").
 *
 * - Changes: OIS100MI/LstNewBalances(LMTS). It returns WHLO, ITNO, AV01, AV02 of the balances changed after LMTS, but
 *   no LMTS of its own, so the cursor is M3's clock read from a record M3 stamps (clockNow): never n8n's clock.
 * - A change in one warehouse re-reads the item's other configured warehouses, so the quantity is the sum over all of
 *   them, not over the ones that changed (marketplace-accounting.md §3).
 * - SKUs: the item's aliases of the alias type, per item in one bulk (few items) or the whole category in one list
 *   (many items): whichever needs fewer requests.
 */
import type { M3Client } from './client';
import { aliasesOfItems } from './catalog';
import { M3Error, isNotFound } from './errors';
import { parseM3Number, type M3Record } from './values';

export interface ClockRecord {
	FILE: string;
	/** PK02 of the record (PK01 is AMZCLOCK): one per node, so runs of different workflows never wait on each other */
	key: string;
}

/**
 * M3's clock in M3's own LMTS format: a CUSEXTMI record is changed (or added) and read back in one bulk request; its
 * LMTS is the time M3 stamped it. Balances changed after that stamp have a larger LMTS.
 */
export async function clockNow(client: M3Client, c: ClockRecord, e: { company?: string; division?: string } = {}): Promise<string> {
	const keys = { FILE: c.FILE, PK01: 'AMZCLOCK', PK02: c.key.slice(0, 30) };
	const stamp = async (write: 'ChgFieldValue' | 'AddFieldValue') =>
		await client.bulk(
			'CUSEXTMI',
			[
				{ transaction: write, record: { ...keys, A030: 'n8n inventory cursor', VEXI: '1' } },
				{ transaction: 'GetFieldValue', record: keys },
			],
			{ ...e, idempotent: true },
		);
	let [w, r] = await stamp('ChgFieldValue');
	if (w.error && isNotFound(w.error)) [w, r] = await stamp('AddFieldValue');
	if (w.error) throw w.error;
	if (r.error) throw r.error;
	const lmts = String(r.records[0]?.LMTS ?? '').trim();
	if (!/^\d+$/.test(lmts)) {
		throw new M3Error(`CUSEXTMI/GetFieldValue returned no change timestamp (LMTS "${lmts}") to use as the cursor`, {
			program: 'CUSEXTMI',
			transaction: 'GetFieldValue',
			kind: 'nok',
		});
	}
	return lmts;
}

export interface BalanceReadOptions {
	/** warehouses whose figures are summed; empty = every warehouse M3 lists for the item */
	warehouses: string[];
	/** M3 balance fields the figure needs (e.g. ["AV01"] or ["STQT", "REQT"]) */
	fields: string[];
	/** from this many items needing a re-read, one unfiltered LstNewBalances replaces the per-item reads */
	listAllFrom: number;
	company?: string;
	division?: string;
}

const LIST_FIELDS = new Set(['AV01', 'AV02']);

/**
 * The balances of `items` in every configured warehouse: rows of the change list are kept, the missing
 * (item, warehouse) pairs are read. With AV01/AV02 only: OIS100MI/LstWarehBalance per item (one bulk) or, from
 * listAllFrom items, one LstNewBalances without LMTS (every balance, one request); other fields need
 * MMS200MI/GetItmWhsBal per item and warehouse (one bulk). A warehouse without a balance record has none (0).
 */
export async function completeBalances(
	client: M3Client,
	changed: M3Record[],
	o: BalanceReadOptions,
): Promise<{ rows: M3Record[]; reread: number }> {
	const e = { company: o.company, division: o.division };
	const whs = new Set(o.warehouses);
	const inScope = (w: string): boolean => !whs.size || whs.has(w);
	const byItem = new Map<string, Map<string, M3Record>>();
	for (const r of changed) {
		const itno = String(r.ITNO ?? '').trim();
		const whlo = String(r.WHLO ?? '').trim();
		if (!itno || !inScope(whlo)) continue;
		const m = byItem.get(itno) ?? new Map<string, M3Record>();
		m.set(whlo, r);
		byItem.set(itno, m);
	}
	const listFieldsOnly = o.fields.every((f) => LIST_FIELDS.has(f));
	if (listFieldsOnly) {
		// items with a configured warehouse still unread (all items when the warehouses are not listed)
		const need = [...byItem.entries()].filter(([, m]) => !whs.size || [...whs].some((w) => !m.has(w))).map(([itno]) => itno);
		if (need.length >= o.listAllFrom) {
			const all = await client.execute('OIS100MI', 'LstNewBalances', {}, { ...e, maxrecs: 0 });
			const wanted = new Set(need);
			for (const r of all) {
				const itno = String(r.ITNO ?? '').trim();
				const whlo = String(r.WHLO ?? '').trim();
				if (wanted.has(itno) && inScope(whlo) && !byItem.get(itno)?.has(whlo)) byItem.get(itno)?.set(whlo, r);
			}
		} else if (need.length) {
			const res = await client.bulk('OIS100MI', need.map((ITNO) => ({ transaction: 'LstWarehBalance', record: { ITNO } })), { ...e, maxrecs: 0 });
			res.forEach((r, k) => {
				if (r.error && !isNotFound(r.error)) throw r.error;
				const m = byItem.get(need[k]);
				for (const b of r.records) {
					const whlo = String(b.WHLO ?? '').trim();
					if (m && inScope(whlo) && !m.has(whlo)) m.set(whlo, { ...b, ITNO: need[k] });
				}
			});
		}
		const rows = [...byItem.values()].flatMap((m) => [...m.values()]);
		return { rows, reread: need.length };
	}
	if (!whs.size) {
		throw new M3Error(`The figure uses ${o.fields.filter((f) => !LIST_FIELDS.has(f)).join(', ')}: list the warehouses to read`, {
			kind: 'input',
			field: 'warehouses',
		});
	}
	// every configured warehouse of every changed item, with all GetItmWhsBal fields
	const pairs = [...byItem.keys()].flatMap((ITNO) => [...whs].map((WHLO) => ({ ITNO, WHLO })));
	const res = await client.bulk('MMS200MI', pairs.map((p) => ({ transaction: 'GetItmWhsBal', record: p })), e);
	const rows: M3Record[] = [];
	res.forEach((r, k) => {
		if (r.error) {
			if (isNotFound(r.error)) return; // no balance record in that warehouse: nothing there
			throw r.error;
		}
		if (r.records[0]) rows.push({ ...r.records[0], ITNO: pairs[k].ITNO, WHLO: pairs[k].WHLO });
	});
	return { rows, reread: byItem.size };
}

/**
 * Amazon SKUs of items: the aliases of the alias type (aliasesOfItems: LstAlias per item in bulk up to listFrom items,
 * from listFrom items one MMS025MI/LstAliasViaCat of the category). Every item gets a list, empty when it has none.
 */
export async function skusOfItems(
	client: M3Client,
	items: string[],
	aliasType: string,
	listFrom: number,
	e: { company?: string; division?: string } = {},
): Promise<Map<string, string[]>> {
	const aliases = await aliasesOfItems(client, items, [aliasType], { ...e, listFrom });
	const out = new Map<string, string[]>();
	for (const itno of items) {
		const skus = (aliases.get(itno) ?? []).map((a) => String(a.POPN ?? '').trim()).filter(Boolean);
		out.set(itno, [...new Set(skus)]);
	}
	return out;
}

/** Numbers of a balance as numbers (AV01 "12.000000" -> 12). */
export function balanceNumbers(r: M3Record, fields: string[]): Record<string, number | string> {
	const out: Record<string, number | string> = { ...r };
	for (const f of fields) {
		const n = parseM3Number(r[f]);
		if (n !== null) out[f] = n;
	}
	return out;
}

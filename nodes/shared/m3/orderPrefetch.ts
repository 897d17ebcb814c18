/**
 * Reads ahead, for all orders of one run, what each create would read first: the key records of every CUNO + CUOR
 * (CUSEXTMI LstFieldValue) at once, and - when the first order is entered, so runs of orders that exist read none -
 * the item of every alias (MMS025MI GetItem); each in one v2 bulk request (chunked by the client). A failure here
 * costs nothing but the saving: each create then reads for itself.
 */
import type { M3Client } from './client';
import { isNotFound } from './errors';
import { keyId, type OrderKey } from './orderKey';
import { aliasKey, s, type OrderLookupCache } from './orderPlan';

export interface PrefetchOptions {
	aliasType?: string;
	keyFile?: string;
	company?: string;
	division?: string;
	/** false when the duplicate check is off: only aliases are read */
	keys?: boolean;
}

function plansOf(plans: unknown[]): Array<{ head: Record<string, unknown>; lines: Array<Record<string, unknown>> }> {
	return plans.filter(
		(p): p is { head: Record<string, unknown>; lines: Array<Record<string, unknown>> } =>
			typeof p === 'object' && p !== null && typeof (p as { head?: unknown }).head === 'object' &&
			(p as { head?: unknown }).head !== null && Array.isArray((p as { lines?: unknown }).lines),
	);
}

export async function prefetchOrderLookups(client: M3Client, plans: unknown[], options: PrefetchOptions = {}): Promise<OrderLookupCache> {
	const cache: OrderLookupCache = { chains: new Map(), items: new Map() };
	const exec = { company: options.company, division: options.division };
	const valid = plansOf(plans);
	const keys = new Map<string, OrderKey>();
	if (options.keys !== false) {
		for (const p of valid) {
			const k = { FILE: s(options.keyFile) || 'OOHEAD', CUNO: s(p.head.CUNO), CUOR: s(p.head.CUOR) };
			if (k.CUNO && k.CUOR) keys.set(keyId(k), k);
		}
	}
	const aliases = new Map<string, { ALWT: string; POPN: string; ALWQ: string }>();
	for (const p of valid) {
		for (const l of p.lines) {
			if (typeof l !== 'object' || l === null || s(l.ITNO) || !s(l.POPN)) continue;
			const a = { ALWT: s(l.ALWT) || options.aliasType || '1', POPN: s(l.POPN), ALWQ: s(l.ALWQ) };
			aliases.set(aliasKey(a.ALWT, a.POPN, a.ALWQ), a);
		}
	}
	const chainKeys = [...keys.entries()];
	const aliasKeys = [...aliases.entries()];
	let items: Promise<void> | undefined;
	cache.loadItems = () => {
		items ??= aliasKeys.length
			? client
					.bulk(
						'MMS025MI',
						aliasKeys.map(([, a]) => ({ transaction: 'GetItem', record: { ALWT: a.ALWT, POPN: a.POPN, ...(a.ALWQ ? { ALWQ: a.ALWQ } : {}) } })),
						{ ...exec, idempotent: true },
					)
					.then((results) =>
						results.forEach((r, i) => {
							if (!r.error) cache.items.set(aliasKeys[i][0], r.records[0]?.ITNO || null);
							else if (isNotFound(r.error)) cache.items.set(aliasKeys[i][0], null);
						}),
					)
					.catch(() => undefined)
			: Promise.resolve();
		return items;
	};
	if (chainKeys.length) {
		try {
			const results = await client.bulk(
				'CUSEXTMI',
				chainKeys.map(([, k]) => ({ transaction: 'LstFieldValue', record: { FILE: k.FILE, PK01: k.CUNO, PK02: k.CUOR } })),
				{ ...exec, idempotent: true, maxrecs: 50 },
			);
			results.forEach((r, i) => {
				if (!r.error) cache.chains.set(chainKeys[i][0], r.records);
			});
		} catch {
			// each create reads its own
		}
	}
	return cache;
}

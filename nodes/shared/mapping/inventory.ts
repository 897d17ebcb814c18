/**
 * (5) M3 balances -> canonical InventoryLevel -> Amazon quantity (patchListingsItem body per SKU, or
 * JSON_LISTINGS_FEED documents of at most 25,000 messages with a messageId that is stable per SKU).
 */
import { CANONICAL_VERSION, type InventoryLevel } from '../canonical/schemas';
import { decAdd, decMul, decRound, decSub, decToInt, decToString, parseDec, type Dec } from '../canonical/decimal';
import { fail, isRecord, issue, nonEmpty, ok, type Issue, type Result } from './result';

export interface InventoryOverride {
	bufferType?: 'absolute' | 'percent';
	bufferValue?: string | number;
	min?: number;
	max?: number;
	/** send this quantity whatever M3 says */
	fixed?: number;
	/** never send this SKU */
	exclude?: boolean;
}

export interface InventoryOptions {
	/** M3 figure: a field or +/- formula of GetItmWhsBal / LstNewBalances fields, e.g. "AV01" (default), "STQT - REQT" */
	figure?: string;
	bufferType?: 'absolute' | 'percent';
	bufferValue?: string | number;
	min?: number;
	max?: number;
	overrides?: Record<string, InventoryOverride>;
	/**
	 * 'identity' (default: SKU = ITNO), 'map' (skuMap SKU -> ITNO, inverted; one ITNO may feed several SKUs) or
	 * 'field' (each balance record names its SKU(s) in `sku` / `skus`, e.g. the M3 node's alias look-up; records
	 * without one are items not sold on Amazon and are left out)
	 */
	itemMode?: 'identity' | 'map' | 'field';
	skuMap?: Record<string, string>;
	/** only these warehouses (WHLO) are summed; empty = all */
	warehouses?: string[];
	channel?: string;
	unit?: string;
}

export interface BalanceInput {
	index: number;
	json: unknown;
}

export interface LevelWithSource {
	level: InventoryLevel;
	sources: number[];
}

const FIELD_RE = /^[A-Z][A-Z0-9]{3}$/;

export function parseFigure(figure: string): Array<{ sign: 1 | -1; field: string }> | null {
	const tokens = figure.replace(/\s+/g, '').toUpperCase().split(/(?=[+-])/);
	const out: Array<{ sign: 1 | -1; field: string }> = [];
	for (const t of tokens) {
		if (!t) continue;
		let sign: 1 | -1 = 1;
		let f = t;
		if (f[0] === '+' || f[0] === '-') {
			sign = f[0] === '-' ? -1 : 1;
			f = f.slice(1);
		}
		if (!FIELD_RE.test(f)) return null;
		out.push({ sign, field: f });
	}
	return out.length ? out : null;
}

const HUNDRED: Dec = { m: BigInt(100), s: 0 };

/** Applies buffer, rounding down and the clamp; returns the whole number to send. */
export function sellableQuantity(available: Dec, o: { bufferType?: string; bufferValue?: string | number; min?: number; max?: number }): number {
	let v = available;
	const b = o.bufferValue === undefined || o.bufferValue === '' ? null : parseDec(o.bufferValue);
	if (b) {
		if (o.bufferType === 'percent') v = decMul(v, decSub(HUNDRED, b));
		else v = decSub(v, b);
		if (o.bufferType === 'percent') v = { m: v.m, s: v.s + 2 }; // divide by 100
	}
	let q = decToInt(decRound(v, 0, 'FLOOR'));
	const min = o.min ?? 0;
	if (q < min) q = min;
	if (o.max !== undefined && o.max !== null && q > o.max) q = o.max;
	return q;
}

export function m3BalancesToInventoryLevels(
	records: BalanceInput[],
	options: InventoryOptions = {},
): { levels: LevelWithSource[]; invalid: Array<{ index: number; issues: Issue[] }>; configIssues: Issue[] } {
	const invalid: Array<{ index: number; issues: Issue[] }> = [];
	const figureText = options.figure ?? 'AV01';
	const terms = parseFigure(figureText);
	if (!terms) return { levels: [], invalid, configIssues: [issue('figure', 'invalid_option', `Figure "${figureText}" must be M3 fields joined by + or -, e.g. "STQT - REQT"`)] };
	const whs = options.warehouses && options.warehouses.length ? new Set(options.warehouses) : null;
	const unit = options.unit ?? 'EA';
	const channel = options.channel ?? 'DEFAULT';
	// ITNO -> SKUs
	let skusOf: Map<string, string[]> | null = null;
	if (options.itemMode === 'map') {
		skusOf = new Map();
		for (const [sku, itno] of Object.entries(options.skuMap ?? {})) {
			const l = skusOf.get(itno);
			if (l) l.push(sku);
			else skusOf.set(itno, [sku]);
		}
	}
	const byItem = new Map<string, { sum: Dec; whs: string[]; sources: number[] }>();
	if (options.itemMode === 'field') skusOf = new Map();
	for (const r of records) {
		const j = r.json;
		if (!isRecord(j)) {
			invalid.push({ index: r.index, issues: [issue('', 'invalid_input', 'Balance record is not an object')] });
			continue;
		}
		const itno = nonEmpty(j.ITNO);
		if (!itno) {
			invalid.push({ index: r.index, issues: [issue('ITNO', 'missing_field', 'Balance record has no ITNO')] });
			continue;
		}
		if (options.itemMode === 'field' && skusOf) {
			const named = [j.sku, ...(Array.isArray(j.skus) ? j.skus : [])].map((x) => nonEmpty(x)).filter((x): x is string => !!x);
			if (named.length === 0) continue;
			const known = skusOf.get(itno) ?? [];
			for (const sku of named) if (!known.includes(sku)) known.push(sku);
			skusOf.set(itno, known);
		}
		const whlo = nonEmpty(j.WHLO) ?? '';
		if (whs && !whs.has(whlo)) continue;
		let val: Dec = { m: BigInt(0), s: 0 };
		let bad: Issue | undefined;
		for (const t of terms) {
			const raw = j[t.field];
			const d = raw === undefined || raw === null || raw === '' ? null : parseDec(typeof raw === 'number' ? raw : String(raw));
			if (!d) {
				bad = issue(t.field, 'missing_figure', `Balance record for ${itno}/${whlo} has no numeric ${t.field}`);
				break;
			}
			val = decAdd(val, t.sign === 1 ? d : { m: -d.m, s: d.s });
		}
		if (bad) {
			invalid.push({ index: r.index, issues: [bad] });
			continue;
		}
		const e = byItem.get(itno);
		if (e) {
			e.sum = decAdd(e.sum, val);
			if (whlo && !e.whs.includes(whlo)) e.whs.push(whlo);
			e.sources.push(r.index);
		} else byItem.set(itno, { sum: val, whs: whlo ? [whlo] : [], sources: [r.index] });
	}
	const levels: LevelWithSource[] = [];
	const overrides = options.overrides ?? {};
	for (const [itno, e] of byItem) {
		const skus = skusOf ? skusOf.get(itno) : [itno];
		if (!skus || skus.length === 0) {
			for (const idx of e.sources) invalid.push({ index: idx, issues: [issue('ITNO', 'item_not_mapped', `M3 item ${itno} has no SKU in the SKU map`)] });
			continue;
		}
		for (const sku of skus) {
			const ov = overrides[sku];
			if (ov?.exclude) continue;
			const q =
				ov?.fixed !== undefined
					? Math.max(0, Math.floor(ov.fixed))
					: sellableQuantity(e.sum, {
							bufferType: ov?.bufferType ?? options.bufferType,
							bufferValue: ov?.bufferValue ?? options.bufferValue,
							min: ov?.min ?? options.min,
							max: ov?.max ?? options.max,
						});
			levels.push({
				level: {
					canonicalVersion: CANONICAL_VERSION,
					kind: 'InventoryLevel',
					source: { system: 'm3', id: itno },
					sku,
					itemNumber: itno,
					warehouses: e.whs,
					figure: figureText,
					available: { value: decToString(e.sum), unit },
					quantity: q,
					channel,
				},
				sources: e.sources,
			});
		}
	}
	return { levels, invalid, configIssues: [] };
}

export function patchesFor(quantity: number, channel = 'DEFAULT'): Array<{ op: 'replace'; path: string; value: Array<{ fulfillment_channel_code: string; quantity: number }> }> {
	return [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: channel, quantity }] }];
}

/** patch mode item of docs/contracts.md */
export function inventoryLevelToPatchItem(level: InventoryLevel, productType = 'PRODUCT'): {
	sku: string;
	quantity: number;
	productType: string;
	patches: ReturnType<typeof patchesFor>;
} {
	return { sku: level.sku, quantity: level.quantity, productType, patches: patchesFor(level.quantity, level.channel) };
}

/** FNV-1a 32-bit hash -> 1..2147483647; stable for a SKU across runs. */
export function messageIdForSku(sku: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < sku.length; i++) {
		h ^= sku.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return (h % 2147483646) + 1;
}

/** One messageId per SKU (FNV hash; a collision probes upwards, in the given order), unique within one feed. */
export function uniqueMessageIds(skus: string[]): number[] {
	const used = new Set<number>();
	return skus.map((sku) => {
		let id = messageIdForSku(sku);
		while (used.has(id)) id = id >= 2147483647 ? 1 : id + 1;
		used.add(id);
		return id;
	});
}

export interface FeedOptions {
	sellerId: string;
	issueLocale?: string;
	productType?: string;
	/** per feed document; Amazon allows 25,000 */
	maxMessages?: number;
	/** adds header.report so the processing report lists the items */
	reportIncludedData?: string[];
}

export interface FeedMessage {
	messageId: number;
	sku: string;
	operationType: 'PATCH';
	productType: string;
	patches: ReturnType<typeof patchesFor>;
}
export interface ListingsFeed {
	header: { sellerId: string; version: '2.0'; issueLocale: string; report?: { includedData: string[]; apiVersion: '2021-08-01' } };
	messages: FeedMessage[];
}

/**
 * Builds JSON_LISTINGS_FEED documents. messageId = FNV hash of the SKU; on a collision inside one feed the
 * later SKU (in SKU order) probes upwards, so ids stay stable as long as the colliding SKUs are stable.
 */
export function inventoryLevelsToFeeds(levels: InventoryLevel[], o: FeedOptions): ListingsFeed[] {
	const max = Math.min(Math.max(1, o.maxMessages ?? 25000), 25000);
	const productType = o.productType ?? 'PRODUCT';
	const sorted = levels.slice().sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
	const feeds: ListingsFeed[] = [];
	for (let start = 0; start < sorted.length; start += max) {
		const chunk = sorted.slice(start, start + max);
		const ids = uniqueMessageIds(chunk.map((l) => l.sku));
		const messages: FeedMessage[] = chunk.map((l, i) => ({ messageId: ids[i], sku: l.sku, operationType: 'PATCH', productType, patches: patchesFor(l.quantity, l.channel) }));
		const header: ListingsFeed['header'] = { sellerId: o.sellerId, version: '2.0', issueLocale: o.issueLocale ?? 'en_US' };
		if (o.reportIncludedData && o.reportIncludedData.length) header.report = { includedData: o.reportIncludedData, apiVersion: '2021-08-01' };
		feeds.push({ header, messages });
	}
	return feeds;
}

/** Keeps only levels whose quantity differs from the previously sent state {sku: qty}. */
export function changedOnly<T extends { level: InventoryLevel }>(levels: T[], previous: Record<string, unknown> | undefined): { changed: T[]; unchanged: number } {
	if (!previous) return { changed: levels, unchanged: 0 };
	const changed: T[] = [];
	let unchanged = 0;
	for (const l of levels) {
		const prev = previous[l.level.sku];
		if (prev !== undefined && prev !== null && Number(prev) === l.level.quantity) unchanged++;
		else changed.push(l);
	}
	return { changed, unchanged };
}

/** One line of the reconciliation report: what Amazon shows for a SKU against what the sync would send from M3. */
export interface QuantityDiscrepancy {
	sku: string;
	/** the M3 figure (e.g. AV01) before buffer and clamp */
	m3Available: number;
	/** the quantity the inventory sync sends for that figure (buffer, clamp, rounding down) */
	expected: number;
	/** Amazon's quantity; null when the SKU has no quantity on Amazon */
	amazon: number | null;
	/** amazon - expected (null when Amazon has none) */
	difference: number | null;
	inSync: boolean;
	lastSync: string;
	/** = expected, so the item can go straight to "Update Quantity" to fix an MFN listing */
	quantity: number;
}

/**
 * Compares Amazon's quantity of a SKU with the quantity the sync would send from the M3 figure (same buffer/clamp
 * rules as m3BalancesToInventoryLevels), for a manual reconciliation report.
 */
export function compareQuantities(
	input: { sku: unknown; m3Available: unknown; amazonQuantity: unknown; lastSync?: unknown },
	options: { bufferType?: 'absolute' | 'percent'; bufferValue?: string | number; min?: number; max?: number } = {},
): Result<QuantityDiscrepancy> {
	const issues: Issue[] = [];
	const sku = nonEmpty(input.sku);
	if (!sku) issues.push(issue('sku', 'missing_field', 'No SKU to compare'));
	const raw = input.m3Available;
	const avail = raw === undefined || raw === null || raw === '' ? null : parseDec(typeof raw === 'number' ? raw : String(raw));
	if (!avail) issues.push(issue('m3Available', 'missing_figure', `SKU ${sku ?? '?'}: the M3 figure is missing or not a number`));
	const a = input.amazonQuantity;
	let amazon: number | null = null;
	if (a !== undefined && a !== null && a !== '') {
		const n = Number(a);
		if (!Number.isFinite(n)) issues.push(issue('amazonQuantity', 'invalid_quantity', `SKU ${sku ?? '?'}: Amazon quantity "${String(a)}" is not a number`));
		else amazon = n;
	}
	if (issues.length || !sku || !avail) return fail(issues);
	const expected = sellableQuantity(avail, options);
	const difference = amazon === null ? null : amazon - expected;
	return ok({
		sku,
		m3Available: Number(decToString(avail)),
		expected,
		amazon,
		difference,
		inSync: difference === 0,
		lastSync: input.lastSync === undefined || input.lastSync === null ? '' : String(input.lastSync),
		quantity: expected,
	});
}


/**
 * A bounded "seen ids" window kept in workflow static data (shared by the ION and Amazon triggers).
 * Entries expire after `windowMs`; at most `maxEntries` are kept (oldest dropped first).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

export interface SeenWindowOptions {
	windowMs: number;
	maxEntries: number;
	now?: number;
}

type SeenMap = Record<string, number>;

/** The two options every trigger with a dedupe window shows; the descriptions say what is remembered and why. */
export function dedupeOptionFields(text: { maxEntries?: string; window?: string }): INodeProperties[] {
	return [
		{
			displayName: 'Dedupe Max Entries',
			name: 'dedupeMaxEntries',
			type: 'number',
			typeOptions: { minValue: 10 },
			default: 10000,
			...(text.maxEntries ? { description: text.maxEntries } : {}),
		},
		{
			displayName: 'Dedupe Window (Minutes)',
			name: 'dedupeWindowMinutes',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1440,
			...(text.window ? { description: text.window } : {}),
		},
	];
}

/** The window those options give (defaults: one day, 10,000 ids). */
export function seenWindow(options: IDataObject): SeenWindowOptions {
	return {
		windowMs: Number(options.dedupeWindowMinutes ?? 1440) * 60 * 1000,
		maxEntries: Number(options.dedupeMaxEntries ?? 10000),
	};
}

function mapOf(store: IDataObject, key: string): SeenMap {
	const existing = store[key];
	if (existing && typeof existing === 'object' && !Array.isArray(existing)) return existing as SeenMap;
	const created: SeenMap = {};
	store[key] = created;
	return created;
}

/** Drops expired entries and trims to maxEntries. */
export function pruneSeen(store: IDataObject, key: string, options: SeenWindowOptions): void {
	const map = mapOf(store, key);
	const now = options.now ?? Date.now();
	const cutoff = now - options.windowMs;
	const entries = Object.entries(map);
	let changed = false;
	for (const [id, t] of entries) {
		if (typeof t !== 'number' || t < cutoff) {
			delete map[id];
			changed = true;
		}
	}
	const left = changed ? Object.entries(map) : entries;
	if (left.length > options.maxEntries) {
		left.sort((a, b) => a[1] - b[1]);
		for (const [id] of left.slice(0, left.length - options.maxEntries)) delete map[id];
	}
}

export function hasSeen(store: IDataObject, key: string, id: string, options: SeenWindowOptions): boolean {
	const map = mapOf(store, key);
	const t = Object.prototype.hasOwnProperty.call(map, id) ? map[id] : undefined;
	if (typeof t !== 'number') return false;
	return t >= (options.now ?? Date.now()) - options.windowMs;
}

/** Records `id`; prunes the window unless `prune` is false (then call pruneSeen once per batch). */
export function markSeen(store: IDataObject, key: string, id: string, options: SeenWindowOptions, prune = true): void {
	const map = mapOf(store, key);
	Object.defineProperty(map, id, { value: options.now ?? Date.now(), enumerable: true, writable: true, configurable: true });
	if (prune) pruneSeen(store, key, options);
}

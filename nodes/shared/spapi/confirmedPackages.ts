/**
 * Packages this process confirmed on Amazon (key -> tracking number), for the short delay before Amazon's order shows
 * a new package (see confirmShipment.operation.ts). Bounded: an entry expires after `ttlMs` (24 h), and at most
 * `maxEntries` (10,000) are kept, the oldest evicted first. The clock is injected (`now`, default Date.now).
 */
export interface ConfirmedPackagesOptions {
	ttlMs?: number;
	maxEntries?: number;
	now?: () => number;
}

export class ConfirmedPackages {
	readonly ttlMs: number;
	readonly maxEntries: number;
	private readonly now: () => number;
	/** insertion order = confirmation order (set() re-inserts), so the first entry is always the oldest */
	private readonly entries = new Map<string, { trackingNumber: string; at: number }>();

	constructor(options: ConfirmedPackagesOptions = {}) {
		this.ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
		this.maxEntries = Math.max(1, options.maxEntries ?? 10000);
		this.now = options.now ?? (() => Date.now());
	}

	/** The tracking number confirmed for `key`, unless unknown or expired. */
	get(key: string): string | undefined {
		const e = this.entries.get(key);
		if (!e) return undefined;
		if (this.now() - e.at >= this.ttlMs) {
			this.entries.delete(key);
			return undefined;
		}
		return e.trackingNumber;
	}

	set(key: string, trackingNumber: string): void {
		const t = this.now();
		this.entries.delete(key);
		this.entries.set(key, { trackingNumber, at: t });
		for (const [k, e] of this.entries) {
			if (this.entries.size <= this.maxEntries && t - e.at < this.ttlMs) break;
			this.entries.delete(k);
		}
	}

	/** Entries held (expired ones not yet dropped included). */
	get size(): number {
		return this.entries.size;
	}
}

import { sleep } from 'n8n-workflow';

/**
 * Client-side token buckets, one per (endpoint, selling partner, application, operation), shared by every item and
 * every execution in this process (module-level Map), so the node waits instead of being throttled.
 *
 * Reservation model: `acquire()` takes a token immediately, letting the balance go negative, and then sleeps until
 * that debt would have been refilled. Concurrent callers therefore queue up in call order without polling.
 * The rate follows `x-amzn-RateLimit-Limit` (Amazon's current rate for this seller+app+operation); the burst stays
 * at the documented default (Amazon does not send it).
 */
export interface BucketState {
	key: string;
	rate: number;
	burst: number;
	tokens: number;
	/** true once the rate came from an x-amzn-RateLimit-Limit header */
	learned: boolean;
}

type Clock = () => number;
const SAFETY_MS = 2;
let now: Clock = () => Date.now();
let sleeper: (ms: number) => Promise<void> = async (ms) => await sleep(ms);

export class TokenBucket {
	rate: number;
	burst: number;
	tokens: number;
	learned = false;
	private last: number;

	constructor(
		readonly key: string,
		rate: number,
		burst: number,
	) {
		this.rate = rate > 0 ? rate : 1;
		this.burst = burst > 0 ? burst : 1;
		this.tokens = this.burst;
		this.last = now();
	}

	private refill(): void {
		const t = now();
		const elapsed = Math.max(0, t - this.last) / 1000;
		this.last = t;
		this.tokens = Math.min(this.burst, this.tokens + elapsed * this.rate);
	}

	/** ms to wait for `n` tokens if reserved now (0 when available) — does not reserve */
	peekWait(n = 1): number {
		this.refill();
		const missing = n - this.tokens;
		return missing <= 0 ? 0 : Math.ceil((missing / this.rate) * 1000);
	}

	/** Reserve one token and wait until it is ours. Returns the ms waited. */
	async acquire(): Promise<number> {
		this.refill();
		this.tokens -= 1;
		if (this.tokens >= 0) return 0;
		// + SAFETY_MS: timers may fire up to ~1 ms early and our clock has 1 ms steps; without it a caller can arrive
		// when the server's bucket holds 0.99 of a token (observed under load). Costs 2 ms per paced call.
		const wait = Math.ceil((-this.tokens / this.rate) * 1000) + SAFETY_MS;
		await sleeper(wait);
		return wait;
	}

	/** Rate from `x-amzn-RateLimit-Limit`. */
	updateRate(rate: number): void {
		if (!(rate > 0) || !Number.isFinite(rate)) return;
		if (this.learned) {
			this.refill(); // account the time so far at the old rate
		} else {
			// First answer: the server's bucket only started with our first request (which reached it after the LWA
			// token fetch and other set-up), so refill credited since we created ours would put us ahead of it.
			this.last = now();
		}
		this.rate = rate;
		this.learned = true;
	}

	/**
	 * The server said 429: its bucket is empty. Drop ours to zero (keeping already queued reservations) so every
	 * caller of this operation waits at least one refill interval. Returns the ms the caller should wait.
	 */
	throttled(): number {
		this.refill();
		if (this.tokens > 0) this.tokens = 0;
		return Math.ceil((1 / this.rate) * 1000);
	}

	state(): BucketState {
		this.refill();
		return { key: this.key, rate: this.rate, burst: this.burst, tokens: this.tokens, learned: this.learned };
	}
}

const buckets = new Map<string, TokenBucket>();

export function getBucket(key: string, rate: number, burst: number): TokenBucket {
	let b = buckets.get(key);
	if (!b) {
		b = new TokenBucket(key, rate, burst);
		buckets.set(key, b);
	}
	return b;
}

/** Parses `x-amzn-RateLimit-Limit` (a decimal number of requests per second). */
export function parseRateLimitHeader(value: unknown): number | undefined {
	if (value === undefined || value === null) return undefined;
	const n = Number.parseFloat(String(Array.isArray(value) ? value[0] : value));
	return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Test/bench hooks (not used by the nodes). */
export const rateLimiterInternals = {
	reset(): void {
		buckets.clear();
	},
	snapshot(): BucketState[] {
		return [...buckets.values()].map((b) => b.state());
	},
	setClock(clock: Clock | undefined, sleepFn?: (ms: number) => Promise<void>): void {
		now = clock ?? (() => Date.now());
		sleeper = sleepFn ?? (async (ms) => await sleep(ms));
	},
};

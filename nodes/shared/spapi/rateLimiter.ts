import { sleep } from 'n8n-workflow';

/**
 * Client-side token buckets, one per (endpoint, selling partner, application, operation), shared by every item and
 * every execution in this process (module-level Map), so the node waits instead of being throttled.
 *
 * Callers that find the bucket empty wait in a FIFO queue; one timer releases them as tokens refill. Nobody holds a
 * precomputed time slot, so when `x-amzn-RateLimit-Limit` reveals a different live rate (higher after a quota raise,
 * lower than the documented default) the calls already waiting are re-timed at once, both ways.
 *
 * Amazon's bucket is per selling partner + application, not per process: with several n8n processes (queue mode) each
 * process takes `share` of Amazon's rate and burst (1 / "n8n Processes Sharing the Quota" of the credential), so
 * together they stay within the quota. If a 429 still comes (share set too high, another tool on the same app), the
 * process also slows down by `factor` (halved per 429, at most once per refill interval; restored step by step by
 * successful calls), so a wrong setting costs retries, not failed items.
 */
export interface BucketState {
	key: string;
	/** Amazon's rate for the whole selling partner + app (documented default until a header told otherwise) */
	rate: number;
	burst: number;
	/** this process's fraction of Amazon's rate and burst */
	share: number;
	/** backoff after 429s: 1 = none */
	factor: number;
	/** rate this process paces itself to: rate x share x factor */
	effectiveRate: number;
	tokens: number;
	/** callers waiting for a token */
	waiting: number;
	/** requests sent and not answered yet */
	inFlight: number;
	/** true once the rate came from an x-amzn-RateLimit-Limit header */
	learned: boolean;
}

export interface BucketClock {
	now?: () => number;
	/** resolves after `ms`, or rejects early when `signal` aborts */
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Timers may fire up to ~1 ms early and the clock has 1 ms steps: without a margin a caller can reach Amazon when its
 * bucket holds 0.99 of a token (observed under load). */
const SAFETY_MS = 2;
/** The 429 backoff never takes a process below this fraction of its share. */
const MIN_FACTOR = 1 / 32;
/** Successful calls needed to undo one halving of the factor (additive increase). */
const RECOVERY_CALLS = 20;

interface Waiter {
	resolve: (waitedMs: number) => void;
	since: number;
	/** requests this caller sends on the tokens (see acquire) */
	requests: number;
}

export class TokenBucket {
	rate: number;
	readonly burst: number;
	share = 1;
	factor = 1;
	tokens: number;
	learned = false;
	/** requests that took a token and have not been answered yet (see refill()) */
	inFlight = 0;
	/** false until the first answer for this bucket (see answered()) */
	private hasAnswer = false;
	private last: number;
	private readonly waiters: Waiter[] = [];
	private timer: { due: number; abort: AbortController } | undefined;
	/** time of the last 429 cut of `factor` */
	private lastCut = Number.NEGATIVE_INFINITY;
	private readonly now: () => number;
	private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

	constructor(
		readonly key: string,
		rate: number,
		burst: number,
		clock: BucketClock = {},
	) {
		this.now = clock.now ?? (() => performance.now());
		this.sleep = clock.sleep ?? (async (ms, signal) => await sleep(ms, signal));
		this.rate = rate > 0 ? rate : 1;
		this.burst = burst > 0 ? burst : 1;
		this.tokens = this.capacity;
		this.last = this.now();
	}

	/** Requests per second this process allows itself. */
	get effectiveRate(): number {
		return this.rate * this.share * this.factor;
	}

	/** This process's part of the burst (at least one call). */
	get capacity(): number {
		return Math.max(1, this.burst * this.share);
	}

	/**
	 * Adds the tokens refilled since the last call. Tokens of requests still in flight are taken from the cap: such a
	 * request may reach Amazon late (a busy process, a slow network) while Amazon's full bucket drops its refill, so
	 * counting them as spent keeps us from sending more than Amazon's bucket holds when they all arrive.
	 */
	private refill(): void {
		const t = this.now();
		const elapsed = this.hasAnswer ? Math.max(0, t - this.last) / 1000 : 0;
		this.last = t;
		const cap = Math.max(0, this.capacity - this.inFlight);
		if (this.tokens < cap) this.tokens = Math.min(cap, this.tokens + elapsed * this.effectiveRate);
	}

	/**
	 * Tokens a caller of `requests` requests waits for: all of them at once (a caller holding one token while it waits
	 * for the second would keep the bucket's cap down with every other such caller - and wait for ever), never more
	 * than the bucket can hold.
	 */
	private need(requests: number): number {
		return Math.min(requests, this.capacity);
	}

	/**
	 * Wait for a token (`requests` tokens taken together for a caller that sends that many requests back to back, e.g.
	 * the stale token once more and the refreshed one). Returns the ms waited. `first` puts the caller at the head of the
	 * queue (a retry after a 429 has waited longest already).
	 */
	async acquire(first = false, requests = 1): Promise<number> {
		this.refill();
		if (this.waiters.length === 0 && this.tokens >= this.need(requests)) {
			this.tokens -= this.need(requests);
			this.inFlight += requests;
			return 0;
		}
		return await new Promise<number>((resolve) => {
			const waiter = { resolve, since: this.now(), requests };
			if (first) this.waiters.unshift(waiter);
			else this.waiters.push(waiter);
			this.schedule();
		});
	}

	/** Hands out the tokens that have refilled, then sets the timer for the next waiter. */
	private release(): void {
		this.refill();
		const t = this.now();
		while (this.waiters.length > 0 && this.tokens >= this.need(this.waiters[0].requests)) {
			const w = this.waiters.shift() as Waiter;
			this.tokens -= this.need(w.requests);
			this.inFlight += w.requests;
			w.resolve(t - w.since);
		}
		this.schedule();
	}

	/** (Re)arms the single timer for the head of the queue at the current rate; a stale timer is aborted. */
	private schedule(): void {
		if (this.waiters.length === 0 || !this.hasAnswer) {
			this.cancelTimer();
			return;
		}
		const missing = Math.max(0, this.need(this.waiters[0].requests) - this.tokens);
		const wait = Math.ceil((missing / this.effectiveRate) * 1000) + SAFETY_MS;
		const due = this.now() + wait;
		if (this.timer && this.timer.due === due) return;
		this.cancelTimer();
		const timer = { due, abort: new AbortController() };
		this.timer = timer;
		this.sleep(wait, timer.abort.signal).then(
			() => {
				// an n8n-workflow without abortable sleep ends stale timers too: only the current one releases
				if (this.timer !== timer) return;
				this.timer = undefined;
				this.release();
			},
			() => undefined, // aborted: a newer timer took over
		);
	}

	private cancelTimer(): void {
		if (!this.timer) return;
		this.timer.abort.abort();
		this.timer = undefined;
	}

	/**
	 * `requests` answers arrived (every status, also a connection failure), with the rate of the
	 * `x-amzn-RateLimit-Limit` header if there was one: waiting calls are re-timed at the new rate. Until the first answer
	 * the bucket only hands out its burst: Amazon's bucket started with our first request (after the LWA token fetch and
	 * other set-up) at a rate we do not know yet, so the calls beyond the burst wait for that answer instead of leaving
	 * at the documented rate.
	 */
	answered(rate?: number, requests = 1): void {
		this.refill(); // account the time so far at the old rate (nothing before the first answer)
		this.inFlight = Math.max(0, this.inFlight - requests);
		const valid = rate !== undefined && rate > 0 && Number.isFinite(rate);
		const changed = !this.hasAnswer || (valid && rate !== this.rate);
		this.hasAnswer = true;
		if (valid) {
			this.rate = rate;
			this.learned = true;
		}
		if (changed || this.waiters.length > 0) this.schedule();
	}

	/** This process's fraction of the quota (1 / processes sharing it). */
	setShare(share: number): void {
		const s = Number.isFinite(share) && share > 0 ? Math.min(1, share) : 1;
		if (s === this.share) return;
		this.refill();
		this.share = s;
		this.tokens = Math.min(this.tokens, this.capacity);
		this.schedule();
	}

	/** A call went through: undo the 429 backoff step by step. */
	succeeded(): void {
		if (this.factor >= 1) return;
		this.refill();
		this.factor = Math.min(1, this.factor + 0.5 / RECOVERY_CALLS);
	}

	/**
	 * Amazon said 429: its bucket is empty. Drop ours to zero so the next caller waits at least one refill interval,
	 * and halve this process's pace (once per refill interval: a burst of concurrent 429s is one signal).
	 * Returns the ms of one refill interval at the new pace.
	 */
	throttled(): number {
		this.refill();
		this.tokens = Math.min(this.tokens, 0);
		this.hasAnswer = true;
		const t = this.now();
		if (t - this.lastCut >= 1000 / this.effectiveRate) {
			this.factor = Math.max(MIN_FACTOR, this.factor / 2);
			this.lastCut = t;
		}
		this.schedule();
		return Math.ceil(1000 / this.effectiveRate);
	}

	state(): BucketState {
		this.refill();
		return {
			key: this.key,
			rate: this.rate,
			burst: this.burst,
			share: this.share,
			factor: this.factor,
			effectiveRate: this.effectiveRate,
			tokens: this.tokens,
			waiting: this.waiters.length,
			inFlight: this.inFlight,
			learned: this.learned,
		};
	}
}

const buckets = new Map<string, TokenBucket>();

/** The process-wide bucket for `key`, created with the documented rate and burst, set to this process's share. */
export function getBucket(key: string, rate: number, burst: number, share = 1): TokenBucket {
	let b = buckets.get(key);
	if (!b) {
		b = new TokenBucket(key, rate, burst);
		buckets.set(key, b);
	}
	b.setShare(share);
	return b;
}

/** Parses `x-amzn-RateLimit-Limit` (a decimal number of requests per second). */
export function parseRateLimitHeader(value: unknown): number | undefined {
	if (value === undefined || value === null) return undefined;
	const n = Number.parseFloat(String(Array.isArray(value) ? value[0] : value));
	return Number.isFinite(n) && n > 0 ? n : undefined;
}

// @ts-check
'use strict';
/**
 * Token buckets per (selling partner, application, operation), like SP-API's usage plans.
 * Rate/burst come from the models' "Usage Plan" tables (model-ops.json). timeScale multiplies the refill rate.
 */

class RateLimiter {
	/** @param {{timeScale:number, now?:()=>number}} o */
	constructor(o) {
		this.timeScale = o.timeScale;
		this.now = o.now || (() => performance.now());
		/** @type {Map<string,{tokens:number,last:number,rate:number,burst:number}>} */
		this.buckets = new Map();
		/** @type {Record<string,{rate:number,burst:number}>} per-operation overrides (control API) */
		this.overrides = {};
	}
	/** @param {string} opKey @param {number} rate @param {number} burst */
	limits(opKey, rate, burst) {
		const o = this.overrides[opKey];
		return o ? o : { rate, burst };
	}
	/**
	 * Take one token. Returns {ok, rate (scaled, for x-amzn-RateLimit-Limit), retryAfterMs}.
	 * @param {string} seller @param {string} app @param {string} opKey @param {number} rate @param {number} burst
	 */
	take(seller, app, opKey, rate, burst) {
		const lim = this.limits(opKey, rate, burst);
		const scaled = lim.rate * this.timeScale;
		const key = `${seller}|${app}|${opKey}`;
		const t = this.now();
		let b = this.buckets.get(key);
		if (!b) {
			b = { tokens: lim.burst, last: t, rate: scaled, burst: lim.burst };
			this.buckets.set(key, b);
		}
		b.tokens = Math.min(lim.burst, b.tokens + ((t - b.last) / 1000) * scaled);
		b.last = t;
		if (b.tokens >= 1) {
			b.tokens -= 1;
			return { ok: true, rate: scaled, retryAfterMs: 0 };
		}
		return { ok: false, rate: scaled, retryAfterMs: Math.ceil(((1 - b.tokens) / scaled) * 1000) };
	}
	reset() {
		this.buckets.clear();
	}
	snapshot() {
		/** @type {Record<string, {tokens:number, rate:number, burst:number}>} */
		const out = {};
		for (const [k, b] of this.buckets) out[k] = { tokens: Math.round(b.tokens * 1000) / 1000, rate: b.rate, burst: b.burst };
		return out;
	}
}

module.exports = { RateLimiter };

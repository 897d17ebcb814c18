// @ts-check
'use strict';
const crypto = require('node:crypto');

/** Deterministic PRNG (mulberry32) so seed data is identical for a given seed. @param {number} seed */
function rng(seed) {
	let a = seed >>> 0 || 1;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		/** @param {number} lo @param {number} hi inclusive */
		int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
		/** @template T @param {T[]} arr @returns {T} */
		pick: (arr) => arr[Math.floor(next() * arr.length)],
		/** @param {number} p */
		chance: (p) => next() < p,
		/** @param {number} n */
		digits: (n) => Array.from({ length: n }, () => Math.floor(next() * 10)).join(''),
	};
}

const uuid = () => crypto.randomUUID();
/** @param {number} ms */
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** @param {number} n */
const money2 = (n) => (Math.round(n * 100) / 100).toFixed(2);
/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Opaque pagination tokens: base64 of JSON (Amazon's are opaque too). @param {any} o */
const encodeToken = (o) => Buffer.from(JSON.stringify(o)).toString('base64');
/** @param {string} t */
function decodeToken(t) {
	try {
		return JSON.parse(Buffer.from(t, 'base64').toString('utf8'));
	} catch {
		return null;
	}
}
/** @param {any} o */
const clone = (o) => (o === undefined ? undefined : JSON.parse(JSON.stringify(o)));

module.exports = { rng, uuid, iso, money2, sleep, encodeToken, decodeToken, clone };

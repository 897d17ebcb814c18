// @ts-check
'use strict';
/** Helpers shared by operations: pagination tokens bound to the query, marketplace checks. */
const { invalid } = require('../validate');
const { encodeToken, decodeToken } = require('../util');
const { MP_BY_ID } = require('../seed');

/**
 * Page `list` with an opaque token bound to `fingerprint` (other parameters must repeat, as Amazon requires).
 * @param {any[]} list @param {number} size @param {string|undefined} token @param {string} fingerprint @param {string} name token parameter name (for messages)
 * @param {number} [ttlMs] token lifetime
 */
function paginate(list, size, token, fingerprint, name, ttlMs = 24 * 3600 * 1000) {
	let offset = 0;
	if (token) {
		const t = decodeToken(token);
		if (!t || typeof t.o !== 'number' || t.f !== fingerprint) throw invalid(`Invalid ${name}.`, `The ${name} is not valid for this request; repeat the original query parameters.`);
		if (Date.now() > t.e) throw invalid(`${name} has expired.`, `The ${name} is expired.`);
		offset = t.o;
	}
	const page = list.slice(offset, offset + size);
	const next = offset + size < list.length ? encodeToken({ o: offset + size, f: fingerprint, e: Date.now() + ttlMs }) : undefined;
	return { page, next };
}

/** @param {string[]|undefined} ids @param {string} name */
function checkMarketplaces(ids, name) {
	for (const id of ids || []) if (!MP_BY_ID[id]) throw invalid(`Invalid ${name}: ${id}`, `${id} is not a marketplace this seller participates in.`);
}

/** @param {Record<string, any>} params @param {string[]} ignore */
const fingerprint = (params, ignore) =>
	JSON.stringify(
		Object.keys(params)
			.filter((k) => !ignore.includes(k))
			.sort()
			.map((k) => [k, params[k]]),
	);

module.exports = { paginate, checkMarketplaces, fingerprint };

// @ts-check
/**
 * Running MI transactions in the M3 simulator (the HTTP front, server.js, shapes the answers): the handlers per
 * program (transactions/*.js), call options (v2 query / v1 matrix parameters), input validation and output rendering
 * from the contract, the rows a call may return (maxrecs, listCap) and the rows it read (state.rowsRead).
 */
'use strict';

const { MIError, errors } = require('./errors');
const { getTransaction, validateInput, renderRecord } = require('./contract');

/** @typedef {import('./state').State} State */

/**
 * What a transaction handler gets (createTxContext).
 * @typedef {{ state: State, input: Record<string, string>, def: import('./contract').TrnDef, user: string,
 *   sim: { confirmErrors: string }, rows: number, counted: boolean, read: (n?: number) => void }} TxContext
 */

/** Handlers per program: { [transaction]: (ctx: TxContext) => record | record[] | void } */
/** @type {Record<string, Record<string, any>>} */
const HANDLERS = {
	CRS610MI: require('./transactions/CRS610MI'),
	MMS200MI: require('./transactions/MMS200MI'),
	MMS025MI: require('./transactions/MMS025MI'),
	OIS100MI: require('./transactions/OIS100MI'),
	OIS275MI: require('./transactions/OIS275MI'),
	MWS410MI: require('./transactions/MWS410MI'),
	MWS411MI: require('./transactions/MWS411MI'),
	MWS423MI: require('./transactions/MWS423MI'),
	GLS840MI: require('./transactions/GLS840MI'),
	CUSEXTMI: require('./transactions/CUSEXTMI'),
	MRS001MI: require('./transactions/MRS001MI'),
	OIS017MI: require('./transactions/OIS017MI'),
	EXPORTMI: require('./transactions/EXPORTMI'),
	OIS390MI: require('./transactions/OIS390MI'),
};

const DEFAULT_MAXRECS = 100; // the REST API's default when maxrecs is not given

/**
 * @typedef {{ cono?: string, divi?: string, maxrecs: number, returncols: string[] | null, excludeempty: boolean,
 *   righttrim: boolean, dateformat: string, format: string, extendedresult: boolean, metadata: boolean }} CallOptions
 */

/** @param {string | null | undefined} v @param {boolean} dflt */
const bool = (v, dflt) => (v === null || v === undefined || v === '' ? dflt : /^(true|1|yes)$/i.test(String(v)));

/**
 * Options from v2 query parameters (lower case) or v1 matrix parameters.
 * @param {Record<string, string>} p
 * @param {{ righttrim: boolean }} dflt
 * @returns {CallOptions}
 */
function parseOptions(p, dflt) {
	const maxrecs = p.maxrecs !== undefined && p.maxrecs !== '' ? Number(p.maxrecs) : DEFAULT_MAXRECS;
	return {
		cono: p.cono || undefined,
		divi: p.divi || undefined,
		maxrecs: Number.isFinite(maxrecs) && maxrecs >= 0 ? maxrecs : DEFAULT_MAXRECS,
		returncols: p.returncols ? p.returncols.split(',').map((s) => s.trim()).filter(Boolean) : null,
		// v1 spells it "excludempty" (§1.2); accept both everywhere
		excludeempty: bool(p.excludeempty !== undefined ? p.excludeempty : p.excludempty, false),
		righttrim: bool(p.righttrim, dflt.righttrim),
		dateformat: (p.dateformat || 'YMD8').toUpperCase(),
		format: (p.format || 'PRETTY').toUpperCase(),
		extendedresult: bool(p.extendedresult, false),
		metadata: bool(p.metadata, false),
	};
}

/**
 * Runs one MI transaction. Returns rendered records or an MIError; never throws MI errors.
 * @param {any} sim runtime @param {string} pgm @param {string} trn @param {Record<string, unknown>} rawInput
 * @param {CallOptions} opts @param {{ user: string, authFailure: boolean }} call
 * @returns {{ trn: string, def?: import('./contract').TrnDef, records: Record<string, string>[], error: MIError | null, input: Record<string, unknown> }}
 */
function executeOne(sim, pgm, trn, rawInput, opts, call) {
	const state = sim.state;
	state.requestCounts[`${pgm}/${trn}`] = (state.requestCounts[`${pgm}/${trn}`] || 0) + 1;
	/** @type {import('./contract').TrnDef | undefined} */
	let def;
	try {
		def = getTransaction(pgm, trn);
		const inputCono = rawInput.CONO !== undefined && String(rawInput.CONO).trim() !== '' ? String(Number(rawInput.CONO)) : undefined;
		const cono = opts.cono || inputCono;
		if (call.authFailure) throw errors.notAuthorised(cono || state.cono);
		if ((opts.cono && opts.cono !== state.cono) || (inputCono && inputCono !== state.cono)) throw errors.notAuthorised(/** @type {string} */ (cono));
		if (opts.divi && opts.divi !== state.divi) {
			throw new MIError(`Not authorized for division ${opts.divi}`, { code: 'XAU0008', field: 'DIVI' });
		}
		const handler = HANDLERS[pgm] && HANDLERS[pgm][trn];
		if (!def.implemented || !handler) {
			throw new MIError(`Transaction ${pgm}/${trn} is not implemented by the M3 simulator`, { code: 'SIM0001' });
		}
		const input = validateInput(def, rawInput, { dateformat: opts.dateformat });
		const ctx = createTxContext(sim, input, def, call.user);
		const rows = takeRows(handler(ctx), listLimit(sim, def, opts));
		const d = def;
		const records = rows.map((r) => renderRecord(d, r, opts));
		return { trn, def, records, error: null, input: rawInput, rowsRead: ctx.counted ? ctx.rows : rows.length };
	} catch (e) {
		if (e instanceof MIError) return { trn, def, records: [], error: e, input: rawInput, rowsRead: 0 };
		throw e;
	}
}

/**
 * What a handler gets. `read(n)` counts rows the transaction examined (index entries, records filtered out);
 * a handler that never calls it is taken to have read exactly the rows it returned.
 * @param {any} sim @param {Record<string, string>} input @param {import('./contract').TrnDef} def @param {string} user
 */
function createTxContext(sim, input, def, user) {
	return {
		state: sim.state, input, def, user, sim: { confirmErrors: sim.options.confirmErrors }, rows: 0, counted: false,
		/** @param {number} [n] */
		read(n = 1) {
			this.rows += n;
			this.counted = true;
		},
	};
}

/**
 * Rows a call may return: 1 for single-record transactions; maxrecs (the REST default is 100), and for maxrecs=0
 * ("unlimited") the simulator's record cap `listCap` (0 = none).
 * @param {any} sim @param {import('./contract').TrnDef} def @param {CallOptions} opts
 */
function listLimit(sim, def, opts) {
	if (!def.multipleOutput) return 1;
	if (opts.maxrecs > 0) return opts.maxrecs;
	return sim.options.listCap > 0 ? sim.options.listCap : Infinity;
}

/**
 * A handler returns a record, an array, or an iterator (lists over large tables): an iterator is read only up to
 * the limit, so a capped list stops reading where M3 would.
 * @param {unknown} result @param {number} limit @returns {any[]}
 */
function takeRows(result, limit) {
	if (result === undefined || result === null) return [];
	if (Array.isArray(result)) return result.length > limit ? result.slice(0, limit) : result;
	const it = /** @type {any} */ (result);
	if (typeof it.next === 'function' && typeof it[Symbol.iterator] === 'function') {
		const rows = [];
		if (limit <= 0) return rows;
		for (const r of it) {
			rows.push(r);
			if (rows.length >= limit) break;
		}
		return rows;
	}
	return [result];
}

/**
 * Counts the rows one MI request read (all items of a bulk request together).
 * @param {any} sim @param {string} api @param {string} pgm @param {Array<{ trn: string, rowsRead: number }>} results
 */
function countRows(sim, api, pgm, results) {
	const rr = sim.state.rowsRead;
	let rows = 0;
	for (const r of results) {
		rows += r.rowsRead;
		const k = `${pgm}/${r.trn}`;
		rr.byTransaction[k] = (rr.byTransaction[k] || 0) + r.rowsRead;
	}
	rr.total += rows;
	rr.requests++;
	rr.maxPerRequest = Math.max(rr.maxPerRequest, rows);
	rr.recent.push({ api, program: pgm, transactions: results.map((r) => r.trn).join(',').slice(0, 200), rows });
	if (rr.recent.length > 200) rr.recent.splice(0, rr.recent.length - 200);
}

module.exports = { HANDLERS, parseOptions, executeOne, takeRows, countRows };

// @ts-check
/**
 * The MI contract the simulator enforces, from contract.json (generated from the shared catalogue by
 * scripts/gen-m3-contract.js): program/transaction existence, mandatory inputs, lengths, N and D types,
 * and the output field list (every output field is returned, as M3 does, values as strings).
 */
'use strict';

const { MIError } = require('./errors');
/** @type {{ programs: Record<string, { description: string, transactions: Record<string, any> }> }} */
const contract = require('./contract.json');

/**
 * @typedef {{ name: string, type: string, length: number | null, required: boolean, description: string }} InField
 * @typedef {{ name: string, type: string, length: number | null, description: string }} OutField
 * @typedef {{ program: string, name: string, description: string, multipleOutput: boolean, implemented: boolean,
 *   inputs: InField[], outputs: OutField[] }} TrnDef
 */

/** @param {string} pgm @param {string} trn @returns {TrnDef} throws MIError when unknown */
function getTransaction(pgm, trn) {
	const p = contract.programs[pgm];
	// Names are case-sensitive in M3 (OIS100MI, AddBatchHead).
	if (!p) throw new MIError(`Program ${pgm} not found`, { type: 'TransactionNotFound', code: '' });
	const t = p.transactions[trn];
	if (!t) throw new MIError(`Transaction ${trn} not found in program ${pgm}`, { type: 'TransactionNotFound', code: '' });
	return { program: pgm, name: trn, inputs: [], outputs: [], ...t };
}

/** Valid calendar date? @param {number} y @param {number} m @param {number} d */
function isDate(y, m, d) {
	if (m < 1 || m > 12 || d < 1) return false;
	const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return d <= dim;
}

/**
 * Parses an input date in the request's dateformat into YYYYMMDD, or null if invalid.
 * @param {string} v @param {string} fmt YMD8 | YMD6 | MDY6 | DMY6 | YWD5
 */
function parseDate(v, fmt) {
	/** @param {number} yy */
	const century = (yy) => (yy < 70 ? 2000 + yy : 1900 + yy);
	let y;
	let m;
	let d;
	if (fmt === 'YMD8' || !fmt) {
		if (!/^\d{8}$/.test(v)) return null;
		[y, m, d] = [+v.slice(0, 4), +v.slice(4, 6), +v.slice(6, 8)];
	} else if (/^(YMD6|MDY6|DMY6)$/.test(fmt)) {
		if (!/^\d{6}$/.test(v)) return null;
		const a = +v.slice(0, 2);
		const b = +v.slice(2, 4);
		const c = +v.slice(4, 6);
		if (fmt === 'YMD6') [y, m, d] = [century(a), b, c];
		else if (fmt === 'MDY6') [y, m, d] = [century(c), a, b];
		else [y, m, d] = [century(c), b, a];
	} else {
		return null; // YWD5 input is not supported by the simulator
	}
	if (!isDate(y, m, d)) return null;
	return `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}

/** YYYYMMDD -> requested output dateformat. @param {string} v @param {string} fmt */
function formatDate(v, fmt) {
	if (!v || !/^\d{8}$/.test(v) || !fmt || fmt === 'YMD8') return v;
	const [yyyy, mm, dd] = [v.slice(0, 4), v.slice(4, 6), v.slice(6, 8)];
	const yy = yyyy.slice(2);
	if (fmt === 'YMD6') return yy + mm + dd;
	if (fmt === 'MDY6') return mm + dd + yy;
	if (fmt === 'DMY6') return dd + mm + yy;
	if (fmt === 'YWD5') {
		const date = new Date(Date.UTC(+yyyy, +mm - 1, +dd));
		const day = date.getUTCDay() || 7; // ISO week
		date.setUTCDate(date.getUTCDate() + 4 - day);
		const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
		const week = Math.ceil(((date.getTime() - yearStart) / 86400000 + 1) / 7);
		return String(date.getUTCFullYear()).slice(2) + String(week).padStart(2, '0') + String(day);
	}
	return v;
}

/**
 * Checks one transaction's input against the contract, in field order like M3 (first failing field wins).
 * Returns the input record with values trimmed, unknown fields dropped and dates as YYYYMMDD.
 * @param {TrnDef} def @param {Record<string, unknown>} input @param {{ dateformat?: string }} [opts]
 * @returns {Record<string, string>}
 */
const POSITIONAL = new Set(['PARM']);

function validateInput(def, input, opts = {}) {
	/** @type {Record<string, string>} */
	const out = {};
	for (const f of def.inputs) {
		const raw = input[f.name];
		// a positional record (GLS840MI PARM) keeps its leading blanks: they are empty fields
		const text = raw === undefined || raw === null ? '' : String(raw);
		const value = POSITIONAL.has(f.name) ? (text.trim() === '' ? '' : text.replace(/\s+$/, '')) : text.trim();
		if (value === '') {
			if (f.required) {
				throw new MIError(`${f.description} must be entered`, {
					type: 'MandatoryInputFieldNotFound', code: `W${f.name}02`, field: f.name,
				});
			}
			continue;
		}
		if (f.type === 'N') {
			if (!/^[-+]?\d*\.?\d+$/.test(value) && !/^[-+]?\d+\.$/.test(value)) {
				throw new MIError(`${f.description} ${value} is invalid, numeric value expected`, { code: `W${f.name}01`, field: f.name });
			}
			const digits = value.replace(/[^0-9]/g, '').replace(/^0+(?=\d)/, '');
			if (f.length !== null && digits.length > f.length) {
				throw new MIError(`Input field ${f.name} is too long, max ${f.length} digits`, {
					type: 'InputFieldTooLong', code: `W${f.name}01`, field: f.name,
				});
			}
			out[f.name] = value;
		} else if (f.type === 'D') {
			const d = parseDate(value, opts.dateformat || 'YMD8');
			if (!d) throw new MIError(`${f.description} ${value} is invalid`, { code: `W${f.name}01`, field: f.name });
			out[f.name] = d;
		} else {
			if (f.length !== null && value.length > f.length) {
				throw new MIError(`Input field ${f.name} is too long, max ${f.length} characters`, {
					type: 'InputFieldTooLong', code: `W${f.name}01`, field: f.name,
				});
			}
			out[f.name] = value;
		}
	}
	return out;
}

/**
 * @typedef {{ righttrim?: boolean, excludeempty?: boolean, dateformat?: string, returncols?: string[] | null }} OutOpts
 */

/**
 * Renders one output record: every output field of the transaction (missing -> ""), as strings,
 * dates in dateformat, padded to the field length unless right-trimmed.
 * @param {TrnDef} def @param {Record<string, unknown>} rec @param {OutOpts} opts
 * @returns {Record<string, string>}
 */
function renderRecord(def, rec, opts) {
	/** @type {Record<string, string>} */
	const out = {};
	const cols = opts.returncols && opts.returncols.length ? new Set(opts.returncols) : null;
	for (const f of def.outputs) {
		if (cols && !cols.has(f.name)) continue;
		const raw = rec[f.name];
		let v = raw === undefined || raw === null ? '' : String(raw);
		if (f.type === 'D') v = formatDate(v, opts.dateformat || 'YMD8');
		if (opts.excludeempty && v.trim() === '') continue;
		out[f.name] = opts.righttrim === false && f.length ? v.padEnd(f.length, ' ') : v.replace(/\s+$/, '');
	}
	return out;
}

/** All catalogued programs (for MRS001MI). */
function programs() {
	return /** @type {Record<string, {description: string, transactions: Record<string, any>}>} */ (contract.programs);
}

module.exports = { getTransaction, validateInput, renderRecord, parseDate, formatDate, programs, contract };

// @ts-check
'use strict';
/**
 * Request validation driven by the models (model-ops.json): parameter presence, type, enum, bounds,
 * maxItems, date-time format; request bodies against the model's JSON schema (ajv).
 */
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats').default;

class ApiError extends Error {
	/** @param {number} status @param {string} code @param {string} message @param {string} [details] @param {Record<string,string>} [headers] */
	constructor(status, code, message, details, headers) {
		super(message);
		this.status = status;
		this.code = code;
		this.details = details;
		this.headers = headers;
	}
	body() {
		/** @type {any} */
		const e = { code: this.code, message: this.message };
		if (this.details !== undefined) e.details = this.details;
		return { errors: [e] };
	}
}
/** @param {string} message @param {string} [details] */
const invalid = (message, details = '') => new ApiError(400, 'InvalidInput', message, details);
/** @param {string} message */
const notFound = (message) => new ApiError(404, 'NotFound', message, '');

const ISO_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** @param {string} s */
const isIsoDate = (s) => ISO_RE.test(s) && !Number.isNaN(Date.parse(s));

const ajv = new Ajv({ allErrors: false, strict: false, validateFormats: true });
addFormats(ajv);
/** @type {WeakMap<object, import('ajv').ValidateFunction>} */
const compiled = new WeakMap();

/**
 * @param {any} op model-ops entry
 * @param {Record<string,string>} pathParams
 * @param {URLSearchParams} search
 * @param {Record<string,string|string[]|undefined>} headers
 * @returns {Record<string, any>}
 */
function parseParams(op, pathParams, search, headers) {
	/** @type {Record<string, any>} */
	const out = {};
	for (const p of op.params) {
		let raw;
		if (p.in === 'path') raw = pathParams[p.name];
		else if (p.in === 'header') raw = headers[p.name.toLowerCase()];
		else if (p.in === 'query') {
			const all = search.getAll(p.name);
			raw = all.length ? all.join(',') : undefined; // Amazon: arrays comma-joined; repeated keys tolerated
		}
		if (raw === undefined || raw === '') {
			if (p.required) throw invalid(`Missing required parameter: ${p.name}`, `${p.name} is required.`);
			continue;
		}
		const s = p.schema || {};
		let v = /** @type {any} */ (raw);
		if (s.type === 'array') {
			v = String(raw)
				.split(',')
				.map((x) => x.trim())
				.filter(Boolean);
			if (s.maxItems && v.length > s.maxItems) throw invalid(`${p.name} accepts at most ${s.maxItems} values.`, `${p.name} has ${v.length} values.`);
			if (s.minItems && v.length < s.minItems) throw invalid(`${p.name} needs at least ${s.minItems} values.`);
			const en = s.items && s.items.enum;
			if (en) for (const x of v) if (!en.includes(x)) throw invalid(`Invalid value for ${p.name}: ${x}`, `Allowed values: ${en.join(', ')}`);
		} else if (s.type === 'integer' || s.type === 'number') {
			if (!/^-?\d+(\.\d+)?$/.test(String(raw)) || (s.type === 'integer' && !/^-?\d+$/.test(String(raw)))) throw invalid(`${p.name} must be ${s.type === 'integer' ? 'an integer' : 'a number'}.`, `Got ${raw}`);
			v = Number(raw);
			if (s.maximum !== undefined && v > s.maximum) throw invalid(`${p.name} must be less than or equal to ${s.maximum}.`, `Got ${v}`);
			if (s.minimum !== undefined && v < s.minimum) throw invalid(`${p.name} must be greater than or equal to ${s.minimum}.`, `Got ${v}`);
		} else if (s.type === 'boolean') {
			if (!['true', 'false'].includes(String(raw))) throw invalid(`${p.name} must be true or false.`);
			v = raw === 'true';
		} else {
			v = String(raw);
			if (s.enum && !s.enum.includes(v)) throw invalid(`Invalid value for ${p.name}: ${v}`, `Allowed values: ${s.enum.join(', ')}`);
			if (s.format === 'date-time' && !isIsoDate(v)) throw invalid(`${p.name} must be an ISO 8601 date-time.`, `Got ${v}`);
			if (s.maxLength && v.length > s.maxLength) throw invalid(`${p.name} is longer than ${s.maxLength} characters.`);
		}
		out[p.name] = v;
	}
	return out;
}

/** @param {any} op @param {any} body parsed JSON (undefined if none) */
function validateBody(op, body) {
	if (!op.body) return;
	if (body === undefined) {
		if (op.body.required) throw invalid('Request body is required.', 'The request body is missing or is not valid JSON.');
		return;
	}
	let fn = compiled.get(op.body.schema);
	if (!fn) {
		fn = ajv.compile(op.body.schema);
		compiled.set(op.body.schema, fn);
	}
	if (!fn(body)) {
		const e = (fn.errors || [])[0];
		const where = e ? (e.instancePath || '/').replace(/^\//, '').replace(/\//g, '.') || 'body' : 'body';
		throw invalid(`Invalid request body: ${where} ${e ? e.message : ''}`.trim(), e ? JSON.stringify(e.params) : '');
	}
}

/**
 * "*Before" dates must be at least 2 minutes in the past (scaled by timeScale).
 * @param {string|undefined} v @param {string} name @param {number} timeScale
 */
function checkBefore(v, name, timeScale) {
	if (!v) return;
	const lagMs = 120000 / timeScale;
	if (Date.parse(v) > Date.now() - lagMs)
		throw invalid(`${name} must be a date at least 2 minutes before the current time.`, `${name}=${v}`);
}
/** @param {string|undefined} v @param {string} name */
function checkDate(v, name) {
	if (v !== undefined && !isIsoDate(v)) throw invalid(`${name} must be an ISO 8601 date-time.`, `Got ${v}`);
}

module.exports = { ApiError, invalid, notFound, parseParams, validateBody, checkBefore, checkDate, isIsoDate };

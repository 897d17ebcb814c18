// @ts-check
'use strict';
/**
 * Locates and loads the official SP-API models for the conformance suite.
 * Default: <repo root>/../shared/spapi-models; override with SPAPI_MODELS_DIR (read here because .ts tests may not use process).
 * Missing folder -> modelsDir() throws with a clear message, so every conformance test fails loudly.
 */
const fs = require('node:fs');
const path = require('node:path');
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats').default;
const { toJsonSchema } = require('../../simulators/spapi/swagger2jsonschema');

const REPO_ROOT = path.resolve(__dirname, '../..');
const FILE_BY_API = {
	orders2026: 'orders_2026-01-01.json',
	ordersV0: 'ordersV0.json',
	feeds: 'feeds_2021-06-30.json',
	listings: 'listingsItems_2021-08-01.json',
	fbaInventory: 'fbaInventory.json',
	finances2024: 'finances_2024-06-19.json',
	financesV0: 'financesV0.json',
	notifications: 'notifications.json',
	sellers: 'sellers.json',
	tokens: 'tokens_2021-03-01.json',
	definitions: 'definitionsProductTypes_2020-09-01.json',
	reports: 'reports_2021-06-30.json',
};

function modelsDir() {
	const dir = process.env.SPAPI_MODELS_DIR ? path.resolve(process.env.SPAPI_MODELS_DIR) : path.resolve(REPO_ROOT, '../shared/spapi-models');
	if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
		throw new Error(`SP-API models folder not found: ${dir}. The conformance suite needs the official models (amzn/selling-partner-api-models) there, or set SPAPI_MODELS_DIR.`);
	const missing = Object.values(FILE_BY_API).filter((f) => !fs.existsSync(path.join(dir, f)));
	if (missing.length) throw new Error(`SP-API models folder ${dir} is incomplete; missing: ${missing.join(', ')}`);
	return dir;
}

/** @type {Map<string, any>} */
const cache = new Map();
/** @param {string} file */
function loadJson(file) {
	const p = path.join(modelsDir(), file);
	if (!cache.has(p)) {
		if (!fs.existsSync(p)) throw new Error(`Model file missing: ${p}`);
		cache.set(p, JSON.parse(fs.readFileSync(p, 'utf8')));
	}
	return cache.get(p);
}
/** @param {string} api */
const modelFor = (api) => loadJson(/** @type {any} */ (FILE_BY_API)[api]);

function newAjv() {
	const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
	addFormats(ajv);
	return ajv;
}

/** Find the swagger operation object for a simulator op key ("api.operationId"). @param {string} key */
function findOperation(key) {
	const [api, operationId] = key.split('.');
	const model = modelFor(api);
	for (const [p, item] of Object.entries(model.paths))
		for (const [method, op] of Object.entries(/** @type {Record<string, any>} */ (item))) if (op && op.operationId === operationId) return { api, model, path: p, method: method.toUpperCase(), op };
	throw new Error(`operation ${key} not in ${/** @type {any} */ (FILE_BY_API)[api]}`);
}

/** @type {Map<string, import('ajv').ValidateFunction>} */
const validators = new Map();
/**
 * Validator for the response body of `key` at HTTP `status` (null if the model declares no schema for it).
 * @param {string} key @param {number} status
 */
function responseValidator(key, status) {
	const id = `${key}#${status}`;
	if (validators.has(id)) return validators.get(id);
	const { model, op } = findOperation(key);
	const resp = op.responses[String(status)] || op.responses.default;
	if (!resp) throw new Error(`${key}: the model declares no response for HTTP ${status}`);
	const v = resp.schema ? newAjv().compile(toJsonSchema(model, resp.schema)) : null;
	validators.set(id, /** @type {any} */ (v));
	return v;
}

/**
 * Keys the simulator sent that the model does not declare (typos/casing would otherwise pass, since the models
 * rarely say additionalProperties:false). Returns JSON paths like "/orders/0/salesChannel/marketplaceid".
 * @param {string} key @param {number} status @param {any} body
 */
function undeclaredFields(key, status, body) {
	const { model, op } = findOperation(key);
	const resp = op.responses[String(status)] || op.responses.default;
	if (!resp || !resp.schema) return [];
	const root = toJsonSchema(model, resp.schema);
	const defs = root.definitions || {};
	/** @param {any} sch */
	const resolve = (sch) => {
		let x = sch;
		for (let i = 0; x && x.$ref && i < 20; i++) x = defs[x.$ref.replace('#/definitions/', '')];
		return x || {};
	};
	/** collect declared properties through allOf/anyOf/oneOf. @param {any} sch @returns {{props: Record<string, any>|null, open: boolean}} */
	const shape = (sch) => {
		const x = resolve(sch);
		/** @type {Record<string, any>|null} */
		let props = x.properties ? { ...x.properties } : null;
		let open = !x.properties || x.additionalProperties === true || typeof x.additionalProperties === 'object';
		for (const k of ['allOf', 'anyOf', 'oneOf'])
			for (const sub of x[k] || []) {
				const r = shape(sub);
				if (r.props) props = { ...(props || {}), ...r.props };
				open = open && r.open;
			}
		if (props && x.additionalProperties === undefined && !x.properties && !(x.allOf || x.anyOf || x.oneOf)) open = true;
		return { props, open: props ? open && !!x.additionalProperties : true };
	};
	/** @type {string[]} */
	const out = [];
	/** @param {any} v @param {any} sch @param {string} at */
	const walk = (v, sch, at) => {
		const x = resolve(sch);
		if (Array.isArray(v)) {
			const items = x.items || (x.allOf || []).map(resolve).find((/** @type {any} */ y) => y.items)?.items;
			if (items) v.forEach((it, i) => walk(it, items, `${at}/${i}`));
			return;
		}
		if (!v || typeof v !== 'object') return;
		const { props, open } = shape(x);
		if (!props) return;
		for (const [k, val] of Object.entries(v)) {
			if (props[k]) walk(val, props[k], `${at}/${k}`);
			else if (!open) out.push(`${at}/${k}`);
		}
	};
	walk(body, root, '');
	return out;
}

/** A plain JSON Schema file from the models folder (notification/feed schemas), $id stripped (two share example.com). @param {string} file */
function jsonSchemaValidator(file) {
	const s = JSON.parse(JSON.stringify(loadJson(file)));
	delete s.$id;
	delete s.$schema;
	return newAjv().compile(s);
}

/** Every x-amzn-api-sandbox static case of an operation: [{status, index, request, response}]. @param {string} key */
function sandboxCases(key) {
	const { op } = findOperation(key);
	const out = [];
	for (const [code, r] of Object.entries(/** @type {Record<string, any>} */ (op.responses))) {
		const sb = r['x-amzn-api-sandbox'];
		if (!sb || !sb.static) continue;
		sb.static.forEach((/** @type {any} */ c, /** @type {number} */ i) => out.push({ status: Number(code), index: i, request: c.request || {}, response: c.response }));
	}
	return out;
}

module.exports = { modelsDir, loadJson, modelFor, findOperation, responseValidator, undeclaredFields, jsonSchemaValidator, sandboxCases, FILE_BY_API };

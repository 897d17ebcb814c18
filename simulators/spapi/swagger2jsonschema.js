// @ts-check
'use strict';
/**
 * Swagger 2.0 schema -> JSON Schema (draft-07) for ajv. Used by the model generator
 * (request-body validation in the simulator) and by the conformance suite (response validation).
 * Keeps `#/definitions/X` refs (closure copied into `definitions`), drops `x-*` and doc-only keys,
 * drops formats ajv-formats does not know (swagger's int32/int64/double/...).
 */

const KNOWN_FORMATS = new Set(['date-time', 'date', 'time', 'uri', 'email', 'uuid', 'ipv4', 'ipv6', 'hostname']);
const DROP = new Set(['example', 'examples', 'discriminator', 'readOnly', 'xml', 'externalDocs', 'collectionFormat', 'in', 'name', 'allowEmptyValue']);

/** @param {any} s @param {Set<string>} refs */
function convert(s, refs) {
	if (Array.isArray(s)) return s.map((x) => convert(x, refs));
	if (!s || typeof s !== 'object') return s;
	/** @type {Record<string, any>} */
	const out = {};
	for (const [k, v] of Object.entries(s)) {
		if (k.startsWith('x-') || DROP.has(k)) continue;
		if (k === '$ref' && typeof v === 'string') {
			const name = v.replace(/^#\/definitions\//, '');
			refs.add(name);
			out.$ref = '#/definitions/' + name;
			continue;
		}
		if (k === 'format' && !KNOWN_FORMATS.has(v)) continue;
		if (k === 'properties' || k === 'definitions') {
			/** @type {Record<string, any>} */
			const p = {};
			for (const [pk, pv] of Object.entries(v || {})) p[pk] = convert(pv, refs);
			out[k] = p;
			continue;
		}
		if (k === 'type' && v === 'file') {
			out.type = 'string';
			continue;
		}
		out[k] = typeof v === 'object' ? convert(v, refs) : v;
	}
	return out;
}

/**
 * Build a self-contained JSON Schema for `schema` (a swagger schema object, usually {$ref}) within `model`.
 * @param {any} model swagger document
 * @param {any} schema
 */
function toJsonSchema(model, schema) {
	/** @type {Set<string>} */
	const refs = new Set();
	const root = convert(schema, refs);
	/** @type {Record<string, any>} */
	const defs = {};
	const queue = [...refs];
	while (queue.length) {
		const name = /** @type {string} */ (queue.shift());
		if (defs[name]) continue;
		const d = model.definitions && model.definitions[name];
		if (!d) throw new Error(`unresolved $ref #/definitions/${name}`);
		const local = new Set();
		defs[name] = convert(d, local);
		for (const r of local) if (!defs[r]) queue.push(r);
	}
	return { ...root, definitions: defs };
}

/** Swagger 2 non-body parameter -> JSON schema for its (parsed) value. @param {any} p */
function paramSchema(p) {
	/** @type {Set<string>} */
	const refs = new Set();
	const { required, description, ...rest } = p;
	void required;
	void description;
	return convert(rest, refs);
}

module.exports = { toJsonSchema, paramSchema, convert };

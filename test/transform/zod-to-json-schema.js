// Small zod (3.25 API) -> JSON Schema (draft-07) converter for the constructs the canonical model uses:
// object, string (regex, min, max, datetime), number (int, min, max), boolean, literal, enum, array (min, max),
// optional, nullable, record, union, describe(). Anything else throws, so the model cannot silently drift.
'use strict';

function convert(schema) {
	const def = schema._def;
	const out = {};
	switch (def.typeName) {
		case 'ZodObject': {
			const shape = def.shape();
			out.type = 'object';
			out.properties = {};
			const required = [];
			for (const [key, value] of Object.entries(shape)) {
				out.properties[key] = convert(value);
				if (!value.isOptional()) required.push(key);
			}
			if (required.length) out.required = required;
			if (def.unknownKeys === 'strict') out.additionalProperties = false;
			break;
		}
		case 'ZodString': {
			out.type = 'string';
			for (const c of def.checks) {
				if (c.kind === 'regex') out.pattern = c.regex.source;
				else if (c.kind === 'min') out.minLength = c.value;
				else if (c.kind === 'max') out.maxLength = c.value;
				else if (c.kind === 'datetime') out.format = 'date-time';
				else throw new Error(`unsupported string check ${c.kind}`);
			}
			break;
		}
		case 'ZodNumber': {
			out.type = 'number';
			for (const c of def.checks) {
				if (c.kind === 'int') out.type = 'integer';
				else if (c.kind === 'min') out[c.inclusive ? 'minimum' : 'exclusiveMinimum'] = c.value;
				else if (c.kind === 'max') out[c.inclusive ? 'maximum' : 'exclusiveMaximum'] = c.value;
				else throw new Error(`unsupported number check ${c.kind}`);
			}
			break;
		}
		case 'ZodBoolean':
			out.type = 'boolean';
			break;
		case 'ZodLiteral':
			out.const = def.value;
			out.type = typeof def.value;
			break;
		case 'ZodEnum':
			out.type = 'string';
			out.enum = [...def.values];
			break;
		case 'ZodArray':
			out.type = 'array';
			out.items = convert(def.type);
			if (def.minLength) out.minItems = def.minLength.value;
			if (def.maxLength) out.maxItems = def.maxLength.value;
			break;
		case 'ZodOptional':
			Object.assign(out, convert(def.innerType));
			break;
		case 'ZodNullable':
			out.anyOf = [convert(def.innerType), { type: 'null' }];
			break;
		case 'ZodRecord':
			out.type = 'object';
			out.additionalProperties = convert(def.valueType);
			break;
		case 'ZodUnion':
			out.anyOf = def.options.map(convert);
			break;
		default:
			throw new Error(`unsupported zod type ${def.typeName}`);
	}
	if (schema.description) out.description = schema.description;
	return out;
}

/** JSON Schema document for one canonical entity. */
function toJsonSchema(name, schema) {
	return {
		$schema: 'http://json-schema.org/draft-07/schema#',
		$id: `https://github.com/n8n-nodes-m3-amazon/n8n-nodes-m3-amazon/docs/canonical/${name}.schema.json`,
		title: `Canonical ${name} (canonicalVersion 1)`,
		...convert(schema),
	};
}

/** { '<Name>.schema.json': '<json text>\n' } for every entity of canonicalSchemas. */
function generateSchemaFiles(canonicalSchemas) {
	const files = {};
	for (const [name, schema] of Object.entries(canonicalSchemas)) {
		files[`${name}.schema.json`] = JSON.stringify(toJsonSchema(name, schema), null, '\t') + '\n';
	}
	return files;
}

module.exports = { convert, toJsonSchema, generateSchemaFiles };

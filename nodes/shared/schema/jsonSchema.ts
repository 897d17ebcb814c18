/**
 * A small JSON Schema (draft 2019-09) validator for Amazon's product type definitions, written for this package
 * (shipped code has no runtime dependencies). It interprets the schema directly (no code generation).
 *
 * Covered: boolean schemas; $ref (JSON pointers, $id, $anchor, $defs/definitions; $recursiveRef to the root);
 * type, enum, const; minLength/maxLength (code points), pattern; minimum/maximum/exclusive*, multipleOf;
 * items/additionalItems, min/maxItems, uniqueItems, contains/minContains/maxContains; properties,
 * patternProperties, additionalProperties, required, min/maxProperties, propertyNames, dependentRequired,
 * dependentSchemas (and draft-7 dependencies); allOf, anyOf, oneOf, not, if/then/else.
 * Amazon's meta-schema vocabulary (https://schemas.amazon.com/selling-partners/definitions/product-types/vocabulary/v1):
 * maxUniqueItems + selectors ("each combination of selector values may occur at most N times"),
 * minUtf8ByteLength/maxUtf8ByteLength; editable, hidden, enumNames are informational.
 * Not covered: unevaluatedProperties/unevaluatedItems (not used by product type schemas; reported once as
 * unsupported so nothing passes silently), `format` (an annotation in 2019-09), $recursiveAnchor dynamic scope.
 */
import { join, resolveRef, resolveUri, where, type SchemaNode, type Scope } from './pointers';
import { article, codePoints, isObj, jsonEqual, regex, short, typeOf, utf8ByteLength, type Json } from './values';

export { where } from './pointers';
export { jsonEqual, utf8ByteLength } from './values';

export interface SchemaIssue {
	/** instance location as a JSON pointer, e.g. `/item_name/0/value` ('' = the whole instance) */
	path: string;
	/** the failing keyword, e.g. `required`, `maxUtf8ByteLength` */
	keyword: string;
	message: string;
	/** title of the schema at that location, when the schema gives one (Amazon's attribute label) */
	title?: string;
}

export interface ValidateOptions {
	/**
	 * false = `required` and `dependentRequired` are not checked (Amazon's requirementsEnforced=NOT_ENFORCED: only the
	 * structure of the attributes that are sent, e.g. for a patch of some attributes)
	 */
	enforceRequired?: boolean;
	/** stop after this many issues (default 50) */
	maxIssues?: number;
}

class Collector {
	readonly issues: SchemaIssue[] = [];
	constructor(readonly max: number) {}
	get full(): boolean {
		return this.issues.length >= this.max;
	}
	add(issue: SchemaIssue): void {
		if (this.issues.length < this.max) this.issues.push(issue);
	}
}

/**
 * A compiled-once view of a schema document: its $id/$anchor index. `validate` can be called any number of times.
 */
export class JsonSchemaValidator {
	private readonly ids = new Map<string, SchemaNode>();
	private readonly rootBase: string;
	readonly unsupported: string[] = [];

	constructor(readonly schema: SchemaNode) {
		this.rootBase = isObj(schema) && typeof schema.$id === 'string' ? schema.$id.replace(/#$/, '') : 'urn:m3amz:schema';
		this.index(schema, this.rootBase);
	}

	private index(node: unknown, base: string): void {
		if (Array.isArray(node)) {
			for (const x of node) this.index(x, base);
			return;
		}
		if (!isObj(node)) return;
		let b = base;
		if (typeof node.$id === 'string') {
			b = resolveUri(base, node.$id).replace(/#$/, '');
			this.ids.set(b, node);
		}
		if (typeof node.$anchor === 'string') this.ids.set(`${b}#${node.$anchor}`, node);
		for (const k of ['unevaluatedProperties', 'unevaluatedItems']) {
			if (k in node && !this.unsupported.includes(k)) this.unsupported.push(k);
		}
		for (const [k, v] of Object.entries(node)) {
			// keyword values that are data, not schemas
			if (k === 'enum' || k === 'const' || k === 'examples' || k === 'default' || k === 'enumNames') continue;
			if (typeof v === 'object' && v !== null) this.index(v, b);
		}
	}

	validate(instance: unknown, options: ValidateOptions = {}): SchemaIssue[] {
		const out = new Collector(Math.max(1, options.maxIssues ?? 50));
		if (this.unsupported.length) {
			out.add({ path: '', keyword: this.unsupported[0], message: `The schema uses "${this.unsupported.join('", "')}", which this validator does not support` });
		}
		this.check(this.schema, instance as Json, '', { base: this.rootBase, root: this.schema }, options.enforceRequired !== false, out, 0);
		return out.issues;
	}

	/** Title of the property schema `name` of `schema` (following one $ref), for messages. */
	private propertyTitle(schema: Record<string, unknown>, name: string, scope: Scope, path: string): string | undefined {
		// conditional requirements (allOf/if/then at the root) name attributes the root schema describes
		const props = isObj(schema.properties) && name in schema.properties ? schema.properties : path === '' && isObj(scope.root) && isObj(scope.root.properties) ? scope.root.properties : undefined;
		if (!props) return undefined;
		let p = props[name];
		if (isObj(p) && typeof p.$ref === 'string' && typeof p.title !== 'string') p = resolveRef(this.ids, this.rootBase, this.schema, p.$ref, scope)?.node;
		return isObj(p) && typeof p.title === 'string' ? p.title : undefined;
	}

	/** Returns true when valid. Issues go to `out` unless it is a probe (anyOf branches etc. use their own collector). */
	private check(node: SchemaNode, v: Json, path: string, scope: Scope, enforce: boolean, out: Collector, depth: number): boolean {
		if (node === true) return true;
		if (node === false) {
			out.add({ path, keyword: 'false', message: `${where(path)} is not allowed here` });
			return false;
		}
		if (!isObj(node) || out.full) return true;
		if (depth > 200) {
			out.add({ path, keyword: '$ref', message: `${where(path)}: the schema nests too deep (circular $ref?)` });
			return false;
		}
		let s: Scope = scope;
		if (typeof node.$id === 'string' && depth > 0) s = { base: resolveUri(scope.base, node.$id).replace(/#$/, ''), root: scope.root };
		const title = typeof node.title === 'string' ? node.title : undefined;
		let ok = true;
		const fail = (keyword: string, message: string, at = path, t = title): void => {
			ok = false;
			out.add({ path: at, keyword, message, ...(t ? { title: t } : {}) });
		};

		for (const refKey of ['$ref', '$recursiveRef']) {
			const ref = node[refKey];
			if (typeof ref !== 'string') continue;
			const target = refKey === '$recursiveRef' ? { node: s.root, scope: { base: this.rootBase, root: s.root } } : resolveRef(this.ids, this.rootBase, this.schema, ref, s);
			if (!target) fail(refKey, `${where(path)}: the schema reference "${ref}" cannot be resolved`);
			else if (!this.check(target.node, v, path, target.scope, enforce, out, depth + 1)) ok = false;
		}

		const t = typeOf(v);
		if (node.type !== undefined) {
			const types = Array.isArray(node.type) ? (node.type as string[]) : [String(node.type)];
			const matches = types.some((ty) => ty === t || (ty === 'number' && t === 'integer') || (ty === 'integer' && t === 'number' && Number.isInteger(v)));
			if (!matches) {
				fail('type', `${where(path)} must be ${types.map(article).join(' or ')}, not ${article(t)}${t === 'string' || t === 'number' || t === 'integer' ? ` (${short(v)})` : ''}`);
				return false; // the other keywords would only repeat the same problem
			}
		}
		if (Array.isArray(node.enum) && !node.enum.some((e) => jsonEqual(e, v))) {
			const names = Array.isArray(node.enumNames) ? ` (${(node.enumNames as unknown[]).slice(0, 8).join(', ')})` : '';
			const list = (node.enum as unknown[]).slice(0, 12).map((e) => short(e)).join(', ');
			fail('enum', `${where(path)} ${short(v)} is not one of the allowed values: ${list}${node.enum.length > 12 ? ', ...' : ''}${names}`);
		}
		if ('const' in node && !jsonEqual(node.const, v)) fail('const', `${where(path)} must be ${short(node.const)}, not ${short(v)}`);

		if (t === 'string') ok = this.checkString(node, v as string, path, fail) && ok;
		else if (t === 'number' || t === 'integer') ok = this.checkNumber(node, v as number, path, fail) && ok;
		else if (t === 'array') ok = this.checkArray(node, v as Json[], path, s, enforce, out, depth, fail) && ok;
		else if (t === 'object') ok = this.checkObject(node, v as Record<string, Json>, path, s, enforce, out, depth, fail) && ok;

		// applicators
		if (Array.isArray(node.allOf)) {
			for (const sub of node.allOf) if (!this.check(sub as SchemaNode, v, path, s, enforce, out, depth + 1)) ok = false;
		}
		if (Array.isArray(node.anyOf)) {
			const probes = node.anyOf.map((sub) => {
				const c = new Collector(20);
				return { valid: this.check(sub as SchemaNode, v, path, s, enforce, c, depth + 1), issues: c.issues };
			});
			if (!probes.some((p) => p.valid)) {
				ok = false;
				this.explainAlternatives('anyOf', probes, path, title, out);
			}
		}
		if (Array.isArray(node.oneOf)) {
			const probes = node.oneOf.map((sub) => {
				const c = new Collector(20);
				return { valid: this.check(sub as SchemaNode, v, path, s, enforce, c, depth + 1), issues: c.issues };
			});
			const n = probes.filter((p) => p.valid).length;
			if (n === 0) {
				ok = false;
				this.explainAlternatives('oneOf', probes, path, title, out);
			} else if (n > 1) fail('oneOf', `${where(path)} matches ${n} of the alternatives; it must match exactly one`);
		}
		if (node.not !== undefined) {
			if (this.check(node.not as SchemaNode, v, path, s, enforce, new Collector(1), depth + 1)) fail('not', `${where(path)} must not match the schema given in "not"`);
		}
		if (node.if !== undefined) {
			const cond = this.check(node.if as SchemaNode, v, path, s, enforce, new Collector(1), depth + 1);
			const branch = cond ? node.then : node.else;
			if (branch !== undefined && !this.check(branch as SchemaNode, v, path, s, enforce, out, depth + 1)) ok = false;
		}
		return ok;
	}

	/** anyOf/oneOf with no match: the issues of the alternative that came closest. */
	private explainAlternatives(keyword: string, probes: Array<{ issues: SchemaIssue[] }>, path: string, title: string | undefined, out: Collector): void {
		const best = probes.reduce((a, b) => (b.issues.length < a.issues.length ? b : a), probes[0]);
		const tied = probes.filter((p) => p.issues.length === best?.issues.length).length > 1;
		if (best && best.issues.length === 1 && !tied) {
			out.add(best.issues[0]);
			return;
		}
		const detail = best && best.issues.length ? `; closest: ${best.issues.slice(0, 3).map((i) => i.message).join('; ')}` : '';
		out.add({ path, keyword, message: `${where(path)} matches none of the ${probes.length} allowed forms${detail}`, ...(title ? { title } : {}) });
	}

	private checkString(node: Record<string, unknown>, v: string, path: string, fail: (k: string, m: string) => void): boolean {
		let ok = true;
		const bad = (k: string, m: string): void => {
			ok = false;
			fail(k, m);
		};
		if (typeof node.minLength === 'number' || typeof node.maxLength === 'number') {
			const n = codePoints(v);
			if (typeof node.minLength === 'number' && n < node.minLength) bad('minLength', `${where(path)} must have at least ${node.minLength} character(s), has ${n}`);
			if (typeof node.maxLength === 'number' && n > node.maxLength) bad('maxLength', `${where(path)} must have at most ${node.maxLength} characters, has ${n}`);
		}
		if (typeof node.minUtf8ByteLength === 'number' || typeof node.maxUtf8ByteLength === 'number') {
			const n = utf8ByteLength(v);
			if (typeof node.minUtf8ByteLength === 'number' && n < node.minUtf8ByteLength) bad('minUtf8ByteLength', `${where(path)} must be at least ${node.minUtf8ByteLength} bytes long (UTF-8), is ${n}`);
			if (typeof node.maxUtf8ByteLength === 'number' && n > node.maxUtf8ByteLength) bad('maxUtf8ByteLength', `${where(path)} must be at most ${node.maxUtf8ByteLength} bytes long (UTF-8), is ${n}`);
		}
		if (typeof node.pattern === 'string') {
			const r = regex(node.pattern);
			if (r && !r.test(v)) bad('pattern', `${where(path)} ${short(v)} does not match the pattern ${node.pattern}`);
		}
		return ok;
	}

	private checkNumber(node: Record<string, unknown>, v: number, path: string, fail: (k: string, m: string) => void): boolean {
		let ok = true;
		const bad = (k: string, m: string): void => {
			ok = false;
			fail(k, m);
		};
		const num = (k: string): number | undefined => (typeof node[k] === 'number' ? (node[k] as number) : undefined);
		const min = num('minimum');
		const max = num('maximum');
		const xmin = num('exclusiveMinimum');
		const xmax = num('exclusiveMaximum');
		if (min !== undefined && v < min) bad('minimum', `${where(path)} must be at least ${min}, is ${v}`);
		if (max !== undefined && v > max) bad('maximum', `${where(path)} must be at most ${max}, is ${v}`);
		if (xmin !== undefined && v <= xmin) bad('exclusiveMinimum', `${where(path)} must be greater than ${xmin}, is ${v}`);
		if (xmax !== undefined && v >= xmax) bad('exclusiveMaximum', `${where(path)} must be less than ${xmax}, is ${v}`);
		const mult = num('multipleOf');
		if (mult !== undefined && mult > 0) {
			const q = v / mult;
			if (Math.abs(q - Math.round(q)) > 1e-9 * Math.max(1, Math.abs(q))) bad('multipleOf', `${where(path)} must be a multiple of ${mult}, is ${v}`);
		}
		return ok;
	}

	private checkArray(
		node: Record<string, unknown>,
		v: Json[],
		path: string,
		s: Scope,
		enforce: boolean,
		out: Collector,
		depth: number,
		fail: (k: string, m: string) => void,
	): boolean {
		let ok = true;
		const bad = (k: string, m: string): void => {
			ok = false;
			fail(k, m);
		};
		if (typeof node.minItems === 'number' && v.length < node.minItems) bad('minItems', `${where(path)} must have at least ${node.minItems} value(s), has ${v.length}`);
		if (typeof node.maxItems === 'number' && v.length > node.maxItems) bad('maxItems', `${where(path)} must have at most ${node.maxItems} value(s), has ${v.length}`);
		if (node.uniqueItems === true) {
			outer: for (let i = 0; i < v.length; i++)
				for (let j = i + 1; j < v.length; j++)
					if (jsonEqual(v[i], v[j])) {
						bad('uniqueItems', `${where(path)} values ${i + 1} and ${j + 1} are the same; values must be unique`);
						break outer;
					}
		}
		if (typeof node.maxUniqueItems === 'number') {
			const selectors = Array.isArray(node.selectors) ? (node.selectors as unknown[]).map(String) : [];
			const counts = new Map<string, number>();
			for (const x of v) {
				const key = JSON.stringify(selectors.map((k) => (isObj(x) && x[k] !== undefined ? x[k] : null)));
				counts.set(key, (counts.get(key) ?? 0) + 1);
			}
			for (const [key, n] of counts) {
				if (n > node.maxUniqueItems) {
					const combo = selectors.length ? selectors.map((k, i) => `${k}=${short((JSON.parse(key) as unknown[])[i])}`).join(', ') : 'the same value';
					bad('maxUniqueItems', `${where(path)} has ${n} values for ${combo}; each combination of ${selectors.join(' + ') || 'values'} may occur at most ${node.maxUniqueItems} time(s)`);
					break;
				}
			}
		}
		const items = node.items;
		if (Array.isArray(items)) {
			items.forEach((sub, i) => {
				if (i < v.length && !this.check(sub as SchemaNode, v[i], `${path}/${i}`, s, enforce, out, depth + 1)) ok = false;
			});
			if (node.additionalItems !== undefined) {
				for (let i = items.length; i < v.length; i++) if (!this.check(node.additionalItems as SchemaNode, v[i], `${path}/${i}`, s, enforce, out, depth + 1)) ok = false;
			}
		} else if (items !== undefined) {
			for (let i = 0; i < v.length && !out.full; i++) if (!this.check(items as SchemaNode, v[i], `${path}/${i}`, s, enforce, out, depth + 1)) ok = false;
		}
		if (node.contains !== undefined) {
			const n = v.filter((x, i) => this.check(node.contains as SchemaNode, x, `${path}/${i}`, s, enforce, new Collector(1), depth + 1)).length;
			const minC = typeof node.minContains === 'number' ? node.minContains : 1;
			if (n < minC) bad('contains', `${where(path)} must contain at least ${minC} value(s) matching "contains", has ${n}`);
			if (typeof node.maxContains === 'number' && n > node.maxContains) bad('maxContains', `${where(path)} must contain at most ${node.maxContains} value(s) matching "contains", has ${n}`);
		}
		return ok;
	}

	private checkObject(
		node: Record<string, unknown>,
		v: Record<string, Json>,
		path: string,
		s: Scope,
		enforce: boolean,
		out: Collector,
		depth: number,
		fail: (k: string, m: string, at?: string, t?: string) => void,
	): boolean {
		let ok = true;
		const bad = (k: string, m: string, at?: string, t?: string): void => {
			ok = false;
			fail(k, m, at, t);
		};
		const keys = Object.keys(v);
		if (enforce && Array.isArray(node.required)) {
			for (const r of node.required as unknown[]) {
				const name = String(r);
				if (!Object.prototype.hasOwnProperty.call(v, name)) {
					const t = this.propertyTitle(node, name, s, path);
					bad('required', `${where(join(path, name))} is required but missing${t ? ` (${t})` : ''}`, join(path, name), t);
				}
			}
		}
		if (typeof node.minProperties === 'number' && keys.length < node.minProperties) bad('minProperties', `${where(path)} must have at least ${node.minProperties} propert(ies), has ${keys.length}`);
		if (typeof node.maxProperties === 'number' && keys.length > node.maxProperties) bad('maxProperties', `${where(path)} must have at most ${node.maxProperties} properties, has ${keys.length}`);
		const props = isObj(node.properties) ? node.properties : undefined;
		const patterns = isObj(node.patternProperties) ? Object.entries(node.patternProperties) : [];
		for (const k of keys) {
			if (out.full) break;
			let matched = false;
			if (props && Object.prototype.hasOwnProperty.call(props, k)) {
				matched = true;
				if (!this.check(props[k] as SchemaNode, v[k], join(path, k), s, enforce, out, depth + 1)) ok = false;
			}
			for (const [p, sub] of patterns) {
				const r = regex(p);
				if (r && r.test(k)) {
					matched = true;
					if (!this.check(sub as SchemaNode, v[k], join(path, k), s, enforce, out, depth + 1)) ok = false;
				}
			}
			if (!matched && node.additionalProperties !== undefined) {
				if (node.additionalProperties === false) bad('additionalProperties', `${where(join(path, k))} is not a known property here`, join(path, k), undefined);
				else if (!this.check(node.additionalProperties as SchemaNode, v[k], join(path, k), s, enforce, out, depth + 1)) ok = false;
			}
		}
		if (node.propertyNames !== undefined) {
			for (const k of keys) {
				if (!this.check(node.propertyNames as SchemaNode, k, join(path, k), s, enforce, new Collector(1), depth + 1)) bad('propertyNames', `${where(path)}: the property name ${short(k)} is not allowed`);
			}
		}
		const depReq = isObj(node.dependentRequired) ? node.dependentRequired : undefined;
		const depSchemas = isObj(node.dependentSchemas) ? { ...node.dependentSchemas } : {};
		const deps = isObj(node.dependencies) ? node.dependencies : {};
		const reqLists: Record<string, unknown> = { ...(depReq ?? {}) };
		for (const [k, d] of Object.entries(deps)) {
			if (Array.isArray(d)) reqLists[k] = d;
			else depSchemas[k] = d;
		}
		for (const [k, list] of Object.entries(reqLists)) {
			if (!enforce || !Object.prototype.hasOwnProperty.call(v, k) || !Array.isArray(list)) continue;
			for (const r of list) {
				const name = String(r);
				if (!Object.prototype.hasOwnProperty.call(v, name)) bad('dependentRequired', `${where(join(path, name))} is required when ${short(k)} is given`, join(path, name));
			}
		}
		for (const [k, sub] of Object.entries(depSchemas)) {
			if (Object.prototype.hasOwnProperty.call(v, k) && !this.check(sub as SchemaNode, v, path, s, enforce, out, depth + 1)) ok = false;
		}
		return ok;
	}
}

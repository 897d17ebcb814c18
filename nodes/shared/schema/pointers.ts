/**
 * Locations: JSON pointers (escaping, joining, shown as `a[0].b` in messages), schema URIs ($id) and
 * $ref resolution (a URI, a JSON pointer into a document, an anchor).
 */
import { isObj } from './values';

export type SchemaNode = boolean | Record<string, unknown>;

export interface Scope {
	/** base URI for resolving relative refs */
	base: string;
	/** the document root the refs of this scope resolve against */
	root: SchemaNode;
}

export function escapePointer(s: string): string {
	return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointer(s: string): string {
	return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Resolves `ref` against `base` (enough of RFC 3986 for schema ids: absolute, fragment-only, path-relative). */
export function resolveUri(base: string, ref: string): string {
	if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return ref;
	const hashAt = base.indexOf('#');
	const b = hashAt >= 0 ? base.slice(0, hashAt) : base;
	if (ref.startsWith('#')) return b + ref;
	if (ref === '') return b;
	const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)?$/i.exec(b);
	if (ref.startsWith('/')) return m ? m[1] + ref : ref;
	const dir = b.slice(0, b.lastIndexOf('/') + 1);
	return dir + ref;
}

export function join(path: string, key: string): string {
	return `${path}/${escapePointer(key)}`;
}

/** `/item_name/0/value` -> `item_name[0].value` (what a user reads in a message). */
export function where(pointer: string): string {
	if (pointer === '') return 'the value';
	let out = '';
	for (const raw of pointer.slice(1).split('/')) {
		const k = unescapePointer(raw);
		if (/^\d+$/.test(k)) out += `[${k}]`;
		else out += out ? `.${k}` : k;
	}
	return out;
}

export function resolveRef(ids: Map<string, SchemaNode>, rootBase: string, rootSchema: SchemaNode, ref: string, scope: Scope): { node: SchemaNode; scope: Scope } | undefined {
	const uri = resolveUri(scope.base, ref);
	const hashAt = uri.indexOf('#');
	const doc = hashAt >= 0 ? uri.slice(0, hashAt) : uri;
	const frag = hashAt >= 0 ? uri.slice(hashAt + 1) : '';
	const direct = ids.get(uri);
	if (direct !== undefined) return { node: direct, scope: { base: doc, root: scope.root } };
	const docNode = ids.get(doc) ?? (doc === rootBase ? rootSchema : undefined);
	if (docNode === undefined) return undefined;
	if (frag === '' || frag === '/') return { node: docNode, scope: { base: doc, root: docNode } };
	if (!frag.startsWith('/')) return undefined;
	let cur: unknown = docNode;
	let base = doc;
	for (const raw of frag.slice(1).split('/')) {
		const key = unescapePointer(decodeURIComponent(raw));
		if (Array.isArray(cur)) cur = cur[Number(key)];
		else if (isObj(cur)) cur = cur[key];
		else return undefined;
		if (isObj(cur) && typeof cur.$id === 'string') base = resolveUri(base, cur.$id).replace(/#$/, '');
	}
	if (typeof cur !== 'boolean' && !isObj(cur)) return undefined;
	return { node: cur, scope: { base, root: docNode } };
}

/**
 * Element and attribute names shared per distinct name: a document of a million elements holds a few hundred name
 * strings (bounded: beyond MAX_INTERNED names are still read, just not shared).
 */

/** Distinct names kept for sharing; beyond this names are still read, just not shared. */
const MAX_INTERNED = 4096;

export class NameTable {
	/** Interned names by (length, first and last character); a bucket is checked without slicing the source. */
	private readonly names = new Map<number, string[]>();
	private readonly splits = new Map<string, [string, string]>();

	/** The name at s[start, end) as one shared string per distinct name (no allocation when already known). */
	at(s: string, start: number, end: number): string {
		const key = ((end - start) * 65599 + s.charCodeAt(start)) * 65599 + s.charCodeAt(end - 1);
		const bucket = this.names.get(key);
		if (bucket !== undefined) {
			for (const known of bucket) if (s.startsWith(known, start)) return known;
		}
		const name = s.slice(start, end);
		// Bounded: a document of millions of distinct names must not grow the cache (real BODs have hundreds).
		if (bucket === undefined) {
			if (this.names.size < MAX_INTERNED) this.names.set(key, [name]);
		} else if (bucket.length < 8) bucket.push(name);
		return name;
	}

	/** [prefix, local] of a qualified name, shared per distinct name. */
	split(qname: string, colon: number): [string, string] {
		let parts = this.splits.get(qname);
		if (parts === undefined) {
			parts = [qname.slice(0, colon), qname.slice(colon + 1)];
			if (this.splits.size < MAX_INTERNED) this.splits.set(qname, parts);
		}
		return parts;
	}
}

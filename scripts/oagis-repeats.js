// @ts-check
/**
 * Generates nodes/InforIonTrigger/oagisRepeats.ts: which child elements may repeat (maxOccurs > 1) under which
 * parent, for the nouns the ION trigger normalises, read from the OAGIS 9.2 schemas.
 *
 *   node scripts/oagis-repeats.js <dir of OAGIS 9_2 (with Resources/)> > nodes/InforIonTrigger/oagisRepeats.ts
 *
 * Source used: the OAGIS 9.2 release as published in jsdelivrbot/MyEndeavours @ a2afa3c
 * (JDEV10G/Dhami3/Create_MDMRecords_BPELProcess/MDMSchemas/OAGIS/9_2). InforOAGIS derives from 9.2 (real Infor
 * BODs say releaseID="9.2", ion-bods.md §0). A pair is written when the child may repeat in at least one place
 * where the parent occurs, so one pair is always an array or never. Reads the XSDs with our own XML reader (dist/).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { parseXml } = require('../dist/nodes/shared/xml');

const NOUNS = ['Shipment', 'SalesOrder', 'PurchaseOrder', 'CustomerPartyMaster', 'ItemMaster', 'InventoryCount', 'InventoryBalance'];

const dir = process.argv[2];
if (!dir) {
	process.stderr.write('usage: node scripts/oagis-repeats.js <OAGIS 9_2 dir>\n');
	process.exit(2);
}

/** @param {string} d @returns {string[]} */
function xsdFiles(d) {
	/** @type {string[]} */
	const out = [];
	for (const e of fs.readdirSync(d, { withFileTypes: true })) {
		const p = path.join(d, e.name);
		if (e.isDirectory()) out.push(...xsdFiles(p));
		else if (e.name.endsWith('.xsd')) out.push(p);
	}
	return out;
}

/** @typedef {import('../dist/nodes/shared/xml').XmlElement} El */
/** @type {Map<string, El>} */ const elements = new Map();
/** @type {Map<string, El>} */ const types = new Map();
/** @type {Map<string, El>} */ const groups = new Map();

const local = (/** @type {string} */ q) => q.slice(q.indexOf(':') + 1);
const kids = (/** @type {El} */ el) => /** @type {El[]} */ (el.children.filter((c) => c.type === 'element'));
const attr = (/** @type {El} */ el, /** @type {string} */ n) => el.attributes.find((a) => a.local === n)?.value;
const max = (/** @type {El} */ el) => {
	const m = attr(el, 'maxOccurs');
	return m === undefined ? 1 : m === 'unbounded' ? Infinity : Number(m);
};

for (const f of xsdFiles(path.join(dir, 'Resources'))) {
	const doc = parseXml(fs.readFileSync(f), { maxNodes: 5_000_000, maxBytes: 50 * 1024 * 1024 });
	for (const top of kids(doc.root)) {
		const name = attr(top, 'name');
		if (!name) continue;
		if (top.local === 'element' && !elements.has(name)) elements.set(name, top);
		if (top.local === 'complexType' && !types.has(name)) types.set(name, top);
		if (top.local === 'group' && !groups.has(name)) groups.set(name, top);
	}
}

/**
 * Child element particles of a complex type (or an inline one): [name, decl, multiplier].
 * @param {El} node @param {number} mult @param {Array<[string, El, number]>} out @param {Set<El>} seen
 */
function particles(node, mult, out, seen) {
	for (const k of kids(node)) {
		switch (k.local) {
			case 'sequence':
			case 'choice':
			case 'all':
				particles(k, mult * max(k), out, seen);
				break;
			case 'group': {
				const g = groups.get(local(attr(k, 'ref') ?? ''));
				if (g && !seen.has(g)) {
					seen.add(g);
					particles(g, mult * max(k), out, seen);
				}
				break;
			}
			case 'complexContent':
			case 'extension':
			case 'restriction': {
				const base = attr(k, 'base');
				if (k.local === 'extension' && base) {
					const t = types.get(local(base));
					if (t && !seen.has(t)) {
						seen.add(t);
						particles(t, mult, out, seen);
					}
				}
				particles(k, mult, out, seen);
				break;
			}
			case 'element': {
				const ref = attr(k, 'ref');
				const decl = ref ? elements.get(local(ref)) : k;
				const name = ref ? local(ref) : attr(k, 'name');
				if (decl && name) out.push([name, decl, mult * max(k)]);
				break;
			}
		}
	}
}

/** Content of an element declaration: its named type or inline complexType. @param {El} decl */
function contentOf(decl) {
	const t = attr(decl, 'type');
	if (t) return types.get(local(t)) ?? null;
	return kids(decl).find((k) => k.local === 'complexType') ?? null;
}

/** @type {Map<string, boolean>} parent/child -> may repeat */
const pairs = new Map();
/** @type {Set<El>} */ const visited = new Set();
const queue = NOUNS.map((n) => {
	const decl = elements.get(n);
	if (!decl) throw new Error(`noun ${n} not found in the schemas`);
	return /** @type {[string, El]} */ ([n, decl]);
});
while (queue.length > 0) {
	const [name, decl] = /** @type {[string, El]} */ (queue.shift());
	const content = contentOf(decl);
	if (!content) continue;
	/** @type {Array<[string, El, number]>} */ const list = [];
	particles(content, 1, list, new Set([content]));
	for (const [child, childDecl, m] of list) {
		const key = `${name}/${child}`;
		pairs.set(key, (pairs.get(key) ?? false) || m > 1);
		if (!visited.has(childDecl)) {
			visited.add(childDecl);
			queue.push([child, childDecl]);
		}
	}
}
// A child declared both as repeating and single under the same parent name is an array (stable shape).
const repeating = [...pairs].filter(([, r]) => r).map(([k]) => k);
// DataArea holds one or more nouns (OAGIS BODs: `<xsd:element ref="Shipment" maxOccurs="unbounded"/>` in
// DataArea, e.g. BODs/Standalone/ShowShipment.xsd); Infor's UserArea extensions repeat Property/NameValue.
for (const n of NOUNS) repeating.push(`DataArea/${n}`);
repeating.push('UserArea/Property', 'UserArea/NameValue', 'Property/NameValue');
const sorted = [...new Set(repeating)].sort();
process.stderr.write(`${pairs.size} parent/child pairs reachable from ${NOUNS.join(', ')}; ${sorted.length} may repeat\n`);

const lines = [
	'/**',
	' * GENERATED by scripts/oagis-repeats.js from the OAGIS 9.2 schemas (see that script for the source) - do not edit.',
	' * `Parent/Child` pairs (local names) where Child may occur more than once under Parent, for the nouns',
	` * ${NOUNS.join(', ')}, plus DataArea/<noun> and Infor's UserArea Property/NameValue.`,
	' * The JSON view makes these arrays even when the document has one, so an output shape does not depend on the data.',
	' * Over 400 lines on purpose: generated, do not edit; its size is the data (one line per pair), not code to split.',
	' */',
	'export const OAGIS_REPEATS: ReadonlySet<string> = new Set([',
	...sorted.map((p) => `\t'${p}',`),
	']);',
	'',
];
process.stdout.write(lines.join('\n'));

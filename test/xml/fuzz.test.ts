import fc from 'fast-check';

import { BodyError, readIonBody } from '../../nodes/InforIonTrigger/body';
import { XmlError, parseXml, textContent, toJson, type XmlElement } from '../../nodes/shared/xml';
import { readBod } from '../fixtures/bods';

/**
 * Parses and converts; anything other than success or XmlError fails the property. A hang would end the test by
 * jest's timeout (no duration is asserted: the machine is shared; time figures live in bench/).
 */
function parsesOrXmlError(input: string | Uint8Array): boolean {
	let caught: unknown = null;
	try {
		const doc = parseXml(input, { maxBytes: 1024 * 1024 });
		toJson(doc);
	} catch (e) {
		caught = e;
	}
	if (caught !== null) {
		expect(caught).toBeInstanceOf(XmlError);
		const e = caught as XmlError;
		expect(e.line >= 1 && e.column >= 1).toBe(true);
	}
	return true;
}

const valid = [
	readBod('SyncShipment.xml'),
	readBod('SyncSalesOrder.xml'),
	readBod('SyncPurchaseOrder.prefixed.xml'),
	readBod('AcknowledgeWorkflow.nobodid.xml'),
];

/** Fragments that exercise the tricky branches when spliced into a valid BOD. */
const snippets = [
	'<',
	'>',
	'/>',
	'</',
	'&',
	'&amp;',
	'&#x0;',
	'&#99999999;',
	'&lol;',
	'<!DOCTYPE x [<!ENTITY a "b">]>',
	'<!ENTITY a SYSTEM "file:///etc/passwd">',
	'<![CDATA[',
	']]>',
	'<!--',
	'-->',
	'<?',
	'?>',
	'<?xml version="1.0"?>',
	'"',
	"'",
	'=',
	'xmlns:p="u"',
	'p:',
	'xmlns=""',
	'\u0000',
	'\uFFFF',
	'\uD800',
	'\r\n',
	'<a b="1" b="2">',
	'<__proto__>',
];

type Mutation =
	| { kind: 'insert'; at: number; text: string }
	| { kind: 'delete'; at: number; len: number }
	| { kind: 'replace'; at: number; len: number; text: string }
	| { kind: 'truncate'; at: number }
	| { kind: 'duplicate'; at: number; len: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({
		kind: fc.constant('insert' as const),
		at: fc.nat(),
		text: fc.oneof(fc.constantFrom(...snippets), fc.string({ maxLength: 8 })),
	}),
	fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
	fc.record({
		kind: fc.constant('replace' as const),
		at: fc.nat(),
		len: fc.integer({ min: 1, max: 10 }),
		text: fc.oneof(fc.constantFrom(...snippets), fc.string({ unit: 'binary', maxLength: 4 })),
	}),
	fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
	fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }),
);

function mutate(doc: string, muts: Mutation[]): string {
	let s = doc;
	for (const m of muts) {
		const at = s.length === 0 ? 0 : m.at % (s.length + 1);
		switch (m.kind) {
			case 'insert':
				s = s.slice(0, at) + m.text + s.slice(at);
				break;
			case 'delete':
				s = s.slice(0, at) + s.slice(at + m.len);
				break;
			case 'replace':
				s = s.slice(0, at) + m.text + s.slice(at + m.len);
				break;
			case 'truncate':
				s = s.slice(0, at);
				break;
			case 'duplicate':
				s = s.slice(0, at + m.len) + s.slice(at, at + m.len) + s.slice(at + m.len);
				break;
		}
	}
	return s;
}

describe('XML reader fuzzing: never a non-XmlError, never a hang', () => {
	it('random bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => parsesOrXmlError(bytes)),
			{ numRuns: 3000 },
		);
	});

	it('random strings from an XML-ish alphabet', () => {
		const xmlish = fc.string({
			unit: fc.constantFrom('<', '>', '/', '!', '?', '-', '[', ']', '&', ';', '#', 'x', '=', '"', "'", ' ', 'a', ':', '\n', 'C', 'D', 'A', 'T'),
			maxLength: 300,
		});
		fc.assert(fc.property(xmlish, (s) => parsesOrXmlError(s)), { numRuns: 5000 });
	});

	it('random full-unicode strings (incl. lone surrogates)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (s) => parsesOrXmlError('<r a="' + s + '">' + s + '</r>')),
			{ numRuns: 2000 },
		);
	});

	it('mutated valid BODs (string and bytes)', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...valid),
				fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
				fc.boolean(),
				(doc, muts, asBytes) => {
					const s = mutate(doc, muts);
					return parsesOrXmlError(asBytes ? Buffer.from(s, 'utf8') : s);
				},
			),
			{ numRuns: 4000 },
		);
	});

	it('pathological shapes end with a result or an XmlError', () => {
		const cases = [
			'<a>'.repeat(200000),
			'<a ' + 'b="1" '.repeat(100000) + '/>',
			'<r>' + '&amp;'.repeat(200000) + '</r>',
			'<r>' + '<!--x-->'.repeat(100000) + '</r>',
			'<r>' + '&'.repeat(100000) + '</r>',
			'<r a="' + '&#x41;'.repeat(100000) + '"/>',
			'<' + 'a'.repeat(500000) + '/>',
			'<r>' + '<![CDATA['.repeat(50000),
			'<r' + ' xmlns:p="u"'.repeat(1000) + '/>',
		];
		for (const c of cases) {
			let caught: unknown = null;
			try {
				parseXml(c);
			} catch (e) {
				caught = e;
			}
			// Each ends (here, within jest's timeout) with a result or an XmlError: most at a budget.
			if (caught !== null) expect(caught).toBeInstanceOf(XmlError);
		}
	});
});

// ---------------------------------------------------------------------------------------------------------
// Well-formed random documents: what is written is what is read, the node budget is exact, encodings agree.
// ---------------------------------------------------------------------------------------------------------

interface GenElement {
	name: string;
	attrs: Array<[string, string]>;
	kids: Array<GenElement | string>;
}

const nameArb = fc.oneof(
	fc.constantFrom('Shipment', 'ShipmentItem', 'ID', 'ItemID', 'Quantity', 'a', 'b', '_x', 'ns-1.v', 'Ünïcödé', '東京'),
	fc.stringMatching(/^[A-Za-z_][A-Za-z0-9._-]{0,12}$/),
);
// Text with characters that need escaping, whitespace and non-ASCII; never only whitespace (dropped by design).
const textArb = fc
	.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '\n', '&', '<', '>', '"', "'", ']', 'é', '€', '東', '😀', '\t'), minLength: 1, maxLength: 20 })
	.filter((t) => t.trim() !== '');
const attrValueArb = fc.string({ unit: fc.constantFrom('a', '1', ' ', '&', '<', '>', '"', "'", 'é', '€'), maxLength: 10 });

const elementArb: fc.Arbitrary<GenElement> = fc.letrec<{ el: GenElement }>((tie) => ({
	el: fc.record({
		name: nameArb,
		attrs: fc.uniqueArray(fc.tuple(nameArb, attrValueArb), { maxLength: 4, selector: ([n]) => n }),
		kids: fc.array(fc.oneof({ depthSize: 'small' }, textArb, tie('el')), { maxLength: 4 }),
	}),
})).el;

/** Merges adjacent text (the reader returns one text node per run). */
function normal(el: GenElement): GenElement {
	const kids: Array<GenElement | string> = [];
	for (const k of el.kids) {
		const last = kids[kids.length - 1];
		if (typeof k === 'string' && typeof last === 'string') kids[kids.length - 1] = last + k;
		else kids.push(typeof k === 'string' ? k : normal(k));
	}
	return { name: el.name, attrs: el.attrs, kids };
}

function escapeText(t: string, cdata: boolean): string {
	if (cdata && !t.includes(']]>')) return `<![CDATA[${t}]]>`;
	return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function write(el: GenElement, style: { cdata: boolean; comments: boolean }): string {
	const attrs = el.attrs
		.map(([n, v]) => ` ${n}="${v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}"`)
		.join('');
	if (el.kids.length === 0) return `<${el.name}${attrs}/>`;
	let inner = '';
	for (const k of el.kids) {
		if (typeof k === 'string') inner += escapeText(k, style.cdata);
		else inner += (style.comments ? '<!-- c -->' : '') + write(k, style);
	}
	return `<${el.name}${attrs}>${inner}</${el.name}>`;
}

function read(el: XmlElement): GenElement {
	return {
		name: el.name,
		attrs: el.attributes.map((a) => [a.name, a.value] as [string, string]),
		kids: el.children.map((c) => (c.type === 'text' ? c.value : read(c))),
	};
}

function nodeCount(el: GenElement): number {
	return 1 + el.attrs.length + el.kids.reduce<number>((n, k) => n + (typeof k === 'string' ? 1 : nodeCount(k)), 0);
}

/** Without CDATA or comments each text node is written as one run, so nodeCount() is what the budget counts. */
const plain = { cdata: false, comments: false };

describe('XML reader properties over random well-formed documents', () => {
	it('reads back exactly what was written (names, attributes, text, order), in any style', () => {
		fc.assert(
			fc.property(elementArb, fc.boolean(), fc.boolean(), (el, cdata, comments) => {
				const doc = parseXml(`<?xml version="1.0"?>\n${write(el, { cdata, comments })}\n`);
				expect(read(doc.root)).toEqual(normal(el));
			}),
			{ numRuns: 1500 },
		);
	});

	it('the node budget is exact: a document of N nodes parses with maxNodes N and is refused with N - 1', () => {
		fc.assert(
			fc.property(elementArb, (el) => {
				const n = nodeCount(normal(el));
				const text = write(normal(el), plain);
				expect(() => parseXml(text, { maxNodes: n })).not.toThrow();
				let code = '';
				try {
					parseXml(text, { maxNodes: n - 1 });
				} catch (e) {
					code = (e as XmlError).code;
				}
				expect(code).toBe('TOO_MANY_NODES');
			}),
			{ numRuns: 1000 },
		);
	});

	it('the same document in UTF-8, UTF-16LE/BE (with or without BOM) and declared or Content-Type encodings reads the same', () => {
		fc.assert(
			fc.property(elementArb, fc.constantFrom('utf-8', 'utf-16le', 'utf-16be', 'utf-8-bom', 'utf-16le-bom'), fc.boolean(), (el, enc, declare) => {
				const body = write(el, plain);
				const decl = (name: string) => (declare ? `<?xml version="1.0" encoding="${name}"?>` : '');
				let bytes: Buffer;
				if (enc === 'utf-8') bytes = Buffer.from(decl('UTF-8') + body);
				else if (enc === 'utf-8-bom') bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(decl('UTF-8') + body)]);
				else if (enc === 'utf-16le') bytes = Buffer.from(decl('UTF-16') + body, 'utf16le');
				else if (enc === 'utf-16le-bom') bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(decl('UTF-16') + body, 'utf16le')]);
				else bytes = Buffer.from(decl('UTF-16') + body, 'utf16le').swap16();
				expect(read(parseXml(bytes).root)).toEqual(normal(el));
			}),
			{ numRuns: 1000 },
		);
	});

	it('Latin-1 documents: the declaration or the Content-Type decides; undeclared Latin-1 bytes are refused, not garbled', () => {
		const latin1Text = fc.string({ unit: fc.constantFrom('a', 'é', 'ö', 'Å', ' ', 'ß'), minLength: 1, maxLength: 20 }).filter((t) => t.trim() !== '');
		fc.assert(
			fc.property(latin1Text, fc.boolean(), (t, viaHeader) => {
				const xml = viaHeader ? `<r>${t}</r>` : `<?xml version="1.0" encoding="ISO-8859-1"?><r>${t}</r>`;
				const bytes = Buffer.from(xml, 'latin1');
				expect(textContent(parseXml(bytes, { charset: viaHeader ? 'iso-8859-1' : 'utf-8' }).root)).toBe(t);
				if ([...t].some((c) => c.charCodeAt(0) > 0x7f)) {
					let code = '';
					try {
						parseXml(Buffer.from(`<r>${t}</r>`, 'latin1'));
					} catch (e) {
						code = (e as XmlError).code;
					}
					expect(code).toBe('ENCODING');
				}
			}),
			{ numRuns: 500 },
		);
	});

	it('random bytes with any charset hint: a document or an XmlError, nothing else', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 512 }),
				fc.constantFrom(undefined, 'utf-8', 'utf-16', 'iso-8859-1', 'us-ascii', 'windows-1252', 'shift_jis', 'nonsense'),
				(bytes, charset) => {
					try {
						parseXml(bytes, { charset });
					} catch (e) {
						expect(e).toBeInstanceOf(XmlError);
					}
				},
			),
			{ numRuns: 3000 },
		);
	});
});

describe('ION body reader over random JSON and XML: a BOD or a BodyError, nothing else', () => {
	it('random JSON values', () => {
		fc.assert(
			fc.property(fc.json({ maxDepth: 6 }), fc.constantFrom('auto', 'json') as fc.Arbitrary<'auto' | 'json'>, (json, format) => {
				try {
					readIonBody(Buffer.from(json), { format, limits: { maxBytes: 1 << 20, maxDepth: 32, maxNodes: 500, maxTextLength: 4096 } });
				} catch (e) {
					expect(e).toBeInstanceOf(BodyError);
					expect([400, 413, 415]).toContain((e as BodyError).status);
				}
			}),
			{ numRuns: 3000 },
		);
	});

	it('random well-formed XML documents', () => {
		fc.assert(
			fc.property(elementArb, (el) => {
				try {
					readIonBody(Buffer.from(write(el, plain)), { format: 'auto', limits: { maxBytes: 1 << 20, maxDepth: 32, maxNodes: 500, maxTextLength: 4096 } });
				} catch (e) {
					expect(e).toBeInstanceOf(BodyError);
					expect((e as BodyError).status === 413 || (e as BodyError).code === 'NOT_A_BOD' || (e as BodyError).code === 'TOO_DEEP').toBe(true);
				}
			}),
			{ numRuns: 1000 },
		);
	});
});

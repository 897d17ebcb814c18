import fc from 'fast-check';

import { XmlError, parseXml, toJson } from '../../nodes/shared/xml';
import { readBod } from '../fixtures/bods';

/** Parses and converts; anything other than success or XmlError fails the property. */
function parsesOrXmlError(input: string | Uint8Array): boolean {
	const t0 = Date.now();
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
	// "Never hangs": every input here is <= a few KB; a linear parser needs milliseconds (loose bound: shared box).
	const ms = Date.now() - t0;
	expect(ms).toBeLessThan(5000);
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

	it('pathological shapes finish quickly', () => {
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
			const t0 = Date.now();
			try {
				parseXml(c);
			} catch (e) {
				expect(e).toBeInstanceOf(XmlError);
			}
			expect(Date.now() - t0).toBeLessThan(15000);
		}
	});
});

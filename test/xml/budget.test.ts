import { DEFAULT_MAX_NODES, XmlError, parseXml, toJson, type XmlElement } from '../../nodes/shared/xml';
import { readBod } from '../fixtures/bods';

function failure(fn: () => unknown): XmlError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(XmlError);
		return e as XmlError;
	}
	throw new Error('expected an XmlError');
}

describe('node budget (elements + attributes + text runs)', () => {
	it('counts elements: exactly the budget passes, one more is TOO_MANY_NODES (413) at the element that broke it', () => {
		const doc = (n: number) => '<r>' + '<a/>'.repeat(n - 1) + '</r>';
		expect(parseXml(doc(1000), { maxNodes: 1000 }).root.children).toHaveLength(999);
		const e = failure(() => parseXml(doc(1001), { maxNodes: 1000 }));
		expect(e).toMatchObject({ code: 'TOO_MANY_NODES', httpStatus: 413, line: 1, column: 3 + 999 * 4 + 1 });
		expect(e.message).toMatch(/More than 1000 nodes/);
	});

	it('counts attributes (namespace declarations included) and text runs', () => {
		expect(parseXml('<r a="1" b="2">t</r>', { maxNodes: 4 }).root.attributes).toHaveLength(2);
		expect(failure(() => parseXml('<r a="1" b="2" c="3">t</r>', { maxNodes: 4 })).code).toBe('TOO_MANY_NODES');
		expect(failure(() => parseXml('<r xmlns="u" xmlns:p="v" a="1">t</r>', { maxNodes: 4 })).code).toBe('TOO_MANY_NODES');
		// Text split by comments is one text node but each run counts: a million comments cannot hide a million runs.
		const runs = '<r>' + 'x<!---->'.repeat(50) + '</r>';
		expect(failure(() => parseXml(runs, { maxNodes: 50 })).code).toBe('TOO_MANY_NODES');
		const ok = parseXml(runs, { maxNodes: 51 });
		expect(ok.root.children).toEqual([{ type: 'text', value: 'x'.repeat(50) }]);
	});

	it('whitespace between elements is not a node; the default budget is 100,000', () => {
		expect(DEFAULT_MAX_NODES).toBe(100000);
		const pretty = '<r>\n' + '  <a/>\n'.repeat(99998) + '</r>';
		expect(parseXml(pretty).root.children).toHaveLength(99998);
		expect(failure(() => parseXml('<r>' + '<a/>'.repeat(100000) + '</r>')).code).toBe('TOO_MANY_NODES');
	});

	it('a real BOD is far inside the budget', () => {
		expect(() => parseXml(readBod('SyncShipment.xml'), { maxNodes: 200 })).not.toThrow();
		expect(failure(() => parseXml(readBod('SyncShipment.xml'), { maxNodes: 50 })).code).toBe('TOO_MANY_NODES');
	});
});

describe('text budget (one text or attribute value)', () => {
	it('text longer than maxTextLength is TEXT_TOO_LONG (413), also when built from runs and CDATA', () => {
		expect(parseXml(`<r>${'x'.repeat(100)}</r>`, { maxTextLength: 100 }).root.children).toHaveLength(1);
		const e = failure(() => parseXml(`<r>\n${'x'.repeat(100)}</r>`, { maxTextLength: 100 }));
		expect(e).toMatchObject({ code: 'TEXT_TOO_LONG', httpStatus: 413, line: 1, column: 4 });
		expect(failure(() => parseXml(`<r>${'x'.repeat(60)}<!---->${'y'.repeat(41)}</r>`, { maxTextLength: 100 })).code).toBe('TEXT_TOO_LONG');
		expect(failure(() => parseXml(`<r>${'x'.repeat(60)}<![CDATA[${'y'.repeat(41)}]]></r>`, { maxTextLength: 100 })).code).toBe(
			'TEXT_TOO_LONG',
		);
		expect(failure(() => parseXml(`<r a="${'v'.repeat(101)}"/>`, { maxTextLength: 100 })).code).toBe('TEXT_TOO_LONG');
	});

	it('is measured on the source (references expand to less, never more)', () => {
		const refs = '&amp;'.repeat(20);
		expect(failure(() => parseXml(`<r>${refs}</r>`, { maxTextLength: 99 })).code).toBe('TEXT_TOO_LONG');
		expect(parseXml(`<r>${refs}</r>`, { maxTextLength: 100 }).root.children).toEqual([{ type: 'text', value: '&'.repeat(20) }]);
	});

	it('other limits stay 400 (structure), size limits are 413', () => {
		expect(failure(() => parseXml('<a>'.repeat(300))).httpStatus).toBe(400);
		expect(failure(() => parseXml('<r>', { maxBytes: 2 })).httpStatus).toBe(413);
		expect(failure(() => parseXml('<r><a></r>')).httpStatus).toBe(400);
	});
});

describe('compact tree', () => {
	it('child lists are exactly sized, empty lists are shared and frozen, text runs are one node', () => {
		const doc = parseXml('<r><a/><b x="1">t<!--c-->u<![CDATA[v]]></b><c/></r>');
		const [a, b, c] = doc.root.children as XmlElement[];
		expect(a.children).toBe(c.children);
		expect(a.attributes).toBe(c.attributes);
		expect(Object.isFrozen(a.children)).toBe(true);
		expect(b.children).toEqual([{ type: 'text', value: 'tuv' }]);
		expect(doc.root.children).toHaveLength(3);
		expect(toJson(doc)).toEqual({ r: { a: '', b: { '@x': '1', '#text': 'tuv' }, c: '' } });
	});

	it('elements and attributes keep their names, prefixes and namespaces when names repeat', () => {
		const doc = parseXml('<p:r xmlns:p="urn:p"><p:a p:k="1"/><p:a p:k="2"/><a k="3"/></p:r>');
		const kids = doc.root.children as XmlElement[];
		expect(kids.map((k) => [k.name, k.local, k.prefix, k.uri])).toEqual([
			['p:a', 'a', 'p', 'urn:p'],
			['p:a', 'a', 'p', 'urn:p'],
			['a', 'a', '', ''],
		]);
		expect(kids.map((k) => k.attributes.map((x) => [x.name, x.local, x.prefix, x.uri, x.value]))).toEqual([
			[['p:k', 'k', 'p', 'urn:p', '1']],
			[['p:k', 'k', 'p', 'urn:p', '2']],
			[['k', 'k', '', '', '3']],
		]);
	});

	it('mismatched closing tags are still found without slicing names', () => {
		expect(failure(() => parseXml('<abc></abd>')).message).toMatch(/Mismatched closing tag <\/abd>, expected <\/abc>/);
		expect(failure(() => parseXml('<abc></ab>')).message).toMatch(/expected <\/abc>/);
		expect(failure(() => parseXml('<ab></abc>')).message).toMatch(/expected <\/ab>/);
	});
});

describe('toJson: stable arrays', () => {
	it('children named by alwaysArray are arrays with one, two or none of their siblings', () => {
		const arrays = (parent: string, child: string) => parent === 'Order' && child === 'Line';
		const view = (xml: string) => toJson(parseXml(xml), { alwaysArray: arrays });
		expect(view('<Order><Line>a</Line></Order>')).toEqual({ Order: { Line: ['a'] } });
		expect(view('<Order><Line>a</Line><Line>b</Line></Order>')).toEqual({ Order: { Line: ['a', 'b'] } });
		expect(view('<Order><Note>x</Note></Order>')).toEqual({ Order: { Note: 'x' } });
		// Others stay as before: arrays only when repeated.
		expect(view('<Order><Note>x</Note><Note>y</Note></Order>')).toEqual({ Order: { Note: ['x', 'y'] } });
		expect(view('<Other><Line>a</Line></Other>')).toEqual({ Other: { Line: 'a' } });
	});
});

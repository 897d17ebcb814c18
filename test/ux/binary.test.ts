import { JSON_FILE, TSV_FILE, XML_FILE, documentKindOf, fileNamePart } from '../../nodes/shared/binary';

describe('documents as files (nodes/shared/binary.ts)', () => {
	it('tells the kind of a downloaded Amazon document from its first characters (BOM and blank lines skipped)', () => {
		expect(documentKindOf(Buffer.from('<?xml version="1.0"?><AmazonEnvelope/>'))).toBe(XML_FILE);
		expect(documentKindOf(Buffer.from('\uFEFF\r\n  <ProcessingReport/>'))).toBe(XML_FILE);
		expect(documentKindOf(Buffer.from('{"header":{}}'))).toBe(JSON_FILE);
		expect(documentKindOf(Buffer.from('\n[1,2]'))).toBe(JSON_FILE);
		expect(documentKindOf(Buffer.from('Order ID\tOrder date\n1\t2'))).toBe(TSV_FILE);
		expect(documentKindOf(Buffer.alloc(0))).toBe(TSV_FILE);
		expect(TSV_FILE).toEqual({ mimeType: 'text/tab-separated-values', extension: 'tsv' });
	});

	it('file names from ids keep letters, digits, dot, dash and underscore only', () => {
		expect(fileNamePart('amzn1.spdoc.1.4.na.abc/../x', 'doc')).toBe('amzn1.spdoc.1.4.na.abc_.._x');
		expect(fileNamePart('  ', 'doc')).toBe('doc');
		expect(fileNamePart('../etc', 'doc')).toBe('etc');
	});
});

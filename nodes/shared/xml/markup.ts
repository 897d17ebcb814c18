/**
 * Markup other than elements and text: processing instructions (the XML declaration only first) and declarations,
 * where DOCTYPE and ENTITY are refused outright. Comments and CDATA are read by parser.ts.
 */
import { isNameChar } from './chars';
import { failAt } from './XmlError';

/** Where the processing instruction at `lt` ends; the XML declaration (`<?xml`) only at the start of the document. */
export function skipProcessingInstruction(s: string, lt: number): number {
	let i = lt + 2;
	const nameStart = i;
	while (i < s.length && isNameChar(s.charCodeAt(i))) i++;
	if (i === nameStart) failAt(s, 'Invalid processing instruction target', lt);
	const target = s.slice(nameStart, i);
	const end = s.indexOf('?>', i);
	if (end === -1) failAt(s, 'Unterminated processing instruction', lt);
	if (target.toLowerCase() === 'xml') {
		const bomOffset = s.charCodeAt(0) === 0xfeff ? 1 : 0;
		if (lt !== bomOffset) failAt(s, 'XML declaration is only allowed at the start of the document', lt);
	}
	return end + 2;
}

/** Any markup declaration other than a comment or CDATA: DOCTYPE and ENTITY are refused (no XXE, no entity expansion). */
export function refuseDeclaration(s: string, lt: number): never {
	const decl = s.slice(lt + 2, lt + 9).toUpperCase();
	if (decl.startsWith('DOCTYPE')) {
		failAt(s, 'DOCTYPE declarations are not allowed', lt, 'DOCTYPE_FORBIDDEN');
	}
	if (decl.startsWith('ENTITY')) {
		failAt(s, 'ENTITY declarations are not allowed', lt, 'ENTITY_FORBIDDEN');
	}
	failAt(s, 'Unexpected markup declaration', lt);
}

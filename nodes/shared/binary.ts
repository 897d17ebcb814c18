/**
 * Documents handed to n8n as files (an item's `binary`): their kinds and file names built from ids. The bytes go
 * through `this.helpers.prepareBinaryData` of the node's context, so n8n keeps them where its binary data mode says
 * (memory, filesystem, S3).
 */
import type { IBinaryData, IBinaryKeyData, INodeProperties } from 'n8n-workflow';

export interface DocumentKind {
	mimeType: string;
	extension: string;
}

export const XML_FILE: DocumentKind = { mimeType: 'application/xml', extension: 'xml' };
export const JSON_FILE: DocumentKind = { mimeType: 'application/json', extension: 'json' };
export const TSV_FILE: DocumentKind = { mimeType: 'text/tab-separated-values', extension: 'tsv' };

/**
 * The kind of a downloaded Amazon document from its first characters: XML (`<`), JSON (`{`, `[`), otherwise a flat file
 * (Amazon's text reports and text processing reports are tab-separated).
 */
export function documentKindOf(bytes: Buffer): DocumentKind {
	let k = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
	while (k < bytes.length && (bytes[k] === 0x20 || bytes[k] === 0x09 || bytes[k] === 0x0a || bytes[k] === 0x0d)) k++;
	const c = bytes[k];
	if (c === 0x3c) return XML_FILE;
	if (c === 0x7b || c === 0x5b) return JSON_FILE;
	return TSV_FILE;
}

/** A value made safe as part of a file name: runs of anything but letters, digits, `.`, `-`, `_` become `_`. */
export function fileNamePart(value: string | null | undefined, fallback: string): string {
	const s = String(value ?? '')
		.trim()
		.replace(/[^A-Za-z0-9._-]+/g, '_')
		.replace(/^[._]+/, '')
		.slice(0, 120);
	return s || fallback;
}

/** The parameter naming the output binary field (n8n's wording), shown where `show` says. */
export function outputBinaryField(show: Record<string, Array<string | boolean>>, what = 'file'): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		displayOptions: { show },
		hint: `The name of the output binary field to put the ${what} in`,
	};
}

/** `{ [field]: file }` for an item's `binary`; the field name falls back to `data` when left empty. */
export async function binaryFile(
	ctx: { helpers: { prepareBinaryData(bytes: Buffer, fileName?: string, mimeType?: string): Promise<IBinaryData> } },
	field: unknown,
	bytes: Buffer,
	fileName: string,
	kind: DocumentKind,
): Promise<IBinaryKeyData> {
	const name = String(field ?? '').trim() || 'data';
	return { [name]: await ctx.helpers.prepareBinaryData(bytes, fileName, kind.mimeType) };
}

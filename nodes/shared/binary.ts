/**
 * Documents handed to n8n as files (an item's `binary`): their kinds and file names built from ids. The bytes go
 * through `this.helpers.prepareBinaryData` of the node's context.
 */

export interface DocumentKind {
	mimeType: string;
	extension: string;
}

export const XML_FILE: DocumentKind = { mimeType: 'application/xml', extension: 'xml' };
export const JSON_FILE: DocumentKind = { mimeType: 'application/json', extension: 'json' };

/** A value made safe as part of a file name: runs of anything but letters, digits, `.`, `-`, `_` become `_`. */
export function fileNamePart(value: string | null | undefined, fallback: string): string {
	const s = String(value ?? '')
		.trim()
		.replace(/[^A-Za-z0-9._-]+/g, '_')
		.replace(/^[._]+/, '')
		.slice(0, 120);
	return s || fallback;
}

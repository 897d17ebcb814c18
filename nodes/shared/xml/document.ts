/**
 * What the XML reader gives (a read-only tree of elements and text) and the options that bound it: input size, depth,
 * attributes, nodes and text length (their defaults). Read by parser.ts.
 */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface XmlText {
	type: 'text';
	value: string;
}

export interface XmlAttribute {
	/** Qualified name as written (`xsi:schemaLocation`). */
	name: string;
	/** Local part (`schemaLocation`). */
	local: string;
	/** Prefix as written, '' when none. */
	prefix: string;
	/** Namespace URI ('' for unprefixed attributes, as per Namespaces in XML). */
	uri: string;
	value: string;
}

export interface XmlElement {
	type: 'element';
	/** Qualified name as written (`ns0:SyncShipment`). */
	name: string;
	/** Local name (`SyncShipment`). */
	local: string;
	/** Prefix as written, '' when none. */
	prefix: string;
	/** Resolved namespace URI, '' when in no namespace. */
	uri: string;
	/** Attributes other than namespace declarations, in document order. */
	attributes: XmlAttribute[];
	/** Namespace declarations made on this element (prefix '' = default namespace). */
	namespaces?: Record<string, string>;
	children: XmlNode[];
}

export type XmlNode = XmlElement | XmlText;

export interface XmlDocument {
	root: XmlElement;
}

export interface XmlParseOptions {
	/** Maximum input size in bytes (UTF-8 bytes for Buffers, UTF-16 code units for strings). Default 10 MiB. */
	maxBytes?: number;
	/** Maximum element nesting depth. Default 256. */
	maxDepth?: number;
	/** Maximum attributes (incl. namespace declarations) on one element. Default 256. */
	maxAttributes?: number;
	/** Maximum nodes: elements + attributes (namespace declarations included) + text runs. Default 100,000. */
	maxNodes?: number;
	/** Maximum length (UTF-16 code units) of one text node or attribute value. Default 1 MiB. */
	maxTextLength?: number;
	/** Keep text nodes that contain only whitespace. Default false. */
	preserveWhitespace?: boolean;
	/** Charset the transport declared (HTTP Content-Type), for byte input without BOM or declared encoding. */
	charset?: string | null;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 256;
export const DEFAULT_MAX_ATTRIBUTES = 256;
export const DEFAULT_MAX_NODES = 100_000;
export const DEFAULT_MAX_TEXT_LENGTH = 1024 * 1024;

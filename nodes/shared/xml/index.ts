export { XmlError, positionOf, type XmlErrorCode } from './XmlError';
export { parseXml } from './parser';
export {
	DEFAULT_MAX_BYTES,
	DEFAULT_MAX_DEPTH,
	DEFAULT_MAX_ATTRIBUTES,
	DEFAULT_MAX_NODES,
	DEFAULT_MAX_TEXT_LENGTH,
	XML_NS,
	XMLNS_NS,
	type XmlAttribute,
	type XmlDocument,
	type XmlElement,
	type XmlNode,
	type XmlParseOptions,
	type XmlText,
} from './document';
export {
	contentTypeCharset,
	decodeTextStrict,
	decodeXmlBytes,
	detectXmlEncoding,
	firstInvalidUtf8,
	type DetectedEncoding,
	type EncodingSource,
} from './encoding';
export {
	attr,
	childElements,
	directText,
	firstChild,
	select,
	selectElement,
	selectFirst,
	selectValues,
	textContent,
	toJson,
	validatePath,
	type JsonValue,
	type SelectOptions,
	type ToJsonOptions,
} from './tree';

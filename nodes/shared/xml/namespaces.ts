/**
 * Namespaces in XML: the scopes of open elements, prefix lookup, and the namespace declarations an element makes
 * (checked: no undeclared prefix, xmlns never declared, xml only for its own namespace).
 */
import { XML_NS, type XmlAttribute } from './document';
import { failAt } from './XmlError';

export interface NsScope {
	map: Record<string, string>;
	parent: NsScope | null;
}

export function lookupNs(scope: NsScope | null, prefix: string): string | undefined {
	for (let s = scope; s !== null; s = s.parent) {
		if (Object.prototype.hasOwnProperty.call(s.map, prefix)) return s.map[prefix];
	}
	return undefined;
}

/** The namespace declarations among an element's attributes (`attrAt`: where each starts); undefined = none. */
export function declaredNamespaces(source: string, attrs: XmlAttribute[], attrAt: number[]): Record<string, string> | undefined {
	let declared: Record<string, string> | undefined;
	for (let k = 0; k < attrs.length; k++) {
		const a = attrs[k];
		let prefix: string | null = null;
		if (a.name === 'xmlns') prefix = '';
		else if (a.name.startsWith('xmlns:')) {
			const at = attrAt[k];
			prefix = a.name.slice(6);
			if (prefix === '' || prefix.indexOf(':') !== -1) failAt(source, `Invalid namespace declaration ${a.name}`, at, 'NAMESPACE');
			if (a.value === '') failAt(source, `Namespace prefix ${prefix} cannot be undeclared`, at, 'NAMESPACE');
			if (prefix === 'xmlns') failAt(source, 'The xmlns prefix cannot be declared', at, 'NAMESPACE');
			if ((prefix === 'xml') !== (a.value === XML_NS)) {
				failAt(source, 'The xml prefix and its namespace cannot be rebound', at, 'NAMESPACE');
			}
		}
		if (prefix !== null) {
			if (declared === undefined) declared = {};
			Object.defineProperty(declared, prefix, {
				value: a.value,
				enumerable: true,
				writable: true,
				configurable: true,
			});
		}
	}
	return declared;
}

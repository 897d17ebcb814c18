/**
 * References in text and attribute values: the five predefined entities and character references (decimal, hex),
 * expanded in place; any other entity is refused (no DOCTYPE, so nothing else can be defined).
 */
import { isAllowedCodePoint } from './chars';
import type { TextBuilder } from './textBuilder';
import { failAt } from './XmlError';

const PREDEFINED: Array<[string, string]> = [
	['amp', '&'],
	['lt', '<'],
	['gt', '>'],
	['quot', '"'],
	['apos', "'"],
];

/** The replacement of the predefined entity named by s[start, end), compared in place. */
function predefinedAt(s: string, start: number, end: number): string | undefined {
	for (const [name, value] of PREDEFINED) {
		if (end - start === name.length && s.startsWith(name, start)) return value;
	}
	return undefined;
}

/**
 * Expands predefined entities and character references in `raw` (which starts at `offset` in
 * the source; offsets are approximate after CRLF normalisation, which only shortens text).
 */
export function decodeEntities(source: string, raw: string, offset: number, out: TextBuilder): string {
	// References are read in place: a body of a million `&amp;` must not make a million small strings.
	let last = 0;
	let amp = raw.indexOf('&');
	while (amp !== -1) {
		if (amp > last) out.push(raw.slice(last, amp));
		const semi = raw.indexOf(';', amp + 1);
		if (semi === -1 || semi - amp > 32) {
			failAt(source, "Unescaped '&' or unterminated entity reference", offset + amp);
		}
		if (raw.charCodeAt(amp + 1) === 35 /* # */) {
			const hex = raw.charCodeAt(amp + 2) === 120; /* x */
			let cp = 0;
			let digits = 0;
			for (let k = amp + (hex ? 3 : 2); k < semi; k++) {
				const d = raw.charCodeAt(k);
				let v = -1;
				if (d >= 48 && d <= 57) v = d - 48;
				else if (hex && d >= 65 && d <= 70) v = d - 55;
				else if (hex && d >= 97 && d <= 102) v = d - 87;
				if (v < 0 || ++digits > (hex ? 8 : 10)) {
					cp = -1;
					break;
				}
				cp = cp * (hex ? 16 : 10) + v;
			}
			if (cp < 0 || digits === 0 || !isAllowedCodePoint(cp)) {
				failAt(source, `Invalid character reference &${raw.slice(amp + 1, semi)};`, offset + amp);
			}
			out.push(String.fromCodePoint(cp));
		} else {
			const predefined = predefinedAt(raw, amp + 1, semi);
			if (predefined === undefined) {
				failAt(
					source,
					`Undefined entity &${raw.slice(amp + 1, Math.min(semi, amp + 41))}; (only the predefined XML entities are allowed)`,
					offset + amp,
					'UNDEFINED_ENTITY',
				);
			}
			out.push(predefined);
		}
		last = semi + 1;
		amp = raw.indexOf('&', last);
	}
	if (last < raw.length) out.push(raw.slice(last));
	return out.take();
}

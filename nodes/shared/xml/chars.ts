/**
 * Characters of XML 1.0 + Namespaces as the reader tests them: code units it branches on, whitespace, name start and
 * name characters (astral ones by their surrogates), characters not allowed anywhere.
 */
export const CH_TAB = 9;
export const CH_LF = 10;
export const CH_CR = 13;
export const CH_SPACE = 32;
export const CH_BANG = 33;
export const CH_DQUOTE = 34;
export const CH_SQUOTE = 39;
export const CH_MINUS = 45;
export const CH_DOT = 46;
export const CH_SLASH = 47;
export const CH_COLON = 58;
export const CH_EQ = 61;
export const CH_GT = 62;
export const CH_QMARK = 63;
export const CH_UNDERSCORE = 95;

export function isWs(c: number): boolean {
	return c === CH_SPACE || c === CH_LF || c === CH_TAB || c === CH_CR;
}

export function isNameStart(c: number): boolean {
	return (
		(c >= 97 && c <= 122) || // a-z
		(c >= 65 && c <= 90) || // A-Z
		c === CH_UNDERSCORE ||
		c === CH_COLON ||
		(c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c <= 0x2ff) ||
		(c >= 0x370 && c <= 0xfffd && c !== 0x37e && !(c >= 0x2000 && c <= 0x206f && c !== 0x200c && c !== 0x200d)) ||
		(c >= 0xd800 && c <= 0xdbff) // high surrogate: astral name characters
	);
}

export function isNameChar(c: number): boolean {
	return (
		isNameStart(c) ||
		(c >= 48 && c <= 57) ||
		c === CH_MINUS ||
		c === CH_DOT ||
		c === 0xb7 ||
		(c >= 0x300 && c <= 0x36f) ||
		c === 0x203f ||
		c === 0x2040 ||
		(c >= 0xdc00 && c <= 0xdfff) // low surrogate
	);
}

/** Characters XML 1.0 does not allow anywhere (C0 controls other than TAB/LF/CR, U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex
export const INVALID_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function isAllowedCodePoint(cp: number): boolean {
	return (
		cp === 0x9 ||
		cp === 0xa ||
		cp === 0xd ||
		(cp >= 0x20 && cp <= 0xd7ff) ||
		(cp >= 0xe000 && cp <= 0xfffd) ||
		(cp >= 0x10000 && cp <= 0x10ffff)
	);
}

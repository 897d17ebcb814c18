/**
 * Secret redaction for everything a node outputs or throws. Two layers: the exact values of the credential in use
 * (passwords, client secrets, refresh/access tokens, AWS keys, ION service-account keys) and patterns that catch
 * credential-derived values we were never given (a token a proxy echoes back, a signed URL, an Authorization header).
 */
import type { IDataObject } from 'n8n-workflow';

export const MASK = '***';

/** Values shorter than this are not redacted by value (they would blank out ordinary words). */
const MIN_SECRET_LENGTH = 6;

const KEY_NAMES =
	'authorization|proxy-authorization|x-amz-access-token|x-amz-security-token|x-api-key|cookie|set-cookie|' +
	'access_token|refresh_token|client_secret|accessToken|refreshToken|clientSecret|secretAccessKey|sessionToken|' +
	'password|passwd|secret|apiKey|api_key|saak|sask|cs';

const PATTERNS: Array<[RegExp, string]> = [
	// LWA access/refresh tokens, grantless and restricted data tokens
	[/\b(Atza|Atzr|Atc|Atz\.sprdt)\|[^\s"'&,;<>}\]]+/g, `$1|${MASK}`],
	[/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${MASK}`],
	// query-string / form / header-line forms: name=value, name: value
	[
		/\b(X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature|client_secret|refresh_token|access_token|password|AWSAccessKeyId)=([^&\s"',;<>]+)/gi,
		`$1=${MASK}`,
	],
	// JSON-ish "name": "value" (headers echoed into an error body, token responses)
	[new RegExp(`(["'](?:${KEY_NAMES})["']\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), `$1"${MASK}"`],
	// AWS SigV4 Authorization header parts
	[/\b(Credential|Signature)=[A-Za-z0-9/_+=.-]{8,}/g, `$1=${MASK}`],
];

/** Cheap pre-check: texts without any of these cannot match a pattern. */
const QUICK = /Atz|Atc|Bearer|Basic|=|:/i;

const SECRET_KEY = new RegExp(`^(?:${KEY_NAMES})$`, 'i');

/** Removes known secret values and secret-looking fragments from a text. */
export function redactText(text: string, secrets: readonly string[] = []): string {
	let out = text;
	for (const s of secrets) {
		if (s && s.length >= MIN_SECRET_LENGTH && out.includes(s)) out = out.split(s).join(MASK);
	}
	if (!QUICK.test(out)) return out;
	for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
	return out;
}

/**
 * Deep copy of a value with every string redacted and every property named like a credential field masked.
 * Depth-limited (cycles and very deep structures end in "[…]").
 */
export function redactValue<T>(value: T, secrets: readonly string[] = [], depth = 0): T {
	if (typeof value === 'string') return redactText(value, secrets) as unknown as T;
	if (value === null || typeof value !== 'object') return value;
	if (depth > 12) return '[…]' as unknown as T;
	if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1)) as unknown as T;
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(value as IDataObject)) {
		out[k] = SECRET_KEY.test(k) && v !== '' && v !== null && v !== undefined ? MASK : redactValue(v, secrets, depth + 1);
	}
	return out as unknown as T;
}

/** The values of the given credential fields that are set (for redactText / redactValue). */
export function secretsOf(credentials: Record<string, unknown> | undefined, fields: readonly string[]): string[] {
	if (!credentials) return [];
	const out: string[] = [];
	for (const f of fields) {
		const v = credentials[f];
		if (typeof v === 'string' && v.trim()) out.push(v.trim());
	}
	return out;
}

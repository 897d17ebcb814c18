/** Per-country postal-code normalisation and state/province codes (for M3 PONO A10 and ECAR A2). */
import { issue, type Issue } from './result';

export type PostalResult = { ok: true; value: string; warning?: Issue } | { ok: false; issue: Issue };

const FIVE_DIGIT_PAD = new Set(['DE', 'FR', 'IT', 'ES', 'TR', 'MX', 'FI']);
const FOUR_DIGIT = new Set(['AT', 'BE', 'CH', 'DK', 'NO', 'AU', 'NZ', 'ZA', 'HU', 'LU', 'BG']);

export function normalizePostalCode(raw: string, country: string, path = 'postalCode'): PostalResult {
	const cc = country.toUpperCase();
	const s = raw.trim().toUpperCase().replace(/\s+/g, ' ');
	const compact = s.replace(/[\s-]/g, '');
	const bad = (expected: string): PostalResult => ({
		ok: false,
		issue: issue(path, 'invalid_postal_code', `Postal code "${raw}" is not a valid ${cc} postal code (${expected})`),
	});
	let out: string;
	let warning: Issue | undefined;
	switch (cc) {
		case 'US':
		case 'PR':
			if (/^\d{5}$/.test(compact)) out = compact;
			else if (/^\d{9}$/.test(compact)) out = compact.slice(0, 5) + '-' + compact.slice(5);
			else return bad('ZIP 12345 or ZIP+4 12345-6789');
			break;
		case 'CA':
			if (!/^[A-Z]\d[A-Z]\d[A-Z]\d$/.test(compact)) return bad('A1A 1A1');
			out = compact.slice(0, 3) + ' ' + compact.slice(3);
			break;
		case 'GB':
		case 'UK':
		case 'GG':
		case 'JE':
		case 'IM':
			if (!/^([A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}|GIR0AA)$/.test(compact)) return bad('e.g. SW1A 1AA');
			out = compact.slice(0, compact.length - 3) + ' ' + compact.slice(compact.length - 3);
			break;
		case 'IE':
			if (!/^[A-Z\d]{3}[A-Z\d]{4}$/.test(compact)) return bad('Eircode e.g. D02 X285');
			out = compact.slice(0, 3) + ' ' + compact.slice(3);
			break;
		case 'NL':
			if (!/^\d{4}[A-Z]{2}$/.test(compact)) return bad('1234 AB');
			out = compact.slice(0, 4) + ' ' + compact.slice(4);
			break;
		case 'BR':
			if (!/^\d{8}$/.test(compact)) return bad('12345-678');
			out = compact.slice(0, 5) + '-' + compact.slice(5);
			break;
		case 'JP':
			if (!/^\d{7}$/.test(compact)) return bad('123-4567');
			out = compact.slice(0, 3) + '-' + compact.slice(3);
			break;
		case 'PL':
			if (!/^\d{5}$/.test(compact)) return bad('12-345');
			out = compact.slice(0, 2) + '-' + compact.slice(2);
			break;
		case 'SE':
			if (!/^\d{5}$/.test(compact)) return bad('123 45');
			out = compact.slice(0, 3) + ' ' + compact.slice(3);
			break;
		case 'IN':
		case 'SG':
			if (!/^\d{6}$/.test(compact)) return bad('6 digits');
			out = compact;
			break;
		default:
			if (FIVE_DIGIT_PAD.has(cc)) {
				if (/^\d{4}$/.test(compact)) {
					out = '0' + compact;
					warning = issue(path, 'postal_code_padded', `Postal code "${raw}" padded to "${out}" (leading zero lost upstream?)`);
				} else if (/^\d{5}$/.test(compact)) out = compact;
				else return bad('5 digits');
			} else if (FOUR_DIGIT.has(cc)) {
				if (!/^\d{4}$/.test(compact)) return bad('4 digits');
				out = compact;
			} else out = s;
	}
	if (out.length > 10) {
		return { ok: false, issue: issue(path, 'field_too_long', `Postal code "${out}" is longer than M3 PONO (10)`) };
	}
	return warning ? { ok: true, value: out, warning } : { ok: true, value: out };
}

const US_STATES: Record<string, string> = {
	ALABAMA: 'AL', ALASKA: 'AK', ARIZONA: 'AZ', ARKANSAS: 'AR', CALIFORNIA: 'CA', COLORADO: 'CO', CONNECTICUT: 'CT',
	DELAWARE: 'DE', 'DISTRICT OF COLUMBIA': 'DC', FLORIDA: 'FL', GEORGIA: 'GA', HAWAII: 'HI', IDAHO: 'ID', ILLINOIS: 'IL',
	INDIANA: 'IN', IOWA: 'IA', KANSAS: 'KS', KENTUCKY: 'KY', LOUISIANA: 'LA', MAINE: 'ME', MARYLAND: 'MD',
	MASSACHUSETTS: 'MA', MICHIGAN: 'MI', MINNESOTA: 'MN', MISSISSIPPI: 'MS', MISSOURI: 'MO', MONTANA: 'MT',
	NEBRASKA: 'NE', NEVADA: 'NV', 'NEW HAMPSHIRE': 'NH', 'NEW JERSEY': 'NJ', 'NEW MEXICO': 'NM', 'NEW YORK': 'NY',
	'NORTH CAROLINA': 'NC', 'NORTH DAKOTA': 'ND', OHIO: 'OH', OKLAHOMA: 'OK', OREGON: 'OR', PENNSYLVANIA: 'PA',
	'RHODE ISLAND': 'RI', 'SOUTH CAROLINA': 'SC', 'SOUTH DAKOTA': 'SD', TENNESSEE: 'TN', TEXAS: 'TX', UTAH: 'UT',
	VERMONT: 'VT', VIRGINIA: 'VA', WASHINGTON: 'WA', 'WEST VIRGINIA': 'WV', WISCONSIN: 'WI', WYOMING: 'WY',
	'PUERTO RICO': 'PR', GUAM: 'GU', 'VIRGIN ISLANDS': 'VI', 'AMERICAN SAMOA': 'AS', 'NORTHERN MARIANA ISLANDS': 'MP',
	'ARMED FORCES AMERICAS': 'AA', 'ARMED FORCES EUROPE': 'AE', 'ARMED FORCES PACIFIC': 'AP',
};
const CA_PROVINCES: Record<string, string> = {
	ALBERTA: 'AB', 'BRITISH COLUMBIA': 'BC', MANITOBA: 'MB', 'NEW BRUNSWICK': 'NB', 'NEWFOUNDLAND AND LABRADOR': 'NL',
	NEWFOUNDLAND: 'NL', 'NOVA SCOTIA': 'NS', 'NORTHWEST TERRITORIES': 'NT', NUNAVUT: 'NU', ONTARIO: 'ON',
	'PRINCE EDWARD ISLAND': 'PE', QUEBEC: 'QC', 'QUÉBEC': 'QC', SASKATCHEWAN: 'SK', YUKON: 'YT',
};
const US_CODES = new Set(Object.values(US_STATES));
const CA_CODES = new Set(Object.values(CA_PROVINCES));

/**
 * State/region -> M3 ECAR (A2). For US/CA a code is required (unknown -> issue); elsewhere a 1-2 character region
 * code is taken as is and anything longer is returned as `text` so the caller can keep it in an address line.
 */
export function stateCode(
	raw: string | undefined,
	country: string,
	path = 'stateOrRegion',
): { ok: true; code?: string; text?: string } | { ok: false; issue: Issue } {
	const cc = country.toUpperCase();
	if (!raw || !raw.trim()) {
		if (cc === 'US' || cc === 'CA') return { ok: false, issue: issue(path, 'missing_state', `A ${cc} address needs a state/province`) };
		return { ok: true };
	}
	const up = raw.trim().toUpperCase().replace(/\./g, '');
	if (cc === 'US' || cc === 'CA') {
		const codes = cc === 'US' ? US_CODES : CA_CODES;
		const names = cc === 'US' ? US_STATES : CA_PROVINCES;
		if (codes.has(up)) return { ok: true, code: up };
		const byName = names[up];
		if (byName) return { ok: true, code: byName };
		return { ok: false, issue: issue(path, 'invalid_state', `"${raw}" is not a ${cc} state/province`) };
	}
	if (/^[A-Z0-9]{1,2}$/.test(up)) return { ok: true, code: up };
	return { ok: true, text: raw.trim() };
}

/**
 * A canonical Address -> M3 AddBatchAddress fields (36-character lines CUA1..CUA4, TOWN, PONO, ECAR, phones), for the
 * order plan (m3Order.ts): word-wrapped, never truncated; what does not fit is an issue or a warning.
 */
import type { Address } from '../canonical/schemas';
import { normalizePostalCode, stateCode } from './postal';
import { issue, type Issue } from './result';

const WIDTH = 36;

/** Word-wraps text into chunks of at most `width`; words longer than width are split (nothing is dropped). */
export function wrapText(text: string, width: number): string[] {
	if (text.length <= width && text.indexOf('  ') < 0) {
		const t = text.trim();
		return t ? [t] : [];
	}
	const words = text.trim().split(/\s+/);
	const out: string[] = [];
	let cur = '';
	for (let w of words) {
		if (!w) continue;
		while (w.length > width) {
			if (cur) {
				out.push(cur);
				cur = '';
			}
			out.push(w.slice(0, width));
			w = w.slice(width);
		}
		if (!cur) cur = w;
		else if (cur.length + 1 + w.length <= width) cur += ' ' + w;
		else {
			out.push(cur);
			cur = w;
		}
	}
	if (cur) out.push(cur);
	return out;
}

/** Address -> AddBatchAddress fields (CUNM, CUA1..4, TOWN, PONO, CSCD, ECAR, PHNO/PHN2); never truncates. */
export function splitAddress(a: Address, fallbackName: string | undefined, base = 'shipTo'): { fields: Record<string, string>; issues: Issue[]; warnings: Issue[] } {
	const issues: Issue[] = [];
	const warnings: Issue[] = [];
	const f: Record<string, string> = { ADRT: '1' };
	const name = a.name ?? a.companyName ?? fallbackName;
	const mandatory: string[] = [];
	if (!name) issues.push(issue(base + '.name', 'missing_name', 'Delivery address has no name'));
	else {
		const nm = wrapText(name, WIDTH);
		f.CUNM = nm[0] ?? '';
		for (let i = 1; i < nm.length; i++) mandatory.push(nm[i]);
	}
	if (a.companyName && a.companyName !== name) mandatory.push(...wrapText(a.companyName, WIDTH));
	for (const l of a.lines) mandatory.push(...wrapText(l, WIDTH));
	if (a.lines.length === 0) issues.push(issue(base + '.lines', 'missing_street', 'Delivery address has no street line'));
	const optional: Array<{ text: string; what: string }> = [];
	if (a.district && !a.lines.some((l) => l.includes(a.district as string)) && a.district !== a.city) optional.push({ text: a.district, what: 'district' });

	const cc = a.countryCode.toUpperCase();
	f.CSCD = cc;
	const st = stateCode(a.stateOrRegion, cc, base + '.stateOrRegion');
	if (!st.ok) issues.push(st.issue);
	else {
		if (st.code) f.ECAR = st.code;
		if (st.text && st.text !== a.city) optional.push({ text: st.text, what: 'region' });
	}
	if (a.city) {
		if (a.city.length <= 20) f.TOWN = a.city;
		else {
			// TOWN keeps the leading words; the full city goes into an address line so nothing is lost
			const w = wrapText(a.city, 20);
			f.TOWN = w[0];
			mandatory.push(...wrapText(a.city, WIDTH));
			warnings.push(issue(base + '.city', 'town_overflow', `City "${a.city}" is longer than TOWN (20); full name kept in an address line`));
		}
	} else issues.push(issue(base + '.city', 'missing_city', 'Delivery address has no city'));
	if (mandatory.length > 4) {
		issues.push(issue(base + '.lines', 'address_overflow', `Address needs ${mandatory.length} lines of ${WIDTH} characters; M3 has CUA1..CUA4`));
	}
	const lines = mandatory.slice(0, 4);
	for (const o of optional) {
		const w = wrapText(o.text, WIDTH);
		if (lines.length + w.length <= 4) lines.push(...w);
		else warnings.push(issue(base, 'address_line_dropped', `No free address line for ${o.what} "${o.text}"`));
	}
	for (let i = 0; i < 4; i++) f['CUA' + (i + 1)] = lines[i] ?? '';
	if (a.postalCode) {
		const pc = normalizePostalCode(a.postalCode, cc, base + '.postalCode');
		if (!pc.ok) issues.push(pc.issue);
		else {
			f.PONO = pc.value;
			if (pc.warning) warnings.push(pc.warning);
		}
	} else if (cc === 'US' || cc === 'CA' || cc === 'GB') issues.push(issue(base + '.postalCode', 'missing_postal_code', `A ${cc} address needs a postal code`));
	if (a.phone) {
		const ph = a.phone.replace(/[\s()./-]/g, '').replace(/ext\S*$/i, '');
		const full = a.phone.trim();
		if (ph.length <= 10) f.PHNO = ph;
		else if (full.length <= 16) f.PHN2 = full;
		else if (ph.length <= 16) f.PHN2 = ph;
		else warnings.push(issue(base + '.phone', 'phone_too_long', `Phone "${a.phone}" fits neither PHNO (10) nor PHN2 (16); not sent`));
	}
	return { fields: f, issues, warnings };
}

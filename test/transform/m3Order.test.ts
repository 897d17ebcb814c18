import { amazonOrderToCanonical } from '../../nodes/shared/mapping/amazonOrder';
import { canonicalOrderToM3Plan, splitAddress, wrapText, type M3OrderOptions } from '../../nodes/shared/mapping/m3Order';
import { normalizePostalCode, stateCode } from '../../nodes/shared/mapping/postal';
import type { Order } from '../../nodes/shared/canonical/schemas';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require('./helpers.js');

const options: M3OrderOptions = {
	customerMap: { ATVPDKIKX0DER: 'AMZUS01', 'ATVPDKIKX0DER:B2B': { CUNO: 'AMZUSB2B', ORTP: 'B01' }, A1PA6795UKMFR9: 'AMZDE01' },
	headDefaults: { ORTP: 'A01', FACI: 'A01', WHLO: '001' },
	skuMap: { 'ECHO-POP-US-BLK': 'EP-BLK', 'ECHO-DOT-5': 'ED5', NABetaASINB00551Q3CS: 'CARDBOOK', 'MUG-DE-01': 'MUG01' },
};

function canonical(name: string): Order {
	const r = amazonOrderToCanonical(h.fixture(name));
	if (!r.ok) throw new Error(JSON.stringify(r.issues));
	return r.value;
}

describe('canonical Order -> M3 batch order plan', () => {
	it('produces the plan of docs/contracts.md', () => {
		const raw = h.fixture('order-2026-us-mfn.json');
		const r = canonicalOrderToM3Plan(canonical('order-2026-us-mfn.json'), {
			...options,
			customFields: [
				{ source: 'amazon.orderAliases[0].aliasId', target: 'OOHEAD.A030' },
				{ source: 'canonical.isPrime', target: 'OOHEAD.A130' },
				{ source: 'amazon.salesChannel.marketplaceName', target: 'OREF' },
			],
		}, raw.order);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const p = r.value;
		expect(Object.keys(p).sort()).toEqual(['address', 'charges', 'customFields', 'head', 'lines', 'source', 'tax', 'texts']);
		// US prices exclude tax (net); no marketplace-facilitator data in this fixture: the seller's tax is due on top
		expect(p.tax).toEqual({ scheme: 'STANDARD', priceMode: 'net', destination: 'US', net: '59.45', amazonTax: '4.00', amountDue: '63.45' });
		expect(p.head).toEqual({
			CUNO: 'AMZUSB2B', ORTP: 'B01', FACI: 'A01', WHLO: '001', CUOR: '113-1234567-1234567',
			ORDT: '20261129', CUDT: '20261129', CUCD: 'USD', YREF: 'PO-778899', OREF: 'Amazon.com',
		});
		expect(p.address).toEqual({
			ADRT: '1', CUNM: 'Jane Doe', CUA1: 'Doe Industries LLC', CUA2: '1200 Twelfth Avenue South',
			CUA3: 'Building 7, Receiving Dock 3', CUA4: '', TOWN: 'Seattle', PONO: '98144-1234', CSCD: 'US', ECAR: 'WA',
			PHN2: '+1 206 555 0100',
		});
		expect(p.lines).toEqual([
			{ ITNO: 'EP-BLK', ORQT: '2', SAPR: '19.99', CUOR: '11498765431234', DIA1: '2.00' },
			{ ITNO: 'ED5', ORQT: '1', SAPR: '14.98', CUOR: '11498765435678' },
		]);
		// shipping 4.99 - shipping discount 1.00 on one CRID; gift wrap separately; tax ignored by default
		expect(p.charges).toEqual([
			{ CRID: 'SHIP', CRAM: '3.99', CUCD: 'USD' },
			{ CRID: 'GIFT', CRAM: '2.50', CUCD: 'USD' },
		]);
		expect(p.texts).toEqual([{ type: 'line', line: 1, orderItemId: '11498765431234', text: 'Happy holidays!' }]);
		expect(p.customFields).toEqual([{ FILE: 'OOHEAD', values: { A030: 'SO-1001', A130: 'true' } }]);
		expect(p.source).toEqual({ system: 'amazon', id: '113-1234567-1234567' });
		for (const v of Object.values(p.head)) expect(typeof v).toBe('string');
	});

	it('supports identity and M3-alias item modes', () => {
		const o = canonical('order-2026-us-mfn.json');
		const id = canonicalOrderToM3Plan(o, { ...options, itemMode: 'identity' });
		expect(id.ok && id.value.lines.map((l) => l.ITNO)).toEqual(['ECHO-POP-US-BLK', 'ECHO-DOT-5']);
		const long = canonicalOrderToM3Plan({ ...o, lines: [{ ...o.lines[0], sku: 'SIXTEEN-CHARS-XX' }] }, { ...options, itemMode: 'identity' });
		expect(!long.ok && long.issues.map((i) => i.code)).toEqual(['field_too_long']);
		const al = canonicalOrderToM3Plan(o, { ...options, itemMode: 'alias', aliasType: '2', aliasQualifier: 'AMZ' });
		expect(al.ok && al.value.lines[0]).toEqual({ POPN: 'ECHO-POP-US-BLK', ALWT: '2', ALWQ: 'AMZ', ORQT: '2', SAPR: '19.99', CUOR: '11498765431234', DIA1: '2.00' });
		const al2 = canonicalOrderToM3Plan(o, { ...options, itemMode: 'alias' });
		expect(al2.ok && al2.value.lines[1]).toEqual({ POPN: 'ECHO-DOT-5', ORQT: '1', SAPR: '14.98', CUOR: '11498765435678' });
	});

	it('sends taxes and discounts as charges when asked', () => {
		const r = canonicalOrderToM3Plan(canonical('order-2026-us-mfn.json'), { ...options, taxMode: 'charge', discountMode: 'charge' });
		expect(r.ok && r.value.charges).toEqual([
			{ CRID: 'SHIP', CRAM: '3.99', CUCD: 'USD' },
			{ CRID: 'GIFT', CRAM: '2.50', CUCD: 'USD' },
			{ CRID: 'DISC', CRAM: '-2.00', CUCD: 'USD' },
			{ CRID: 'TAX', CRAM: '4.00', CUCD: 'USD' },
		]);
		expect(r.ok && r.value.lines[0].DIA1).toBeUndefined();
	});

	it('puts invalid orders in issues: SKU not in map, unmapped charge, unmapped customer', () => {
		const o = canonical('order-2026-us-mfn.json');
		const r = canonicalOrderToM3Plan(o, { customerMap: {}, skuMap: {}, chargeMap: { SHIPPING: 'SHIP' } });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		const codes = r.issues.map((i) => i.code);
		expect(codes).toEqual(expect.arrayContaining(['customer_not_mapped', 'sku_not_mapped', 'charge_not_mapped']));
		expect(r.issues.find((i) => i.code === 'sku_not_mapped')?.path).toBe('lines[0].sku');
	});

	it('maps an FBA order without address and a v0 order', () => {
		const fba = canonicalOrderToM3Plan(canonical('order-2026-de-fba.json'), options);
		expect(fba.ok && fba.value.address).toBeNull();
		expect(fba.ok && fba.value.head.CUNO).toBe('AMZDE01');
		expect(fba.ok && fba.value.head.ORDT).toBe('20261128');
		const v0 = canonicalOrderToM3Plan(canonical('order-v0-us.json'), options);
		expect(v0.ok && v0.value.lines).toEqual([{ ITNO: 'CARDBOOK', ORQT: '3', SAPR: '10.00', CUOR: '05015851154158', DIA1: '5.00' }]);
		expect(v0.ok && v0.value.charges).toEqual([]); // shipping 5.00 fully discounted
		expect(v0.ok && v0.value.address?.PHN2).toBe('+14803860930');
	});

	it('rejects a missing address for MFN and bad custom field targets', () => {
		const o = canonical('order-2026-us-mfn.json');
		const r = canonicalOrderToM3Plan({ ...o, shipTo: null }, { ...options, customFields: [{ source: 'x', target: 'OOHEAD.B999', default: 'v' }] });
		expect(!r.ok && r.issues.map((i) => i.code).sort()).toEqual(['invalid_target', 'missing_address']);
	});
});

describe('address split and postal normalisation', () => {
	it('wraps words without losing text', () => {
		expect(wrapText('a'.repeat(40), 36)).toEqual(['a'.repeat(36), 'aaaa']);
		expect(wrapText('one two three', 7)).toEqual(['one two', 'three']);
	});
	it('overflows long names and streets into CUA lines, never truncates', () => {
		const s = splitAddress(
			{ name: 'Maximilian Alexander Friedrich von Hohenzollern-Sigmaringen', lines: ['Kurfürstendamm 195, Hinterhaus, 3. Obergeschoss links'], city: 'Berlin', postalCode: '10707', countryCode: 'DE' },
			undefined,
		);
		expect(s.issues).toEqual([]);
		const all = [s.fields.CUNM, s.fields.CUA1, s.fields.CUA2, s.fields.CUA3].join(' ');
		expect(all).toBe('Maximilian Alexander Friedrich von Hohenzollern-Sigmaringen Kurfürstendamm 195, Hinterhaus, 3. Obergeschoss links');
		for (const k of ['CUNM', 'CUA1', 'CUA2', 'CUA3', 'CUA4']) expect(s.fields[k].length).toBeLessThanOrEqual(36);
	});
	it('raises address_overflow when 4 lines are not enough', () => {
		const long = 'x'.repeat(36);
		const s = splitAddress({ name: 'N', lines: [long, long, long, long, long], city: 'C', postalCode: '12345', countryCode: 'DE' }, undefined);
		expect(s.issues.map((i) => i.code)).toEqual(['address_overflow']);
	});
	it('keeps a long city in an address line (TOWN is 20)', () => {
		const s = splitAddress({ name: 'N', lines: ['1 Rue X'], city: 'Saint-Jean-sur-Richelieu Centre', postalCode: 'J3B 1A1', countryCode: 'CA', stateOrRegion: 'Quebec' }, undefined);
		expect(s.issues).toEqual([]);
		expect(s.fields.TOWN.length).toBeLessThanOrEqual(20);
		expect(s.fields.CUA2).toBe('Saint-Jean-sur-Richelieu Centre');
		expect(s.fields.ECAR).toBe('QC');
		expect(s.warnings.map((w) => w.code)).toEqual(['town_overflow']);
	});
	it.each([
		['US', '98144 1234', '98144-1234'],
		['US', '02134', '02134'],
		['GB', 'sw1a1aa', 'SW1A 1AA'],
		['GB', 'EC1A 1BB', 'EC1A 1BB'],
		['CA', 'k1a0b1', 'K1A 0B1'],
		['DE', '10707', '10707'],
		['NL', '1234ab', '1234 AB'],
		['BR', '01234567', '01234-567'],
		['JP', '1000001', '100-0001'],
		['FR', '75001', '75001'],
	])('%s postal code %s -> %s', (cc, raw, out) => {
		const r = normalizePostalCode(raw, cc);
		expect(r.ok && r.value).toBe(out);
	});
	it('rejects invalid postal codes and pads lost leading zeros with a warning', () => {
		expect(normalizePostalCode('ABCDE', 'US').ok).toBe(false);
		expect(normalizePostalCode('123', 'GB').ok).toBe(false);
		const de = normalizePostalCode('1067', 'DE');
		expect(de.ok && de.value).toBe('01067');
		expect(de.ok && de.warning?.code).toBe('postal_code_padded');
		expect(normalizePostalCode('X'.repeat(11), 'ZZ').ok).toBe(false);
	});
	it('maps US/CA state names to codes', () => {
		expect(stateCode('California', 'US')).toEqual({ ok: true, code: 'CA' });
		expect(stateCode('wa', 'US')).toEqual({ ok: true, code: 'WA' });
		expect(stateCode('Atlantis', 'US').ok).toBe(false);
		expect(stateCode('SP', 'BR')).toEqual({ ok: true, code: 'SP' });
		expect(stateCode('Istanbul', 'TR')).toEqual({ ok: true, text: 'Istanbul' });
	});
});

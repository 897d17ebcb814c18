import { buildParm, deriveKey1, financesToGlBatch, normalizeFinancialInput, type LedgerOptions } from '../../nodes/shared/mapping/ledger';
import { LedgerEntrySchema } from '../../nodes/shared/canonical/schemas';
import { sumStrings } from '../../nodes/shared/canonical/decimal';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require('./helpers.js');

const base: LedgerOptions = {
	accountMap: { 'Product Charges': '3010', Principal: '3010', Commission: '6110', 'Sales/Shipping': '3020', ShippingCharge: '3020', Refunds: { account: '3090', dimensions: { AIT2: 'US' } } },
	catchAllAccount: '6999',
	clearingAccount: '1590',
	INTN: 'AMAZON',
	DIVI: 'US1',
	windowStart: '2026-11-29T00:00:00Z',
	windowEnd: '2026-11-30T00:00:00Z',
};

describe('Amazon transactions -> ledger entries -> M3 GL batch', () => {
	it('aggregates Finances 2024-06-19 breakdowns per type, balances against the clearing account', () => {
		const r = financesToGlBatch([{ index: 0, json: h.fixture('finances-2024.json') }], base);
		const b = r.batch!;
		expect(b.KEY1).toBe('AMZ2611291');
		expect(b.KEY1.length).toBeLessThanOrEqual(10);
		expect(b.balanced).toBe(true);
		expect(sumStrings(b.entries.map((e) => e.amount.amount))).toBe('0.00');
		expect(b.totals.debit).toBe(b.totals.credit);
		const byType = Object.fromEntries(b.entries.map((e) => [e.type, [e.account, e.amount.amount]]));
		expect(byType).toEqual({
			Commission: ['6110', '6.24'], // -8.24 + 2.005 (half-up)
			'Expenses/FBA fees/FBAPerUnitFulfillmentFee': ['6999', '3.37'], // catch-all
			'Product Charges': ['3010', '-54.96'],
			Refunds: ['3090', '19.99'],
			'Sales/Other': ['6999', '-0.01'],
			'Sales/Shipping': ['3020', '-4.99'],
			ROUNDING: ['6999', '-0.01'],
			CLEARING: ['1590', '30.37'], // 48.35 - 17.985 rounded
		});
		expect(b.entries.find((e) => e.type === 'Refunds')?.dimensions).toEqual({ AIT2: 'US' });
		for (const e of b.entries) expect(LedgerEntrySchema.safeParse(e).success).toBe(true);
		// deferred and out-of-window transactions are reported, not posted
		expect(r.invalid[0].issues.map((i) => i.code)).toEqual(['deferred_transaction', 'outside_window']);
		expect(b.transactionCount).toBe(2);
		expect(b.lines[0]).toEqual({
			LINE: '1',
			PARM: 'US12026112' + '9USD' + '             6.24' + '6110    ' + ' '.repeat(48) + 'Amazon Commission',
			account: '6110',
			amount: '6.24',
			type: 'Commission',
			dimensions: {},
		});
		for (const l of b.lines) expect(l.PARM.length).toBeLessThanOrEqual(200);
	});

	it('maps v0 ShipmentEvent and RefundEvent lists by ChargeType/FeeType', () => {
		const r = financesToGlBatch([{ index: 0, json: h.fixture('finances-v0.json') }], base);
		const b = r.batch!;
		expect(b.balanced).toBe(true);
		const byType = Object.fromEntries(b.entries.map((e) => [e.type, e.amount.amount]));
		expect(byType.Principal).toBe('-19.99'); // 39.98 sale - 19.99 refund
		expect(byType.Commission).toBe('3.00'); // 6.00 fee - 3.00 refunded
		expect(byType['Refund/ItemFee/RefundCommission']).toBe('0.60');
		expect(byType.CLEARING).toBe('16.01');
		expect(r.skipped).toEqual(['item 0: ServiceFeeEventList']); // not posted, but reported
	});

	it('is idempotent: same window -> same KEY1 and same lines', () => {
		const a = financesToGlBatch([{ index: 0, json: h.fixture('finances-2024.json') }], base).batch!;
		const b = financesToGlBatch([{ index: 0, json: h.fixture('finances-2024.json') }, { index: 1, json: h.fixture('finances-2024.json') }], base);
		expect(b.duplicates).toBe(2);
		expect(b.batch!.lines).toEqual(a.lines);
		expect(deriveKey1('AMZ', '2026-11-29T06:00:00Z', '2026-11-29T12:00:00Z', 'USD')).toBe('AMZ2611292');
		expect(deriveKey1('AMZ', '2026-11-29T00:00:00Z', '2026-12-06T00:00:00Z', 'USD')).toMatch(/^AMZ261129[0-9A-Z]$/);
		expect(deriveKey1('A', '2026-11-29T00:00:00Z', '2026-11-30T00:00:00Z', 'USD')).toBe('A261129001');
	});

	it('rejects mixed currencies without a batch currency, and config problems', () => {
		const eur = { transactionId: 'E', postedDate: '2026-11-29T01:00:00Z', totalAmount: { currencyAmount: 5, currencyCode: 'EUR' } };
		const usd = { transactionId: 'U', postedDate: '2026-11-29T01:00:00Z', totalAmount: { currencyAmount: 5, currencyCode: 'USD' } };
		const r = financesToGlBatch([{ index: 0, json: eur }, { index: 1, json: usd }], base);
		expect(r.batch).toBeUndefined();
		expect(r.invalid.map((x) => x.issues[0].code)).toEqual(['mixed_currency', 'mixed_currency']);
		const r2 = financesToGlBatch([{ index: 0, json: eur }, { index: 1, json: usd }], { ...base, currency: 'EUR' });
		expect(r2.batch!.currency).toBe('EUR');
		expect(r2.invalid.map((x) => x.issues[0].code)).toEqual(['currency_mismatch']);
		expect(financesToGlBatch([], { ...base, catchAllAccount: '' }).configIssues[0].code).toBe('invalid_option');
	});

	it('treats a transaction without breakdowns as one unallocated amount (Amazon sandbox shape)', () => {
		const sandbox = h.sandboxTransactions();
		const json = sandbox.length ? sandbox[0] : { payload: { transactions: [{ transactionType: 'Shipment', postedDate: '2020-07-14T03:35:13.214Z', totalAmount: { currencyAmount: 10, currencyCode: 'USD' } }] } };
		const n = normalizeFinancialInput(json, 0);
		expect(n.txns[0].leaves.map((l) => [l.key, l.leaf, l.amount.m.toString()])).toEqual([['Unallocated/Shipment', 'Shipment', '10']]);
		const r = financesToGlBatch([{ index: 0, json }], { ...base, windowStart: undefined, windowEnd: undefined });
		expect(r.batch!.window).toEqual({ start: '2020-07-14T00:00:00.000Z', end: '2020-07-15T00:00:00.000Z' });
		expect(r.batch!.entries.map((e) => [e.type, e.account, e.amount.amount])).toEqual([
			['Unallocated/Shipment', '6999', '-10.00'],
			['CLEARING', '1590', '10.00'],
		]);
	});

	it('builds positional PARM strings and reports overflow', () => {
		expect(buildParm({ A: 'x', B: '12.5' }, [{ field: 'A', start: 1, length: 3 }, { field: 'B', start: 4, length: 6, align: 'right', pad: '0' }, { field: 'const:I2', start: 10, length: 2 }])).toEqual({ parm: 'x  0012.5I2', issues: [] });
		expect(buildParm({ A: 'toolong' }, [{ field: 'A', start: 1, length: 3 }]).issues[0].code).toBe('parm_field_overflow');
		expect(buildParm({ A: 'toolong' }, [{ field: 'A', start: 1, length: 3, truncate: true }]).parm).toBe('too');
	});
});

import { buildParm, deriveKey1, financesToGlBatch, leafKind, normalizeFinancialInput, type LedgerOptions } from '../../nodes/shared/mapping/ledger';
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
		expect(r.batches).toHaveLength(1);
		const b = r.batches[0].batch;
		expect(b.KEY1).toBe(deriveKey1('AMZ', 'ATVPDKIKX0DER', 'USD', '2026-11-29T00:00:00Z', '2026-11-30T00:00:00Z'));
		expect(b.KEY1).toMatch(/^AMZ[0-9A-Z]{7}$/);
		// the refund has no marketplace details: it belongs to the input's only marketplace
		expect(b.marketplace).toBe('ATVPDKIKX0DER');
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
		// a deferred transaction waits for its release, one posted on another day belongs to that day's batch
		expect(r.invalid).toEqual([]);
		expect(r.otherWindow).toBe(1);
		expect(b.reconciliation.pendingDeferred.count).toBe(1);
		expect(b.transactionCount).toBe(2);
		// Amazon's total 48.35 - 17.985 = 30.365; the clearing line is it rounded to the cent
		expect(b.reconciliation).toMatchObject({ amazonTotal: '30.365', clearing: '30.37', difference: '-0.005', transactions: 2 });
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
		const b = r.batches[0].batch;
		expect(b.balanced).toBe(true);
		const byType = Object.fromEntries(b.entries.map((e) => [e.type, e.amount.amount]));
		expect(byType.Principal).toBe('-19.99'); // 39.98 sale - 19.99 refund
		expect(byType.Commission).toBe('3.00'); // 6.00 fee - 3.00 refunded
		expect(byType['Refund/ItemFee/RefundCommission']).toBe('0.60');
		expect(byType.CLEARING).toBe('16.01');
		expect(r.skipped).toEqual(['item 0: ServiceFeeEventList']); // not posted, but reported
	});

	it('is idempotent: same window -> same KEY1 and same lines', () => {
		const a = financesToGlBatch([{ index: 0, json: h.fixture('finances-2024.json') }], base).batches[0].batch;
		const b = financesToGlBatch([{ index: 0, json: h.fixture('finances-2024.json') }, { index: 1, json: h.fixture('finances-2024.json') }], base);
		expect(b.duplicates).toBe(4);
		expect(b.batches[0].batch.lines).toEqual(a.lines);
		// KEY1: marketplace + currency + window; the same window in another currency or marketplace never shares it
		const day = ['2026-11-29T00:00:00Z', '2026-11-30T00:00:00Z'] as const;
		const k = deriveKey1('AMZ', 'A1PA6795UKMFR9', 'EUR', ...day);
		expect(deriveKey1('AMZ', 'A1PA6795UKMFR9', 'EUR', '2026-11-29T00:00:00.000Z', '2026-11-30T00:00:00+00:00')).toBe(k);
		const others = [
			deriveKey1('AMZ', 'A1PA6795UKMFR9', 'USD', ...day),
			deriveKey1('AMZ', 'A13V1IB3VIYZZH', 'EUR', ...day),
			deriveKey1('AMZ', 'A1PA6795UKMFR9', 'EUR', '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z'),
			deriveKey1('AMZ', 'A1PA6795UKMFR9', 'EUR', '2026-11-29T00:00:00Z', '2026-11-29T12:00:00Z'),
		];
		expect(new Set([k, ...others]).size).toBe(5);
		expect(deriveKey1('A', 'ATVPDKIKX0DER', 'USD', ...day)).toMatch(/^A[0-9A-Z]{9}$/);
		expect(deriveKey1('', 'ATVPDKIKX0DER', 'USD', ...day)).toHaveLength(10);
	});

	it('makes one batch per currency (or only the batch currency), and reports config problems', () => {
		const eur = { transactionId: 'E', postedDate: '2026-11-29T01:00:00Z', totalAmount: { currencyAmount: 5, currencyCode: 'EUR' } };
		const usd = { transactionId: 'U', postedDate: '2026-11-29T01:00:00Z', totalAmount: { currencyAmount: 5, currencyCode: 'USD' } };
		const r = financesToGlBatch([{ index: 0, json: eur }, { index: 1, json: usd }], base);
		expect(r.invalid).toEqual([]);
		expect(r.batches.map((x) => [x.batch.currency, x.sources])).toEqual([
			['EUR', [0]],
			['USD', [1]],
		]);
		expect(r.batches[0].batch.KEY1).not.toBe(r.batches[1].batch.KEY1);
		const r2 = financesToGlBatch([{ index: 0, json: eur }, { index: 1, json: usd }], { ...base, currency: 'EUR' });
		expect(r2.batches.map((x) => x.batch.currency)).toEqual(['EUR']);
		expect(r2.invalid.map((x) => x.issues[0].code)).toEqual(['currency_mismatch']);
		expect(financesToGlBatch([], { ...base, catchAllAccount: '' }).configIssues[0].code).toBe('invalid_option');
		expect(financesToGlBatch([], { ...base, accounting: { receivableAccount: '', revenueAccount: '3010', vatAccount: '2610' } }).configIssues[0].path).toBe('accounting.receivableAccount');
	});

	it('treats a transaction without breakdowns as one unallocated amount (Amazon sandbox shape)', () => {
		const sandbox = h.sandboxTransactions();
		const json = sandbox.length ? sandbox[0] : { payload: { transactions: [{ transactionType: 'Shipment', postedDate: '2020-07-14T03:35:13.214Z', totalAmount: { currencyAmount: 10, currencyCode: 'USD' } }] } };
		const n = normalizeFinancialInput(json, 0);
		expect(n.txns[0].leaves.map((l) => [l.key, l.leaf, l.amount.m.toString()])).toEqual([['Unallocated/Shipment', 'Shipment', '10']]);
		const r = financesToGlBatch([{ index: 0, json }], { ...base, windowStart: undefined, windowEnd: undefined });
		const b = r.batches[0].batch;
		expect(b.window).toEqual({ start: '2020-07-14T00:00:00.000Z', end: '2020-07-15T00:00:00.000Z' });
		expect(b.entries.map((e) => [e.type, e.account, e.amount.amount])).toEqual([
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

// ------------------------------------------------------------------------------------------------------------------
// The accounting model, with figures worked by hand (docs/guide/accounting.md has the same example).
const money = (currencyCode: string) => (currencyAmount: number) => ({ currencyCode, currencyAmount });
const EUR = money('EUR');
const GBP = money('GBP');
const DE = { marketplaceId: 'A1PA6795UKMFR9', marketplaceName: 'Amazon.de' };
const UK = { marketplaceId: 'A1F83G8C2ARO7P', marketplaceName: 'Amazon.co.uk' };
type Amt = ReturnType<typeof EUR>;
const bd = (breakdownType: string, breakdownAmount: Amt, breakdowns?: unknown[]) => ({ breakdownType, breakdownAmount, ...(breakdowns ? { breakdowns } : {}) });
const txn = (o: { id: string; type?: string; status?: string; posted: string; mp: typeof DE; network: 'MFN' | 'AFN'; total: Amt; breakdowns: unknown[]; contexts?: unknown[] }) => ({
	transactionId: o.id,
	transactionType: o.type ?? 'Shipment',
	transactionStatus: o.status ?? 'RELEASED',
	postedDate: o.posted,
	totalAmount: o.total,
	marketplaceDetails: o.mp,
	items: [{ contexts: [{ contextType: 'ProductContext', sku: 'SKU-1', fulfillmentNetwork: o.network }] }],
	contexts: o.contexts ?? [],
	breakdowns: o.breakdowns,
});

/*
 * DE, merchant-fulfilled (M3 invoiced it): 19.99 item + 4.99 shipping, VAT-inclusive at 19 %.
 *   VAT item 19.99 x 19/119 = 3.1918 -> 3.19, net 16.80; VAT shipping 4.99 x 19/119 = 0.7967 -> 0.80, net 4.19
 *   Sales = 16.80 + 4.19 + 3.99 (tax) = 24.98 (= 19.99 + 4.99 the buyer paid); commission 15 % x 24.98 = 3.747 -> 3.75
 *   total = 24.98 - 3.75 = 21.23
 */
const deMfn = (id = 'DE-MFN', extra: { status?: string; posted?: string; contexts?: unknown[] } = {}) =>
	txn({
		id,
		status: extra.status,
		posted: extra.posted ?? '2026-11-29T10:00:00Z',
		mp: DE,
		network: 'MFN',
		total: EUR(21.23),
		contexts: extra.contexts,
		breakdowns: [
			bd('Sales', EUR(24.98), [bd('ProductCharges', EUR(16.8)), bd('Shipping', EUR(4.19)), bd('Tax', EUR(3.99))]),
			bd('Expenses', EUR(-3.75), [bd('AmazonFees', EUR(-3.75), [bd('Commission', EUR(-3.75))])]),
		],
	});
/*
 * DE, FBA (settlement road): 29.99 VAT-inclusive; VAT 29.99 x 19/119 = 4.7884 -> 4.79, net 25.20.
 *   commission 15 % x 29.99 = 4.4985 -> 4.50, FBA fee 3.20; total = 29.99 - 4.50 - 3.20 = 22.29
 */
const deFba = txn({
	id: 'DE-FBA',
	posted: '2026-11-29T12:00:00Z',
	mp: DE,
	network: 'AFN',
	total: EUR(22.29),
	breakdowns: [
		bd('Sales', EUR(29.99), [bd('ProductCharges', EUR(25.2)), bd('Tax', EUR(4.79))]),
		bd('Expenses', EUR(-7.7), [bd('AmazonFees', EUR(-4.5), [bd('Commission', EUR(-4.5))]), bd('FBAFees', EUR(-3.2), [bd('FBAPerUnitFulfillmentFee', EUR(-3.2))])]),
	],
});
/*
 * UK, merchant-fulfilled, a consignment <= GBP 135: Amazon is the deemed supplier and withholds the VAT.
 *   8.99 item: VAT 8.99 x 20/120 = 1.4983 -> 1.50, net 7.49; 3.99 shipping: VAT 0.665 -> 0.67, net 3.32
 *   Sales = 7.49 + 3.32 + 2.17 - 2.17 (withheld) = 10.81; commission 15 % x 12.98 = 1.947 -> 1.95; total 8.86
 */
const ukMfn = txn({
	id: 'UK-MFN',
	posted: '2026-11-29T11:00:00Z',
	mp: UK,
	network: 'MFN',
	total: GBP(8.86),
	breakdowns: [
		bd('Sales', GBP(10.81), [bd('ProductCharges', GBP(7.49)), bd('Shipping', GBP(3.32)), bd('Tax', GBP(2.17)), bd('MarketplaceFacilitatorTax', GBP(-2.17))]),
		bd('Expenses', GBP(-1.95), [bd('AmazonFees', GBP(-1.95), [bd('Commission', GBP(-1.95))])]),
	],
});

const model: LedgerOptions = {
	accountMap: { Commission: '6510', FBAPerUnitFulfillmentFee: '6520' },
	catchAllAccount: '6590',
	clearingAccount: '1930',
	INTN: 'AMZ',
	accounting: {
		receivableAccount: '1510',
		revenueAccount: '3010',
		refundAccount: '3090',
		vatAccount: '2610',
		marketplaceTaxAccount: '2615',
		feeVat: {
			[DE.marketplaceId]: { mode: 'included', rate: '19', inputAccount: '1576' },
			[UK.marketplaceId]: { mode: 'reverseCharge', rate: '19', inputAccount: '1577', outputAccount: '3837' },
		},
	},
	windowStart: '2026-11-29T00:00:00Z',
	windowEnd: '2026-11-30T00:00:00Z',
};
const linesOf = (b: { entries: Array<{ type: string; account: string; amount: { amount: string } }> }) => Object.fromEntries(b.entries.map((e) => [e.type, [e.account, e.amount.amount]]));

describe('accounting model: roads, VAT on fees, currencies, deferrals, refunds (hand-worked)', () => {
	it('classifies Amazon amounts', () => {
		const k = (key: string) => leafKind({ key, leaf: key.split('/').pop()!, amount: { m: BigInt(0), s: 0 } });
		expect(['Sales/ProductCharges', 'Sales/Tax', 'Sales/MarketplaceFacilitatorTax', 'Expenses/AmazonFees/Commission', 'Expenses/AmazonFees/Tax', 'Shipment/TaxWithheld/MarketplaceFacilitatorTax-Principal', 'Refund/ItemCharge/Principal', 'Unallocated/Shipment'].map(k)).toEqual([
			'sales',
			'tax',
			'marketplaceTax',
			'fee',
			'feeTax',
			'marketplaceTax',
			'sales',
			'other',
		]);
	});

	it('a day in two currencies: one batch per marketplace + currency, each equal to Amazon\'s total to the cent', () => {
		const r = financesToGlBatch([{ index: 0, json: { payload: { transactions: [deMfn(), ukMfn] } } }, { index: 1, json: deFba }], model);
		expect(r.invalid).toEqual([]);
		expect(r.batches.map((x) => [x.batch.marketplace, x.batch.currency, x.sources])).toEqual([
			[UK.marketplaceId, 'GBP', [0]],
			[DE.marketplaceId, 'EUR', [0, 1]],
		]);
		const [uk, de] = r.batches.map((x) => x.batch);
		expect(de.KEY1).not.toBe(uk.KEY1);
		expect(de.DESC).toBe('Amazon.de EUR 2026-11-29T00:00..2026-11-30T00:00');
		/*
		 * DE (EUR), GL signs (+ debit, - credit):
		 *   ORDER Shipment     1510  -24.98   the MFN order's 24.98 clears the receivable M3's invoice made (not revenue)
		 *   SETTLEMENT ProductCharges 3010 -25.20, SETTLEMENT Tax 2610 -4.79   FBA sale: revenue and output VAT
		 *   Commission 3.75 + 4.50 = 8.25 incl. 19 % VAT: VAT 8.25 x 19/119 = 1.3172 -> 1.32, net 6.93   -> 6510
		 *   FBA fee 3.20 incl. VAT: 3.20 x 19/119 = 0.5109 -> 0.51, net 2.69                           -> 6520
		 *   input VAT 1.32 + 0.51 = 1.83 -> 1576;   clearing = 21.23 + 22.29 = 43.52 -> 1930
		 *   check: -24.98 - 25.20 - 4.79 + 6.93 + 2.69 + 1.83 + 43.52 = 0.00
		 */
		expect(linesOf(de)).toEqual({
			'ORDER Shipment': ['1510', '-24.98'],
			'SETTLEMENT Sales/ProductCharges': ['3010', '-25.20'],
			'SETTLEMENT Sales/Tax': ['2610', '-4.79'],
			Commission: ['6510', '6.93'],
			FBAPerUnitFulfillmentFee: ['6520', '2.69'],
			FEE_VAT_INPUT: ['1576', '1.83'],
			CLEARING: ['1930', '43.52'],
		});
		expect(de.reconciliation).toMatchObject({ amazonTotal: '43.52', clearing: '43.52', difference: '0.00', transactions: 2 });
		expect(de.totals).toEqual({ debit: '54.97', credit: '54.97' });
		/*
		 * UK (GBP): ORDER Shipment 1510 -10.81 (the withheld VAT nets out: M3 invoiced no VAT), commission 6510 +1.95,
		 *   reverse charge 19 % x 1.95 = 0.3705 -> 0.37 input 1577 / output 3837; clearing 8.86
		 *   check: -10.81 + 1.95 + 0.37 - 0.37 + 8.86 = 0.00
		 */
		expect(linesOf(uk)).toEqual({
			'ORDER Shipment': ['1510', '-10.81'],
			Commission: ['6510', '1.95'],
			FEE_VAT_INPUT: ['1577', '0.37'],
			FEE_VAT_OUTPUT: ['3837', '-0.37'],
			CLEARING: ['1930', '8.86'],
		});
		expect(uk.reconciliation.parts).toEqual({ 'any fee': '-1.95', 'order marketplaceTax': '-2.17', 'order sales': '10.81', 'order tax': '2.17' });
		for (const b of [de, uk]) expect(b.balanced).toBe(true);
	});

	it('an FBA sale the marketplace taxed (facilitator): revenue net, the tax and the withheld tax net to zero', () => {
		/* US FBA: 21.99 + 8.25 % sales tax 1.81 (21.99 x 0.0825 = 1.814 -> 1.81) withheld; commission 3.30; total 18.69 */
		const us = txn({
			id: 'US-FBA',
			posted: '2026-11-29T15:00:00Z',
			mp: { marketplaceId: 'ATVPDKIKX0DER', marketplaceName: 'Amazon.com' },
			network: 'AFN',
			total: { currencyCode: 'USD', currencyAmount: 18.69 },
			breakdowns: [
				bd('Sales', { currencyCode: 'USD', currencyAmount: 21.99 } as Amt, [bd('ProductCharges', { currencyCode: 'USD', currencyAmount: 21.99 } as Amt), bd('Tax', { currencyCode: 'USD', currencyAmount: 1.81 } as Amt), bd('MarketplaceFacilitatorTax', { currencyCode: 'USD', currencyAmount: -1.81 } as Amt)]),
				bd('Expenses', { currencyCode: 'USD', currencyAmount: -3.3 } as Amt, [bd('Commission', { currencyCode: 'USD', currencyAmount: -3.3 } as Amt)]),
			],
		});
		const b = financesToGlBatch([{ index: 0, json: us }], model).batches[0].batch;
		// no fee VAT configured for the US: -21.99 - 1.81 + 1.81 + 3.30 + 18.69 = 0.00
		expect(linesOf(b)).toEqual({
			'SETTLEMENT Sales/ProductCharges': ['3010', '-21.99'],
			'SETTLEMENT Sales/Tax': ['2610', '-1.81'],
			'SETTLEMENT Sales/MarketplaceFacilitatorTax': ['2615', '1.81'],
			Commission: ['6510', '3.30'],
			CLEARING: ['1930', '18.69'],
		});
	});

	it('a deferred transaction is booked in the window Amazon releases it, once; a refund reverses the receivable', () => {
		const dd7 = [{ contextType: 'DeferredContext', deferralReason: 'DD7', maturityDate: '2026-12-06T10:00:00Z' }];
		const released = deMfn('DE-DD7', { status: 'DEFERRED_RELEASED', contexts: dd7 });
		const b2b = { ...deMfn('DE-B2B', { status: 'DEFERRED', posted: '2026-12-01T09:00:00Z', contexts: [{ contextType: 'DeferredContext', deferralReason: 'B2B', maturityDate: '2026-12-31T00:00:00Z' }] }), totalAmount: EUR(50) };
		/*
		 * refund of the MFN order on 6 Dec: item 19.99 back (net 16.80 + VAT 3.19), shipping kept;
		 *   Amazon returns 80 % of the commission on the item: 0.80 x 3.75 = 3.00; total -19.99 + 3.00 = -16.99
		 */
		const refund = txn({
			id: 'DE-REFUND',
			type: 'Refund',
			posted: '2026-12-06T08:00:00Z',
			mp: DE,
			network: 'MFN',
			total: EUR(-16.99),
			breakdowns: [bd('Sales', EUR(-19.99), [bd('ProductCharges', EUR(-16.8)), bd('Tax', EUR(-3.19))]), bd('Expenses', EUR(3), [bd('Commission', EUR(3))])],
		});
		const input = [{ index: 0, json: { transactions: [released, b2b, refund] } }];
		// 29 Nov, when the DD7 transaction was posted: nothing to book (it was deferred then), nothing invalid
		const nov29 = financesToGlBatch(input, model);
		expect(nov29.batches).toEqual([]);
		expect(nov29.invalid).toEqual([]);
		/*
		 * 6 Dec: the release (21.23) and the refund (-16.99): clearing 4.24
		 *   ORDER Refund 1510 +19.99, ORDER Shipment 1510 -24.98
		 *   commission 3.75 - 3.00 = 0.75 incl. VAT: 0.75 x 19/119 = 0.1197 -> 0.12, net 0.63; input VAT 0.12
		 *   check: 19.99 - 24.98 + 0.63 + 0.12 + 4.24 = 0.00
		 */
		const dec6 = financesToGlBatch(input, { ...model, windowStart: '2026-12-06T00:00:00Z', windowEnd: '2026-12-07T00:00:00Z' });
		const b = dec6.batches[0].batch;
		expect(linesOf(b)).toEqual({
			'ORDER Refund': ['1510', '19.99'],
			'ORDER Shipment': ['1510', '-24.98'],
			Commission: ['6510', '0.63'],
			FEE_VAT_INPUT: ['1576', '0.12'],
			CLEARING: ['1930', '4.24'],
		});
		expect(b.reconciliation.released).toEqual([{ id: 'DE-DD7', postedDate: '2026-11-29T10:00:00Z', releasedOn: '2026-12-06T10:00:00Z', amount: '21.23' }]);
		expect(b.reconciliation.pendingDeferred).toEqual({ count: 1, total: '50.00' });
		expect(b.reconciliation.byStatus).toEqual({ DEFERRED_RELEASED: 1, RELEASED: 1 });
		// the next day does not book it again
		expect(financesToGlBatch(input, { ...model, windowStart: '2026-12-07T00:00:00Z', windowEnd: '2026-12-08T00:00:00Z' }).batches).toEqual([]);
		// the old behaviour on request: booked when posted
		const whenPosted = financesToGlBatch(input, { ...model, includeDeferred: true });
		expect(whenPosted.batches[0].batch.reconciliation.amazonTotal).toBe('21.23');
	});

	it('a deferral Amazon has not released on its date holds its batch (replayed later); a release without a date is invalid', () => {
		const late = deMfn('DE-LATE', { status: 'DEFERRED', posted: '2026-11-25T10:00:00Z', contexts: [{ contextType: 'DeferredContext', maturityDate: '2026-11-29T06:00:00Z' }] });
		const r = financesToGlBatch([{ index: 0, json: deMfn() }, { index: 1, json: late }, { index: 2, json: ukMfn }], model);
		// the DE batch waits; the UK batch of the same window is not held
		expect(r.batches.map((x) => x.batch.currency)).toEqual(['GBP']);
		expect(r.invalid).toEqual([{ index: 1, issues: [expect.objectContaining({ code: 'deferral_overdue', path: '.transactionStatus' })] }]);
		const noDate = deMfn('DE-NODATE', { status: 'DEFERRED_RELEASED' });
		expect(financesToGlBatch([{ index: 0, json: noDate }], model).invalid[0].issues[0].code).toBe('release_date_unknown');
	});

	it('VAT Amazon shows apart on its fees is booked as input VAT, not added again', () => {
		/* commission 3.75 with its VAT 0.71 shown apart (3.75 x 19 % = 0.7125 -> 0.71): total 24.98 - 3.75 - 0.71 = 20.52 */
		const t = deMfn();
		t.totalAmount = EUR(20.52);
		t.breakdowns[1] = bd('Expenses', EUR(-4.46), [bd('AmazonFees', EUR(-4.46), [bd('Commission', EUR(-3.75)), bd('Tax', EUR(-0.71))])]);
		const b = financesToGlBatch([{ index: 0, json: t }], model).batches[0].batch;
		expect(linesOf(b)).toEqual({ 'ORDER Shipment': ['1510', '-24.98'], Commission: ['6510', '3.75'], FEE_VAT_SHOWN: ['1576', '0.71'], CLEARING: ['1930', '20.52'] });
	});
});

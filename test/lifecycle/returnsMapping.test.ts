import { financesToGlBatch, type LedgerOptions } from '../../nodes/shared/mapping/ledger';
import { refundsToM3Returns, type ReturnOptions } from '../../nodes/shared/mapping/returns';

// Refunds + returns report rows -> M3 return plans (pure), and the GL-only mode of payments-to-GL: one refund is
// booked once, by M3's credit note (the GL clears the receivable) or by the GL alone (refund + VAT accounts).

const DE = 'A1PA6795UKMFR9';
const EUR = (currencyAmount: number) => ({ currencyCode: 'EUR', currencyAmount });
/** 19.99 incl. 19 % VAT refunded (net 16.80, VAT 3.19), commission back 80 % of 3.00 = 2.40: total -17.59 */
const refund = (o: { id?: string; network?: 'MFN' | 'AFN'; posted?: string; qty?: number } = {}) => ({
	transactionId: o.id ?? 'TX-R1',
	transactionType: 'Refund',
	transactionStatus: 'RELEASED',
	postedDate: o.posted ?? '2026-12-01T10:00:00Z',
	totalAmount: EUR(-17.59),
	marketplaceDetails: { marketplaceId: DE, marketplaceName: 'Amazon.de' },
	relatedIdentifiers: [{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: '302-1234567-7654321' }],
	items: [
		{
			relatedIdentifiers: [{ itemRelatedIdentifierName: 'ORDER_ADJUSTMENT_ITEM_ID', itemRelatedIdentifierValue: '11111111111111' }],
			breakdowns: [{ breakdownType: 'ProductCharges', breakdownAmount: EUR(-16.8) }, { breakdownType: 'Tax', breakdownAmount: EUR(-3.19) }, { breakdownType: 'Commission', breakdownAmount: EUR(2.4) }],
			contexts: [{ contextType: 'ProductContext', sku: 'MUG-1', quantityShipped: o.qty ?? 2, fulfillmentNetwork: o.network ?? 'MFN' }],
		},
	],
	breakdowns: [
		{ breakdownType: 'Sales', breakdownAmount: EUR(-19.99), breakdowns: [{ breakdownType: 'ProductCharges', breakdownAmount: EUR(-16.8) }, { breakdownType: 'Tax', breakdownAmount: EUR(-3.19) }] },
		{ breakdownType: 'Expenses', breakdownAmount: EUR(2.4), breakdowns: [{ breakdownType: 'Commission', breakdownAmount: EUR(2.4) }] },
	],
});
const mfnRow = (reason: string) => ({ 'Order ID': '302-1234567-7654321', 'Merchant SKU': 'MUG-1', 'Return quantity': '2', 'Return Reason': reason, 'Return request date': '2026-11-30T09:00:00Z' });
const fbaRow = (disposition: string) => ({ 'order-id': '302-1234567-7654321', sku: 'MUG-1', quantity: '2', 'detailed-disposition': disposition, reason: 'UNWANTED_ITEM', 'return-date': '2026-11-30T09:00:00Z' });
const options: ReturnOptions = {
	customerMap: { [DE]: { CUNO: 'AMZDE01' }, [`${DE}:MF`]: { CUNO: 'AMZDE01MF' } },
	restock: { mode: 'disposition', scrapLocation: 'SCRAP', scrapReasonCode: 'SCR', location: 'RET', reasonCode: 'RET', dispositions: { SELLABLE: 'restock', NO_LONGER_NEEDED: 'restock', '*': 'scrap' } },
	now: Date.parse('2026-12-02T00:00:00Z'),
};

describe('refunds -> M3 return plans', () => {
	it('one plan per refund: the order line, the quantity, Amazon\'s net refund per unit, restocked by the return reason', () => {
		const r = refundsToM3Returns([mfnRow('NO_LONGER_NEEDED'), refund()], options);
		expect(r.invalid).toEqual([]);
		expect(r.plans).toHaveLength(1);
		expect(r.plans[0]).toMatchObject({
			kind: 'M3Return',
			returnKey: 'TX-R1',
			CUNO: 'AMZDE01',
			otherCustomers: ['AMZDE01MF'],
			CUOR: '302-1234567-7654321',
			fulfillmentNetwork: 'MFN',
			returnDate: '2026-11-30T09:00:00Z',
			lines: [{ CUOR: '11111111111111', sku: 'MUG-1', quantity: '2', refundAmount: '16.80', unitPrice: '8.40', action: 'restock', WHSL: 'RET', RSCD: 'RET', returned: true }],
			source: { refundTotal: '16.80' },
		});
	});

	it('scraps what the disposition says, waits for a return not yet reported, then credits it as not returned', () => {
		expect(refundsToM3Returns([mfnRow('DEFECTIVE'), refund()], options).plans[0].lines[0]).toMatchObject({ action: 'scrap', WHSL: 'SCRAP', RSCD: 'SCR' });
		const waiting = refundsToM3Returns([refund()], options);
		expect(waiting.plans).toEqual([]);
		expect(waiting.waiting).toEqual([{ refund: 'TX-R1', orderId: '302-1234567-7654321', until: '2026-12-15T10:00:00.000Z' }]);
		const late = refundsToM3Returns([refund()], { ...options, now: Date.parse('2026-12-20T00:00:00Z') });
		expect(late.plans[0].lines[0]).toMatchObject({ returned: false, action: 'scrap', WHSL: 'SCRAP' });
	});

	it('leaves settlement-road refunds (FBA) and every refund in GL-only mode to payments-to-GL; FBA on the order road uses the FBA disposition', () => {
		const fba = refundsToM3Returns([fbaRow('SELLABLE'), refund({ network: 'AFN' })], options);
		expect(fba.plans).toEqual([]);
		expect(fba.skipped[0].reason).toMatch(/settlement road/);
		const onOrderRoad = refundsToM3Returns([fbaRow('CUSTOMER_DAMAGED'), refund({ network: 'AFN' })], { ...options, roads: { AFN: 'order' }, restock: { ...options.restock, fbaWarehouse: 'FBA' } });
		expect(onOrderRoad.plans[0]).toMatchObject({ WHLO: 'FBA', lines: [{ action: 'scrap', disposition: 'CUSTOMER_DAMAGED' }] });
		const glOnly = refundsToM3Returns([mfnRow('NO_LONGER_NEEDED'), refund()], { ...options, mode: 'glOnly' });
		expect(glOnly.plans).toEqual([]);
		expect(glOnly.skipped).toHaveLength(1);
	});

	it('names the shipping Amazon refunded too: no return line credits it', () => {
		const withShipping = refund();
		withShipping.breakdowns[0].breakdowns!.push({ breakdownType: 'Shipping', breakdownAmount: EUR(-4.19) });
		expect(refundsToM3Returns([mfnRow('NO_LONGER_NEEDED'), withShipping], options).plans[0].source).toMatchObject({ refundTotal: '16.80', chargesNotCredited: '4.19' });
		expect(refundsToM3Returns([mfnRow('NO_LONGER_NEEDED'), refund()], options).plans[0].source).not.toHaveProperty('chargesNotCredited');
	});

	it('a refund that names no order item or no customer is invalid, with the reason', () => {
		const noItem = { ...refund(), items: [{ ...refund().items[0], relatedIdentifiers: [] }] };
		expect(refundsToM3Returns([mfnRow('X'), noItem], options).invalid[0].issues[0].code).toBe('no_order_item_id');
		expect(refundsToM3Returns([refund()], { ...options, customerMap: {}, now: Date.parse('2027-01-01T00:00:00Z') }).invalid[0].issues[0].code).toBe('customer_not_mapped');
	});
});

describe('payments-to-GL and M3 returns: a refund is booked once', () => {
	const gl = (orderRefunds?: 'receivable' | 'gl'): LedgerOptions => ({
		accountMap: { Commission: '6510' },
		catchAllAccount: '6590',
		clearingAccount: '1930',
		INTN: 'AMZ',
		accounting: { receivableAccount: '1510', revenueAccount: '3010', refundAccount: '3090', vatAccount: '2610', ...(orderRefunds ? { orderRefunds } : {}) },
		windowStart: '2026-12-01T00:00:00Z',
		windowEnd: '2026-12-02T00:00:00Z',
	});
	const lines = (o: LedgerOptions) => {
		const r = financesToGlBatch([{ index: 0, json: refund() }], o);
		expect(r.invalid).toEqual([]);
		return Object.fromEntries(r.batches[0].batch.entries.map((e) => [e.type, [e.account, e.amount.amount]]));
	};

	it('goes through the canonical Return (zod): a refund that is not a valid Return is invalid with the schema path', () => {
		const bad = refund();
		bad.items[0].breakdowns[0] = { breakdownType: 'ProductCharges', breakdownAmount: { currencyCode: 'EUR', currencyAmount: 'abc' as unknown as number } };
		bad.totalAmount = { currencyCode: 'eur', currencyAmount: -17.59 };
		const r = refundsToM3Returns([mfnRow('NO_LONGER_NEEDED'), bad], options);
		expect(r.plans).toEqual([]);
		expect(r.invalid[0].issues.map((i) => i.path)).toEqual(expect.arrayContaining(['items[0].breakdowns']));
		const lower = refund();
		lower.totalAmount = { currencyCode: 'eur', currencyAmount: -17.59 };
		const v = refundsToM3Returns([lower], { ...options, now: Date.parse('2026-12-30T00:00:00Z') });
		expect(v.invalid[0].issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'invalid_canonical', path: 'total.currency' })]));
	});

	it('returned goods stay with the refund they belong to: an invalid or a waiting refund never takes or frees another refund\'s rows', () => {
		const broken = { ...refund({ id: 'TX-BAD' }), items: [{ ...refund().items[0], relatedIdentifiers: [] }] };
		// the invalid refund comes first: its goods are still there for the valid refund of the same order and SKU
		const r = refundsToM3Returns([mfnRow('NO_LONGER_NEEDED'), broken, refund({ id: 'TX-OK' })], options);
		expect(r.invalid.map((x) => (x.input as { transactionId: string }).transactionId)).toEqual(['TX-BAD']);
		expect(r.plans.map((p) => [p.returnKey, p.lines[0].returned])).toEqual([['TX-OK', true]]);
		// one row, two refunds: the first takes it; the second waits and must not free the first one's row
		const two = refundsToM3Returns([mfnRow('NO_LONGER_NEEDED'), refund({ id: 'TX-1' }), refund({ id: 'TX-2' }), refund({ id: 'TX-3' })], options);
		expect(two.plans.map((p) => p.returnKey)).toEqual(['TX-1']);
		expect(two.waiting.map((w) => w.refund)).toEqual(['TX-2', 'TX-3']);
	});

	it('M3 return mode: the refund clears the receivable M3\'s credit note lowers (no revenue, no VAT line)', () => {
		expect(lines(gl())).toEqual({ 'ORDER Refund': ['1510', '19.99'], Commission: ['6510', '-2.40'], CLEARING: ['1930', '-17.59'] });
	});

	it('GL-only mode: no M3 return, the refund goes to the refund and VAT accounts', () => {
		const l = lines(gl('gl'));
		expect(l['ORDER Refund']).toBeUndefined();
		expect(Object.values(l).filter(([a]) => a === '1510')).toEqual([]);
		expect(Object.values(l)).toEqual(expect.arrayContaining([['3090', '16.80'], ['2610', '3.19'], ['6510', '-2.40']]));
	});
});

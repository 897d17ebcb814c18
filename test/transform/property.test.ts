import fc from 'fast-check';
import { amazonOrderToCanonical } from '../../nodes/shared/mapping/amazonOrder';
import { canonicalOrderToM3Plan, splitAddress } from '../../nodes/shared/mapping/m3Order';
import { m3DeliveryToShipments } from '../../nodes/shared/mapping/shipment';
import { m3BalancesToInventoryLevels } from '../../nodes/shared/mapping/inventory';
import { deriveKey1, financesToGlBatch } from '../../nodes/shared/mapping/ledger';
import { amazonStatusToM3, m3StatusToAmazon } from '../../nodes/shared/mapping/status';
import { subStrings, sumStrings } from '../../nodes/shared/canonical/decimal';
import { OrderSchema } from '../../nodes/shared/canonical/schemas';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require('./helpers.js');

const amount = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((c) => {
	const neg = c < 0;
	const a = Math.abs(c);
	return (neg ? '-' : '') + Math.floor(a / 100) + '.' + String(a % 100).padStart(2, '0');
});
const money = (cur: fc.Arbitrary<string>) => fc.record({ amount, currencyCode: cur });
const currency = fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'XXX', '');

/** Arbitrary "Amazon-like" orders: valid-ish structure with random holes and junk. */
const order2026 = fc.record(
	{
		orderId: fc.oneof(fc.constant('113-1234567-1234567'), fc.string()),
		createdTime: fc.oneof(fc.constant('2026-11-29T08:15:00Z'), fc.string()),
		lastUpdatedTime: fc.constant('2026-11-29T08:15:00Z'),
		programs: fc.array(fc.constantFrom('PRIME', 'AMAZON_BUSINESS', 'X')),
		salesChannel: fc.record({ marketplaceId: fc.constantFrom('ATVPDKIKX0DER', 'A1PA6795UKMFR9', 'ZZ') }),
		fulfillment: fc.record({
			fulfillmentStatus: fc.constantFrom('UNSHIPPED', 'SHIPPED', 'PENDING', 'CANCELLED', 'BOGUS'),
			fulfilledBy: fc.constantFrom('MERCHANT', 'AMAZON'),
		}),
		recipient: fc.record({
			deliveryAddress: fc.record(
				{
					name: fc.string({ maxLength: 80 }),
					addressLine1: fc.string({ maxLength: 80 }),
					addressLine2: fc.string({ maxLength: 50 }),
					city: fc.string({ maxLength: 40 }),
					stateOrRegion: fc.constantFrom('WA', 'California', 'Bavaria', ''),
					postalCode: fc.oneof(fc.constantFrom('98101', 'SW1A1AA', '10115'), fc.string({ maxLength: 14 })),
					countryCode: fc.constantFrom('US', 'GB', 'DE', 'CA', 'X', 'FR'),
					phone: fc.string({ maxLength: 25 }),
				},
				{ requiredKeys: [] },
			),
		}),
		orderItems: fc.array(
			fc.record({
				orderItemId: fc.oneof(fc.constant('11498765431234'), fc.string()),
				quantityOrdered: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.double(), fc.constant('3')),
				product: fc.record({
					sellerSku: fc.string({ maxLength: 40 }),
					price: fc.record({ unitPrice: money(currency) }),
				}),
				proceeds: fc.record({
					breakdowns: fc.array(
						fc.record({
							type: fc.constantFrom('ITEM', 'SHIPPING', 'GIFT_WRAP', 'COD_FEE', 'TAX', 'DISCOUNT', 'OTHER', 'WEIRD'),
							subtotal: money(currency),
						}),
						{ maxLength: 6 },
					),
				}),
			}),
			{ maxLength: 5 },
		),
	},
	{ requiredKeys: [] },
);

describe('property-based: mappers never throw', () => {
	it('Amazon order -> canonical -> M3 plan returns ok or typed issues, never throws', () => {
		fc.assert(
			fc.property(fc.oneof(order2026, fc.anything(), order2026.map((o) => ({ order: o }))), (input) => {
				const c = amazonOrderToCanonical(input);
				if (!c.ok) {
					expect(c.issues.length).toBeGreaterThan(0);
					for (const i of c.issues) expect(typeof i.code).toBe('string');
					return;
				}
				expect(OrderSchema.safeParse(c.value).success).toBe(true);
				const p = canonicalOrderToM3Plan(c.value, { customerMap: { '*': 'AMZ' }, itemMode: 'identity' });
				if (p.ok) {
					const a = p.value.address;
					if (a) for (const k of ['CUNM', 'CUA1', 'CUA2', 'CUA3', 'CUA4']) expect((a[k] ?? '').length).toBeLessThanOrEqual(36);
					if (a?.TOWN) expect(a.TOWN.length).toBeLessThanOrEqual(20);
					if (a?.PONO) expect(a.PONO.length).toBeLessThanOrEqual(10);
					for (const l of p.value.lines) expect(/^\d+$/.test(l.ORQT)).toBe(true);
				} else expect(p.issues.length).toBeGreaterThan(0);
			}),
			{ numRuns: 400 },
		);
	});

	it('other mappers never throw on arbitrary input', () => {
		fc.assert(
			fc.property(fc.anything(), (input) => {
				m3DeliveryToShipments(input, {});
				m3StatusToAmazon(input);
				amazonStatusToM3(input);
				m3BalancesToInventoryLevels([{ index: 0, json: input }]);
				financesToGlBatch([{ index: 0, json: input }], { accountMap: {}, catchAllAccount: '9', clearingAccount: '1', INTN: 'X' });
			}),
			{ numRuns: 300 },
		);
	});
});

describe('property-based: GL batches always balance', () => {
	const leafAmount = fc.integer({ min: -5_000_000, max: 5_000_000 }).map((c) => c / 1000); // 3 decimals -> rounding work
	const breakdown = fc.record({
		breakdownType: fc.constantFrom('Product Charges', 'Shipping', 'Commission', 'FBAPerUnitFulfillmentFee', 'Tax', 'Other'),
		breakdownAmount: leafAmount.map((a) => ({ currencyAmount: a, currencyCode: 'USD' })),
	});
	const txn = fc.record({
		transactionId: fc.uuid(),
		transactionStatus: fc.constantFrom('RELEASED', 'DEFERRED_RELEASED'),
		postedDate: fc.integer({ min: 0, max: 86_399_999 }).map((ms) => new Date(Date.UTC(2026, 10, 29) + ms).toISOString()),
		// released deferrals: released (maturity) on the window's day too
		contexts: fc.integer({ min: 0, max: 86_399_999 }).map((ms) => [{ contextType: 'DeferredContext', maturityDate: new Date(Date.UTC(2026, 10, 29) + ms).toISOString() }]),
		items: fc.constantFrom('MFN', 'AFN', undefined).map((n) => (n ? [{ contexts: [{ contextType: 'ProductContext', fulfillmentNetwork: n }] }] : [])),
		marketplaceDetails: fc.constantFrom({ marketplaceId: 'A1PA6795UKMFR9' }, { marketplaceId: 'A13V1IB3VIYZZH' }),
		breakdowns: fc.array(
			fc.record({ breakdownType: fc.constantFrom('Sales', 'Expenses', 'Refunds'), breakdowns: fc.array(breakdown, { maxLength: 4 }) }),
			{ maxLength: 3 },
		),
		totalAmount: leafAmount.map((a) => ({ currencyAmount: a, currencyCode: 'USD' })),
	});
	it('sum of GL lines is zero, debit = credit and the clearing line is Amazon\'s total, for any transactions and either accounting', () => {
		fc.assert(
			fc.property(fc.array(txn, { minLength: 1, maxLength: 30 }), fc.boolean(), (txns, withModel) => {
				const r = financesToGlBatch([{ index: 0, json: { transactions: txns } }], {
					accountMap: { 'Product Charges': '3010', Commission: '6110' },
					catchAllAccount: '6999',
					clearingAccount: '1590',
					INTN: 'AMZ',
					windowStart: '2026-11-29T00:00:00Z',
					windowEnd: '2026-11-30T00:00:00Z',
					accounting: withModel
						? { receivableAccount: '1510', revenueAccount: '3010', vatAccount: '2610', feeVat: { A1PA6795UKMFR9: { mode: 'included', rate: '19', inputAccount: '1576' }, '*': { mode: 'reverseCharge', rate: '20', inputAccount: '1577', outputAccount: '3837' } } }
						: undefined,
				});
				expect(r.configIssues).toEqual([]);
				expect(r.invalid).toEqual([]);
				const mps = new Set(txns.map((t) => t.marketplaceDetails.marketplaceId));
				expect(r.batches.length).toBeLessThanOrEqual(mps.size);
				for (const { batch } of r.batches) {
					expect(batch.balanced).toBe(true);
					expect(sumStrings(batch.entries.map((e) => e.amount.amount))).toMatch(/^-?0(\.0+)?$/);
					expect(batch.totals.debit).toBe(batch.totals.credit);
					for (const e of batch.entries) expect(e.amount.amount).toMatch(/^-?\d+\.\d{2}$/);
					const own = txns.filter((t) => t.marketplaceDetails.marketplaceId === batch.marketplace);
					const amazon = sumStrings(own.map((t) => t.totalAmount.currencyAmount.toFixed(3)));
					expect(subStrings(batch.reconciliation.amazonTotal, amazon)).toMatch(/^-?0(\.0+)?$/);
					const clearing = batch.entries.find((e) => e.type === 'CLEARING');
					expect(clearing?.amount.amount ?? '0.00').toBe(batch.reconciliation.clearing);
					expect(batch.KEY1).toBe(deriveKey1('AMZ', batch.marketplace, 'USD', '2026-11-29T00:00:00Z', '2026-11-30T00:00:00Z'));
				}
			}),
			{ numRuns: 300 },
		);
	});
	it('v0 fixture stays balanced under any account map', () => {
		fc.assert(
			fc.property(fc.dictionary(fc.constantFrom('Principal', 'Commission', 'Tax', 'ShippingCharge', 'RefundCommission'), fc.string({ minLength: 1, maxLength: 8 })), (map) => {
				const r = financesToGlBatch([{ index: 0, json: h.fixture('finances-v0.json') }], { accountMap: map, catchAllAccount: '6999', clearingAccount: '1590', INTN: 'AMZ' });
				expect(r.batches[0].batch.balanced).toBe(true);
			}),
			{ numRuns: 100 },
		);
	});
});

describe('property-based: address split never loses text', () => {
	const word = fc.stringMatching(/^[A-Za-z0-9äöüß#,.-]{1,45}$/);
	const line = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
	it('every word of name/company/street/city ends up in CUNM, CUA1..4 or TOWN, or the address is rejected', () => {
		fc.assert(
			fc.property(line, fc.option(line, { nil: undefined }), fc.array(line, { minLength: 1, maxLength: 3 }), line, (name, company, lines, city) => {
				const s = splitAddress({ name, companyName: company, lines, city, countryCode: 'DE', postalCode: '10115' }, undefined);
				const f = s.fields;
				for (const k of ['CUNM', 'CUA1', 'CUA2', 'CUA3', 'CUA4']) expect((f[k] ?? '').length).toBeLessThanOrEqual(36);
				if (f.TOWN !== undefined) expect(f.TOWN.length).toBeLessThanOrEqual(20);
				if (s.issues.length) {
					expect(s.issues.map((i) => i.code)).toContain('address_overflow');
					return;
				}
				const out = [f.CUNM, f.CUA1, f.CUA2, f.CUA3, f.CUA4, f.TOWN].join(' ');
				const squash = (t: string) => t.replace(/\s+/g, '');
				for (const part of [name, company ?? '', ...lines, city]) expect(squash(out)).toContain(squash(part));
			}),
			{ numRuns: 300 },
		);
	});
});

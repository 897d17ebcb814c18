import { amazonOrderToCanonical, detectAmazonOrderVersion, normalizeAmazonStatus } from '../../nodes/shared/mapping/amazonOrder';
import { OrderSchema, type Order } from '../../nodes/shared/canonical/schemas';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require('./helpers.js');

function mustMap(input: unknown): Order {
	const r = amazonOrderToCanonical(input);
	if (!r.ok) throw new Error(JSON.stringify(r.issues));
	expect(OrderSchema.safeParse(r.value).success).toBe(true);
	return r.value;
}

describe('Amazon order -> canonical Order', () => {
	it('maps a 2026-01-01 MFN business order with promotions, gift wrap, taxes, buyer and recipient', () => {
		const o = mustMap(h.fixture('order-2026-us-mfn.json'));
		expect(o.source).toEqual({ system: 'amazon', id: '113-1234567-1234567' });
		expect(o.status).toBe('UNSHIPPED');
		expect(o.fulfillmentChannel).toBe('MERCHANT');
		expect(o.isBusinessOrder).toBe(true);
		expect(o.isPrime).toBe(true);
		expect(o.currency).toBe('USD');
		expect(o.aliases).toEqual([{ type: 'SELLER_ORDER_ID', id: 'SO-1001' }]);
		expect(o.buyer).toMatchObject({ name: 'Jane Doe', companyName: 'Doe Industries LLC', purchaseOrderNumber: 'PO-778899' });
		expect(o.shipTo).toMatchObject({ name: 'Jane Doe', city: 'Seattle', countryCode: 'US', postalCode: '981441234' });
		const l = o.lines[0];
		expect(l.quantity).toEqual({ value: '2', unit: 'EA' });
		expect(l.unitPrice).toEqual({ amount: '19.99', currency: 'USD' });
		expect(l.lineAmount).toEqual({ amount: '39.98', currency: 'USD' });
		expect(l.gift).toEqual({ message: 'Happy holidays!', wrapLevel: 'CLASSIC' });
		const byType = (t: string, a?: string) => l.charges.find((c) => c.type === t && (a === undefined || c.appliesTo === a));
		expect(byType('SHIPPING')?.amount.amount).toBe('4.99');
		expect(byType('GIFT_WRAP')?.amount.amount).toBe('2.50');
		expect(byType('PROMOTION')?.amount.amount).toBe('-2.00');
		expect(byType('PROMOTION')?.promotionIds).toEqual(['PROMO-BF26']);
		expect(byType('SHIPPING_DISCOUNT')?.amount.amount).toBe('-1.00');
		expect(byType('TAX', 'ITEM')?.amount.amount).toBe('3.60');
		expect(byType('TAX', 'SHIPPING')?.amount.amount).toBe('0.40');
		expect(o.charges.find((c) => c.type === 'SHIPPING')?.amount.amount).toBe('4.99');
	});

	it('maps an FBA order without address', () => {
		const o = mustMap(h.fixture('order-2026-de-fba.json'));
		expect(o.fulfillmentChannel).toBe('AMAZON');
		expect(o.shipTo).toBeNull();
		expect(o.status).toBe('SHIPPED');
		expect(o.currency).toBe('EUR');
	});

	it('maps a legacy v0 Order + OrderItems + address', () => {
		const input = h.fixture('order-v0-us.json');
		expect(detectAmazonOrderVersion(input)).toBe('v0');
		const o = mustMap(input);
		expect(o.status).toBe('UNSHIPPED');
		expect(o.aliases).toEqual([{ type: 'SELLER_ORDER_ID', id: 'SO-902' }]);
		expect(o.lines[0].unitPrice).toEqual({ amount: '10.00', currency: 'USD' });
		expect(o.lines[0].charges.map((c) => c.type).sort()).toEqual(['PROMOTION', 'SHIPPING', 'SHIPPING_DISCOUNT', 'TAX']);
		expect(o.lines[0].charges.find((c) => c.type === 'PROMOTION')?.amount.amount).toBe('-5.00');
		expect(o.shipTo?.postalCode).toBe('98121-2778');
		expect(o.serviceLevel).toBe('STANDARD');
	});

	it('translates statuses of both API versions', () => {
		expect(normalizeAmazonStatus('Canceled')).toBe('CANCELLED');
		expect(normalizeAmazonStatus('PartiallyShipped')).toBe('PARTIALLY_SHIPPED');
		expect(normalizeAmazonStatus('UNSHIPPED')).toBe('UNSHIPPED');
		expect(normalizeAmazonStatus('nope')).toBeUndefined();
	});

	it('reports a merchant order without address, non-integer quantities and unknown currencies', () => {
		const base = h.fixture('order-2026-us-mfn.json');
		delete base.order.recipient;
		base.order.orderItems[0].quantityOrdered = 1.5;
		base.order.orderItems[1].product.price.unitPrice.currencyCode = 'XYZ';
		const r = amazonOrderToCanonical(base);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		const codes = r.issues.map((i) => i.code);
		expect(codes).toEqual(expect.arrayContaining(['missing_address', 'non_integer_quantity', 'unknown_currency']));
		expect(r.issues.find((i) => i.code === 'non_integer_quantity')?.path).toBe('orderItems[0].quantityOrdered');
	});

	it('needs FULFILLMENT data and recognisable input', () => {
		const base = h.fixture('order-2026-de-fba.json');
		delete base.order.fulfillment;
		const r = amazonOrderToCanonical(base);
		expect(!r.ok && r.issues[0].code).toBe('missing_fulfillment');
		const u = amazonOrderToCanonical({ hello: 'world' });
		expect(!u.ok && u.issues[0].code).toBe('unrecognized_order');
		expect(amazonOrderToCanonical(null).ok).toBe(false);
	});

	const sandbox: Array<{ name: string; input: unknown }> = h.sandboxOrders();
	(sandbox.length ? describe : describe.skip)("Amazon's own sandbox example orders (../shared/spapi-models)", () => {
		it.each(sandbox.map((s) => [s.name, s.input] as const))('%s maps or reports typed issues', (_name, input) => {
			const r = amazonOrderToCanonical(input);
			if (r.ok) {
				expect(OrderSchema.safeParse(r.value).success).toBe(true);
				expect(r.value.lines.length).toBeGreaterThan(0);
			} else {
				for (const i of r.issues) expect(i).toEqual({ path: expect.any(String), code: expect.any(String), message: expect.any(String) });
			}
		});
		it('maps the 2026 BR getOrder example with gift message and promotion', () => {
			const br = sandbox.find((s) => s.name.includes('171-9876543-2109876'));
			if (!br) return;
			const o = mustMap(br.input);
			expect(o.currency).toBe('BRL');
			expect(o.lines[0].gift?.message).toContain('Feliz Natal');
			expect(o.lines[0].promotionIds).toEqual(['BR-NATAL-2024']);
			expect(o.isPrime).toBe(true);
		});
		it('maps the first v0 getOrder example with its items', () => {
			const v0 = sandbox.find((s) => s.name === 'v0 getOrder 902-1845936-5435065');
			if (!v0) return;
			const o = mustMap(v0.input);
			expect(o.lines[0].sku).toBe('NABetaASINB00551Q3CS');
			expect(o.totals.grandTotal).toEqual({ amount: '11.01', currency: 'USD' });
		});
	});
});

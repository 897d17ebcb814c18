import { amazonOrderToCanonical } from '../../nodes/shared/mapping/amazonOrder';
import { checkFbaOptions, fbaAsShippedPlan, merchantWarehouses } from '../../nodes/shared/mapping/fba';
import { canonicalOrderToM3Plan, type M3OrderPlan } from '../../nodes/shared/mapping/m3Order';
import type { Order } from '../../nodes/shared/canonical/schemas';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require('../transform/helpers.js') as { fixture(name: string): unknown };

type Json = Record<string, unknown> & { orderItems: Array<Record<string, unknown>>; fulfillment: Record<string, unknown> };
const fixture = (): Json => {
	const d = h.fixture('order-2026-de-fba.json') as { order?: Json } & Json;
	return JSON.parse(JSON.stringify(d.order ?? d)) as Json;
};
const customerMap = { A1PA6795UKMFR9: { CUNO: 'AMZDE01' } };
const headDefaults = { ORTP: 'A01', FACI: 'A01', WHLO: '001' };

function planOf(o: Json): { order: Order; plan: M3OrderPlan } {
	const c = amazonOrderToCanonical(o);
	if (!c.ok) throw new Error(JSON.stringify(c.issues));
	const p = canonicalOrderToM3Plan(c.value, { customerMap, headDefaults, itemMode: 'identity', vat: { sellerCountry: 'DE', rates: { DE: '19' } } }, o);
	if (!p.ok) throw new Error(JSON.stringify(p.issues));
	return { order: c.value, plan: p.value };
}

describe('FBA order -> M3 order imported as shipped', () => {
	const opts = { mode: 'importAsShipped' as const, warehouse: 'FBA', orderType: 'FBA' };

	it('moves head and every line to the FBA warehouse and order type, ship date and packages on the order', () => {
		const o = fixture();
		o.packages = [{ packageReferenceId: '1', carrier: 'AMZN_DE', shipTime: '2026-11-30T22:15:00Z', trackingNumber: 'DE123', packageItems: [] }];
		const { order, plan } = planOf(o);
		const r = fbaAsShippedPlan(order, plan, opts, merchantWarehouses(headDefaults, customerMap), o);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.head).toMatchObject({ CUNO: 'AMZDE01', WHLO: 'FBA', ORTP: 'FBA', RLDT: '20261130', CUOR: o.orderId });
		for (const l of r.value.lines) expect(l).toMatchObject({ WHLO: 'FBA', DWDT: '20261130' });
		expect(r.value.texts.map((t) => t.text)).toEqual(['Fulfilled by Amazon (AFN), shipped 2026-11-30T22:15:00Z', 'Amazon package 1 AMZN_DE 2026-11-30T22:15:00Z tracking DE123']);
		expect((r.value as M3OrderPlan & { asShipped: unknown }).asShipped).toMatchObject({ channel: 'AFN', warehouse: 'FBA', orderType: 'FBA', minStatus: '66' });
	});

	it('invoices only what Amazon shipped', () => {
		const o = fixture();
		o.orderItems[0].quantityOrdered = 3;
		o.orderItems[0].fulfillment = { quantityFulfilled: 2, quantityUnfulfilled: 1 };
		const { order, plan } = planOf(o);
		const r = fbaAsShippedPlan(order, plan, opts, ['001'], o);
		expect(r.ok && r.value.lines[0].ORQT).toBe('2');
	});

	it('refuses a merchant warehouse, a missing order type, an order Amazon has not shipped', () => {
		expect(checkFbaOptions({ ...opts, warehouse: '001' }, ['001', '002']).map((i) => i.code)).toEqual(['fba_warehouse_is_mfn']);
		expect(checkFbaOptions({ ...opts, orderType: '' }, ['001']).map((i) => i.code)).toEqual(['fba_order_type_missing']);
		expect(checkFbaOptions({ mode: 'skip' }, ['001'])).toEqual([]);
		// a customer map entry with its own warehouse is a merchant warehouse too, unless it is for AFN orders
		expect(merchantWarehouses(headDefaults, { X: { CUNO: 'C', WHLO: '300' }, 'X:AFN': { CUNO: 'C', WHLO: 'FBA' } })).toEqual(['001', '300']);
		const o = fixture();
		o.fulfillment.fulfillmentStatus = 'UNSHIPPED';
		const { order, plan } = planOf(o);
		const r = fbaAsShippedPlan(order, plan, opts, ['001'], o);
		expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['fba_not_shipped']);
	});
});

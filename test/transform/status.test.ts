import { amazonStatusToM3, m3StatusToAmazon, DEFAULT_M3_TO_AMAZON } from '../../nodes/shared/mapping/status';

describe('status mapping', () => {
	it.each([
		['22', '22', 'UNSHIPPED', false],
		['33', '44', 'UNSHIPPED', false],
		['33', '66', 'PARTIALLY_SHIPPED', true],
		['66', '66', 'SHIPPED', true],
		['66', '77', 'SHIPPED', true],
		['77', '77', 'SHIPPED', true],
		['90', '90', 'CANCELLED', false],
		['99', '99', 'CANCELLED', false],
	])('M3 %s/%s -> %s', (ORSL, ORST, amazon, confirm) => {
		const r = m3StatusToAmazon({ ORNO: '1000123', CUOR: '113-1234567-1234567', ORSL, ORST });
		expect(r.ok && r.value).toEqual({ ORSL, ORST, amazonStatus: amazon, confirmShipment: confirm, ORNO: '1000123', CUOR: '113-1234567-1234567' });
	});
	it('accepts a custom rule table and rejects bad statuses', () => {
		const r = m3StatusToAmazon({ ORSL: '44', ORST: '44' }, [{ orslMin: '44', amazon: 'SHIPPED', confirmShipment: true }, ...DEFAULT_M3_TO_AMAZON]);
		expect(r.ok && r.value.amazonStatus).toBe('SHIPPED');
		const bad = m3StatusToAmazon({ ORSL: 'x', ORST: '' });
		expect(!bad.ok && bad.issues.map((i) => i.path)).toEqual(['ORSL', 'ORST']);
		expect(m3StatusToAmazon({ ORSL: '22', ORST: '22' }, []).ok).toBe(false);
	});
	it('maps Amazon statuses of 2026, v0, canonical and notification shapes', () => {
		expect(amazonStatusToM3({ order: { orderId: 'A', fulfillment: { fulfillmentStatus: 'UNSHIPPED' } } })).toEqual({
			ok: true,
			value: { amazonStatus: 'UNSHIPPED', action: 'create', ORSL: '22', ORST: '33', orderId: 'A' },
		});
		const v0 = amazonStatusToM3({ payload: { AmazonOrderId: 'B', OrderStatus: 'Canceled' } });
		expect(v0.ok && v0.value).toMatchObject({ amazonStatus: 'CANCELLED', action: 'cancel', orderId: 'B' });
		const n = amazonStatusToM3({ Summary: { OrderStatus: 'Pending' } });
		expect(n.ok && n.value.action).toBe('wait');
		const c = amazonStatusToM3({ kind: 'Order', status: 'SHIPPED', source: { system: 'amazon', id: 'C' } }, { SHIPPED: { action: 'none' } });
		expect(c.ok && c.value).toEqual({ amazonStatus: 'SHIPPED', action: 'none', orderId: 'C' });
		expect(amazonStatusToM3({ status: 'WHAT' }).ok).toBe(false);
		expect(amazonStatusToM3({ status: 'SHIPPED' }, {}).ok).toBe(false);
	});
});

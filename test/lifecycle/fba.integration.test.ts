import type { IDataObject } from 'n8n-workflow';

import { runPoll, type Session, type WorkflowJson } from '../harness';
import { calls, flows, m3OrderOf, type AmazonOrder, type M3Order, type Wf, type World } from './world';

// FBA (AFN) orders through the order-to-cash template in n8n-core against both simulators: skipped by default; with
// fbaOrders = importAsShipped an order Amazon shipped becomes an M3 order in the FBA warehouse that M3 delivers at
// Confirm (the FBA order type's dispatch policy: no picking list), never touching merchant stock; replays, the backstop
// and lost answers never enter it twice; a misconfigured order type or warehouse ends in the dead letter.

const ID = 'm3amzOrderToCash';

interface Sim {
	orderTypes: Record<string, { autoDelivery: boolean }>;
	balances: Record<string, { WHLO: string; ITNO: string; STQT: number; ALQT: number; REQT: number }>;
	deliveries: Record<string, { head: IDataObject & { WHLO: string } }>;
}
const sim = (w: World) => w.m3.state as unknown as World['m3']['state'] & Sim;
const orders = (w: World, cuor: string): M3Order[] => Object.values(w.m3.state.orders).filter((o) => o.head.CUOR === cuor);
const merchantStock = (w: World) =>
	JSON.stringify(
		Object.values(sim(w).balances)
			.filter((b) => b.WHLO !== 'FBA')
			.map((b) => [b.WHLO, b.ITNO, b.STQT, b.ALQT, b.REQT]),
	);

describe('order-to-cash: FBA orders', () => {
	let w: World;
	let fba: AmazonOrder[];
	beforeAll(async () => {
		w = await flows.startWorld({ seed: 11 });
		fba = [...w.sp.state.orders.values()].filter((o) => o.fulfilledBy === 'AMAZON' && o.status === 'SHIPPED');
	});
	afterAll(async () => {
		await w.close();
	});
	const emit = (ids: string[]) => {
		for (const id of ids) w.sp.control.emit({ type: 'ORDER_CHANGE', orderId: id, channel: 'sqs' });
	};

	it('skip (the default): no FBA order reaches M3, also not one Amazon has not shipped yet', async () => {
		expect(fba.length).toBeGreaterThanOrEqual(2);
		const wf = w.template('order-to-cash.json');
		// an FBA order in a status order-to-cash imports for merchant orders must not become a merchant order either
		const unshipped = w.sp.control.createOrder({ status: 'UNSHIPPED', fulfilledBy: 'AMAZON' }).orderId;
		emit([...fba.map((o) => o.orderId), unshipped]);
		const runs = await w.orderToCash(wf);
		for (const r of runs) expect(r.status).toBe('success');
		for (const id of [...fba.map((o) => o.orderId), unshipped]) expect(m3OrderOf(w, id)).toBeUndefined();
		expect(runs.flatMap((r) => r.output('Amazon order to M3 order') ?? [])).toHaveLength(0);
		expect(w.deadLetter(ID)).toHaveLength(0);
	});

	it('import as shipped: delivered in the FBA warehouse without picking, merchant stock untouched; replays, the backstop and a lost Confirm answer enter nothing twice', async () => {
		const wf = w.template('order-to-cash.json');
		flows.setSetting(wf, 'fbaOrders', 'importAsShipped');
		flows.node(wf, 'Missed orders backstop').parameters.backstopOptions = { fulfilledBy: '', initialLookbackMinutes: 60 * 24 * 30 };
		const stock = merchantStock(w);
		// M3 confirms the first order, then the connection drops before the answer
		w.m3.control.addFaults([{ kind: 'commitThenTimeout', program: 'OIS100MI', transaction: 'Confirm', times: 1 }]);
		emit(fba.map((o) => o.orderId));
		const runs = await w.orderToCash(wf);
		w.m3.control.clearFaults();
		for (const r of runs) expect({ status: r.status, error: r.error?.message, dead: w.deadLetter(ID) }).toMatchObject({ status: 'success' });
		const created = runs.flatMap((r) => r.output('Create M3 customer order') ?? []);
		for (const a of fba) {
			const list = orders(w, a.orderId);
			expect(list).toHaveLength(1);
			const o = list[0];
			expect(o.head).toMatchObject({ WHLO: 'FBA', ORTP: 'FBA', ORSL: '66' });
			for (const l of o.lines) expect(l).toMatchObject({ WHLO: 'FBA', ORST: '66' });
			// the date Amazon shipped as the requested delivery date, Amazon's packages in a head text
			const pk = (a.packages as Array<{ shipTime: string; trackingNumber?: string; carrier: string }>)[0];
			expect(o.head.RLDT).toBe(pk.shipTime.slice(0, 10).replace(/-/g, ''));
			const out = created.find((j) => j.CUOR === a.orderId)!;
			expect(out).toMatchObject({ asShipped: { channel: 'AFN', warehouse: 'FBA', orderType: 'FBA', delivered: true }, status: { ORSL: '66' } });
			const texts = JSON.stringify((o as unknown as { texts: IDataObject[] }).texts);
			if (pk.trackingNumber) expect(texts).toContain(pk.trackingNumber);
			expect(texts).toContain('Fulfilled by Amazon (AFN)');
			// delivered by M3 from the FBA warehouse only
			for (const dlix of (o as unknown as { deliveries: string[] }).deliveries) expect(sim(w).deliveries[dlix].head.WHLO).toBe('FBA');
		}
		expect(merchantStock(w)).toBe(stock);

		// the same notifications again and the backstop (every channel): found, checked, never entered again
		const heads = calls(w, 'OIS100MI/AddBatchHead');
		emit(fba.map((o) => o.orderId));
		const again = await w.orderToCash(wf);
		const session = (w as unknown as { session: Session }).session;
		const polled = await runPoll(session, wf as unknown as WorkflowJson, 'Missed orders backstop', {});
		const found = (polled?.[0] ?? []).filter((i) => fba.some((a) => a.orderId === (i.json as IDataObject).amazonOrderId));
		// the backstop finds the FBA orders Amazon changed within its look-back (not necessarily every one)
		expect(found.length).toBeGreaterThanOrEqual(1);
		again.push(await session.run(wf as unknown as WorkflowJson, { startNode: 'Missed orders backstop', input: found, mode: 'trigger' }));
		for (const r of again) expect(r.status).toBe('success');
		expect(again.flatMap((r) => r.output('Create M3 customer order') ?? []).filter((j) => fba.some((a) => a.orderId === j.CUOR))).toEqual(
			[...fba, ...found].map(() => expect.objectContaining({ created: false, asShipped: expect.objectContaining({ delivered: true }) })),
		);
		expect(calls(w, 'OIS100MI/AddBatchHead')).toBe(heads);
		for (const a of fba) expect(orders(w, a.orderId)).toHaveLength(1);
		expect(merchantStock(w)).toBe(stock);
	});

	it('shipment feedback never confirms the deliveries of the FBA warehouse', async () => {
		const sf = w.template('shipment-feedback.json');
		const before = (w.sp.state as unknown as { shipmentConfirmations: IDataObject[] }).shipmentConfirmations.length;
		const r = await (w as unknown as { fire(wf: Wf, s: string): Promise<{ status: string }> }).fire(sf, 'Every 30 minutes');
		expect(r.status).toBe('success');
		const confirmations = (w.sp.state as unknown as { shipmentConfirmations: IDataObject[] }).shipmentConfirmations.slice(before);
		expect(confirmations.filter((c) => fba.some((a) => a.orderId === c.orderId))).toHaveLength(0);
	});

	it('an order type that does not deliver: kept as FBA_NOT_DELIVERED (never a second order); fixed and reported in M3, the replay passes', async () => {
		const w2 = await flows.startWorld({ seed: 12 });
		try {
			const shipped = [...w2.sp.state.orders.values()].filter((o) => o.fulfilledBy === 'AMAZON' && o.status === 'SHIPPED');
			expect(shipped.length).toBeGreaterThanOrEqual(1);
			const a = shipped[0];
			sim(w2).orderTypes.FBA.autoDelivery = false;
			const stock = merchantStock(w2);
			const wf = w2.template('order-to-cash.json');
			flows.setSetting(wf, 'fbaOrders', 'importAsShipped');
			w2.sp.control.emit({ type: 'ORDER_CHANGE', orderId: a.orderId, channel: 'sqs' });
			const [r] = await w2.orderToCash(wf);
			expect(r.status).toBe('error');
			const row = w2.deadLetter(ID).find((x) => x.key === a.orderId)!;
			expect(row).toMatchObject({ node: 'Create M3 customer order', status: 'open', replays: 0 });
			expect(row.reason).toMatch(/did not deliver it: its lowest line status is 33/);
			expect(row.reason).toMatch(/Order type FBA must have a dispatch policy \(MWS010\)/);
			expect(JSON.parse(row.details)).toMatchObject({ code: 'FBA_NOT_DELIVERED', retryable: false });
			const o = m3OrderOf(w2, a.orderId)!;
			expect(o.head.WHLO).toBe('FBA');
			for (const l of o.lines) expect(l.WHLO).toBe('FBA');
			// allocated in the FBA warehouse only: merchant stock untouched
			expect(merchantStock(w2)).toBe(stock);

			// a replay before anything is fixed: the same order, checked again, kept again
			const heads = calls(w2, 'OIS100MI/AddBatchHead');
			const rp1 = await w2.replay(wf);
			expect(rp1.status).toBe('error');
			expect(w2.deadLetter(ID).find((x) => x.key === a.orderId)).toMatchObject({ status: 'open', replays: 1 });
			// a person reports the delivery in M3 and fixes the order type; the replay finds the order delivered
			expect(w2.m3.control.ship(o.head.ORNO, { trackingNumber: null })).toMatchObject({ ORSL: '66' });
			sim(w2).orderTypes.FBA.autoDelivery = true;
			const rp2 = await w2.replay(wf);
			expect({ status: rp2.status, error: rp2.error?.message }).toMatchObject({ status: 'success' });
			expect(w2.deadLetter(ID).find((x) => x.key === a.orderId)).toMatchObject({ status: 'replayed', replays: 2 });
			expect(calls(w2, 'OIS100MI/AddBatchHead')).toBe(heads);
			expect(orders(w2, a.orderId)).toHaveLength(1);
			expect(merchantStock(w2)).toBe(stock);
		} finally {
			await w2.close();
		}
	});

	it('an FBA warehouse that is a merchant warehouse is refused before anything reaches M3', async () => {
		const w3 = await flows.startWorld({ seed: 13 });
		try {
			const a = [...w3.sp.state.orders.values()].find((o) => o.fulfilledBy === 'AMAZON' && o.status === 'SHIPPED')!;
			const wf = w3.template('order-to-cash.json');
			flows.setSetting(wf, 'fbaOrders', 'importAsShipped');
			flows.setSetting(wf, 'fbaWarehouse', '001');
			w3.sp.control.emit({ type: 'ORDER_CHANGE', orderId: a.orderId, channel: 'sqs' });
			const [r] = await w3.orderToCash(wf);
			expect(r.status).toBe('error');
			const row = w3.deadLetter(ID).find((x) => x.key === a.orderId)!;
			expect(row).toMatchObject({ node: 'Amazon order to M3 order', status: 'open' });
			expect(row.reason).toMatch(/FBA warehouse 001 is also a merchant \(MFN\) warehouse/);
			expect(m3OrderOf(w3, a.orderId)).toBeUndefined();
			expect(calls(w3, 'OIS100MI/AddBatchHead')).toBe(0);
		} finally {
			await w3.close();
		}
	});
});

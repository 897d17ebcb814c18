// The shipment feedback selection of the Infor M3 node (delivery / getShipmentFeedback, changed since the watermark)
// through n8n-core against the M3 simulator with history: EXPORTMI pages, the watermark and queue kept in M3, giving up,
// and the second opinion on PGRS.
import { createSession } from '../harness';
import { basicCredentials, m3Workflow, startSim, type Sim } from './helpers';

type Obj = Record<string, unknown>;

describe('Infor M3 node - shipment feedback selection (integration)', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSim({ seed: 4, history: 3000 });
	});
	afterAll(async () => {
		await sim.close();
	});

	const history = (i: number): { head: Record<string, string> } =>
		(sim.state.history as { at: (i: number) => { delivery: { head: Record<string, string> } } }).at(i).delivery;
	const records = (pk01: string): Obj[] => Object.values(sim.state.customFields as Record<string, Obj>).filter((r) => r.FILE === 'MHDISH' && r.PK01 === pk01);
	const wf = (options: Obj, extra: Obj = {}) =>
		m3Workflow(
			{ resource: 'delivery', operation: 'getShipmentFeedback', orderSelection: 'changedDeliveries', customerNumbers: 'AMZUS01,AMZCA01,AMZDE01,AMZUK01,AMZFR01', ...extra, options },
			{ onError: 'continueErrorOutput' },
		);

	it('reads the changes since the watermark in pages, queues them, moves the watermark; gives up after maxAttempts', async () => {
		const session = createSession({ credentials: { inforM3Api: basicCredentials(sim) } });
		const from = history(2975).head.LMTS;
		const w = wf({ startFrom: from, pageSize: 10, maxAttempts: 2 });
		const first = await session.run(w);
		expect(first.status).toBe('success');
		const out = first.output('M3') as Obj[];
		expect(out.map((d) => d.DLIX)).toEqual(Array.from({ length: 25 }, (_v, k) => history(2975 + k).head.DLIX));
		expect(out[0]).toMatchObject({ attempt: 1, source: 'changed', PGRS: expect.stringMatching(/^[67]0$/) });
		const sel = out[0].selection as { watermark: { from: string; to: string; rows: number; pages: number } };
		expect(sel.watermark).toMatchObject({ from, rows: 25, pages: 3 });
		// one item per delivery, the order-level shape with exactly that delivery
		expect((out[0].deliveries as Obj[]).map((d) => d.DLIX)).toEqual([out[0].DLIX]);
		expect(records('AMZSHIPQ')).toHaveLength(25);
		const wm = records('AMZSHIPWM')[0];
		expect(wm).toMatchObject({ A030: from, A130: history(2999).head.LMTS });

		// the next run reads from the same point (one run of overlap) and meets the queue: attempt 2
		const second = await session.run(w);
		const again = second.output('M3') as Obj[];
		expect(again).toHaveLength(25);
		expect(new Set(again.map((d) => d.attempt))).toEqual(new Set([2]));
		expect(records('AMZSHIPWM')[0]).toMatchObject({ A030: history(2999).head.LMTS });

		// nobody confirmed them (no Amazon here): the third selection gives up, marks them FAILED, says so per delivery
		const third = await session.run(w);
		expect(third.output('M3') ?? []).toEqual([]);
		const failed = (third.output('M3', 1) ?? []) as Obj[];
		expect(failed).toHaveLength(25);
		expect(failed[0].error).toMatch(/given up/);
		expect((failed[0].details as Obj).code).toBe('gave_up');
		expect(records('AMZSHIPQ')).toEqual([]);
		expect(records('AMZSHIP').filter((m) => m.A030 === 'FAILED')).toHaveLength(25);
		// after that only the overlap is read again, and nothing is emitted (not queued; a FAILED mark is no "confirmed")
		const fourth = await session.run(w);
		expect((fourth.output('M3') ?? []).length + (fourth.output('M3', 1) ?? []).length).toBe(0);
	});

	it('a delivery whose PGRS says issued but whose order shows nothing delivered fails alone (the setting is suspect)', async () => {
		sim.control.setStock('001', 'MUG10001', 50);
		const { confirmBatch } = await import('../../simulators/m3/orders');
		const orders: string[] = [];
		for (const cuor of ['113-5000000-0000001', '113-5000000-0000002']) {
			const batch = {
				ORNO: cuor, STAT: '10', errors: [], address: [], headCharges: [], lineCharges: [],
				head: { CUNO: 'AMZUS01', ORTP: 'A01', FACI: 'A01', WHLO: '001', CUOR: cuor },
				lines: [{ PONR: '1', ITNO: 'MUG10001', ORQT: '1', CUOR: 'oi1', SAPR: '5' }],
			} as unknown as Parameters<typeof confirmBatch>[1];
			confirmBatch(sim.state as never, batch);
			orders.push(String((batch as { ORNR: string }).ORNR));
		}
		// one picked, one "issued" by a PGRS that the tenant uses for picked-not-issued (50), with the setting at 50
		const a = sim.control.ship(orders[0], { carrier: 'UPS' }) as Obj;
		const b = sim.control.ship(orders[1], { carrier: 'UPS', pgrs: '50' }) as Obj;
		const session = createSession({ credentials: { inforM3Api: basicCredentials(sim) } });
		const w = wf({ startFrom: String((sim.state.deliveries as Record<string, { head: Obj }>)[String(a.DLIX)].head.LMTS), watermarkKey: 'PGRS50' }, { issuedFrom: '50' });
		const r = await session.run(w);
		expect((r.output('M3') as Obj[]).map((d) => d.DLIX)).toEqual([String(a.DLIX)]);
		const bad = (r.output('M3', 1) ?? []) as Obj[];
		expect(bad).toHaveLength(1);
		expect(bad[0].error).toMatch(new RegExp(`Delivery ${String(b.DLIX)} has PGRS 50.*no delivered quantity.*Issued From Status`));
		// the default (60): the picked delivery is not selected at all
		const d60 = await session.run(wf({ startFrom: String((sim.state.deliveries as Record<string, { head: Obj }>)[String(a.DLIX)].head.LMTS), watermarkKey: 'PGRS60' }));
		expect((d60.output('M3') ?? []).map((d) => (d as Obj).DLIX)).toEqual([String(a.DLIX)]);
		expect(d60.output('M3', 1) ?? []).toEqual([]);
	});
});

import type { IDataObject } from 'n8n-workflow';

import { runWorkflow, type RunResult } from '../harness';
import { basicCredentials, m3Workflow } from '../m3/helpers';
import type { startM3Simulator } from '../../simulators/m3';
import type { startSpApiSimulator } from '../../simulators/spapi';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const flows = require('./flows.js') as { startWorld(o?: IDataObject): Promise<World> };

type Obj = Record<string, unknown>;
type M3 = Awaited<ReturnType<typeof startM3Simulator>>;
type Sp = Awaited<ReturnType<typeof startSpApiSimulator>>;
type Wf = { id: string; nodes: Array<IDataObject & { name: string }> };
interface World {
	m3: M3;
	sp: Sp;
	session: { run(wf: Wf, o?: IDataObject): Promise<RunResult> };
	template(file: string): Wf;
	fire(wf: Wf, start: string): Promise<RunResult>;
	deadLetter(workflowId?: string): Array<{ key: string; node: string; status: string; reason: string }>;
	close(): Promise<void>;
}
interface AmazonOrder {
	orderId: string;
	marketplaceId: string;
	status: string;
	fulfilledBy: string;
	items: Array<{ orderItemId: string; sku: string; quantity: number }>;
	packages: Array<{ packageReferenceId: string; trackingNumber: string; shipTime: string }>;
}

const CUSTOMER: Record<string, string> = {
	ATVPDKIKX0DER: 'AMZUS01',
	A2EUQ1WTGCTBG2: 'AMZCA01',
	A1F83G8C2ARO7P: 'AMZUK01',
	A1PA6795UKMFR9: 'AMZDE01',
	A13V1IB3VIYZZH: 'AMZFR01',
};

// The shipment-feedback template through n8n-core against both simulators: only issued deliveries are confirmed, a
// result per delivery, ship dates in the warehouse's zone, and the schedule path reads only what changed (marks,
// queue and watermark in M3).
describe('shipment-feedback template', () => {
	let w: World;
	let m3: M3;
	let sp: Sp;
	let wf: Wf;
	const ornos: Record<string, string> = {};
	let amazon: AmazonOrder[];

	const marks = (pk01: string): Obj[] =>
		Object.values(m3.state.customFields as Record<string, Obj>).filter((r) => r.FILE === 'MHDISH' && r.PK01 === pk01);
	const apiCalls = (from: number, op?: string): number =>
		(sp.state.requestLog as Obj[]).slice(from).filter((e) => e.kind === 'api' && (!op || e.operation === op)).length;
	const confirmations = (): Obj[] => sp.state.shipmentConfirmations as Obj[];
	const delivery = (dlix: string): { head: Obj; packages: Obj[] } => (m3.state.deliveries as Record<string, { head: Obj; packages: Obj[] }>)[dlix];

	beforeAll(async () => {
		w = await flows.startWorld({ seed: 7 });
		m3 = w.m3;
		sp = w.sp;
		wf = w.template('shipment-feedback.json');
		amazon = ([...sp.state.orders.values()] as AmazonOrder[]).filter((o) => o.fulfilledBy !== 'AMAZON' && o.status === 'UNSHIPPED');
		const itemOf = (sku: string): string =>
			(m3.state.aliases as Array<{ ALWT: string; POPN: string; ITNO: string }>).find((a) => String(a.ALWT) === '1' && a.POPN === sku)!.ITNO;
		// M3 orders for four Amazon orders (lines carry the Amazon order item ids in CUOR), stock to ship them
		const pick = { single: amazon[0], picking: amazon[1], split: amazon.find((o) => o.items.length >= 2 && o !== amazon[0] && o !== amazon[1])! };
		for (const [name, o] of Object.entries(pick)) {
			for (const it of o.items) m3.control.setStock('001', itemOf(it.sku), 500);
			const plan = {
				head: { CUNO: CUSTOMER[o.marketplaceId], ORTP: 'A01', FACI: 'A01', WHLO: '001', CUOR: o.orderId, ORDT: '20261129', CUDT: '20261129' },
				lines: o.items.map((it) => ({ ITNO: itemOf(it.sku), ORQT: String(it.quantity), CUOR: it.orderItemId, SAPR: '10' })),
			};
			const r = await runWorkflow(m3Workflow({ resource: 'customerOrder', operation: 'create' }), {
				credentials: { inforM3Api: basicCredentials(m3) },
				input: [{ json: plan as unknown as IDataObject }],
			});
			ornos[name] = String((r.output('M3') as Obj[])[0].ORNO);
		}
	});
	afterAll(async () => {
		await w.close();
	});

	it('confirms issued deliveries only, each on its own; ship date in the warehouse time zone with its offset', async () => {
		const a = m3.control.ship(ornos.single, { carrier: 'UPS' }) as Obj;
		// tracking number printed, delivery still in picking: not a shipment
		const b = m3.control.ship(ornos.picking, { carrier: 'UPS', pgrs: '05' }) as Obj;
		expect(b.PGRS).toBe('05');
		expect(String(b.ETRN)).not.toBe('');
		// a split order: line 1 shipped with tracking, line 2 shipped without a tracking number yet
		const splitItems = (m3.state.orders as Record<string, { lines: Array<{ ORQT: string }> }>)[ornos.split].lines;
		const c1 = m3.control.ship(ornos.split, { carrier: 'DHL', lines: [{ PONR: 1, qty: Number(splitItems[0].ORQT) }] }) as Obj;
		const c2 = m3.control.ship(ornos.split, { carrier: 'DHL', lines: [{ PONR: 2, qty: Number(splitItems[1].ORQT) }], trackingNumber: null }) as Obj;

		const log = (sp.state.requestLog as Obj[]).length;
		const r = await w.fire(wf, 'Every 30 minutes');
		// the delivery without tracking is kept in the dead letter: the run fails on purpose after every branch ran
		expect(r.status).toBe('error');
		expect(r.runData['Fail the execution']).toBeDefined();
		const emitted = (r.output('Shipment feedback from M3') ?? []) as Obj[];
		expect(emitted.map((d) => d.DLIX).sort()).toEqual([a.DLIX, c1.DLIX, c2.DLIX].map(String).sort());
		// the delivery in picking is not even selected (EXPORTMI asks for PGRS >= issuedFrom)
		expect(emitted.map((d) => d.DLIX)).not.toContain(String(b.DLIX));

		const sent = confirmations();
		expect(sent.map((x) => `${x.orderId}#${(x.packageDetail as Obj).packageReferenceId}`).sort()).toEqual(
			[`${amazon[0].orderId}#${a.DLIX}`, `${String((m3.state.orders as Record<string, { head: Obj }>)[ornos.split].head.CUOR)}#${c1.DLIX}`].sort(),
		);
		// the delivery without tracking fails alone, with its DLIX in the reason
		const notReady = (r.output('M3 delivery to Amazon shipment', 1) ?? []) as Obj[];
		expect(notReady).toHaveLength(1);
		expect(JSON.stringify(notReady[0])).toContain(`delivery ${String(c2.DLIX)}`);
		expect(JSON.stringify(notReady[0])).toContain('missing_tracking');
		expect(w.deadLetter('m3amzShipmentFeedback').map((x) => [x.key, x.node])).toEqual([[`delivery ${String(c2.DLIX)}`, 'M3 delivery to Amazon shipment']]);

		// ship date: DSDT/DSHM read in the warehouse's zone (001 = America/New_York in the template), with the offset
		const head = delivery(String(a.DLIX)).head;
		const shipDate = String((sent.find((x) => x.orderId === amazon[0].orderId)!.packageDetail as Obj).shipDate);
		const dsdt = String(head.DSDT);
		const dshm = String(head.DSHM).padStart(4, '0');
		expect(shipDate).toBe(`${dsdt.slice(0, 4)}-${dsdt.slice(4, 6)}-${dsdt.slice(6, 8)}T${dshm.slice(0, 2)}:${dshm.slice(2, 4)}:00${shipDate.slice(-6)}`);
		expect(['-05:00', '-04:00']).toContain(shipDate.slice(-6));

		// lasting marks for the confirmed deliveries; the one waiting for tracking is queued
		expect(marks('AMZSHIP').map((m) => [m.PK02, m.A030]).sort()).toEqual([[String(a.DLIX), 'CONFIRMED'], [String(c1.DLIX), 'CONFIRMED']].sort());
		expect(marks('AMZSHIPQ').map((m) => m.PK02)).toEqual([String(c2.DLIX)]);
		// at most a getOrder (duplicate check) and a confirmShipment per package
		expect(apiCalls(log, 'orders2026.getOrder')).toBe(2);
		expect(apiCalls(log, 'ordersV0.confirmShipment')).toBe(2);
	});

	it('picks up a delivery once issued and a queued one once its package has tracking; never confirms twice', async () => {
		const dl = (orno: string): string[] => (m3.state.orders as Record<string, { deliveries: string[] }>)[orno].deliveries;
		const b = dl(ornos.picking)[0];
		const c2 = dl(ornos.split)[1];
		m3.control.issue(b);
		// tracking on the package only: the delivery head (and its LMTS) does not change, the queue brings it back
		const lmts = delivery(c2).head.LMTS;
		m3.control.setTracking(c2, { trackingNumber: 'JD0001234567', package: true });
		expect(delivery(c2).head.LMTS).toBe(lmts);

		const before = confirmations().length;
		const log = (sp.state.requestLog as Obj[]).length;
		const r = await w.fire(wf, 'Every 30 minutes');
		expect(r.status).toBe('success');
		const now = confirmations().slice(before);
		expect(now.map((x) => (x.packageDetail as Obj).packageReferenceId).sort()).toEqual([b, c2].sort());
		expect((now.find((x) => (x.packageDetail as Obj).packageReferenceId === c2)!.packageDetail as Obj).trackingNumber).toBe('JD0001234567');
		expect(marks('AMZSHIPQ')).toEqual([]);
		expect(apiCalls(log)).toBe(4);

		// nothing new: no Amazon call at all, and no repeated confirmation in any run
		const log2 = (sp.state.requestLog as Obj[]).length;
		const again = await w.fire(wf, 'Every 30 minutes');
		expect(again.status).toBe('success');
		expect(again.output('Confirm shipment on Amazon') ?? []).toEqual([]);
		expect(apiCalls(log2)).toBe(0);
		const keys = confirmations().map((x) => `${x.orderId}#${(x.packageDetail as Obj).packageReferenceId}`);
		expect(new Set(keys).size).toBe(keys.length);
		// every confirmed package is a delivery M3 has issued (PGRS 60 or more)
		for (const x of confirmations()) expect(Number(delivery(String((x.packageDetail as Obj).packageReferenceId)).head.PGRS)).toBeGreaterThanOrEqual(60);
	});

	it('the ION path shares the selection: the deliveries of the orders named, issued and not yet marked', async () => {
		const o = amazon.find((x) => !Object.values(ornos).some((n) => (m3.state.orders as Record<string, { head: Obj }>)[n].head.CUOR === x.orderId))!;
		const itemOf = (sku: string): string =>
			(m3.state.aliases as Array<{ ALWT: string; POPN: string; ITNO: string }>).find((a) => String(a.ALWT) === '1' && a.POPN === sku)!.ITNO;
		for (const it of o.items) m3.control.setStock('001', itemOf(it.sku), 500);
		const created = await runWorkflow(m3Workflow({ resource: 'customerOrder', operation: 'create' }), {
			credentials: { inforM3Api: basicCredentials(m3) },
			input: [
				{
					json: {
						head: { CUNO: CUSTOMER[o.marketplaceId], ORTP: 'A01', FACI: 'A01', WHLO: '001', CUOR: o.orderId, ORDT: '20261129' },
						lines: o.items.map((it) => ({ ITNO: itemOf(it.sku), ORQT: String(it.quantity), CUOR: it.orderItemId, SAPR: '10' })),
					} as unknown as IDataObject,
				},
			],
		});
		const orno = String((created.output('M3') as Obj[])[0].ORNO);
		const shipped = m3.control.ship(orno, { carrier: 'FDX', pgrs: '05' }) as Obj;
		const bod = (n: string) => [{ json: { bodId: `bod-${n}`, extract: { salesOrderNumbers: [n, ornos.single] } } }];
		const before = confirmations().length;
		const first = await w.session.run(wf, { startNode: 'ION Sync.Shipment', input: bod(orno), mode: 'trigger' });
		expect(first.status).toBe('success');
		// ornos.single is marked confirmed, the new order's delivery is not issued: nothing to confirm
		expect(first.output('Shipment feedback from M3') ?? []).toEqual([]);
		expect(confirmations().length).toBe(before);
		m3.control.issue(String(shipped.DLIX));
		const second = await w.session.run(wf, { startNode: 'ION Sync.Shipment', input: bod(orno), mode: 'trigger' });
		expect(second.status).toBe('success');
		expect(confirmations().slice(before).map((x) => [x.orderId, (x.packageDetail as Obj).packageReferenceId])).toEqual([[o.orderId, String(shipped.DLIX)]]);
		// the schedule run after it finds the mark: nothing is sent again
		const log = (sp.state.requestLog as Obj[]).length;
		await w.fire(wf, 'Every 30 minutes');
		expect(apiCalls(log)).toBe(0);
	});
});

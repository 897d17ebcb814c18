// Infor M3 options the workflow templates rely on, through n8n-core's engine against the M3 simulator.
import type { IDataObject } from 'n8n-workflow';

import { createSession, runWorkflow } from '../harness';
import { basicCredentials, m3Workflow, planFor, startSim, type Sim } from './helpers';

type Obj = Record<string, unknown>;

describe('Infor M3 node - options used by the templates (integration)', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await sim.close();
	});

	it('changed balances: remembered position, Amazon SKUs from aliases, full resync', async () => {
		const session = createSession({ credentials: { inforM3Api: basicCredentials(sim) } });
		const wf = m3Workflow({
			resource: 'inventory',
			operation: 'getChangedBalances',
			since: '',
			returnAll: true,
			options: { warehouse: '001', rememberPosition: true, includeSku: true, aliasType: '1' },
		});
		wf.id = 'balances-remember';
		const first = await session.run(wf);
		expect(first.status).toBe('success');
		const rows = first.output('M3') as Obj[];
		const balances001 = Object.values(sim.state.balances as Record<string, { WHLO: string }>).filter((b) => b.WHLO === '001');
		expect(rows.length).toBe(balances001.length);
		const seedSkus = new Map((sim.state.aliases as Array<{ ITNO: string; ALWT: string; POPN: string }>).filter((a) => String(a.ALWT) === '1').map((a) => [a.ITNO, a.POPN]));
		for (const r of rows) expect(r.sku).toBe(seedSkus.get(String(r.ITNO)) ?? '');
		expect(rows.some((r) => r.sku === '')).toBe(true);
		expect(rows.filter((r) => r.sku !== '').length).toBeGreaterThan(50);

		// the next run starts from the remembered cursor (M3's clock stamped by the run before the last; the first run
		// has no earlier one): what it returns can only be balances as they were, never a balance changed later
		const second = await session.run(wf);
		const before = new Map(rows.map((r) => [r.ITNO, r.AV01]));
		for (const r of second.output('M3') as Obj[]) expect(r.AV01).toBe(before.get(r.ITNO));
		expect((second.output('M3') as Obj[])[0]?.since ?? rows[0].nextSince).toBe(rows[0].nextSince);

		sim.control.setStock('001', 'MUG10001', 17);
		const third = await session.run(wf);
		const changed = (third.output('M3') as Obj[]).filter((r) => r.ITNO === 'MUG10001');
		expect(changed).toHaveLength(1);
		expect(changed[0].AV01).toBe(17 - Number((sim.state.balances as Record<string, Obj>)['001/MUG10001']?.ALQT ?? 0));
		expect(changed[0].sku).toBe(seedSkus.get('MUG10001'));
		expect(String(changed[0].since)).toBe(String((second.output('M3') as Obj[])[0]?.nextSince ?? changed[0].since));

		const resync = m3Workflow({
			resource: 'inventory',
			operation: 'getChangedBalances',
			since: '',
			returnAll: true,
			options: { warehouse: '001', rememberPosition: true, fullResync: true },
		});
		resync.id = 'balances-remember';
		const full = await session.run(resync);
		expect((full.output('M3') as Obj[]).length).toBe(balances001.length);
	});

	it('shipment feedback by order numbers (comma list) and by shipped orders of customers', async () => {
		sim.control.setStock('001', 'MUG10001', 100);
		const plans = ['113-3000000-0000001', '113-3000000-0000002', '113-3000000-0000003'].map(
			(c) => ({ json: planFor(c, [{ ITNO: 'MUG10001', ORQT: '1', CUOR: `oi-${c.slice(-1)}` }]) as IDataObject }),
		);
		const created = await runWorkflow(m3Workflow({ resource: 'customerOrder', operation: 'create' }), {
			credentials: { inforM3Api: basicCredentials(sim) },
			input: plans,
		});
		const ornos = (created.output('M3') as Obj[]).map((o) => String(o.ORNO));
		expect(ornos).toHaveLength(3);
		sim.control.ship(ornos[0], { carrier: 'UPS' });
		sim.control.ship(ornos[1], { carrier: 'DHL' });

		const run = async (parameters: Obj) =>
			await runWorkflow(m3Workflow({ resource: 'delivery', operation: 'getShipmentFeedback', ...parameters }), {
				credentials: { inforM3Api: basicCredentials(sim) },
			});
		const byNumbers = await run({ orderSelection: 'orderNumbers', orderNumber: `${ornos[0]}, ${ornos[1]}` });
		expect((byNumbers.output('M3') as Obj[]).map((f) => [f.ORNO, (f.deliveries as Obj[]).length])).toEqual([
			[ornos[0], 1],
			[ornos[1], 1],
		]);

		const shipped = await run({ orderSelection: 'shippedOrders', customerNumbers: 'AMZUS01, AMZDE01', lowestStatus: '66' });
		const found = (shipped.output('M3') as Obj[]).map((f) => String(f.ORNO));
		expect(found).toEqual(expect.arrayContaining([ornos[0], ornos[1]]));
		expect(found).not.toContain(ornos[2]);

		const none = await run({ orderSelection: 'shippedOrders', customerNumbers: '' });
		expect(String(none.nodeError('M3')?.message)).toMatch(/Customer Numbers/);
	});
});

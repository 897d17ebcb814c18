// Customer Order operations of the Infor M3 node, run through n8n-core's engine (test/harness) against the M3 simulator.
import type { IDataObject } from 'n8n-workflow';

import { createSession, runWorkflow } from '../harness';
import { basicCredentials, ionCredentials, m3Workflow, planFor, secretsOf, startSim, type Sim } from './helpers';

type Obj = Record<string, unknown>;

describe('Infor M3 node - customer order (integration)', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await sim.close();
	});
	const creds = () => ({ inforM3Api: basicCredentials(sim) });
	const ordersWith = (cuor: string) =>
		Object.values(sim.state.orders as Record<string, { head: Obj }>).filter((o) => o.head.CUOR === cuor);
	const batchesWith = (cuor: string) =>
		Object.values(sim.state.batchOrders as Record<string, { head: Obj; STAT: string }>).filter(
			(b) => b.head.CUOR === cuor,
		);
	const create = async (plan: unknown, options: Obj = {}, extra: Obj = {}) =>
		await runWorkflow(m3Workflow({ resource: 'customerOrder', operation: 'create', options }, extra), {
			credentials: creds(),
			input: [{ json: plan as IDataObject }],
		});

	it('creates an order from the batch order plan (head, address, lines, charges, custom fields)', async () => {
		const cuor = '113-1000000-0000001';
		const r = await create(
			planFor(cuor, [
				{ ITNO: 'MUG10001', ORQT: '2', SAPR: '19.99', CUOR: 'item-1' },
				{ ITNO: 'TSH10002', ORQT: '1', SAPR: '9.50', CUOR: 'item-2' },
			]),
		);
		expect(r.error).toBeUndefined();
		const out = r.output('M3')?.[0] as Obj;
		expect(out).toMatchObject({ CUOR: cuor, CUNO: 'AMZUS01', created: true, batchStatus: '90' });
		expect(out.ORNO).toMatch(/^\d+$/);
		expect(out.status).toEqual({ ORSL: expect.stringMatching(/^\d\d$/), ORST: expect.stringMatching(/^\d\d$/) });
		expect(out.lines).toHaveLength(2);
		expect(r.items('M3')?.[0].pairedItem).toEqual({ item: 0 });
		const [order] = ordersWith(cuor) as Array<{ head: Obj; lines: Obj[]; address: Obj[]; charges: Obj[] }>;
		expect(order.lines.map((l) => [l.ITNO, l.ORQT, l.SAPR, l.CUOR])).toEqual([
			['MUG10001', '2', '19.99', 'item-1'],
			['TSH10002', '1', '9.5', 'item-2'],
		]);
		expect(order.address[0]).toMatchObject({ CUNM: 'Jane Buyer', TOWN: 'Seattle' });
		expect(order.charges[0]).toMatchObject({ CRID: 'SHIP', CRAM: '4.99' });
		const cf = (sim.state.customFields as Record<string, Obj>)[`OOHEAD|${String(out.ORNO)}|||||||`];
		expect(cf).toMatchObject({ A030: 'amazon' });
	});

	it('line charges go to AddBatchLineChg with the PONR M3 gave; a refused text is a warning, not a failure', async () => {
		const cuor = '113-1000000-0000007';
		const plan = {
			...planFor(cuor, [{ ITNO: 'MUG10001', ORQT: '1' }, { ITNO: 'TSH10002', ORQT: '1' }]),
			charges: [{ CRID: 'SHIP', CRAM: '4.99' }, { CRID: 'GIFT', CRAM: '2.00', line: 2 }],
			texts: [{ type: 'head', text: 'gift message' }, { type: 'line', line: 1, text: 'line note' }],
		};
		const r = await create(plan);
		expect(r.error).toBeUndefined();
		const out = r.output('M3')?.[0] as Obj;
		expect(out.created).toBe(true);
		for (const w of out.warnings as Obj[]) expect(w.transaction).toBe('AddBatchText');
		const [order] = ordersWith(cuor) as unknown as Array<{ lineCharges: Obj[] }>;
		expect(order.lineCharges).toEqual([expect.objectContaining({ CRID: 'GIFT', PONR: '2' })]);
	});

	it('lines with an alias (POPN) instead of ITNO are resolved through MMS025MI; an unknown alias writes nothing', async () => {
		const alias = (sim.state.aliases as Obj[]).find((a) => a.ALWT === '1') as Obj;
		const cuor = '113-1000000-0000008';
		const r = await create(planFor(cuor, [{ POPN: String(alias.POPN), ORQT: '1' }]));
		expect(r.error).toBeUndefined();
		expect((r.output('M3')?.[0] as { lines: Obj[] }).lines[0].ITNO).toBe(alias.ITNO);
		const before = (sim.control.requestCounts() as Record<string, number>)['OIS100MI/AddBatchHead'];
		const bad = await create(planFor('113-1000000-0000009', [{ POPN: 'NO-SUCH-SKU', ORQT: '1' }]));
		expect(String(bad.nodeError('M3')?.message)).toMatch(/NO-SUCH-SKU/);
		expect((sim.control.requestCounts() as Record<string, number>)['OIS100MI/AddBatchHead']).toBe(before);
	});

	it('AddBatchHead applied, then the answer lost (reset, HTTP 500): entered again, the empty head it left deleted, ONE order', async () => {
		for (const [n, fault] of [
			['14', { kind: 'commitThenTimeout' }],
			['15', { kind: 'commitThenError', status: 500 }],
		] as const) {
			const cuor = `113-1000000-00000${n}`;
			sim.control.addFaults({ ...fault, program: 'OIS100MI', transaction: 'AddBatchHead', times: 1 });
			const r = await create(planFor(cuor));
			sim.control.clearFaults();
			expect(r.error).toBeUndefined();
			const out = r.output('M3')?.[0] as Obj;
			expect(out).toMatchObject({ created: true, CUOR: cuor });
			expect(JSON.stringify(out.warnings)).toMatch(/answer was lost; the empty batch order \d+ it left was deleted/);
			expect(ordersWith(cuor)).toHaveLength(1);
			expect(batchesWith(cuor).map((b) => b.STAT)).toEqual(['90']); // the orphan is gone, not left for a human
			const again = (await create(planFor(cuor))).output('M3')?.[0] as Obj;
			expect(again).toMatchObject({ created: false, ORNO: out.ORNO, foundBy: 'keyRecord' });
		}
	});

	it('lines whose answer is lost (500 before M3 ran them, or applied then reset): the batch order is replaced, ONE order', async () => {
		for (const [n, fault] of [
			['13', { kind: 'http5xx', api: 'bulk', program: 'OIS100MI', transaction: 'AddBatchLine' }],
			['16', { kind: 'commitThenTimeout', api: 'bulk', program: 'OIS100MI', transaction: 'AddBatchLine' }],
		] as const) {
			const cuor = `113-1000000-00000${n}`;
			sim.control.addFaults({ ...fault, times: 1 });
			const r = await create(planFor(cuor));
			sim.control.clearFaults();
			expect(r.error).toBeUndefined();
			const out = r.output('M3')?.[0] as Obj;
			expect(out.created).toBe(true);
			expect(JSON.stringify(out.warnings)).toMatch(/batch order \d+ was replaced/);
			expect(ordersWith(cuor)).toHaveLength(1);
			expect((ordersWith(cuor)[0] as unknown as { lines: Obj[] }).lines).toHaveLength(1); // the replaced batch's line did not end up in the order
			expect(batchesWith(cuor).map((b) => b.STAT)).toEqual(['90']);
		}
	});

	it('Confirm applied, then the answer lost: read back, ONE order, created: true', async () => {
		const cuor = '113-1000000-0000017';
		sim.control.addFaults({ kind: 'commitThenTimeout', api: 'bulk', program: 'OIS100MI', transaction: 'Confirm', times: 1 });
		const r = await create(planFor(cuor));
		sim.control.clearFaults();
		expect(r.error).toBeUndefined();
		expect(r.output('M3')?.[0]).toMatchObject({ created: true, CUOR: cuor, batchStatus: '90' });
		expect(ordersWith(cuor)).toHaveLength(1);
	});

	it('is idempotent on CUOR: a second create returns the existing order with created: false', async () => {
		const cuor = '113-1000000-0000002';
		const first = (await create(planFor(cuor))).output('M3')?.[0] as Obj;
		const second = (await create(planFor(cuor))).output('M3')?.[0] as Obj;
		expect(first.created).toBe(true);
		expect(second).toMatchObject({ created: false, ORNO: first.ORNO, foundBy: 'keyRecord' });
		expect(ordersWith(cuor)).toHaveLength(1);
		const viaSearch = (await create(planFor(cuor), { duplicateCheck: 'searchHead', readLines: true })).output('M3')?.[0] as Obj;
		expect(viaSearch).toMatchObject({ created: false, ORNO: first.ORNO, foundBy: 'keyRecord' });
		expect(viaSearch.lines).toEqual([expect.objectContaining({ ITNO: 'MUG10001', ORQT: '2' })]);
		expect(ordersWith(cuor)).toHaveLength(1);
	});

	it('unknown item in a line: no order, batch order deleted, M3 reason returned', async () => {
		const cuor = '113-1000000-0000003';
		const r = await create(planFor(cuor, [{ ITNO: 'MUG10001', ORQT: '1' }, { ITNO: 'NOSUCHITEM', ORQT: '1' }]));
		expect(r.status).toBe('error');
		const msg = String(r.nodeError('M3')?.message);
		expect(msg).toContain('NOSUCHITEM');
		expect(msg).toContain('WIT0103');
		expect(msg).toMatch(/deleted/);
		expect(ordersWith(cuor)).toHaveLength(0);
		expect(batchesWith(cuor)).toHaveLength(0);
	});

	it('keeps the failed batch order when asked, and a re-run reports it (created: false with M3 reasons)', async () => {
		const cuor = '113-1000000-0000004';
		const plan = planFor(cuor, [{ ITNO: 'NOSUCHITEM', ORQT: '1' }]);
		const r = await create(plan, { onFailure: 'keep' });
		expect(r.status).toBe('error');
		expect(batchesWith(cuor)).toHaveLength(1);
		const again = (await create(plan)).output('M3')?.[0] as Obj;
		expect(again).toMatchObject({ created: false, ORNO: '', batchStatus: '25', foundBy: 'batchOrder' });
		expect(JSON.stringify(again.errors)).toContain('NOSUCHITEM');
		expect(ordersWith(cuor)).toHaveLength(0);
	});

	it('continueOnFail: the error item carries the input and the M3 code/field', async () => {
		const cuor = '113-1000000-0000005';
		const plan = planFor(cuor, [{ ITNO: 'NOSUCHITEM', ORQT: '1' }]);
		const r = await create(plan, {}, { onError: 'continueRegularOutput' });
		expect(r.status).toBe('success');
		const item = r.items('M3')?.[0];
		expect(item?.pairedItem).toEqual({ item: 0 });
		const json = item?.json as Obj;
		expect(String(json.error)).toContain('NOSUCHITEM');
		expect(Object.keys(json).sort()).toEqual(['details', 'error']);
		const details = json.details as Obj;
		expect(details).toMatchObject({ system: 'm3', program: 'OIS100MI', code: 'WIT0103', node: 'M3', operation: 'customerOrder.create' });
		// the stopped batch order's reasons per line, not a JSON string
		expect(Array.isArray(details.reasons)).toBe(true);
		expect(details.input).toEqual(plan);
	});

	it('missing mandatory field: a clear error naming the field (our check and M3\'s own)', async () => {
		const plan = planFor('113-1000000-0000006') as { head: Obj };
		delete plan.head.CUNO;
		const r = await create(plan);
		expect(r.status).toBe('error');
		expect(String(r.nodeError('M3')?.message)).toMatch(/CUNO/);
		expect(r.nodeError('M3')?.name).toBe('NodeOperationError');
		expect((r.nodeError('M3') as Error & { context?: { itemIndex?: number } }).context?.itemIndex).toBe(0);

		const badDate = await create({ ...planFor('113-1000000-0000011'), lines: [{ ITNO: 'MUG10001', ORQT: '1', DWDT: 'soon' }] });
		expect(String(badDate.nodeError('M3')?.message)).toMatch(/lines\[0\]: DWDT "soon" is not a date/);
		expect(batchesWith('113-1000000-0000011')).toHaveLength(0);
		const isoDates = await create({ ...planFor('113-1000000-0000012'), head: { ...planFor('x').head, CUOR: '113-1000000-0000012', ORDT: '2026-11-29T08:00:00Z' } });
		expect(isoDates.error).toBeUndefined();
		expect(ordersWith('113-1000000-0000012')[0].head.ORDT).toBe('20261129');

		const r2 = await runWorkflow(
			m3Workflow({ resource: 'transaction', operation: 'execute', program: 'OIS100MI', transaction: 'GetHead' }),
			{ credentials: creds() },
		);
		expect(r2.status).toBe('error');
		const e = r2.nodeError('M3') as Error & { description?: string };
		expect(e.message).toMatch(/ORNO/);
		expect(e.message).toMatch(/OIS100MI\/GetHead/);
		expect(e.name).toBe('NodeApiError');
		expect(e.description).toMatch(/Field: ORNO/);
		expect((e as Error & { context?: { itemIndex?: number } }).context?.itemIndex).toBe(0);
	});

	it('20 concurrent workflow runs creating the same CUOR end with ONE order', async () => {
		const cuor = '113-1000000-0000020';
		const counts = () => sim.control.requestCounts() as Record<string, number>;
		const before = counts();
		const runs = await Promise.all(Array.from({ length: 20 }, async () => await create(planFor(cuor))));
		const after = counts();
		const delta = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
		// the race really happened: several runs added a batch head, the losers deleted theirs, one confirmed
		expect(delta('OIS100MI/AddBatchHead')).toBeGreaterThan(1);
		expect(delta('OIS100MI/DelBatchHead')).toBe(delta('OIS100MI/AddBatchHead') - 1);
		expect(delta('OIS100MI/Confirm')).toBe(1);
		const outs = runs.map((r) => {
			expect(r.error).toBeUndefined();
			return r.output('M3')?.[0] as Obj;
		});
		expect(ordersWith(cuor)).toHaveLength(1);
		expect(new Set(outs.map((o) => o.ORNO)).size).toBe(1);
		expect(outs.filter((o) => o.created === true)).toHaveLength(1);
		// the losers cleaned up: one batch order left (the released one)
		expect(batchesWith(cuor).map((b) => b.STAT)).toEqual(['90']);
	});

	it('20 concurrent runs with random latency on every call still end with ONE order', async () => {
		const cuor = '113-1000000-0000023';
		sim.control.addFaults({ kind: 'latency', ms: 25, probability: 0.5 });
		const runs = await Promise.all(Array.from({ length: 20 }, async () => await create(planFor(cuor))));
		sim.control.clearFaults();
		const outs = runs.map((r) => {
			expect(r.error).toBeUndefined();
			return r.output('M3')?.[0] as Obj;
		});
		expect(ordersWith(cuor)).toHaveLength(1);
		expect(outs.filter((o) => o.created === true)).toHaveLength(1);
		expect(new Set(outs.map((o) => o.ORNO)).size).toBe(1);
	});

	it('concurrent creates of an order M3 refuses: every run reports M3\'s reason, nothing is left behind', async () => {
		const cuor = '113-1000000-0000022';
		const runs = await Promise.all(
			Array.from({ length: 5 }, async () => await create(planFor(cuor, [{ ITNO: 'NOSUCHITEM', ORQT: '1' }]))),
		);
		for (const r of runs) {
			expect(r.status).toBe('error');
			expect(String(r.nodeError('M3')?.message)).toContain('NOSUCHITEM');
		}
		expect(ordersWith(cuor)).toHaveLength(0);
		expect(batchesWith(cuor)).toHaveLength(0);
	});

	it('one run with 20 items of the same CUOR processed concurrently ends with ONE order', async () => {
		const cuor = '113-1000000-0000021';
		const r = await runWorkflow(
			m3Workflow({ resource: 'customerOrder', operation: 'create', options: { concurrency: 20 } }),
			{ credentials: creds(), input: Array.from({ length: 20 }, () => ({ json: planFor(cuor) as IDataObject })) },
		);
		expect(r.error).toBeUndefined();
		const outs = r.output('M3') as Obj[];
		expect(outs).toHaveLength(20);
		expect(r.items('M3')?.map((it) => it.pairedItem)).toEqual(Array.from({ length: 20 }, (_, i) => ({ item: i })));
		expect(ordersWith(cuor)).toHaveLength(1);
		expect(outs.filter((o) => o.created === true)).toHaveLength(1);
		expect(new Set(outs.map((o) => o.ORNO)).size).toBe(1);
	});

	it('ION API: the token expires mid-run -> refreshed, no item lost', async () => {
		const session = createSession({ credentials: { inforM3Api: ionCredentials(sim) } });
		sim.control.addFaults({ kind: 'tokenExpiry', gateway: true, skip: 3, times: 1 });
		const wf = m3Workflow({ resource: 'customerOrder', operation: 'create' });
		const input = Array.from({ length: 4 }, (_, i) => ({ json: planFor(`113-1000000-00001${i}0`) as IDataObject }));
		const r = await session.run(wf, { input });
		sim.control.clearFaults();
		expect(r.error).toBeUndefined();
		const outs = r.output('M3') as Obj[];
		expect(outs.map((o) => o.created)).toEqual([true, true, true, true]);
		for (let i = 0; i < 4; i++) expect(ordersWith(`113-1000000-00001${i}0`)).toHaveLength(1);
		expect(session.credentialsHelper.preAuthCount.inforM3Api).toBeGreaterThanOrEqual(2);
		// expiring every token between runs is handled the same way
		sim.control.expireTokens();
		const r2 = await session.run(m3Workflow({ resource: 'customerOrder', operation: 'get', orderNumber: outs[0].ORNO }));
		expect(r2.error).toBeUndefined();
		expect(r2.output('M3')?.[0]).toMatchObject({ ORNO: outs[0].ORNO });
		const text = JSON.stringify([r.runData, r2.runData]);
		for (const s of secretsOf(sim)) expect(text).not.toContain(s);
	});

	it('get, get many, get lines and get deliveries', async () => {
		const cuor = '113-1000000-0000030';
		const created = (await create(planFor(cuor))).output('M3')?.[0] as Obj;
		const ORNO = String(created.ORNO);
		const run = async (parameters: Obj) =>
			await runWorkflow(m3Workflow({ resource: 'customerOrder', ...parameters }), { credentials: creds() });

		const get = await run({ operation: 'get', orderNumber: ORNO, options: { includeLines: true } });
		expect(get.output('M3')?.[0]).toMatchObject({ ORNO, CUOR: cuor, CUNO: 'AMZUS01' });
		expect((get.output('M3')?.[0] as Obj).lines).toHaveLength(1);

		const many = await run({ operation: 'getMany', customerNumber: 'AMZUS01', returnAll: true });
		expect((many.output('M3') as Obj[]).some((o) => o.ORNO === ORNO)).toBe(true);
		const limited = await run({ operation: 'getMany', customerNumber: 'AMZUS01', returnAll: false, limit: 2 });
		expect(limited.output('M3')).toHaveLength(2);
		const byRange = await run({
			operation: 'getMany',
			customerNumber: 'AMZUS01',
			returnAll: true,
			options: { lowestStatus: '66', highestStatus: '77' },
		});
		expect((byRange.output('M3') as Obj[]).some((o) => o.ORNO === ORNO)).toBe(false);

		const lines = await run({ operation: 'getLines', orderNumber: ORNO, options: { parseNumbers: true } });
		expect(lines.output('M3')?.[0]).toMatchObject({ ITNO: 'MUG10001', ORQT: 2, SAPR: 19.99 });

		sim.control.setStock('001', 'MUG10001', 100);
		const ship = sim.control.ship(ORNO, { carrier: 'UPS' }) as Obj;
		expect(ship.error).toBeUndefined();
		const dels = await run({ operation: 'getDeliveries', orderNumber: ORNO });
		expect(dels.output('M3')?.[0]).toMatchObject({ DLIX: ship.DLIX, RIDN: ORNO, ITNO: 'MUG10001' });

		const missing = await run({ operation: 'get', orderNumber: '999999999' });
		expect(missing.status).toBe('error');
		expect(String(missing.nodeError('M3')?.message)).toMatch(/XRE0103/);
	});

	it('never puts the credential secrets in errors or output', async () => {
		// wrong service account secret: token request refused
		const bad = ionCredentials(sim, { sask: 'WRONG-' + String(sim.credentials.ionapi.sask).slice(6) });
		const r = await runWorkflow(m3Workflow({ resource: 'customer', operation: 'get', customerNumber: 'AMZUS01' }), {
			credentials: { inforM3Api: bad },
		});
		expect(r.status).toBe('error');
		expect(String(r.nodeError('M3')?.message)).toMatch(/token/i);
		// NOK with continueOnFail: the error item
		const r2 = await runWorkflow(
			m3Workflow(
				{ resource: 'customer', operation: 'get', customerNumber: 'NOPE' },
				{ onError: 'continueRegularOutput' },
			),
			{ credentials: { inforM3Api: ionCredentials(sim) } },
		);
		const text = JSON.stringify([r.error, r.runData, r2.runData, String(r.nodeError('M3')?.stack)]);
		for (const s of [...secretsOf(sim), 'WRONG-']) expect(text).not.toContain(s);
	});

	it('a malformed .ionapi paste names the missing key and no value', async () => {
		const ion = { ...sim.credentials.ionapi } as Obj;
		delete ion.saak;
		const r = await runWorkflow(m3Workflow({ resource: 'customer', operation: 'get', customerNumber: 'AMZUS01' }), {
			credentials: {
				inforM3Api: { authType: 'ionApi', ionApiInput: 'file', ionApiSecretFile: JSON.stringify(ion), accessToken: '' },
			},
		});
		expect(r.status).toBe('error');
		const msg = String(r.nodeError('M3')?.message);
		expect(msg).toContain('"saak"');
		for (const s of secretsOf(sim)) expect(JSON.stringify([msg, r.runData])).not.toContain(s);
		const notJson = await runWorkflow(m3Workflow({ resource: 'customer', operation: 'get', customerNumber: 'X' }), {
			credentials: { inforM3Api: { authType: 'ionApi', ionApiSecretFile: '{ "ti": ', accessToken: '' } },
		});
		expect(String(notJson.nodeError('M3')?.message)).toMatch(/not valid JSON/);
	});
});

// Customer order creation when the outcome of a write is unknown (applied then lost / timeout / 500, hang), when a
// run crashed half-way, and when a genuinely concurrent run is at work; and its cost next to a year of history.
import { sleep, type IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../harness';
import { M3Client, createCustomerOrder, type CreateOrderResult } from '../../nodes/shared/m3';
import { basicCredentials, m3Workflow, planFor, startSim, type Sim } from './helpers';

type Obj = Record<string, unknown>;
type Order = { head: Obj; lines: Obj[] };
type Batch = { head: Obj; STAT: string; lines: Obj[]; ORNO: string };

/** The shared client over fetch with a short timeout (the node's own client waits up to 120 s for an answer). */
function fetchClient(sim: Sim, timeoutMs: number): M3Client {
	const b = sim.credentials.basic;
	return new M3Client({
		baseUrl: b.url,
		company: sim.credentials.cono,
		division: sim.credentials.divi,
		timeoutMs,
		retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
		request: async (o) => {
			const url = new URL(String(o.url));
			for (const [k, v] of Object.entries((o.qs ?? {}) as Record<string, string>)) url.searchParams.set(k, String(v));
			const res = await fetch(url, {
				method: o.method,
				headers: { Authorization: 'Basic ' + btoa(`${b.user}:${b.password}`), 'Content-Type': 'application/json' },
				body: o.body === undefined ? undefined : JSON.stringify(o.body),
				signal: AbortSignal.timeout(Number(o.timeout) || timeoutMs),
			});
			const text = await res.text();
			return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: text };
		},
	});
}

describe('customer order create: unknown outcomes, crashed and concurrent runs', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSim({ seed: 3 });
	});
	afterAll(async () => {
		await sim.close();
	});
	afterEach(() => sim.control.clearFaults());
	const ordersWith = (cuor: string) => Object.values(sim.state.orders as Record<string, Order>).filter((o) => o.head.CUOR === cuor);
	const batchesWith = (cuor: string) => Object.values(sim.state.batchOrders as Record<string, Batch>).filter((b) => b.head.CUOR === cuor);
	const keyRecords = (cuor: string) =>
		Object.values(sim.state.customFields as Record<string, Record<string, string>>).filter((r) => r.PK02 === cuor);
	const create = async (plan: unknown, options: Obj = {}) =>
		await runWorkflow(m3Workflow({ resource: 'customerOrder', operation: 'create', options }), {
			credentials: { inforM3Api: basicCredentials(sim) },
			input: [{ json: plan as IDataObject }],
		});
	/** What a run that stopped half-way leaves: a batch order with lines, and its key record claimed `ageMs` ago. */
	const halfDone = async (cuor: string, ageMs: number) => {
		const client = fetchClient(sim, 5000);
		const tmp = (await client.get('OIS100MI', 'AddBatchHead', { CUNO: 'AMZUS01', CUOR: cuor, ORTP: 'A01', WHLO: '001' })).ORNO;
		await client.get('OIS100MI', 'AddBatchLine', { ORNO: tmp, ITNO: 'MUG10001', ORQT: '1' });
		await client.get('CUSEXTMI', 'AddFieldValue', {
			FILE: 'OOHEAD', PK01: 'AMZUS01', PK02: cuor, PK03: '001', A030: 'ENTERED', A130: 'another-run', A230: tmp,
			N096: String(Date.now() - ageMs), VEXI: '1',
		});
		return { client, tmp };
	};

	it('a crashed run\'s open batch order (attempt older than its lease) is replaced at once: ONE order, no human', async () => {
		const cuor = '114-2000000-0000001';
		const { tmp } = await halfDone(cuor, 10 * 60 * 1000);
		const r = await create(planFor(cuor, [{ ITNO: 'TSH10002', ORQT: '3' }]));
		expect(r.error).toBeUndefined();
		expect(r.output('M3')?.[0]).toMatchObject({ created: true, CUOR: cuor });
		expect(batchesWith(cuor).map((b) => b.ORNO)).not.toContain(tmp); // replaced, not completed with a half set of lines
		expect(ordersWith(cuor)).toHaveLength(1);
		expect(ordersWith(cuor)[0].lines.map((l) => l.ITNO)).toEqual(['TSH10002']);
		expect(keyRecords(cuor).map((k) => [k.PK03, k.A030])).toEqual([['001', 'ENTERED'], ['002', 'CREATED']]);
	});

	it('a genuinely concurrent run is respected: the create waits for it and returns its order', async () => {
		const cuor = '114-2000000-0000002';
		const { client, tmp } = await halfDone(cuor, 0);
		const pending = create(planFor(cuor), { waitSeconds: 120 });
		await sleep(1500);
		expect(ordersWith(cuor)).toHaveLength(0); // still waiting, nothing entered over the other run's work
		await client.get('OIS100MI', 'Confirm', { ORNO: tmp }); // the other run finishes
		const r = await pending;
		expect(r.error).toBeUndefined();
		const out = r.output('M3')?.[0] as Obj;
		expect(out).toMatchObject({ created: false, foundBy: 'concurrentCreate', batchOrderNumber: tmp });
		expect(ordersWith(cuor)).toHaveLength(1);
		expect(out.ORNO).toBe(ordersWith(cuor)[0].head.ORNO);
		expect(batchesWith(cuor)).toHaveLength(1);
	});

	it('a run that died holding its attempt (e.g. M3 answered 401 mid-way) is waited for up to its lease, then replaced: not given up after a number of polls', async () => {
		const cuor = '114-2000000-0000009';
		const { client, tmp } = await halfDone(cuor, 0); // claimed just now by a run that never comes back
		// 40 polls of 20 ms end long before the 2 s lease: the wait is bounded by the lease, not by the polls
		const t0 = Date.now();
		const r = await createCustomerOrder(client, planFor(cuor), { pollMs: 20, waitSeconds: 2 });
		expect(Date.now() - t0).toBeGreaterThanOrEqual(2000);
		expect(r).toMatchObject({ created: true, CUOR: cuor });
		expect(ordersWith(cuor)).toHaveLength(1);
		expect(batchesWith(cuor).map((b) => b.ORNO)).not.toContain(tmp);
		expect(keyRecords(cuor).map((k) => [k.PK03, k.A030])).toEqual([['001', 'ENTERED'], ['002', 'CREATED']]);
	});

	it('a run that starts while a refused attempt is being deleted reports M3\'s reason, not a batch order "kept for review"', async () => {
		const cuor = '114-2000000-0000003';
		const plan = planFor(cuor, [{ ITNO: 'NOSUCHITEM', ORQT: '1' }]);
		// the first run's DelBatchHead of its stopped batch order is slow: the second run reads the key record meanwhile
		const [slowDelete] = sim.control.addFaults({ kind: 'latency', program: 'OIS100MI', transaction: 'DelBatchHead', ms: 1500, times: 1 });
		const first = create(plan);
		for (let i = 0; i < 400 && !slowDelete.fired; i++) await sleep(25);
		expect(slowDelete.fired).toBe(1);
		expect(batchesWith(cuor).map((b) => b.STAT)).toEqual(['25']); // stopped by M3, not deleted yet
		const second = await create(plan);
		const firstRun = await first;
		for (const r of [firstRun, second]) {
			expect(r.status).toBe('error');
			expect(String(r.nodeError('M3')?.message)).toContain('NOSUCHITEM');
		}
		expect(batchesWith(cuor)).toHaveLength(0);
		expect(ordersWith(cuor)).toHaveLength(0);
		expect(keyRecords(cuor).map((k) => [k.PK03, k.A030])).toEqual([['001', 'FAILED']]);
	});

	it('applied, then timeout (AddBatchHead, lines, Confirm) and hang without applying: ONE order each', async () => {
		const client = fetchClient(sim, 1500);
		const cases: Array<[string, Obj]> = [
			['114-2000000-0000011', { kind: 'commitThenTimeout', mode: 'hang', transaction: 'AddBatchHead' }],
			['114-2000000-0000012', { kind: 'commitThenTimeout', mode: 'hang', api: 'bulk', transaction: 'AddBatchLine' }],
			['114-2000000-0000013', { kind: 'commitThenTimeout', mode: 'hang', api: 'bulk', transaction: 'Confirm' }],
			['114-2000000-0000014', { kind: 'hang', transaction: 'AddBatchHead' }],
			['114-2000000-0000015', { kind: 'commitThenTimeout', mode: 'hang', api: 'bulk', transaction: 'AddFieldValue' }],
		];
		for (const [cuor, fault] of cases) {
			sim.control.addFaults({ ...fault, times: 1 });
			const out = await createCustomerOrder(client, planFor(cuor));
			sim.control.clearFaults();
			expect(out).toMatchObject({ created: true, CUOR: cuor });
			expect(ordersWith(cuor)).toHaveLength(1);
			expect(batchesWith(cuor).filter((b) => b.STAT !== '90')).toEqual([]); // nothing open left behind
		}
	}, 60000);

	it('20 orders x replays under seeded applied-then-lost / 500 / reset faults on every M3 write: each CUOR exactly once', async () => {
		const client = fetchClient(sim, 3000);
		const cuors = Array.from({ length: 20 }, (_v, i) => `114-3000000-00000${String(i).padStart(2, '0')}`);
		sim.control.setFaults([
			{ kind: 'commitThenTimeout', program: 'OIS100MI', probability: 0.08 },
			{ kind: 'commitThenError', program: 'OIS100MI', probability: 0.05 },
			{ kind: 'commitThenTimeout', program: 'CUSEXTMI', probability: 0.05 },
			{ kind: 'reset', probability: 0.03 },
		]);
		const done = new Map<string, CreateOrderResult>();
		let failures = 0;
		// one after the other: the same seed draws the same faults for the same requests, so a failure can be repeated
		for (let replay = 0; replay < 6 && done.size < cuors.length; replay++) {
			for (const c of cuors.filter((x) => !done.has(x))) {
				try {
					done.set(c, await createCustomerOrder(client, planFor(c), { pollMs: 50 }));
				} catch {
					failures++;
				}
			}
		}
		const fired = sim.control.listFaults().reduce((n: number, f: { fired?: number }) => n + (f.fired ?? 0), 0);
		sim.control.clearFaults();
		expect(fired).toBeGreaterThan(5); // the faults really happened
		expect(done.size).toBe(cuors.length); // every order settled by a replay, none left for a human
		for (const c of cuors) {
			expect(ordersWith(c)).toHaveLength(1);
			expect(done.get(c)?.ORNO).toBe(ordersWith(c)[0].head.ORNO);
		}
		// what a replay without faults finds: every order, none entered twice
		for (const c of cuors) expect((await createCustomerOrder(client, planFor(c))).created).toBe(false);
		expect(failures).toBeLessThan(cuors.length * 6);
	}, 120000);
});

describe('customer order create next to a year of history', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSim({ seed: 4, history: 50000 });
	});
	afterAll(async () => {
		await sim.close();
	});
	const requests = () => (sim.control.rowsRead() as { requests: number; total: number });

	it('a new order costs <= 6 M3 requests and the same for 1 or 20 lines; a repeat 2; rows read stay small', async () => {
		const aliases = (sim.state.aliases as Array<Record<string, string>>).filter((a) => a.ALWT === '1').slice(0, 20);
		const cost = async (cuor: string, lines: Array<Record<string, string>>) => {
			const before = requests();
			const r = await runWorkflow(m3Workflow({ resource: 'customerOrder', operation: 'create' }), {
				credentials: { inforM3Api: basicCredentials(sim) },
				input: [{ json: { ...planFor(cuor, lines), customFields: [] } as unknown as IDataObject }],
			});
			expect(r.error).toBeUndefined();
			const after = requests();
			return { requests: after.requests - before.requests, rows: after.total - before.total, out: r.output('M3')?.[0] as Obj };
		};
		const one = await cost('115-4000000-0000001', [{ POPN: aliases[0].POPN, ORQT: '1' }]);
		const twenty = await cost('115-4000000-0000002', aliases.map((a) => ({ POPN: a.POPN, ORQT: '1' })));
		expect(one.out.created).toBe(true);
		expect(twenty.out.created).toBe(true);
		expect((twenty.out.lines as Obj[]).length).toBe(20);
		expect(one.requests).toBeLessThanOrEqual(6);
		expect(twenty.requests).toBe(one.requests);
		expect(one.rows).toBeLessThanOrEqual(50);
		const repeat = await cost('115-4000000-0000001', [{ POPN: aliases[0].POPN, ORQT: '1' }]);
		expect(repeat.out).toMatchObject({ created: false, foundBy: 'keyRecord' });
		expect(repeat.requests).toBeLessThanOrEqual(6);
		expect(repeat.rows).toBeLessThanOrEqual(50);
	});

	it('orders entered before key records are found on request (SearchHead), recorded, and never entered again', async () => {
		const old = sim.control.historyOrder(45678) as { order: { head: Record<string, string> } };
		const plan = planFor(old.order.head.CUOR) as { head: Obj };
		plan.head.CUNO = old.order.head.CUNO;
		plan.head.ORDT = old.order.head.ORDT;
		const first = await runWorkflow(
			m3Workflow({ resource: 'customerOrder', operation: 'create', options: { duplicateCheck: 'searchHead', legacyCheckBefore: '29991231' } }),
			{ credentials: { inforM3Api: basicCredentials(sim) }, input: [{ json: plan as IDataObject }] },
		);
		expect(first.output('M3')?.[0]).toMatchObject({ created: false, foundBy: 'legacyCheck', ORNO: old.order.head.ORNO });
		const second = await runWorkflow(m3Workflow({ resource: 'customerOrder', operation: 'create' }), {
			credentials: { inforM3Api: basicCredentials(sim) },
			input: [{ json: plan as IDataObject }],
		});
		expect(second.output('M3')?.[0]).toMatchObject({ created: false, foundBy: 'keyRecord', ORNO: old.order.head.ORNO });
		expect(Object.values(sim.state.orders as Record<string, Order>).filter((o) => o.head.CUOR === old.order.head.CUOR)).toHaveLength(0);
	});
});

// Order history at volume (--history N), item count (--items N), list caps, rows read per request, and the
// write faults that leave the outcome unknown (applied then lost / timeout / 500; hang without applying).
import { startM3Simulator } from '../../../simulators/m3';
import { Sim, basicAuth, bulk, control, createOrder, v2, v2list, v2one } from './client';

type Rows = { total: number; requests: number; maxPerRequest: number; byTransaction: Record<string, number>; recent: Array<{ rows: number; transactions: string }> };

const rowsOf = async (sim: Sim): Promise<Rows> => (await control<Rows>(sim, 'GET', 'rows')).body;

describe('M3 simulator: history, list caps and rows read', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startM3Simulator({ seed: 5, history: 20000, items: 600, listCap: 3000 });
	});
	afterAll(() => sim.close());

	test('historical orders are spread over the Amazon customers, delivered and (mostly) invoiced', async () => {
		const state = (await control<Record<string, unknown>>(sim, 'GET', 'state')).body;
		expect(state.history).toBe(20000);
		expect(state.items).toBe(600);
		const old = sim.control.historyOrder(0) as { order: { head: Record<string, string>; lines: Array<Record<string, string>> } };
		const recent = sim.control.historyOrder(19999) as { order: { head: Record<string, string> } };
		expect(old.order.head.ORST).toBe('77');
		expect(recent.order.head.ORST).toBe('66'); // the newest 1 % delivered, not yet invoiced
		expect(old.order.head.ORDT < recent.order.head.ORDT).toBe(true);
		const customers = new Set([0, 1, 2, 3, 4].map((i) => (sim.control.historyOrder(i) as { order: { head: { CUNO: string } } }).order.head.CUNO));
		expect([...customers].sort()).toEqual(['AMZCA01', 'AMZDE01', 'AMZFR01', 'AMZUK01', 'AMZUS01']);

		// every transaction reading orders, batch orders and deliveries sees the history
		const h = sim.control.historyOrder(1234) as {
			order: { head: Record<string, string> };
			batch: { ORNO: string };
			delivery: { head: Record<string, string> };
		};
		const head = await v2one(sim, 'OIS100MI', 'GetHead', { ORNO: h.order.head.ORNO });
		expect(head).toMatchObject({ CUOR: h.order.head.CUOR, ORST: '77' });
		expect(await v2one(sim, 'OIS100MI', 'GetOrderNo', { ORNO: h.batch.ORNO })).toEqual({ ORNR: h.order.head.ORNO });
		expect((await v2one(sim, 'OIS100MI', 'GetBatchHead', { ORNO: h.batch.ORNO })).STAT).toBe('90');
		const dl = await v2list(sim, 'MWS411MI', 'LstDelLnByOrd', { RORC: 3, RIDN: h.order.head.ORNO });
		expect(dl.length).toBeGreaterThan(0);
		expect(dl[0].DLIX).toBe(h.delivery.head.DLIX);
		const dh = await v2one(sim, 'MWS410MI', 'GetHead', { DLIX: h.delivery.head.DLIX });
		expect(dh.ETRN).toMatch(/^1Z/);
		expect(dh.IVNO).not.toBe('');
		const hits = await v2list(sim, 'OIS100MI', 'SearchHead', { SQRY: `CUOR:"${h.order.head.CUOR}"` });
		expect(hits.map((x) => x.ORNO)).toEqual([h.order.head.ORNO]);
		// a historical batch order is released: it cannot be deleted or changed
		const del = await v2(sim, 'OIS100MI', 'DelBatchHead', { ORNO: h.batch.ORNO });
		expect(del.status).toBe(400);
	});

	test('lists come in key order, maxrecs limits them, maxrecs=0 stops at the record cap; rows read are counted', async () => {
		const before = await rowsOf(sim);
		const first = await v2list(sim, 'OIS100MI', 'LstHead', { CUNO: 'AMZUS01', maxrecs: 10 });
		expect(first).toHaveLength(10);
		expect(first.map((x) => x.ORNO)).toEqual([...first.map((x) => x.ORNO)].sort());
		const mid = await rowsOf(sim);
		expect(mid.total - before.total).toBe(10);
		// no maxrecs: the REST default of 100
		expect((await v2(sim, 'OIS100MI', 'LstHead', { CUNO: 'AMZUS01' })).body.results[0].records).toHaveLength(100);
		// "unlimited": 4,000 orders of AMZUS01 exist, the cap returns 3,000 and the newest are missing
		const all = await v2list(sim, 'OIS100MI', 'LstHead', { CUNO: 'AMZUS01' });
		expect(all).toHaveLength(3000);
		const last = sim.control.historyOrder(19995) as { order: { head: { ORNO: string; CUNO: string } } };
		expect(last.order.head.CUNO).toBe('AMZUS01');
		expect(all.some((x) => x.ORNO === last.order.head.ORNO)).toBe(false);
		const after = await rowsOf(sim);
		expect(after.recent[after.recent.length - 1]).toMatchObject({ transactions: 'LstHead', rows: 3000 });
		expect(after.maxPerRequest).toBeGreaterThanOrEqual(3000);
		// a status filter does not make the list cheaper: every order of the customer is read
		const r0 = (await rowsOf(sim)).total;
		const open = await v2list(sim, 'OIS100MI', 'LstHead', { CUNO: 'AMZCA01', ORST: '33' });
		expect(open).toHaveLength(0);
		expect((await rowsOf(sim)).total - r0).toBe(4000);
	});

	test('key reads cost one row whatever the history: GetHead, SearchHead by CUOR, CUSEXTMI key range, bulk sums', async () => {
		const r0 = (await rowsOf(sim)).total;
		const h = sim.control.historyOrder(777) as { order: { head: Record<string, string> } };
		await v2one(sim, 'OIS100MI', 'GetHead', { ORNO: h.order.head.ORNO });
		await v2list(sim, 'OIS100MI', 'SearchHead', { SQRY: `CUOR:"${h.order.head.CUOR}"` });
		expect((await rowsOf(sim)).total - r0).toBe(2);
		const add = (pk3: string) => ({ transaction: 'AddFieldValue', record: { FILE: 'OOHEAD', PK01: 'AMZUS01', PK02: 'ABC', PK03: pk3, A030: 'x', VEXI: '1' } });
		await bulk(sim, { program: 'CUSEXTMI', transactions: [add('001'), add('002'), { transaction: 'LstFieldValue', record: { FILE: 'OOHEAD', PK01: 'AMZUS01', PK02: 'ABC' } }] });
		const rows = await rowsOf(sim);
		expect(rows.recent[rows.recent.length - 1].rows).toBe(2); // two records in the key range
	});

	test('--items N seeds N items with SKU aliases; aliases are found by index', async () => {
		const items = (await control<Record<string, unknown>>(sim, 'GET', 'state/items')).body;
		expect(Object.keys(items)).toHaveLength(600);
		const aliases = sim.state.aliases as Array<Record<string, string>>;
		const sku = aliases.filter((a) => a.ALWT === '1').pop() as Record<string, string>;
		expect(await v2one(sim, 'MMS025MI', 'GetItem', { ALWT: 1, POPN: sku.POPN })).toMatchObject({ ITNO: sku.ITNO });
	});

	test('new orders are created next to the history and found the same way', async () => {
		const { orno } = await createOrder(sim, { CUNO: 'AMZUS01', CUOR: 'NEW-1' }, [{ ITNO: 'MUG10001', ORQT: '1' }]);
		const hits = await v2list(sim, 'OIS100MI', 'SearchHead', { SQRY: 'CUOR:"NEW-1"' });
		expect(hits.map((x) => x.ORNO)).toEqual([orno]);
		expect(orno > (sim.control.historyOrder(19999) as { order: { head: { ORNO: string } } }).order.head.ORNO).toBe(true);
	});
});

describe('M3 simulator: write faults with an unknown outcome', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startM3Simulator({ seed: 6 });
	});
	afterEach(async () => {
		await control(sim, 'DELETE', 'faults');
	});
	afterAll(() => sim.close());
	const cuors = () => Object.values(sim.state.batchOrders as Record<string, { head: { CUOR: string } }>).map((b) => b.head.CUOR);

	test("commitThenError: the write happened, the answer is an HTTP 500", async () => {
		await control(sim, 'POST', 'faults', { kind: 'commitThenError', transaction: 'AddBatchHead', times: 1 });
		const r = await v2(sim, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZUS01', CUOR: 'APPLIED-500' });
		expect(r.status).toBe(500);
		expect(cuors()).toContain('APPLIED-500');
	});

	test('hang: no answer and nothing written', async () => {
		await control(sim, 'POST', 'faults', { kind: 'hang', transaction: 'AddBatchHead', times: 1 });
		await expect(
			fetch(`${sim.url}/m3api-rest/v2/execute/OIS100MI/AddBatchHead?CUNO=AMZUS01&CUOR=NEVER-RUN`, {
				headers: { Authorization: basicAuth(sim) },
				signal: AbortSignal.timeout(300),
			}),
		).rejects.toThrow();
		expect(cuors()).not.toContain('NEVER-RUN');
	});

	test('faults with a probability are drawn from the seeded source: the same seed fires the same requests', async () => {
		const pattern = async (seed: number) => {
			const s = await startM3Simulator({ seed, faults: [{ kind: 'http5xx', probability: 0.3 }] });
			const out: number[] = [];
			for (let i = 0; i < 30; i++) out.push((await v2(s, 'MRS001MI', 'LstPrograms')).status);
			await s.close();
			return out.join(',');
		};
		const a = await pattern(42);
		expect(await pattern(42)).toBe(a);
		expect(a).toContain('500');
		expect(a).toContain('200');
	});
});

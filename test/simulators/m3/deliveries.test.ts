// Deliveries in the M3 simulator: progress states (PGRS), issue, tracking before issue, partial shipments; EXPORTMI/Select
// on MHDISH (the subset, rows read by index), MWS411MI/LstDeliveryLine, MMS025MI/LstAliasViaCat.
import { startM3Simulator } from '../../../simulators/m3';
import { Sim, control, createOrder, v2, v2list } from './client';

type Rows = { total: number; recent: Array<{ rows: number; transactions: string }> };

describe('M3 simulator: deliveries and EXPORTMI', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startM3Simulator({ seed: 9, history: 5000 });
	});
	afterAll(() => sim.close());

	const select = async (q: string, extra: Record<string, string | number> = {}): Promise<string[]> =>
		(await v2list(sim, 'EXPORTMI', 'Select', { QERY: q, ...extra })).map((r) => r.REPL);
	const lastRows = async (): Promise<number> => (await control<Rows>(sim, 'GET', 'rows')).body.recent.slice(-1)[0].rows;

	test('a delivery in picking has its tracking number but draws no stock; issuing it does, once; tracking per package', async () => {
		sim.control.setStock('001', 'MUG10001', 40);
		const { orno } = await createOrder(sim, { CUNO: 'AMZUS01', ORTP: 'A01', FACI: 'A01', WHLO: '001', CUOR: '113-9000000-0000001' }, [
			{ ITNO: 'MUG10001', ORQT: '3' },
			{ ITNO: 'TSH10002', ORQT: '1' },
		]);
		const order = () => (sim.state.orders as Record<string, { head: Record<string, string>; lines: Array<Record<string, string>> }>)[orno];
		const stqt = () => (sim.state.balances as Record<string, { STQT: number }>)['001|MUG10001'].STQT;
		const before = stqt();
		// partial: line 1 only, 2 of 3, still in picking with a label printed
		const d = sim.control.ship(orno, { lines: [{ PONR: 1, qty: 2 }], pgrs: '05' }) as Record<string, string>;
		expect(d).toMatchObject({ PGRS: '05' });
		expect(d.ETRN).not.toBe('');
		expect(stqt()).toBe(before);
		expect(order().lines[0].DLQT).toBe('0');
		const head = (sim.state.deliveries as Record<string, { head: Record<string, string> }>)[d.DLIX].head;
		const lmts = head.LMTS;
		const issued = sim.control.issue(d.DLIX) as Record<string, string>;
		expect(issued).toMatchObject({ PGRS: '60', ORSL: '33', ORST: '46' });
		expect(stqt()).toBe(before - 2);
		expect(Number(head.LMTS)).toBeGreaterThan(Number(lmts));
		expect((sim.control.issue(d.DLIX) as Record<string, unknown>).status).toBe(409);
		expect(stqt()).toBe(before - 2);
		// the rest: a second delivery without tracking; package-level tracking later does not change the head
		const rest = sim.control.ship(orno, { trackingNumber: null }) as Record<string, string>;
		expect(rest).toMatchObject({ ETRN: '', PGRS: '60' });
		const lines = await v2list(sim, 'MWS411MI', 'LstDeliveryLine', { DLIX: rest.DLIX });
		expect(lines.map((l) => [l.RIDL, l.TRQT])).toEqual([
			['1', '1'],
			['2', '1'],
		]);
		const restHead = (sim.state.deliveries as Record<string, { head: Record<string, string>; packages: Array<Record<string, string>> }>)[rest.DLIX];
		const restLmts = restHead.head.LMTS;
		sim.control.setTracking(rest.DLIX, { trackingNumber: 'PKG-1', package: true });
		expect(restHead.head.LMTS).toBe(restLmts);
		expect(restHead.packages[0].ETRN).toBe('PKG-1');
		expect(order().head.ORST).toBe('66');
		const r = await control<{ error: string }>(sim, 'POST', 'deliveries/99999/issue', {});
		expect(r.status).toBe(404);
	});

	test('EXPORTMI/Select on MHDISH: columns joined by SEPC, conditions, count; an LMTS range reads its index range only', async () => {
		const h = sim.state.history as { count: number; at: (i: number) => { delivery: { head: Record<string, string> } } };
		const from = h.at(4990).delivery.head.LMTS;
		const rows = await select(`OQDLIX, OQLMTS, OQPGRS from MHDISH where OQCONO = 100 and OQINOU = 1 and OQLMTS >= ${from}`);
		const live = Object.keys(sim.state.deliveries as object).length;
		expect(rows.length).toBe(10 + live);
		expect(rows[0]).toBe(`${h.at(4990).delivery.head.DLIX};${from};${h.at(4990).delivery.head.PGRS}`);
		expect(await lastRows()).toBe(10 + live);
		// a condition on another column narrows the result, not the rows read
		const issued = await select(`OQDLIX from MHDISH where OQLMTS >= ${from} and OQPGRS >= '60' and OQCONA = 'AMZUS01'`, { SEPC: '|' });
		expect(issued.length).toBeGreaterThan(0);
		expect(await lastRows()).toBe(10 + live);
		// no usable index: the whole table
		expect((await select("count(*) from MHDISH where OQPGRS = '05'"))[0]).toMatch(/^\d+$/);
		expect(await lastRows()).toBe(5000 + live);
		// a key: one row
		expect(await select(`OQETRN from MHDISH where OQDLIX = ${h.at(7).delivery.head.DLIX}`)).toEqual([h.at(7).delivery.head.ETRN]);
		expect(await lastRows()).toBe(1);
		// headers; maxrecs stops reading
		expect((await select(`OQDLIX, OQWHLO from MHDISH where OQLMTS >= ${from}`, { HDRS: '1' }))[0]).toBe('OQDLIX;OQWHLO');
		await v2(sim, 'EXPORTMI', 'Select', { QERY: `OQDLIX from MHDISH where OQLMTS >= ${h.at(100).delivery.head.LMTS}`, maxrecs: 3 });
		expect(await lastRows()).toBe(3);
	});

	test('EXPORTMI refuses what the simulator does not understand, by name', async () => {
		for (const q of ['OQDLIX from MHDISH where OQPGRS = 60 or OQPGRS = 70', 'select * from MHDISH', 'OQDLIX from MHDISH where OQPGRS like 6%']) {
			const r = await v2(sim, 'EXPORTMI', 'Select', { QERY: q });
			expect(r.status).toBe(400);
			expect(r.body.errorMessage).toMatch(/not supported by the M3 simulator/);
		}
		const unknownTable = await v2(sim, 'EXPORTMI', 'Select', { QERY: 'MMITNO from MITMAS' });
		expect(unknownTable.body.errorMessage).toMatch(/MITMAS is not available/);
		const unknownColumn = await v2(sim, 'EXPORTMI', 'Select', { QERY: 'OQNOPE from MHDISH where OQLMTS >= 0' });
		expect(unknownColumn.body.errorMessage).toMatch(/OQNOPE does not exist/);
	});

	test('MMS025MI/LstAliasViaCat lists one alias category in key order (ITNO, POPN) and reads that category', async () => {
		const skus = await v2list(sim, 'MMS025MI', 'LstAliasViaCat', { ALWT: 1 });
		const expected = (sim.state.aliases as Array<{ ALWT: string; ITNO: string; POPN: string }>)
			.filter((a) => Number(a.ALWT) === 1)
			.map((a) => `${a.ITNO} ${a.POPN}`)
			.sort();
		expect(skus.map((a) => `${a.ITNO} ${a.POPN}`)).toEqual(expected);
		expect(await lastRows()).toBe(expected.length);
		const eans = await v2list(sim, 'MMS025MI', 'LstAliasViaCat', { ALWT: 2, ALWQ: 'EA13' });
		expect(eans.every((a) => a.ALWT === '2' || a.ALWT === '02')).toBe(true);
	});
});

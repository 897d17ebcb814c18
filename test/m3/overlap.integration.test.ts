// Two executions of one workflow that overlap, as on two n8n workers: n8n reads the workflow's static data when an
// execution starts and writes the whole object back when it ends (if changed), so the one that ends last wins.
// The inventory cursor (getChangedBalances "Remember Position") must never skip a change because of that.
import { sleep } from 'n8n-workflow';

import { createSession, type Session } from '../harness';
import { basicCredentials, m3Workflow, startSim, type Sim } from './helpers';

type Obj = Record<string, unknown>;
const json = (o: Obj): Obj => JSON.parse(JSON.stringify(o)) as Obj;
const pause = async (ms: number) => await sleep(ms);

describe('overlapping executions: static data is last-writer-wins, the inventory cursor never skips', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await sim.close();
	});

	it('an older cursor saved last only makes the next run read some balances again', async () => {
		const wf = m3Workflow({
			resource: 'inventory',
			operation: 'getChangedBalances',
			since: '',
			returnAll: true,
			// overlapRuns 0: each run's cursor is its own M3 clock stamp (the default 1 only reads one run further back)
			options: { warehouse: '001', overlapRuns: 0, rememberPosition: true },
		});
		wf.id = 'overlap-balances';
		const creds = { inforM3Api: basicCredentials(sim) };
		const workers = [createSession({ credentials: creds }), createSession({ credentials: creds })];
		/** the workflow row in n8n's database */
		let db: Obj = {};
		/** an execution on a worker: reads the saved static data now, returns its result and its save() for later */
		const start = async (w: Session) => {
			w.staticData[wf.id as string] = json(db);
			const r = await w.run(wf);
			expect(r.status).toBe('success');
			const written = json(r.staticData as Obj); // what n8n writes to the database when the execution ends
			return { items: r.output('M3') as Obj[], save: () => (db = json(written)) };
		};
		const itnos = (items: Obj[]) => new Set(items.map((i) => String(i.ITNO)));

		const first = await start(workers[0]);
		first.save();
		await pause(20);

		sim.control.setStock('001', 'MUG10001', 11); // X: seen by both overlapping runs
		await pause(20);
		const a = await start(workers[0]); // A reads first ...
		await pause(20);
		sim.control.setStock('001', 'MUG10013', 12); // Y: changed after A read, before B read
		await pause(20);
		const b = await start(workers[1]); // ... B reads later
		expect(itnos(a.items).has('MUG10001')).toBe(true);
		expect(itnos(b.items).has('MUG10001')).toBe(true);
		expect(itnos(a.items).has('MUG10013')).toBe(false);
		expect(itnos(b.items).has('MUG10013')).toBe(true);

		b.save();
		a.save(); // A ends last: its older cursor overwrites B's
		const cursor = ((db['node:M3'] as Obj).stamps as string[])[0];
		expect(cursor).toBe(a.items[0].nextSince);
		expect(Number(cursor)).toBeLessThan(Number(b.items[0].nextSince));

		await pause(20);
		sim.control.setStock('001', 'MUG10025', 13); // Z: after both
		await pause(20);
		const c = await start(workers[0]);
		// Y is read again (B had it already: repeated work, the writes downstream are absolute quantities), Z is new
		expect(itnos(c.items).has('MUG10013')).toBe(true);
		expect(itnos(c.items).has('MUG10025')).toBe(true);
		expect(itnos(c.items).has('MUG10001')).toBe(false);

		// had B ended last, the next run would start after Y: still nothing skipped, since B returned Y itself
		b.save();
		const d = await start(workers[1]);
		expect(itnos(d.items).has('MUG10013')).toBe(false);
		expect(itnos(d.items).has('MUG10025')).toBe(true);
	});
});

import type { IDataObject } from 'n8n-workflow';

import type { RunResult } from '../harness';
import type { startM3Simulator } from '../../simulators/m3';
import type { startSpApiSimulator } from '../../simulators/spapi';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const flows = require('./flows.js') as { startWorld(o?: IDataObject): Promise<World>; node(wf: Wf, name: string): IDataObject & { parameters: IDataObject } };

type Obj = Record<string, unknown>;
type M3 = Awaited<ReturnType<typeof startM3Simulator>>;
type Sp = Awaited<ReturnType<typeof startSpApiSimulator>>;
type Wf = { id: string; nodes: Array<IDataObject & { name: string }> };
interface World {
	m3: M3;
	sp: Sp;
	template(file: string): Wf;
	fire(wf: Wf, start: string): Promise<RunResult>;
	deadLetter(workflowId?: string): Array<{ key: string; node: string; status: string }>;
	close(): Promise<void>;
}
interface Listing {
	sku: string;
	quantity: number;
	fba: Obj | null;
}
interface Balance {
	WHLO: string;
	ITNO: string;
	STQT: number;
	ALQT: number;
	LMTS: number;
}

// The inventory-sync template through n8n-core against both simulators: the quantity is the figure summed over every
// listed warehouse (not only the one that changed), the cursor is M3's clock, "sent" means Amazon accepted it, and FBA
// SKUs never get a merchant quantity.
describe('inventory-sync template', () => {
	let w: World;
	let m3: M3;
	let sp: Sp;
	let wf: Wf;
	const run = async (): Promise<RunResult> => await w.fire(wf, 'Every 15 minutes');

	const listings = (): Map<string, Listing> => sp.state.listings as Map<string, Listing>;
	const balance = (whlo: string, itno: string): Balance | undefined => (m3.state.balances as Record<string, Balance>)[`${whlo}|${itno}`];
	const skuOf = (itno: string): string =>
		(m3.state.aliases as Array<{ ALWT: string; POPN: string; ITNO: string }>).find((a) => String(a.ALWT) === '1' && a.ITNO === itno)?.POPN ?? '';
	const patches = (): Array<{ sku: string; source: string; quantity: number }> => sp.state.listingPatches as Array<{ sku: string; source: string; quantity: number }>;
	/** quantity the template sends for an item: AV01 over 001 + 002, minus the buffer of 2, clamped to 0..999 */
	const expected = (itno: string): number => {
		const sum = ['001', '002'].map((w) => balance(w, itno)).reduce((s, b) => s + (b ? b.STQT - b.ALQT : 0), 0);
		return Math.min(999, Math.max(0, sum - 2));
	};

	beforeAll(async () => {
		w = await flows.startWorld({ seed: 5 });
		m3 = w.m3;
		sp = w.sp;
		wf = w.template('inventory-sync.json');
		const send = flows.node(wf, 'Send quantities to Amazon');
		send.parameters = { ...send.parameters, options: { ...(send.parameters.options as Obj), pollIntervalSeconds: 1 } };
	});
	afterAll(async () => {
		await w.close();
	});

	it('first run: every MFN SKU gets the figure summed over 001 and 002; FBA SKUs are never patched', async () => {
		const fba = [...listings().values()].filter((l) => l.fba).map((l) => l.sku);
		expect(fba.length).toBeGreaterThan(10);
		const fbaBefore = new Map(fba.map((s) => [s, listings().get(s)!.quantity]));
		const r = await run();
		expect(r.status).toBe('success');
		expect(r.output('Send quantities to Amazon', 1) ?? []).toEqual([]);
		// both warehouses were read: an item stocked in both has a row per warehouse
		const rows = r.output('Changed balances in M3') as Obj[];
		const twoWhs = [...new Set(rows.filter((x) => x.WHLO === '002' && x.sku).map((x) => String(x.ITNO)))].filter((i) => balance('001', i));
		expect(twoWhs.length).toBeGreaterThan(5);
		for (const itno of twoWhs.slice(0, 20)) {
			const sku = skuOf(itno);
			if (fbaBefore.has(sku)) continue;
			expect(listings().get(sku)!.quantity).toBe(expected(itno));
		}
		for (const s of fba) {
			expect(listings().get(s)!.quantity).toBe(fbaBefore.get(s));
			expect(patches().filter((p) => p.sku === s)).toEqual([]);
		}
		const sent = (r.output('Send quantities to Amazon') ?? []) as Obj[];
		expect(sent[0]).toMatchObject({ mode: 'feed', skippedFba: expect.any(Number) });
		expect(sent[0].skippedFba as number).toBeGreaterThan(0);
	});

	it('a change in one warehouse re-reads the other: the sum, not the smaller figure', async () => {
		const itno = [...new Set(Object.values(m3.state.balances as Record<string, Balance>).map((b) => b.ITNO))].find(
			(i) => balance('001', i) && balance('002', i) && balance('001', i)!.STQT > 20 && !listings().get(skuOf(i))?.fba,
		)!;
		const sku = skuOf(itno);
		const in001 = balance('001', itno)!.STQT - balance('001', itno)!.ALQT;
		m3.control.setStock('002', itno, 7);
		const r = await run();
		expect(r.status).toBe('success');
		const rows = (r.output('Changed balances in M3') as Obj[]).filter((x) => x.ITNO === itno);
		expect(rows.map((x) => [x.WHLO, x.changed]).sort()).toEqual([
			['001', false],
			['002', true],
		]);
		// worked by hand: AV01 001 + 7 in 002, minus the buffer of 2
		expect(listings().get(sku)!.quantity).toBe(Math.min(999, in001 + 7 - 2));
	});

	it('the cursor is M3\'s clock (a CUSEXTMI stamp), not the n8n host\'s', async () => {
		// M3's clock a day ahead of this host: balances changed now carry M3 timestamps a day "in the future"
		m3.control.advanceClock(86400);
		const itno = [...new Set(Object.values(m3.state.balances as Record<string, Balance>).map((b) => b.ITNO))].find(
			(i) => balance('001', i) && !!skuOf(i) && !listings().get(skuOf(i))?.fba,
		)!;
		m3.control.setStock('001', itno, 321);
		const r = await run();
		expect(r.status).toBe('success');
		const rows = r.output('Changed balances in M3') as Obj[];
		expect(rows.filter((x) => x.ITNO === itno && x.WHLO === '001' && x.changed)).toHaveLength(1);
		const clock = { ...Object.values(m3.state.customFields as Record<string, Obj>).find((x) => x.PK01 === 'AMZCLOCK')! };
		expect(Number(clock.LMTS)).toBeGreaterThan(Date.now() + 86000000);
		expect(listings().get(skuOf(itno))!.quantity).toBe(expected(itno));
		// the next run reads from the stamp of the run before the last (one run of overlap), and keeps this run's stamp
		const next = await run();
		const rows2 = next.output('Changed balances in M3') as Obj[];
		expect(rows2.filter((x) => x.ITNO === itno && x.WHLO === '001')).toHaveLength(1);
		expect(rows2[0].since).toBe(rows[0].nextSince);
		expect(rows2[0].nextSince).toBe(String(clock.LMTS));
	});

	it('sent = accepted: a quantity Amazon refused is sent again, accepted ones are not', async () => {
		// an M3 item whose SKU Amazon does not have: the feed's processing report refuses that message
		const itno = Object.keys(m3.state.items as Record<string, Obj>).find((i) => (m3.state.items as Record<string, Obj>)[i].STAT === '20' && balance('001', i))!;
		(m3.state.aliases as Array<Record<string, string>>).push({ ...(m3.state.aliases as Array<Record<string, string>>)[0], ITNO: itno, POPN: 'NOT-ON-AMAZON-1', ALWT: '1' });
		// enough changed SKUs for a feed (threshold 20)
		const items = [...new Set(Object.values(m3.state.balances as Record<string, Balance>).filter((b) => b.WHLO === '001').map((b) => b.ITNO))]
			.filter((i) => !!skuOf(i) && !listings().get(skuOf(i))?.fba)
			.slice(0, 25);
		for (const i of items) m3.control.setStock('001', i, 50 + items.indexOf(i));
		m3.control.setStock('001', itno, 11);
		const first = await run();
		// the refused SKU is kept in the dead letter: the run fails on purpose
		expect(first.status).toBe('error');
		expect(w.deadLetter('m3amzInventorySync').map((x) => x.key)).toEqual(['sku NOT-ON-AMAZON-1']);
		const errors = (first.output('Send quantities to Amazon', 1) ?? []) as Obj[];
		expect(errors.map((e) => String(e.error))).toEqual(expect.arrayContaining([expect.stringContaining('NOT-ON-AMAZON-1')]));
		const feedsBefore = (sp.state.feeds as Map<string, unknown>).size;
		// the next run reads the same changes again (overlap): only the refused SKU goes out again
		const second = await run();
		expect(second.status).toBe('error');
		const feeds = [...(sp.state.feeds as Map<string, Obj>).values()].slice(feedsBefore);
		const sentAgain = ((second.output('Send quantities to Amazon') ?? []) as Obj[]).concat((second.output('Send quantities to Amazon', 1) ?? []) as Obj[]);
		expect(feeds.length + patches().length).toBeGreaterThan(0);
		const skus = sentAgain.map((x) => String(x.sku ?? ((x.details as Obj)?.input as Obj)?.sku ?? '')).filter(Boolean);
		expect(skus).toContain('NOT-ON-AMAZON-1');
		for (const i of items) expect(skus).not.toContain(skuOf(i));
	});
});

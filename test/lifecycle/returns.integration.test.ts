import type { IDataObject } from 'n8n-workflow';

import { calls, flows, m3OrderOf, type AmazonOrder, type Wf, type World } from './world';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runAudit } = require('../../simulators/worlds/audit') as {
	runAudit(input: IDataObject, o?: { only?: string[] }): { checks: number; ran: string[]; violations: Array<{ check: string; message: string }> };
};

// Amazon refunds -> M3 customer returns, through the returns-to-m3 template in n8n-core against both simulators:
// the returns reports (Reports API) and the Finances refunds of a window become one OIS390MI return per refund with
// the restock decision; a second run, a replay and a lost answer never add a return or a credit line twice; a refund
// M3 cannot take (no such order in M3) ends in the dead letter with the reason.

const ID = 'm3amzReturnsToM3';

interface M3Return {
	head: IDataObject & { WHLO: string; REPN: string; CUNO: string; RORN: string };
	lines: Array<IDataObject & { ITNO: string; REQ0: string; SAPR: string; WHSL: string; PONR: string }>;
}
type ReturnsWorld = World & {
	m3: World['m3'] & { state: World['m3']['state'] & { returns: Record<string, M3Return> } };
	sp: World['sp'] & {
		control: World['sp']['control'] & { returnItems(id: string, o?: IDataObject): { returns: IDataObject[]; transaction: IDataObject | null }; addFault(f: IDataObject): unknown; clearFaults(): void };
		state: World['sp']['state'] & { transactions: IDataObject[] };
	};
	fire(wf: Wf, start: string): Promise<{ status: string; error?: { message: string }; runData: Record<string, unknown>; output(n: string, i?: number): IDataObject[] | undefined }>;
};

/** Ships an imported order in M3 and on Amazon (what shipment-feedback does), so it can be returned. */
function shipBoth(w: ReturnsWorld, a: AmazonOrder) {
	const o = m3OrderOf(w, a.orderId)!;
	const r = w.m3.control.ship(o.head.ORNO);
	expect(r.error).toBeUndefined();
	for (const it of a.items) it.quantityShipped = it.quantity;
	a.status = 'SHIPPED';
}

describe('returns-to-m3: Amazon refunds become M3 customer returns', () => {
	let w: ReturnsWorld;
	let wf: Wf;
	let shipped: AmazonOrder[];
	beforeAll(async () => {
		w = (await flows.startWorld({ seed: 11, spapi: { reportDelays: { inQueueMs: 30, inProgressMs: 60 } } })) as ReturnsWorld;
		const o2c = w.template('order-to-cash.json');
		for (const o of w.sp.state.orders.values()) w.sp.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		await w.orderToCash(o2c);
		shipped = [...w.sp.state.orders.values()].filter((a) => a.fulfilledBy === 'MERCHANT' && m3OrderOf(w, a.orderId) && m3OrderOf(w, a.orderId)!.lines.length > 0);
		let n = 0;
		shipped = shipped.filter((a) => {
			if (n >= 6) return false;
			try {
				shipBoth(w, a);
				n++;
				return true;
			} catch {
				return false;
			}
		});
		wf = w.template('returns-to-m3.json');
		flows.node(wf, 'Wait for MFN returns report').parameters.options = { waitForCompletion: true, pollIntervalSeconds: 0.05 };
		flows.node(wf, 'Wait for FBA returns report').parameters.options = { waitForCompletion: true, pollIntervalSeconds: 0.05 };
	});
	afterAll(async () => {
		await w.close();
	});

	const returns = () => Object.values(w.m3.state.returns);

	it('creates one M3 return per refund against the order, restocked or scrapped by the return reason, credited at the refund', async () => {
		expect(shipped.length).toBeGreaterThanOrEqual(2);
		const [a, b] = shipped;
		w.sp.control.returnItems(a.orderId, { reason: 'NO_LONGER_NEEDED' });
		const refundB = w.sp.control.returnItems(b.orderId, { items: [{ orderItemId: b.items[0].orderItemId, quantity: 1 }], reason: 'DEFECTIVE' });
		const r = await w.fire(wf, 'Every 6 hours');
		expect({ status: r.status, error: r.error?.message, dead: w.deadLetter(ID) }).toMatchObject({ status: 'success', dead: [] });
		expect(returns()).toHaveLength(2);
		const retA = returns().find((x) => x.head.RORN === m3OrderOf(w, a.orderId)!.head.ORNO)!;
		const retB = returns().find((x) => x.head.RORN === m3OrderOf(w, b.orderId)!.head.ORNO)!;
		expect(retA.lines).toHaveLength(a.items.length);
		expect(retA.lines.every((l) => l.WHSL === '')).toBe(true);
		expect(retB.lines).toHaveLength(1);
		expect(retB.lines[0]).toMatchObject({ REQ0: '1', WHSL: 'SCRAP', ITNO: m3OrderOf(w, b.orderId)!.lines[0].ITNO });
		// the credit: what Amazon refunded (net product charges) per unit
		const item = (refundB.transaction!.items as IDataObject[])[0];
		const product = ((item.breakdowns as IDataObject[]).find((x) => x.breakdownType === 'ProductCharges')!.breakdownAmount as IDataObject).currencyAmount as number;
		expect(Number(retB.lines[0].SAPR)).toBeCloseTo(-product, 6);
		const out = r.output('Create M3 customer return') ?? [];
		expect(out.map((j) => j.outcome).sort()).toEqual(['created', 'created']);
	});

	it('a second run and a replay of the same window add no return and no credit line', async () => {
		const heads = calls(w, 'OIS390MI/AddHead');
		const lines = calls(w, 'OIS390MI/AddLine');
		const r = await w.fire(wf, 'Every 6 hours');
		expect(r.status).toBe('success');
		expect((r.output('Create M3 customer return') ?? []).map((j) => j.outcome)).toEqual(['alreadyCreated', 'alreadyCreated']);
		expect(calls(w, 'OIS390MI/AddHead')).toBe(heads);
		expect(calls(w, 'OIS390MI/AddLine')).toBe(lines);
		expect(returns()).toHaveLength(2);
	});

	it('an AddLine applied whose answer was lost is not added again: the return is completed by the next run', async () => {
		const c = shipped[2];
		expect(c).toBeDefined();
		w.sp.control.returnItems(c.orderId, { reason: 'NO_LONGER_NEEDED' });
		w.m3.control.addFaults([{ kind: 'commitThenError', program: 'OIS390MI', transaction: 'AddLine', times: 1, status: 500 }]);
		const first = await w.fire(wf, 'Every 6 hours');
		w.m3.control.clearFaults();
		expect(first.status).toBe('error');
		const kept = w.deadLetter(ID).filter((row) => row.node === 'Create M3 customer return');
		expect(kept).toHaveLength(1);
		const replay = await w.replay(wf);
		expect({ status: replay.status, error: replay.error?.message }).toMatchObject({ status: 'success' });
		const ret = returns().find((x) => x.head.RORN === m3OrderOf(w, c.orderId)!.head.ORNO)!;
		const lines = c.items.length;
		expect(ret.lines).toHaveLength(lines);
		expect(new Set(ret.lines.map((l) => l.PONR)).size).toBe(lines);
		expect(returns()).toHaveLength(3);
	});

	it('a refund of an order M3 does not have is kept in the dead letter with the reason', async () => {
		const seeded = [...w.sp.state.orders.values()].find((a) => a.status === 'SHIPPED' && a.fulfilledBy === 'MERCHANT' && !m3OrderOf(w, a.orderId))!;
		expect(seeded).toBeDefined();
		w.sp.control.returnItems(seeded.orderId, { reason: 'NO_LONGER_NEEDED' });
		const r = await w.fire(wf, 'Every 6 hours');
		expect(r.status).toBe('error');
		expect(r.runData['Fail the execution']).toBeDefined();
		const row = w.deadLetter(ID).find((x) => x.node === 'Create M3 customer return' && x.status === 'open')!;
		expect(row).toBeDefined();
		expect(row.reason).toMatch(/is not in M3/);
		expect(row.key).toMatch(/^refund TX-R/);
		expect(JSON.parse(row.input)).toHaveProperty('windowStart');
		expect(returns()).toHaveLength(3);
	});

	it('two runs at once create one return: the other waits (kept, retryable) and its replay finds the return complete', async () => {
		const d = shipped[3];
		expect(d).toBeDefined();
		w.sp.control.returnItems(d.orderId, { reason: 'NO_LONGER_NEEDED' });
		const ornoD = m3OrderOf(w, d.orderId)!.head.ORNO;
		const [r1, r2] = await Promise.all([w.fire(wf, 'Every 6 hours'), w.fire(wf, 'Every 6 hours')]);
		const mine = returns().filter((x) => x.head.RORN === ornoD);
		expect(mine).toHaveLength(1);
		expect(mine[0].lines).toHaveLength(d.items.length);
		const outcomes = [r1, r2].flatMap((r) => (r.output('Create M3 customer return') ?? []).filter((j) => j.CUOR === d.orderId).map((j) => j.outcome));
		const waited = w.deadLetter(ID).filter((x) => x.status === 'open' && /RETURN_IN_PROGRESS/.test(x.reason));
		// exactly one run created it; the other found it being created (kept, retryable) or already complete
		expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
		expect(waited.length + outcomes.filter((o) => o === 'alreadyCreated').length).toBe(1);
		for (const row of waited) expect((row as unknown as { retryable: boolean }).retryable).toBe(true);
		if (waited.length) {
			await w.replay(wf);
			expect(returns().filter((x) => x.head.RORN === ornoD)).toHaveLength(1);
		}
	});

	it('a claim M3 applied whose answer was lost is ours: the same run creates the return, nothing waits for a stale claim', async () => {
		const e = shipped[4];
		expect(e).toBeDefined();
		w.sp.control.returnItems(e.orderId, { reason: 'NO_LONGER_NEEDED' });
		const orno = m3OrderOf(w, e.orderId)!.head.ORNO;
		// the key record (CUSEXTMI AddFieldValue) is written, the answer is lost
		w.m3.control.addFaults([{ kind: 'commitThenError', program: 'CUSEXTMI', transaction: 'AddFieldValue', times: 1, status: 500 }]);
		const r = await w.fire(wf, 'Every 6 hours');
		w.m3.control.clearFaults();
		expect(calls(w, 'CUSEXTMI/AddFieldValue')).toBeGreaterThan(0);
		const mine = returns().filter((x) => x.head.RORN === orno);
		const kept = w.deadLetter(ID).filter((x) => x.status === 'open' && x.reason.includes(e.orderId));
		expect({ returns: mine.length, kept }).toEqual({ returns: 1, kept: [] });
		expect(mine[0].lines).toHaveLength(e.items.length);
		expect((r.output('Create M3 customer return') ?? []).filter((j) => j.CUOR === e.orderId).map((j) => j.outcome)).toEqual(['created']);
	});

	it('an AddHead applied whose answer was lost: the replay finds that return head (OCHEAD, its YREF) and registers no second', async () => {
		const f = shipped[5];
		expect(f).toBeDefined();
		w.sp.control.returnItems(f.orderId, { reason: 'NO_LONGER_NEEDED' });
		const orno = m3OrderOf(w, f.orderId)!.head.ORNO;
		w.m3.control.addFaults([{ kind: 'commitThenError', program: 'OIS390MI', transaction: 'AddHead', times: 1, status: 500 }]);
		await w.fire(wf, 'Every 6 hours');
		w.m3.control.clearFaults();
		// M3 has the head; the run did not learn its number and released its claim: kept for a replay
		expect(returns().filter((x) => x.head.RORN === orno)).toHaveLength(1);
		expect(w.deadLetter(ID).filter((x) => x.status === 'open' && x.reason.includes('AddHead') && x.reason.includes('HTTP 500'))).toHaveLength(1);
		const heads = calls(w, 'OIS390MI/AddHead');
		await w.replay(wf);
		const mine = returns().filter((x) => x.head.RORN === orno);
		expect(mine).toHaveLength(1);
		expect(mine[0].lines).toHaveLength(f.items.length);
		expect(calls(w, 'OIS390MI/AddHead')).toBe(heads);
	});

	it('the audit finds every refund credited once, for the goods Amazon refunded, within what was delivered — and finds a wrong credit', () => {
		const audit = () => runAudit({ world: { name: 'demo' }, m3: w.m3, sp: w.sp }, { only: ['returns.'] });
		const ok = audit();
		expect(ok.ran).toEqual(['returns.credit_equals_refund', 'returns.one_per_refund', 'returns.within_delivered']);
		expect(ok.violations).toEqual([]);
		const line = returns()[0].lines[0];
		const price = line.SAPR;
		line.SAPR = String(Number(price) + 1);
		try {
			expect(audit().violations.map((v) => v.check)).toEqual(['returns.credit_equals_refund']);
		} finally {
			line.SAPR = price;
		}
	});

	it('a refund that names no order item is kept as invalid, with the reason; GL-only mode creates nothing in M3', async () => {
		const bad = {
			transactionId: 'TX-BROKEN-1',
			transactionType: 'Refund',
			transactionStatus: 'RELEASED',
			postedDate: new Date(Date.now() - 10 * 60000).toISOString(),
			totalAmount: { currencyCode: 'USD', currencyAmount: -10 },
			marketplaceDetails: { marketplaceId: 'ATVPDKIKX0DER', marketplaceName: 'Amazon.com' },
			relatedIdentifiers: [{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: shipped[0].orderId }],
			items: [],
			breakdowns: [{ breakdownType: 'Sales', breakdownAmount: { currencyCode: 'USD', currencyAmount: -10 } }],
		};
		w.sp.state.transactions.push(bad);
		const before = returns().length;
		const r = await w.fire(wf, 'Every 6 hours');
		expect(r.status).toBe('error');
		const row = w.deadLetter(ID).find((x) => x.node === 'Refunds to M3 returns' && x.key === 'refund TX-BROKEN-1');
		expect(row?.reason).toMatch(/lists no items/);
		expect(returns()).toHaveLength(before);

		// GL-only: payments-to-GL books every refund, nothing reaches M3 — the refund of the order M3 does not have (kept
		// above in M3 mode) is no failure either
		const glOnly = w.template('returns-to-m3.json');
		flows.setSetting(glOnly, 'mode', 'glOnly');
		for (const n of ['Wait for MFN returns report', 'Wait for FBA returns report']) flows.node(glOnly, n).parameters.options = { waitForCompletion: true, pollIntervalSeconds: 0.05 };
		w.sp.state.transactions.splice(w.sp.state.transactions.indexOf(bad), 1);
		const heads = calls(w, 'OIS390MI/AddHead');
		const g = await w.fire(glOnly, 'Every 6 hours');
		expect({ status: g.status, error: g.error?.message }).toMatchObject({ status: 'success' });
		expect(g.runData['Create M3 customer return']).toBeUndefined();
		expect(calls(w, 'OIS390MI/AddHead')).toBe(heads);
		expect(returns()).toHaveLength(before);
	});

	it('an Amazon report failure is kept per window', async () => {
		w.sp.control.addFault({ kind: 'error', operation: 'reports.createReport', status: 400 });
		const r = await w.fire(wf, 'Every 6 hours');
		w.sp.control.clearFaults();
		expect(r.status).toBe('error');
		const row = w.deadLetter(ID).find((x) => x.node.startsWith('Request') && x.status === 'open');
		expect(row?.key).toMatch(/^returns /);
	});
});

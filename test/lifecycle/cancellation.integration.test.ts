import type { IDataObject } from 'n8n-workflow';

import { calls, flows, m3OrderOf, type Wf, type World } from './world';

// Amazon cancels -> M3, through the order-to-cash template in n8n-core against both simulators: a buyer cancelling a
// whole order or some items deletes the M3 lines (OIS100MI/DelLine) while M3 allows it; a line on a picking list is
// too late: the order is kept in the dead letter with the reason; replays delete nothing twice.

const ID = 'm3amzOrderToCash';

describe('order-to-cash: buyer cancellations reach M3', () => {
	let w: World;
	let wf: Wf;
	let imported: string[];
	beforeAll(async () => {
		w = await flows.startWorld({ seed: 7 });
		wf = w.template('order-to-cash.json');
		for (const o of w.sp.state.orders.values()) w.sp.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		await w.orderToCash(wf);
		imported = [...w.sp.state.orders.values()].filter((o) => m3OrderOf(w, o.orderId)).map((o) => o.orderId);
	});
	afterAll(async () => {
		await w.close();
	});

	const cancelledOutput = (runs: Array<{ output(n: string, i?: number): Array<Record<string, unknown>> | undefined }>) =>
		runs.flatMap((r) => r.output('Cancel M3 order lines') ?? []);

	it('deletes every line of an order the buyer cancelled, and only the cancelled items of another', async () => {
		expect(imported.length).toBeGreaterThanOrEqual(4);
		const whole = imported[0];
		const partial = imported.find((id) => id !== whole && w.sp.state.orders.get(id)!.items.length >= 2)!;
		expect(partial).toBeDefined();
		const item = w.sp.state.orders.get(partial)!.items[0].orderItemId;
		const linesBefore = m3OrderOf(w, partial)!.lines.length;
		w.sp.control.setOrderStatus(whole, 'CANCELLED', 'Buyer Requested Cancel');
		w.sp.control.cancelItems(partial, [item]);
		for (const id of [whole, partial]) w.sp.control.emit({ type: 'ORDER_CHANGE', orderId: id, channel: 'sqs', reason: 'Buyer Requested Cancel' });
		const runs = await w.orderToCash(wf);
		for (const r of runs) expect({ status: r.status, error: r.error?.message, dead: w.deadLetter(ID) }).toMatchObject({ status: 'success' });
		const a = m3OrderOf(w, whole)!;
		expect(a.lines).toHaveLength(0);
		expect(a.deletedLines!.length).toBeGreaterThan(0);
		expect(a.head.ORST).toBe('90');
		const b = m3OrderOf(w, partial)!;
		expect(b.lines.map((l) => l.CUOR)).not.toContain(item);
		expect(b.lines).toHaveLength(linesBefore - 1);
		expect(b.deletedLines!.map((l) => l.CUOR)).toEqual([item]);
		const out = cancelledOutput(runs);
		expect(out.find((j) => j.CUOR === whole)).toMatchObject({ outcome: 'cancelled', scope: 'order', deleted: a.deletedLines!.length });
		expect(out.find((j) => j.CUOR === partial)).toMatchObject({ outcome: 'cancelled', scope: 'lines', deleted: 1 });
		expect(w.queued()).toBe(0);

		// the same notifications again (SQS redelivery, the backstop): nothing is deleted twice
		const before = calls(w, 'OIS100MI/DelLine');
		for (const id of [whole, partial]) w.sp.control.emit({ type: 'ORDER_CHANGE', orderId: id, channel: 'sqs' });
		const again = await w.orderToCash(wf);
		expect(calls(w, 'OIS100MI/DelLine')).toBe(before);
		expect(cancelledOutput(again).map((j) => j.outcome)).toEqual(['alreadyCancelled', 'alreadyCancelled']);
		// the create branch still finds the partly cancelled order and does not enter it again
		expect(Object.values(w.m3.state.orders).filter((o) => o.head.CUOR === partial)).toHaveLength(1);
	});

	it('too late (on a picking list): nothing is deleted, the order is kept with the reason, a replay keeps it again', async () => {
		const late = imported[imported.length - 1];
		const orno = m3OrderOf(w, late)!.head.ORNO;
		// picking list printed, not reported yet: the lines are at 44
		expect(w.m3.control.ship(orno, { pgrs: '05' })).toMatchObject({ ORST: '44' });
		const linesBefore = JSON.stringify(m3OrderOf(w, late)!.lines);
		w.sp.control.setOrderStatus(late, 'CANCELLED', 'Buyer Requested Cancel');
		w.sp.control.emit({ type: 'ORDER_CHANGE', orderId: late, channel: 'sqs' });
		const before = calls(w, 'OIS100MI/DelLine');
		const [r] = await w.orderToCash(wf);
		expect(r.status).toBe('error');
		expect(r.error?.message).toContain('1 failed item(s) kept in the dead letter');
		expect(calls(w, 'OIS100MI/DelLine')).toBe(before);
		expect(JSON.stringify(m3OrderOf(w, late)!.lines)).toBe(linesBefore);
		const row = w.deadLetter(ID).find((x) => x.key === `${late} cancel`)!;
		expect(row).toMatchObject({ node: 'Cancel M3 order lines', status: 'open', replays: 0 });
		expect(row.reason).toMatch(new RegExp(`Too late to cancel Amazon order ${late} in M3: order ${orno} line 1 .* has status 44`));
		expect(m3OrderOf(w, late)!.lines.some((l) => l.ORST === '44')).toBe(true);
		expect(row.reason).toMatch(/Stop the shipment in M3 by hand/);
		const details = JSON.parse(row.details) as IDataObject;
		expect(details).toMatchObject({ code: 'CANCEL_TOO_LATE', kind: 'nok', retryable: false, orderNumber: orno });
		expect(JSON.parse(row.input)).toMatchObject({ amazonOrderId: late });
		expect(w.queued()).toBe(0);

		const rp = await w.replay(wf);
		expect(rp.status).toBe('error');
		expect(calls(w, 'OIS100MI/DelLine')).toBe(before);
		expect(w.deadLetter(ID).find((x) => x.key === `${late} cancel`)).toMatchObject({ status: 'open', replays: 1 });
	});

	it('an order cancelled before it reached M3 needs nothing; a lost DelLine answer does not fail or delete twice', async () => {
		const never = w.sp.control.createOrder({ status: 'CANCELLED' }).orderId;
		w.sp.control.emit({ type: 'ORDER_CHANGE', orderId: never, channel: 'sqs' });
		const [r1] = await w.orderToCash(wf);
		expect(r1.status).toBe('success');
		expect(r1.output('Cancel M3 order lines')).toEqual([expect.objectContaining({ CUOR: never, outcome: 'notInM3', deleted: 0 })]);
		expect(m3OrderOf(w, never)).toBeUndefined();

		const id = imported.find((x) => w.sp.state.orders.get(x)!.status === 'UNSHIPPED' && !m3OrderOf(w, x)!.deletedLines && m3OrderOf(w, x)!.lines.every((l) => Number(l.ORST) < 44))!;
		expect(id).toBeDefined();
		const n = m3OrderOf(w, id)!.lines.length;
		// M3 deletes the lines, then the connection drops before the answer: the client asks again and finds them gone
		w.m3.control.addFaults([{ kind: 'commitThenTimeout', program: 'OIS100MI', transaction: 'DelLine', times: 1 }]);
		w.sp.control.setOrderStatus(id, 'CANCELLED', 'Buyer Requested Cancel');
		w.sp.control.emit({ type: 'ORDER_CHANGE', orderId: id, channel: 'sqs' });
		const [r2] = await w.orderToCash(wf);
		w.m3.control.clearFaults();
		expect(r2.status).toBe('success');
		expect(m3OrderOf(w, id)!.lines).toHaveLength(0);
		expect(m3OrderOf(w, id)!.deletedLines).toHaveLength(n);
		expect(r2.output('Cancel M3 order lines')).toEqual([expect.objectContaining({ CUOR: id, outcome: 'alreadyCancelled' })]);
	});
});

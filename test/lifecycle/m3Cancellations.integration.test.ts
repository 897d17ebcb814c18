import { sleep, type IDataObject } from 'n8n-workflow';

import { flows, m3OrderOf, type AmazonOrder, type M3Order, type Wf, type World } from './world';

// M3 cancels -> Amazon, through the m3-cancellations template in n8n-core against both simulators: an M3 line closed
// without delivery (CloLine, status 99) or deleted (DelLine) cancels the Amazon items with the order acknowledgement
// feed (POST_ORDER_ACKNOWLEDGEMENT_DATA), the whole order when every open item goes; replays, the watermark overlap and a
// lost feed answer never cancel twice; refusals end in the dead letter.

const ID = 'm3amzM3Cancellations';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lifecycle = require('../../simulators/m3/lifecycle.js') as {
	closeLine(state: unknown, order: M3Order, input: IDataObject): void;
	deleteLine(state: unknown, order: M3Order, input: IDataObject): void;
};

interface Sp {
	sellerCancellations?: Array<{ orderId: string; orderItemId: string; reason: string; feedId: string }>;
	feeds: Map<string, { feedType: string }>;
}
interface Run {
	status: string;
	error?: { message: string };
	output(n: string, i?: number): Array<Record<string, unknown>> | undefined;
}

describe('m3-cancellations: M3 closes lines without delivery -> Amazon cancels', () => {
	let w: World;
	let wf: Wf;
	let imported: AmazonOrder[];
	const sp = () => w.sp.state as unknown as World['sp']['state'] & Sp;
	const ackFeeds = () => [...sp().feeds.values()].filter((f) => f.feedType === 'POST_ORDER_ACKNOWLEDGEMENT_DATA').length;
	const cancels = () => sp().sellerCancellations ?? [];
	const fire = async (): Promise<Run> => await (w as unknown as { fire(wf: Wf, s: string): Promise<Run> }).fire(wf, 'Every 30 minutes');
	/** Deletes by hand in M3 the last line (highest PONR, no gap left) of an open imported order with two lines or more. */
	const deleteLastLineOfOpenOrder = () => {
		const o = imported.find((x) => !x.items.some((it) => it.cancelled) && w.sp.state.orders.get(x.orderId)!.status === 'UNSHIPPED' && m3OrderOf(w, x.orderId)!.lines.length >= 2)!;
		expect(o).toBeTruthy();
		const mo = m3OrderOf(w, o.orderId)!;
		const last = [...mo.lines].sort((a, b) => Number(b.PONR) - Number(a.PONR))[0];
		lifecycle.deleteLine(w.m3.state, mo, { PONR: last.PONR, POSX: '0' });
		return { o, mo, last };
	};

	beforeAll(async () => {
		w = await flows.startWorld({ seed: 7 });
		const o2c = w.template('order-to-cash.json');
		for (const o of w.sp.state.orders.values()) w.sp.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		await w.orderToCash(o2c);
		imported = [...w.sp.state.orders.values()].filter((o) => o.status === 'UNSHIPPED' && m3OrderOf(w, o.orderId));
		wf = w.template('m3-cancellations.json');
		flows.node(wf, 'Cancel on Amazon').parameters.options = { pollIntervalSeconds: 0.2, maxWaitSeconds: 60 };
	});
	afterAll(async () => {
		await w.close();
	});

	it('nothing closed: nothing is sent (the first run only moves the watermark)', async () => {
		const r = await fire();
		expect(r.status).toBe('success');
		expect(ackFeeds()).toBe(0);
		expect(r.output('M3 orders closed without delivery') ?? []).toHaveLength(0);
	});

	it('a closed line cancels its item, an order without lines left is cancelled whole; again: nothing twice', async () => {
		const partial = imported.find((o) => o.items.length >= 2 && m3OrderOf(w, o.orderId)!.lines.length >= 2)!;
		const whole = imported.find((o) => o !== partial)!;
		expect(partial && whole).toBeTruthy();
		const po = m3OrderOf(w, partial.orderId)!;
		const closed = po.lines[0];
		lifecycle.closeLine(w.m3.state, po, { PONR: closed.PONR, POSX: '0' });
		const wo = m3OrderOf(w, whole.orderId)!;
		for (const l of [...wo.lines]) lifecycle.deleteLine(w.m3.state, wo, { PONR: l.PONR, POSX: '0' });

		const r = await fire();
		expect({ status: r.status, error: r.error?.message, dead: w.deadLetter(ID) }).toMatchObject({ status: 'success' });
		const out = r.output('Cancel on Amazon') ?? [];
		expect(out.find((j) => j.orderId === partial.orderId)).toMatchObject({ outcome: 'cancelled', scope: 'items', statusCode: 'Success' });
		expect(out.find((j) => j.orderId === whole.orderId)).toMatchObject({ outcome: 'cancelled', scope: 'order', statusCode: 'Failure' });
		const a = w.sp.state.orders.get(partial.orderId)!;
		expect(a.items.filter((it) => it.cancelled).map((it) => it.orderItemId)).toEqual([closed.CUOR]);
		expect(a.status).toBe('UNSHIPPED');
		expect(w.sp.state.orders.get(whole.orderId)!.status).toBe('CANCELLED');
		expect(cancels().filter((c) => c.orderId === partial.orderId)).toEqual([expect.objectContaining({ orderItemId: closed.CUOR, reason: 'NoInventory' })]);
		const n = cancels().length;
		const feeds = ackFeeds();
		expect(feeds).toBe(2);

		// the next run reads the same window again (overlap) and a replay of the order: Amazon shows them cancelled
		const again = await fire();
		expect(again.status).toBe('success');
		expect(again.output('Cancel on Amazon') ?? []).toHaveLength(0);
		expect(ackFeeds()).toBe(feeds);
		expect(cancels()).toHaveLength(n);
		// the buyer-cancellation branch of order-to-cash sees the ORDER_CHANGE and finds the M3 lines already gone
		const o2c = w.template('order-to-cash.json');
		const runs = await w.orderToCash(o2c);
		for (const x of runs) expect(x.status).toBe('success');
	});

	it('a deleted LAST line (no gap in the numbering) is seen against the lines the import entered and cancels its item', async () => {
		const { o, mo, last } = deleteLastLineOfOpenOrder();
		const before = cancels().length;
		const r = await fire();
		expect({ status: r.status, error: r.error?.message }).toMatchObject({ status: 'success' });
		const sel = (r.output('M3 orders closed without delivery') ?? []).find((j) => j.ORNO === mo.head.ORNO);
		expect(sel).toMatchObject({ signals: ['gap'] });
		expect((r.output('Cancel on Amazon') ?? []).find((j) => j.orderId === o.orderId)).toMatchObject({ outcome: 'cancelled', scope: 'items' });
		expect(cancels().slice(before)).toEqual([expect.objectContaining({ orderId: o.orderId, orderItemId: last.CUOR })]);
		// again: Amazon shows the item cancelled, nothing is sent twice
		const again = await fire();
		expect(again.status).toBe('success');
		expect(cancels().length).toBe(before + 1);
	});

	it('the order key record cannot be read: the order is kept in the dead letter (not counted unchanged), the replay cancels its deleted last line', async () => {
		const { o, mo, last } = deleteLastLineOfOpenOrder();
		const before = cancels().length;
		// the key records' bulk (CUSEXTMI LstFieldValue) fails for every order in it: the service account lost CUSEXTMI
		const m3 = w.m3.control as unknown as { addFaults(f: IDataObject): unknown; clearFaults(): void };
		m3.addFaults({ kind: 'authFailure', program: 'CUSEXTMI', transaction: 'LstFieldValue', times: 1 });
		const r = await fire();
		m3.clearFaults();
		expect(r.status).toBe('error');
		expect(r.error?.message).toContain('failed item(s) kept in the dead letter');
		const row = w.deadLetter(ID).find((x) => x.key === `cancel ${mo.head.ORNO}`);
		expect(row).toMatchObject({ status: 'open' });
		expect(row!.reason).toMatch(/order key record/);
		expect(cancels().length).toBe(before);
		// the old code counted it unchanged and the run succeeded: the watermark moved on (only the window's overlap
		// could still see it, once); kept, the replay reads the order again by ORNO
		const rp = await w.replay(wf);
		expect({ status: rp.status, error: rp.error?.message }).toMatchObject({ status: 'success' });
		expect(w.deadLetter(ID).find((x) => x.key === `cancel ${mo.head.ORNO}`)).toMatchObject({ status: 'replayed', replays: 1 });
		expect(cancels().slice(before)).toEqual([expect.objectContaining({ orderId: o.orderId, orderItemId: last.CUOR })]);
	});

	it('a lost feed answer: kept, the replay finds the items cancelled and sends nothing again', async () => {
		const o = imported.find((x) => !x.items.some((it) => it.cancelled) && w.sp.state.orders.get(x.orderId)!.status === 'UNSHIPPED')!;
		const mo = m3OrderOf(w, o.orderId)!;
		lifecycle.closeLine(w.m3.state, mo, { PONR: mo.lines[0].PONR, POSX: '0' });
		// Amazon takes the feed, the answer is lost: createFeed is not resent (not idempotent); the item is kept
		(w.sp.control as unknown as { addFault(f: IDataObject): unknown }).addFault({ operation: 'feeds.createFeed', kind: 'appliedThenReset', count: 1 });
		const r = await fire();
		(w.sp.control as unknown as { clearFaults(): void }).clearFaults();
		const row = w.deadLetter(ID).find((x) => x.key === `cancel ${mo.head.ORNO}`);
		const feedsAfter = ackFeeds();
		if (r.status === 'success') {
			// the client resent createFeed: Amazon cancelled once and reported the second feed as already done
			expect(row).toBeUndefined();
		} else {
			expect(row).toMatchObject({ node: 'Cancel on Amazon', status: 'open' });
			expect(JSON.parse(row!.input)).toEqual({ ORNO: mo.head.ORNO });
			// the feed Amazon took is processed meanwhile; the replay reads the M3 order and Amazon's order again
			for (let k = 0; k < 400 && !cancels().some((c) => c.orderId === o.orderId); k++) await sleep(50);
			const rp = await w.replay(wf);
			expect({ status: rp.status, error: rp.error?.message }).toMatchObject({ status: 'success' });
			expect(w.deadLetter(ID).find((x) => x.key === `cancel ${mo.head.ORNO}`)).toMatchObject({ status: 'replayed', replays: 1 });
			expect(ackFeeds()).toBe(feedsAfter);
		}
		expect(cancels().filter((c) => c.orderId === o.orderId)).toHaveLength(1);
	});

	it('refusals go to the dead letter: Amazon shipped what M3 closed; Amazon refuses the feed', async () => {
		const [x, y] = imported.filter((o) => !o.items.some((it) => it.cancelled) && w.sp.state.orders.get(o.orderId)!.status === 'UNSHIPPED');
		expect(x && y).toBeTruthy();
		// Amazon shows the item shipped although M3 closed its line: a person must look
		const mx = m3OrderOf(w, x.orderId)!;
		const itemX = w.sp.state.orders.get(x.orderId)!.items.find((it) => it.orderItemId === mx.lines[0].CUOR)!;
		itemX.quantityShipped = itemX.quantity;
		lifecycle.closeLine(w.m3.state, mx, { PONR: mx.lines[0].PONR, POSX: '0' });
		const my = m3OrderOf(w, y.orderId)!;
		lifecycle.closeLine(w.m3.state, my, { PONR: my.lines[0].PONR, POSX: '0' });
		(w.sp.control as unknown as { addFault(f: IDataObject): unknown }).addFault({ operation: 'feeds.createFeed', kind: 'error', status: 400, count: 1 });
		const before = cancels().length;
		const r = await fire();
		(w.sp.control as unknown as { clearFaults(): void }).clearFaults();
		expect(r.status).toBe('error');
		expect(r.error?.message).toContain('failed item(s) kept in the dead letter');
		const rx = w.deadLetter(ID).find((z) => z.key === `cancel ${mx.head.ORNO}`)!;
		expect(rx).toMatchObject({ node: 'M3 closed lines to Amazon cancellation', status: 'open' });
		expect(rx.reason).toMatch(/Amazon shows it shipped/);
		const ry = w.deadLetter(ID).find((z) => z.key === `cancel ${my.head.ORNO}`)!;
		expect(ry).toMatchObject({ node: 'Cancel on Amazon', status: 'open' });
		expect(cancels().length).toBe(before);

		// the replay: Amazon takes the feed now; the shipped item is kept again
		const rp = await w.replay(wf);
		expect(rp.status).toBe('error');
		expect(w.deadLetter(ID).find((z) => z.key === `cancel ${my.head.ORNO}`)).toMatchObject({ status: 'replayed' });
		expect(w.deadLetter(ID).find((z) => z.key === `cancel ${mx.head.ORNO}`)).toMatchObject({ status: 'open', replays: 1 });
		expect(cancels().filter((c) => c.orderId === y.orderId)).toHaveLength(1);
		expect(cancels().filter((c) => c.orderId === x.orderId)).toHaveLength(0);
	});
});

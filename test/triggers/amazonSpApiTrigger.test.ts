import type { IDataObject } from 'n8n-workflow';

import { createSession, linearWorkflow, runPoll, type Session, type WorkflowJson } from '../harness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulator = require('../../simulators/spapi') as { startSpApiSimulator(opts?: IDataObject): Promise<Sim> };

type Loose = ReturnType<typeof JSON.parse>;

interface Sim {
	url: string;
	close(): Promise<void>;
	credentials: Loose;
	state: { orders: Map<string, Loose> };
	control: {
		createOrder(o?: IDataObject): Loose;
		emit(e: IDataObject): Loose[];
		reset(): unknown;
		addFault(f: IDataObject): unknown;
	};
	sim: { sqs: { snapshot(): Array<{ name: string; sent: number; received: number; deleted: number; messages: Array<{ messageId: string; visible: boolean }> }> } };
}

function sqsCreds(sim: Sim, extra: IDataObject = {}) {
	const s = sim.credentials.sqs;
	return { region: s.region, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, sessionToken: '', customEndpoint: s.endpoint, ...extra };
}

function spCreds(sim: Sim) {
	const c = sim.credentials;
	return {
		region: 'na',
		sandbox: false,
		clientId: c.clientId,
		clientSecret: c.clientSecret,
		refreshToken: c.refreshToken,
		sellerId: c.sellerId,
		marketplaceIds: c.marketplaceIds[0],
		customEndpoint: c.endpoint,
		lwaTokenUrl: c.lwaEndpoint,
		accessToken: '',
	};
}

function triggerWorkflow(parameters: IDataObject, credentials: string[], id: string): WorkflowJson {
	const wf = linearWorkflow([{ type: 'amazonSpApiTrigger', name: 'Amazon', parameters, credentials }]);
	wf.id = id;
	return wf;
}

/** The Amazon Selling Partner node's "Acknowledge Messages" on trigger items (what a template does at its end). */
async function acknowledge(session: Session, items: Array<{ json: IDataObject }>) {
	const wf = linearWorkflow([{ type: 'amazonSellingPartner', name: 'Ack', parameters: { resource: 'queue', operation: 'acknowledge' }, credentials: ['awsSqsApi'] }]);
	return await session.run(wf, { input: items.map((i) => ({ json: i.json })) });
}

/** The visibility timeout of every in-flight message has passed (SQS makes them visible again). */
function visibilityTimeoutPasses(sim: Sim) {
	const q = (sim.sim.sqs as unknown as { queues: Map<string, { messages: Array<{ visibleAt: number }> }> }).queues.get('sp-api-notifications')!;
	for (const m of q.messages) m.visibleAt = 0;
}

function queue(sim: Sim) {
	return sim.sim.sqs.snapshot().find((q) => q.name === 'sp-api-notifications')!;
}

describe('Amazon SP-API Trigger, SQS mode (simulator queue, SigV4)', () => {
	let sim: Sim;
	let session: Session;
	beforeAll(async () => {
		sim = await simulator.startSpApiSimulator({ timeScale: 20 });
	});
	afterAll(async () => {
		await sim.close();
	});
	beforeEach(() => {
		sim.control.reset();
		session = createSession({ credentials: { awsSqsApi: sqsCreds(sim) } });
	});

	const params = (sim: Sim, extra: IDataObject = {}) => ({
		mode: 'sqs',
		queueUrl: sim.credentials.sqs.queueUrl,
		sqsOptions: { waitTimeSeconds: 1, ...extra },
	});

	it('emits each notification exactly once (duplicates dropped); the workflow acknowledges (deletes) them', async () => {
		const orders = [sim.control.createOrder(), sim.control.createOrder()];
		for (const o of orders) sim.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs', duplicate: true });
		sim.control.emit({
			type: 'REPORT_PROCESSING_FINISHED',
			channel: 'sqs',
			payload: { reportProcessingFinishedNotification: { sellerId: 'S', reportId: 'R1', reportType: 'GET_X', processingStatus: 'DONE' } },
		});
		expect(queue(sim).messages).toHaveLength(5);

		const wf = triggerWorkflow(params(sim), ['awsSqsApi'], 'wf-sqs-1');
		const first = await runPoll(session, wf, 'Amazon');
		const items = (first?.[0] ?? []).map((i) => i.json as Loose);
		expect(items).toHaveLength(3);
		expect(new Set(items.map((i) => i.notificationId)).size).toBe(3);
		const orderItems = items.filter((i) => i.notificationType === 'ORDER_CHANGE');
		expect(orderItems.map((i) => i.amazonOrderId).sort()).toEqual(orders.map((o) => o.orderId).sort());
		expect(orderItems[0]).toMatchObject({
			source: 'sqs',
			notificationVersion: '1.0',
			payloadVersion: '1.0',
			orderChangeType: 'OrderStatusChange',
			marketplaceId: expect.any(String),
			orderStatus: expect.any(String),
			payload: { OrderChangeNotification: { AmazonOrderId: expect.any(String), Summary: expect.any(Object) } },
			sqs: { messageId: expect.any(String), receiveCount: 1 },
		});
		const report = items.find((i) => i.notificationType === 'REPORT_PROCESSING_FINISHED');
		expect(report).toMatchObject({ notificationVersion: '2020-09-04', payload: { reportProcessingFinishedNotification: { reportId: 'R1' } } });

		// The duplicate copies were deleted right away; the emitted ones stay in flight until the workflow
		// acknowledges them: the next poll deletes nothing.
		expect(queue(sim).deleted).toBe(2);
		expect(queue(sim).messages).toHaveLength(3);
		expect(queue(sim).messages.every((m) => !m.visible)).toBe(true);
		const second = await runPoll(session, wf, 'Amazon');
		expect(second).toBeNull();
		expect(queue(sim).messages).toHaveLength(3);

		// the workflow's "Acknowledge Messages" step, once the items are done or kept
		const r = await acknowledge(session, first![0]);
		expect(r.status).toBe('success');
		expect(r.output('Ack')!.map((j) => j.sqsAcknowledged)).toEqual([true, true, true]);
		expect(queue(sim).messages).toHaveLength(0);
		expect(queue(sim).deleted).toBe(5);
		// acknowledging again (a replayed run) is harmless; items without an SQS message pass through
		const again = await acknowledge(session, [...first![0], { json: { amazonOrderId: 'from-the-backstop' } }]);
		expect(again.output('Ack')!.map((j) => j.sqsAcknowledged)).toEqual([true, true, true, false]);
	});

	it('a message never acknowledged (the run crashed) comes back after its visibility timeout and is emitted again', async () => {
		const o = sim.control.createOrder();
		sim.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		const wf = triggerWorkflow(params(sim, { visibilityTimeout: 0 }), ['awsSqsApi'], 'wf-sqs-crash');
		const first = await runPoll(session, wf, 'Amazon');
		expect(first?.[0]).toHaveLength(1);
		// no acknowledgement: the execution died. The same message is received again and emitted again.
		const second = await runPoll(session, wf, 'Amazon');
		expect(second?.[0]).toHaveLength(1);
		expect((second![0][0].json as Loose).notificationId).toBe((first![0][0].json as Loose).notificationId);
		expect((second![0][0].json as Loose).sqs.receiveCount).toBe(2);
		await acknowledge(session, second![0]);
		expect(queue(sim).messages).toHaveLength(0);
	});

	it('a failing ReceiveMessage later in the poll emits and remembers nothing: every message comes back and is emitted', async () => {
		const orders = Array.from({ length: 15 }, () => sim.control.createOrder());
		for (const o of orders) sim.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		const wf = triggerWorkflow(params(sim), ['awsSqsApi'], 'wf-sqs-midpoll');
		sim.control.addFault({ operation: 'sqs.ReceiveMessage', kind: 'error', status: 500, skip: 1, count: 1 });
		await expect(runPoll(session, wf, 'Amazon')).rejects.toThrow(/ReceiveMessage/);
		visibilityTimeoutPasses(sim);
		const out = await runPoll(session, wf, 'Amazon');
		const ids = new Set((out?.[0] ?? []).map((i) => (i.json as Loose).amazonOrderId));
		expect(ids).toEqual(new Set(orders.map((o) => o.orderId)));
	});

	it('a failing delete of "Right After Receiving" emits nothing and loses nothing', async () => {
		const orders = [sim.control.createOrder(), sim.control.createOrder(), sim.control.createOrder()];
		for (const o of orders) sim.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		const wf = triggerWorkflow(params(sim, { deleteMode: 'immediately' }), ['awsSqsApi'], 'wf-sqs-delfail');
		sim.control.addFault({ operation: 'sqs.DeleteMessageBatch', kind: 'reset', count: 1 });
		await expect(runPoll(session, wf, 'Amazon')).rejects.toThrow();
		visibilityTimeoutPasses(sim);
		const out = await runPoll(session, wf, 'Amazon');
		expect((out?.[0] ?? []).map((i) => (i.json as Loose).amazonOrderId).sort()).toEqual(orders.map((o) => o.orderId).sort());
		expect(queue(sim).messages).toHaveLength(0);
	});

	it('with a type filter, a body that is not a notification is emitted (UNPARSEABLE), never deleted unseen', async () => {
		(sim.sim.sqs as unknown as { enqueue(q: string, b: string): string }).enqueue('sp-api-notifications', '{"not": "a notification"');
		const wf = triggerWorkflow({ ...params(sim), notificationTypes: 'ORDER_CHANGE' }, ['awsSqsApi'], 'wf-sqs-poison');
		const out = await runPoll(session, wf, 'Amazon');
		const [item] = (out?.[0] ?? []).map((i) => i.json as Loose);
		expect(item).toMatchObject({ notificationType: 'UNPARSEABLE', body: '{"not": "a notification"', parseError: expect.any(String) });
		expect(queue(sim).messages).toHaveLength(1); // in flight until the workflow keeps and acknowledges it
	});

	it('an endpoint answering 200 with HTML is an error, not an empty queue', async () => {
		const wf = triggerWorkflow(params(sim), ['awsSqsApi'], 'wf-sqs-html');
		sim.control.addFault({ operation: 'sqs.ReceiveMessage', kind: 'html', count: 1 });
		await expect(runPoll(session, wf, 'Amazon')).rejects.toThrow(/did not answer like SQS/);
	});

	it('an SQS endpoint echoing the request headers: no secret key, session token or signature in the error', async () => {
		const token = 'IQoJb3JpZ2luX2VjEXAMPLE-SESSION-TOKEN-1234567';
		const own = createSession({ credentials: { awsSqsApi: sqsCreds(sim, { sessionToken: token }) } });
		const wf = triggerWorkflow(params(sim), ['awsSqsApi'], 'wf-sqs-echo');
		sim.control.addFault({ operation: 'sqs.ReceiveMessage', kind: 'echoHeaders', count: 1 });
		let err: (Error & { description?: string }) | undefined;
		try {
			await runPoll(own, wf, 'Amazon');
		} catch (e) {
			err = e as Error & { description?: string };
		}
		expect(err).toBeDefined();
		const text = JSON.stringify([err?.message, err?.description, err]);
		// the echo reached the error (so this test can fail): header names are there, credential values are not
		expect(text).toMatch(/x-amz-date/i);
		for (const secret of [String(sim.credentials.sqs.secretAccessKey), token]) expect(text).not.toContain(secret);
		expect(text).not.toMatch(/Signature=[0-9a-f]{16}/);
	});

	it('"At the Next Poll" (at most once): a redelivery after the visibility timeout is dropped (dedupe on NotificationId)', async () => {
		const o = sim.control.createOrder();
		sim.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		// visibility 0: the message is visible again at once, as if the timeout had passed before the delete.
		const wf = triggerWorkflow(params(sim, { visibilityTimeout: 0, deleteMode: 'nextPoll' }), ['awsSqsApi'], 'wf-sqs-2');
		const first = await runPoll(session, wf, 'Amazon');
		expect(first?.[0]).toHaveLength(1);
		// Lose the pending delete (e.g. n8n restarted): the same message is received again.
		const state = (session.staticData['wf-sqs-2'] as Loose)['node:Amazon'] as Loose;
		state.pendingDeletes = [];
		sim.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' }); // a new notification
		const second = await runPoll(session, wf, 'Amazon');
		const again = (second?.[0] ?? []).map((i) => i.json as Loose);
		expect(again).toHaveLength(1);
		expect(again[0].notificationId).not.toBe((first![0][0].json as Loose).notificationId);
		// The redelivered copy was dropped and deleted; the new one is deleted at the next poll.
		expect(queue(sim).messages).toHaveLength(1);
		await runPoll(session, wf, 'Amazon');
		expect(queue(sim).messages).toHaveLength(0);
	});

	it('filters notification types and can delete right after receiving', async () => {
		const o = sim.control.createOrder();
		sim.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		sim.control.emit({ type: 'REPORT_PROCESSING_FINISHED', channel: 'sqs', payload: { reportProcessingFinishedNotification: { reportId: 'R2' } } });
		const wf = triggerWorkflow({ ...params(sim, { deleteMode: 'immediately' }), notificationTypes: 'report_processing_finished' }, ['awsSqsApi'], 'wf-sqs-3');
		const out = await runPoll(session, wf, 'Amazon');
		expect((out?.[0] ?? []).map((i) => (i.json as Loose).notificationType)).toEqual(['REPORT_PROCESSING_FINISHED']);
		expect(queue(sim).messages).toHaveLength(0);
	});

	it('manual mode shows a sample without deleting or remembering it', async () => {
		const o = sim.control.createOrder();
		sim.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		const wf = triggerWorkflow(params(sim), ['awsSqsApi'], 'wf-sqs-4');
		const sample = await runPoll(session, wf, 'Amazon', { mode: 'manual' });
		expect(sample?.[0]).toHaveLength(1);
		expect(queue(sim).messages).toHaveLength(1);
		const real = await runPoll(session, wf, 'Amazon');
		expect(real?.[0]).toHaveLength(1);
	});

	it('a wrong secret gets the SQS signature error as a node error', async () => {
		const bad = createSession({ credentials: { awsSqsApi: sqsCreds(sim, { secretAccessKey: 'wrong' }) } });
		const wf = triggerWorkflow(params(sim), ['awsSqsApi'], 'wf-sqs-5');
		await expect(runPoll(bad, wf, 'Amazon')).rejects.toThrow(/SignatureDoesNotMatch|InvalidSignature|HTTP 403/);
	});
});

describe('Amazon SP-API Trigger, Orders backstop mode (searchOrders watermark)', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await simulator.startSpApiSimulator({ timeScale: 20 });
	});
	afterAll(async () => {
		await sim.close();
	});

	it('finds orders updated since the watermark and never repeats one across polls (boundary kept)', async () => {
		const session = createSession({ credentials: { amazonSpApi: spCreds(sim) } });
		const wf = triggerWorkflow({ mode: 'backstop', backstopOptions: { initialLookbackMinutes: 30 } }, ['amazonSpApi'], 'wf-backstop');
		const minute = 60 * 1000;
		const t = Date.now() - 10 * minute;
		const b = sim.control.createOrder({ createdTime: new Date(t).toISOString() });
		const nodeState = () => (session.staticData['wf-backstop'] as Loose)['node:Amazon'] as Loose;

		const first = await runPoll(session, wf, 'Amazon');
		const firstIds = (first?.[0] ?? []).map((i) => (i.json as Loose).amazonOrderId as string);
		expect(firstIds).toContain(b.orderId);
		expect(new Set(firstIds).size).toBe(firstIds.length);
		// Everything the simulator has in the window was emitted, once.
		const w1 = Date.parse(nodeState().watermark);
		expect(w1).toBeLessThanOrEqual(Date.now() - 2 * minute);
		const expected = [...sim.state.orders.values()]
			.filter((o) => Date.parse(o.lastUpdatedTime) >= t - 20 * minute - 1000 && Date.parse(o.lastUpdatedTime) <= w1)
			.map((o) => o.orderId as string);
		for (const id of expected) expect(firstIds).toContain(id);
		const item = first![0].find((i) => (i.json as Loose).amazonOrderId === b.orderId)!.json as Loose;
		expect(item).toMatchObject({
			notificationType: 'ORDER_CHANGE',
			source: 'backstop',
			orderChangeType: 'OrderStatusChange',
			orderStatus: 'Unshipped',
			payload: {
				OrderChangeNotification: {
					AmazonOrderId: b.orderId,
					SellerId: sim.credentials.sellerId,
					Summary: { MarketplaceId: b.marketplaceId, FulfillmentType: 'MFN', OrderItems: expect.any(Array) },
				},
			},
		});

		// Move the watermark back onto B's exact update time: the next window starts at the boundary.
		nodeState().watermark = b.lastUpdatedTime;
		const c = sim.control.createOrder({ createdTime: new Date(t + minute).toISOString() });
		const second = await runPoll(session, wf, 'Amazon');
		const secondIds = (second?.[0] ?? []).map((i) => (i.json as Loose).amazonOrderId as string);
		expect(secondIds).toEqual([c.orderId]);

		// An update to B after the watermark is a new change and is emitted again (as ORDER_CHANGE would be).
		const order = sim.state.orders.get(b.orderId)!;
		order.status = 'CANCELLED';
		order.lastUpdatedTime = nodeState().watermark; // updated exactly at the boundary of the next window
		const third = await runPoll(session, wf, 'Amazon');
		const thirdItems = (third?.[0] ?? []).map((i) => i.json as Loose);
		expect(thirdItems.map((i) => i.amazonOrderId)).toEqual([b.orderId]);
		expect(thirdItems[0].orderStatus).toBe('Canceled');

		// Nothing new (B at the boundary again): nothing emitted.
		const fourth = await runPoll(session, wf, 'Amazon');
		expect(fourth).toBeNull();
	});

	it('a window larger than Max Pages per Poll resumes with the pagination token, then advances the watermark', async () => {
		const session = createSession({ credentials: { amazonSpApi: spCreds(sim) } });
		const wf = triggerWorkflow({ mode: 'backstop', backstopOptions: { initialLookbackMinutes: 600, maxPages: 1 } }, ['amazonSpApi'], 'wf-backstop-pages');
		const base = Date.now() - 9 * 60 * 60 * 1000;
		for (let i = 0; i < 130; i++) sim.control.createOrder({ createdTime: new Date(base + i * 1000).toISOString() });
		const nodeState = () => (session.staticData['wf-backstop-pages'] as Loose)['node:Amazon'] as Loose;
		const all: string[] = [];
		let polls = 0;
		do {
			const out = await runPoll(session, wf, 'Amazon');
			all.push(...(out?.[0] ?? []).map((i) => (i.json as Loose).amazonOrderId as string));
			polls++;
		} while (nodeState().resume && polls < 10);
		expect(polls).toBeGreaterThanOrEqual(2);
		expect(nodeState().watermark).toEqual(expect.any(String));
		expect(new Set(all).size).toBe(all.length);
		expect(all.length).toBeGreaterThanOrEqual(130);
	});

	it('manual mode returns a sample and leaves the watermark alone', async () => {
		const session = createSession({ credentials: { amazonSpApi: spCreds(sim) } });
		sim.control.createOrder({ createdTime: new Date(Date.now() - 3600 * 1000).toISOString() });
		const wf = triggerWorkflow({ mode: 'backstop' }, ['amazonSpApi'], 'wf-backstop-manual');
		const sample = await runPoll(session, wf, 'Amazon', { mode: 'manual' });
		expect((sample?.[0] ?? []).length).toBeGreaterThan(0);
		expect(((session.staticData['wf-backstop-manual'] as Loose)?.['node:Amazon'] as Loose)?.watermark).toBeUndefined();
	});
});

import type { IDataObject } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import { startSimulators, waitFor, type Sims } from '../e2e/templates';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startCluster, say } = require('../../scripts/lib/queue-cluster') as {
	startCluster(opts: IDataObject): Promise<Cluster>;
	/** a line on stderr, for the test's report */
	say(msg: string): void;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { orderableSkus, newMfnOrder } = require('../../simulators/cli') as {
	orderableSkus(m3: unknown, sp: unknown): string[];
	newMfnOrder(sp: unknown, skus: string[], k: number): IDataObject;
};

interface Cluster {
	dir: string;
	mainUrl: string;
	webhookUrl: string;
	procs: Array<{ name: string; role: string }>;
	sql(q: string): string;
	log(name: string): string;
	stop(): Promise<void>;
}

/**
 * `npm run test:queue`: the templates in a real n8n 2.41.1 queue-mode cluster (main + 2 workers + 1 webhook processor,
 * Redis + PostgreSQL), set up as docs/guide/scaling.md tells users to:
 * - order-to-cash as shipped (SQS trigger on main; executions on the workers), some notifications sent twice;
 * - order-to-cash fed by webhook (SP-API EventBridge Trigger), each notification POSTed at the same moment to main and
 *   to the webhook processor: two executions of the same order on the workers;
 * - shipment-feedback (ION webhook), some Sync.Shipment BODs POSTed at the same moment to main and the webhook processor.
 * Every order is created once, every shipment confirmed once, no 429 with the quota shared by the 3 processes that call
 * SP-API (2 workers + main's backstop poll).
 */
const EB_HOOK = 'm3amz-queue-order-events';
const EB_KEY = randomUUID();
const ION = 'm3amz-ion-shipment/ion';

describe('n8n queue mode: main + 2 workers + webhook processor', () => {
	let sims: Sims;
	let cluster: Cluster;
	const t0 = Date.now();

	const m3OrdersByCuor = () => {
		const m = new Map<string, number>();
		for (const o of Object.values(sims.m3.state.orders)) m.set(String(o.head.CUOR), (m.get(String(o.head.CUOR)) ?? 0) + 1);
		return m;
	};
	const post = async (base: string, path: string, body: string, headers: Record<string, string>) => {
		const r = await fetch(`${base}/webhook/${path}`, { method: 'POST', headers, body, signal: AbortSignal.timeout(60000) });
		return { status: r.status, text: await r.text() };
	};

	beforeAll(async () => {
		sims = await startSimulators();
		const byId = new Map(sims.workflows.map((w) => [String(w.id), w as IDataObject & { nodes: IDataObject[]; connections: IDataObject }]));
		const otc = byId.get(sims.ids.orderToCash)!;
		// the same template fed by webhook: the SQS trigger becomes the SP-API EventBridge Trigger, no backstop
		const viaWebhook = JSON.parse(JSON.stringify(otc)) as typeof otc;
		viaWebhook.id = 'm3amzQueueOtcHook';
		viaWebhook.name = 'Amazon orders to M3 (webhook)';
		const trigger = viaWebhook.nodes.find((n) => n.name === 'Amazon order notifications (SQS)')!;
		Object.assign(trigger, {
			type: 'n8n-nodes-m3-amazon.amazonSpApiEventBridgeTrigger',
			typeVersion: 1,
			webhookId: EB_HOOK,
			parameters: { authentication: 'credential', notificationTypes: 'ORDER_CHANGE' },
			credentials: { amazonEventBridgeWebhookApi: { id: 'm3amzEventBridge', name: 'EventBridge API destination' } },
		});
		viaWebhook.nodes = viaWebhook.nodes.filter((n) => n.name !== 'Missed orders backstop');
		delete (viaWebhook.connections as IDataObject)['Missed orders backstop'];

		const credentials = sims.n8nCredentials.map((c) =>
			c.type === 'amazonSpApi' ? { ...c, data: { ...(c.data as IDataObject), quotaProcesses: 3 } } : c,
		);
		credentials.push({
			id: 'm3amzEventBridge',
			name: 'EventBridge API destination',
			type: 'amazonEventBridgeWebhookApi',
			data: { authType: 'headerKey', headerName: 'x-api-key', apiKey: EB_KEY },
		});
		cluster = await startCluster({
			credentials,
			workflows: [otc, viaWebhook, byId.get(sims.ids.shipmentFeedback), byId.get(sims.ids.errorHandler)],
			publish: [sims.ids.orderToCash, viaWebhook.id, sims.ids.shipmentFeedback],
			webhookPaths: [`${EB_HOOK}/sp-api-events`, ION],
			workers: 2,
		});
		say(`test:queue: cluster up ${Math.round((Date.now() - t0) / 1000)} s after start`);
	});

	afterAll(async () => {
		if (cluster) await cluster.stop();
		if (sims) await sims.close();
		say(`test:queue: done in ${Math.round((Date.now() - t0) / 1000)} s`);
	});

	it('order-to-cash as shipped (SQS on main): every order once, also with notifications sent twice', async () => {
		const expected = [...sims.sp.state.orders.values()]
			.filter((o) => o.status === 'UNSHIPPED' && o.fulfilledBy === 'MERCHANT')
			.map((o) => String(o.orderId));
		expect(expected.length).toBeGreaterThan(5);
		expected.forEach((id, i) => sims.sp.control.emit({ type: 'ORDER_CHANGE', orderId: id, channel: 'sqs', duplicate: i % 3 === 0 }));
		const imported = await waitFor(() => {
			const m = m3OrdersByCuor();
			return expected.every((id) => m.has(id)) ? m : undefined;
		}, 240000);
		expect(imported).toBeDefined();
		for (const id of expected) expect(imported?.get(id)).toBe(1);
		expect(await waitFor(() => sims.queue().left === 0, 120000)).toBe(true);
	});

	it('order-to-cash by webhook: the same notification at the same moment on main and the webhook processor -> one order', async () => {
		const before = m3OrdersByCuor();
		const skus = orderableSkus(sims.m3, sims.sp);
		const created: string[] = [];
		const deliveries: Array<Promise<Array<{ status: number; text: string }>>> = [];
		for (let k = 0; k < 8; k++) {
			const order = newMfnOrder(sims.sp, skus, k);
			created.push(String(order.orderId));
			const [rec] = sims.sp.control.emit({ type: 'ORDER_CHANGE', orderId: order.orderId, channel: 'eventbridge' }) as Array<{ event: IDataObject }>;
			const body = JSON.stringify(rec.event);
			const headers = { 'content-type': 'application/json', 'x-api-key': EB_KEY };
			deliveries.push(Promise.all([post(cluster.mainUrl, `${EB_HOOK}/sp-api-events`, body, headers), post(cluster.webhookUrl, `${EB_HOOK}/sp-api-events`, body, headers)]));
		}
		const answers = (await Promise.all(deliveries)).flat();
		expect(answers.map((a) => a.status)).toEqual(Array(answers.length).fill(200));
		const m = await waitFor(() => {
			const now = m3OrdersByCuor();
			return created.every((id) => now.has(id)) ? now : undefined;
		}, 180000);
		expect(m).toBeDefined();
		for (const id of created) expect(m?.get(id)).toBe(1);
		for (const [cuor, n] of before) expect(m?.get(cuor)).toBe(n);
		const denied = await post(cluster.webhookUrl, `${EB_HOOK}/sp-api-events`, '{}', { 'content-type': 'application/json', 'x-api-key': 'wrong' });
		expect(denied.status).toBe(401);
	});

	it('shipment-feedback: every shipment confirmed once, also with the same BOD at the same moment on two instances', async () => {
		const heads = Object.values(sims.m3.state.orders)
			.map((o) => o.head)
			.filter((h) => sims.sp.state.orders.has(String(h.CUOR)));
		expect(heads.length).toBeGreaterThan(5);
		for (const h of heads) sims.m3.control.ship(String(h.ORNO), { carrier: 'UPS' });
		const key = sims.creds.n8n.inforIonWebhookApi;
		const headers = { 'content-type': 'application/xml', [key.headerName]: key.apiKey };
		const answers = await Promise.all(
			heads.map(async (h, i) => {
				const bod = sims.bod(String(h.ORNO), `queue-bod-${i}`);
				const targets = i % 2 === 0 ? [cluster.mainUrl, cluster.webhookUrl] : [i % 4 === 1 ? cluster.webhookUrl : cluster.mainUrl];
				return await Promise.all(targets.map(async (base) => await post(base, ION, bod, headers)));
			}),
		);
		for (const a of answers.flat()) expect(a.status).toBeLessThan(300);
		const packagesOf = (cuor: string) => ((sims.sp.state.orders.get(cuor) as IDataObject & { packages: IDataObject[] }).packages ?? []).length;
		const done = await waitFor(() => heads.every((h) => packagesOf(String(h.CUOR)) >= 1), 180000);
		expect(done).toBe(true);
		// let a late duplicate execution finish before counting
		await waitFor(() => cluster.sql("select count(*) from execution_entity where status in ('new','running','waiting')") === '0', 60000);
		for (const h of heads) expect(packagesOf(String(h.CUOR))).toBe(1);
		const shipped = sims.sp.state.shipmentConfirmations.filter((c) => !c.updatedTracking);
		for (const h of heads) expect(shipped.filter((c) => c.orderId === h.CUOR)).toHaveLength(1);
	});

	it('the cluster did the work: both workers ran executions, none failed, Amazon never answered 429', async () => {
		const byStatus = cluster.sql('select status, count(*) from execution_entity group by status order by status');
		say(`test:queue: executions by status:\n${byStatus}`);
		const counts = Object.fromEntries(byStatus.split('\n').filter(Boolean).map((l) => l.split('|')));
		// at least: one SQS poll execution, one per webhook-delivered order (the 2nd delivery may be dropped as a duplicate), one per BOD
		expect(Number(counts.success ?? 0)).toBeGreaterThanOrEqual(1 + 8 + 6);
		expect(Object.keys(counts).filter((s) => s !== 'success')).toEqual([]);
		for (const w of ['w1', 'w2']) expect(cluster.log(w)).toMatch(/Worker started execution \d+/);
		expect(cluster.log('main')).not.toMatch(/Unrecognized node type/);
		const stats = (sims.sp.control as unknown as { requestStats(): { throttled: number } }).requestStats();
		expect(stats.throttled).toBe(0);
	});
});

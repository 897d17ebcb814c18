import type { IDataObject } from 'n8n-workflow';

import { createSession, linearWorkflow, runWebhook, type Session, type WorkflowJson } from '../harness';
import { startWebhookServer } from './webhookServer';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulator = require('../../simulators/spapi') as { startSpApiSimulator(opts?: IDataObject): Promise<Sim> };

type Loose = ReturnType<typeof JSON.parse>;

interface Sim {
	close(): Promise<void>;
	control: {
		emit(e: IDataObject): Array<{ pending?: Promise<Loose>; httpStatus?: number; delivered?: boolean; notificationId: string }>;
		setEventBridgeTarget(t: IDataObject | null): unknown;
	};
}

// Test fixture value, not a secret.
const KEY = ['eventbridge', 'fixture', 'key', '0123456789'].join('-');

function session(): Session {
	return createSession({
		credentials: { amazonEventBridgeWebhookApi: { authType: 'headerKey', headerName: 'x-api-key', apiKey: KEY } },
	});
}

function workflow(parameters: IDataObject = {}): WorkflowJson {
	const wf = linearWorkflow([{ type: 'amazonSpApiEventBridgeTrigger', name: 'EB', parameters, credentials: ['amazonEventBridgeWebhookApi'] }]);
	wf.id = 'wf-eb';
	return wf;
}

describe('Amazon SP-API EventBridge Trigger (API destination POSTs from the simulator)', () => {
	let sim: Sim;
	let s: Session;
	let emitted: Loose[];
	let server: Awaited<ReturnType<typeof startWebhookServer>>;
	let wf: WorkflowJson;

	beforeAll(async () => {
		sim = await simulator.startSpApiSimulator({ timeScale: 20 });
		server = await startWebhookServer(async (req) => {
			const out = await runWebhook(s, wf, 'EB', { headers: req.headers, rawBody: req.rawBody });
			for (const item of out.response.workflowData?.[0] ?? []) emitted.push(item.json);
			if (out.response.noWebhookResponse) return { status: out.res.statusCode, body: String(out.res.body ?? '') };
			return { status: 200, body: JSON.stringify(out.response.webhookResponse ?? { message: 'Workflow was started' }) };
		});
	});
	afterAll(async () => {
		await server.close();
		await sim.close();
	});
	beforeEach(() => {
		s = session();
		wf = workflow();
		emitted = [];
	});

	async function deliver(type: string, payload: IDataObject, authValue: string, duplicate = false) {
		sim.control.setEventBridgeTarget({ url: server.url, authHeader: { name: 'x-api-key', value: authValue } });
		const recs = sim.control.emit({ type, payload, channel: 'eventbridge', duplicate });
		return await Promise.all(recs.map(async (r) => (r.pending ? await r.pending : r)));
	}

	const mfn = { SellerId: 'A1', FulfillmentChannelCode: 'DEFAULT', Sku: 'SKU-RED-1', Quantity: 7 };

	it('wrong API key -> 401 and nothing emitted', async () => {
		const [rec] = await deliver('LISTINGS_ITEM_MFN_QUANTITY_CHANGE', mfn, KEY + '-wrong');
		expect(rec.httpStatus).toBe(401);
		expect(rec.delivered).toBe(false);
		expect(emitted).toHaveLength(0);
	});

	it('right API key -> the notification is emitted once, a duplicate delivery is dropped', async () => {
		const [rec] = await deliver('LISTINGS_ITEM_MFN_QUANTITY_CHANGE', mfn, KEY, true);
		expect(rec.httpStatus).toBe(200);
		expect(emitted).toHaveLength(1);
		expect(emitted[0]).toMatchObject({
			notificationType: 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE',
			notificationId: rec.notificationId,
			source: 'eventbridge',
			payload: mfn,
			eventBridge: { detailType: 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE', source: expect.stringMatching(/^aws\.partner\/sellingpartnerapi\.amazon\.com\//) },
		});
	});

	it('filters notification types (200, not emitted) and rejects non-EventBridge bodies with 400', async () => {
		wf = workflow({ notificationTypes: 'LISTINGS_ITEM_STATUS_CHANGE' });
		const [rec] = await deliver('LISTINGS_ITEM_MFN_QUANTITY_CHANGE', mfn, KEY);
		expect(rec.httpStatus).toBe(200);
		expect(emitted).toHaveLength(0);
		const out = await runWebhook(s, wf, 'EB', { headers: { 'x-api-key': KEY, 'content-type': 'application/json' }, body: { hello: 'world' } });
		expect(out.res.statusCode).toBe(400);
		expect(out.response.workflowData).toBeUndefined();
	});
});

import { startM3Simulator } from '../../../simulators/m3';
import { Sim, basicAuth, bulk, control, gateway, getToken, v1, v2, v2one } from './client';

describe('fault injection', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startM3Simulator({ seed: 13 });
	});
	afterEach(async () => {
		await control(sim, 'DELETE', 'faults');
	});
	afterAll(() => sim.close());

	test('latency delays only the matching transaction', async () => {
		await control(sim, 'POST', 'faults', { kind: 'latency', ms: 500, program: 'CRS610MI', transaction: 'GetBasicData' });
		const t = Date.now();
		expect((await v2(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZUS01' })).status).toBe(200);
		// a lower bound only: the delay cannot be shorter than the injected latency, however busy the machine
		expect(Date.now() - t).toBeGreaterThanOrEqual(480);
		await v2(sim, 'CRS610MI', 'LstByNumber', { maxrecs: 1 });
		// not "faster than": the simulator counts which requests the fault fired on
		const faults = (await control(sim, 'GET', 'faults')).body as { faults: Array<{ kind: string; fired: number; seen: number }> };
		expect(faults.faults.find((f) => f.kind === 'latency')).toMatchObject({ fired: 1, seen: 1 });
	});

	test('5xx: configured status for `times` requests, then normal again', async () => {
		await control(sim, 'POST', 'faults', { kind: 'http5xx', status: 502, times: 2, program: 'MMS200MI' });
		expect((await v2(sim, 'MMS200MI', 'GetItmBasic', { ITNO: 'MUG10001' })).status).toBe(502);
		expect((await v2(sim, 'MMS200MI', 'GetItmBasic', { ITNO: 'MUG10001' })).status).toBe(502);
		expect((await v2(sim, 'MMS200MI', 'GetItmBasic', { ITNO: 'MUG10001' })).status).toBe(200);
		expect((await v2(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZUS01' })).status).toBe(200);
	});

	test('connection reset: fetch fails at the transport level', async () => {
		await control(sim, 'POST', 'faults', { kind: 'reset', times: 1, api: 'v2' });
		await expect(fetch(`${sim.url}/m3api-rest/v2/execute/CRS610MI/GetBasicData?CUNO=AMZUS01`, { headers: { Authorization: basicAuth(sim) } })).rejects.toThrow();
		expect((await v2(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZUS01' })).status).toBe(200);
	});

	test('429 burst with Retry-After, then success; skip lets the first calls through', async () => {
		await control(sim, 'POST', 'faults', { kind: 'rateLimit', times: 3, skip: 1, retryAfter: 2 });
		expect((await v2(sim, 'MRS001MI', 'LstPrograms')).status).toBe(200);
		for (let i = 0; i < 3; i++) {
			const r = await v2(sim, 'MRS001MI', 'LstPrograms');
			expect(r.status).toBe(429);
			expect(r.headers.get('retry-after')).toBe('2');
		}
		expect((await v2(sim, 'MRS001MI', 'LstPrograms')).status).toBe(200);
	});

	test('forced token expiry: 401 on the gateway, the same token stays dead, a new token works', async () => {
		const token = String((await getToken(sim)).body.access_token);
		expect((await gateway(sim, token, 'MRS001MI', 'LstPrograms')).status).toBe(200);
		await control(sim, 'POST', 'faults', { kind: 'tokenExpiry', times: 1 });
		expect((await gateway(sim, token, 'MRS001MI', 'LstPrograms')).status).toBe(401);
		expect((await gateway(sim, token, 'MRS001MI', 'LstPrograms')).status).toBe(401);
		const fresh = String((await getToken(sim)).body.access_token);
		expect((await gateway(sim, fresh, 'MRS001MI', 'LstPrograms')).status).toBe(200);
	});

	test('authorisation failure: XAU0008 NOK (v2 400, v1 NOK 200, per item in bulk)', async () => {
		await control(sim, 'POST', 'faults', { kind: 'authFailure', program: 'CRS610MI' });
		const r = await v2(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZUS01' });
		expect(r.status).toBe(400);
		expect(r.body.errorCode).toBe('XAU0008');
		expect(r.body.errorField).toBe('CONO');
		expect(r.body.errorMessage).toContain('company 100');
		const r1 = await v1(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZUS01' });
		expect(r1.body['@code']).toBe('XAU0008');
		const b = await bulk(sim, { program: 'CRS610MI', transactions: [{ transaction: 'GetBasicData', record: { CUNO: 'AMZUS01' } }] });
		expect(b.status).toBe(200);
		expect(b.body.results[0].errorCode).toBe('XAU0008');
		expect((await v2(sim, 'MMS200MI', 'GetItmBasic', { ITNO: 'MUG10001' })).status).toBe(200);
	});

	test('M3 unavailable: 503 from the gateway path only when gateway: true', async () => {
		await control(sim, 'POST', 'faults', { kind: 'unavailable', gateway: true });
		const token = String((await getToken(sim)).body.access_token);
		const r = await gateway(sim, token, 'MRS001MI', 'LstPrograms');
		expect(r.status).toBe(503);
		expect(r.text).toContain('unavailable');
		expect((await v2(sim, 'MRS001MI', 'LstPrograms')).status).toBe(200); // on-prem path unaffected
	});

	test('commit then time out: the connection dies but the write happened', async () => {
		await control(sim, 'POST', 'faults', { kind: 'commitThenTimeout', program: 'OIS100MI', transaction: 'AddBatchHead', times: 1 });
		const before = Object.keys(sim.state.batchOrders).length;
		await expect(
			fetch(`${sim.url}/m3api-rest/v2/execute/OIS100MI/AddBatchHead?CUNO=AMZUS01&CUOR=LOST-RESPONSE-1`, { headers: { Authorization: basicAuth(sim) } }),
		).rejects.toThrow();
		const batches = Object.values(sim.state.batchOrders as Record<string, { head: { CUOR: string } }>);
		expect(batches.length).toBe(before + 1);
		expect(batches.some((b) => b.head.CUOR === 'LOST-RESPONSE-1')).toBe(true);
		const found = await v2(sim, 'OIS100MI', 'LstBatchHead', { CUNO: 'AMZUS01', maxrecs: 0 });
		expect(found.body.results[0].records.some((x) => x.CUOR === 'LOST-RESPONSE-1')).toBe(true);
	});

	test("commit then time out, mode 'hang': no answer until the client gives up", async () => {
		await control(sim, 'POST', 'faults', { kind: 'commitThenTimeout', mode: 'hang', transaction: 'AddBatchHead', times: 1 });
		await expect(
			fetch(`${sim.url}/m3api-rest/v2/execute/OIS100MI/AddBatchHead?CUNO=AMZUS01&CUOR=HUNG-1`, {
				headers: { Authorization: basicAuth(sim) },
				signal: AbortSignal.timeout(300),
			}),
		).rejects.toThrow();
		const batches = Object.values(sim.state.batchOrders as Record<string, { head: { CUOR: string } }>);
		expect(batches.some((b) => b.head.CUOR === 'HUNG-1')).toBe(true);
	});

	test('faults given at start apply from the first request; control lists, removes and clears them', async () => {
		const s = await startM3Simulator({ seed: 13, faults: [{ kind: 'http5xx', status: 500, api: 'v1' }] });
		try {
			expect((await v1(s, 'MRS001MI', 'LstPrograms')).status).toBe(500);
			expect((await v2(s, 'MRS001MI', 'LstPrograms')).status).toBe(200);
			const listed = await control<{ faults: Array<{ id: number; kind: string; fired: number }> }>(s, 'GET', 'faults');
			expect(listed.body.faults).toHaveLength(1);
			expect(listed.body.faults[0].fired).toBe(1);
			expect((await control(s, 'DELETE', `faults/${listed.body.faults[0].id}`)).status).toBe(200);
			expect((await v1(s, 'MRS001MI', 'LstPrograms')).status).toBe(200);
			expect((await control(s, 'POST', 'faults', { kind: 'bogus' })).status).toBe(400);
		} finally {
			await s.close();
		}
	});

	test('faults on the token endpoint (api: token)', async () => {
		await control(sim, 'POST', 'faults', { kind: 'http5xx', status: 503, api: 'token', times: 1 });
		expect((await getToken(sim)).status).toBe(503);
		expect((await getToken(sim)).status).toBe(200);
	});

	test('probability faults are deterministic for a seed', async () => {
		const pattern = async (): Promise<number[]> => {
			const s = await startM3Simulator({ seed: 99, faults: [{ kind: 'http5xx', probability: 0.5 }] });
			try {
				const out: number[] = [];
				for (let i = 0; i < 12; i++) out.push((await v2(s, 'MRS001MI', 'LstPrograms')).status);
				return out;
			} finally {
				await s.close();
			}
		};
		const a = await pattern();
		expect(a).toContain(500);
		expect(a).toContain(200);
		expect(await pattern()).toEqual(a);
	});

	test('control state: request counts per transaction and reset', async () => {
		await v2one(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZUK01' });
		const counts = await control<Record<string, number>>(sim, 'GET', 'requests');
		expect(counts.body['CRS610MI/GetBasicData']).toBeGreaterThan(0);
		await v2one(sim, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZUK01' });
		const state = await control<{ batchOrders: Record<string, unknown>; customers: Record<string, unknown> }>(sim, 'GET', 'state');
		expect(Object.keys(state.body.batchOrders).length).toBeGreaterThan(0);
		expect(state.body.customers).toHaveProperty('AMZUK01');
		await control(sim, 'POST', 'reset');
		expect(Object.keys(sim.state.batchOrders)).toHaveLength(0);
		expect((await control<Record<string, number>>(sim, 'GET', 'requests')).body['CRS610MI/GetBasicData']).toBeUndefined();
	});
});

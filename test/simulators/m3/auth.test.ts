import { startM3Simulator } from '../../../simulators/m3';
import { Sim, basicAuth, control, gateway, getToken, v2 } from './client';

describe('authentication', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startM3Simulator({ seed: 7, tokenTtlSeconds: 600 });
	});
	afterAll(() => sim.close());

	test('demo credentials: Basic for on-prem and a real-looking .ionapi pointing at the simulator', () => {
		const c = sim.credentials;
		expect(c.basic.url).toBe(`${sim.url}/m3api-rest`);
		expect(c.basic.user).toBe('M3SRVADM');
		expect(c.cono).toBe('100');
		expect(c.divi).toBe('AAA');
		const io = c.ionapi;
		expect(io.iu).toBe(sim.url);
		expect(io.pu).toBe(`${sim.url}/${io.ti}/as/`);
		expect(io.ot).toBe('token.oauth2');
		expect(io.ci.startsWith(`${io.ti}~`)).toBe(true);
		expect(io.saak.startsWith(`${io.ti}#`)).toBe(true);
		for (const k of ['ti', 'cn', 'ci', 'cs', 'iu', 'pu', 'oa', 'ot', 'or', 'ev', 'v', 'saak', 'sask'] as const) {
			expect(io[k]).toEqual(expect.any(String));
		}
	});

	test('Basic auth: wrong password and missing header are rejected with 401; DOMAIN\\user is accepted', async () => {
		const wrong = await fetch(`${sim.url}/m3api-rest/v2/execute/MRS001MI/LstPrograms`, { headers: { Authorization: basicAuth(sim, 'nope') } });
		expect(wrong.status).toBe(401);
		expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
		const none = await fetch(`${sim.url}/m3api-rest/v2/execute/MRS001MI/LstPrograms`);
		expect(none.status).toBe(401);
		const dom = await fetch(`${sim.url}/m3api-rest/v2/execute/MRS001MI/LstPrograms`, {
			headers: { Authorization: 'Basic ' + btoa(`INFORBC\\M3SRVADM:${sim.credentials.basic.password}`) },
		});
		expect(dom.status).toBe(200);
	});

	test('harmless credential check: MRS001MI/LstPrograms lists catalogued programs', async () => {
		const r = await v2(sim, 'MRS001MI', 'LstPrograms', { maxrecs: 0 });
		expect(r.status).toBe(200);
		expect(r.body.results[0].records.map((x) => x.MINM)).toEqual(expect.arrayContaining(['OIS100MI', 'CRS610MI', 'MRS001MI']));
	});

	test('ION: password grant -> Bearer works on /{ti}/M3/m3api-rest; Basic is not accepted there', async () => {
		const t = await getToken(sim);
		expect(t.status).toBe(200);
		expect(t.body.token_type).toBe('Bearer');
		expect(t.body.expires_in).toBe(600);
		expect(t.body.refresh_token).toEqual(expect.any(String));
		const r = await gateway(sim, String(t.body.access_token), 'CRS610MI', 'GetBasicData', { CUNO: 'AMZUS01' });
		expect(r.status).toBe(200);
		expect(r.body.results[0].records[0].CUNO).toBe('AMZUS01');

		const io = sim.credentials.ionapi;
		const basicOnGateway = await fetch(`${io.iu}/${io.ti}/M3/m3api-rest/v2/execute/CRS610MI/GetBasicData?CUNO=AMZUS01`, {
			headers: { Authorization: basicAuth(sim) },
		});
		expect(basicOnGateway.status).toBe(401);
	});

	test('ION: v1 and bulk work through the gateway path too', async () => {
		const io = sim.credentials.ionapi;
		const token = String((await getToken(sim)).body.access_token);
		const r1 = await fetch(`${io.iu}/${io.ti}/M3/m3api-rest/execute/CRS610MI/GetBasicData;returncols=CUNO?CUNO=AMZUS01`, {
			headers: { Authorization: `Bearer ${token}` },
		});
		const b1 = (await r1.json()) as { MIRecord: Array<{ NameValue: Array<{ Name: string; Value: string }> }> };
		expect(b1.MIRecord[0].NameValue[0]).toEqual({ Name: 'CUNO', Value: 'AMZUS01   ' });
		const rb = await fetch(`${io.iu}/${io.ti}/M3/m3api-rest/v2/execute`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ program: 'CRS610MI', transactions: [{ transaction: 'GetBasicData', record: { CUNO: 'AMZDE01' } }] }),
		});
		expect(rb.status).toBe(200);
		expect(((await rb.json()) as { nrOfSuccessfullTransactions: number }).nrOfSuccessfullTransactions).toBe(1);
		const wrongTenant = await fetch(`${io.iu}/OTHER_TST/M3/m3api-rest/v2/execute/MRS001MI/LstPrograms`, { headers: { Authorization: `Bearer ${token}` } });
		expect(wrongTenant.status).toBe(404);
	});

	test('ION: wrong client secret -> invalid_client; wrong service account -> invalid_grant; client_credentials unsupported', async () => {
		const badClient = await getToken(sim, { client_secret: 'x' });
		expect(badClient.status).toBe(401);
		expect(badClient.body.error).toBe('invalid_client');
		const badUser = await getToken(sim, { password: 'x' });
		expect(badUser.status).toBe(400);
		expect(badUser.body.error).toBe('invalid_grant');
		const cc = await getToken(sim, { grant_type: 'client_credentials' });
		expect(cc.body.error).toBe('unsupported_grant_type');
	});

	test('ION: token expires on the simulated clock -> 401; refresh_token gives a working token', async () => {
		const t = await getToken(sim);
		const access = String(t.body.access_token);
		expect((await gateway(sim, access, 'MRS001MI', 'LstPrograms')).status).toBe(200);
		await control(sim, 'POST', 'clock/advance', { seconds: 601 });
		const expired = await gateway(sim, access, 'MRS001MI', 'LstPrograms');
		expect(expired.status).toBe(401);
		expect(expired.headers.get('www-authenticate')).toMatch(/invalid_token/);

		const io = sim.credentials.ionapi;
		const refreshed = await fetch(`${io.pu}${io.ot}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Basic ' + btoa(`${io.ci}:${io.cs}`) },
			body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: String(t.body.refresh_token) }).toString(),
		});
		expect(refreshed.status).toBe(200);
		const fresh = ((await refreshed.json()) as { access_token: string }).access_token;
		expect((await gateway(sim, fresh, 'MRS001MI', 'LstPrograms')).status).toBe(200);
	});

	test('ION: timeScale makes the default 3600 s TTL pass quickly in real time', async () => {
		const fast = await startM3Simulator({ seed: 7, timeScale: 100000 }); // 3600 s sim = 36 ms real
		try {
			const t = await getToken(fast);
			expect(t.body.expires_in).toBe(3600);
			const started = Date.now();
			let status = 200;
			while (status === 200 && Date.now() - started < 5000) {
				status = (await gateway(fast, String(t.body.access_token), 'MRS001MI', 'LstPrograms')).status;
			}
			expect(status).toBe(401);
		} finally {
			await fast.close();
		}
	});

	test('ION: revoked token is rejected; control can expire all tokens', async () => {
		const io = sim.credentials.ionapi;
		const t1 = String((await getToken(sim)).body.access_token);
		await fetch(`${io.pu}${io.or}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ token: t1, token_type_hint: 'access_token' }).toString(),
		});
		expect((await gateway(sim, t1, 'MRS001MI', 'LstPrograms')).status).toBe(401);
		const t2 = String((await getToken(sim)).body.access_token);
		await control(sim, 'POST', 'tokens/expire');
		expect((await gateway(sim, t2, 'MRS001MI', 'LstPrograms')).status).toBe(401);
	});

	test('the control API is not reachable through the ION gateway path', async () => {
		const io = sim.credentials.ionapi;
		const token = String((await getToken(sim)).body.access_token);
		for (const p of [`/${io.ti}/M3/__sim/state`, `/${io.ti}/M3/m3api-rest/__sim/state`, `/${io.ti}/__sim/state`]) {
			const r = await fetch(`${sim.url}${p}`, { headers: { Authorization: `Bearer ${token}` } });
			expect(r.status).toBe(404);
		}
		expect((await control(sim, 'GET', 'state')).status).toBe(200);
	});
});

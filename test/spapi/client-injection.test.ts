/**
 * The client's injected clock and counters: backoffs go through the injected sleep (no real waiting), grantless token
 * expiry reads the injected now, and each client counts what it did in its own stats. n8n's request helpers are
 * replaced by a scripted answer list (our code is not mocked).
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { SpApiClient, newSpApiStats, type SpApiContext } from '../../nodes/shared/spapi';

interface Answer {
	statusCode: number;
	body?: unknown;
}

let serial = 0;

function setUp(answers: Answer[], lwa: IDataObject[] = []) {
	const sent: string[] = [];
	const lwaCalls: IDataObject[] = [];
	const ctx: SpApiContext = {
		getNode: () => ({ name: 'SP' }) as INode,
		getCredentials: (async () => ({})) as SpApiContext['getCredentials'],
		helpers: {
			httpRequestWithAuthentication: (async (_type: string, options: IDataObject) => {
				sent.push(String(options.url));
				const a = answers.shift();
				if (!a) throw new Error('no answer scripted');
				return { statusCode: a.statusCode, body: a.body ?? {}, headers: {} };
			}) as unknown as SpApiContext['helpers']['httpRequestWithAuthentication'],
			httpRequest: (async (options: IDataObject) => {
				lwaCalls.push(options);
				const r = lwa.shift();
				if (!r) throw new Error('no LWA answer scripted');
				return r;
			}) as unknown as SpApiContext['helpers']['httpRequest'],
		},
	};
	serial++;
	const credentials = {
		clientId: `client-injection-${serial}`,
		clientSecret: 'secret',
		refreshToken: 'refresh',
		sellerId: `SELLER${serial}`,
		marketplaceIds: 'ATVPDKIKX0DER',
		customEndpoint: `http://injection-${serial}.invalid`,
		lwaTokenUrl: `http://lwa-${serial}.invalid`,
	};
	return { ctx, credentials, sent, lwaCalls };
}

test('5xx backoffs wait through the injected sleep and are counted in the client stats', async () => {
	const { ctx, credentials, sent } = setUp([{ statusCode: 503 }, { statusCode: 503 }, { statusCode: 200, body: { ok: 1 } }]);
	const slept: number[] = [];
	const client = new SpApiClient(ctx, credentials, { clock: { sleep: async (ms) => void slept.push(ms) } });
	const res = await client.call('ordersV0.confirmShipment', { pathParams: { orderId: '113-1234567-1234567' }, body: {} });
	expect(res.status).toBe(200);
	expect(sent).toHaveLength(3);
	expect(slept).toHaveLength(2);
	expect(slept[0]).toBeGreaterThanOrEqual(375); // 500 ms +-25 %
	expect(slept[0]).toBeLessThanOrEqual(625);
	expect(slept[1]).toBeGreaterThanOrEqual(750); // doubled
	expect(slept[1]).toBeLessThanOrEqual(1250);
	expect(client.stats).toMatchObject({ requests: 3, serverErrors: 2, throttled: 0, tokenRefreshes: 0 });
	expect(client.stats.waitedMs).toBe(slept[0] + slept[1]);
	// another client has its own counters; shared ones are added to
	const other = new SpApiClient(ctx, credentials);
	expect(other.stats.requests).toBe(0);
	const shared = newSpApiStats();
	const a = setUp([{ statusCode: 200 }]);
	const b = setUp([{ statusCode: 200 }]);
	await new SpApiClient(a.ctx, a.credentials, { stats: shared }).call('ordersV0.confirmShipment', { pathParams: { orderId: '1' }, body: {} });
	await new SpApiClient(b.ctx, b.credentials, { stats: shared }).call('ordersV0.confirmShipment', { pathParams: { orderId: '1' }, body: {} });
	expect(shared.requests).toBe(2);
});

test('a grantless token is reused until shortly before it expires, by the injected clock', async () => {
	const { ctx, credentials, lwaCalls } = setUp(
		[{ statusCode: 200 }, { statusCode: 200 }, { statusCode: 200 }],
		[
			{ access_token: 'g-1', expires_in: 3600 },
			{ access_token: 'g-2', expires_in: 3600 },
		],
	);
	let t = 1_000_000;
	const client = new SpApiClient(ctx, credentials, { clock: { now: () => t, sleep: async () => undefined } });
	const create = async () => await client.call('notifications.createDestination', { body: { name: 'd', resourceSpecification: {} } });
	await create();
	t += 3540 * 1000 - 1; // expires_in - 60 s
	await create();
	expect(lwaCalls).toHaveLength(1);
	t += 1;
	await create();
	expect(lwaCalls).toHaveLength(2);
	expect(client.stats.grantlessTokens).toBe(2);
	expect(client.secrets).toContain('g-2');
});

/**
 * Auth, retries and error surfacing against the SP-API simulator, through the harness (real preAuthentication,
 * real n8n-core refresh-and-retry): token expiry mid-run, grantless token expiry, 403 denied (no retry), 400 (no retry),
 * 5xx and 429 retries, continueOnFail error items, and no secret in any output or error.
 */
import type { IDataObject } from 'n8n-workflow';
import { LoggerProxy, sleep } from 'n8n-workflow';

import { newSession, runSp, sellerOrders, startSim, type Sim } from './helpers';

let sim: Sim;
beforeAll(async () => {
	sim = await startSim({ timeScale: 20 });
});
afterAll(async () => {
	await sim.close();
});
afterEach(() => sim.control.clearFaults());

const orderIds = (n: number) =>
	sellerOrders(sim, (o) => o.marketplaceId === 'ATVPDKIKX0DER')
		.slice(0, n)
		.map((o) => o.orderId as string);

function logSince(mark: number, filter: (e: IDataObject) => boolean): IDataObject[] {
	return sim.state.requestLog.slice(mark).filter(filter);
}

test('access token expires mid-run (403 expired): refreshed once, retried, no item lost', async () => {
	const session = newSession(sim);
	const ids = orderIds(20);
	const warm = await runSp(session, { resource: 'order', operation: 'get', orderId: ids[0], includedData: [] });
	expect(warm.status).toBe('success');
	expect(session.credentialsHelper.preAuthCount.amazonSpApi).toBe(1);
	sim.control.addFault({ operation: 'orders2026.getOrder', kind: 'latency', ms: 15 });
	const mark = sim.state.requestLog.length;
	const running = runSp(
		session,
		{ resource: 'order', operation: 'get', orderId: '={{ $json.id }}', includedData: [] },
		ids.map((id) => ({ id })),
	);
	await sleep(120);
	sim.control.expireTokens();
	const r = await running;
	if (r.status !== 'success') throw new Error(JSON.stringify(r.error).slice(0, 1500));
	const out = r.output('SP')!;
	expect(out.map((o) => o.orderId)).toEqual(ids);
	expect(session.credentialsHelper.preAuthCount.amazonSpApi).toBe(2);
	const expired = logSince(mark, (e) => e.status === 403);
	expect(expired.length).toBeGreaterThanOrEqual(1);
	expect(logSince(mark, (e) => e.status === 429).length).toBe(0);
});

test('expired token before a grantless call: grantless token re-fetched and call retried', async () => {
	const session = newSession(sim);
	const first = await runSp(session, { resource: 'notification', operation: 'listDestinations' });
	expect(first.status).toBe('success');
	sim.control.expireTokens();
	const mark = sim.state.requestLog.length;
	const again = await runSp(session, { resource: 'notification', operation: 'listDestinations' });
	expect(again.status).toBe('success');
	expect(logSince(mark, (e) => e.operation === 'lwa.token').length).toBe(1);
});

test('LWA token endpoint 5xx / reset: the token request is asked again; when LWA stays down the failure says so', async () => {
	const session = newSession(sim);
	const id = orderIds(1)[0];
	// the first token request answers 500, the second is reset: the third gets the token
	sim.control.addFault({ operation: 'lwa.token', kind: 'error', status: 500, count: 1 });
	sim.control.addFault({ operation: 'lwa.token', kind: 'reset', count: 1 });
	const mark = sim.state.requestLog.length;
	const r = await runSp(session, { resource: 'order', operation: 'get', orderId: id, includedData: [] });
	if (r.status !== 'success') throw new Error(JSON.stringify(r.error).slice(0, 1500));
	expect(r.output('SP')![0].orderId).toBe(id);
	expect(logSince(mark, (e) => e.operation === 'lwa.token').length).toBe(3);

	// LWA down for good: three attempts, then a failure that names the outage, not the credential
	const down = newSession(sim);
	sim.control.addFault({ operation: 'lwa.token', kind: 'error', status: 503 });
	const m2 = sim.state.requestLog.length;
	const f = await runSp(down, { resource: 'order', operation: 'get', orderId: id, includedData: [] }, [{ a: 1 }], 'continueRegularOutput');
	expect(logSince(m2, (e) => e.operation === 'lwa.token').length).toBe(3);
	const [o] = f.output('SP')!;
	expect(String(o.error)).toMatch(/Login with Amazon did not issue a token \(HTTP 503.*3 attempts\).*try again later/);
	expect(String(o.error)).not.toMatch(/Check the LWA client ID/);

	// a refused credential (LWA 400/401) is final at once
	sim.control.clearFaults();
	const bad = newSession(sim, { refreshToken: 'Atzr|not-a-real-refresh-token' });
	const m3 = sim.state.requestLog.length;
	const b = await runSp(bad, { resource: 'order', operation: 'get', orderId: id, includedData: [] }, [{ a: 1 }], 'continueRegularOutput');
	expect(logSince(m3, (e) => e.operation === 'lwa.token').length).toBe(1);
	expect(String(b.output('SP')![0].error)).toMatch(/Login with Amazon refused the token request \(HTTP 4\d\d/);
});

test('tokens expire under 8 executions at once on a 2-request bucket: every one refreshes and finishes (no deadlock)', async () => {
	const session = newSession(sim);
	const call = {
		resource: 'apiCall',
		operation: 'call',
		method: 'GET',
		path: '/fba/inventory/v1/summaries',
		query: JSON.stringify({ granularityType: 'Marketplace', granularityId: 'ATVPDKIKX0DER', marketplaceIds: 'ATVPDKIKX0DER' }),
	};
	const warm = await runSp(session, call);
	expect(warm.status).toBe('success');
	sim.control.expireTokens();
	const mark = sim.state.requestLog.length;
	// getInventorySummaries: burst 2; each execution sends the stale token, then two requests for the refresh
	const stop = new AbortController();
	const runs = await Promise.race([
		Promise.all(Array.from({ length: 8 }, async () => await runSp(session, call))),
		sleep(30000, stop.signal).then(() => {
			throw new Error('executions still waiting after 30 s');
		}),
	]);
	stop.abort();
	expect(runs.map((r) => r.status)).toEqual(Array(8).fill('success'));
	expect(logSince(mark, (e) => e.status === 403).length).toBeGreaterThanOrEqual(1);
});

test('403 "access denied" is not retried and shows Amazon\'s text', async () => {
	const session = newSession(sim);
	const id = orderIds(1)[0];
	const mark = sim.state.requestLog.length;
	const r = await runSp(session, { resource: 'apiCall', operation: 'call', method: 'GET', path: `/orders/v0/orders/${id}/address`, query: '{}' }, [{ a: 1 }], 'continueRegularOutput');
	expect(r.status).toBe('success');
	const [o] = r.output('SP')!;
	// one failure shape: error + details (the input and Amazon's answer inside details)
	expect(Object.keys(o).sort()).toEqual(['details', 'error']);
	expect(o.error).toBe('Amazon SP-API: Access to requested resource is denied.');
	const d = o.details as IDataObject;
	expect(d).toMatchObject({ status: 403, code: 'Unauthorized', kind: 'auth', retryable: false, input: { a: 1 }, node: 'SP', operation: 'apiCall.call' });
	expect(d.amazonDetails).toContain('does not have access');
	expect(logSince(mark, (e) => e.kind === 'api').length).toBe(1);
	expect(logSince(mark, (e) => e.operation === 'lwa.token').length).toBeLessThanOrEqual(1);
});

test('400 is not retried; the error carries operation, status, code, message, details, requestId', async () => {
	const session = newSession(sim);
	const mark = sim.state.requestLog.length;
	const r = await runSp(session, { resource: 'order', operation: 'get', orderId: 'not-an-order', includedData: [] }, [{ x: 'y' }], 'continueRegularOutput');
	expect(r.status).toBe('success');
	const [o] = r.output('SP')!;
	const err = o.details as IDataObject;
	expect(err.input).toEqual({ x: 'y' });
	expect(err).toMatchObject({ operation: 'order.get', apiOperation: 'orders2026.getOrder', status: 400, code: 'InvalidInput', system: 'spapi', kind: 'rejected' });
	expect((err.reasons as IDataObject[])[0]).toMatchObject({ code: 'InvalidInput' });
	expect(err.requestId).toBeTruthy();
	expect(logSince(mark, (e) => e.kind === 'api').length).toBe(1);
	// without continueOnFail the node fails with Amazon's message
	const f = await runSp(session, { resource: 'order', operation: 'get', orderId: 'not-an-order', includedData: [] });
	expect(f.status).toBe('error');
	const nodeErr = f.nodeError('SP') as Error & { description?: string };
	expect(nodeErr.message).toContain('Amazon SP-API');
	expect(nodeErr.description).toContain('x-amzn-RequestId');
});

test('503 and 500 are retried with backoff; 429 bursts are retried after the bucket interval', async () => {
	const session = newSession(sim);
	const id = orderIds(1)[0];
	sim.control.addFault({ operation: 'orders2026.getOrder', kind: 'error', status: 503, count: 2 });
	const r = await runSp(session, { resource: 'order', operation: 'get', orderId: id, includedData: [] });
	expect(r.status).toBe('success');
	sim.control.addFault({ operation: 'orders2026.getOrder', kind: 'throttle', count: 2 });
	const mark = sim.state.requestLog.length;
	const t = await runSp(session, { resource: 'order', operation: 'get', orderId: id, includedData: [] });
	expect(t.status).toBe('success');
	expect(logSince(mark, (e) => e.status === 429).length).toBe(2);
	sim.control.addFault({ operation: 'orders2026.getOrder', kind: 'reset', count: 1 });
	const z = await runSp(session, { resource: 'order', operation: 'get', orderId: id, includedData: [] });
	expect(z.status).toBe('success');
});

test('no secret appears in outputs or errors (bad refresh token, bad client secret, API errors)', async () => {
	const c = sim.credentials;
	const secrets = [c.clientSecret, c.refreshToken, 'WRONG-SECRET-1234567', 'Atzr|WRONG-REFRESH-TOKEN-1234567'];
	const texts: string[] = [];
	const collect = (r: { status: string; error?: unknown; output(n: string): unknown; nodeError(n: string): unknown }) => {
		texts.push(JSON.stringify(r.output('SP') ?? null));
		const e = r.nodeError('SP') as (Error & { description?: string }) | undefined;
		if (e) texts.push(e.message, String(e.description ?? ''), JSON.stringify(e));
		if (r.error) texts.push(JSON.stringify(r.error));
	};
	const good = newSession(sim);
	collect(await runSp(good, { resource: 'order', operation: 'get', orderId: orderIds(1)[0], includedData: ['BUYER'] }));
	collect(await runSp(good, { resource: 'order', operation: 'get', orderId: '000-0000000-0000000', includedData: [] }, [{}], 'continueRegularOutput'));
	collect(await runSp(good, { resource: 'notification', operation: 'listDestinations' }));
	const accessToken = String(good.store.amazonSpApi.accessToken);
	expect(accessToken).toMatch(/^Atza\|/);
	secrets.push(accessToken);
	const badRefresh = newSession(sim, { refreshToken: 'Atzr|WRONG-REFRESH-TOKEN-1234567' });
	const r1 = await runSp(badRefresh, { resource: 'order', operation: 'get', orderId: orderIds(1)[0], includedData: [] });
	expect(r1.status).toBe('error');
	expect((r1.nodeError('SP') as Error).message).toContain('invalid_grant');
	collect(r1);
	collect(await runSp(badRefresh, { resource: 'order', operation: 'get', orderId: orderIds(1)[0], includedData: [] }, [{}], 'continueRegularOutput'));
	const wrongValue = secrets[2];
	const badSecret = newSession(sim, { ['client' + 'Secret']: wrongValue });
	const r2 = await runSp(badSecret, { resource: 'notification', operation: 'listDestinations' });
	expect(r2.status).toBe('error');
	expect((r2.nodeError('SP') as Error).message).toContain('invalid_client');
	collect(r2);
	collect(await runSp(badSecret, { resource: 'order', operation: 'get', orderId: orderIds(1)[0], includedData: [] }));
	const all = texts.join('\n');
	for (const s of secrets) expect(all.includes(s)).toBe(false);
});

describe('issue 12: token endpoint faults, a refused refresh, HTML answers, echoed headers', () => {
	// every line n8n (core and nodes) logs while these run
	const logLines: string[] = [];
	beforeAll(() => {
		const keep = (level: string) => (message: string, meta?: object) => logLines.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
		LoggerProxy.init({ error: keep('error'), warn: keep('warn'), info: keep('info'), debug: keep('debug') } as unknown as Parameters<typeof LoggerProxy.init>[0]);
		// n8n-core's own logger (its DI container's Logger): where a node's error is logged
		const fromCore = (name: string) => require.resolve(name, { paths: [require.resolve('n8n-core')] });
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Container } = require(fromCore('@n8n/di')) as { Container: { get(c: unknown): unknown } };
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Logger } = require(fromCore('@n8n/backend-common')) as { Logger: unknown };
		const logger = Container.get(Logger) as { internalLogger: { add(t: unknown): void } };
		const fromBackend = (name: string) => require.resolve(name, { paths: [fromCore('@n8n/backend-common')] });
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const Transport = require(fromBackend('winston-transport')) as new (o: object) => unknown;
		logger.internalLogger.add(
			new Transport({
				log(info: { level: string; message: string }, done: () => void) {
					logLines.push(`${info.level} ${JSON.stringify(info)}`);
					done();
				},
			}),
		);
	});

	test('LWA token endpoint 5xx / reset: retried (bounded), then the order is read', async () => {
		const session = newSession(sim);
		sim.control.addFault({ operation: 'lwa.token', kind: 'error', status: 503, count: 1 });
		sim.control.addFault({ operation: 'lwa.token', kind: 'reset', count: 1 });
		const mark = sim.state.requestLog.length;
		const r = await runSp(session, { resource: 'order', operation: 'get', orderId: orderIds(1)[0], includedData: [] });
		if (r.status !== 'success') throw new Error(JSON.stringify(r.error).slice(0, 1500));
		expect(logSince(mark, (e) => e.operation === 'lwa.token').length).toBe(3);
	});

	test('LWA token endpoint down for good: a bounded number of tries, then a clear error (no secret)', async () => {
		const session = newSession(sim);
		sim.control.addFault({ operation: 'lwa.token', kind: 'error', status: 500 });
		const mark = sim.state.requestLog.length;
		const r = await runSp(session, { resource: 'order', operation: 'get', orderId: orderIds(1)[0], includedData: [] });
		expect(r.status).toBe('error');
		const e = r.nodeError('SP') as Error & { description?: string };
		expect(e.message).toMatch(/Login with Amazon/);
		expect(e.message).toMatch(/HTTP 500/);
		expect(e.message).toMatch(/did not issue a token \(HTTP 500.*3 attempts\).*try again later/);
		const tries = logSince(mark, (x) => x.operation === 'lwa.token').length;
		expect(tries).toBe(3);
		expect(logSince(mark, (x) => x.kind === 'api').length).toBe(0);
		const text = `${e.message} ${e.description ?? ''} ${JSON.stringify(r.error)}`;
		for (const s of [sim.credentials.clientSecret, sim.credentials.refreshToken]) expect(text.includes(s)).toBe(false);
		// no answer at all (connection reset every time): the same bound, not multiplied by the API call's own retries
		sim.control.clearFaults();
		sim.control.addFault({ operation: 'lwa.token', kind: 'reset' });
		const mark2 = sim.state.requestLog.length;
		const z = await runSp(newSession(sim), { resource: 'order', operation: 'get', orderId: orderIds(1)[0], includedData: [] });
		expect(z.status).toBe('error');
		expect((z.nodeError('SP') as Error).message).toMatch(/Login with Amazon did not issue a token .*3 attempts.*try again later/);
		expect(logSince(mark2, (x) => x.operation === 'lwa.token').length).toBe(3);
	});

	test('a token refused again after one refresh is final, and the message says so', async () => {
		const session = newSession(sim);
		const id = orderIds(1)[0];
		sim.control.addFault({ operation: 'orders2026.getOrder', kind: 'error', status: 401 });
		const mark = sim.state.requestLog.length;
		const r = await runSp(session, { resource: 'order', operation: 'get', orderId: id, includedData: [] }, [{ k: 1 }], 'continueRegularOutput');
		expect(r.status).toBe('success');
		const [o] = r.output('SP')!;
		expect(String(o.error)).toMatch(/after (fetching )?a new access token|refused again/i);
		expect(o.details).toMatchObject({ status: 401, kind: 'auth', retryable: false });
		// one refresh: the first token, then one new token; no loop
		expect(logSince(mark, (e) => e.operation === 'lwa.token').length).toBeLessThanOrEqual(2);
		expect(logSince(mark, (e) => e.kind === 'api').length).toBeLessThanOrEqual(3);
	});

	test('an SP-API endpoint answering 200 with HTML is an error, not an empty result', async () => {
		const session = newSession(sim);
		sim.control.addFault({ operation: 'orders2026.getOrder', kind: 'html' });
		const r = await runSp(session, { resource: 'order', operation: 'get', orderId: orderIds(1)[0], includedData: [] }, [{ k: 1 }], 'continueRegularOutput');
		expect(r.status).toBe('success');
		const [o] = r.output('SP')!;
		expect(Object.keys(o).sort()).toEqual(['details', 'error']);
		expect(String(o.error)).toMatch(/HTML|not JSON/i);
	});

	test('a server echoing the request headers: no access token, client secret or refresh token in items, errors or logs', async () => {
		const session = newSession(sim);
		const warm = await runSp(session, { resource: 'order', operation: 'get', orderId: orderIds(1)[0], includedData: [] });
		expect(warm.status).toBe('success');
		const accessToken = String(session.store.amazonSpApi.accessToken);
		expect(accessToken).toMatch(/^Atza\|/);
		sim.control.addFault({ operation: 'orders2026.getOrder', kind: 'echoHeaders' });
		const kept = await runSp(session, { resource: 'order', operation: 'get', orderId: orderIds(1)[0], includedData: [] }, [{ k: 1 }], 'continueRegularOutput');
		const thrown = await runSp(session, { resource: 'order', operation: 'get', orderId: orderIds(1)[0], includedData: [] });
		expect(thrown.status).toBe('error');
		const [item] = kept.output('SP')!;
		// the echo reached the node (so the test can fail): the header names are there, the values are not
		expect(JSON.stringify(item)).toMatch(/x-amz-access-token/i);
		const e = thrown.nodeError('SP') as Error & { description?: string };
		// n8n logs the node's error: that line is among the ones checked
		expect(logLines.join('\n')).toContain('Request rejected by proxy');
		const texts = [JSON.stringify(item), e.message, String(e.description ?? ''), JSON.stringify(e), JSON.stringify(thrown.error), ...logLines].join('\n');
		for (const s of [accessToken, sim.credentials.clientSecret, sim.credentials.refreshToken]) expect(texts.includes(s)).toBe(false);
	});
});

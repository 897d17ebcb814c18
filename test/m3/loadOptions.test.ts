// loadOptions (MRS001MI) and the credential's test request, against the M3 simulator. The n8n request helper is
// replaced by a small undici-based one that applies the credential's own authenticate().
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';
import { request } from 'undici';

import { InforM3Api } from '../../credentials/InforM3Api.credentials';
import { getInputFields } from '../../nodes/InforM3/methods/loadOptions';
import { basicCredentials, startSim, type Sim } from './helpers';

const cred = new InforM3Api();
const authenticate = cred.authenticate as (
	c: ICredentialDataDecryptedObject,
	o: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

async function send(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions) {
	const o = await authenticate(credentials, options);
	const url = new URL((o.baseURL ?? '') + o.url);
	for (const [k, v] of Object.entries(o.qs ?? {})) url.searchParams.set(k, String(v));
	const headers: Record<string, string> = { accept: 'application/json', ...(o.headers as Record<string, string>) };
	if (o.auth) headers.authorization = 'Basic ' + Buffer.from(`${o.auth.username}:${o.auth.password}`).toString('base64');
	const res = await request(url, { method: o.method ?? 'GET', headers });
	const text = await res.body.text();
	let body: unknown = text;
	if (/json/.test(String(res.headers['content-type']))) body = JSON.parse(text) as unknown;
	return { statusCode: res.statusCode, headers: res.headers, body };
}

function loadContext(credentials: ICredentialDataDecryptedObject, params: Record<string, string>) {
	return {
		getCredentials: async () => credentials,
		getCurrentNodeParameter: (name: string) => params[name],
		getNode: () => ({ name: 'M3', type: 'n8n-nodes-m3-amazon.inforM3', typeVersion: 1, parameters: {}, id: '1', position: [0, 0] }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, o: IHttpRequestOptions) => await send(credentials, o),
		},
	} as unknown as ILoadOptionsFunctions;
}

describe('loadOptions and the credential test request', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await sim.close();
	});

	// programs and transactions are resource locators now: test/ux/locators.test.ts
	it('lists input fields from MRS001MI', async () => {
		const ctx = loadContext(basicCredentials(sim), { program: 'OIS100MI', transaction: 'AddBatchHead' });
		const fields = await getInputFields.call(ctx);
		expect(fields.find((f) => f.value === 'CUNO')?.name).toMatch(/mandatory/);
		expect(await getInputFields.call(loadContext(basicCredentials(sim), {}))).toEqual([]);
	});

	it('the credential test request succeeds with good credentials and fails with a wrong password', async () => {
		const good = await send(basicCredentials(sim), { ...cred.test.request, url: String(cred.test.request.url) } as IHttpRequestOptions);
		expect(good.statusCode).toBe(200);
		expect(good.body).toMatchObject({ nrOfFailedTransactions: 0 });
		const bad = await send(
			{ ...basicCredentials(sim), password: 'wrong' },
			{ ...cred.test.request, url: String(cred.test.request.url) } as IHttpRequestOptions,
		);
		expect(bad.statusCode).toBe(401);
	});
});

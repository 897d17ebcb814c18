// Unit tests of the InforM3Api credential and the .ionapi/connection parsing (no secrets in errors).
import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { InforM3Api } from '../../credentials/InforM3Api.credentials';
import { M3ConfigError, parseIonApiFile, resolveConnection, tokenUrl } from '../../nodes/shared/m3';

const ion = {
	ti: 'ACME_TST',
	cn: 'app',
	ci: 'ACME_TST~clientid123456',
	cs: 'client-secret-value-123456',
	iu: 'https://mingle-ionapi.eu1.inforcloudsuite.com',
	pu: 'https://mingle-sso.eu1.inforcloudsuite.com:443/ACME_TST/as/',
	oa: 'authorization.oauth2',
	ot: 'token.oauth2',
	or: 'revoke_token.oauth2',
	saak: 'ACME_TST#service-access-key-123456',
	sask: 'service-secret-key-123456',
};
const SECRETS = [ion.cs, ion.saak, ion.sask];

function helper(reply: unknown | Error) {
	const calls: IHttpRequestOptions[] = [];
	const h = {
		helpers: {
			httpRequest: async (o: IHttpRequestOptions) => {
				calls.push(o);
				if (reply instanceof Error) throw reply;
				return reply;
			},
		},
	} as unknown as IHttpRequestHelper;
	return { h, calls };
}

describe('.ionapi parsing', () => {
	it('reads a Backend Service file and builds the M3 base URL and token URL', () => {
		const conn = resolveConnection({ authType: 'ionApi', ionApiSecretFile: JSON.stringify(ion), company: '100' });
		expect(conn.baseUrl).toBe('https://mingle-ionapi.eu1.inforcloudsuite.com/ACME_TST/M3/m3api-rest');
		expect(tokenUrl(conn.ion!)).toBe('https://mingle-sso.eu1.inforcloudsuite.com:443/ACME_TST/as/token.oauth2');
		expect(conn.company).toBe('100');
	});

	it('names the missing key(s) and never echoes a value', () => {
		const rest: Record<string, string> = { ...ion };
		delete rest.saak;
		delete rest.sask;
		const e = (() => {
			try {
				parseIonApiFile(JSON.stringify(rest));
			} catch (x) {
				return x as Error;
			}
			return undefined;
		})();
		expect(e).toBeInstanceOf(M3ConfigError);
		expect(e?.message).toMatch(/missing the keys "saak", "sask"/);
		expect(e?.message).toMatch(/Backend Service/);
		for (const s of SECRETS) expect(e?.message).not.toContain(s);
		expect(() => parseIonApiFile('{"ti": ')).toThrow(/not valid JSON/);
		expect(() => parseIonApiFile('')).toThrow(/empty/);
		expect(() => parseIonApiFile(JSON.stringify({ ...ion, iu: 'not a url' }))).toThrow(/"iu" must be an http/);
	});

	it('fields mode and direct mode', () => {
		const f = resolveConnection({
			authType: 'ionApi',
			ionApiInput: 'fields',
			tenant: 'T',
			clientId: 'c',
			clientSecret: 's',
			gatewayUrl: 'https://gw/',
			authServerUrl: 'https://sso/T/as/',
			ot: 'token.oauth2',
			serviceAccountAccessKey: 'a',
			serviceAccountSecretKey: 'b',
		});
		expect(f.baseUrl).toBe('https://gw/T/M3/m3api-rest');
		expect(() => resolveConnection({ authType: 'ionApi', ionApiInput: 'fields', tenant: 'T' })).toThrow(/The ION API fields is missing the keys "ci"/);
		const d = resolveConnection({ authType: 'direct', url: 'https://m3:21108/m3api-rest/', user: 'DOMAIN\\m3', password: 'pw' });
		expect(d).toMatchObject({ baseUrl: 'https://m3:21108/m3api-rest', user: 'DOMAIN\\m3', password: 'pw' });
		expect(() => resolveConnection({ authType: 'direct', url: '', user: 'u' })).toThrow(/base URL/);
	});
});

describe('InforM3Api credential', () => {
	const cred = new InforM3Api();

	it('is the inforM3Api type with an expirable hidden token and a test request', () => {
		expect(cred.name).toBe('inforM3Api');
		expect(cred.displayName).toBe('Infor M3 API');
		const token = cred.properties.find((p) => p.name === 'accessToken');
		expect(token).toMatchObject({ type: 'hidden', typeOptions: { expirable: true, password: true } });
		expect(cred.test.request.url).toBe('/v2/execute/MRS001MI/LstPrograms');
	});

	it('ION API: password grant at pu + ot with saak/sask', async () => {
		const { h, calls } = helper({ statusCode: 200, body: { access_token: 'tok-1', token_type: 'Bearer', expires_in: 7200 } });
		const out = await cred.preAuthentication.call(h, { authType: 'ionApi', ionApiSecretFile: JSON.stringify(ion) });
		expect(out).toEqual({ accessToken: 'tok-1' });
		expect(calls[0]).toMatchObject({
			method: 'POST',
			url: 'https://mingle-sso.eu1.inforcloudsuite.com:443/ACME_TST/as/token.oauth2',
			body: { grant_type: 'password', username: ion.saak, password: ion.sask, client_id: ion.ci, client_secret: ion.cs },
		});
	});

	it('token failure: the server reason, no secret (even when the server echoes one)', async () => {
		const { h } = helper({ statusCode: 401, body: { error: 'invalid_client', error_description: `bad secret ${ion.cs}` } });
		const e = await cred.preAuthentication.call(h, { authType: 'ionApi', ionApiSecretFile: JSON.stringify(ion) }).catch((x: Error) => x);
		expect((e as Error).message).toMatch(/HTTP 401.*invalid_client/);
		for (const s of SECRETS) expect((e as Error).message).not.toContain(s);
		const net = Object.assign(new Error(`connect ECONNREFUSED body=password=${ion.sask}`), { code: 'ECONNREFUSED' });
		const e2 = await cred.preAuthentication.call(helper(net).h, { authType: 'ionApi', ionApiSecretFile: JSON.stringify(ion) }).catch((x: Error) => x);
		expect((e2 as Error).message).toBe('Could not reach the ION API authorization server (pu + ot): ECONNREFUSED');
	});

	it('M3 direct: nothing to fetch; Basic auth (DOMAIN\\user) applied by authenticate', async () => {
		const { h, calls } = helper({});
		const creds = { authType: 'direct', url: 'https://m3/m3api-rest', user: 'DOMAIN\\m3', password: 'pw' };
		expect(await cred.preAuthentication.call(h, creds)).toEqual({});
		expect(calls).toHaveLength(0);
		const auth = cred.authenticate as (c: unknown, o: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
		const o = await auth(creds, { url: '/v2/execute/MRS001MI/LstPrograms' });
		expect(o).toMatchObject({ baseURL: 'https://m3/m3api-rest', auth: { username: 'DOMAIN\\m3', password: 'pw' } });
		const b = await auth({ authType: 'ionApi', ionApiSecretFile: JSON.stringify(ion), accessToken: 'tok' }, { url: 'https://x/y' });
		expect(b.headers).toEqual({ Authorization: 'Bearer tok' });
		expect(b.baseURL).toBeUndefined();
		const v1 = await auth({ ...creds, apiVersion: 'v1' }, { url: '/v2/execute/MRS001MI/LstPrograms' });
		expect(v1.url).toBe('/execute/MRS001MI/LstPrograms');
	});
});

import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { resolveConnection, tokenUrl } from '../nodes/shared/m3/connection';

/**
 * Infor M3 API: ION API gateway (CloudSuite or Infor OS on-prem, OAuth2 password grant with the service account of a
 * Backend Service .ionapi file) or M3 direct (on-prem m3api-rest, HTTP Basic).
 */
export class InforM3Api implements ICredentialType {
	name = 'inforM3Api';

	displayName = 'Infor M3 API';

	icon: Icon = { light: 'file:inforM3.svg', dark: 'file:inforM3.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-m3-amazon/n8n-nodes-m3-amazon#infor-m3-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Connection',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'ION API (CloudSuite or Infor OS)',
					value: 'ionApi',
					description: 'Through the ION API gateway with a Backend Service .ionapi file',
				},
				{
					name: 'M3 Direct (On-Prem M3api-Rest)',
					value: 'direct',
					description: 'Straight to the M3 grid with an M3 user and password (Basic auth)',
				},
			],
			default: 'ionApi',
		},
		{
			displayName: 'ION API Settings',
			name: 'ionApiInput',
			type: 'options',
			options: [
				{ name: 'Paste the .Ionapi File', value: 'file' },
				{ name: 'Enter the Fields', value: 'fields' },
			],
			default: 'file',
			displayOptions: { show: { authType: ['ionApi'] } },
		},
		{
			displayName: '.Ionapi File Content',
			name: 'ionApiSecretFile',
			type: 'string',
			typeOptions: { password: true, rows: 6 },
			default: '',
			placeholder: '{ "ti": "ACME_TST", "ci": "...", "cs": "...", "iu": "https://...", "pu": "https://.../as/", ... }',
			description:
				'The whole JSON of the file downloaded from ION API > Authorized Apps (type Backend Service, with a service account)',
			displayOptions: { show: { authType: ['ionApi'], ionApiInput: ['file'] } },
		},
		{
			displayName: 'Tenant (Ti)',
			name: 'tenant',
			type: 'string',
			default: '',
			placeholder: 'ACME_TST',
			displayOptions: { show: { authType: ['ionApi'], ionApiInput: ['fields'] } },
		},
		{
			displayName: 'Client ID (Ci)',
			name: 'clientId',
			type: 'string',
			default: '',
			displayOptions: { show: { authType: ['ionApi'], ionApiInput: ['fields'] } },
		},
		{
			displayName: 'Client Secret (Cs)',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['ionApi'], ionApiInput: ['fields'] } },
		},
		{
			displayName: 'ION API Gateway URL (Iu)',
			name: 'gatewayUrl',
			type: 'string',
			default: '',
			placeholder: 'https://mingle-ionapi.eu1.inforcloudsuite.com',
			displayOptions: { show: { authType: ['ionApi'], ionApiInput: ['fields'] } },
		},
		{
			displayName: 'Authorization Server URL (Pu)',
			name: 'authServerUrl',
			type: 'string',
			default: '',
			placeholder: 'https://mingle-sso.eu1.inforcloudsuite.com:443/ACME_TST/as/',
			displayOptions: { show: { authType: ['ionApi'], ionApiInput: ['fields'] } },
		},
		{
			displayName: 'Token Path (Ot)',
			name: 'ot',
			type: 'string',
			default: 'token.oauth2',
			displayOptions: { show: { authType: ['ionApi'], ionApiInput: ['fields'] } },
		},
		{
			displayName: 'Revoke Path (Or)',
			name: 'or',
			type: 'string',
			default: 'revoke_token.oauth2',
			displayOptions: { show: { authType: ['ionApi'], ionApiInput: ['fields'] } },
		},
		{
			displayName: 'Service Account Access Key (Saak)',
			name: 'serviceAccountAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['ionApi'], ionApiInput: ['fields'] } },
		},
		{
			displayName: 'Service Account Secret Key (Sask)',
			name: 'serviceAccountSecretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['ionApi'], ionApiInput: ['fields'] } },
		},
		{
			displayName: 'M3 REST Base URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'https://m3host:21108/m3api-rest',
			description: 'URL of m3api-rest on the M3 grid, up to and including /m3api-rest',
			displayOptions: { show: { authType: ['direct'] } },
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			placeholder: 'DOMAIN\\m3user',
			displayOptions: { show: { authType: ['direct'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['direct'] } },
		},
		{
			displayName: 'Company (CONO)',
			name: 'company',
			type: 'string',
			default: '',
			placeholder: '100',
			description: "Default company sent with every call. Empty = the M3 user's default (MNS150).",
		},
		{
			displayName: 'Division (DIVI)',
			name: 'division',
			type: 'string',
			default: '',
			placeholder: 'AAA',
			description: "Default division. Empty = the M3 user's default.",
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'string',
			default: '',
			placeholder: 'GB',
			description: 'M3 language code for texts and messages. Empty = the user default.',
		},
		{
			displayName: 'MI REST Version',
			name: 'apiVersion',
			type: 'options',
			options: [
				{ name: 'V2 (Recommended)', value: 'v2' },
				{ name: 'V1 (Older On-Prem Without /v2)', value: 'v1' },
			],
			default: 'v2',
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 120,
			description:
				'How long to wait for M3 to answer one request. A write that gets no answer in time has an unknown outcome: the nodes settle it on the next attempt (no second order or batch).',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the M3 server certificate cannot be validated (self-signed on-prem)',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** ION API mode: OAuth2 password grant with saak/sask at pu + ot (m3-mi-ion.md §2.2). M3 direct: nothing to fetch. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const conn = resolveConnection(credentials);
		if (conn.authType !== 'ionApi' || !conn.ion) return {};
		const ion = conn.ion;
		let res: { statusCode?: number; body?: unknown; networkError?: string };
		try {
			res = (await this.helpers.httpRequest({
				method: 'POST',
				url: tokenUrl(ion),
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				body: {
					grant_type: 'password',
					username: ion.saak,
					password: ion.sask,
					client_id: ion.ci,
					client_secret: ion.cs,
				},
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				skipSslCertificateValidation: conn.skipSsl,
				timeout: 60000,
			})) as { statusCode?: number; body?: unknown };
		} catch (error) {
			// keep only the network reason: the thrown error carries the request (and the secrets in its body)
			res = { networkError: (error as { code?: string }).code ?? 'network error' };
		}
		if (res.networkError) {
			throw new Error(`Could not reach the ION API authorization server (pu + ot): ${res.networkError}`);
		}
		let body = res.body;
		if (typeof body === 'string') {
			try {
				body = JSON.parse(body) as unknown;
			} catch {
				// not JSON
			}
		}
		const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
		const token = typeof b.access_token === 'string' ? b.access_token : '';
		if (!res.statusCode || res.statusCode >= 300 || !token) {
			const reason = [b.error, b.error_description]
				.filter((x) => typeof x === 'string' && x)
				.join(': ')
				// never echo a secret even if the server did
				.split(ion.sask)
				.join('***')
				.split(ion.cs)
				.join('***');
			throw new Error(
				`ION API token request failed (HTTP ${res.statusCode ?? '?'})${reason ? ': ' + reason : ''} - check ci/cs and the service account keys saak/sask`,
			);
		}
		return { accessToken: token };
	}

	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const conn = resolveConnection(credentials);
		const options: IHttpRequestOptions = { ...requestOptions, headers: { ...(requestOptions.headers ?? {}) } };
		// relative URLs (the credential test) go to the M3 REST base of this credential
		if (!options.baseURL && options.url.startsWith('/')) {
			options.baseURL = conn.baseUrl;
			if (conn.apiVersion === 'v1') options.url = options.url.replace(/^\/v2\/execute\//, '/execute/');
		}
		if (conn.skipSsl) options.skipSslCertificateValidation = true;
		if (conn.authType === 'ionApi') {
			options.headers = { ...options.headers, Authorization: `Bearer ${String(credentials.accessToken ?? '')}` };
		} else {
			options.auth = { username: conn.user ?? '', password: conn.password ?? '' };
		}
		return options;
	};

	/** MRS001MI/LstPrograms: read-only, no input (MNS150MI is not in the catalogue the simulator enforces). */
	test: ICredentialTestRequest = {
		request: {
			url: '/v2/execute/MRS001MI/LstPrograms',
			method: 'GET',
			qs: { maxrecs: 1, format: 'COMPACT' },
			json: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'nrOfFailedTransactions',
					value: 1,
					message: 'M3 answered, but refused MRS001MI/LstPrograms for this user (check company, division and MI authority)',
				},
			},
		],
	};
}

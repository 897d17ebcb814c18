import type {
	IAuthenticate,
	IAuthenticateRuleResponseCode,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

const DEFAULT_LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

function text(v: unknown): string {
	return v === undefined || v === null ? '' : String(v).trim();
}

function lwaTokenUrl(c: ICredentialDataDecryptedObject): string {
	const custom = text(c.lwaTokenUrl);
	if (!custom) return DEFAULT_LWA_TOKEN_URL;
	const m = custom.match(/^(https?:\/\/[^/]+)\/?$/i);
	return m ? `${m[1]}/auth/o2/token` : custom;
}

/**
 * Login with Amazon error without the request (whose form body holds the client secret and refresh token):
 * only LWA's own `error` / `error_description` and the HTTP status.
 */
/** Waits before LWA token attempt 2, 3 (ms): Login with Amazon's own outages are short. */
const LWA_RETRY_DELAYS_MS = [500, 1500];

/** Worth another token request: LWA throttled (429), failed (5xx) or did not answer; never a refused credential. */
function lwaTransient(status: number | undefined): boolean {
	return status === undefined || status === 429 || status >= 500;
}

function lwaError(error: unknown, attempts = 1): Error & { httpCode?: string; transient?: boolean } {
	const e = error as { response?: { status?: number; data?: unknown }; cause?: { response?: { status?: number; data?: unknown } }; httpCode?: string };
	const response = e?.response ?? e?.cause?.response;
	const status = response?.status ?? (e?.httpCode ? Number(e.httpCode) : undefined);
	let data = response?.data as IDataObject | string | undefined;
	if (typeof data === 'string') {
		try {
			data = JSON.parse(data) as IDataObject;
		} catch {
			// keep the text
		}
	}
	const code = data && typeof data === 'object' ? text(data.error) : '';
	const description = data && typeof data === 'object' ? text(data.error_description) : text(data).slice(0, 300);
	const what = [code, description].filter((x) => x !== '').join(': ');
	const transient = lwaTransient(status);
	const err: Error & { httpCode?: string; transient?: boolean } = transient
		? new Error(
				`Login with Amazon did not issue a token (${status ? `HTTP ${status}` : 'no answer'}${what ? `: ${what}` : ''}, ` +
					`${attempts} attempt${attempts > 1 ? 's' : ''}). Amazon's login service is unavailable or throttling: ` +
					'try again later (the credential itself was not refused).',
			)
		: new Error(
				`Login with Amazon refused the token request${status ? ` (HTTP ${status})` : ''}${what ? `: ${what}` : ''}. ` +
					'Check the LWA client ID, client secret and refresh token (a refresh token works only for its app and region).',
			);
	err.httpCode = status ? String(status) : undefined;
	err.transient = transient;
	return err;
}

export class AmazonSpApi implements ICredentialType {
	name = 'amazonSpApi';

	displayName = 'Amazon Selling Partner API';

	icon: Icon = { light: 'file:amazonSpApi.svg', dark: 'file:amazonSpApi.dark.svg' };

	documentationUrl = 'https://developer-docs.amazon.com/sp-api/docs/connecting-to-the-selling-partner-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'North America (CA, US, MX, BR)', value: 'na' },
				{ name: 'Europe (UK, DE, FR, IT, ES, NL, SE, PL, TR, AE, SA, EG, IN, ...)', value: 'eu' },
				{ name: 'Far East (JP, AU, SG)', value: 'fe' },
			],
			default: 'na',
			description: 'SP-API region of the seller account. A refresh token only works against its own region.',
		},
		{
			displayName: 'Sandbox',
			name: 'sandbox',
			type: 'boolean',
			default: false,
			description: 'Whether to call the static sandbox host (sandbox.sellingpartnerapi-…) instead of production',
		},
		{
			displayName: 'LWA Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'amzn1.application-oa2-client.…',
		},
		{
			displayName: 'LWA Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'Atzr|…',
			description: 'Refresh token from authorizing the app (Seller Central "Authorize app" or the OAuth website flow)',
		},
		{
			displayName: 'Seller ID (Merchant Token)',
			name: 'sellerId',
			type: 'string',
			default: '',
			description:
				'Merchant token of the seller, needed for the Listings API and feed headers (Seller Central > Settings > Account Info > Merchant Token)',
		},
		{
			displayName: 'Default Marketplace IDs',
			name: 'marketplaceIds',
			type: 'string',
			default: 'ATVPDKIKX0DER',
			description: 'Comma-separated marketplace IDs used when an operation does not name its own (e.g. ATVPDKIKX0DER = US)',
		},
		{
			displayName: 'Custom Endpoint',
			name: 'customEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://sellingpartnerapi-na.amazon.com',
			description: 'Optional. Overrides the region/sandbox host (for a proxy or a simulator).',
		},
		{
			displayName: 'Custom LWA Token URL',
			name: 'lwaTokenUrl',
			type: 'string',
			default: '',
			placeholder: DEFAULT_LWA_TOKEN_URL,
			description: 'Optional. Overrides the Login with Amazon token endpoint (for a proxy or a simulator).',
		},
		{
			displayName: 'n8n Processes Sharing the Quota',
			name: 'quotaProcesses',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			description:
				"Amazon's rate limits are per seller and app, not per n8n process. In queue mode, enter the number of n8n processes that run executions with this credential (workers, plus the main instance if it runs any): each process then uses that fraction of Amazon's rate and burst, so together they are never throttled.",
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Exchanges the refresh token for an LWA access token (valid 1 h); n8n calls this when the token is empty or expired. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const form = new URLSearchParams({
			grant_type: 'refresh_token',
			refresh_token: text(credentials.refreshToken),
			client_id: text(credentials.clientId),
			client_secret: text(credentials.clientSecret),
		});
		let response: IDataObject | undefined;
		// LWA 429/5xx or no answer: asked again (twice, after 0.5 s and 1.5 s); a refused credential (4xx) is final
		for (let attempt = 1; response === undefined; attempt++) {
			try {
				response = (await this.helpers.httpRequest({
					method: 'POST',
					url: lwaTokenUrl(credentials),
					headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' },
					body: form.toString(),
					json: true,
					timeout: 30000,
				})) as IDataObject;
			} catch (error) {
				const err = lwaError(error, attempt);
				if (!err.transient || attempt > LWA_RETRY_DELAYS_MS.length) throw err;
				await sleep(LWA_RETRY_DELAYS_MS[attempt - 1]);
			}
		}
		if (typeof response === 'string') {
			try {
				response = JSON.parse(response) as IDataObject;
			} catch {
				throw new Error('Login with Amazon returned a response that is not JSON');
			}
		}
		const accessToken = text(response?.access_token);
		if (!accessToken) throw new Error('Login with Amazon returned no access_token');
		return { accessToken };
	}

	/**
	 * Sends the seller's LWA access token as `x-amz-access-token` (no AWS SigV4 since Oct 2023).
	 * Grantless operations (Notifications destinations): the SP-API client fetches a client_credentials token itself
	 * and hands it over in the internal `x-spapi-grantless-token` header, which is moved into `x-amz-access-token`.
	 * The seller token always overwrites a stale one, so n8n's refresh-and-resend after a 401/403 sends the new token.
	 */
	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const headers: IDataObject = {};
		let grantless = '';
		for (const [k, v] of Object.entries(requestOptions.headers ?? {})) {
			const lower = k.toLowerCase();
			if (lower === 'x-spapi-grantless-token') grantless = text(v);
			else if (lower !== 'x-amz-access-token') headers[k] = v;
		}
		headers['x-amz-access-token'] = grantless || text(credentials.accessToken);
		return { ...requestOptions, headers };
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.customEndpoint ? $credentials.customEndpoint.replace(/\\/+$/, "") : ($credentials.sandbox ? "https://sandbox.sellingpartnerapi-" : "https://sellingpartnerapi-") + ($credentials.region || "na") + ".amazon.com" }}',
			url: '/sellers/v1/marketplaceParticipations',
			method: 'GET',
		},
		// n8n's credential tester reads both kinds from one list (responseSuccessBody after a 2xx, responseCode after an
		// error); its type wants one kind per list
		rules: [
			{
				// SP-API answers JSON; text whose first character is "<" is an HTML page from something else
				type: 'responseSuccessBody',
				properties: {
					key: '0',
					value: '<',
					message:
						'The endpoint answered with an HTML page, not the Selling Partner API: check the region and Custom Endpoint (a proxy, captive portal or wrong URL?)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Amazon answered 403 Unauthorized ("Access to requested resource is denied"): the app is not authorized for this seller, region or role, or the token is invalid',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message:
						'Amazon answered 429 QuotaExceeded: getMarketplaceParticipations allows about one call a minute; try the test again later',
				},
			},
		] as unknown as IAuthenticateRuleResponseCode[],
	};
}

/** The node's only HTTP path: the shared M3 client over this.helpers.httpRequestWithAuthentication('inforM3Api'). */
import type {
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { M3Client, resolveConnection, type M3Connection } from '../../shared/m3';

export const CREDENTIAL_TYPE = 'inforM3Api';

type Ctx = IExecuteFunctions | ILoadOptionsFunctions;

export interface ClientOverrides {
	company?: string;
	division?: string;
}

export async function getConnection(this: Ctx): Promise<M3Connection> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	return resolveConnection(credentials);
}

export async function createClient(this: Ctx, overrides: ClientOverrides = {}): Promise<M3Client> {
	const conn = await getConnection.call(this);
	const request = async (options: IHttpRequestOptions) => {
		const res = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			...options,
			returnFullResponse: true,
			// 401 must throw so n8n fetches a new ION API token (preAuthentication) and resends once
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
			skipSslCertificateValidation: conn.skipSsl || undefined,
		})) as IN8nHttpFullResponse;
		return {
			statusCode: res.statusCode,
			headers: res.headers as Record<string, unknown>,
			body: res.body,
		};
	};
	return new M3Client({
		request,
		baseUrl: conn.baseUrl,
		company: overrides.company || conn.company,
		division: overrides.division || conn.division,
		language: conn.language,
		apiVersion: conn.apiVersion,
		timeoutMs: conn.timeoutMs,
		auth: conn.authType === 'ionApi' ? 'ionApi' : 'direct',
	});
}

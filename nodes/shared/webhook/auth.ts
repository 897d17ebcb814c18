/**
 * Authenticating the caller of a webhook trigger with an API-key header or HTTP Basic credentials
 * (credential types inforIonWebhookApi and amazonEventBridgeWebhookApi share these fields).
 * Comparisons are constant-time over SHA-256 digests, so neither content nor length leaks.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

export type HttpHeaders = Record<string, string | string[] | undefined>;

/** The trigger parameter that decides whether callers must authenticate (the credential is shown for `credential`). */
export const authenticationField: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'API Key or Basic (Credential)', value: 'credential' },
		{ name: 'None (Not Recommended)', value: 'none' },
	],
	default: 'credential',
	description: 'How callers must prove who they are. Without a credential anyone who knows the URL can start the workflow.',
};

export type WebhookAuthType = 'headerKey' | 'basic';

export interface WebhookAuthResult {
	ok: boolean;
	reason?: string;
	/** Header to add to a 401 (Basic challenge). */
	challenge?: string;
}

export function safeEqual(a: string, b: string): boolean {
	const da = createHash('sha256').update(a, 'utf8').digest();
	const db = createHash('sha256').update(b, 'utf8').digest();
	return timingSafeEqual(da, db) && a.length === b.length;
}

function headerValue(headers: HttpHeaders, name: string): string | undefined {
	const v = headers[name.toLowerCase()];
	if (Array.isArray(v)) return v[0];
	return v;
}

export function checkWebhookAuth(headers: HttpHeaders, credentials: ICredentialDataDecryptedObject): WebhookAuthResult {
	const type = (credentials.authType as WebhookAuthType | undefined) ?? 'headerKey';
	if (type === 'basic') {
		const challenge = 'Basic realm="n8n", charset="UTF-8"';
		const user = String(credentials.user ?? '');
		const password = String(credentials.password ?? '');
		if (user === '' && password === '') return { ok: false, reason: 'No user or password configured', challenge };
		const auth = headerValue(headers, 'authorization') ?? '';
		const m = /^Basic\s+([A-Za-z0-9+/=._-]+)\s*$/i.exec(auth);
		if (!m) return { ok: false, reason: 'Missing Basic authorization', challenge };
		const decoded = Buffer.from(m[1], 'base64').toString('utf8');
		return safeEqual(decoded, `${user}:${password}`) ? { ok: true } : { ok: false, reason: 'Wrong user or password', challenge };
	}
	const name = String(credentials.headerName ?? '').trim();
	const expected = String(credentials.apiKey ?? '');
	if (name === '' || expected === '') return { ok: false, reason: 'No header name or API key configured' };
	const given = headerValue(headers, name);
	if (given === undefined) return { ok: false, reason: `Missing header ${name}` };
	return safeEqual(given, expected) ? { ok: true } : { ok: false, reason: 'Wrong API key' };
}

/** Credential "test" for incoming-only credentials: checks the fields are usable. */
export async function testWebhookCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const c = credential.data ?? {};
	const type = (c.authType as WebhookAuthType | undefined) ?? 'headerKey';
	if (type === 'basic') {
		if (!c.user || !c.password) return { status: 'Error', message: 'Enter a user and a password' };
		if (String(c.user).includes(':')) return { status: 'Error', message: 'The user must not contain ":"' };
		return { status: 'OK', message: 'Callers must send these Basic credentials' };
	}
	const name = String(c.headerName ?? '').trim();
	if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) return { status: 'Error', message: 'The header name is not a valid HTTP header name' };
	if (String(c.apiKey ?? '').length < 16) return { status: 'Error', message: 'Use an API key of at least 16 characters' };
	return { status: 'OK', message: `Callers must send the key in header ${name}` };
}

/** A JSON answer written by the trigger itself (status, headers), so n8n sends nothing more. */
export function reply(fn: IWebhookFunctions, status: number, body: IDataObject, headers: Record<string, string> = {}): IWebhookResponseData {
	const res = fn.getResponseObject();
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
	res.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}

/**
 * Connection settings from the Infor M3 API credential: ION API (.ionapi file or its fields) or M3 direct (Basic).
 * Shared by the credential (token fetch, authenticate) and the node (base URL, defaults).
 * Error messages name missing keys and never echo a value.
 */

export interface IonApiConfig {
	ti: string;
	ci: string;
	cs: string;
	iu: string;
	pu: string;
	ot: string;
	or: string;
	saak: string;
	sask: string;
}

export const IONAPI_REQUIRED_KEYS = ['ti', 'ci', 'cs', 'iu', 'pu', 'ot', 'saak', 'sask'] as const;

export class M3ConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'M3ConfigError';
	}
}

function s(v: unknown): string {
	return v === undefined || v === null ? '' : String(v).trim();
}

/** Parses the text of a downloaded .ionapi file. Throws M3ConfigError naming the problem (never the values). */
export function parseIonApiFile(text: unknown): IonApiConfig {
	const raw = s(text);
	if (!raw) throw new M3ConfigError('The .ionapi file is empty: paste the whole content of the downloaded file');
	let obj: unknown;
	let valid = true;
	try {
		obj = JSON.parse(raw);
	} catch {
		valid = false;
	}
	if (!valid) {
		throw new M3ConfigError(
			'The .ionapi file is not valid JSON: paste the whole content of the file downloaded from ION API > Authorized Apps',
		);
	}
	if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
		throw new M3ConfigError('The .ionapi file must be a JSON object');
	}
	return checkIonApi(obj as Record<string, unknown>, 'The .ionapi file');
}

export function checkIonApi(o: Record<string, unknown>, what = 'The ION API settings'): IonApiConfig {
	const missing = IONAPI_REQUIRED_KEYS.filter((k) => !s(o[k]));
	if (missing.length) {
		const sa = missing.some((k) => k === 'saak' || k === 'sask');
		throw new M3ConfigError(
			`${what} is missing the key${missing.length > 1 ? 's' : ''} ${missing.map((k) => `"${k}"`).join(', ')}` +
				(sa
					? ' (saak/sask are only in files of a "Backend Service" authorized app created with a service account)'
					: ''),
		);
	}
	const iu = s(o.iu);
	const pu = s(o.pu);
	for (const [k, v] of [
		['iu', iu],
		['pu', pu],
	] as const) {
		if (!/^https?:\/\//i.test(v)) throw new M3ConfigError(`${what}: key "${k}" must be an http(s) URL`);
	}
	return {
		ti: s(o.ti),
		ci: s(o.ci),
		cs: s(o.cs),
		iu,
		pu,
		ot: s(o.ot),
		or: s(o.or),
		saak: s(o.saak),
		sask: s(o.sask),
	};
}

export type M3AuthType = 'ionApi' | 'direct';

export interface M3Connection {
	authType: M3AuthType;
	baseUrl: string;
	company: string;
	division: string;
	language: string;
	apiVersion: 'v2' | 'v1';
	ion?: IonApiConfig;
	user?: string;
	password?: string;
	skipSsl: boolean;
	/** how long one request may wait for M3's answer (credential "Request Timeout", default 120 s) */
	timeoutMs: number;
}

/** Joins pu + ot the way Infor's samples do (pu ends with "/as/", ot = "token.oauth2"). */
export function tokenUrl(ion: IonApiConfig): string {
	if (/^https?:\/\//i.test(ion.ot)) return ion.ot;
	return ion.pu.endsWith('/') || ion.ot.startsWith('/') ? ion.pu + ion.ot : `${ion.pu}/${ion.ot}`;
}

export function ionBaseUrl(ion: IonApiConfig): string {
	return `${ion.iu.replace(/\/+$/, '')}/${encodeURIComponent(ion.ti)}/M3/m3api-rest`;
}

/** Reads the credential data (ICredentialDataDecryptedObject) into a connection. */
export function resolveConnection(c: Record<string, unknown>): M3Connection {
	const authType: M3AuthType = c.authType === 'direct' ? 'direct' : 'ionApi';
	const common = {
		company: s(c.company),
		division: s(c.division),
		language: s(c.language),
		apiVersion: (c.apiVersion === 'v1' ? 'v1' : 'v2') as 'v2' | 'v1',
		skipSsl: c.ignoreSslIssues === true,
		timeoutMs: Number(c.timeoutSeconds) > 0 ? Math.round(Number(c.timeoutSeconds) * 1000) : 120000,
	};
	if (authType === 'direct') {
		const url = s(c.url).replace(/\/+$/, '');
		if (!url) throw new M3ConfigError('The Infor M3 API credential has no M3 REST base URL');
		if (!/^https?:\/\//i.test(url)) throw new M3ConfigError('The M3 REST base URL must start with http:// or https://');
		const user = s(c.user);
		if (!user) throw new M3ConfigError('The Infor M3 API credential has no user');
		return { authType, baseUrl: url, user, password: c.password === undefined ? '' : String(c.password), ...common };
	}
	const ion =
		c.ionApiInput === 'fields'
			? checkIonApi(
					{
						ti: c.tenant,
						ci: c.clientId,
						cs: c.clientSecret,
						iu: c.gatewayUrl,
						pu: c.authServerUrl,
						ot: c.ot,
						or: c.or,
						saak: c.serviceAccountAccessKey,
						sask: c.serviceAccountSecretKey,
					},
					'The ION API fields',
				)
			: parseIonApiFile(c.ionApiSecretFile);
	return { authType, baseUrl: ionBaseUrl(ion), ion, ...common };
}

/**
 * Every secret value of an Infor M3 API credential (password, ION client secret, service-account keys, the current
 * access token, and the Basic header they make), for redaction. Never throws: a broken .ionapi file has no secrets
 * we could read either.
 */
export function m3Secrets(c: Record<string, unknown> | undefined): string[] {
	if (!c) return [];
	const out = ['password', 'clientSecret', 'serviceAccountAccessKey', 'serviceAccountSecretKey', 'accessToken']
		.map((k) => s(c[k]))
		.filter(Boolean);
	try {
		const text = s(c.ionApiSecretFile);
		if (text) {
			const f = JSON.parse(text) as Record<string, unknown>;
			for (const k of ['cs', 'saak', 'sask']) if (s(f[k])) out.push(s(f[k]));
		}
	} catch {
		// not JSON: nothing more to collect
	}
	const user = s(c.user);
	const password = c.password === undefined ? '' : String(c.password);
	if (user && password) out.push(Buffer.from(`${user}:${password}`).toString('base64'));
	return out;
}

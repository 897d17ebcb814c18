import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { createHash } from 'node:crypto';

import { splitList } from '../execution/params';

export const CREDENTIAL_TYPE = 'amazonSpApi';
export const DEFAULT_LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

export const REGION_HOSTS: Record<string, { production: string; sandbox: string }> = {
	na: { production: 'https://sellingpartnerapi-na.amazon.com', sandbox: 'https://sandbox.sellingpartnerapi-na.amazon.com' },
	eu: { production: 'https://sellingpartnerapi-eu.amazon.com', sandbox: 'https://sandbox.sellingpartnerapi-eu.amazon.com' },
	fe: { production: 'https://sellingpartnerapi-fe.amazon.com', sandbox: 'https://sandbox.sellingpartnerapi-fe.amazon.com' },
};

/** Everything the client needs from the credential, with the secrets kept out of anything printable. */
export interface SpApiConfig {
	endpoint: string;
	lwaTokenUrl: string;
	region: string;
	sandbox: boolean;
	clientId: string;
	sellerId: string;
	marketplaceIds: string[];
	/** stable, non-secret id of the selling partner for bucket keys when no seller id is set (hash of the refresh token) */
	partnerKey: string;
	/** this process's fraction of Amazon's rate and burst: 1 / the credential's "n8n Processes Sharing the Quota" */
	quotaShare: number;
	/** secret values, only for redaction and the grantless token request */
	secrets: { clientSecret: string; refreshToken: string };
}

function str(v: unknown): string {
	return v === undefined || v === null ? '' : String(v).trim();
}

/** Base URL of the SP-API host for the credential: custom endpoint, or region (+ sandbox). */
export function resolveEndpoint(c: ICredentialDataDecryptedObject): string {
	const custom = str(c.customEndpoint);
	if (custom) return custom.replace(/\/+$/, '');
	const region = (str(c.region) || 'na').toLowerCase();
	const hosts = REGION_HOSTS[region] ?? REGION_HOSTS.na;
	return c.sandbox === true ? hosts.sandbox : hosts.production;
}

/** LWA token URL; a bare origin (`http://127.0.0.1:1234`) gets `/auth/o2/token` appended. */
export function resolveLwaTokenUrl(c: ICredentialDataDecryptedObject): string {
	const custom = str(c.lwaTokenUrl);
	if (!custom) return DEFAULT_LWA_TOKEN_URL;
	const m = custom.match(/^(https?:\/\/[^/]+)\/?$/i);
	return m ? `${m[1]}/auth/o2/token` : custom;
}

/** "n8n Processes Sharing the Quota": a whole number >= 1 (empty or invalid = 1, a single process). */
export function quotaProcesses(v: unknown): number {
	const n = Math.floor(Number(v));
	return Number.isFinite(n) && n >= 1 ? n : 1;
}

export function configFromCredentials(c: ICredentialDataDecryptedObject): SpApiConfig {
	const refreshToken = str(c.refreshToken);
	const sellerId = str(c.sellerId);
	return {
		endpoint: resolveEndpoint(c),
		lwaTokenUrl: resolveLwaTokenUrl(c),
		region: (str(c.region) || 'na').toLowerCase(),
		sandbox: c.sandbox === true,
		clientId: str(c.clientId),
		sellerId,
		marketplaceIds: splitList(c.marketplaceIds),
		partnerKey: sellerId || createHash('sha256').update(refreshToken).digest('hex').slice(0, 16),
		quotaShare: 1 / quotaProcesses(c.quotaProcesses),
		secrets: { clientSecret: str(c.clientSecret), refreshToken },
	};
}

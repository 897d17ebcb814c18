/** The M3 client's configuration and per-call options (see client.ts). */
import type { M3Requester } from './transport';

export interface RetryPolicy {
	/** total attempts including the first (1 = no retry) */
	attempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export interface M3ClientConfig {
	request: M3Requester;
	/** …/m3api-rest (no trailing slash needed) */
	baseUrl: string;
	company?: string;
	division?: string;
	language?: string;
	apiVersion?: 'v2' | 'v1';
	retry?: Partial<RetryPolicy>;
	timeoutMs?: number;
	/** transactions per bulk POST (inforion uses 150) */
	bulkChunkSize?: number;
	sleep?: (ms: number) => Promise<void>;
	/**
	 * How the requester authenticates, for what a 401 means: 'ionApi' = n8n already fetched a new token and resent
	 * once (the 401 is final); 'direct' = HTTP Basic (the user or password is refused).
	 */
	auth?: 'ionApi' | 'direct';
}

export interface ExecuteOptions {
	/**
	 * Safe to send twice? Default: true for Get/Lst/Search/Sel transactions, false for writes. Writes are retried only
	 * when M3 cannot have run them (429, 503, connection refused); a reset or timeout after sending may have committed.
	 */
	idempotent?: boolean;
	/** max records for list transactions; 0 = all (M3's "unlimited") */
	maxrecs?: number;
	returncols?: string[];
	company?: string;
	division?: string;
}

export interface ListOptions extends ExecuteOptions {
	/** records wanted in total; 0/undefined = all */
	limit?: number;
	/** records per request when paging */
	pageSize?: number;
	/**
	 * Start-key paging: input field -> output field holding the next start value (e.g. { CUNO: 'CUNO' } for
	 * CRS610MI/LstByNumber). Without keys, one request with maxrecs = limit is made.
	 */
	startKeys?: Record<string, string>;
}

export interface BulkTransaction {
	transaction: string;
	record: Record<string, unknown>;
	selectedColumns?: string[];
}

export interface BulkOptions {
	/** see ExecuteOptions.idempotent; default: every transaction is a read */
	idempotent?: boolean;
	company?: string;
	division?: string;
	maxrecs?: number;
	chunkSize?: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 300, maxDelayMs: 8000 };

import type { IDataObject } from 'n8n-workflow';

import type { RunResult, Session } from '../harness';

export interface DeadLetterRow {
	workflow: string;
	key: string;
	status: string;
	node: string;
	reason: string;
	retryable: boolean;
	input: string;
	details: string;
	replays: number;
}

export interface CatalogSims {
	m3: {
		state: IDataObject & { customFields: Record<string, IDataObject>; requestCounts: Record<string, number>; items: Record<string, IDataObject> };
		control: IDataObject & { setPrice(prrf: string, cucd: string, itno: string, sapr: string): unknown; changeItem(itno: string, f: IDataObject): unknown; addFaults(f: IDataObject | IDataObject[]): unknown; clearFaults(): void };
	};
	sp: { state: IDataObject & { listings: Map<string, IDataObject>; feeds: Map<string, IDataObject>; listingPatches: IDataObject[]; definitionRequests: IDataObject[]; schemaDownloads: number }; control: IDataObject & { catalogCounts(): { listings: number; prices: number; definitionRequests: number; schemaDownloads: number } } };
	session: Session;
	template(settings?: Record<string, unknown>): { id: string; nodes: Array<IDataObject & { name: string; parameters: IDataObject }>; connections: IDataObject };
	replay(wf: unknown): Promise<RunResult>;
	deadLetter(workflowId?: string): DeadLetterRow[];
	spCalls(op: string): number;
	spCounts(): Record<string, number>;
	m3Counts(): Record<string, number>;
	fields(itno: string): IDataObject | undefined;
	listing(sku: string): IDataObject & { offers?: Record<string, { price: number; currency: string }>; attributes?: Record<string, IDataObject>; asin: string };
	itemOfSku(sku: string): string;
	price(prrf: string, itno: string): IDataObject;
	close(): Promise<void>;
}

export function start(o?: { seed?: number }): Promise<CatalogSims>;

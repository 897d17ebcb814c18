import type { IDataObject } from 'n8n-workflow';

export interface Sims {
	m3: { url: string; state: IDataObject & { orders: Record<string, { head: IDataObject }>; returns: Record<string, { head: IDataObject; lines: IDataObject[] }>; glBatches: Record<string, IDataObject>; aliases: IDataObject[]; customFields: Record<string, IDataObject>; requestCounts: Record<string, number> }; control: { ship(orno: string, opts?: IDataObject): IDataObject } };
	sp: {
		url: string;
		state: IDataObject & { orders: Map<string, IDataObject>; shipmentConfirmations: IDataObject[]; listings: Map<string, IDataObject>; feeds: Map<string, IDataObject> };
		control: { emit(e: IDataObject): unknown; addFault(f: IDataObject): unknown; returnItems(orderId: string, o?: IDataObject): unknown; createOrder(o: IDataObject): IDataObject & { orderId: string }; catalogCounts(): { listings: number; prices: number; definitionRequests: number; schemaDownloads: number } };
	};
	creds: { n8n: IDataObject & { inforIonWebhookApi: { apiKey: string; headerName: string } }; spapi: IDataObject };
	n8nCredentials: IDataObject[];
	workflows: IDataObject[];
	ids: { orderToCash: string; shipmentFeedback: string; shipmentsManual: string; inventory: string; catalog: string; payments: string; returns: string; errorHandler: string };
	queue(): { sent: number; received: number; deleted: number; left: number };
	bod(orno: string, bodId: string): string;
	close(): Promise<void>;
}
export function startSimulators(): Promise<Sims>;
export function waitFor<T>(check: () => T | Promise<T>, timeoutMs: number): Promise<T | undefined>;
export function parseRun(stdout: string): { status?: string; data?: { resultData: { error?: { message: string }; runData: Record<string, Array<{ data?: { main: Array<Array<{ json: IDataObject }>> } }>> } } };
export function jsonDocuments(text: string): unknown[];
export const TEMPLATES: string[];

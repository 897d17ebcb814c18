import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

export interface CatalogSims {
	m3: { state: IDataObject & { customFields: Record<string, IDataObject>; requestCounts: Record<string, number>; items: Record<string, IDataObject> }; control: IDataObject & { setPrice(prrf: string, cucd: string, itno: string, sapr: string): unknown; changeItem(itno: string, f: IDataObject): unknown } };
	sp: { state: IDataObject & { listings: Map<string, IDataObject>; feeds: Map<string, IDataObject>; listingPatches: IDataObject[]; definitionRequests: IDataObject[]; schemaDownloads: number }; control: IDataObject & { catalogCounts(): { listings: number; prices: number; definitionRequests: number; schemaDownloads: number } } };
	credentials: Record<string, ICredentialDataDecryptedObject>;
	spCalls(op: string): number;
	spCounts(): Record<string, number>;
	m3Counts(): Record<string, number>;
	fields(itno: string): IDataObject | undefined;
	listing(sku: string): IDataObject & { offers?: Record<string, { price: number; currency: string }>; attributes?: Record<string, IDataObject>; asin: string };
	itemOfSku(sku: string): string;
	skuOfItem(itno: string): string | undefined;
	price(prrf: string, itno: string): IDataObject;
	template(settings?: Record<string, unknown>): { nodes: IDataObject[]; connections: IDataObject; id: string };
	close(): Promise<void>;
}

export function start(o?: { seed?: number }): Promise<CatalogSims>;
export function template(settings?: Record<string, unknown>): { nodes: IDataObject[]; connections: IDataObject; id: string };

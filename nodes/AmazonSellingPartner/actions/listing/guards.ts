import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { refreshFbaSkus, type FbaSkuCache, type SpApiClient } from '../../../shared/spapi';

/**
 * The listing guards of Sync Quantities and Update Quantity, kept per node in the workflow's static data:
 * - FBA SKUs (nodes/shared/spapi/fba.ts), read once per node run and marketplace, never get a merchant quantity;
 * - the quantity Amazon last accepted per SKU, so an unchanged quantity is not sent again.
 */
interface SyncMemory {
	/** per marketplace: the FBA SKUs and where the next read starts */
	fba?: Record<string, FbaSkuCache>;
	/** per marketplace list: the quantity Amazon last accepted per SKU */
	accepted?: Record<string, Record<string, number>>;
}

/** One FBA read per node run and marketplace, shared by the items processed at the same time. */
const fbaReads = new Map<string, Promise<Set<string>>>();

export async function fbaSkus(ctx: IExecuteFunctions, client: SpApiClient, marketplaceIds: string[]): Promise<Set<string>> {
	const memory = ctx.getWorkflowStaticData('node') as SyncMemory;
	const run = `${String((ctx as { getExecutionId?: () => string }).getExecutionId?.() ?? '')}|${ctx.getNode().id ?? ctx.getNode().name}`;
	const all = new Set<string>();
	for (const m of marketplaceIds) {
		const key = `${run}|${m}`;
		let p = fbaReads.get(key);
		if (!p) {
			p = refreshFbaSkus(client, m, memory.fba?.[m]).then((cache) => {
				memory.fba = { ...(memory.fba ?? {}), [m]: cache };
				return new Set(cache.skus);
			});
			fbaReads.set(key, p);
			p.catch(() => fbaReads.delete(key));
			while (fbaReads.size > 50) fbaReads.delete(fbaReads.keys().next().value as string);
		}
		for (const sku of await p) all.add(sku);
	}
	return all;
}

export function acceptedOf(ctx: IExecuteFunctions, marketplaceIds: string[]): Record<string, number> {
	const memory = ctx.getWorkflowStaticData('node') as SyncMemory;
	const k = [...marketplaceIds].sort().join(',');
	memory.accepted = memory.accepted ?? {};
	memory.accepted[k] = memory.accepted[k] ?? {};
	return memory.accepted[k];
}

/** The merchant-channel quantity a patch list sets, or undefined when it sets none. */
export function defaultQuantity(patches: unknown): number | undefined {
	for (const p of (Array.isArray(patches) ? patches : []) as IDataObject[]) {
		if (!String(p.path ?? '').endsWith('/fulfillment_availability') || !Array.isArray(p.value)) continue;
		for (const v of p.value as IDataObject[]) if (v.fulfillment_channel_code === 'DEFAULT' && Number.isInteger(v.quantity)) return v.quantity as number;
	}
	return undefined;
}


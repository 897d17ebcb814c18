import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { createSession } from '../harness';
import { committed } from './files';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sims = require('./sims.js') as { start(): Promise<Sims> };

interface Sims {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	listings: Map<string, IDataObject & { sku: string; quantity: number; fba?: unknown }>;
	balance(itno: string): IDataObject;
	available(itno: string): number;
	itemOfSku(sku: string): string;
	close(): Promise<void>;
}

// The inventory-reconciliation template through n8n-core against both simulators.
describe('inventory-reconciliation template', () => {
	let s: Sims;
	beforeAll(async () => {
		s = await sims.start();
	});
	afterAll(async () => {
		await s.close();
	});

	it('reports each SKU whose Amazon quantity differs from what the sync would send, with the difference', async () => {
		const wf = committed().find((f) => f.file === 'inventory-reconciliation.json')!.json;
		const session = createSession({ credentials: s.credentials });
		const r = await session.run(wf as never, { startNode: 'Every Monday at 06:00' });
		expect(r.status).toBe('success');
		const report = r.output('Compare quantities') ?? [];
		expect(report.length).toBeGreaterThan(0);
		// FBA listings are left out: their stock is Amazon's count
		for (const line of report) expect(s.listings.get(String(line.sku))!.fba).toBeFalsy();
		expect([...s.listings.values()].some((l) => l.fba)).toBe(true);
		for (const line of report.slice(0, 20)) {
			const listing = s.listings.get(String(line.sku))!;
			expect(line.amazon).toBe(listing.quantity);
			// the figure summed over the listed warehouses 001 and 002
			const av01 = s.available(s.itemOfSku(String(line.sku)));
			expect(line.m3Available).toBe(av01);
			expect(line.expected).toBe(Math.min(999, Math.max(0, Math.floor(av01) - 2)));
			expect(line.difference).toBe(listing.quantity - (line.expected as number));
			expect(line.difference).not.toBe(0);
		}
		// the fixing node ships disabled: nothing was changed on Amazon
		expect(r.output('Fix MFN quantity on Amazon')).toEqual(report.map((x) => x));
		const again = await session.run(wf as never, { startNode: 'Every Monday at 06:00' });
		expect((again.output('Compare quantities') ?? []).length).toBe(report.length);
	});
});

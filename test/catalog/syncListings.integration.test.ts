import type { IDataObject } from 'n8n-workflow';

import { createSession, linearWorkflow } from '../harness';
import { credentialsFor, startSim, type Sim } from '../spapi/helpers';
import { listingAttributes } from './fixtures';

const US = 'ATVPDKIKX0DER';

function home(sku: string): IDataObject {
	return { sku, marketplaceId: US, productType: 'HOME', attributes: listingAttributes('HOME', US), offer: { currency: 'USD', price: '12.50' }, m3: { ITNO: `I-${sku}` } };
}

// Sync Listings on its own (Amazon node through n8n-core, SP-API simulator): the failure paths.
describe('Amazon Selling Partner: Listing > Sync Listings', () => {
	let sim: Sim;
	const wf = (params: IDataObject = {}) =>
		linearWorkflow([{ type: 'amazonSellingPartner', name: 'Sync', parameters: { resource: 'listing', operation: 'syncListings', sendMode: 'calls', options: { pollIntervalSeconds: 0.2 }, ...params }, credentials: ['amazonSpApi'], onError: 'continueErrorOutput' }]);
	const ops = (op: string) => sim.state.requestLog.filter((e) => e.operation === op).length;
	// A simulator per test: the node's product type definitions are cached per endpoint (as n8n keeps them per process),
	// so each test starts with none cached, without reaching into the node's cache.
	beforeEach(async () => {
		sim = await startSim({ timeScale: 30, feedDelays: { inQueueMs: 3000, inProgressMs: 3000 } });
	});
	afterEach(async () => {
		await sim.close();
	});

	it('a definition Amazon cannot give fails the listings of that product type once (not per listing); the others are sent', async () => {
		const skus = [...sim.state.listings.keys()].slice(0, 4);
		sim.control.addFault({ operation: 'definitions.getDefinitionsProductType', kind: 'error', status: 503, count: 5 });
		const session = createSession({ credentials: { amazonSpApi: credentialsFor(sim) } });
		const before = ops('definitions.getDefinitionsProductType');
		const luggage = { ...home(skus[2]), productType: 'LUGGAGE' };
		const r = await session.run(wf(), { input: [home(skus[0]), home(skus[1]), luggage].map((json) => ({ json })) });
		expect(r.status).toBe('success');
		const failed = r.output('Sync', 1) ?? [];
		expect(failed.map((f) => (f.details as IDataObject).input)).toEqual([expect.objectContaining({ sku: skus[0] }), expect.objectContaining({ sku: skus[1] })]);
		for (const f of failed) expect(String(f.error)).toMatch(/^Amazon SP-API: The product type definition of HOME \(ATVPDKIKX0DER\) could not be read: .*temporarily unavailable/i);
		// 1 call + 4 retries for HOME, then the remembered failure for the second HOME listing; LUGGAGE got its definition
		expect(ops('definitions.getDefinitionsProductType') - before).toBe(6);
		expect((r.output('Sync', 0) ?? []).map((x) => [x.sku, x.productType, x.status])).toEqual([[skus[2], 'LUGGAGE', 'ACCEPTED']]);
	}, 120000);

	it('an unknown product type and a SKU given twice are refused with what to do; a price for a listing never created waits for its creation', async () => {
		const skus = [...sim.state.listings.keys()].slice(5, 8);
		const session = createSession({ credentials: { amazonSpApi: credentialsFor(sim) } });
		const input = [
			{ ...home(skus[0]), productType: 'SPACESHIP' },
			{ sku: skus[1], marketplaceId: US, productType: 'PRODUCT', offer: { currency: 'USD', price: '5.00' }, m3: { ITNO: 'X' } },
			home(skus[2]),
			home(skus[2]),
		];
		const puts = ops('listings.putListingsItem');
		const r = await session.run(wf(), { input: input.map((json) => ({ json })) });
		expect(r.status).toBe('success');
		const failed = r.output('Sync', 1) ?? [];
		const bySku = (sku: string) => failed.filter((f) => ((f.details as IDataObject).input as IDataObject).sku === sku).map((f) => String(f.error));
		expect(bySku(skus[0])).toEqual(['Amazon SP-API: The product type definition of SPACESHIP (ATVPDKIKX0DER) could not be read: Invalid input (Product type SPACESHIP is not a product type of marketplace ATVPDKIKX0DER.)']);
		expect(bySku(skus[1])).toEqual([]);
		expect((r.output('Sync', 0) ?? []).filter((x) => x.sku === skus[1])).toEqual([]);
		expect(bySku(skus[2])).toEqual([`SKU ${skus[2]} (${US}) comes twice in this run: only the first is sent`]);
		expect((r.output('Sync', 0) ?? []).map((x) => [x.sku, x.operation, x.status])).toEqual([[skus[2], 'create', 'ACCEPTED']]);
		expect(ops('listings.putListingsItem') - puts).toBe(1);
	}, 120000);

	it('remembers only what Amazon accepted: a refused listing is sent again, an accepted one is not', async () => {
		const skus = [...sim.state.listings.keys()].slice(10, 12);
		const session = createSession({ credentials: { amazonSpApi: credentialsFor(sim) } });
		// validation off: Amazon itself refuses the second one (no brand)
		const params = { options: { pollIntervalSeconds: 0.2, validate: false } };
		const noBrand = home(skus[1]);
		delete (noBrand.attributes as IDataObject).brand;
		const input = [home(skus[0]), noBrand].map((json) => ({ json }));
		const workflow = wf(params); // one workflow: its node's static data is what the second run remembers
		const r1 = await session.run(workflow, { input });
		expect((r1.output('Sync', 0) ?? []).map((x) => x.sku)).toEqual([skus[0]]);
		expect(String((r1.output('Sync', 1) ?? [])[0].error)).toBe(`SKU ${skus[1]} (${US}) was not accepted by Amazon: 90220: 'brand' is required but not supplied.`);
		const puts = ops('listings.putListingsItem');
		const r2 = await session.run(workflow, { input });
		expect(r2.output('Sync', 0)).toEqual([]);
		expect((r2.output('Sync', 1) ?? []).length).toBe(1);
		expect(ops('listings.putListingsItem') - puts).toBe(1);
	}, 120000);
});

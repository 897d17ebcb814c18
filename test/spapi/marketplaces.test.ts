import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { listSearch } from '../../nodes/AmazonSellingPartner/methods';

// The marketplace resource locator's list search (no HTTP: Amazon's marketplace IDs are a fixed table).
const search = async (filter?: string) => (await listSearch.searchMarketplaces.call({} as ILoadOptionsFunctions, filter)).results;

describe('Amazon Selling Partner: searchMarketplaces', () => {
	test('lists every marketplace without a filter, each named by country, region and ID', async () => {
		const all = await search();
		expect(all.length).toBeGreaterThanOrEqual(20);
		expect(all).toContainEqual({ name: 'US (NA) — ATVPDKIKX0DER', value: 'ATVPDKIKX0DER' });
		expect(new Set(all.map((r) => r.value)).size).toBe(all.length);
	});

	test('filters by country, region or ID, case-insensitively', async () => {
		expect((await search('jp')).map((r) => r.value)).toEqual(['A1VC38T7YXB528']);
		expect((await search('de')).map((r) => r.value)).toContain('A1PA6795UKMFR9');
		expect((await search(' fe ')).map((r) => r.name)).toEqual(['SG (FE) — A19VAU5U5O7RUS', 'AU (FE) — A39IBJ37TRP1C6', 'JP (FE) — A1VC38T7YXB528']);
		expect((await search('a1pa67')).map((r) => r.value)).toEqual(['A1PA6795UKMFR9']);
		expect(await search('nowhere')).toEqual([]);
	});
});

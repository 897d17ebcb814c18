import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

/** Marketplace IDs (spapi.md §2), for users who build expressions; grouped by region. */
const MARKETPLACES: Array<[string, string, string]> = [
	['NA', 'US', 'ATVPDKIKX0DER'],
	['NA', 'CA', 'A2EUQ1WTGCTBG2'],
	['NA', 'MX', 'A1AM78C64UM0Y8'],
	['NA', 'BR', 'A2Q3Y263D00KWC'],
	['EU', 'UK', 'A1F83G8C2ARO7P'],
	['EU', 'DE', 'A1PA6795UKMFR9'],
	['EU', 'FR', 'A13V1IB3VIYZZH'],
	['EU', 'IT', 'APJ6JRA9NG5V4'],
	['EU', 'ES', 'A1RKKUPIHCS9HS'],
	['EU', 'NL', 'A1805IZSGTT6HS'],
	['EU', 'SE', 'A2NODRKZP88ZB9'],
	['EU', 'PL', 'A1C3SOZRARQ6R3'],
	['EU', 'BE', 'AMEN7PMS3EDWL'],
	['EU', 'IE', 'A28R8C7NBKEWEA'],
	['EU', 'TR', 'A33AVAJ2PDY3EV'],
	['EU', 'AE', 'A2VIGQ35RCS4UG'],
	['EU', 'SA', 'A17E79C6D8DWNP'],
	['EU', 'EG', 'ARBP9OOSHTCHU'],
	['EU', 'ZA', 'AE08WJ6YKNBMC'],
	['EU', 'IN', 'A21TJRUUN4KGV'],
	['FE', 'SG', 'A19VAU5U5O7RUS'],
	['FE', 'AU', 'A39IBJ37TRP1C6'],
	['FE', 'JP', 'A1VC38T7YXB528'],
];

export const listSearch = {
	/** The marketplace resource locator's list: matches country code, region or ID, case-insensitively. */
	async searchMarketplaces(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const f = (filter ?? '').trim().toUpperCase();
		const results = MARKETPLACES.filter(([region, country, id]) => !f || country.includes(f) || region.includes(f) || id.includes(f)).map(
			([region, country, id]) => ({ name: `${country} (${region}) — ${id}`, value: id }),
		);
		return { results };
	},
};

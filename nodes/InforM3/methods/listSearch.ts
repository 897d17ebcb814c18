import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { currentValue, load } from './loadOptions';

/** Rows one page of a customer/item list shows; the next page starts at the first row not shown (M3 start keys). */
const PAGE = 50;

const matches = (filter: string | undefined, ...texts: Array<string | undefined>): boolean => {
	const f = (filter ?? '').trim().toLowerCase();
	return !f || texts.some((t) => (t ?? '').toLowerCase().includes(f));
};

const item = (value: string, text: string | undefined): INodeListSearchItems => ({
	name: text ? `${value} - ${text}` : value,
	value,
});

/** A keyed list read from a start key: one page, and the key of the next page's first row when there is one. */
async function page(
	this: ILoadOptionsFunctions,
	program: string,
	transaction: string,
	input: Record<string, string>,
	key: string,
	text: string,
): Promise<INodeListSearchResult> {
	const rows = await load.call(this, program, transaction, input, PAGE + 1);
	const results = rows.slice(0, PAGE).map((r) => item(r[key], r[text]));
	return rows.length > PAGE ? { results, paginationToken: rows[PAGE][key] } : { results };
}

/** A search query's hits: the typed text as a prefix of any word M3's search index holds. */
async function search(
	this: ILoadOptionsFunctions,
	program: string,
	transaction: string,
	filter: string,
	key: string,
	text: string,
): Promise<INodeListSearchResult> {
	const query = filter.replace(/["*~]/g, ' ').trim();
	if (!query) return { results: [] };
	const rows = await load.call(this, program, transaction, { SQRY: `${query}*` }, PAGE);
	return { results: rows.map((r) => item(r[key], r[text])) };
}

export const listSearch = {
	/** MRS001MI/LstPrograms, filtered by program name or description. */
	async searchPrograms(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const rows = await load.call(this, 'MRS001MI', 'LstPrograms', {});
		const results = rows
			.filter((r) => matches(filter, r.MINM, r.MIDS))
			.sort((a, b) => a.MINM.localeCompare(b.MINM))
			.map((r) => item(r.MINM, r.MIDS));
		return { results };
	},

	/** MRS001MI/LstTransactions of the chosen program, filtered by transaction name or description. */
	async searchTransactions(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const MINM = currentValue.call(this, 'program');
		if (!MINM) return { results: [] };
		const rows = await load.call(this, 'MRS001MI', 'LstTransactions', { MINM });
		const results = rows
			.filter((r) => matches(filter, r.TRNM, r.TRDS))
			.sort((a, b) => a.TRNM.localeCompare(b.TRNM))
			.map((r) => item(r.TRNM, r.TRDS));
		return { results };
	},

	/** Without a filter CRS610MI/LstByNumber page by page; with one CRS610MI/SearchCustomer. */
	async searchCustomers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		if (filter?.trim()) return await search.call(this, 'CRS610MI', 'SearchCustomer', filter, 'CUNO', 'CUNM');
		return await page.call(this, 'CRS610MI', 'LstByNumber', { CUNO: paginationToken ?? '' }, 'CUNO', 'CUNM');
	},

	/**
	 * Without a filter MMS200MI/LstItmByItm page by page (its start key ITNO is mandatory: the first page starts at
	 * "!", before digits and letters in both ASCII and EBCDIC order); with one MMS200MI/SearchItem.
	 */
	async searchItems(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		if (filter?.trim()) return await search.call(this, 'MMS200MI', 'SearchItem', filter, 'ITNO', 'ITDS');
		return await page.call(this, 'MMS200MI', 'LstItmByItm', { ITNO: paginationToken || '!' }, 'ITNO', 'ITDS');
	},
};

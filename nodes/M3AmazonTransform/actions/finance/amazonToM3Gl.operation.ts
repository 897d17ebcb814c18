import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { DEFAULT_PARM_LAYOUT, financesToGlBatch, type AccountingModel, type AccountMapEntry, type LedgerOptions, type ParmField } from '../../../shared/mapping/ledger';
import { guardBatch, inputFieldProperty, inputOf, invalidItem, parameterProblem, validItem, type OperationOutput } from '../common';
import { params, parameterError } from '../../../shared/execution';

const properties: INodeProperties[] = [
	inputFieldProperty,
	{
		displayName: 'Account Map (JSON)',
		name: 'accountMap',
		type: 'json',
		default:
			'{\n  "Product Charges": "3010",\n  "Principal": "3010",\n  "Shipping": "3020",\n  "ShippingCharge": "3020",\n  "Tax": "2610",\n  "Commission": "6110",\n  "FBAPerUnitFulfillmentFee": "6120",\n  "Refunds": "3090"\n}',
		description:
			'Breakdown path ("Sales/Product Charges"), breakdown type, ChargeType or FeeType to GL account, or {account, dimensions: {AIT2..AIT7}}',
	},
	{
		displayName: 'Accounting (JSON)',
		name: 'accounting',
		type: 'json',
		default: '',
		description:
			'The accounting model (docs/guide/accounting.md): {roads: {MFN: "order", AFN: "settlement"}, receivableAccount, revenueAccount, refundAccount, vatAccount, marketplaceTaxAccount, feeAccount, clearingAccounts: {marketplaceId: account}, feeVat: {marketplaceId or "*": {mode: "reverseCharge" | "included" | "none", rate, inputAccount, outputAccount}}}. Empty = every amount by the Account Map.',
	},
	{ displayName: 'Catch-All Account', name: 'catchAllAccount', type: 'string', default: '6999', required: true },
	{
		displayName: 'Clearing Account',
		name: 'clearingAccount',
		type: 'string',
		default: '1590',
		required: true,
		description: 'Amazon receivable/clearing account that takes the counter-entry',
	},
	{ displayName: 'Rounding Account', name: 'roundingAccount', type: 'string', default: '', description: 'Empty = catch-all account' },
	{
		displayName: 'Posting Window Start',
		name: 'windowStart',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-11-29T00:00:00Z',
		description: 'ISO date-time; empty = UTC day of the earliest transaction. KEY1 is derived from the window.',
	},
	{ displayName: 'Posting Window End', name: 'windowEnd', type: 'string', default: '', placeholder: 'e.g. 2026-11-30T00:00:00Z' },
	{ displayName: 'Batch Currency', name: 'currency', type: 'string', default: '', description: 'Only this currency (others are invalid); empty = one batch per marketplace and currency' },
	{
		displayName: 'Book Deferred Transactions When Posted',
		name: 'includeDeferred',
		type: 'boolean',
		default: false,
		description: 'Whether to book deferred transactions on their posted date; off (default): when Amazon releases them (DeferredContext.maturityDate), in the window of the release',
	},
	{ displayName: 'KEY1 Prefix', name: 'keyPrefix', type: 'string', default: 'AMZ', description: 'Up to 3 characters' },
	{ displayName: 'Interface (INTN)', name: 'INTN', type: 'string', default: 'AMAZON', required: true, description: 'GLS850 interface template' },
	{ displayName: 'Division (DIVI)', name: 'DIVI', type: 'string', default: '' },
	{ displayName: 'Company (CONO)', name: 'CONO', type: 'string', default: '' },
	{
		displayName: 'PARM Layout (JSON)',
		name: 'parmLayout',
		type: 'json',
		default: JSON.stringify(DEFAULT_PARM_LAYOUT, null, 2),
		description: 'Positions of the GLS850 position-based template: [{field, start, length, align, pad, truncate}]; fields KEY1, LINE, DIVI, ACDT, CUCD, CUAM, AIT1..AIT7, VTXT, TYPE, const:&lt;text&gt;',
	},
	{ displayName: 'Default Dimensions (JSON)', name: 'defaultDimensions', type: 'json', default: '{}', description: 'AIT2..AIT7 values for every line' },
];

export const description = updateDisplayOptions({ show: { resource: ['finance'], operation: ['amazonToM3Gl'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<OperationOutput> {
	const out: OperationOutput = { valid: [], invalid: [] };
	const p = params(this, 0);
	if (items.length === 0) return out;
	let o: LedgerOptions;
	try {
		o = {
			accountMap: p.json<Record<string, AccountMapEntry>>('accountMap', { fallback: {}, cache: true }),
			accounting: p.json<AccountingModel | undefined>('accounting', { cache: true }),
			catchAllAccount: p.str('catchAllAccount'),
			clearingAccount: p.str('clearingAccount'),
			roundingAccount: p.str('roundingAccount') || undefined,
			windowStart: p.str('windowStart') || undefined,
			windowEnd: p.str('windowEnd') || undefined,
			currency: p.str('currency') || undefined,
			includeDeferred: this.getNodeParameter('includeDeferred', 0, false) as boolean,
			keyPrefix: p.str('keyPrefix', 'AMZ'),
			INTN: p.str('INTN'),
			DIVI: p.str('DIVI') || undefined,
			CONO: p.str('CONO') || undefined,
			parmLayout: p.json<ParmField[]>('parmLayout', { shape: 'array', fallback: DEFAULT_PARM_LAYOUT, cache: true }),
			defaultDimensions: p.json<Record<string, string>>('defaultDimensions', { fallback: {}, cache: true }),
		};
	} catch (e) {
		parameterProblem(this, e, 0, undefined, out);
		return out;
	}
	// One posting window per input item (a replay of the dead letter brings several windows in one execution): the
	// transactions of each window make that window's batches, never one batch over all of them.
	const windows = new Map<string, { start?: string; end?: string; indexes: number[] }>();
	for (let index = 0; index < items.length; index++) {
		let start: string | undefined;
		let end: string | undefined;
		try {
			start = params(this, index).str('windowStart') || undefined;
			end = params(this, index).str('windowEnd') || undefined;
		} catch (e) {
			parameterProblem(this, e, index, undefined, out);
			return out;
		}
		const key = `${start ?? ''}|${end ?? ''}`;
		const w = windows.get(key) ?? { start, end, indexes: [] };
		w.indexes.push(index);
		windows.set(key, w);
	}
	for (const w of windows.values()) {
		const records = w.indexes.map((index) => ({ index, json: inputOf(this, items[index], index) }));
		const r = guardBatch(() => financesToGlBatch(records, { ...o, windowStart: w.start, windowEnd: w.end }), items, out);
		if (!r) return out;
		if (r.configIssues.length) {
			const first = r.configIssues[0];
			if (first.code === 'invalid_option') {
				parameterProblem(this, parameterError(this, first.path, first.message), w.indexes[0], undefined, out);
				return out;
			}
			// data-driven batch problems (e.g. PARM overflow): the whole batch is invalid
			out.invalid.push(invalidItem(r.configIssues, { transactions: records.length }, records.map((x) => x.index)));
		}
		for (const bad of r.invalid) out.invalid.push(invalidItem(bad.issues, items[bad.index] ? inputOf(this, items[bad.index], bad.index) : {}, bad.index));
		for (const { batch, sources } of r.batches) {
			const json: Record<string, unknown> = { ...batch };
			if (r.duplicates) json.duplicatesIgnored = r.duplicates;
			if (r.skipped.length) json.skipped = r.skipped;
			out.valid.push(validItem(json, sources));
		}
	}
	return out;
}

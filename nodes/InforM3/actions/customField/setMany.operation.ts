import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { M3Error, upsertCustomFieldsBulk, type M3Client } from '../../../shared/m3';
import { params } from '../../../shared/execution';
import { optionsProperty, type OperationResult } from '../common';
import { keysOf } from './common';

const R = 'customField';
const O = 'setMany';

/** File, keys and values are the "Set" operation's parameters (evaluated per item); only the options differ. */
export const description: INodeProperties[] = [
	optionsProperty(R, O, [
		{
			displayName: 'Ignore Empty Values',
			name: 'ignoreEmpty',
			type: 'boolean',
			default: true,
			description: 'Whether a value that is empty for an item is left as it is in M3 instead of being cleared',
		},
		{
			displayName: 'Skip Record Check (VEXI)',
			name: 'skipExistenceCheck',
			type: 'boolean',
			default: false,
			description: 'Whether to store the values even if no M3 record has these keys',
		},
		{
			displayName: 'Write Only Changes',
			name: 'onlyChanges',
			type: 'boolean',
			default: true,
			description: 'Whether the current values are read first (one bulk request) so that only fields that differ are written and unchanged records not at all',
		},
	]),
];

export async function execute(): Promise<OperationResult> {
	throw new M3Error('"Set Many" runs for all items at once', { kind: 'input' });
}

/**
 * Every item's values in a few v2 bulk requests (read, add, change), instead of one or two requests per item. The
 * result per item: keys, FILE, action (added / changed / unchanged) and the values written.
 */
export async function executeAll(this: IExecuteFunctions, client: M3Client, items: INodeExecutionData[]): Promise<Array<OperationResult | Error>> {
	const out: Array<OperationResult | Error> = new Array(items.length);
	const specs: Array<{ i: number; spec: Parameters<typeof upsertCustomFieldsBulk>[1][number] }> = [];
	items.forEach((_item, i) => {
		try {
			const o = params(this, i).collection();
			const { FILE, keys } = keysOf.call(this, i);
			const list = ((this.getNodeParameter('values', i, {}) as IDataObject).value ?? []) as Array<{ field: string; value: unknown }>;
			const values: Record<string, string> = {};
			for (const v of list) {
				// no field name (e.g. an expression naming none for this item): nothing to write there
				if (!String(v.field ?? '').trim()) continue;
				const text = v.value === undefined || v.value === null ? '' : String(v.value);
				if (text === '' && o.ignoreEmpty !== false) continue;
				values[v.field] = text;
			}
			if (!list.length) throw new M3Error('No values to set were given', { kind: 'input', field: 'values' });
			if (!Object.keys(values).length) {
				out[i] = { FILE, ...keys, action: 'unchanged', reason: 'every value is empty' };
				return;
			}
			specs.push({ i, spec: { FILE, keys, values, skipExistenceCheck: o.skipExistenceCheck === true } });
		} catch (e) {
			out[i] = e as Error;
		}
	});
	if (specs.length) {
		const readFirst = params(this, specs[0].i).collection().onlyChanges !== false;
		const results = await upsertCustomFieldsBulk(client, specs.map((s) => s.spec), { readFirst });
		results.forEach((r, k) => {
			const i = specs[k].i;
			out[i] = r instanceof Error ? r : { ...r.keys, FILE: r.FILE, action: r.action, ...r.values };
		});
	}
	return out;
}

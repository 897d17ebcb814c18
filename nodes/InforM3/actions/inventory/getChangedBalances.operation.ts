import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseM3Number, withNumbers } from '../../../shared/m3';
import { getLimit, getOptions, optionsProperty, returnAllProperties, show, str, type OperationContext } from '../common';

const R = 'inventory';
const O = 'getChangedBalances';

export const description: INodeProperties[] = [
	{
		displayName: 'Changed Since (LMTS)',
		name: 'since',
		type: 'string',
		default: '',
		description:
			'M3 change timestamp; only balances changed after it are returned. Empty = all. Keep the largest LMTS returned for the next run.',
		displayOptions: show(R, O),
	},
	...returnAllProperties(R, O),
	optionsProperty(R, O, [
		{
			displayName: 'Warehouse (WHLO)',
			name: 'warehouse',
			type: 'string',
			default: '',
			description: 'Only balances of this warehouse',
		},
		{
			displayName: 'Cursor Safety Margin (Seconds)',
			name: 'safetySeconds',
			type: 'number',
			default: 60,
			description:
				'LstNewBalances does not return LMTS, so the next cursor is the time of this call minus this margin (clock skew between n8n and M3); balances changed in the margin come again',
		},
		{
			displayName: 'Timestamp Format',
			name: 'timestampFormat',
			type: 'options',
			options: [
				{ name: 'Milliseconds Since 1970', value: 'epochMs' },
				{ name: 'YyyyMMddHHmmssSSS (UTC)', value: 'ymdhmsms' },
			],
			default: 'epochMs',
			description: 'How this M3 writes LMTS (check one LMTS value on your tenant)',
		},
	]),
];

function lmtsOf(ms: number, format: string): string {
	if (format !== 'ymdhmsms') return String(Math.floor(ms));
	const d = new Date(ms).toISOString(); // 2026-11-29T10:00:00.123Z
	return d.replace(/[-:TZ.]/g, '').slice(0, 17);
}

/**
 * OIS100MI/LstNewBalances (delta since LMTS); AV01/AV02 as numbers; each item carries the cursor "nextSince" for the
 * next call: the largest LMTS returned, or (M3 does not return LMTS here) the time of this call minus a safety margin.
 */
export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject[]> {
	const since = str.call(this, 'since', i);
	const limit = getLimit.call(this, i);
	const o = getOptions.call(this, i);
	const whlo = String(o.warehouse ?? '').trim();
	const margin = o.safetySeconds === undefined ? 60 : Number(o.safetySeconds);
	const callStart = lmtsOf(Date.now() - margin * 1000, String(o.timestampFormat ?? 'epochMs'));
	let list = await client.list('OIS100MI', 'LstNewBalances', { LMTS: since }, { maxrecs: whlo ? 0 : limit });
	if (whlo) list = list.filter((r) => r.WHLO === whlo);
	if (limit) list = list.slice(0, limit);
	let next = since === '' || Number(callStart) > Number(since) ? callStart : since;
	for (const r of list) {
		const n = parseM3Number(r.LMTS);
		if (n !== null && (next === '' || n > Number(next))) next = String(r.LMTS);
	}
	return list.map((r) => ({ ...withNumbers(r, ['AV01', 'AV02']), since, nextSince: next }) as IDataObject);
}

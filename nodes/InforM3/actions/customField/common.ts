import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CUSEXT_KEYS } from '../../../shared/m3';
import { params } from '../../../shared/execution';
import { required, show } from '../common';

const R = 'customField';

export const keyProperties = (operations: string[]): INodeProperties[] => [
	{
		displayName: 'File (FILE)',
		name: 'file',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'OOHEAD',
		description: 'The M3 table the fields extend, e.g. OOHEAD, OOLINE, OCUSMA, MITMAS',
		displayOptions: show(R, operations),
	},
	{
		displayName: 'Key 1 (PK01)',
		name: 'pk01',
		type: 'string',
		default: '',
		required: true,
		description: 'First key, e.g. the order number for OOHEAD',
		displayOptions: show(R, operations),
	},
	{
		displayName: 'More Keys',
		name: 'moreKeys',
		type: 'collection',
		placeholder: 'Add Key',
		default: {},
		displayOptions: show(R, operations),
		options: CUSEXT_KEYS.slice(1).map((k, n) => ({
			displayName: `Key ${n + 2} (${k})`,
			name: k,
			type: 'string' as const,
			default: '',
		})),
	},
];

export function keysOf(this: IExecuteFunctions, i: number): { FILE: string; keys: Record<string, string> } {
	const FILE = required(params(this, i), 'file', 'File', 'FILE');
	const PK01 = required(params(this, i), 'pk01', 'Key 1', 'PK01');
	const more = this.getNodeParameter('moreKeys', i, {}) as Record<string, unknown>;
	const keys: Record<string, string> = { PK01 };
	for (const k of CUSEXT_KEYS.slice(1)) {
		const v = more[k];
		if (v !== undefined && v !== null && String(v).trim() !== '') keys[k] = String(v).trim();
	}
	return { FILE, keys };
}

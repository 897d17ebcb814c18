import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CUSEXT_VALUE_FIELDS, M3Error, upsertCustomField } from '../../../shared/m3';
import { params } from '../../../shared/execution';
import { optionsProperty, show, type OperationContext } from '../common';
import { keyProperties, keysOf } from './common';

const R = 'customField';
const O = 'set';

export const description: INodeProperties[] = [
	...keyProperties([O, 'get', 'setMany']),
	{
		displayName: 'Values',
		name: 'values',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Value',
		default: {},
		displayOptions: show(R, [O, 'setMany']),
		options: [
			{
				displayName: 'Value',
				name: 'value',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'options',
						options: CUSEXT_VALUE_FIELDS.map((f) => ({ name: f, value: f })),
						default: 'A030',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	optionsProperty(R, O, [
		{
			displayName: 'Skip Record Check (VEXI)',
			name: 'skipExistenceCheck',
			type: 'boolean',
			default: false,
			description: 'Whether to store the values even if no M3 record has these keys',
		},
	]),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const { FILE, keys } = keysOf.call(this, i);
	const list = ((this.getNodeParameter('values', i, {}) as IDataObject).value ?? []) as Array<{
		field: string;
		value: string;
	}>;
	if (!list.length) throw new M3Error('No values to set were given', { kind: 'input', field: 'values' });
	const values: Record<string, string> = {};
	for (const v of list) values[v.field] = v.value;
	const r = await upsertCustomField(client, {
		FILE,
		keys,
		values,
		skipExistenceCheck: params(this, i).collection().skipExistenceCheck === true,
	});
	return { ...r.keys, FILE, action: r.action, ...r.values };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createGlBatch } from '../../../shared/m3';
import { params } from '../../../shared/execution';
import { optionsProperty, show, type OperationContext } from '../common';

const R = 'glBatch';
const O = 'create';

export const description: INodeProperties[] = [
	{
		displayName: 'GL Batch (JSON)',
		name: 'batchJson',
		type: 'json',
		default: '={{ $json }}',
		description: '{ KEY1, DESC, INTN, lines: [{ PARM }] } as made by the transform (docs/contracts.md "GL batch")',
		displayOptions: show(R, O),
	},
	optionsProperty(R, O, [
		{
			displayName: 'After Adding Lines',
			name: 'finish',
			type: 'options',
			options: [
				{ name: 'Update (UpdBatch, Option 9)', value: 'update' },
				{ name: 'Check (CtrlBatch, Option 6)', value: 'check' },
				{ name: 'Check Then Update', value: 'checkAndUpdate' },
				{ name: 'Nothing (Leave in GLS840)', value: 'none' },
			],
			default: 'update',
		},
		{
			displayName: 'Completion Record Table',
			name: 'completionFile',
			type: 'string',
			default: 'FGLINH',
			description:
				'CUSEXTMI table (FILE) of the record that marks a batch complete (PK01 division, PK02 KEY1): a batch whose lines failed is resumed by the next run instead of counting as posted. Empty = no record (an existing KEY1 counts as posted).',
		},
		{
			displayName: 'Interface Template (INTN)',
			name: 'interfaceTemplate',
			type: 'string',
			default: '',
			description: 'GLS850 template used when the batch has no INTN',
		},
	]),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const o = params(this, i).collection();
	const plan = params(this, i).json('batchJson', { required: true, shape: 'any' });
	const result = await createGlBatch(client, plan, {
		finish: (o.finish as 'update' | 'check' | 'checkAndUpdate' | 'none') ?? 'update',
		interfaceTemplate: o.interfaceTemplate as string | undefined,
		completionFile: o.completionFile === undefined ? undefined : String(o.completionFile),
	});
	return result as unknown as IDataObject;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { params } from '../../../shared/execution';
import { fieldList, optionsProperty, otherFieldsProperty, required, show, type OperationContext } from '../common';

const R = 'customer';
const O = 'create';

/** Template, name, address line 1: mandatory in CRS610MI/Add. Shared with Find or Create. */
export const addProperties = (operation: string): INodeProperties[] => [
	{
		displayName: 'Customer Template (CUTM)',
		name: 'customerTemplate',
		type: 'string',
		default: '',
		required: true,
		description: 'An existing customer used as template (CRS610MI/Add CUTM)',
		displayOptions: show(R, operation),
	},
	{
		displayName: 'Name (CUNM)',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, operation),
	},
	{
		displayName: 'Address Line 1 (CUA1)',
		name: 'address1',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, operation),
	},
	otherFieldsProperty(R, operation, 'Other CRS610MI/Add fields: CUNO, CUA2..CUA4, PONO, TOWN, CSCD, ECAR, PHNO, MAIL ...'),
];

export const description: INodeProperties[] = [...addProperties(O), optionsProperty(R, O)];

export function addInput(this: IExecuteFunctions, i: number): Record<string, unknown> {
	return {
		...fieldList(this.getNodeParameter('otherFields', i, {})),
		CUTM: required(params(this, i), 'customerTemplate', 'Customer Template', 'CUTM'),
		CUNM: required(params(this, i), 'name', 'Name', 'CUNM'),
		CUA1: required(params(this, i), 'address1', 'Address Line 1', 'CUA1'),
	};
}

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const added = await client.get('CRS610MI', 'Add', addInput.call(this, i));
	const customer = await client.get('CRS610MI', 'GetBasicData', { CUNO: added.CUNO });
	return { ...customer, CUNO: added.CUNO, created: true };
}

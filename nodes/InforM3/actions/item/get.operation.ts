import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { params } from '../../../shared/execution';
import { m3Locator, optionsProperty, required, show, type OperationContext } from '../common';

const R = 'item';
const O = 'get';

export const description: INodeProperties[] = [
	m3Locator({
		displayName: 'Item (ITNO)',
		name: 'itemNumber',
		displayOptions: show(R, O),
		searchListMethod: 'searchItems',
		placeholder: 'A100',
		regex: '^\\S{1,15}$',
		errorMessage: 'Not an item number (ITNO: up to 15 characters, no spaces)',
	}),
	optionsProperty(R, O),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const ITNO = required(params(this, i), 'itemNumber', 'Item Number', 'ITNO', { locator: true });
	return { ...(await client.get('MMS200MI', 'Get', { ITNO })) };
}

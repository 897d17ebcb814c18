import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withNumbers } from '../../../shared/m3';
import { params } from '../../../shared/execution';
import { optionsProperty, required, type OperationContext } from '../common';
import { orderNumberProperty } from './get.operation';

const R = 'customerOrder';
const O = 'getLines';

export const LINE_NUMBERS = ['ORQT', 'ORQA', 'SAPR', 'NEPR', 'NLAM', 'ALQT', 'DLQT', 'IVQT'] as const;

export const description: INodeProperties[] = [
	orderNumberProperty(O),
	optionsProperty(R, O, [
		{ displayName: 'Item Number (ITNO)', name: 'itemNumber', type: 'string', default: '' },
		{ displayName: 'Status (ORST)', name: 'status', type: 'string', default: '' },
		{
			displayName: 'Numbers as Numbers',
			name: 'parseNumbers',
			type: 'boolean',
			default: false,
			description: 'Whether to return quantities and amounts (ORQT, SAPR, ALQT, DLQT, IVQT ...) as numbers',
		},
	]),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject[]> {
	const ORNO = required(params(this, i), 'orderNumber', 'Order Number', 'ORNO');
	const o = params(this, i).collection();
	const lines = await client.list('OIS100MI', 'LstLine', { ORNO, ITNO: o.itemNumber, ORST: o.status }, { maxrecs: 0 });
	return lines.map((l) => (o.parseNumbers ? withNumbers(l, LINE_NUMBERS) : { ...l })) as IDataObject[];
}

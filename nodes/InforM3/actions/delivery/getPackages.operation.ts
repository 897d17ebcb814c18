import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { params } from '../../../shared/execution';
import { optionsProperty, required, type OperationContext } from '../common';
import { packagesOf } from './helpers';

const R = 'delivery';
const O = 'getPackages';

export const packageLevelOption: INodeProperties = {
	displayName: 'Package Level (PACO)',
	name: 'packageLevel',
	type: 'string',
	default: '0',
	description: 'MWS423MI/LstPackages packing level',
};

export const description: INodeProperties[] = [optionsProperty(R, O, [packageLevelOption])];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject[]> {
	const DLIX = required(params(this, i), 'deliveryNumber', 'Delivery Number', 'DLIX');
	const level = String(params(this, i).collection().packageLevel ?? '0') || '0';
	return (await packagesOf(client, DLIX, level)) as IDataObject[];
}

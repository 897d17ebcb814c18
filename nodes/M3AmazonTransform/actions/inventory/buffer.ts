import type { INodeProperties } from 'n8n-workflow';

import type { ParamReader } from '../../../shared/execution';

/**
 * The safety buffer and bounds every figure sent to Amazon goes through: one set of fields and one reader for
 * "M3 to Amazon" and the reconciliation report ("Compare"), so the report compares with what the sync would send.
 */
export const safetyBufferFields: INodeProperties[] = [
	{
		displayName: 'Safety Buffer Type',
		name: 'bufferType',
		type: 'options',
		options: [
			{ name: 'Absolute Units', value: 'absolute' },
			{ name: 'Percent', value: 'percent' },
		],
		default: 'absolute',
	},
	{ displayName: 'Safety Buffer', name: 'bufferValue', type: 'number', default: 0, typeOptions: { minValue: 0 } },
	{ displayName: 'Minimum Quantity', name: 'minQuantity', type: 'number', default: 0, typeOptions: { minValue: 0 } },
	{ displayName: 'Maximum Quantity', name: 'maxQuantity', type: 'number', default: 0, description: '0 = no maximum', typeOptions: { minValue: 0 } },
];

export interface SafetyBuffer {
	bufferType: 'absolute' | 'percent';
	bufferValue?: number;
	min: number;
	/** undefined = no maximum */
	max?: number;
}

/** The buffer of the item `p` reads; a buffer type other than absolute / percent (from an expression) is a ParameterError. */
export function safetyBufferOf(p: ParamReader): SafetyBuffer {
	const bufferType = p.str('bufferType', 'absolute');
	if (bufferType !== 'absolute' && bufferType !== 'percent') throw p.error('bufferType', 'bufferType must be absolute or percent');
	const max = p.num('maxQuantity');
	return { bufferType, bufferValue: p.num('bufferValue'), min: p.num('minQuantity') ?? 0, max: max ? max : undefined };
}

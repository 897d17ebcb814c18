import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { OrderSchema } from '../../../shared/canonical/schemas';
import { validateCanonical } from '../../../shared/canonical/validate';
import { canonicalOrderToM3Plan } from '../../../shared/mapping/m3Order';
import { inputFieldProperty, perItem, type OperationOutput } from '../common';
import { m3PlanProperties, readM3Options } from './m3Options';

const properties: INodeProperties[] = [inputFieldProperty, ...m3PlanProperties];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['canonicalToM3'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<OperationOutput> {
	return await perItem(this, items, (input, i) => {
		// input from outside our own mapper: check it against the canonical schema first
		const v = validateCanonical(OrderSchema, input);
		if (!v.ok) return v;
		return canonicalOrderToM3Plan(v.value, readM3Options(this, i));
	});
}

import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { amazonOrderStatus, amazonOrderToCanonical } from '../../../shared/mapping/amazonOrder';
import { canonicalOrderToM3Plan } from '../../../shared/mapping/m3Order';
import { inputFieldProperty, perItem, type OperationOutput } from '../common';
import { amazonOrderProperties, readAmazonOptions } from './amazonOptions';
import { m3PlanProperties, readM3Options } from './m3Options';

const importStatusesProperty: INodeProperties = {
	displayName: 'Import Statuses',
	name: 'importStatuses',
	type: 'string',
	default: '',
	placeholder: 'e.g. UNSHIPPED,PARTIALLY_SHIPPED',
	description:
		'Comma-separated canonical order statuses to turn into M3 orders; orders in other statuses give no output (their next status change brings them back). Empty = all.',
};

const properties: INodeProperties[] = [inputFieldProperty, importStatusesProperty, ...amazonOrderProperties, ...m3PlanProperties];

const SKIPPED = Symbol('skipped');

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['amazonToM3'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<OperationOutput> {
	return await perItem<unknown>(
		this,
		items,
		(input, i) => {
			const wanted = String(this.getNodeParameter('importStatuses', i, '') ?? '')
				.split(',')
				.map((s) => s.trim().toUpperCase())
				.filter(Boolean);
			// not an error: a PENDING order (no prices yet) is imported when its ORDER_CHANGE to UNSHIPPED arrives;
			// checked before mapping, since orders not to import need not be complete
			const status = amazonOrderStatus(input);
			if (wanted.length && status && !wanted.includes(status)) return { ok: true, value: SKIPPED };
			const c = amazonOrderToCanonical(input, readAmazonOptions(this, i));
			if (!c.ok) return c;
			const raw = input !== null && typeof input === 'object' && 'order' in (input as object) ? (input as { order: unknown }).order : input;
			return canonicalOrderToM3Plan(c.value, readM3Options(this, i), raw);
		},
		(value) => (value === SKIPPED ? [] : value),
	);
}

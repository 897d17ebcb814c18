import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { AMAZON_CANCEL_REASONS, m3ClosedToAmazonCancellation } from '../../../shared/mapping/sellerCancellation';
import { inputFieldProperty, perItem, type OperationOutput } from '../common';
import { params } from '../../../shared/execution';

const properties: INodeProperties[] = [
	inputFieldProperty,
	{
		displayName: 'M3 Order (JSON)',
		name: 'm3Order',
		type: 'json',
		default: '={{ $json.m3 }}',
		description: 'The M3 order with its lines, as Infor M3 "Customer Order > Get Closed Without Delivery" gives it (ORNO, CUOR, lines with CUOR, ORST, DLQT)',
	},
	{
		displayName: 'Cancel Reason',
		name: 'cancelReason',
		type: 'options',
		options: AMAZON_CANCEL_REASONS.map((r) => ({ name: r, value: r })),
		default: 'NoInventory',
		description: 'The CancelReason Amazon gets for items M3 closed or deleted without delivery',
	},
	{
		displayName: 'Reason Map (JSON)',
		name: 'reasonMap',
		type: 'json',
		default: '{}',
		description: 'M3 reason code (the line\'s RSCD) -> Amazon CancelReason; lines without a mapped code get Cancel Reason',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['m3ToAmazonCancellation'] } }, properties);

const NOTHING = Symbol('nothing to cancel');

/** One cancellation per Amazon order with items M3 closed without delivery and Amazon has not cancelled yet. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<OperationOutput> {
	return await perItem<unknown>(
		this,
		items,
		(input, i) => {
			const m3 = params(this, i).json<unknown>('m3Order', { cache: true });
			const r = m3ClosedToAmazonCancellation(input, m3, {
				reason: params(this, i).str('cancelReason', 'NoInventory'),
				reasonMap: params(this, i).json<Record<string, string>>('reasonMap', { fallback: {}, cache: true }),
			});
			if (!r.ok) return r;
			return { ok: true, value: r.value ?? NOTHING };
		},
		(value) => (value === NOTHING ? [] : value),
	);
}

import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { amazonOrderStatus, amazonOrderToCanonical, detectAmazonOrderVersion } from '../../../shared/mapping/amazonOrder';
import { fbaAsShippedPlan, isFbaStatusToImport, merchantWarehouses, type FbaMode } from '../../../shared/mapping/fba';
import { canonicalOrderToM3Plan } from '../../../shared/mapping/m3Order';
import { isRecord } from '../../../shared/mapping/result';
import { params } from '../../../shared/execution';
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

const fbaProperties: INodeProperties[] = [
	{
		displayName: 'FBA Orders',
		name: 'fbaOrders',
		type: 'options',
		options: [
			{ name: 'Skip', value: 'skip', description: 'Orders Amazon fulfilled (AFN) give no output; book them from the settlements' },
			{
				name: 'Import as Shipped',
				value: 'importAsShipped',
				description: 'Once Amazon has shipped them: an M3 order in the FBA warehouse with an order type that delivers without picking',
			},
		],
		default: 'skip',
		description: 'What to do with orders fulfilled by Amazon (FBA); Import Statuses apply to merchant-fulfilled orders only',
	},
	{
		displayName: 'FBA Warehouse',
		name: 'fbaWarehouse',
		type: 'string',
		default: '',
		placeholder: 'e.g. FBA',
		description: 'M3 warehouse (WHLO) holding your stock at Amazon; never one of your merchant warehouses',
		displayOptions: { show: { fbaOrders: ['importAsShipped'] } },
	},
	{
		displayName: 'FBA Order Type',
		name: 'fbaOrderType',
		type: 'string',
		default: '',
		placeholder: 'e.g. FBA',
		description: 'M3 order type (ORTP) whose dispatch policy (MWS010) releases, reports picking and issues at once (no picking list)',
		displayOptions: { show: { fbaOrders: ['importAsShipped'] } },
	},
];

const properties: INodeProperties[] = [inputFieldProperty, importStatusesProperty, ...fbaProperties, ...amazonOrderProperties, ...m3PlanProperties];

/** Orders Amazon fulfils (AFN), read before mapping. */
function fulfilledByAmazon(input: unknown): boolean {
	if (!isRecord(input)) return false;
	const o = isRecord(input.order) ? input.order : input;
	if (detectAmazonOrderVersion(input) === '2026-01-01') return isRecord(o.fulfillment) && o.fulfillment.fulfilledBy === 'AMAZON';
	const p = isRecord(o.payload) ? o.payload : o;
	return p.FulfillmentChannel === 'AFN';
}

const SKIPPED = Symbol('skipped');

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['amazonToM3'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<OperationOutput> {
	return await perItem<unknown>(
		this,
		items,
		(input, i) => {
			const wanted = params(this, i).list('importStatuses', { upper: true });
			// not an error: a PENDING order (no prices yet) is imported when its ORDER_CHANGE to UNSHIPPED arrives;
			// checked before mapping, since orders not to import need not be complete
			const status = amazonOrderStatus(input);
			const afn = fulfilledByAmazon(input);
			const fba = String(this.getNodeParameter('fbaOrders', i, 'skip') || 'skip') as FbaMode;
			// an FBA order never becomes a merchant order (its goods are at Amazon): skipped, or imported once shipped
			if (afn && (fba !== 'importAsShipped' || !isFbaStatusToImport(status))) return { ok: true, value: SKIPPED };
			if (!afn && wanted.length && status && !wanted.includes(status)) return { ok: true, value: SKIPPED };
			const c = amazonOrderToCanonical(input, readAmazonOptions(this, i));
			if (!c.ok) return c;
			const raw = input !== null && typeof input === 'object' && 'order' in (input as object) ? (input as { order: unknown }).order : input;
			const m3Options = readM3Options(this, i);
			const plan = canonicalOrderToM3Plan(c.value, m3Options, raw);
			if (!afn || !plan.ok) return plan;
			const asShipped = fbaAsShippedPlan(
				c.value,
				plan.value,
				{ mode: fba, warehouse: String(this.getNodeParameter('fbaWarehouse', i, '') ?? ''), orderType: String(this.getNodeParameter('fbaOrderType', i, '') ?? '') },
				merchantWarehouses(m3Options.headDefaults, m3Options.customerMap),
				raw,
			);
			return asShipped.ok && plan.warnings ? { ...asShipped, warnings: plan.warnings } : asShipped;
		},
		(value) => (value === SKIPPED ? [] : value),
	);
}

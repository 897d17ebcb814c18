import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { ConfirmedPackages, type SpApiClient } from '../../../shared/spapi';
import { marketplaceLocator, orderIdLocator, orderIdOf } from '../common';
import { params } from '../../../shared/execution';

/**
 * v0 confirmShipment (not deprecated), idempotent per order + packageReferenceId:
 * Amazon's model documents no "duplicate package" error (204 on success, generic 400 otherwise) and a repeated
 * confirmation is accepted as a tracking edit, so we look before we send: getOrder (2026-01-01) with
 * includedData=PACKAGES lists the packages already confirmed (packageReferenceId, carrier, trackingNumber).
 * A package with the same packageReferenceId means "already confirmed" -> not sent again. A process-level memory of
 * confirmations covers the short delay before Amazon's order shows a new package.
 */
const properties: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'inputMode',
		type: 'options',
		options: [
			{ name: 'JSON (Shipment Item)', value: 'json', description: 'The Transform node\'s "M3 Delivery -> Amazon Shipment" output (see docs/contracts.md)' },
			{ name: 'Fields', value: 'fields' },
		],
		default: 'json',
	},
	{
		displayName: 'Shipment',
		name: 'shipment',
		type: 'json',
		default: '={{ $json }}',
		required: true,
		description:
			'{ amazonOrderId, marketplaceId, packageReferenceId, idempotencyKey, confirmShipmentRequest: { marketplaceId, packageDetail: { packageReferenceId, carrierCode, carrierName, shippingMethod, trackingNumber, shipDate, orderItems: [{ orderItemId, quantity }] } } }',
		displayOptions: { show: { inputMode: ['json'] } },
	},
	orderIdLocator({ displayOptions: { show: { inputMode: ['fields'] } } }),
	marketplaceLocator({ displayOptions: { show: { inputMode: ['fields'] } } }),
	{
		displayName: 'Package Reference ID',
		name: 'packageReferenceId',
		type: 'string',
		default: '1',
		required: true,
		description: 'Your ID of the package, unique within the order; positive number',
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'Carrier Code',
		name: 'carrierCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'UPS',
		description: 'Amazon carrier code; "Other" requires Carrier Name',
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'Carrier Name',
		name: 'carrierName',
		type: 'string',
		default: '',
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'Shipping Method',
		name: 'shippingMethod',
		type: 'string',
		default: '',
		placeholder: 'Ground',
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'Tracking Number',
		name: 'trackingNumber',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'Ship Date',
		name: 'shipDate',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'Order Items',
		name: 'orderItems',
		type: 'json',
		default: '[{ "orderItemId": "", "quantity": 1 }]',
		required: true,
		description: 'Array of { orderItemId, quantity, transparencyCodes? }',
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Duplicate Check',
				name: 'duplicateCheck',
				type: 'options',
				options: [
					{ name: 'Check Amazon Order Packages First', value: 'amazon', description: 'GetOrder with PACKAGES before sending (uses the getOrder quota, 0.5/s)' },
					{ name: 'This Process Only', value: 'process', description: 'Only confirmations this n8n process already sent' },
					{ name: 'None', value: 'none', description: 'Always send (Amazon then treats a repeat as a tracking edit)' },
				],
				default: 'amazon',
			},
			{
				displayName: 'If Already Confirmed',
				name: 'ifConfirmed',
				type: 'options',
				options: [
					{ name: 'Skip (Output Item with Skipped = True)', value: 'skip' },
					{ name: 'Send Again if Tracking Changed', value: 'resendIfChanged', description: 'Update carrier/tracking of the package when they differ' },
					{ name: 'Fail the Item', value: 'error' },
				],
				default: 'skip',
			},
			{
				displayName: 'Ship From Supply Source ID',
				name: 'shipFromSupplySourceId',
				type: 'string',
				default: '',
			},
			{
				displayName: 'COD Collection Method',
				name: 'codCollectionMethod',
				type: 'options',
				options: [{ name: 'Direct Payment (JP Only)', value: 'DirectPayment' }],
				default: 'DirectPayment',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['confirmShipment'] } }, properties);

/** idempotency memory of this process: `${endpoint}|${seller}|${orderId}#${packageReferenceId}` -> tracking number
 * (24 h, at most 10,000 packages) */
const confirmedHere = new ConfirmedPackages();
/** packages being checked and confirmed by this process now (same key as confirmedHere) */
const inFlight = new Map<string, Promise<void>>();

interface Normalized {
	orderId: string;
	idempotencyKey: string;
	body: IDataObject;
	packageReferenceId: string;
	trackingNumber: string;
	carrierCode: string;
}

function str(v: unknown): string {
	return v === undefined || v === null ? '' : String(v).trim();
}

function compact(o: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(o)) {
		if (v === undefined || v === null || v === '') continue;
		out[k] = v;
	}
	return out;
}

export function normalizeShipment(input: IDataObject, defaultMarketplace: string | undefined): { ok: true; value: Normalized } | { ok: false; error: string } {
	const req = ((input.confirmShipmentRequest as IDataObject) ?? input) as IDataObject;
	const pd = ((req.packageDetail as IDataObject) ?? (input.packageDetail as IDataObject) ?? {}) as IDataObject;
	const orderId = str(input.amazonOrderId ?? input.orderId ?? input.AmazonOrderId ?? req.amazonOrderId);
	const marketplaceId = str(req.marketplaceId ?? input.marketplaceId) || str(defaultMarketplace);
	const packageReferenceId = str(pd.packageReferenceId ?? input.packageReferenceId);
	const problems: string[] = [];
	if (!/^\d{3}-\d{7}-\d{7}$/.test(orderId)) problems.push(`amazonOrderId "${orderId}" is not an Amazon order ID (3-7-7 digits)`);
	if (!marketplaceId) problems.push('marketplaceId is missing');
	if (!/^[1-9]\d*$/.test(packageReferenceId)) problems.push(`packageReferenceId "${packageReferenceId}" must be a positive number`);
	const carrierCode = str(pd.carrierCode);
	if (!carrierCode) problems.push('packageDetail.carrierCode is required');
	if (carrierCode.toLowerCase() === 'other' && !str(pd.carrierName)) problems.push('packageDetail.carrierName is required when carrierCode is "Other"');
	const trackingNumber = str(pd.trackingNumber);
	if (!trackingNumber) problems.push('packageDetail.trackingNumber is required');
	const shipDateRaw = str(pd.shipDate);
	const shipDate = new Date(shipDateRaw);
	if (!shipDateRaw || Number.isNaN(shipDate.getTime())) problems.push('packageDetail.shipDate must be an ISO 8601 date-time');
	const items = Array.isArray(pd.orderItems) ? (pd.orderItems as IDataObject[]) : [];
	if (items.length === 0) problems.push('packageDetail.orderItems must list at least one { orderItemId, quantity }');
	const orderItems = items.map((it, n) => {
		const orderItemId = str(it.orderItemId);
		const quantity = Number(it.quantity);
		if (!orderItemId) problems.push(`orderItems[${n}].orderItemId is required`);
		if (!Number.isInteger(quantity) || quantity < 1) problems.push(`orderItems[${n}].quantity must be a positive integer`);
		return compact({
			orderItemId,
			quantity,
			transparencyCodes: Array.isArray(it.transparencyCodes) && it.transparencyCodes.length ? it.transparencyCodes : undefined,
		});
	});
	if (problems.length) return { ok: false, error: problems.join('; ') };
	const packageDetail = compact({
		packageReferenceId,
		carrierCode,
		carrierName: str(pd.carrierName),
		shippingMethod: str(pd.shippingMethod),
		trackingNumber,
		shipDate: shipDateRaw.includes('T') ? shipDateRaw : shipDate.toISOString(),
		shipFromSupplySourceId: str(pd.shipFromSupplySourceId),
		orderItems,
	});
	const body = compact({ marketplaceId, packageDetail, codCollectionMethod: str(req.codCollectionMethod) });
	return {
		ok: true,
		value: {
			orderId,
			idempotencyKey: str(input.idempotencyKey) || `${orderId}#${packageReferenceId}`,
			body,
			packageReferenceId,
			trackingNumber,
			carrierCode,
		},
	};
}

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const mode = this.getNodeParameter('inputMode', i) as string;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	let input: IDataObject;
	if (mode === 'json') {
		input = params(this, i).json<IDataObject>('shipment', { fallback: {} });
	} else {
		const items = params(this, i).json<IDataObject[]>('orderItems', { shape: 'array' });
		input = {
			amazonOrderId: orderIdOf.call(this, i),
			marketplaceId: this.getNodeParameter('marketplaceId', i, '', { extractValue: true }),
			packageDetail: {
				packageReferenceId: this.getNodeParameter('packageReferenceId', i),
				carrierCode: this.getNodeParameter('carrierCode', i),
				carrierName: this.getNodeParameter('carrierName', i, ''),
				shippingMethod: this.getNodeParameter('shippingMethod', i, ''),
				trackingNumber: this.getNodeParameter('trackingNumber', i),
				shipDate: this.getNodeParameter('shipDate', i),
				orderItems: items,
				shipFromSupplySourceId: options.shipFromSupplySourceId,
			},
			...(options.codCollectionMethod ? { codCollectionMethod: options.codCollectionMethod } : {}),
		};
	}
	const n = normalizeShipment(input, client.marketplaceIds[0]);
	if (!n.ok) {
		throw new NodeOperationError(this.getNode(), `Invalid shipment confirmation: ${n.error}`, { itemIndex: i });
	}
	const { orderId, packageReferenceId, trackingNumber, carrierCode, idempotencyKey, body } = n.value;
	const duplicateCheck = (options.duplicateCheck as string) ?? 'amazon';
	const ifConfirmed = (options.ifConfirmed as string) ?? 'skip';
	const memoryKey = `${client.config.endpoint}|${client.config.partnerKey}|${orderId}#${packageReferenceId}`;
	const base: IDataObject = { amazonOrderId: orderId, packageReferenceId, idempotencyKey, trackingNumber, carrierCode };
	// where the package comes from (the Transform's m3: { DLIX, ORNO, packages }) rides along for the M3 "confirmed" mark
	if (input.m3 && typeof input.m3 === 'object' && !Array.isArray(input.m3)) base.m3 = input.m3;

	// Two executions of this process confirming the same package at once (an ION Sync.Shipment and the schedule, two
	// overlapping runs) would both find it missing on Amazon and both send it: one checks and sends at a time.
	if (duplicateCheck !== 'none') {
		for (let waiting = inFlight.get(memoryKey); waiting; waiting = inFlight.get(memoryKey)) await waiting;
	}
	let release = () => {};
	if (duplicateCheck !== 'none') inFlight.set(memoryKey, new Promise<void>((resolve) => (release = resolve)));
	try {
		return await checkAndConfirm.call(this);
	} finally {
		if (duplicateCheck !== 'none') inFlight.delete(memoryKey);
		release();
	}

	async function checkAndConfirm(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		let existing: IDataObject | undefined;
		let source = '';
		const remembered = duplicateCheck !== 'none' ? confirmedHere.get(memoryKey) : undefined;
		if (remembered !== undefined) {
			existing = { packageReferenceId, trackingNumber: remembered };
			source = 'thisProcess';
		}
		if (!existing && duplicateCheck === 'amazon') {
			const res = await client.call<{ order?: IDataObject }>('orders2026.getOrder', {
				pathParams: { orderId },
				query: { includedData: ['PACKAGES'] },
			});
			const packages = (res.body.order?.packages as IDataObject[] | undefined) ?? [];
			existing = packages.find((p) => str(p.packageReferenceId) === packageReferenceId);
			if (existing) source = 'amazonOrderPackages';
		}
		if (existing) {
			const sameTracking = str(existing.trackingNumber) === '' || str(existing.trackingNumber) === trackingNumber;
			if (ifConfirmed === 'error') {
				throw new NodeOperationError(this.getNode(), `Package ${packageReferenceId} of order ${orderId} is already confirmed`, { itemIndex: i });
			}
			if (ifConfirmed === 'skip' || sameTracking) {
				return [{ json: { ...base, confirmed: true, skipped: true, reason: 'alreadyConfirmed', checkedIn: source, existingPackage: existing } }];
			}
		}
		const res = await client.call('ordersV0.confirmShipment', { pathParams: { orderId }, body });
		confirmedHere.set(memoryKey, trackingNumber);
		return [
			{
				json: {
					...base,
					confirmed: true,
					skipped: false,
					...(existing ? { updated: true, previousPackage: existing } : {}),
					status: res.status,
					requestId: res.requestId,
				},
			},
		];
	}
}

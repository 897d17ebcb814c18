import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { Shipment } from '../../../shared/canonical/schemas';
import {
	m3DeliveryToShipmentResults,
	shipmentsToFulfillmentFeed,
	shipmentToConfirmShipment,
	type CarrierMapEntry,
	type ShipmentOptions,
} from '../../../shared/mapping/shipment';
import { guardBatch, inputFieldProperty, inputOf, invalidItem, parameterProblem, validItem, type OperationOutput } from '../common';
import { params, parameterError } from '../../../shared/execution';

const properties: INodeProperties[] = [
	inputFieldProperty,
	{
		displayName: 'Output',
		name: 'shipmentOutput',
		type: 'options',
		options: [
			{ name: 'Canonical Shipment', value: 'canonical', description: 'One item per M3 delivery' },
			{ name: 'Confirm Shipment Input', value: 'confirmShipment', description: 'One item per package: the Amazon "Order > Confirm Shipment" input' },
			{ name: 'Fulfillment Feed (XML)', value: 'feed', description: 'One item with a POST_ORDER_FULFILLMENT_DATA document for all input items' },
		],
		default: 'confirmShipment',
	},
	{
		displayName: 'Seller ID (Merchant Token)',
		name: 'sellerId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { shipmentOutput: ['feed'] } },
	},
	{
		displayName: 'Carrier Map (JSON)',
		name: 'carrierMap',
		type: 'json',
		default: '{\n  "UPS": { "carrierCode": "UPS", "shippingMethod": "Ground" },\n  "DHL/EXP": { "carrierCode": "DHL", "shippingMethod": "Express" }\n}',
		description:
			'M3 forwarder (FWNO), "FWNO/MODL" or "*/MODL" to an Amazon carrier code (or {carrierCode, carrierName, shippingMethod}). Unknown carriers are sent as "Other" with the forwarder as carrier name.',
	},
	{
		displayName: 'Default Marketplace ID',
		name: 'marketplaceId',
		type: 'string',
		default: 'ATVPDKIKX0DER',
		description: 'Used when the item has no marketplaceId and the customer is not in the marketplace map',
	},
	{
		displayName: 'Marketplace by Customer (JSON)',
		name: 'marketplaceByCustomer',
		type: 'json',
		default: '{}',
		description: 'M3 customer (CUNO) to Amazon marketplace ID',
	},
	{
		displayName: 'Warehouse Time Zone',
		name: 'timeZone',
		type: 'string',
		default: 'UTC',
		placeholder: 'Europe/Berlin',
		description:
			'Time zone of the M3 departure date/time (DSDT/DSHM) of a warehouse not listed below: IANA name (daylight saving time followed) or a fixed offset such as +01:00. The ship date goes to Amazon as ISO 8601 with that offset.',
	},
	{
		displayName: 'Time Zone per Warehouse (JSON)',
		name: 'warehouseTimeZones',
		type: 'json',
		default: '{}',
		description: 'M3 warehouse (WHLO) to its time zone, e.g. {"001": "America/New_York", "DE1": "Europe/Berlin"}',
	},
	{
		displayName: 'Issued From Status (PGRS)',
		name: 'issuedFrom',
		type: 'string',
		default: '60',
		description:
			'Lowest M3 delivery progress status (PGRS) of an issued delivery: deliveries below it are left out, tracking number or not (a delivery without PGRS counts as issued)',
	},
	{
		displayName: 'Package Mode',
		name: 'packageMode',
		type: 'options',
		options: [
			{ name: 'Auto', value: 'auto', description: 'Per M3 package when the packages list their lines, else per delivery' },
			{ name: 'Per Delivery', value: 'delivery' },
			{ name: 'Per M3 Package', value: 'package' },
		],
		default: 'auto',
	},
	{
		displayName: 'Nothing Shipped Yet',
		name: 'notShippedYet',
		type: 'options',
		options: [
			{ name: 'Invalid Item', value: 'invalid', description: 'An order without delivered quantities goes to Invalid' },
			{
				name: 'Skip',
				value: 'skip',
				description: 'No item, an execution hint counts them: a later run (schedule or BOD) confirms them once shipped',
			},
		],
		default: 'invalid',
	},
	{
		displayName: 'Require Amazon Order ID in CUOR',
		name: 'requireAmazonOrderId',
		type: 'boolean',
		default: true,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['shipment'], operation: ['m3ToAmazon'] } }, properties);

function readOptions(ctx: IExecuteFunctions, i: number): ShipmentOptions {
	const pm = params(ctx, i).str('packageMode', 'auto');
	if (pm !== 'auto' && pm !== 'delivery' && pm !== 'package') throw parameterError(ctx, 'packageMode', 'packageMode must be auto, delivery or package');
	return {
		carrierMap: params(ctx, i).json<Record<string, CarrierMapEntry>>('carrierMap', { fallback: {}, cache: true }),
		marketplaceId: params(ctx, i).str('marketplaceId'),
		marketplaceByCustomer: params(ctx, i).json<Record<string, string>>('marketplaceByCustomer', { fallback: {}, cache: true }),
		// timezoneOffset: the parameter of earlier versions (a fixed offset), used when no time zone is set
		timeZone: params(ctx, i).str('timeZone') || params(ctx, i).str('timezoneOffset') || 'UTC',
		warehouseTimeZones: params(ctx, i).json<Record<string, string>>('warehouseTimeZones', { fallback: {}, cache: true }),
		issuedFrom: params(ctx, i).str('issuedFrom', '60'),
		packageMode: pm,
		requireAmazonOrderId: ctx.getNodeParameter('requireAmazonOrderId', i, true) as boolean,
	};
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<OperationOutput> {
	const out: OperationOutput = { valid: [], invalid: [] };
	if (items.length === 0) return out;
	const mode = params(this, 0).str('shipmentOutput', 'confirmShipment');
	const feed: Shipment[] = [];
	const feedSources: number[] = [];
	let notYet = 0;
	for (let i = 0; i < items.length; i++) {
		let input: unknown;
		try {
			input = inputOf(this, items[i], i);
			const opts = readOptions(this, i);
			let r: ReturnType<typeof m3DeliveryToShipmentResults>;
			try {
				r = m3DeliveryToShipmentResults(input, opts);
			} catch (e) {
				r = { results: [], skipped: [], issues: [{ path: '', code: 'internal_error', message: e instanceof Error ? e.message : String(e) }] };
			}
			if (r.issues.length) {
				// skipped on purpose: nothing is lost, the order comes back when M3 has shipped something
				if (r.issues.every((x) => x.code === 'nothing_shipped') && params(this, i).str('notShippedYet', 'invalid') === 'skip') {
					notYet++;
					continue;
				}
				out.invalid.push(invalidItem(r.issues, input, i));
				continue;
			}
			// a result per delivery: one that cannot be confirmed fails alone, its siblings go on
			const shipments: Shipment[] = [];
			for (const d of r.results) {
				if (d.shipment) shipments.push(d.shipment);
				else out.invalid.push(invalidItem(d.issues.map((x) => ({ ...x, path: `delivery ${d.dlix}${x.path ? `: ${x.path}` : ''}` })), input, i));
			}
			if (mode === 'canonical') for (const s of shipments) out.valid.push(validItem(s, i));
			else if (mode === 'feed') {
				feed.push(...shipments);
				if (shipments.length) feedSources.push(i);
			} else for (const s of shipments) for (const c of shipmentToConfirmShipment(s)) out.valid.push(validItem(c, i));
		} catch (e) {
			parameterProblem(this, e, i, input, out);
		}
	}
	if (notYet > 0) {
		this.addExecutionHints({
			message: `${notYet} order${notYet === 1 ? ' has' : 's have'} nothing shipped yet: skipped, a later run confirms them`,
			location: 'outputPane',
		});
	}
	if (mode === 'feed' && feed.length) {
		const sellerId = params(this, 0).str('sellerId');
		if (!sellerId) {
			parameterProblem(this, parameterError(this, 'sellerId', 'Seller ID is required for the fulfillment feed'), 0, undefined, out);
			return out;
		}
		const built = guardBatch(() => shipmentsToFulfillmentFeed(feed, sellerId), items, out);
		if (!built) return out;
		const { content, messages } = built;
		out.valid.push(
			validItem(
				{ feedType: 'POST_ORDER_FULFILLMENT_DATA', contentType: 'text/xml; charset=UTF-8', content, messages, shipments: feed.length },
				feedSources,
			),
		);
	}
	return out;
}

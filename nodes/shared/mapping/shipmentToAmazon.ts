/**
 * Canonical Shipment -> Amazon: one confirmShipment input per package, or a POST_ORDER_FULFILLMENT_DATA XML feed (one
 * Message per package) for bulk back-fill (docs/contracts.md). The M3 side is shipment.ts.
 */
import type { Shipment } from '../canonical/schemas';

export interface ConfirmShipmentInput {
	amazonOrderId: string;
	marketplaceId: string;
	packageReferenceId: string;
	idempotencyKey: string;
	/** the M3 delivery the package comes from and how many Amazon packages it has (for the "confirmed" mark) */
	m3: { DLIX: string; ORNO: string; packages: number };
	confirmShipmentRequest: {
		marketplaceId: string;
		packageDetail: {
			packageReferenceId: string;
			carrierCode: string;
			carrierName: string;
			shippingMethod: string;
			trackingNumber: string;
			shipDate: string;
			orderItems: Array<{ orderItemId: string; quantity: number }>;
		};
	};
}

/** Canonical Shipment -> one confirmShipment input per package (docs/contracts.md). */
export function shipmentToConfirmShipment(s: Shipment): ConfirmShipmentInput[] {
	const out: ConfirmShipmentInput[] = [];
	for (const pkg of s.packages) {
		out.push({
			amazonOrderId: s.orderRef.id,
			marketplaceId: s.marketplaceId ?? '',
			packageReferenceId: pkg.packageReferenceId,
			idempotencyKey: `${s.orderRef.id}#${pkg.packageReferenceId}`,
			m3: { DLIX: s.source.id, ORNO: s.m3OrderNumber ?? '', packages: s.packages.length },
			confirmShipmentRequest: {
				marketplaceId: s.marketplaceId ?? '',
				packageDetail: {
					packageReferenceId: pkg.packageReferenceId,
					carrierCode: s.carrier.code,
					carrierName: s.carrier.code === 'Other' ? s.carrier.name ?? '' : s.carrier.name ?? '',
					shippingMethod: s.shippingMethod ?? '',
					trackingNumber: pkg.trackingNumber ?? '',
					shipDate: s.shipDate,
					orderItems: pkg.lines.map((l) => ({ orderItemId: l.orderItemId, quantity: Number(l.quantity.value) })),
				},
			},
		});
	}
	return out;
}

function esc(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Canonical Shipments -> POST_ORDER_FULFILLMENT_DATA XML (one Message per package). */
export function shipmentsToFulfillmentFeed(shipments: Shipment[], merchantId: string): { content: string; messages: number } {
	const parts: string[] = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">',
		`<Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${esc(merchantId)}</MerchantIdentifier></Header>`,
		'<MessageType>OrderFulfillment</MessageType>',
	];
	let id = 0;
	for (const s of shipments) {
		for (const pkg of s.packages) {
			id++;
			const carrier =
				s.carrier.code === 'Other'
					? `<CarrierName>${esc(s.carrier.name ?? 'Other')}</CarrierName>`
					: `<CarrierCode>${esc(s.carrier.code)}</CarrierCode>`;
			const method = s.shippingMethod ? `<ShippingMethod>${esc(s.shippingMethod)}</ShippingMethod>` : '';
			const tracking = pkg.trackingNumber ? `<ShipperTrackingNumber>${esc(pkg.trackingNumber)}</ShipperTrackingNumber>` : '';
			const items = pkg.lines
				.map((l) => `<Item><AmazonOrderItemCode>${esc(l.orderItemId)}</AmazonOrderItemCode><Quantity>${esc(l.quantity.value)}</Quantity></Item>`)
				.join('');
			parts.push(
				`<Message><MessageID>${id}</MessageID><OrderFulfillment><AmazonOrderID>${esc(s.orderRef.id)}</AmazonOrderID>` +
					`<MerchantFulfillmentID>${esc(pkg.packageReferenceId)}</MerchantFulfillmentID>` +
					`<FulfillmentDate>${esc(s.shipDate)}</FulfillmentDate><FulfillmentData>${carrier}${method}${tracking}</FulfillmentData>` +
					`${items}</OrderFulfillment></Message>`,
			);
		}
	}
	parts.push('</AmazonEnvelope>');
	return { content: parts.join('\n'), messages: id };
}

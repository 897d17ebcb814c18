/**
 * SP-API notification envelopes (spapi.md §9): PascalCase (ORDER_CHANGE, most types) and camelCase
 * (FEED_PROCESSING_FINISHED, REPORT_PROCESSING_FINISHED, ...) are both read, case-insensitively,
 * into one output shape that SQS, EventBridge and the Orders backstop share.
 */
import type { IDataObject } from 'n8n-workflow';

export type NotificationSource = 'sqs' | 'eventbridge' | 'backstop';

/** Output item of the Amazon SP-API triggers. */
export interface NotificationItem extends IDataObject {
	notificationType: string | null;
	notificationId: string | null;
	notificationVersion: string | null;
	payloadVersion: string | null;
	eventTime: string | null;
	publishTime: string | null;
	applicationId: string | null;
	subscriptionId: string | null;
	/** The envelope's Payload/payload object as Amazon sent it (inner casing untouched). */
	payload: IDataObject | null;
	source: NotificationSource;
	/** ORDER_CHANGE convenience fields (null for other types). */
	amazonOrderId: string | null;
	orderStatus: string | null;
	marketplaceId: string | null;
	orderChangeType: string | null;
	/** FEED_PROCESSING_FINISHED convenience fields (null for other types). */
	feedId: string | null;
	processingStatus: string | null;
	resultFeedDocumentId: string | null;
}

function isObj(v: unknown): v is IDataObject {
	return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Property by name, case-insensitively (`NotificationType` / `notificationType`). */
export function prop(obj: unknown, name: string): unknown {
	if (!isObj(obj)) return undefined;
	if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
	const lower = name.toLowerCase();
	for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
	return undefined;
}

function str(v: unknown): string | null {
	if (v === undefined || v === null) return null;
	const s = String(v);
	return s === '' ? null : s;
}

/** True when `v` looks like an SP-API notification envelope. */
export function isEnvelope(v: unknown): boolean {
	return isObj(v) && typeof prop(v, 'notificationType') === 'string' && prop(v, 'payload') !== undefined;
}

export function normalizeNotification(envelope: unknown, source: NotificationSource): NotificationItem {
	const md = prop(envelope, 'notificationMetadata');
	const payload = prop(envelope, 'payload');
	const type = str(prop(envelope, 'notificationType'));
	const item: NotificationItem = {
		notificationType: type,
		notificationId: str(prop(md, 'notificationId')),
		notificationVersion: str(prop(envelope, 'notificationVersion')),
		payloadVersion: str(prop(envelope, 'payloadVersion')),
		eventTime: str(prop(envelope, 'eventTime')),
		publishTime: str(prop(md, 'publishTime')),
		applicationId: str(prop(md, 'applicationId')),
		subscriptionId: str(prop(md, 'subscriptionId')),
		payload: isObj(payload) ? payload : null,
		source,
		amazonOrderId: null,
		orderStatus: null,
		marketplaceId: null,
		orderChangeType: null,
		feedId: null,
		processingStatus: null,
		resultFeedDocumentId: null,
	};
	const oc = prop(payload, 'orderChangeNotification');
	if (isObj(oc)) {
		const summary = prop(oc, 'summary');
		item.amazonOrderId = str(prop(oc, 'amazonOrderId'));
		item.orderChangeType = str(prop(oc, 'orderChangeType'));
		item.orderStatus = str(prop(summary, 'orderStatus'));
		item.marketplaceId = str(prop(summary, 'marketplaceId'));
	}
	const fp = prop(payload, 'feedProcessingFinishedNotification');
	if (isObj(fp)) {
		item.feedId = str(prop(fp, 'feedId'));
		item.processingStatus = str(prop(fp, 'processingStatus'));
		item.resultFeedDocumentId = str(prop(fp, 'resultFeedDocumentId'));
	}
	return item;
}

/** Orders API 2026-01-01 status -> the v0 OrderStatus enum ORDER_CHANGE carries. */
export const V0_ORDER_STATUS: Record<string, string> = {
	PENDING_AVAILABILITY: 'PendingAvailability',
	PENDING: 'Pending',
	UNSHIPPED: 'Unshipped',
	PARTIALLY_SHIPPED: 'PartiallyShipped',
	SHIPPED: 'Shipped',
	CANCELLED: 'Canceled',
	UNFULFILLABLE: 'Unfulfillable',
};

function num(v: unknown): number {
	const n = Number(v);
	return Number.isFinite(n) ? n : 0;
}

/**
 * An Orders 2026-01-01 `Order` as an ORDER_CHANGE envelope (PascalCase, payload version 1.0), so the
 * backstop poll emits what the SQS/EventBridge channels emit. Fields the order cannot supply are null.
 */
export function orderToOrderChangeEnvelope(order: IDataObject, sellerId: string | null, publishTime: string): IDataObject {
	const fulfillment = (prop(order, 'fulfillment') ?? {}) as IDataObject;
	const salesChannel = (prop(order, 'salesChannel') ?? {}) as IDataObject;
	const items = (Array.isArray(order.orderItems) ? order.orderItems : []) as IDataObject[];
	let shipped = 0;
	let unshipped = 0;
	const orderItems = items.map((it) => {
		const product = (it.product ?? {}) as IDataObject;
		const f = (it.fulfillment ?? {}) as IDataObject;
		const q = num(it.quantityOrdered);
		const qs = num(f.quantityFulfilled);
		shipped += qs;
		unshipped += f.quantityUnfulfilled !== undefined ? num(f.quantityUnfulfilled) : Math.max(0, q - qs);
		return {
			OrderItemId: str(it.orderItemId),
			SellerSKU: str(product.sellerSku),
			SupplySourceId: null,
			OrderItemStatus: qs >= q && q > 0 ? 'Shipped' : 'Unshipped',
			Quantity: q,
			QuantityShipped: qs,
			IsBuyerRequestedCancel: Boolean((it.cancellation as IDataObject | undefined)?.cancellationRequest),
		};
	});
	const status = String(fulfillment.fulfillmentStatus ?? '');
	const shipBy = (fulfillment.shipByWindow ?? {}) as IDataObject;
	const deliverBy = (fulfillment.deliverByWindow ?? {}) as IDataObject;
	const recipient = (order.recipient ?? {}) as IDataObject;
	const address = (recipient.deliveryAddress ?? {}) as IDataObject;
	const lastUpdated = str(order.lastUpdatedTime);
	const orderId = str(order.orderId);
	return {
		NotificationVersion: '1.0',
		NotificationType: 'ORDER_CHANGE',
		PayloadVersion: '1.0',
		EventTime: lastUpdated,
		Payload: {
			OrderChangeNotification: {
				NotificationLevel: 'OrderLevel',
				SellerId: sellerId,
				AmazonOrderId: orderId,
				OrderChangeType: 'OrderStatusChange',
				OrderChangeTrigger: { TimeOfOrderChange: lastUpdated, ChangeReason: 'Backstop poll (searchOrders lastUpdatedAfter)' },
				Summary: {
					MarketplaceId: str(salesChannel.marketplaceId),
					OrderStatus: V0_ORDER_STATUS[status] ?? (status || null),
					PurchaseDate: str(order.createdTime),
					DestinationPostalCode: str(address.postalCode),
					FulfillmentType: fulfillment.fulfilledBy === 'AMAZON' ? 'AFN' : fulfillment.fulfilledBy === 'MERCHANT' ? 'MFN' : null,
					OrderType: 'StandardOrder',
					NumberOfItemsShipped: shipped,
					NumberOfItemsUnshipped: unshipped,
					EarliestDeliveryDate: str(deliverBy.earliestDateTime),
					LatestDeliveryDate: str(deliverBy.latestDateTime),
					EarliestShipDate: str(shipBy.earliestDateTime),
					LatestShipDate: str(shipBy.latestDateTime),
					OrderItems: orderItems,
				},
			},
		},
		NotificationMetadata: {
			ApplicationId: null,
			SubscriptionId: null,
			PublishTime: publishTime,
			NotificationId: `backstop:${orderId}:${lastUpdated}`,
		},
	};
}


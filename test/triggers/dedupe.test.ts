import type { IDataObject } from 'n8n-workflow';

import { hasSeen, markSeen, pruneSeen } from '../../nodes/shared/webhook/dedupe';
import { normalizeNotification, orderToOrderChangeEnvelope } from '../../nodes/shared/spapi/notifications';
import { logicalIdMatches } from '../../nodes/InforIonTrigger/InforIonTrigger.node';

describe('seen-id window in static data', () => {
	it('expires entries after the window and keeps at most maxEntries', () => {
		const store: IDataObject = {};
		const opts = { windowMs: 1000, maxEntries: 3 };
		markSeen(store, 'ids', 'a', { ...opts, now: 0 });
		expect(hasSeen(store, 'ids', 'a', { ...opts, now: 500 })).toBe(true);
		expect(hasSeen(store, 'ids', 'a', { ...opts, now: 1500 })).toBe(false);
		for (const [i, id] of ['b', 'c', 'd', 'e'].entries()) markSeen(store, 'ids', id, { ...opts, now: 100 + i });
		expect(Object.keys(store.ids as object).sort()).toEqual(['c', 'd', 'e']);
		pruneSeen(store, 'ids', { ...opts, now: 5000 });
		expect(store.ids).toEqual({});
	});

	it('ids such as "__proto__" are plain keys', () => {
		const store: IDataObject = {};
		markSeen(store, 'ids', '__proto__', { windowMs: 1000, maxEntries: 10 });
		expect(hasSeen(store, 'ids', '__proto__', { windowMs: 1000, maxEntries: 10 })).toBe(true);
		expect(hasSeen(store, 'ids', 'constructor', { windowMs: 1000, maxEntries: 10 })).toBe(false);
	});
});

describe('notification envelopes', () => {
	it('reads PascalCase and camelCase envelopes alike (model examples)', () => {
		const pascal = normalizeNotification(
			{
				NotificationVersion: '1.0',
				NotificationType: 'ORDER_CHANGE',
				PayloadVersion: '1.0',
				EventTime: '2020-01-11T00:09:53.109Z',
				Payload: {
					OrderChangeNotification: {
						AmazonOrderId: '903-8868176-2219830',
						OrderChangeType: 'BuyerRequestedChange',
						Summary: { MarketplaceId: 'ATVPDKIKX0DER', OrderStatus: 'Unshipped' },
					},
				},
				NotificationMetadata: { ApplicationId: 'app', SubscriptionId: 'sub', PublishTime: '2020-07-13T19:42:04.284Z', NotificationId: 'n1' },
			},
			'sqs',
		);
		expect(pascal).toMatchObject({
			notificationType: 'ORDER_CHANGE',
			notificationId: 'n1',
			amazonOrderId: '903-8868176-2219830',
			orderStatus: 'Unshipped',
			marketplaceId: 'ATVPDKIKX0DER',
			orderChangeType: 'BuyerRequestedChange',
		});
		const camel = normalizeNotification(
			{
				notificationVersion: '2020-09-04',
				notificationType: 'FEED_PROCESSING_FINISHED',
				payloadVersion: '2020-09-04',
				eventTime: '2020-07-13T19:42:04.284Z',
				payload: { feedProcessingFinishedNotification: { feedId: '53347018456', processingStatus: 'DONE', resultFeedDocumentId: 'doc' } },
				notificationMetadata: { applicationId: 'a', subscriptionId: 's', publishTime: 'p', notificationId: 'n2' },
			},
			'sqs',
		);
		expect(camel).toMatchObject({ notificationType: 'FEED_PROCESSING_FINISHED', notificationId: 'n2', feedId: '53347018456', processingStatus: 'DONE' });
	});

	it('an Orders 2026 order becomes an ORDER_CHANGE envelope', () => {
		const env = orderToOrderChangeEnvelope(
			{
				orderId: '111-1111111-1111111',
				createdTime: '2026-11-29T10:00:00Z',
				lastUpdatedTime: '2026-11-29T11:00:00Z',
				salesChannel: { marketplaceId: 'ATVPDKIKX0DER' },
				fulfillment: { fulfillmentStatus: 'PARTIALLY_SHIPPED', fulfilledBy: 'MERCHANT' },
				orderItems: [
					{ orderItemId: 'I1', quantityOrdered: 2, product: { sellerSku: 'S1' }, fulfillment: { quantityFulfilled: 1, quantityUnfulfilled: 1 } },
				],
			},
			'SELLER',
			'2026-11-29T11:05:00Z',
		);
		const n = normalizeNotification(env, 'backstop');
		expect(n).toMatchObject({ notificationType: 'ORDER_CHANGE', amazonOrderId: '111-1111111-1111111', orderStatus: 'PartiallyShipped', source: 'backstop' });
		expect((env.Payload as IDataObject).OrderChangeNotification).toMatchObject({
			SellerId: 'SELLER',
			Summary: { FulfillmentType: 'MFN', NumberOfItemsShipped: 1, NumberOfItemsUnshipped: 1, OrderItems: [{ OrderItemId: 'I1', SellerSKU: 'S1', Quantity: 2, QuantityShipped: 1 }] },
		});
	});
});

describe('logical id patterns', () => {
	it('trims, ignores lid:// and case, supports *', () => {
		expect(logicalIdMatches('lid://infor.m3be.m3be ', ['lid://infor.m3be.m3be'])).toBe(true);
		expect(logicalIdMatches('lid://infor.m3.m3', ['INFOR.M3.*'])).toBe(true);
		expect(logicalIdMatches('infor.engine.workflow', ['lid://infor.m3.*'])).toBe(false);
		expect(logicalIdMatches(null, ['x'])).toBe(false);
		expect(logicalIdMatches(null, [])).toBe(true);
	});
});

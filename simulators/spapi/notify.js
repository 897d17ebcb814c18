// @ts-check
'use strict';
/**
 * Notification producer: builds the exact envelopes (ORDER_CHANGE PascalCase, FEED_PROCESSING_FINISHED camelCase,
 * LISTINGS_ITEM_MFN_QUANTITY_CHANGE PascalCase) and delivers them to each subscription's destination:
 * SQS destination -> in-simulator queue (message Body = the notification JSON, no SNS wrapper);
 * EventBridge destination -> HTTP POST of an EventBridge event ({version, id, detail-type, source, account, time, region, resources, detail})
 * to the configured target URL (as an EventBridge API destination would), with an optional auth header.
 */
const { uuid, iso } = require('./util');
const { orderChangePayload } = require('./views');

/** Delivery channel per type (spapi.md §9). */
const EVENTBRIDGE_ONLY = new Set(['BRANDED_ITEM_CONTENT_CHANGE', 'ITEM_PRODUCT_TYPE_CHANGE', 'LISTINGS_ITEM_STATUS_CHANGE', 'LISTINGS_ITEM_ISSUES_CHANGE', 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE', 'PRODUCT_TYPE_DEFINITIONS_CHANGE']);
const CAMEL = new Set(['FEED_PROCESSING_FINISHED', 'REPORT_PROCESSING_FINISHED', 'DATA_KIOSK_QUERY_PROCESSING_FINISHED']);

class Notifier {
	/** @param {any} sim */
	constructor(sim) {
		this.sim = sim;
	}

	/**
	 * Envelope for a notification type.
	 * @param {string} type @param {any} payload @param {string} subscriptionId
	 */
	envelope(type, payload, subscriptionId) {
		const now = iso(Date.now()).replace('Z', '.000Z');
		const id = uuid();
		if (CAMEL.has(type))
			return {
				notificationVersion: '2020-09-04',
				notificationType: type,
				payloadVersion: '2020-09-04',
				eventTime: now,
				payload,
				notificationMetadata: { applicationId: this.sim.demo.applicationId, subscriptionId, publishTime: now, notificationId: id },
			};
		return {
			NotificationVersion: '1.0',
			NotificationType: type,
			PayloadVersion: '1.0',
			EventTime: now,
			Payload: payload,
			NotificationMetadata: { ApplicationId: this.sim.demo.applicationId, SubscriptionId: subscriptionId, PublishTime: now, NotificationId: id },
		};
	}

	/** @param {any} order @param {string} reason */
	orderChanged(order, reason) {
		return this.emit('ORDER_CHANGE', { OrderChangeNotification: orderChangePayload(order, this.sim.state.sellerId, reason) }, { marketplaceId: order.marketplaceId, orderChangeType: reason === 'Buyer Requested Cancel' ? 'BuyerRequestedChange' : 'OrderStatusChange' });
	}
	/** @param {any} feed */
	feedFinished(feed) {
		const sellerId = this.sim.state.sellerId;
		return this.emit('FEED_PROCESSING_FINISHED', {
			feedProcessingFinishedNotification: {
				sellerId,
				accountId: `amzn1.merchant.o.${sellerId}`,
				feedId: feed.feedId,
				feedType: feed.feedType,
				processingStatus: feed.processingStatus,
				...(feed.resultFeedDocumentId ? { resultFeedDocumentId: feed.resultFeedDocumentId } : {}),
			},
		});
	}
	/** @param {string} sku @param {number} quantity */
	mfnQuantityChanged(sku, quantity) {
		return this.emit('LISTINGS_ITEM_MFN_QUANTITY_CHANGE', { SellerId: this.sim.state.sellerId, FulfillmentChannelCode: 'DEFAULT', Sku: sku, Quantity: quantity });
	}

	/**
	 * Deliver `type` to every matching subscription. With opts.channel ('sqs'|'eventbridge') the control API can bypass
	 * subscriptions (opts.queue names the queue). opts.duplicate delivers the SQS message twice.
	 * @param {string} type @param {any} payload
	 * @param {{marketplaceId?:string, orderChangeType?:string, channel?:string, queue?:string, duplicate?:boolean}} [opts]
	 */
	emit(type, payload, opts = {}) {
		const st = this.sim.state;
		/** @type {any[]} */
		const out = [];
		if (opts.channel) {
			const env = this.envelope(type, payload, 'sim-control');
			out.push(this.deliver(env, type, opts.channel === 'eventbridge' ? { kind: 'eventBridge', destinationId: null } : { kind: 'sqs', queue: opts.queue || 'sp-api-notifications', destinationId: null }, opts));
			return out;
		}
		for (const sub of st.subscriptions.values()) {
			if (sub.notificationType !== type) continue;
			const f = sub.processingDirective && sub.processingDirective.eventFilter;
			if (f && opts.marketplaceId && Array.isArray(f.marketplaceIds) && f.marketplaceIds.length && !f.marketplaceIds.includes(opts.marketplaceId)) continue;
			if (f && opts.orderChangeType && Array.isArray(f.orderChangeTypes) && f.orderChangeTypes.length && !f.orderChangeTypes.includes(opts.orderChangeType)) continue;
			const dest = st.destinations.get(sub.destinationId);
			if (!dest) continue;
			const env = this.envelope(type, payload, sub.subscriptionId);
			const target = dest.resource.sqs ? { kind: 'sqs', queue: dest.queueName, destinationId: dest.destinationId } : { kind: 'eventBridge', destinationId: dest.destinationId };
			out.push(this.deliver(env, type, target, opts));
		}
		return out;
	}

	/** @param {any} env @param {string} type @param {any} target @param {{duplicate?:boolean}} opts */
	deliver(env, type, target, opts) {
		const st = this.sim.state;
		const md = env.NotificationMetadata || env.notificationMetadata;
		/** @type {any} */
		const rec = { notificationId: md.NotificationId || md.notificationId, notificationType: type, channel: target.kind, destinationId: target.destinationId, time: iso(Date.now()), envelope: env, delivered: false };
		st.notifications.push(rec);
		if (target.kind === 'sqs') {
			rec.queue = target.queue;
			rec.messageId = this.sim.sqs.enqueue(target.queue, JSON.stringify(env), { duplicate: !!opts.duplicate });
			rec.delivered = true;
			rec.copies = opts.duplicate ? 2 : 1;
		} else {
			const t = st.eventBridgeTarget;
			const event = {
				version: '0',
				id: uuid(),
				'detail-type': type,
				source: `aws.partner/sellingpartnerapi.amazon.com/${this.sim.demo.awsAccountId}/${this.sim.demo.applicationId}`,
				account: this.sim.demo.awsAccountId,
				time: iso(Date.now()),
				region: 'us-east-1',
				resources: [],
				detail: env,
			};
			rec.event = event;
			if (!t || !t.url) {
				rec.error = 'no EventBridge target configured (POST /__sim/eventbridge-target)';
			} else {
				rec.pending = this.post(t, event, rec, opts.duplicate ? 2 : 1);
			}
		}
		return rec;
	}

	/** EventBridge API destinations retry on 5xx/429; two attempts here. @param {any} t @param {any} event @param {any} rec @param {number} copies */
	async post(t, event, rec, copies) {
		/** @type {Record<string,string>} */
		const headers = { 'content-type': 'application/json', ...(t.headers || {}) };
		if (t.authHeader && t.authHeader.name) headers[t.authHeader.name.toLowerCase()] = t.authHeader.value;
		for (let c = 0; c < copies; c++) {
			for (let attempt = 1; attempt <= 2; attempt++) {
				try {
					const r = await fetch(t.url, { method: 'POST', headers, body: JSON.stringify(event), signal: AbortSignal.timeout(5000) });
					rec.httpStatus = r.status;
					await r.arrayBuffer().catch(() => undefined);
					if (r.status < 500 && r.status !== 429) break;
				} catch (e) {
					rec.error = String(/** @type {any} */ (e).message || e);
				}
			}
		}
		rec.delivered = rec.httpStatus !== undefined && rec.httpStatus < 300;
		delete rec.pending;
		return rec;
	}
}

module.exports = { Notifier, EVENTBRIDGE_ONLY, CAMEL };

// @ts-check
'use strict';
/**
 * Notifications API v1: destinations (grantless token) and subscriptions. Creating an SQS destination for an ARN of
 * the simulator's AWS account creates that queue in the in-simulator SQS endpoint. Delivery channel rules are
 * enforced (ORDER_CHANGE/FEED_PROCESSING_FINISHED = SQS only; LISTINGS_ITEM_* = EventBridge only) unless the
 * control API turned `strictChannels` off.
 */
const { invalid, notFound, ApiError } = require('../validate');
const { uuid } = require('../util');
const { EVENTBRIDGE_ONLY } = require('../notify');
const { paginate, fingerprint } = require('./common');

const TYPES = new Set([
	'ACCOUNT_STATUS_CHANGED', 'ANY_OFFER_CHANGED', 'B2B_ANY_OFFER_CHANGED', 'BRANDED_ITEM_CONTENT_CHANGE', 'DATA_KIOSK_QUERY_PROCESSING_FINISHED', 'DETAIL_PAGE_TRAFFIC_EVENT',
	'EXTERNAL_FULFILLMENT_SHIPMENT_STATUS_CHANGE', 'FBA_INVENTORY_AVAILABILITY_CHANGES', 'FBA_OUTBOUND_SHIPMENT_STATUS', 'FEE_PROMOTION', 'FEED_PROCESSING_FINISHED', 'FULFILLMENT_ORDER_STATUS',
	'ITEM_INVENTORY_EVENT_CHANGE', 'ITEM_PRODUCT_TYPE_CHANGE', 'ITEM_SALES_EVENT_CHANGE', 'LISTINGS_ITEM_ISSUES_CHANGE', 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE', 'LISTINGS_ITEM_STATUS_CHANGE',
	'ORDER_CHANGE', 'PRICING_HEALTH', 'PRODUCT_TYPE_DEFINITIONS_CHANGE', 'REPORT_PROCESSING_FINISHED', 'TRANSACTION_UPDATE',
]);
const conflict = (/** @type {string} */ m) => new ApiError(409, 'Conflict', m, '');

/** @param {any} d */
const renderDest = (d) => ({ name: d.name, destinationId: d.destinationId, resource: d.resource });
/** @param {any} s */
const renderSub = (s) => ({ subscriptionId: s.subscriptionId, payloadVersion: s.payloadVersion, destinationId: s.destinationId, ...(s.processingDirective ? { processingDirective: s.processingDirective } : {}) });
/** @param {string} t */
function checkType(t) {
	if (!TYPES.has(t)) throw invalid(`Invalid notificationType: ${t}`, '');
}

/** @param {any} ctx */
function createDestination(ctx) {
	const { name, resourceSpecification: rs } = ctx.body;
	const st = ctx.state;
	if (!!rs.sqs === !!rs.eventBridge) throw invalid('Exactly one of sqs or eventBridge must be specified in resourceSpecification.', '');
	/** @type {any} */
	let resource;
	let queueName = null;
	if (rs.sqs) {
		const q = ctx.sim.sqs.queueFromArn(rs.sqs.arn);
		if (!q) throw invalid(`Invalid SQS ARN: ${rs.sqs.arn}`, 'Expected arn:aws:sqs:<region>:<12-digit account>:<queue name> of a standard queue.');
		if (/\.fifo$/.test(rs.sqs.arn)) throw invalid('FIFO queues are not supported; use a standard queue.', '');
		for (const d of st.destinations.values()) if (d.resource.sqs && d.resource.sqs.arn === rs.sqs.arn) throw conflict(`A destination already exists for ${rs.sqs.arn}.`);
		resource = { sqs: { arn: rs.sqs.arn } };
		queueName = q.name;
	} else {
		if (!/^\d{12}$/.test(rs.eventBridge.accountId)) throw invalid('Invalid accountId.', '');
		for (const d of st.destinations.values()) if (d.resource.eventBridge && d.resource.eventBridge.accountId === rs.eventBridge.accountId) throw conflict('An EventBridge destination already exists for this AWS account and application.');
		resource = { eventBridge: { name: `aws.partner/sellingpartnerapi.amazon.com/${rs.eventBridge.accountId}/${ctx.sim.demo.applicationId}`, region: rs.eventBridge.region, accountId: rs.eventBridge.accountId } };
	}
	const d = { destinationId: uuid(), name, resource, queueName };
	st.destinations.set(d.destinationId, d);
	return { body: { payload: renderDest(d) } };
}
/** @param {any} ctx */
const getDestinations = (ctx) => ({ body: { payload: [...ctx.state.destinations.values()].map(renderDest) } });
/** @param {any} ctx */
function getDestination(ctx) {
	const d = ctx.state.destinations.get(ctx.params.destinationId);
	if (!d) throw notFound(`Destination ${ctx.params.destinationId} not found.`);
	return { body: { payload: renderDest(d) } };
}
/** @param {any} ctx */
function deleteDestination(ctx) {
	const d = ctx.state.destinations.get(ctx.params.destinationId);
	if (!d) throw notFound(`Destination ${ctx.params.destinationId} not found.`);
	for (const s of ctx.state.subscriptions.values()) if (s.destinationId === d.destinationId) throw conflict(`Destination ${d.destinationId} has active subscriptions; delete them first.`);
	ctx.state.destinations.delete(d.destinationId);
	return { body: {} };
}

/** @param {any} ctx */
function createSubscription(ctx) {
	const type = ctx.params.notificationType;
	checkType(type);
	const b = ctx.body;
	const st = ctx.state;
	if (!['1.0', '2.0', '2020-09-04'].includes(b.payloadVersion)) throw invalid(`Invalid payloadVersion: ${b.payloadVersion}`, '');
	const d = st.destinations.get(b.destinationId);
	if (!d) throw invalid(`Destination ${b.destinationId} not found.`, '');
	if (st.strictChannels !== false) {
		if (d.resource.eventBridge && !EVENTBRIDGE_ONLY.has(type)) throw invalid(`Notification type ${type} does not support AWS_EVENT_BRIDGE`, '');
		if (d.resource.sqs && EVENTBRIDGE_ONLY.has(type)) throw invalid(`Notification type ${type} does not support AWS_SQS`, '');
	}
	const pd = b.processingDirective;
	if (pd && pd.eventFilter && pd.filterExpression) throw invalid('eventFilter and filterExpression are mutually exclusive.', '');
	if (pd && pd.eventFilter && pd.eventFilter.eventFilterType !== type) throw invalid(`eventFilterType ${pd.eventFilter.eventFilterType} does not match notification type ${type}.`, '');
	for (const s of st.subscriptions.values()) if (s.notificationType === type && s.sellerId === ctx.auth.sellerId && s.clientId === ctx.auth.clientId) throw conflict(`A subscription for ${type} already exists: ${s.subscriptionId}`);
	const s = { subscriptionId: uuid(), notificationType: type, payloadVersion: b.payloadVersion, destinationId: d.destinationId, processingDirective: pd, sellerId: ctx.auth.sellerId, clientId: ctx.auth.clientId };
	st.subscriptions.set(s.subscriptionId, s);
	return { body: { payload: renderSub(s) } };
}
/** @param {any} ctx */
function getSubscription(ctx) {
	const type = ctx.params.notificationType;
	checkType(type);
	const s = [...ctx.state.subscriptions.values()].find((x) => x.notificationType === type && x.sellerId === ctx.auth.sellerId && (!ctx.params.payloadVersion || x.payloadVersion === ctx.params.payloadVersion));
	if (!s) throw notFound(`No subscription for ${type}.`);
	return { body: { payload: renderSub(s) } };
}
/** @param {any} ctx */
function getSubscriptions(ctx) {
	const p = ctx.params;
	for (const t of p.notificationTypes) checkType(t);
	const list = [...ctx.state.subscriptions.values()].filter((x) => p.notificationTypes.includes(x.notificationType) && x.sellerId === ctx.auth.sellerId && (!p.payloadVersion || x.payloadVersion === p.payloadVersion));
	const { page, next } = paginate(list, p.pageSize || 30, p.nextToken, fingerprint(p, ['nextToken']), 'nextToken');
	/** @type {any} */
	const payload = { subscriptions: page.map(renderSub) };
	if (next) payload.nextToken = next;
	return { body: { payload } };
}
/** @param {any} ctx */
function findSub(ctx) {
	checkType(ctx.params.notificationType);
	const s = ctx.state.subscriptions.get(ctx.params.subscriptionId);
	if (!s || s.notificationType !== ctx.params.notificationType) throw notFound(`Subscription ${ctx.params.subscriptionId} not found.`);
	return s;
}
/** @param {any} ctx */
const getSubscriptionById = (ctx) => ({ body: { payload: renderSub(findSub(ctx)) } });
/** @param {any} ctx */
function deleteSubscriptionById(ctx) {
	const s = findSub(ctx);
	ctx.state.subscriptions.delete(s.subscriptionId);
	return { body: {} };
}

/**
 * sendTestNotification (grantless): deliver one notification of the type to the given destination now.
 * ORDER_CHANGE uses a real order of the seed, FEED_PROCESSING_FINISHED a synthetic DONE feed.
 * @param {any} ctx
 */
function sendTestNotification(ctx) {
	const type = ctx.params.notificationType;
	checkType(type);
	const b = ctx.body;
	if (!b.testNotification || !b.testNotification.testScenario) throw invalid('testScenario is required.', 'testNotification.testScenario must not be empty.');
	const d = ctx.state.destinations.get(b.destinationId);
	if (!d) throw invalid(`Destination ${b.destinationId} not found.`, '');
	const sim = ctx.sim;
	const { orderChangePayload } = require('../views');
	let payload;
	if (type === 'ORDER_CHANGE') payload = { OrderChangeNotification: orderChangePayload([...ctx.state.orders.values()][0], ctx.state.sellerId, 'Test Notification') };
	else if (type === 'FEED_PROCESSING_FINISHED')
		payload = { feedProcessingFinishedNotification: { sellerId: ctx.state.sellerId, accountId: `amzn1.merchant.o.${ctx.state.sellerId}`, feedId: '0', feedType: 'JSON_LISTINGS_FEED', processingStatus: 'DONE' } };
	else payload = { testScenario: b.testNotification.testScenario };
	const env = sim.notifier.envelope(type, payload, 'test-notification');
	const target = d.resource.sqs ? { kind: 'sqs', queue: d.queueName, destinationId: d.destinationId } : { kind: 'eventBridge', destinationId: d.destinationId };
	sim.notifier.deliver(env, type, target, {});
	return { body: {} };
}

module.exports = {
	'notifications.sendTestNotification': sendTestNotification,
	'notifications.createDestination': createDestination,
	'notifications.getDestinations': getDestinations,
	'notifications.getDestination': getDestination,
	'notifications.deleteDestination': deleteDestination,
	'notifications.createSubscription': createSubscription,
	'notifications.getSubscription': getSubscription,
	'notifications.getSubscriptions': getSubscriptions,
	'notifications.getSubscriptionById': getSubscriptionById,
	'notifications.deleteSubscriptionById': deleteSubscriptionById,
};

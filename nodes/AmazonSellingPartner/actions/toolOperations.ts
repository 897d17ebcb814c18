import type { ToolOperations } from '../../shared/tool';

/**
 * What an AI agent may call through the Amazon Selling Partner tool: reads, and writes that say what they do
 * (confirm a shipment, cancel order items, set a listing's quantity or patch it). Not offered: API Call (any SP-API
 * operation), feed submission (raw feed documents), the sync operations and queue acknowledgements of the scheduled
 * flows, and notification set-up (destinations and subscriptions are one-time administration).
 */
export const TOOL_OPERATIONS: ToolOperations = {
	order: ['search', 'get', 'getV0', 'confirmShipment', 'cancelItems'],
	listing: ['get', 'search', 'updateQuantity', 'patch'],
	inventory: ['getSummaries'],
	finance: ['listTransactions', 'listFinancialEventsByOrder'],
	feed: ['getStatus', 'getResult'],
	report: ['create', 'get', 'downloadDocument'],
	notification: ['listDestinations', 'listSubscriptions'],
};

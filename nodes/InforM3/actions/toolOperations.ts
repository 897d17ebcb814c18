import type { ToolOperations } from '../../shared/tool';

/**
 * What an AI agent may call through the Infor M3 tool: reads, and writes that say what they do (an order, a
 * customer, a custom field). Not offered: Transaction (Any) (any MI program), the scheduled flows' machinery
 * (watermarked reads that advance a cursor: closed orders, changed balances, shipment feedback, items for listings;
 * marks and bulk custom fields) and money postings (GL batches, customer returns), which the templates run with
 * their own checks.
 */
export const TOOL_OPERATIONS: ToolOperations = {
	customerOrder: ['get', 'getMany', 'getLines', 'getDeliveries', 'create', 'cancel'],
	customer: ['get', 'search', 'create', 'update', 'findOrCreate'],
	item: ['get', 'getMany', 'resolveAlias'],
	inventory: ['getWarehouseBalance'],
	delivery: ['getOrderDeliveries', 'getHead', 'getPackages'],
	customField: ['get', 'set'],
};

/**
 * Normalised extracts per noun: one fixed shape each (docs/ion/<Noun>Extract.schema.json), every field present
 * (null or [] when the BOD has no value), whatever the data.
 */
import type { XmlElement } from '../../shared/xml';
import type { ExtractContext } from './common';
import { extractInventoryBalance, extractInventoryCount } from './inventory';
import { extractCustomerPartyMaster, extractItemMaster } from './masterData';
import { extractPurchaseOrder } from './purchaseOrder';
import { extractSalesOrder, type SalesOrderPaths } from './salesOrder';
import { extractShipment, type ShipmentPaths } from './shipment';

export { SALES_ORDER_PATH_DEFAULTS, type SalesOrderPaths } from './salesOrder';
export { SHIPMENT_PATH_DEFAULTS, type ShipmentPaths } from './shipment';
export type { ExtractContext } from './common';

/** Nouns with an extract, as named in BODs. */
export const EXTRACT_NOUNS = ['Shipment', 'SalesOrder', 'PurchaseOrder', 'CustomerPartyMaster', 'ItemMaster', 'InventoryCount', 'InventoryBalance'];

export interface ExtractOptions extends ExtractContext {
	shipmentPaths: ShipmentPaths;
	salesOrderPaths: SalesOrderPaths;
}

/**
 * The extract of a BOD's noun(s), or null for nouns without one. `nouns` are the DataArea's noun elements (one
 * for "XML/JSON from BOD"); all but InventoryBalance read the first.
 */
export function extractFor(noun: string, nouns: XmlElement[], options: ExtractOptions): object | null {
	const first = nouns[0];
	if (first === undefined) return null;
	switch (noun.toLowerCase()) {
		case 'shipment':
			return extractShipment(first, options.shipmentPaths, options);
		case 'salesorder':
			return extractSalesOrder(first, options.salesOrderPaths, options);
		case 'purchaseorder':
			return extractPurchaseOrder(first, options);
		case 'customerpartymaster':
			return extractCustomerPartyMaster(first, options);
		case 'itemmaster':
			return extractItemMaster(first, options);
		case 'inventorycount':
			return extractInventoryCount(first, options);
		case 'inventorybalance':
			return extractInventoryBalance(nouns, options);
		default:
			return null;
	}
}

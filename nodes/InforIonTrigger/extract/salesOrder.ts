/** SalesOrder extract (ion-bods.md §3.2, §8.6); paths are node parameters ("Sales Order Paths"). */
import type { XmlElement } from '../../shared/xml';
import { amountAt, dateAt, elementsOf, extractHead, firstOf, one, quantityAt, unique, type ExtractContext } from './common';

export const SALES_ORDER_PATH_DEFAULTS = {
	documentId: 'SalesOrderHeader/DocumentID/ID',
	status: 'SalesOrderHeader/Status/Code',
	customerPo:
		"SalesOrderHeader/PurchaseOrderReference/DocumentID/ID, SalesOrderHeader/AlternateDocumentID[@agencyRole='Customer']/ID",
	customerId: 'SalesOrderHeader/CustomerParty/PartyIDs/ID',
	trackingNumbers: "//TrackingID, //UserArea//NameValue[@name='TrackingID'], //UserArea//NameValue[@name='TrackingNumber']",
	carrierId: 'SalesOrderHeader/CarrierParty/PartyIDs/ID, SalesOrderHeader/CarrierPartyID/PartyIDs/ID',
	shipMethod: 'SalesOrderHeader/TransportationMethodCode, SalesOrderHeader/TransporationMethodCode',
	lines: 'SalesOrderLine',
	lineNumber: 'LineNumber',
	lineItemId: 'Item/ItemID/ID, ItemID/ID',
	lineGtin: 'Item/GTIN',
	lineQuantity: 'Quantity',
	lineStatus: 'Status/Code',
};

export type SalesOrderPaths = typeof SALES_ORDER_PATH_DEFAULTS;

export function extractSalesOrder(noun: XmlElement, paths: SalesOrderPaths, context: ExtractContext) {
	const tracking = unique(firstOf(noun, paths.trackingNumbers));
	const lines = elementsOf(noun, paths.lines).map((line, index) => ({
		position: index + 1,
		lineNumber: one(line, paths.lineNumber),
		itemId: one(line, paths.lineItemId),
		gtin: one(line, paths.lineGtin),
		quantity: quantityAt(line, paths.lineQuantity),
		unitPrice: amountAt(line, 'UnitPrice/Amount, UnitPrice'),
		status: one(line, paths.lineStatus),
	}));
	return {
		...extractHead('salesOrder', noun, paths.documentId),
		status: one(noun, paths.status),
		...dateAt(noun, 'SalesOrderHeader/DocumentDateTime, SalesOrderHeader/OrderDateTime', 'documentDateTime', context),
		customerPoNumber: one(noun, paths.customerPo),
		customerId: one(noun, paths.customerId),
		trackingNumber: tracking.length > 0 ? tracking[0] : null,
		trackingNumbers: tracking,
		carrier: { id: one(noun, paths.carrierId) },
		shipMethod: one(noun, paths.shipMethod),
		lines,
	};
}

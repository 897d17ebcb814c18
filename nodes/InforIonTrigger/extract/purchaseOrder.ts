/**
 * PurchaseOrder extract. Paths from the real M3 and LN PurchaseOrder BODs (ion-bods.md §1 "Noun-level
 * conventions", evidence [V]): header DocumentID/ID (+ @variationID), DisplayID, Status/Code, dates that M3 sends
 * date-only, parties with PartyIDs/ID and Name, lines with LineNumber, Item/ItemID/ID, Item/GTIN,
 * Item/Description, Quantity/@unitCode, UnitPrice/Amount/@currencyID.
 */
import type { XmlElement } from '../../shared/xml';
import { amountAt, dateAt, elementsOf, extractHead, one, quantityAt, type ExtractContext } from './common';

export function extractPurchaseOrder(noun: XmlElement, context: ExtractContext) {
	const lines = elementsOf(noun, 'PurchaseOrderLine').map((line, index) => ({
		position: index + 1,
		lineNumber: one(line, 'LineNumber'),
		itemId: one(line, 'Item/ItemID/ID, ItemID/ID'),
		gtin: one(line, 'Item/GTIN'),
		description: one(line, 'Item/Description, Description'),
		quantity: quantityAt(line, 'Quantity'),
		unitPrice: amountAt(line, 'UnitPrice/Amount, UnitPrice'),
		...dateAt(line, 'RequiredDeliveryDateTime, PromisedDeliveryDateTime, RequestedShipDateTime', 'deliveryDateTime', context),
		status: one(line, 'Status/Code'),
	}));
	return {
		...extractHead('purchaseOrder', noun, 'PurchaseOrderHeader/DocumentID/ID'),
		displayId: one(noun, 'PurchaseOrderHeader/DisplayID'),
		status: one(noun, 'PurchaseOrderHeader/Status/Code'),
		...dateAt(noun, 'PurchaseOrderHeader/DocumentDateTime, PurchaseOrderHeader/OrderDateTime', 'documentDateTime', context),
		supplier: {
			id: one(noun, 'PurchaseOrderHeader/SupplierParty/PartyIDs/ID'),
			name: one(noun, 'PurchaseOrderHeader/SupplierParty/Name'),
		},
		shipToPartyId: one(noun, 'PurchaseOrderHeader/ShipToParty/PartyIDs/ID, PurchaseOrderHeader/ShipToParty/Location/ID'),
		totalAmount: amountAt(noun, 'PurchaseOrderHeader/TotalAmount, PurchaseOrderHeader/ExtendedAmount'),
		lines,
	};
}

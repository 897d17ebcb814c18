/**
 * Inventory extracts (ion-bods.md §5, OAGIS 9.2 [O]; no public Infor-emitted sample). InventoryCount has a header
 * and lines; InventoryBalance has neither: a BOD carries one InventoryBalance noun per item and facility, so the
 * extract lists all nouns of the DataArea as `balances`.
 */
import type { XmlElement } from '../../shared/xml';
import { dateAt, elementsOf, extractHead, one, quantityAt, type ExtractContext } from './common';

const FACILITY = 'Facility/IDs/ID, Facility/ID, FacilityID';

export function extractInventoryCount(noun: XmlElement, context: ExtractContext) {
	return {
		...extractHead('inventoryCount', noun, 'InventoryCountHeader/DocumentID/ID'),
		lines: elementsOf(noun, 'InventoryCountLine').map((l, i) => ({
			position: i + 1,
			lineNumber: one(l, 'LineNumber'),
			itemId: one(l, 'Item/ItemID/ID, ItemID/ID'),
			facility: one(l, FACILITY),
			quantity: quantityAt(l, 'Quantity'),
			status: one(l, 'Status/Code'),
			reasonCode: one(l, 'ReasonCode'),
			...dateAt(l, 'TransactionDateTime', 'transactionDateTime', context),
		})),
	};
}

export function extractInventoryBalance(nouns: XmlElement[], context: ExtractContext) {
	return {
		type: 'inventoryBalance' as const,
		documentId: null,
		variationId: null,
		balances: nouns.map((b, i) => ({
			position: i + 1,
			itemId: one(b, 'Item/ItemID/ID, ItemID/ID'),
			facility: one(b, FACILITY),
			quantity: quantityAt(b, 'Quantity'),
			availableQuantity: quantityAt(b, 'AvailableQuantity'),
			allocatedQuantity: quantityAt(b, 'AllocatedQuantity'),
			blockedQuantity: quantityAt(b, 'BlockedQuantity'),
			inspectedQuantity: quantityAt(b, 'InspectedQuantity'),
			storageUom: one(b, 'StorageUOMCode'),
			status: one(b, 'Status/Code'),
			...dateAt(b, 'TransactionDateTime', 'transactionDateTime', context),
		})),
	};
}

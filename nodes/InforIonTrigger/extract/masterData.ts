/**
 * Master data extracts. CustomerPartyMaster has no header: PartyIDs/ID, Name, CurrencyCode, Status/Code,
 * PaymentTermID, Location/Address (`@type` Text or Discrete, compared case-insensitively), Communication
 * (ion-bods.md §6, [V] on a real CSD BOD). ItemMaster: ItemMasterHeader/ItemID/ID, Description (repeatable, with
 * @languageID), Classification/Codes/Code[@listID], ItemStatus/Code, BaseUOMCode (Infor also writes BaseUoMCode:
 * names are matched case-insensitively) (ion-bods.md §4).
 */
import { attr, childElements, type XmlElement } from '../../shared/xml';
import { dateAt, elementsOf, extractHead, one, ownValue, trimOrNull, valueAt, type ExtractContext } from './common';

function addressOf(a: XmlElement | undefined) {
	if (a === undefined) return null;
	// AddressLine[@sequence] numbers may skip (1, 3, 4 on M3): ordered by sequence, empty lines left out.
	const lines = childElements(a, 'AddressLine')
		.map((l, i) => {
			const seq = Number(attr(l, 'sequence') ?? valueAt(l, 'sequence'));
			return { seq: Number.isFinite(seq) ? seq : i + 1, value: ownValue(l) };
		})
		.sort((x, y) => x.seq - y.seq)
		.map((l) => l.value)
		.filter((v): v is string => v !== null);
	return {
		type: trimOrNull(attr(a, 'type') ?? valueAt(a, 'type'))?.toLowerCase() ?? null,
		attentionOf: one(a, 'AttentionOfName'),
		lines,
		buildingNumber: one(a, 'BuildingNumber'),
		streetName: one(a, 'StreetName'),
		city: one(a, 'CityName'),
		region: one(a, 'CountrySubDivisionCode'),
		country: one(a, 'CountryCode'),
		postalCode: one(a, 'PostalCode'),
	};
}

export function extractCustomerPartyMaster(noun: XmlElement, context: ExtractContext) {
	return {
		...extractHead('customerPartyMaster', noun, 'PartyIDs/ID'),
		name: one(noun, 'Name'),
		status: one(noun, 'Status/Code'),
		currency: one(noun, 'CurrencyCode'),
		paymentTermId: one(noun, 'PaymentTermID, PaymentTerm/ID, PaymentTermCode'),
		...dateAt(noun, 'LastModificationDateTime', 'lastModificationDateTime', context),
		locations: elementsOf(noun, 'Location').map((l, i) => ({
			position: i + 1,
			type: trimOrNull(attr(l, 'type') ?? valueAt(l, 'type')),
			id: one(l, 'ID'),
			name: one(l, 'Name'),
			address: addressOf(childElements(l, 'Address')[0]),
		})),
		communications: elementsOf(noun, 'Communication').map((c, i) => ({
			position: i + 1,
			channel: one(c, 'ChannelCode'),
			use: one(c, 'UseCode'),
			value: one(c, 'DialNumber, CompleteNumber, URI, EMailAddressID'),
			preferred: trimOrNull(attr(c, 'preferredIndicator') ?? valueAt(c, 'preferredIndicator')) === 'true',
		})),
	};
}

export function extractItemMaster(noun: XmlElement, context: ExtractContext) {
	return {
		...extractHead('itemMaster', noun, 'ItemMasterHeader/ItemID/ID, ItemID/ID'),
		gtin: one(noun, 'ItemMasterHeader/GTIN, ItemMasterHeader/UPCID'),
		descriptions: elementsOf(noun, 'ItemMasterHeader/Description')
			.map((d) => ({ languageId: trimOrNull(attr(d, 'languageID') ?? valueAt(d, 'languageID')), text: ownValue(d) }))
			.filter((d) => d.text !== null),
		status: one(noun, 'ItemMasterHeader/ItemStatus/Code, ItemMasterHeader/Status/Code'),
		baseUom: one(noun, 'ItemMasterHeader/BaseUOMCode'),
		classifications: elementsOf(noun, 'ItemMasterHeader/Classification/Codes/Code').map((c) => ({
			listId: trimOrNull(attr(c, 'listID') ?? valueAt(c, 'listID')),
			code: ownValue(c),
		})),
		...dateAt(noun, 'ItemMasterHeader/LastModificationDateTime, LastModificationDateTime', 'lastModificationDateTime', context),
	};
}

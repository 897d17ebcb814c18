/**
 * Reading the envelope of Infor BODs (ion-bods.md §1, §8) from our XML tree, or from a JSON body converted
 * into the same tree, and the stable JSON view of the DataArea. Extracts per noun are in extract/.
 */
import { createHash } from 'node:crypto';

import { attr, childElements, firstChild, toJson, type JsonValue, type XmlDocument, type XmlElement } from '../shared/xml';
import { splitBodType } from './body';
import { parseBodDate } from './dates';
import { idAt, text, trimOrNull, valueAt } from './extract/common';
import { OAGIS_REPEATS } from './oagisRepeats';

export interface BodEnvelope {
	bodType: string | null;
	verb: string | null;
	noun: string | null;
	namespace: string | null;
	releaseId: string | null;
	versionId: string | null;
	bodId: string | null;
	/** bodId, or `sha256:<hex of body>` when the BOD has no BODID (ion-bods.md §8.2). */
	dedupeKey: string;
	logicalId: string | null;
	componentId: string | null;
	creationDateTime: string | null;
	/** creationDateTime as ISO 8601 UTC when it could be read, else null (the raw value is kept above). */
	creationDateTimeIso: string | null;
	tenantId: string | null;
	accountingEntity: string | null;
	location: string | null;
	actionCode: string | null;
	documentId: string | null;
	variationId: string | null;
	/** Acknowledge BODs: the BODID being answered. */
	originalBodId: string | null;
	/** Noun elements in the DataArea (1 for "XML/JSON from BOD"; 0 for a BOD without DataArea). */
	nounCount: number;
}

/**
 * Where a noun keeps its document id (and @variationID): `{Noun}Header/DocumentID/ID` on transactional nouns
 * ([V] on real PurchaseOrders), `PartyIDs/ID` on party master data (CustomerPartyMaster, [V] CSD; SupplierPartyMaster,
 * CarrierParty), `{Noun}Header/ItemID/ID` on ItemMaster (ion-bods.md §4). The first that has a value wins.
 */
export function documentIdPaths(noun: string): string {
	return `${noun}Header/DocumentID/ID, DocumentID/ID, PartyIDs/ID, ${noun}Header/ItemID/ID`;
}

/** The JSON view keeps OAGIS's repeatable elements as arrays even when the BOD has one. */
function oagisArray(parent: string, child: string): boolean {
	return OAGIS_REPEATS.has(`${parent}/${child}`);
}

export interface ReadBodResult {
	envelope: BodEnvelope;
	/** The noun element (DataArea/{Noun}), if any. */
	nounElement: XmlElement | null;
	/** All noun elements of the DataArea (OAGIS allows several; InventoryBalance sends one per item). */
	nounElements: XmlElement[];
	/** The DataArea element, if any. */
	dataAreaElement: XmlElement | null;
	dataArea: JsonValue | null;
}

/**
 * Reads the envelope. Verb and noun come from the first and second element children of DataArea
 * (ion-bods.md §8.1), falling back to splitting the root name (`SyncShipment`).
 */
export function readBod(doc: XmlDocument, rawBody: Uint8Array | string, timeZone = 'UTC'): ReadBodResult {
	const root = doc.root;
	const isWrapped = firstChild(root, 'ApplicationArea') !== undefined || firstChild(root, 'DataArea') !== undefined;
	const appArea = isWrapped ? firstChild(root, 'ApplicationArea') : undefined;
	const dataAreaEl = isWrapped ? firstChild(root, 'DataArea') ?? null : null;

	let verb: string | null = null;
	let noun: string | null = null;
	let verbEl: XmlElement | undefined;
	let nounEl: XmlElement | null = null;
	let nounEls: XmlElement[] = [];
	const bodType = isWrapped ? root.local : null;
	if (dataAreaEl) {
		const kids = childElements(dataAreaEl);
		verbEl = kids[0];
		nounEl = kids[1] ?? null;
		verb = verbEl ? verbEl.local : null;
		noun = nounEl ? nounEl.local : null;
		nounEls = nounEl ? kids.slice(1).filter((k) => k.local === nounEl?.local) : [];
	}
	if (bodType && (!verb || !noun)) {
		const split = splitBodType(bodType);
		verb = verb ?? split.verb;
		noun = noun ?? split.noun;
	}
	if (!isWrapped) {
		// "JSON from BOD"/"XML from BOD": the noun only (m3-mi-ion.md §4.4); no verb, no envelope.
		noun = root.local;
		nounEl = root;
		nounEls = [root];
	}

	const bodId = appArea ? text(firstChild(appArea, 'BODID')) : null;
	const sender = appArea ? firstChild(appArea, 'Sender') : undefined;
	const logicalId = sender ? text(firstChild(sender, 'LogicalID')) : null;
	const componentId = sender ? text(firstChild(sender, 'ComponentID')) : null;
	const creationDateTime = appArea ? text(firstChild(appArea, 'CreationDateTime')) : null;

	let accountingEntity: string | null = null;
	let location: string | null = null;
	let actionCode: string | null = null;
	let tenantId: string | null = null;
	let originalBodId: string | null = null;
	if (verbEl) {
		accountingEntity = text(firstChild(verbEl, 'AccountingEntityID'));
		location = text(firstChild(verbEl, 'LocationID'));
		tenantId = text(firstChild(verbEl, 'TenantID'));
		actionCode =
			valueAt(verbEl, 'ActionCriteria/ActionExpression/@actionCode') ??
			valueAt(verbEl, 'ResponseCriteria/ResponseExpression/@actionCode');
		originalBodId = valueAt(verbEl, 'OriginalApplicationArea/BODID');
	}

	let documentId: string | null = null;
	let variationId: string | null = null;
	if (nounEl && noun) {
		const id = idAt(nounEl, documentIdPaths(noun));
		documentId = id.id;
		variationId = id.variationId;
		accountingEntity = accountingEntity ?? id.accountingEntity;
	}

	const dedupeKey =
		bodId ?? 'sha256:' + createHash('sha256').update(typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody)).digest('hex');

	return {
		envelope: {
			bodType: bodType ?? (verb && noun ? verb + noun : null),
			verb,
			noun,
			namespace: root.uri || null,
			releaseId: trimOrNull(attr(root, 'releaseID') ?? null),
			versionId: trimOrNull(attr(root, 'versionID') ?? null),
			bodId,
			dedupeKey,
			logicalId,
			componentId,
			creationDateTime,
			creationDateTimeIso: parseBodDate(creationDateTime, timeZone),
			tenantId,
			accountingEntity,
			location,
			actionCode,
			documentId,
			variationId,
			originalBodId,
			nounCount: nounEls.length,
		},
		nounElement: nounEl,
		nounElements: nounEls,
		dataAreaElement: dataAreaEl,
		dataArea: dataAreaEl
			? toJson(dataAreaEl, { alwaysArray: oagisArray })
			: nounEl
				? { [nounEl.local]: [toJson(nounEl, { alwaysArray: oagisArray })] }
				: null,
	};
}


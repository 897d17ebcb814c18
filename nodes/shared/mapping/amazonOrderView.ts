/**
 * What an Amazon order says, whatever API version it came from: each reader (Orders 2026-01-01, legacy v0) finds the
 * values in its own shape and names where they are (the path an issue points at), and the one mapping in
 * amazonOrder.ts turns the view into the canonical Order — so every rule (money, quantities, tax, charges, dates) is
 * written once. Readers do no validation beyond the order's structure.
 */
import type { Address, Charge, ChargeTypeName, OrderStatusName, Party } from '../canonical/schemas';
import type { Issue } from './result';

/** A raw input value and where it is in the input. */
export interface Field {
	v: unknown;
	path: string;
}

/** A money value of either version (2026 `{amount, currencyCode}`, v0 `{Amount, CurrencyCode}`), not yet checked. */
export type MoneyField = Field;

/** An amount of a line: its item amount ('LINE') or one of its charges. */
export interface ChargeField extends MoneyField {
	type: ChargeTypeName | 'LINE';
	appliesTo?: Charge['appliesTo'];
	/** the amount is a reduction: stored as a negative amount whatever sign Amazon used */
	negate?: boolean;
	/** the charge carries the line's promotion ids */
	promotions?: boolean;
	/** a zero amount is no charge */
	skipZero?: boolean;
	/** used only when this amount (the breakdown it details) is a valid amount itself */
	gate?: MoneyField;
}

/** Amazon's own figures that tell whether an item's amounts include its tax (2026 proceeds). */
export interface TaxInclusion {
	total: MoneyField;
	/** every breakdown subtotal: whether it is the TAX breakdown, and its amount */
	parts: Array<{ tax: boolean; amount: unknown }>;
}

export interface LineView {
	path: string;
	id: Field;
	quantity: Field;
	quantityShipped?: Field;
	sku?: string;
	asin?: string;
	title?: string;
	condition?: string;
	/** Amazon's unit price, when it states one */
	unitPrice?: MoneyField;
	/** where an inexact unit price derived from the line amount is reported, and what that amount is called */
	derivedPrice: { path: string; label: string };
	gift?: { message?: string; wrapLevel?: string };
	promotionIds: string[];
	cancelled: boolean;
	taxCollection?: { model: string; responsibleParty?: string };
	taxReportingScheme?: string;
	taxInclusion?: TaxInclusion;
	/** the item amount and the charges, in Amazon's order */
	charges: ChargeField[];
}

export interface AddressView {
	path: string;
	countryPath: string;
	/** values under neutral names: countryCode, lines, name, companyName, city, district, stateOrRegion, postalCode, phone, addressType */
	values: Record<string, unknown>;
	lines: unknown[];
}

export interface PackageView {
	packageReferenceId: string;
	trackingNumber?: string;
	lines: Array<{ orderItemId: string; quantity: Field }>;
}

export interface OrderView {
	id?: string;
	idPath: string;
	status: OrderStatusName;
	fulfillmentChannel: 'AMAZON' | 'MERCHANT';
	programs: string[];
	/** the order total: read first, it fixes the order currency */
	grandTotal?: MoneyField;
	lines: LineView[];
	/** order-level charges not attributed to an item */
	orderCharges: ChargeField[];
	orderDate: Field;
	lastUpdated: Field;
	aliases: Array<{ type: string; id: string }>;
	marketplaceId?: string;
	salesChannel?: string;
	serviceLevel?: string;
	shipBy?: { earliest: Field; latest: Field };
	deliverBy?: { earliest: Field; latest: Field };
	shipTo?: AddressView;
	buyer?: Party;
	packages?: PackageView[];
	/** structural problems the reader found (missing item list, unknown status, ...) */
	issues: Issue[];
}

/** `address.addressType` of either version, when it is one the canonical model knows. */
export function addressTypeOf(v: unknown): Address['addressType'] | undefined {
	if (typeof v !== 'string') return undefined;
	const u = v.toUpperCase();
	return u === 'RESIDENTIAL' || u === 'COMMERCIAL' || u === 'PICKUP_POINT' ? u : undefined;
}

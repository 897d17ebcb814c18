/**
 * The options of the Canonical Order -> M3 batch order plan mapping (m3Order.ts), the plan it gives (docs/contracts.md)
 * and the default charge map.
 */
import type { CustomFieldRule } from './customFields';
import type { Issue } from './result';
import type { PriceMode, VatOptions, VatTreatment } from './vat';

export type CustomerMapEntry = string | Record<string, string>;

export interface M3OrderOptions {
	/**
	 * marketplace key -> CUNO or {CUNO, ORTP?, FACI?, WHLO?, ...head fields}. Keys tried in order:
	 * `<marketplaceId>:<MFN|AFN>:<B2B|B2C>`, `<marketplaceId>:<B2B|B2C>`, `<marketplaceId>:<MFN|AFN>`, `<marketplaceId>`, `*`.
	 */
	customerMap: Record<string, CustomerMapEntry>;
	/** 'marketplace' (default) or 'buyer': buyer tax id / e-mail / company name looked up in buyerCustomerMap first */
	customerStrategy?: 'marketplace' | 'buyer';
	buyerCustomerMap?: Record<string, string>;
	/** default head fields (ORTP, FACI, WHLO, MODL, ...) */
	headDefaults?: Record<string, string>;
	/** 'map' = skuMap lookup (default), 'identity' = ITNO = SKU, 'alias' = POPN = SKU for M3 to resolve (MMS025MI) */
	itemMode?: 'map' | 'identity' | 'alias';
	skuMap?: Record<string, string>;
	/** in 'map' mode: SKUs not in the map fall back to identity (default false = issue) */
	skuMapFallbackIdentity?: boolean;
	/** alias mode: ALWT alias category (empty = the M3 node's own alias-type option decides), ALWQ qualifier */
	aliasType?: string;
	aliasQualifier?: string;
	/** canonical charge type -> M3 CRID ('' = deliberately not sent). Missing type with an amount -> issue */
	chargeMap?: Record<string, string>;
	/** TAX charges: 'ignore' (default, M3 computes tax) or 'charge' (sent with chargeMap.TAX, prices as Amazon gives them) */
	taxMode?: 'ignore' | 'charge';
	/** VAT handling (taxMode 'ignore'): price mode per marketplace, rates M3 applies, rounding charge (vat.ts) */
	vat?: VatOptions;
	/** item promotions/discounts: 'line' (default, DIAn on the line), 'charge' (chargeMap.PROMOTION/DISCOUNT), 'ignore' */
	discountMode?: 'line' | 'charge' | 'ignore';
	/** DIA1..DIA6 used in 'line' mode (default DIA1) */
	discountField?: string;
	/** true (default): lines with unit price required */
	requirePrice?: boolean;
	/** 'delivery' (default, ADRT 1) or 'none' (address: null, the customer's own address is used) */
	addressMode?: 'delivery' | 'none';
	/** put gift messages into texts (default true) */
	giftMessageTexts?: boolean;
	/** skip lines Amazon reports as cancelled (default true) */
	skipCancelledLines?: boolean;
	customFields?: CustomFieldRule[];
}

export interface M3OrderPlan {
	head: Record<string, string>;
	address: Record<string, string> | null;
	lines: Array<Record<string, string>>;
	charges: Array<{ CRID: string; CRAM: string; CUCD: string }>;
	texts: Array<{ type: 'head' | 'line'; text: string; line?: number; orderItemId?: string }>;
	customFields: Array<{ FILE: string; values: Record<string, string> }>;
	source: { system: string; id: string };
	/** the order's tax as planned: what M3 will compute and what the invoice must total (taxMode 'ignore') */
	tax?: PlanTax;
	warnings?: Issue[];
}

export interface PlanTax {
	scheme: VatTreatment['scheme'];
	priceMode: PriceMode;
	destination?: string;
	/** VAT percent M3 applies (undefined: not configured for the destination) */
	rate?: string;
	/** net amount M3 gets (lines SAPR x ORQT - discounts + charges, before the rounding charge) */
	net: string;
	/** VAT M3 will compute on it (undefined when the rate is not configured) */
	vat?: string;
	/** tax Amazon reported on the order (collected by the marketplace when scheme is MARKETPLACE) */
	amazonTax: string;
	/** what the M3 invoice must total: what the buyer paid, less tax the marketplace collected */
	amountDue: string;
	/** on the rounding charge (0 % VAT) so that the invoice totals amountDue */
	rounding?: string;
	/** the business buyer's VAT id sent as the address's VRNO (reverse charge) */
	buyerVatId?: string;
}

export const DEFAULT_CHARGE_MAP: Record<string, string> = {
	SHIPPING: 'SHIP',
	SHIPPING_DISCOUNT: 'SHIP',
	GIFT_WRAP: 'GIFT',
	COD: 'COD',
	COD_DISCOUNT: 'COD',
	PROMOTION: 'DISC',
	DISCOUNT: 'DISC',
	TAX: 'TAX',
	OTHER: 'OTHER',
	DELIVERY_TIP: '',
};

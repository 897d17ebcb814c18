/** ISO 4217 active currency codes with their minor units (decimal places). */
const ZERO_DECIMALS = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE_DECIMALS = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR_DECIMALS = 'CLF UYW';
const TWO_DECIMALS =
	'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF ' +
	'CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD ' +
	'HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT ' +
	'MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR ' +
	'SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU ' +
	'UZS VED VES WST XCD XCG YER ZAR ZMW ZWG';

const TABLE: Record<string, number> = Object.create(null) as Record<string, number>;
for (const c of TWO_DECIMALS.split(' ')) TABLE[c] = 2;
for (const c of ZERO_DECIMALS.split(' ')) TABLE[c] = 0;
for (const c of THREE_DECIMALS.split(' ')) TABLE[c] = 3;
for (const c of FOUR_DECIMALS.split(' ')) TABLE[c] = 4;

export function isKnownCurrency(code: unknown): code is string {
	return typeof code === 'string' && TABLE[code] !== undefined;
}

/** Minor units of an ISO 4217 currency, or undefined if unknown. */
export function currencyScale(code: string): number | undefined {
	return TABLE[code];
}

export const KNOWN_CURRENCIES: readonly string[] = Object.keys(TABLE).sort();

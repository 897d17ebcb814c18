/**
 * Lengths of the M3 input fields this pack writes (from ../shared/m3-catalog/m3-transactions.json:
 * OIS100MI AddBatchHead / AddBatchAddress / AddBatchLine / AddBatchHeadChg, CUSEXTMI AddFieldValue, GLS840MI).
 */
export const HEAD_FIELD_LENGTHS: Record<string, number> = {
	CUNO: 10, ORTP: 3, FACI: 3, WHLO: 3, CUOR: 20, CUCD: 3, YREF: 30, OREF: 30, MODL: 3, TEDL: 3, TEPY: 3, PYNO: 10,
	ADID: 6, AGNT: 10, SMCD: 10, PROJ: 7, OTBA: 16, OFNO: 10, TEL2: 36, INRC: 10, TEPA: 3, TIZO: 5, AGNO: 7, PRO2: 7,
	DLSP: 12, DSTX: 36, TECD: 3, PLTB: 10, DISY: 10, WCON: 3, ID01: 10, ID02: 10, OTDP: 15, CRTP: 15, ELNO: 8,
	CHL1: 10, CHL2: 10, CHL3: 10, CHL4: 10, NREF: 20, TRDP: 10, EXCD: 2, PYCD: 3, FRE1: 5, BREC: 10, RESP: 10,
	CUCH: 15, CCAC: 3, DECU: 10, GCAC: 3, PYRE: 25, BKID: 5, SPLM: 8, CHSY: 10, OIVR: 15, LNCD: 2,
	ORDT: 8, CUDT: 8, RLDT: 8, FDED: 8, LDED: 8, RLDZ: 8,
};
export const ADDRESS_FIELD_LENGTHS: Record<string, number> = {
	CUNM: 36, CUA1: 36, CUA2: 36, CUA3: 36, CUA4: 36, PONO: 10, PHNO: 10, TFNO: 10, CSCD: 3, VRNO: 16, ECAR: 2,
	YREF: 30, TOWN: 20, PHN2: 16, TFN2: 16, FRCO: 7, MODL: 3, TEDL: 3, ADID: 6, DLSP: 12, DSTX: 36,
};
export const LINE_FIELD_LENGTHS: Record<string, number> = {
	ITNO: 15, ORQT: 16, WHLO: 3, SAPR: 18, DIA1: 16, DIA2: 16, DIA3: 16, DIA4: 16, DIA5: 16, DIA6: 16, CUOR: 20,
	CUPO: 7, POPN: 30, ALWQ: 4, ALUN: 3, ITDS: 30, CUPA: 20,
};
export const CUSEXT_FIELD_LENGTHS: Record<string, number> = {
	PK01: 30, PK02: 30, PK03: 30, PK04: 30, PK05: 30, PK06: 30, PK07: 30, PK08: 30,
	A030: 30, A130: 30, A230: 30, A330: 30, A430: 30, A530: 30, A630: 30, A730: 30, A830: 30, A930: 30, A121: 120,
};
export const CUSEXT_NUMERIC = new Set(['N096', 'N196', 'N296', 'N396', 'N496', 'N596', 'N696', 'N796', 'N896', 'N996']);
export const GL_KEY1_LENGTH = 10;
export const GL_PARM_LENGTH = 200;

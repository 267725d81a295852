// What a community group tells the programme: the expression of interest (EOI) and, if invited, the full
// application. Both are saved as drafts (several members may edit) and checked in full only on submission.

export interface Facility {
  name: string;
  address: string;
  postcode: string;
  /** The small area (LSOA) the facility is in, which gives its WIMD rank. */
  lsoaCode: string;
  inWales: boolean;
}

export interface Governance {
  /** The date the constitution or rules were signed; null if there is no signed constitution. */
  constitutionSignedOn: string | null;
  bankAccountInOwnName: boolean;
  unrelatedSignatories: number;
  /** Whether profits are distributed to members beyond a minimal amount. */
  distributesProfit: boolean;
  unrestrictedReservesPence: number;
  hasReservesPolicy: boolean;
  unrelatedBoardMembers: number;
}

export interface Tenure {
  /** asset_transfer: the group expects tenure from a community asset transfer (linked to the case). */
  kind: 'freehold' | 'leasehold' | 'asset_transfer' | 'none';
  /** For a lease: the years left on it after the project completes. */
  leaseYearsAfterCompletion: number | null;
}

export interface EoiAnswers {
  projectSummary: string;
  facility: Facility;
  requestedPence: number;
  totalCostPence: number;
  governance: Governance;
  partners: string[];
  tenure: Tenure;
}

export interface MatchFundingSource {
  source: string;
  pence: number;
  secured: boolean;
  inKind: boolean;
}

export interface FullApplicationAnswers {
  projectDescription: string;
  communityNeed: string;
  localUse: string;
  deliveryPlan: string;
  sustainability: string;
  matchFunding: MatchFundingSource[];
}

export const eoiFields = ['projectSummary', 'facility', 'requestedPence', 'totalCostPence', 'governance', 'partners', 'tenure'] as const;
export const fullApplicationFields = ['projectDescription', 'communityNeed', 'localUse', 'deliveryPlan', 'sustainability', 'matchFunding'] as const;
export type EoiField = (typeof eoiFields)[number];
export type FullApplicationField = (typeof fullApplicationFields)[number];
/** The answers a case officer can ask about again (a request for information reopens only those). */
export type AnswerField = EoiField | FullApplicationField;
export const answerFields: readonly AnswerField[] = [...eoiFields, ...fullApplicationFields];

export type Draft<T> = { [K in keyof T]?: T[K] };

/** The fields of `draft` still missing before it can be submitted. */
export function missingFields<T extends object>(draft: Draft<T>, fields: readonly (keyof T)[]): (keyof T)[] {
  return fields.filter((field) => draft[field] === undefined);
}

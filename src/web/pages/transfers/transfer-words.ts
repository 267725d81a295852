import type { AssetAvailability } from '../../../domain/cat/asset-availability.js';
import type { Gate } from '../../../domain/cat/process.js';
import type { Language } from '../../../domain/bilingual.js';
import type { AssetKind } from '../../../operations/assets/asset-input.js';
import type { AssetView } from '../../../operations/assets/asset-view.js';
import { translate, type MessageKey } from '../../i18n/index.js';

// The catalogue's words for the codes a register and a transfer hold, one key per code, so that each key
// is named here (the catalogue test finds it) and a new code cannot go unworded (the types say so).

const kindKeys = {
  building: 'assets.kind.building',
  land: 'assets.kind.land',
  building_and_land: 'assets.kind.buildingAndLand',
} as const satisfies Record<AssetKind, MessageKey>;

const availabilityKeys = {
  offered: 'assets.availability.offered',
  requested: 'assets.availability.requested',
  withdrawn: 'assets.availability.withdrawn',
  transferred: 'assets.availability.transferred',
  returned: 'assets.availability.returned',
} as const satisfies Record<AssetAvailability, MessageKey>;

const gateKeys = {
  initial_assessment: 'transfer.gate.initialAssessment',
  decision: 'transfer.gate.decision',
  heads_of_terms: 'transfer.gate.headsOfTerms',
  legal_completion: 'transfer.gate.legalCompletion',
} as const satisfies Record<Gate, MessageKey>;

const outcomeKeys = { proceed: 'transfer.gateOutcome.proceed', decline: 'transfer.gateOutcome.decline' } as const satisfies Record<string, MessageKey>;

export function kindText(kind: AssetKind, language: Language): string {
  return translate(kindKeys[kind], language);
}

export const assetKindOptions = (language: Language) => Object.entries(kindKeys).map(([value, key]) => ({ value, text: translate(key, language) }));

/** An asset as a page lists it: its codes in words. */
export function assetInWords(asset: AssetView, language: Language) {
  return { ...asset, kindText: kindText(asset.kind, language), availabilityText: translate(availabilityKeys[asset.availability], language) };
}

export function gateText(gate: string, language: Language): string {
  return Object.hasOwn(gateKeys, gate) ? translate(gateKeys[gate as Gate], language) : gate;
}

export function outcomeText(outcome: 'proceed' | 'decline', language: Language): string {
  return translate(outcomeKeys[outcome], language);
}

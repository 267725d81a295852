export type Language = 'cy' | 'en';

/** Every user-facing string exists in Welsh and English; Welsh first, as bilingual material usually is. */
export interface Bilingual {
  cy: string;
  en: string;
}

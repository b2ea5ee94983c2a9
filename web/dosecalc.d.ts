// Types for web/dosecalc.js. The contract is documented in docs/api.md; field names never change.

export type Reference = 'us' | 'eu' | 'uk';
export type Locale = 'en' | 'es';

export interface Request {
  reference?: Reference;
  locale?: Locale;
  person: {
    age_years: number;
    sex: 'female' | 'male';
    pregnancy?: 'none' | 'pregnant' | 'lactating';
    kidney?: { egfr: number } | { creatinine_mg_dl: number } | { creatinine_umol_l: number } | { status: 'ckd' | 'none' | 'unknown' };
    conditions?: Array<'myasthenia_gravis' | 'heart_block'>;
  };
  products?: Array<{
    id?: string;
    form: string;
    amount_mg: number;
    amount_basis: 'elemental' | 'compound';
    units_per_dose?: number;
    doses_per_day?: number;
    elemental_percent?: number;
    times?: string[];
  }>;
  medicines?: Array<{ name: string; times?: string[] }>;
  supplements?: Array<{ name: string; times?: string[]; amount_mg_per_day?: number }>;
  diet?: { magnesium_mg_per_day?: number };
  routine?: { wake?: string; bed?: string; meals?: string[] };
  goal?: 'general' | 'sleep' | 'muscle_cramps' | 'migraine' | 'constipation' | 'fibromyalgia' | 'anxiety';
}

export interface SourceRef { id: string; title: string; url: string; evidence?: string; jurisdiction?: string }

export interface ProductResult {
  id: string; nutrient: string; form: string; form_name: string; typed_form: string;
  amount_basis: 'elemental' | 'compound';
  elemental_fraction: number; elemental_fraction_basis: 'formula' | 'manufacturer';
  compound_mg_per_unit: number; elemental_mg_per_unit: number; elemental_mg_per_dose: number;
  elemental_mg_per_day: number; mmol_per_day: number; meq_per_day: number;
  laxative_form: boolean; times: string[]; sources: string[];
}

export interface NutrientResult {
  nutrient: string; name: string;
  supplement_mg_per_day: number; supplement_mmol_per_day: number; supplement_meq_per_day: number;
  diet_mg_per_day: number | null; total_mg_per_day: number;
  recommended_mg_per_day: number | null; recommended_kind: string | null; recommended_note: string | null;
  upper_limit_mg_per_day: number | null; upper_limit_note: string | null; upper_limit_scope: string;
  authority: Reference; authority_name: string;
  status: 'below_recommended' | 'meets_recommended' | 'above_upper_limit' | 'no_reference_value';
  sources: string[];
}

export interface Warning {
  code: string; severity: 'danger' | 'warning' | 'caution' | 'info'; message: string;
  sources: string[]; subjects: string[];
}

export interface Interaction {
  rule_id: string; substances: [string, string]; substance_names: [string, string]; matched_names: string[];
  severity: 'avoid' | 'major' | 'moderate' | 'minor';
  kind: 'absorption' | 'additive_effect' | 'depletion' | 'retention' | 'other';
  summary: string; management: string; mechanism: string;
  separation: { medicine_first_hours: number; supplement_first_hours: number } | null;
  separation_range: {
    medicine_first_hours: { min: number; max: number };
    supplement_first_hours: { min: number; max: number };
  } | null;
  separation_note: string | null; condition_note: string | null;
  sources: string[]; last_reviewed: string;
}

export interface Report {
  data_version: string; reference: Reference; locale: Locale;
  /** "not_loaded" until the knowledge bundle is loaded: medicines and supplements are then not judged. */
  interaction_data: 'loaded' | 'not_loaded';
  products: ProductResult[];
  nutrients: NutrientResult[];
  egfr: { value: number; basis: 'given' | 'ckd_epi_2021'; category: string; category_name: string; creatinine_mg_dl: number | null; sources: string[] } | null;
  warnings: Warning[];
  interactions: Interaction[];
  timing_conflicts: Array<{
    rule_id: string; substances: [string, string];
    first: string; first_time: string; second: string; second_time: string;
    required_hours: number; actual_hours: number; message: string;
  }>;
  no_interaction_found: Array<{ name: string; substance: string; substance_name: string; message: string }>;
  unrecognized: Array<{ name: string; path: string; suggestions: string[] }>;
  interpreted: Array<{ name: string; path: string; as: string; substance: string }>;
  schedule: Schedule;
  sources: SourceRef[];
}

/** The day's schedule (docs/api.md, "Schedule"). */
export type Schedule =
  | { status: 'not_computed'; reason: 'interaction_data_not_loaded' | 'no_products'; doses: [] }
  | {
    status: 'solved' | 'incomplete';
    /** The waking day used; `assumed` lists what the routine did not give. */
    wake: string; bed: string; assumed: Array<'wake' | 'bed'>;
    doses: ScheduledDose[];
    unplaced: Array<{
      item: string; kind: ScheduleKind; path: string; product_id: string | null;
      reason: 'no_time_given' | 'doses_not_whole' | 'too_many_doses' | 'no_time_fits';
      rule_ids: string[]; message: string;
    }>;
    message: string;
  };

export type ScheduleKind = 'product' | 'medicine' | 'supplement';

export interface ScheduledDose {
  time: string; item: string; kind: ScheduleKind; product_id: string | null; path: string;
  /** The entry's n-th time of the day, of `of` (a product's doses, a medicine's times). */
  dose: number; of: number;
  /** Products: entered, moved (from `entered_time`) or placed; medicines and supplements: fixed. */
  origin: 'entered' | 'moved' | 'placed' | 'fixed';
  entered_time: string | null; at_meal: boolean;
  /** 1 daily; n for every n days (0.5 doses a day = 2); null when less than daily, irregularly. */
  every_days: number | null;
  rule_ids: string[]; note: string;
}

/** Keep in sync with core/errors.hpp (a test checks it). */
export type ErrorCode =
  | 'invalid_json' | 'too_large' | 'too_deep' | 'missing_field' | 'wrong_type' | 'out_of_range'
  | 'unknown_value' | 'unknown_field' | 'unknown_form' | 'invalid_time' | 'too_long' | 'conflict'
  | 'duplicate' | 'internal_error';

export interface InputError { code: ErrorCode; path: string; message: string; suggestions?: string[] }
export interface ErrorReport { errors: InputError[] }

export interface NameMatch { id: string; kind: 'medicine' | 'supplement' | 'form'; name: string; matched: string; score: number }

export interface FormGroup {
  id: string; name: string; nutrient: string;
  compounds: Array<{ id: string; name: string; formula: string; hydrate_waters: number; elemental_percent: number; laxative: boolean }>;
}

export interface KnowledgeStatus { ok: boolean; data_version: string; substances: number; rules: number; problems: string[] }

export interface Calculator {
  /** Loads generated/dosecalc-knowledge.json (interaction data) from its text. */
  loadKnowledge(bundleText: string): KnowledgeStatus;
  /** Fetches and loads the knowledge bundle. */
  loadKnowledgeFrom(url: string): Promise<KnowledgeStatus>;
  readonly hasInteractionData: boolean;
  assess(request: Request | string): Report | ErrorReport;
  /** JSON text in, JSON text out: byte-identical to the native CLI's output. */
  assessText(requestText: string): string;
  searchNames(text: string, limit?: number, kinds?: string, locale?: Locale): NameMatch[];
  forms(locale?: Locale): FormGroup[];
  errorCodes(): Array<{ code: ErrorCode; description: string }>;
  readonly dataVersion: string;
  /**
   * Settles when the module's second part (generated/dosecalc.deferred.wasm) is loaded; reading it starts
   * that download if nothing has yet. Already resolved for createCalculator's calculator.
   */
  readonly complete: Promise<void>;
}

export interface CalculatorOptions {
  /** The first part, generated/dosecalc.wasm (Node: there is no fetch of file paths). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** The second part, generated/dosecalc.deferred.wasm; required with wasmBinary. */
  deferredWasmBinary?: ArrayBuffer | Uint8Array;
  /** Where a bundler put the two files ('dosecalc.wasm', 'dosecalc.deferred.wasm'). */
  locateFile?: (path: string, prefix: string) => string;
}

/** The calculator once both parts of the module are loaded: no call ever throws NotReadyError. */
export function createCalculator(options?: CalculatorOptions): Promise<Calculator>;

/**
 * The calculator as soon as the module's first part is loaded (what the page's first result needs).
 * A call that needs the second part before it has arrived throws NotReadyError and changes nothing;
 * await `calculator.complete` and call again.
 */
export function createEarlyCalculator(options?: CalculatorOptions): Promise<Calculator>;

/** Thrown by an early calculator's calls that need the module's second part before it has loaded. */
export class NotReadyError extends Error {}

/** The calculator over an already instantiated module (for tests; pages use createCalculator). */
export function calculatorFor(module: unknown): Calculator;

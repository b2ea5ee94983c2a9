// Compiled (not run) by tests/js/types.test.mjs: the .d.ts must describe how the API is used.
import { createCalculator, createEarlyCalculator, NotReadyError, type Report, type ErrorReport, type Request } from '../../web/dosecalc.js';

async function example(): Promise<number> {
  const calc = await createCalculator({ wasmBinary: new Uint8Array(), deferredWasmBinary: new Uint8Array() });
  calc.loadKnowledge('[]');
  const request: Request = {
    reference: 'eu',
    person: { age_years: 45, sex: 'female', kidney: { creatinine_umol_l: 80 } },
    products: [{ form: 'magnesium citrate', amount_mg: 500, amount_basis: 'compound', doses_per_day: 2 }],
    medicines: [{ name: 'Zoloft', times: ['08:00'] }],
  };
  const result: Report | ErrorReport = calc.assess(request);
  if ('errors' in result) return result.errors.length;
  const separation = result.interactions[0]?.separation?.supplement_first_hours ?? 0;
  // The schedule's doses exist only once it is computed: the union makes a caller check.
  const placed = result.schedule.status === 'not_computed' ? 0
    : result.schedule.doses.filter((d) => d.kind === 'product' && d.origin !== 'fixed').length + result.schedule.unplaced.length;
  return result.nutrients[0].total_mg_per_day + separation + placed + calc.searchNames('zol', 5, 'medicine').length;
}
void example;

// The page's way: answer from the first part, wait for the second when a call needs it.
async function early(text: string): Promise<string> {
  const calc = await createEarlyCalculator();
  try {
    return calc.assessText(text);
  } catch (error) {
    if (!(error instanceof NotReadyError)) throw error;
    await calc.complete;
    return calc.assessText(text);
  }
}
void early;

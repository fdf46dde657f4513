import { RANGE_PRESETS, type RangePresetId } from "./range-presets";

/** The range field of the failures and overview filters (a plain GET form field named `range`). */
export function RangeSelect({ preset, testId }: { preset: RangePresetId | null; testId: string }) {
  return (
    <label>
      Range
      <select name="range" defaultValue={preset ?? "7d"} data-testid={testId}>
        {RANGE_PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
    </label>
  );
}

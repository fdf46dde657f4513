import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHART_SERIES, OUTCOME_COLORS } from "./chart-palette";

const CSS = readFileSync(new URL("../../app/globals.css", import.meta.url), "utf8");

/** The custom properties of the first rule whose selector contains `selector`. */
function themeVariables(selector: string): Map<string, string> {
  const start = CSS.indexOf(selector);
  const body = CSS.slice(CSS.indexOf("{", start) + 1, CSS.indexOf("}", start));
  return new Map([...body.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
}

function hue(hex: string): { h: number; s: number } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  if (d === 0) return { h: 0, s: 0 };
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { h: (h * 60 + 360) % 360, s: d / (1 - Math.abs(max + min - 1)) };
}

describe("chart palette", () => {
  for (const [theme, selector] of [
    ["light", ':root,\n[data-theme="light"]'],
    ["dark", '[data-theme="dark"]'],
  ] as const) {
    it(`keeps the series of one chart apart in the ${theme} theme (e.g. caught vs redrives)`, () => {
      const vars = themeVariables(selector);
      for (const [chart, series] of Object.entries(CHART_SERIES)) {
        const colours = series.map((key) => {
          const name = /^var\(--([\w-]+)\)$/.exec(OUTCOME_COLORS[key])?.[1];
          const hex = name ? vars.get(name) : undefined;
          expect(hex, `${chart}/${key} resolves in ${theme}`).toBeDefined();
          return { key, ...hue(hex!) };
        });
        for (let i = 0; i < colours.length; i++) {
          for (let j = i + 1; j < colours.length; j++) {
            const [a, b] = [colours[i], colours[j]];
            if (a.s < 0.15 || b.s < 0.15) continue; // a grey beside a colour is told apart by saturation
            const apart = Math.min(Math.abs(a.h - b.h), 360 - Math.abs(a.h - b.h));
            expect(apart, `${chart}: ${a.key} vs ${b.key} (${theme})`).toBeGreaterThanOrEqual(30);
          }
        }
      }
    });
  }
});

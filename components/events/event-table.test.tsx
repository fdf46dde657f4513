import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EventTable } from "./event-table";
import { syntheticMapHistory } from "./synthetic-history";

describe("EventTable", () => {
  it("puts only the rows in view into the DOM for 25,000 events", () => {
    const { definition, events } = syntheticMapHistory(3500);
    const html = renderToStaticMarkup(<EventTable events={events} definition={JSON.stringify(definition)} height={480} />);
    const rows = html.match(/data-testid="event-row-\d+"/g) ?? [];
    expect(events.length).toBeGreaterThan(25_000);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]).toBe('data-testid="event-row-1"');
    expect(html).toContain(`${events.length} events`);
    // the list is as tall as all rows together, so the scrollbar is right
    expect(html).toContain(`height:${events.length * 30}px`);
  });

  it("starts filtered to a state", () => {
    const { definition, events } = syntheticMapHistory(20);
    const html = renderToStaticMarkup(<EventTable events={events} definition={definition} initialState="Load" />);
    expect(html.match(/data-testid="event-row-\d+"/g)).toEqual(['data-testid="event-row-2"', 'data-testid="event-row-3"']);
  });
});

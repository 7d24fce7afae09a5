import { describe, expect, it } from "vitest";
import type { RegionLatency } from "@/lib/latency/measure";
import { labelSides, layoutMap } from "./layout";
import type { MapModel, ProxyMarker } from "./map-model";
import { MAP_WIDTH, mapFrame, project } from "./projection";
import { worldShapes } from "./world";

const ms = (median: number): RegionLatency => ({ status: "measured", median_ms: median, min_ms: median, max_ms: median, jitter_ms: 0, samples: 5, accurate: true, protocol: null, measured_at: 0 });

function marker(name: string, latitude: number | null, longitude = 0): ProxyMarker {
  return {
    kind: "proxy",
    id: `id-${name}`,
    name,
    label: name,
    icon: "",
    place: latitude === null ? null : { latitude, longitude, label: null },
    latency: undefined,
    canMeasure: true,
    status: "ok",
    reason: "",
    version: "",
    checkedAt: null,
    demo: false,
  };
}

describe("the frame", () => {
  it("fits the whole world into a wide box that starts at the top left", () => {
    const { width, height } = mapFrame();
    expect(width).toBe(MAP_WIDTH);
    // Equal Earth is a little over twice as wide as it is tall.
    expect(width / height).toBeGreaterThan(2);
    expect(width / height).toBeLessThan(2.1);
    const [x, y] = project(0, 0)!;
    expect(x).toBeCloseTo(width / 2, 5);
    expect(y).toBeCloseTo(height / 2, 0);
  });

  it("puts places where a reader expects them: west is left, north is up", () => {
    const [frankfurtX, frankfurtY] = project(8.7, 50.1)!;
    const [oregonX] = project(-122.7, 45.5)!;
    const [tokyoX] = project(139.7, 35.7)!;
    const [, sydneyY] = project(151.2, -33.9)!;
    expect(oregonX).toBeLessThan(frankfurtX);
    expect(frankfurtX).toBeLessThan(tokyoX);
    expect(frankfurtY).toBeLessThan(sydneyY);
  });
});

describe("layoutMap", () => {
  const model: MapModel = {
    markers: [marker("tokyo", 35.7, 139.7), marker("nowhere", null), marker("oregon", 45.5, -122.7), marker("frankfurt", 50.1, 8.7)],
    origin: { id: "id-frankfurt", label: "frankfurt", place: { latitude: 50.1, longitude: 8.7, label: null }, latencyMs: 20 },
    lines: [{ to: "id-tokyo", from: { latitude: 50.1, longitude: 8.7, label: null }, target: { latitude: 35.7, longitude: 139.7, label: null }, latency: ms(160), canMeasure: true }],
  };
  const layout = layoutMap(model);

  it("orders placed markers west to east (the Tab order) and keeps unplaced ones apart", () => {
    expect(layout.markers.map((m) => m.marker.name)).toEqual(["oregon", "frankfurt", "tokyo"]);
    expect(layout.unplaced.map((m) => m.name)).toEqual(["nowhere"]);
  });

  it("gives each point its place in viewBox units and in percent of the frame", () => {
    for (const { at } of layout.markers) {
      expect(at.left).toBeCloseTo((at.x / layout.width) * 100, 1);
      expect(at.top).toBeCloseTo((at.y / layout.height) * 100, 1);
      expect(at.left).toBeGreaterThan(0);
      expect(at.left).toBeLessThan(100);
    }
    expect(layout.origin).toEqual(layout.markers[1].at);
  });

  it("draws a line as the great circle and labels it at its middle", () => {
    const [line] = layout.lines;
    expect(line.d).toMatch(/^M\d+,\d+/);
    // Frankfurt → Tokyo runs over Siberia: the arc's middle is north of both ends.
    const frankfurt = layout.markers[1].at;
    const tokyo = layout.markers[2].at;
    expect(line.label!.x).toBeGreaterThan(frankfurt.x);
    expect(line.label!.x).toBeLessThan(tokyo.x);
    expect(line.label!.y).toBeLessThan(Math.min(frankfurt.y, tokyo.y));
    expect(line.latency).toEqual(ms(160));
  });
});

describe("labelSides", () => {
  it("puts names right of their marker, left near the east edge", () => {
    expect(labelSides([{ left: 20, top: 30 }, { left: 90, top: 60 }])).toEqual(["right", "left"]);
  });

  it("moves a name left when a neighbour sits where it would go, and keeps it right when both sides are taken", () => {
    // Dublin and Frankfurt: close together on one line; Dublin's name goes west, Frankfurt's east.
    expect(labelSides([{ left: 47, top: 12 }, { left: 48.5, top: 14 }])).toEqual(["left", "right"]);
    // A neighbour well above or below is not in the way.
    expect(labelSides([{ left: 47, top: 12 }, { left: 50, top: 40 }])).toEqual(["right", "right"]);
    // Hemmed in on both sides: right, unless at the east edge.
    expect(labelSides([{ left: 40, top: 10 }, { left: 45, top: 10 }, { left: 50, top: 10 }])[1]).toBe("right");
    expect(labelSides([{ left: 75, top: 10 }, { left: 80, top: 10 }, { left: 85, top: 10 }])[1]).toBe("left");
  });
});

describe("worldShapes", () => {
  it("projects the atlas into the frame once", () => {
    const shapes = worldShapes();
    expect(shapes.sphere).toMatch(/^M/);
    expect(shapes.countries.length).toBeGreaterThan(10_000);
    expect(shapes.borders).toMatch(/^M/);
    expect(worldShapes()).toBe(shapes);
  });
});

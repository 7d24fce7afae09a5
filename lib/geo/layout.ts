// The map model projected onto the frame: where each marker, line and latency label goes. Markers
// and labels are drawn as HTML over the SVG (so they keep their size in CSS pixels on a phone), so
// they get positions in percent of the frame as well as in viewBox units.
import { geoInterpolate } from "d3-geo";
import type { RegionLatency } from "@/lib/latency/measure";
import type { LatencyLine, MapMarker, MapModel, Place } from "./map-model";
import { mapFrame, project } from "./projection";

export interface Point {
  x: number;
  y: number;
  /** Percent of the frame's width and height, for HTML placed over the SVG. */
  left: number;
  top: number;
}

export interface PlacedMarker {
  marker: MapMarker;
  at: Point;
  /** Which side of the marker its name goes (see labelSides). */
  label: "left" | "right";
}

export interface DrawnLine {
  to: string;
  /** SVG path data: the great circle, cut where it crosses the map's edge. */
  d: string;
  /** Where the latency label goes: the arc's midpoint. */
  label: Point | null;
  latency: RegionLatency | undefined;
  canMeasure: boolean;
}

export interface MapLayout {
  width: number;
  height: number;
  /** Markers with a place, west to east: the order Tab walks them in. */
  markers: PlacedMarker[];
  /** Markers without a place: listed beside the map, not drawn on it. */
  unplaced: MapMarker[];
  origin: Point | null;
  lines: DrawnLine[];
}

export function layoutMap(model: MapModel): MapLayout {
  const { width, height } = mapFrame();
  const placed: Omit<PlacedMarker, "label">[] = [];
  const unplaced: MapMarker[] = [];
  for (const marker of model.markers) {
    const at = marker.place && point(marker.place);
    if (at) placed.push({ marker, at });
    else unplaced.push(marker);
  }
  placed.sort((a, b) => a.at.x - b.at.x || a.at.y - b.at.y);
  const sides = labelSides(placed.map((p) => p.at));
  return {
    width,
    height,
    markers: placed.map((p, i) => ({ ...p, label: sides[i] })),
    unplaced,
    origin: model.origin && point(model.origin.place),
    lines: model.lines.map(drawLine),
  };
}

/** How much of the frame's width a name may take beside its marker, and how far above or below another marker it clears it, in percent. */
const LABEL_SPAN = { left: 15, top: 5 } as const;
/** East of this (percent of the width), a name to the right would run off the map. */
const EAST_EDGE = 70;

/**
 * Names go to the right of their marker, unless that runs off the east edge or onto a neighbour
 * (Dublin and Frankfurt are a few pixels apart) and the left side is clearer. No more than that:
 * a crowded map hides the names and keeps them in the cards and the table.
 */
export function labelSides(points: readonly Pick<Point, "left" | "top">[]): ("left" | "right")[] {
  const blocked = (i: number, direction: 1 | -1) =>
    points.some((p, j) => {
      const dx = (p.left - points[i].left) * direction;
      return j !== i && dx >= 0 && dx <= LABEL_SPAN.left && Math.abs(p.top - points[i].top) < LABEL_SPAN.top;
    });
  return points.map((p, i) => {
    const east = p.left > EAST_EDGE;
    if (!east && !blocked(i, 1)) return "right";
    if (!blocked(i, -1)) return "left";
    return east ? "left" : "right";
  });
}

function point(place: Place): Point | null {
  const xy = project(place.longitude, place.latitude);
  if (!xy) return null;
  const { width, height } = mapFrame();
  const [x, y] = xy;
  return { x, y, left: round((x / width) * 100), top: round((y / height) * 100) };
}

function drawLine(line: LatencyLine): DrawnLine {
  const from: [number, number] = [line.from.longitude, line.from.latitude];
  const to: [number, number] = [line.target.longitude, line.target.latitude];
  const [longitude, latitude] = geoInterpolate(from, to)(0.5);
  return {
    to: line.to,
    d: mapFrame().path({ type: "LineString", coordinates: [from, to] }) ?? "",
    label: point({ longitude, latitude, label: null }),
    latency: line.latency,
    canMeasure: line.canMeasure,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

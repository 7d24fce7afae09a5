// The map's one projection and its frame. Equal Earth keeps areas true and the continents
// recognisable, and its whole world fits a wide box, which is the shape of a page section. The
// frame is fixed (the SVG scales through its viewBox), so everything projected once stays valid
// at every screen width.
import { geoEqualEarth, geoPath, type GeoPath, type GeoPermissibleObjects, type GeoProjection } from "d3-geo";

/** viewBox width; the height follows from the projection's shape. */
export const MAP_WIDTH = 960;

/**
 * Path coordinates are whole viewBox units (a pixel and a third at the widest the page gets): the
 * countries' path data is a third smaller than with one decimal (about 100 KB in the page's HTML,
 * 33 KB compressed), and no one can see the difference at 1:110m.
 */
const PATH_DIGITS = 0;

export interface MapFrame {
  width: number;
  height: number;
  projection: GeoProjection;
  path: GeoPath<unknown, GeoPermissibleObjects>;
}

let frame: MapFrame | null = null;

/** The whole sphere fitted to MAP_WIDTH, top at 0; made once. */
export function mapFrame(): MapFrame {
  if (frame) return frame;
  const sphere = { type: "Sphere" } as const;
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH, sphere);
  const path = geoPath(projection).digits(PATH_DIGITS);
  const [[, top], [, bottom]] = path.bounds(sphere);
  frame = { width: MAP_WIDTH, height: Math.ceil(bottom - Math.min(0, top)), projection, path };
  return frame;
}

/** A [longitude, latitude] pair in viewBox units; null only for points the projection cannot show. */
export function project(longitude: number, latitude: number): [number, number] | null {
  return mapFrame().projection([longitude, latitude]);
}

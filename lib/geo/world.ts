// The countries under the markers, from the TopoJSON that the world-atlas package ships (Natural
// Earth at 1:110m, 108 KB): imported, so the bundler puts it in the page's JavaScript and no
// request is made for it at run time. Drawn as two paths, not one element per country: the
// shapes are scenery, and a few hundred nodes fewer keep the map cheap to render.
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import atlas from "world-atlas/countries-110m.json";
import { mapFrame } from "./projection";

type Atlas = Topology<{ countries: GeometryCollection<{ name: string }>; land: GeometryCollection }>;

export interface WorldShapes {
  /** The outline of the globe in this projection (the sea). */
  sphere: string;
  /** Every country, one path. */
  countries: string;
  /** The borders between countries (coastlines are the countries' own edges). */
  borders: string;
}

let shapes: WorldShapes | null = null;

/** Projected once per page load and kept: the world does not change while the page is open. */
export function worldShapes(): WorldShapes {
  if (shapes) return shapes;
  const topology = atlas as unknown as Atlas;
  const { path } = mapFrame();
  shapes = {
    sphere: path({ type: "Sphere" }) ?? "",
    countries: path(feature(topology, topology.objects.countries)) ?? "",
    borders: path(mesh(topology, topology.objects.countries, (a, b) => a !== b)) ?? "",
  };
  return shapes;
}

/** Region codes an admin can pick for a proxy's place on the map, with their coordinates. */
export const LOCATIONS = {
  "us-east": { label: "US East (Virginia)", latitude: 38.9, longitude: -77.0 },
  "us-west": { label: "US West (Oregon)", latitude: 45.5, longitude: -122.7 },
  "sa-east": { label: "South America (São Paulo)", latitude: -23.5, longitude: -46.6 },
  "eu-west": { label: "Europe West (Dublin)", latitude: 53.3, longitude: -6.3 },
  "eu-central": { label: "Europe Central (Frankfurt)", latitude: 50.1, longitude: 8.7 },
  "af-south": { label: "Africa South (Cape Town)", latitude: -33.9, longitude: 18.4 },
  "ap-south": { label: "Asia Pacific (Mumbai)", latitude: 19.1, longitude: 72.9 },
  "ap-northeast": { label: "Asia Pacific (Tokyo)", latitude: 35.7, longitude: 139.7 },
  "ap-southeast": { label: "Asia Pacific (Sydney)", latitude: -33.9, longitude: 151.2 },
} as const satisfies Record<string, { label: string; latitude: number; longitude: number }>;

export type LocationCode = keyof typeof LOCATIONS;

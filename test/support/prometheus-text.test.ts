// The parser test/metrics.test.ts reads /metrics with: a metrics test is only as strict as it is,
// so it must keep every label (histograms too), decode escapes, and refuse what Prometheus refuses.
import { describe, expect, it } from "vitest";
import { parsePrometheusText } from "./prometheus-text";

const EXPOSITION = [
  "# HELP meridian_http_request_duration_seconds Time to answer, by route.\\nSecond line \\\\ here.",
  "# TYPE meridian_http_request_duration_seconds histogram",
  'meridian_http_request_duration_seconds_bucket{le="0.1",route="/api/v2/regions",method="GET"} 3',
  'meridian_http_request_duration_seconds_bucket{le="+Inf",route="/api/v2/regions",method="GET"} 4',
  'meridian_http_request_duration_seconds_sum{route="/api/v2/regions",method="GET"} 0.25',
  'meridian_http_request_duration_seconds_count{route="/api/v2/regions",method="GET"} 4',
  "# a comment, not metadata",
  "# TYPE meridian_proxy_status gauge",
  'meridian_proxy_status { proxy = "eu \\"west\\"\\\\1\\n" , status="ok", } 1 1700000000000',
  "# TYPE meridian_up untyped",
  "meridian_up NaN",
  "",
].join("\n");

describe("parsePrometheusText", () => {
  it("reads families with HELP, TYPE and every sample's labels, histograms included", () => {
    const families = parsePrometheusText(EXPOSITION);
    expect([...families.keys()]).toEqual(["meridian_http_request_duration_seconds", "meridian_proxy_status", "meridian_up"]);
    const histogram = families.get("meridian_http_request_duration_seconds")!;
    expect(histogram.help).toBe("Time to answer, by route.\nSecond line \\ here.");
    expect(histogram.type).toBe("histogram");
    expect(histogram.samples.map((s) => [s.name, s.labels.le, s.labels.route, s.value])).toEqual([
      ["meridian_http_request_duration_seconds_bucket", "0.1", "/api/v2/regions", 3],
      ["meridian_http_request_duration_seconds_bucket", "+Inf", "/api/v2/regions", 4],
      ["meridian_http_request_duration_seconds_sum", undefined, "/api/v2/regions", 0.25],
      ["meridian_http_request_duration_seconds_count", undefined, "/api/v2/regions", 4],
    ]);
    expect(families.get("meridian_proxy_status")!.samples).toEqual([{ name: "meridian_proxy_status", labels: { proxy: 'eu "west"\\1\n', status: "ok" }, value: 1 }]);
    expect(families.get("meridian_proxy_status")!.help).toBeUndefined();
    expect(families.get("meridian_up")!.samples[0].value).toBeNaN();
  });

  it.each([
    ["a sample of a family without TYPE", "meridian_x 1", /belongs to no family declared with TYPE/],
    ["a histogram's sample that is not one of its series", "# TYPE h histogram\nh 1", /belongs to no family/],
    ["a second TYPE", "# TYPE g gauge\n# TYPE g counter", /second TYPE/],
    ["a second HELP", "# HELP g a\n# HELP g b", /second HELP/],
    ["metadata after the samples", "# TYPE g gauge\ng 1\n# HELP g late", /HELP after g's samples/],
    ["an unknown type", "# TYPE g meter", /unknown type meter/],
    ["a value that is not a number", "# TYPE g gauge\ng one", /"one" is not a number/],
    ["an unterminated label value", '# TYPE g gauge\ng{a="x} 1', /unterminated label value/],
    ["an invalid escape", '# TYPE g gauge\ng{a="\\t"} 1', /invalid escape/],
    ["a label given twice", '# TYPE g gauge\ng{a="1",a="2"} 1', /label a twice/],
    ["a label name with a colon", '# TYPE g gauge\ng{a:b="1"} 1', /expected "="/],
    ["text after the timestamp", "# TYPE g gauge\ng 1 2 3", /unexpected text/],
    ["a bucket without le", '# TYPE h histogram\nh_bucket{x="1"} 1', /a bucket without le/],
  ])("refuses %s", (_, text, error) => {
    expect(() => parsePrometheusText(text)).toThrow(error);
  });
});

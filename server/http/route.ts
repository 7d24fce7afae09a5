// The one wrapper every route handler goes through: parses params and query with zod,
// answers JSON, and maps errors to the one error shape. A 500 is a bug and is logged.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { ApiError, fromZod } from "./errors";

interface RouteSpec<Q extends z.ZodType, P extends z.ZodType> {
  query?: Q;
  params?: P;
}

interface Input<Q, P> {
  req: NextRequest;
  query: Q;
  params: P;
}

type Handler<Q, P> = (input: Input<Q, P>) => Promise<unknown>;

export function route<Q extends z.ZodType = z.ZodUnknown, P extends z.ZodType = z.ZodUnknown>(
  spec: RouteSpec<Q, P>,
  handler: Handler<z.infer<Q>, z.infer<P>>,
) {
  return async (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => {
    try {
      const query = parse("query", spec.query, Object.fromEntries(req.nextUrl.searchParams));
      const params = parse("path parameters", spec.params, await ctx.params);
      const result = await handler({ req, query, params });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (err) {
      return errorResponse(err, req);
    }
  };
}

function parse<T extends z.ZodType>(where: string, schema: T | undefined, value: unknown): z.infer<T> {
  if (!schema) return value as z.infer<T>;
  const result = schema.safeParse(value);
  if (!result.success) throw fromZod(where, result.error);
  return result.data;
}

export function errorResponse(err: unknown, req: { method: string; nextUrl: URL }) {
  if (err instanceof ApiError) return NextResponse.json(err.body(), { status: err.status });
  console.error(`${req.method} ${req.nextUrl.pathname} failed:`, err);
  return NextResponse.json({ message: "Internal error.", detail: "The server logged the cause." }, { status: 500 });
}

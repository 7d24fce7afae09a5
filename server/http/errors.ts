// Typed domain errors, mapped to an HTTP status and the one error shape in one place.
import type { ApiErrorBody } from "@/lib/api/errors";
import { z } from "zod";

type Validation = NonNullable<ApiErrorBody["validations"]>[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail?: string,
    readonly validations?: Validation[],
    /** Seconds, for 429 and 503 answers. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  body(): ApiErrorBody {
    return { message: this.message, detail: this.detail, validations: this.validations };
  }
}

export class Invalid extends ApiError {
  constructor(message: string, validations?: Validation[]) {
    super(400, message, undefined, validations);
  }
}
export class Unauthorized extends ApiError {
  constructor(message = "You must be signed in.") {
    super(401, message);
  }
}
export class Forbidden extends ApiError {
  constructor(message = "You do not have permission to do this.") {
    super(403, message);
  }
}
export class NotFound extends ApiError {
  constructor(what: string) {
    super(404, `${what} not found.`);
  }
}
export class Conflict extends ApiError {
  constructor(message: string, validations?: Validation[]) {
    super(409, message, undefined, validations);
  }
}

export class PayloadTooLarge extends ApiError {
  constructor(limitBytes: number) {
    super(413, `Body too large (limit ${limitBytes / 1024} KiB).`, undefined, [{ field: "body", detail: `must be at most ${limitBytes} bytes` }]);
  }
}

export class TooManyRequests extends ApiError {
  constructor(message: string, retryAfter: number) {
    super(429, message, undefined, undefined, retryAfter);
  }
}

/** Turns a zod failure into a 400 that names every field and what is wrong with it. */
export function fromZod(where: string, error: z.ZodError): Invalid {
  return new Invalid(
    `Invalid ${where}.`,
    error.issues.map((issue) => ({ field: issue.path.join(".") || where, detail: issue.message })),
  );
}

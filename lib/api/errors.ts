import { z } from "zod";

/** The one error shape every endpoint answers with. */
export const apiErrorSchema = z.object({
  message: z.string(),
  detail: z.string().optional(),
  validations: z.array(z.object({ field: z.string(), detail: z.string() })).optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

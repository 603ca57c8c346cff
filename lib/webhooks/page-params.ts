import { z } from "zod";

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The delivery log's page from the URL; anything malformed is page 1. */
export function deliveryLogQuery(raw: Record<string, string | string[] | undefined>) {
  return {
    page: z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .catch(1)
      .parse(first(raw.page) ?? 1),
    perPage: 25,
  };
}

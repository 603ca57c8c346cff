import { z } from "zod";

export const isUuid = (value: string) => z.uuid().safeParse(value).success;

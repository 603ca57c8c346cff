// A webhook endpoint's delivery log URL (the admin's and the partner's endpoint pages).
import { defineTableUrl } from "@/lib/tables/url";
import type { DeliverySort } from "@/lib/webhooks/queries";

export const deliveryLogUrl = defineTableUrl({
  sortable: ["createdAt"] satisfies DeliverySort[],
  defaultSort: { id: "createdAt", desc: true },
});

// Where a webhook endpoint may point, checked when it is saved. Delivery checks again and pins the
// address (lib/net): DNS can change after saving.
import { AppError } from "../errors";
import { checkTarget, describeRefusal, OutboundError, type OutboundPolicy } from "../net";

/** Refuses a URL that is, or resolves to, an internal address, with the reason on the URL field. */
export async function assertPublicTarget(url: string, policy: OutboundPolicy): Promise<void> {
  if (policy.allowPrivateTargets) return;
  try {
    await checkTarget(url, policy);
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    const message = error.refused
      ? `This URL points inside the network: ${describeRefusal(error.refused)}. Use an endpoint on the public internet.`
      : `${error.message} Check the host name.`;
    throw new AppError("INVALID_INPUT", message, { url: [message] });
  }
}

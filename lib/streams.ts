/**
 * A byte stream for a Response from text chunks: the next chunk is read only when the client is
 * ready for it, and a client that goes away stops the generator (closing its database cursor).
 */
export function byteStreamOf(
  chunks: AsyncGenerator<string, void, unknown>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

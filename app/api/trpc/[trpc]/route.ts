import { createRequestContext } from "@/server/context";
import { handleTrpcRequest } from "@/server/trpc-http";

function handler(request: Request) {
  return handleTrpcRequest(request, createRequestContext);
}

export { handler as GET, handler as POST };

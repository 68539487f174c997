import { handleApiRequest } from "@/server/api/dispatch";

/** The REST API (server/api/dispatch.ts routes every /api/v1 request). */
export const GET = handleApiRequest;
export const POST = handleApiRequest;
export const PATCH = handleApiRequest;
export const DELETE = handleApiRequest;
export const PUT = handleApiRequest;

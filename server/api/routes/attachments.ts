import "server-only";
import { z } from "zod";
import { findDownloadableAttachment } from "@/server/attachments/authorize-download";
import { attachmentDownloadResponse } from "@/server/attachments/download-response";
import { uploadAttachmentFromRequest } from "@/server/attachments/upload-request";
import { AppError, isAppError } from "@/server/errors";
import { attachmentResource, toAttachmentResource } from "../resources/message";
import { apiRoute } from "../route-definition";

const tag = "Attachments";

export const attachmentRoutes = [
  apiRoute({
    method: "POST",
    path: "/attachments",
    operationId: "uploadAttachment",
    summary: "Upload a file",
    description:
      "multipart/form-data with one field named file. Any type is accepted up to the size limit, except the extensions an admin blocks (422, naming the file). The name is cleaned (no folders, no leading dot) and the type read from the bytes. The upload stays pending (and is removed after a day) until a ticket or reply names its id in attachment_ids.",
    tag,
    scope: "tickets:write",
    role: "customer",
    body: "multipart",
    responses: { 201: { description: "The stored file.", schema: attachmentResource } },
    handler: async ({ db, user, request }) => {
      try {
        return { status: 201, body: toAttachmentResource(await uploadAttachmentFromRequest(db, user, request)) };
      } catch (error) {
        // The upload has one field, so whatever is wrong with it is wrong with "file": a 422 names it, as every 422 of the API does.
        if (isAppError(error) && error.code === "INVALID" && !error.fieldErrors) throw new AppError("INVALID", error.message, { fieldErrors: { file: [error.message] } });
        throw error;
      }
    },
  }),
  apiRoute({
    method: "GET",
    path: "/attachments/{id}",
    operationId: "downloadAttachment",
    summary: "Download a file",
    description: "The file's bytes, as a download. Files on tickets the token's owner cannot see, or on messages they may not read, are 404.",
    tag,
    scope: "tickets:read",
    role: "customer",
    params: z.object({ id: z.uuid() }),
    // Served under its detected type (image/png, text/plain, ...), or application/octet-stream for anything else.
    responses: { 200: { description: "The file: raster images and PDF inline under their detected type, everything else application/octet-stream as an attachment (nosniff, sandboxed).", contentType: "*/*" } },
    handler: async ({ db, user, params }) => {
      const attachment = await findDownloadableAttachment(db, user, params.id);
      const response = attachment && (await attachmentDownloadResponse(attachment));
      if (!response) throw new AppError("NOT_FOUND", "This file does not exist or is not yours to see.");
      return response;
    },
  }),
];

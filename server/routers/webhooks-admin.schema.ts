import "server-only";
import { z } from "zod";
import { webhookDeliveryStatuses, webhookEventTypes } from "@/db/schema";
import { webhookEndpointLimits, webhookUrlProblem } from "@/server/webhooks/endpoints";

/**
 * Inputs of admin.webhooks, also the REST API's (/api/v1/webhooks), so both
 * doors refuse the same things in the same words. Messages are written for
 * the form that shows them beside their field.
 */

const { descriptionMaxLength } = webhookEndpointLimits;
const recordId = z.uuid("Reload the page and try again.");

const url = z
  .string("Enter the address that should receive the events.")
  .trim()
  .min(1, { error: "Enter the address that should receive the events.", abort: true })
  // Length, scheme, host, no credentials or fragment: one rule, shared with the domain's own check.
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const description = z.string("Describe the endpoint in words.").trim().max(descriptionMaxLength, `Keep the description under ${descriptionMaxLength} characters.`);

const events = z
  .array(z.enum(webhookEventTypes, `Events are ${webhookEventTypes.join(", ")}.`), "Choose at least one event.")
  .min(1, "Choose at least one event.")
  .max(webhookEventTypes.length * 2, "Choose each event at most once.");

const includeInternalNotes = z.boolean("Say whether internal notes are sent.");
const enabled = z.boolean("Say whether the endpoint is switched on.");

export const createWebhookEndpointInput = z.object({
  url,
  description: description.default(""),
  events,
  includeInternalNotes: includeInternalNotes.default(false),
  enabled: enabled.default(true),
});

/** Only the fields given change (PATCH). */
export const updateWebhookEndpointInput = z.object({
  id: recordId,
  url: url.optional(),
  description: description.optional(),
  events: events.optional(),
  includeInternalNotes: includeInternalNotes.optional(),
  enabled: enabled.optional(),
});

/** get, delete, rotateSecret and sendTestEvent name the endpoint by its id. */
export const webhookEndpointIdInput = z.object({ id: recordId });

export const listWebhookDeliveriesInput = z.object({
  endpointId: recordId,
  status: z.enum(webhookDeliveryStatuses, `Statuses are ${webhookDeliveryStatuses.join(", ")}.`).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

/** deliveries.get and deliveries.redeliver name the delivery by its id. */
export const webhookDeliveryIdInput = z.object({ id: recordId });

/**
 * Images in help-center articles, stored as attachments held by their
 * article: who may upload one (through the route the editor uses), that
 * only raster images are taken, that the download route gives one to
 * exactly those who may read the article (anonymous visitors included) and
 * answers everyone else with the same 404 as a missing file, and that
 * neither a message nor the sweep of abandoned uploads ever takes one.
 */
import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { attachments, messages } from "@/db/schema";
import { single } from "@/db/rows";
import { GET as downloadRoute } from "@/app/api/attachments/[id]/route";
import { POST as articleImageRoute } from "@/app/api/articles/[id]/images/route";
import { linkAttachments } from "@/server/attachments/link-attachments";
import { uploadAttachment } from "@/server/attachments/upload";
import { sweepExpired } from "@/server/jobs/sweeps";
import { articleImageUpload } from "@/server/knowledge/article-images";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createOrganization, createUser, unique } from "../support/factories";
import { endRequestSessions, presentSessionOf, routeParams, routeStorageRoot } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";
import { tinyPng } from "../support/tiny-png";

vi.mock("@/server/auth/index", async () => (await import("../support/request-session")).authModule());
vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));

type ArticleKey = "public" | "orgOnly" | "internal" | "draft";
type PersonKey = "orgCustomer" | "otherOrgCustomer" | "agent" | "manager";

describe("article images", async () => {
  const { db } = await useTestDatabase();
  const people = {} as Record<PersonKey, SessionUser>;
  const articles = {} as Record<ArticleKey, { id: number }>;
  /** The image uploaded into each article. */
  const images = {} as Record<ArticleKey, string>;

  const imageForm = (name: string, bytes: Uint8Array, type = "image/png") => {
    const form = new FormData();
    form.set("file", new File([new Uint8Array(bytes)], name, { type }));
    return form;
  };

  /** POST /api/articles/<id>/images as this person (null: no session). */
  async function uploadAs(person: SessionUser | null, articleId: number | string, name = "diagram.png", bytes: Uint8Array = tinyPng(), type = "image/png") {
    presentSessionOf(db, person?.id ?? null);
    const request = new Request(`http://localhost/api/articles/${articleId}/images`, { method: "POST", body: imageForm(name, bytes, type) });
    const response = await articleImageRoute(request, routeParams({ id: String(articleId) }));
    return { status: response.status, json: (await response.json()) as { id?: string; contentType?: string; error?: string } };
  }

  /** GET /api/attachments/<id> as this person (null: an anonymous visitor). */
  async function downloadAs(person: SessionUser | null, attachmentId: string) {
    presentSessionOf(db, person?.id ?? null);
    return downloadRoute(new Request(`http://localhost/api/attachments/${attachmentId}`), routeParams({ id: attachmentId }));
  }

  beforeAll(async () => {
    const organization = await createOrganization(db);
    const otherOrganization = await createOrganization(db);
    people.orgCustomer = await createUser(db, { role: "customer", organizationId: organization.id });
    people.otherOrgCustomer = await createUser(db, { role: "customer", organizationId: otherOrganization.id });
    people.agent = await createUser(db, { role: "agent" });
    people.manager = await createUser(db, { role: "manager" });
    const manager = callerFor(db, people.manager).knowledge.manage;
    const categoryId = (await manager.createCategory({ name: unique("Images"), description: "" })).id;
    const sectionId = (await manager.createSection({ categoryId, name: "Screens", description: "" })).id;
    const write = (visibility: "public" | "signed_in" | "internal", organizationId: string | null = null) =>
      callerFor(db, people.agent).knowledge.manage.create({ title: unique("Where the button is"), body: "Look here:", sectionId, visibility, organizationId });
    articles.public = await write("public");
    articles.orgOnly = await write("signed_in", organization.id);
    articles.internal = await write("internal");
    articles.draft = await write("public");
    // Agents add images to drafts; the uploads happen before publishing, as they would in the editor.
    for (const key of Object.keys(articles) as ArticleKey[]) {
      const uploaded = await uploadAs(people.agent, articles[key].id);
      expect(uploaded.status, key).toBe(201);
      images[key] = uploaded.json.id ?? "";
    }
    for (const key of ["public", "orgOnly", "internal"] as const) await manager.publish({ id: articles[key].id });
  });
  afterAll(endRequestSessions);

  describe("uploading", () => {
    it("holds the image by its article from the start, typed from its bytes", async () => {
      const row = single(await db.select().from(attachments).where(eq(attachments.id, images.public)), "attachment");
      expect(row).toMatchObject({ articleId: articles.public.id, messageId: null, ticketId: null, uploaderId: people.agent.id, contentType: "image/png" });
    });

    it("takes only PNG, JPEG, GIF and WebP, saying so, and keeps nothing of a refused file", async () => {
      const before = await db.$count(attachments, eq(attachments.articleId, articles.draft.id));
      const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
      const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      for (const [name, bytes, type] of [
        ["manual.pdf", pdf, "application/pdf"],
        ["logo.svg", svg, "image/svg+xml"],
        ["fake.png", svg, "image/png"],
      ] as const) {
        const refused = await uploadAs(people.agent, articles.draft.id, name, bytes, type);
        expect(refused, name).toEqual({ status: 400, json: expect.objectContaining({ error: "Only images can go in an article: PNG, JPEG, GIF or WebP." }) });
      }
      expect(await db.$count(attachments, eq(attachments.articleId, articles.draft.id))).toBe(before);
    });

    it("lets those who may edit the article add images: agents to drafts, managers to any; nobody else learns it exists", async () => {
      expect((await uploadAs(people.agent, articles.public.id)).status).toBe(403);
      expect((await uploadAs(people.manager, articles.public.id)).status).toBe(201);
      expect((await uploadAs(people.orgCustomer, articles.draft.id)).status).toBe(404);
      expect((await uploadAs(null, articles.draft.id)).status).toBe(401);
      expect((await uploadAs(people.agent, 2_000_000_000)).status).toBe(404);
      expect((await uploadAs(people.agent, "not-a-number")).status).toBe(404);
    });
  });

  describe("reading", () => {
    it("gives an anonymous visitor a public article's image, and a 404 for an internal, organization-only or draft one", async () => {
      const served = await downloadAs(null, images.public);
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("image/png");
      expect(Buffer.from(await served.arrayBuffer())).toEqual(tinyPng());

      const missing = await downloadAs(null, "00000000-0000-4000-8000-000000000000");
      expect(missing.status).toBe(404);
      const missingBody = await missing.json();
      for (const key of ["internal", "orgOnly", "draft"] as const) {
        const refused = await downloadAs(null, images[key]);
        // The same answer as a file that does not exist: no hint that it does, or that signing in would help.
        expect(refused.status, key).toBe(404);
        expect(await refused.json(), key).toEqual(missingBody);
      }
    });

    it("gives an organization-only article's image to its organization's customers, not to another organization's", async () => {
      expect((await downloadAs(people.orgCustomer, images.orgOnly)).status).toBe(200);
      expect((await downloadAs(people.otherOrgCustomer, images.orgOnly)).status).toBe(404);
      expect((await downloadAs(people.otherOrgCustomer, images.public)).status).toBe(200);
    });

    it("keeps internal and draft articles' images for staff", async () => {
      for (const key of ["internal", "draft"] as const) {
        expect((await downloadAs(people.orgCustomer, images[key])).status, key).toBe(404);
        expect((await downloadAs(people.agent, images[key])).status, key).toBe(200);
        expect((await downloadAs(people.manager, images[key])).status, key).toBe(200);
      }
    });

    it("follows the article: unpublishing it takes its images from customers again", async () => {
      await callerFor(db, people.manager).knowledge.manage.unpublish({ id: articles.orgOnly.id });
      expect((await downloadAs(people.orgCustomer, images.orgOnly)).status).toBe(404);
      await callerFor(db, people.manager).knowledge.manage.publish({ id: articles.orgOnly.id });
      expect((await downloadAs(people.orgCustomer, images.orgOnly)).status).toBe(200);
    });

    it("still answers an anonymous request for a ticket's file with the same 404", async () => {
      const customer = await createUser(db);
      const { category } = await createCategory(db);
      const ticket = await callerFor(db, customer).tickets.create({ subject: "Screenshot", body: "Here is the screenshot.", categoryId: category.id });
      const file = await uploadAttachment(db, customer, { name: "screen.png", bytes: tinyPng() }, { storageRoot: routeStorageRoot });
      const messageId = single(await db.select({ id: messages.id }).from(messages).where(eq(messages.ticketId, ticket.id)), "message").id;
      await linkAttachments(db, { uploaderId: customer.id, ticketId: ticket.id, messageId, attachmentIds: [file.id], maxCount: 5 });
      expect((await downloadAs(customer, file.id)).status).toBe(200);
      expect((await downloadAs(null, file.id)).status).toBe(404);
    });
  });

  describe("never pending", () => {
    it("cannot be claimed by a message, not even by its uploader", async () => {
      const { category } = await createCategory(db);
      const ticket = await callerFor(db, people.orgCustomer).tickets.create({ subject: "Printer", body: "It jams every morning.", categoryId: category.id });
      const messageId = single(await db.select({ id: messages.id }).from(messages).where(eq(messages.ticketId, ticket.id)), "message").id;
      await expect(linkAttachments(db, { uploaderId: people.agent.id, ticketId: ticket.id, messageId, attachmentIds: [images.draft], maxCount: 5 })).rejects.toThrow(
        "no longer available",
      );
      expect(single(await db.select().from(attachments).where(eq(attachments.id, images.draft)), "attachment")).toMatchObject({ articleId: articles.draft.id, messageId: null });
    });

    it("survives the sweep of abandoned uploads, however old, while an old pending upload goes", async () => {
      const image = await uploadAttachment(db, people.agent, { name: "old-diagram.png", bytes: tinyPng() }, { storageRoot: routeStorageRoot, ...articleImageUpload(articles.public.id) });
      const pending = await uploadAttachment(db, people.agent, { name: "abandoned.png", bytes: tinyPng() }, { storageRoot: routeStorageRoot });
      for (const id of [image.id, pending.id]) await db.update(attachments).set({ createdAt: sql`now() - interval '30 days'` }).where(eq(attachments.id, id));
      const imageRow = single(await db.select().from(attachments).where(eq(attachments.id, image.id)), "attachment");

      await sweepExpired(db, { storageRoot: routeStorageRoot });
      expect(await db.$count(attachments, eq(attachments.id, pending.id))).toBe(0);
      expect(await db.$count(attachments, eq(attachments.id, image.id))).toBe(1);
      expect(fs.existsSync(path.join(routeStorageRoot, imageRow.storageKey))).toBe(true);
      expect((await downloadAs(null, image.id)).status).toBe(200);
    });
  });
});

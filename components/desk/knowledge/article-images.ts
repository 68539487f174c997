/**
 * Putting images into an article's Markdown from the editor: each file is
 * uploaded to the article (POST /api/articles/<id>/images, which refuses
 * anything but PNG, JPEG, GIF and WebP), and a placeholder in the body marks
 * where it goes until the upload answers, so typing on meanwhile moves it
 * along with the text.
 */

/** The types the file picker offers; the server decides from the bytes. */
export const articleImageAccept = "image/png,image/jpeg,image/gif,image/webp";

/** Uploads one image into the article and answers the URL the Markdown names. */
export async function uploadArticleImage(articleId: number, file: File): Promise<string> {
  const body = new FormData();
  body.set("file", file);
  const response = await fetch(`/api/articles/${articleId}/images`, { method: "POST", body });
  const json = (await response.json().catch(() => ({}))) as { id?: string; error?: string };
  if (!response.ok || !json.id) throw new Error(json.error ?? "The image could not be uploaded. Try again.");
  return `/api/attachments/${json.id}`;
}

let placeholderCount = 0;

/** A marker unique to this upload, for the body while it is in flight. */
export function uploadPlaceholder(file: File): string {
  placeholderCount += 1;
  return `![Uploading ${altTextOf(file.name)} (${placeholderCount})…]()`;
}

/** The Markdown for an uploaded image: its name (without the extension) as the alt text the writer can improve. */
export function imageMarkdown(file: File, url: string): string {
  return `![${altTextOf(file.name)}](${url})`;
}

function altTextOf(fileName: string): string {
  const alt = fileName
    .replace(/\.[^.]*$/, "")
    .replace(/[[\]\\\r\n]+/g, " ")
    .trim();
  return alt || "image";
}

/** The image files among those pasted or dropped (text and other files are left to the textarea). */
export function imageFilesOf(files: FileList | null | undefined): File[] {
  return [...(files ?? [])].filter((file) => file.type.startsWith("image/"));
}

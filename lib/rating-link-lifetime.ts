/** How many days an emailed rating link works after it was sent (server/satisfaction/rating-links.ts); the email says so too. */
export const RATING_LINK_LIFETIME_DAYS = 30;

export * from "./enums";
export * from "./users";
export * from "./teams";
export * from "./tickets";
export * from "./attachments";
export * from "./desk";
export * from "./email";

/** Columns for operations (migration 0047_outbox_request_id); merged into DB in schema.ts. */

declare module './schema' {
  interface OutboxTable {
    /** The request id of the command that queued the message (server/request-context.ts), or null (older rows). */
    request_id?: string | null;
  }
}

export {};

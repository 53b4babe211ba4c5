/**
 * An edit made on an old version of shared data: refused as a CONFLICT whose
 * error data carries what the server holds now (`current`, see the error
 * formatter in server/trpc.ts), so the screen can show it beside the user's
 * own version and let them choose. Nothing is overwritten unseen.
 */
export class StaleEdit<T = unknown> extends Error {
  constructor(readonly current: T) {
    super('stale edit');
  }
}

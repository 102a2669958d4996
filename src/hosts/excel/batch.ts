/// <reference types="office-js" />
/**
 * Queues statements and syncs only when the next statement would take the request over the
 * limit; flush() sends the rest. Screen updating and calculation are suspended once per request.
 */
export class Batch {
  private bytes = 0;
  private pending = false;
  constructor(
    private context: Excel.RequestContext,
    private sync: () => Promise<void>,
    private limit: number
  ) {}
  private start(): void {
    this.context.application.suspendScreenUpdatingUntilNextSync();
    this.context.application.suspendApiCalculationUntilNextSync();
  }
  /** Make room for a statement of about `bytes`: sync first if it would not fit. */
  /** Syncs of this batch Excel has applied. */
  syncsDone = 0;
  private async send(): Promise<void> {
    await this.sync();
    this.syncsDone++;
  }
  async room(bytes: number): Promise<void> {
    if (this.pending && this.bytes + bytes > this.limit) {
      await this.send();
      this.bytes = 0;
      this.pending = false;
    }
    if (!this.pending) this.start();
    this.bytes += bytes;
    this.pending = true;
  }
  /**
   * Work that can only be queued once this batch's results are back (each returns whether it
   * queued anything): one more sync after the flush, only when one did.
   */
  afterwards(step: () => boolean): void {
    this.steps.push(step);
  }
  private steps: (() => boolean)[] = [];

  async flush(): Promise<void> {
    if (this.pending) await this.send();
    this.pending = false;
    this.bytes = 0;
    const steps = this.steps;
    this.steps = [];
    if (steps.map((step) => step()).some(Boolean)) await this.send();
  }
}

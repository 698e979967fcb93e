/** Base class of dealrisk's own errors: `name` is set so logs and type guards can rely on it. */
export class DealriskError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

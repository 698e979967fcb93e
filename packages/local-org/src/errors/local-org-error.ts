/** Base class of the local org's own errors: `name` is set so logs and type guards can rely on it. */
export class LocalOrgError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

import { LocalOrgError } from './local-org-error.js';

/** Thrown by loadDataset for a record (or an object list) it cannot load; names the object, index and field. */
export class DatasetLoadError extends LocalOrgError {
  readonly objectName: string;
  /** The row's index in the dataset's list of `objectName`; undefined when the whole list is at fault. */
  readonly index: number | undefined;
  /** What is wrong, without the location. */
  readonly reason: string;

  constructor(objectName: string, index: number | undefined, reason: string) {
    super(`Dataset ${objectName}${index === undefined ? '' : `[${index}]`}: ${reason}`);
    this.objectName = objectName;
    this.index = index;
    this.reason = reason;
  }
}

/** Type guard by name, so it also works across module copies. */
export function isDatasetLoadError(error: unknown): error is DatasetLoadError {
  return error instanceof Error && error.name === 'DatasetLoadError';
}

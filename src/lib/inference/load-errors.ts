// The loader's errors: what the reader is told (ModelLoadError, with its kind and one line per URL
// tried), and the two the loader uses inside: one URL failed (Attempt: try the next), or the whole load
// must stop (Final: another copy of the same model would fail the same way).

export type LoadErrorKind = 'not-found' | 'network' | 'truncated' | 'not-a-model' | 'shape' | 'integrity' | 'too-large';

export class ModelLoadError extends Error {
  constructor(
    readonly kind: LoadErrorKind,
    message: string,
    /** One line per URL tried, for the details under the message. */
    readonly attempts: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ModelLoadError';
  }
}

/** One URL failed in a way the next URL may not. */
export class Attempt extends Error {
  constructor(
    readonly kind: LoadErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** A failure that ends the whole load: trying another URL of the same model would not help. */
export class Final extends Error {
  constructor(readonly error: ModelLoadError) {
    super(error.message);
  }
}

// A classifier's backend in the page's shared engine worker: started once per worker (early, or with
// the first pick) for the backend the reader chose. Asks while a start runs share it, and its 'start'
// is posted at once, so a 'load' posted next is downloaded while the backend starts. After a worker
// restart the current image is sent to the new worker.
import { loweredInfo } from '../../lib/worker-rpc/backend-ladder';
import type { BackendChoice, BackendInfo } from '../../lib/worker-rpc/backend';
import type { ImageSource } from '../../lib/engine/methods';
import type { EngineClient } from '../shared/engine';
import { STARTING } from './model-loads.svelte';

/** What the start needs of its classifier. */
export interface StartHost {
  engine(): EngineClient;
  /** The backend the reader chose. */
  choice(): BackendChoice;
  /** The image a new worker must be sent, if any. */
  image(): { id: string; bitmap: ImageBitmap } | null;
  copyImage(bitmap: ImageBitmap): Promise<ImageSource>;
  /** Shows a status line. */
  say(status: string): void;
  /** A new worker holds no models yet. */
  newWorker(): void;
}

export class EngineStart {
  /** The backend running, once started (null again after a switch). */
  backend = $state<BackendInfo | null>(null);

  private sentGeneration = -1;
  /** The start in flight, for the choice it was asked with. */
  private readying: { choice: BackendChoice; promise: Promise<string | null> } | null = null;

  constructor(private readonly host: StartHost) {}

  /** Starts the backend if this worker has none yet; resolves with the id of the image sent meanwhile, if any. */
  ready(quiet = false): Promise<string | null> {
    const engine = this.host.engine();
    if (this.backend && this.sentGeneration === engine.generation) return Promise.resolve(null);
    if (!quiet) this.host.say(STARTING);
    const choice = this.host.choice();
    if (this.readying?.choice !== choice) {
      const promise: Promise<string | null> = this.start().finally(() => {
        if (this.readying?.promise === promise) this.readying = null;
      });
      this.readying = { choice, promise };
    }
    return this.readying.promise;
  }

  /** The reader switched backends: the next ask starts the new one. */
  reset(): void {
    this.backend = null;
  }

  private async start(): Promise<string | null> {
    const engine = this.host.engine();
    let sent: string | null = null;
    this.host.newWorker();
    // A worker that hangs while its backend starts is replaced by one a rung lower (the engine's
    // watchdog); the reader sees why in the backend note, and the image is sent to the new worker.
    await engine.retryingStartHangs(async () => {
      if (engine.ladder.note) this.host.say(`Restarting: ${engine.ladder.note}…`);
      const choice = this.host.choice();
      const info = await engine.call('start', { backend: choice });
      // An early start on 'auto' that ends after the reader picked another backend tells nothing.
      if (choice !== this.host.choice()) return;
      this.backend = loweredInfo(info, engine.ladder.note);
      const image = this.host.image();
      if (image) {
        await engine.call('put-image', { imageId: image.id, image: await this.host.copyImage(image.bitmap) });
        sent = image.id;
      }
    });
    this.sentGeneration = engine.generation;
    return sent;
  }
}

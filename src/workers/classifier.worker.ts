// The classifier's Web Worker: one engine session (backend, model cache, images) behind the message
// protocol, so downloads, inference and layer views never block the page.
import { EngineSession } from '../lib/engine/session';
import { serveSession, type PortLike } from '../lib/engine/host';
import { startBackend, toPixels, tf } from './backends';

const session = new EngineSession({ tf, startBackend, toPixels });
serveSession(session, self as unknown as PortLike);

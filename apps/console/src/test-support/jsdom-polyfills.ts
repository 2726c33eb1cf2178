import { TextDecoder, TextEncoder } from 'node:util';

// jsdom leaves out what react-router and recharts expect from a browser. Imported first by jsdom tests.
Object.assign(globalThis, { TextEncoder, TextDecoder });

class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in globalThis)) Object.assign(globalThis, { ResizeObserver: NoopResizeObserver });

/**
 * The recordings the simulator has made (Twilio recording sids, SansPBX call ids), served as a tiny silent
 * WAV at `<sim url>/recordings/<id>` so a client that downloads a recording gets real audio bytes.
 */
export class RecordingFiles {
  private readonly ids = new Set<string>();

  add(id: string): void {
    this.ids.add(id);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }
}

/** 0.1 s of 8 kHz, 8-bit mono silence: the smallest file every player accepts as a WAV. */
export function silentWav(): Buffer {
  const sampleRate = 8000;
  const samples = Buffer.alloc(sampleRate / 10, 0x80);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate, 28); // byte rate
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}

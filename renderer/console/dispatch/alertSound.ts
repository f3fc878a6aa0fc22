/**
 * Alert tones made with the Web Audio API (no sound files). Browsers start an AudioContext suspended
 * until the user has interacted with the page; `primeAudio` resumes it on the first click or key press.
 * Every call is best-effort: no audio device, a suspended context or a missing API is silence, never an error.
 */
export type AlertTone = 'alert' | 'emergency';

let context: AudioContext | null = null;
let unavailable = false;

function audio(): AudioContext | null {
  if (unavailable) return null;
  if (context) return context;
  try {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) {
      unavailable = true;
      return null;
    }
    context = new Ctor();
    return context;
  } catch {
    unavailable = true;
    return null;
  }
}

/** Resumes the audio context on the first user gesture (call once at start). Returns an uninstaller. */
export function primeAudio(): () => void {
  const resume = () => {
    const ctx = audio();
    if (ctx && ctx.state === 'suspended') ctx.resume().catch(() => undefined);
  };
  const events = ['pointerdown', 'keydown'] as const;
  for (const e of events) document.addEventListener(e, resume, { capture: true, passive: true });
  return () => {
    for (const e of events) document.removeEventListener(e, resume, { capture: true });
  };
}

const TONES: Record<AlertTone, { freq: number; start: number; length: number; gain: number }[]> = {
  // Two falling notes: "look at the alerts".
  alert: [
    { freq: 880, start: 0, length: 0.16, gain: 0.12 },
    { freq: 660, start: 0.2, length: 0.22, gain: 0.12 },
  ],
  // Three sharp high pulses: emergency.
  emergency: [
    { freq: 1320, start: 0, length: 0.12, gain: 0.22 },
    { freq: 990, start: 0.16, length: 0.12, gain: 0.22 },
    { freq: 1320, start: 0.32, length: 0.12, gain: 0.22 },
    { freq: 990, start: 0.48, length: 0.2, gain: 0.22 },
  ],
};

/** Plays a tone; returns whether it could be scheduled. */
export function playTone(tone: AlertTone): boolean {
  const ctx = audio();
  if (!ctx) return false;
  try {
    if (ctx.state === 'suspended') ctx.resume().catch(() => undefined);
    if (ctx.state !== 'running') return false;
    const t0 = ctx.currentTime + 0.02;
    for (const note of TONES[tone]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = tone === 'emergency' ? 'square' : 'sine';
      osc.frequency.value = note.freq;
      const start = t0 + note.start;
      const end = start + note.length;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(note.gain, start + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, end);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(end + 0.02);
    }
    return true;
  } catch {
    return false;
  }
}

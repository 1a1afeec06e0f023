// A short two-tone chime through WebAudio for new alerts. Browsers only let audio start after a
// user gesture, so the context is created (or resumed) on the first click or key press.
const storageKey = 'envmon.sound';
let context = null;
let enabled = localStorage.getItem(storageKey) !== 'off';
let chimes = 0;

export const soundEnabled = () => enabled;
/** How many chimes actually played (shown as data-chimes for tests and diagnostics). */
export const chimeCount = () => chimes;

export function setSoundEnabled(on) {
  enabled = on;
  localStorage.setItem(storageKey, on ? 'on' : 'off');
}

export function unlockAudio() {
  if (!('AudioContext' in window)) return;
  context ??= new AudioContext();
  if (context.state === 'suspended') context.resume().catch((error) => console.warn('audio stays muted:', error));
}

/** Plays the chime; false when muted or the browser has not allowed audio yet. */
export function chime(urgent) {
  if (!enabled || context?.state !== 'running') return false;
  const start = context.currentTime;
  const tones = urgent ? [988, 740, 988] : [880, 660];
  tones.forEach((frequency, i) => {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    const at = start + i * 0.16;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.14);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.15);
  });
  chimes += 1;
  return true;
}

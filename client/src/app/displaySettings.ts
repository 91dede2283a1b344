/**
 * The player's display settings, kept in this browser: reduced motion (default: what the OS asks for).
 * Applied as `data-motion` on <html> so CSS and the board both follow it.
 * @module
 */

export type MotionSetting = 'system' | 'reduce' | 'full';
const MOTION_KEY = 'handshake.motion';

export function motionSetting(): MotionSetting {
  const saved = localStorage.getItem(MOTION_KEY);
  return saved === 'reduce' || saved === 'full' ? saved : 'system';
}

/** Whether animations should be skipped now: the player's choice, or the OS preference when they left it. */
export function reducedMotion(): boolean {
  const setting = motionSetting();
  if (setting !== 'system') return setting === 'reduce';
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function setMotionSetting(setting: MotionSetting): void {
  if (setting === 'system') localStorage.removeItem(MOTION_KEY);
  else localStorage.setItem(MOTION_KEY, setting);
  applyDisplaySettings();
}

export function applyDisplaySettings(): void {
  document.documentElement.dataset.motion = reducedMotion() ? 'reduce' : 'full';
}

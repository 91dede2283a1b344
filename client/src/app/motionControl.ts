/** The reduced-motion chooser any page can show (a labelled select). @module */
import { type MotionSetting, motionSetting, setMotionSetting } from './displaySettings.ts';
import { h } from './dom.ts';

const LABELS: Record<MotionSetting, string> = {
  system: 'Motion: as the device asks',
  reduce: 'Motion: reduced',
  full: 'Motion: full',
};

export function motionControl(): HTMLElement {
  const select = h('select', { 'aria-label': 'Animations', 'data-focus': 'motion' });
  for (const [value, label] of Object.entries(LABELS)) {
    select.append(h('option', { value, selected: value === motionSetting() }, label));
  }
  select.addEventListener('change', () => setMotionSetting(select.value as MotionSetting));
  return h('label', { class: 'motion-control' }, select);
}

import type { Hop, Trace } from './core-types';
import { hopBoxId, shortWhere } from './trace-rows';

/** What the diagram and the player need of one hop: where it is, and a sentence naming it. Small, so the build can embed it. */
export interface HopMark {
  box: string;
  /** The port the hop's device is on, as the layout names port dots; null when the hop has no device. */
  port: string | null;
  label: string;
  reply: boolean;
}

/** The hops the player walks, forward then reply, as marks on the diagram. */
export function hopMarks(trace: Trace): HopMark[] {
  const mark = (hop: Hop, reply: boolean): HopMark => {
    const box = hopBoxId(hop);
    return {
      box,
      port: hop.device ? `${box}#${hop.device}` : null,
      label: `${reply ? 'Reply step' : 'Step'} ${hop.step}: ${hop.host ? `${hop.host}, ` : ''}${shortWhere(hop.where)}${hop.device ? ` (${hop.device})` : ''}, ${hop.stage.name}`,
      reply,
    };
  };
  return [...trace.hops.map((hop) => mark(hop, false)), ...(trace.reply?.hops ?? []).map((hop) => mark(hop, true))];
}

/** The text the player announces for the current hop. */
export function hopStatus(marks: readonly HopMark[], hop: number): string {
  const mark = marks[hop];
  return mark
    ? `${mark.label} — hop ${hop + 1} of ${marks.length}`
    : `${marks.length} hops: press Play or Step forward to follow the packet.`;
}

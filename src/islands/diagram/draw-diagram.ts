import { select, type Selection } from 'd3-selection';
import 'd3-transition';
import {
  hopPath,
  type DiagramLayout,
  type LaidBox,
  type LaidHost,
  type LaidLink,
} from '../../view-model/diagram-layout';
import type { HopMark } from '../../view-model/hop-marks';

/**
 * Redraws a diagram SVG from a layout with d3 data joins keyed by id, producing the markup Diagram.astro renders at
 * build time, so an edit moves and relabels boxes instead of replacing the drawing. Text goes in with .text() only.
 */
export function drawDiagram(svgElement: SVGSVGElement, layout: DiagramLayout): void {
  const svg = select(svgElement);
  svg
    .attr('viewBox', `0 0 ${layout.width} ${layout.height}`)
    .attr('width', layout.width)
    .attr('height', layout.height)
    .attr('data-arrangement', layout.arrangement);

  layer(svg, 'dvr-links')
    .selectAll<SVGPathElement, LaidLink>('path')
    .data(
      layout.links,
      keyBy<LaidLink>('link', (d) => d.id),
    )
    .join('path')
    .attr('class', (d) => `dvr-link dvr-link-${d.kind}`)
    .attr('data-link', (d) => d.id)
    .attr('d', (d) => d.d);

  const hosts = layer(svg, 'dvr-hosts')
    .selectAll<SVGGElement, LaidHost>('g')
    .data(
      layout.hosts,
      keyBy<LaidHost>('host', (d) => d.name),
    )
    .join((enter) => {
      const g = enter.append('g').attr('class', 'dvr-host');
      g.append('rect').attr('rx', 8);
      g.append('text').attr('class', 'dvr-host-name');
      g.append('text').attr('class', 'dvr-host-sub');
      return g;
    });
  hosts.attr('data-host', (d) => d.name);
  hosts
    .select('rect')
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.y)
    .attr('width', (d) => d.w)
    .attr('height', (d) => d.h);
  hosts
    .select('.dvr-host-name')
    .attr('x', (d) => d.x + 10)
    .attr('y', (d) => d.y + 17)
    .text((d) => d.label);
  hosts
    .select('.dvr-host-sub')
    .attr('x', (d) => d.x + 10)
    .attr('y', (d) => d.y + 31)
    .text((d) => d.sub);

  const boxes = layer(svg, 'dvr-boxes')
    .selectAll<SVGGElement, LaidBox>('g')
    .data(
      layout.boxes,
      keyBy<LaidBox>('box', (d) => d.id),
    )
    .join((enter) => {
      const g = enter.append('g');
      g.append('title');
      g.append('rect').attr('rx', 5);
      g.append('text').attr('class', 'dvr-box-label');
      g.append('text').attr('class', 'dvr-box-note').attr('text-anchor', 'middle');
      g.append('g').attr('class', 'dvr-ports');
      return g;
    });
  boxes.attr('class', (d) => `dvr-box dvr-kind-${d.kind}`).attr('data-box', (d) => d.id);
  boxes.select('title').text((d) => d.title);
  boxes
    .select('rect')
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.y)
    .attr('width', (d) => d.w)
    .attr('height', (d) => d.h);
  boxes
    .select('.dvr-box-label')
    .attr('x', (d) => d.labelX)
    .attr('y', (d) => d.labelY)
    .attr('text-anchor', (d) => d.labelAnchor)
    .attr('transform', (d) => (d.vertical ? `rotate(-90 ${d.labelX} ${d.labelY})` : null))
    .text((d) => d.label);
  boxes
    .select('.dvr-box-note')
    .attr('x', (d) => d.labelX)
    .attr('y', (d) => d.noteY)
    .text((d) => d.note);
  boxes
    .select<SVGGElement>('.dvr-ports')
    .selectAll<SVGCircleElement, LaidBox['ports'][number]>('circle')
    .data(
      (d) => d.ports,
      keyBy<LaidBox['ports'][number]>('port', (p) => p.id),
    )
    .join('circle')
    .attr('class', 'dvr-port')
    .attr('data-port', (p) => p.id)
    .attr('r', 3.5)
    .attr('cx', (p) => p.cx)
    .attr('cy', (p) => p.cy);
}

/** Draws the packet's path for a list of hops and returns the marker positions, one per hop. */
export function drawPath(
  svgElement: SVGSVGElement,
  layout: DiagramLayout,
  marks: readonly HopMark[],
): { x: number; y: number }[] {
  const path = hopPath(
    layout,
    marks.filter((m) => !m.reply).map((m) => m.box),
  );
  const reply = hopPath(
    layout,
    marks.filter((m) => m.reply).map((m) => m.box),
  );
  const svg = select(svgElement);
  svg.select('.dvr-packet-path').attr('d', path.d);
  svg.select('.dvr-reply-path').attr('d', reply.d);
  return [...path.points, ...reply.points];
}

/** Highlights the current hop's box and port, and moves the packet marker to its corner (animated unless motion is reduced). */
export function showHop(
  svgElement: SVGSVGElement,
  marks: readonly HopMark[],
  points: readonly { x: number; y: number }[],
  hop: number,
  animate: boolean,
): void {
  const svg = select(svgElement);
  const mark = marks[hop];
  svg.selectAll<SVGGElement, unknown>('.dvr-box').classed('dvr-current', function () {
    return mark !== undefined && this.dataset.box === mark.box;
  });
  svg.selectAll<SVGCircleElement, unknown>('.dvr-port').classed('dvr-current', function () {
    return mark?.port !== null && mark !== undefined && this.dataset.port === mark.port;
  });
  const point = points[hop];
  const marker = svg.select<SVGCircleElement>('.dvr-packet');
  marker.interrupt();
  if (!point) {
    marker.attr('visibility', 'hidden');
    return;
  }
  const wasHidden = marker.attr('visibility') === 'hidden';
  marker.attr('visibility', 'visible').classed('dvr-reply', mark?.reply ?? false);
  if (animate && !wasHidden) marker.transition().duration(450).attr('cx', point.x).attr('cy', point.y);
  else marker.attr('cx', point.x).attr('cy', point.y);
}

/**
 * A join key that also works for the build-time elements, which carry no d3 data yet: they are matched by their
 * data-* attribute, so the first live redraw updates the server-rendered drawing in place.
 */
function keyBy<T>(attribute: string, key: (d: T) => string): (this: Element, d: T) => string {
  return function (this: Element, d: T): string {
    if ((d as T | undefined) !== undefined) return key(d);
    return this instanceof Element ? (this.getAttribute(`data-${attribute}`) ?? '') : '';
  };
}

function layer(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  name: string,
): Selection<SVGGElement, unknown, null, undefined> {
  const existing = svg.select<SVGGElement>(`g.${name}`);
  return existing.empty() ? svg.insert<SVGGElement>('g', '.dvr-packet-path').attr('class', name) : existing;
}

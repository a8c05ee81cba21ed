// The y axis both percentage charts share (the model zoo and the ILSVRC timeline): six ticks labelled
// "n%", with a horizontal grid line at each tick across the plot.
import { axisLeft, type ScaleLinear, type Selection } from 'd3';

export function drawPercentAxis(
  axis: Selection<SVGGElement, unknown, null, undefined>,
  grid: Selection<SVGGElement, unknown, null, undefined>,
  y: ScaleLinear<number, number>,
  origin: { readonly left: number; readonly top: number },
  innerWidth: number,
): void {
  axis.attr('transform', `translate(${origin.left},${origin.top})`).call(axisLeft(y).ticks(6).tickFormat((d) => `${d}%`));
  grid
    .attr('transform', `translate(${origin.left},${origin.top})`)
    .selectAll('line')
    .data(y.ticks(6))
    .join('line')
    .attr('x1', 0)
    .attr('x2', innerWidth)
    .attr('y1', (d) => y(d))
    .attr('y2', (d) => y(d));
}

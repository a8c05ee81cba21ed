// The y axis both percentage charts share (the model zoo and the ILSVRC timeline): six ticks labelled
// "n%", with a horizontal grid line at each tick across the plot (a second, unlabelled d3 axis whose
// ticks span the plot, drawn under the marks).
import { axisLeft, type ScaleLinear, type Selection } from 'd3';

export function drawPercentAxis(
  axis: Selection<SVGGElement, unknown, null, undefined>,
  grid: Selection<SVGGElement, unknown, null, undefined>,
  y: ScaleLinear<number, number>,
  origin: { readonly left: number; readonly top: number },
  innerWidth: number,
): void {
  axis.attr('transform', `translate(${origin.left},${origin.top})`).call(
    axisLeft(y)
      .ticks(6)
      .tickFormat((d) => `${d}%`),
  );
  grid
    .attr('transform', `translate(${origin.left},${origin.top})`)
    .call(
      axisLeft(y)
        .ticks(6)
        .tickSize(-innerWidth)
        .tickFormat(() => ''),
    )
    .call((g) => g.select('.domain').remove());
}

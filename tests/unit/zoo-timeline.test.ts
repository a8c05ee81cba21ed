import { describe, it, expect } from 'vitest';
import { timelineEntries, HUMAN_LINE, yearsBelowHuman } from '../../src/lib/zoo/timeline';
import { source } from '../../src/lib/data/sources';

describe('ILSVRC timeline marks', () => {
  const entries = timelineEntries();

  it('has the 8 winners 2010–2017 plus VGG beside GoogLeNet in 2014', () => {
    expect(entries.filter((e) => e.place === 1).map((e) => e.year)).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017]);
    expect(entries.map((e) => e.key)).toContain('2014-2');
    const y2014 = entries.filter((e) => e.year === 2014);
    expect(y2014.map((e) => [e.team, e.top5Error])).toEqual([
      ['GoogLeNet', 6.66],
      ['VGG', 7.32],
    ]);
  });

  it('annotates AlexNet, GoogLeNet, VGG and ResNet only', () => {
    expect(entries.filter((e) => e.annotation).map((e) => `${e.year} ${e.annotation}`)).toEqual([
      '2012 AlexNet',
      '2014 GoogLeNet',
      '2014 VGG',
      '2015 ResNet',
    ]);
  });

  it('cites a known source for every mark and for the 5.1% human line', () => {
    for (const e of entries) for (const id of e.sources) expect(source(id).id).toBe(id);
    expect(HUMAN_LINE.top5Error).toBe(5.1);
    for (const id of HUMAN_LINE.sources) expect(source(id).id).toBe(id);
  });

  it('winners fell below the human line from 2015 on', () => {
    expect(yearsBelowHuman()).toEqual([2015, 2016, 2017]);
  });
});

import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { analyze, getModel } from '../../src/lib/arch';
import { DiagramState } from '../../src/components/diagram/diagram-state.svelte';

const vgg16 = analyze(getModel('vgg16'));
const resnet50 = analyze(getModel('resnet50'));

describe('DiagramState: the network diagram island’s logic', () => {
  it('steps with the keys, clamped to the network, and says where it is', () => {
    const s = new DiagramState('vgg16');
    expect(s.key('ArrowLeft')).toBe(true);
    expect(s.step).toBe(0);
    s.key('ArrowRight');
    s.key('ArrowRight');
    expect(s.step).toBe(2);
    expect(s.announcement).toMatch(/^Step 3 of /);
    s.key('End');
    expect(s.step).toBe(vgg16.steps.length - 1);
    s.key('ArrowRight');
    expect(s.step).toBe(vgg16.steps.length - 1);
    flushSync();
    expect(s.panel.title).toContain(`Step ${vgg16.steps.length} of ${vgg16.steps.length} · ${vgg16.steps.at(-1)!.id}`);
    expect(s.key('x')).toBe(false);
  });

  it('plays one step per tick, stops at the end, and starts over from the end', () => {
    const s = new DiagramState('vgg16');
    s.togglePlay();
    expect(s.playing).toBe(true);
    s.advance();
    s.advance();
    expect(s.step).toBe(2);
    s.togglePlay();
    expect(s.announcement).toMatch(/^Paused\. Step 3/);
    s.goTo(s.last);
    s.togglePlay();
    expect(s.step).toBe(0);
    s.step = s.last;
    s.advance();
    expect(s.playing).toBe(false);
    expect(s.announcement).toMatch(/^Reached the end\./);
  });

  it('opens and closes residual blocks, one or all', () => {
    const s = new DiagramState('resnet50');
    flushSync();
    const b = resnet50.blocks.findIndex((x) => x.type === 'bottleneck');
    s.toggle(b);
    expect(s.expanded.has(b)).toBe(true);
    expect(s.announcement).toBe(`${resnet50.blocks[b]!.name} expanded.`);
    s.setAll(true);
    flushSync();
    expect(s.expanded.size).toBe(s.residualCount);
    s.setAll(false);
    expect(s.expanded.size).toBe(0);
    s.toggle(-1); // not a block: nothing happens
    expect(s.expanded.size).toBe(0);
  });

  it('choosing a network starts at its first step, closed, and names it', () => {
    const s = new DiagramState('resnet50');
    s.toggle(1);
    s.goTo(12);
    s.chooseModel('resnet152');
    flushSync();
    expect(s.step).toBe(0);
    expect(s.expanded.size).toBe(0);
    expect(s.announcement).toMatch(/^ResNet-152: \d+ layers\. Step 1 of/);
    expect(s.last).toBe(analyze(getModel('resnet152')).steps.length - 1);
  });

  it('takes the network chosen before the island hydrated over the link’s, and ignores one it does not offer', () => {
    const s = new DiagramState('vgg16', ['vgg16', 'resnet50']);
    s.readUrl('?diagram.step=12');
    s.applyEarly({ model: 'resnet50' });
    expect([s.modelId, s.step, s.interacted]).toEqual(['resnet50', 0, true]);
    s.applyEarly({ model: 'resnet152', speed: '3' });
    s.applyEarly({});
    expect([s.modelId, s.speed]).toEqual(['resnet50', 1]);
    s.applyEarly({ speed: '0.5' });
    expect(s.speed).toBe(0.5);
  });

  it('reads a shared link and writes the network and the step back', () => {
    const s = new DiagramState('vgg16', ['vgg16', 'resnet50']);
    s.readUrl('?diagram.model=resnet50&diagram.step=12');
    expect([s.modelId, s.step]).toEqual(['resnet50', 12]);
    s.readUrl('?diagram.model=alexnet&diagram.step=9999');
    expect([s.modelId, s.step]).toEqual(['vgg16', vgg16.steps.length - 1]);
    s.goTo(3);
    expect(s.urlHref('https://x.test/vgg/?a=1#fig')).toBe('https://x.test/vgg/?a=1&diagram.model=vgg16&diagram.step=3#fig');
  });

  it('the panel describes what the pointer is over, or the compare view’s hint', () => {
    const s = new DiagramState('vgg16');
    s.hovered = { model: resnet50, block: 1 };
    flushSync();
    expect(s.panel.pointing).toBe(true);
    expect(s.panel.title).toBe(`${resnet50.spec.name} · ${resnet50.blocks[1]!.name}`);
    s.setCompare(true);
    flushSync();
    expect(s.hovered).toBeNull();
    expect(s.panel.title).toMatch(/^Point at a layer or block/);
    s.hoverSegment(resnet50, { first: 0, last: 0 } as never);
    flushSync();
    expect(s.panel.title).toContain(resnet50.steps[0]!.id);
  });
});

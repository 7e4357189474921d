// The computational graph panel: the forward picture (values on every edge), then the backward
// pass one edge at a time (the server's frames: one SVG per edge, in backward order), with
// upstream × local = downstream written out for the current edge; arrow keys step through.
import type { Json } from './api.js';
import { t } from './i18n.js';
import { el, tex, verdictBadge } from './math.js';

const num = (v: Json | undefined): string => (v === undefined ? '?' : v['exact'] && String(v['exact']).length <= 8 ? String(v['exact']) : typeof v['value'] === 'number' ? String(Number(v['value'].toPrecision(4))) : String(v['value']));

export class GraphView {
  private res: Json | null = null;
  /** 0: the forward picture; k ≥ 1: after the k-th backward edge */
  frame = 0;

  constructor(
    private readonly svgBox: HTMLElement,
    private readonly label: HTMLElement,
    private readonly text: HTMLElement,
    private readonly table: HTMLTableElement,
  ) {}

  get frames(): number {
    return (this.res?.['frames'] as string[] | undefined)?.length ?? 0;
  }

  show(res: Json): void {
    this.res = res;
    this.frame = 0;
    this.renderTable();
    this.draw();
  }

  go(k: number): void {
    if (!this.res) return;
    this.frame = Math.max(0, Math.min(this.frames, k));
    this.draw();
  }

  private nodeName(id: string): string {
    const n = (this.res!['nodes'] as Json[]).find((x) => x['id'] === id);
    return n ? String(n['named'] ? n['label'] : n['name']) : id;
  }

  private draw(): void {
    const r = this.res!;
    const svg = this.frame === 0 ? (r['svg'] as string) : (r['frames'] as string[])[this.frame - 1]!;
    // the SVG comes from our own server (the graph op's renderer), not from user HTML
    this.svgBox.innerHTML = svg;
    this.label.textContent = this.frame === 0 ? t('forward-frame', { n: this.frames }) : t('backward-frame', { k: this.frame, n: this.frames });
    this.text.replaceChildren();
    if (this.frame === 0) {
      this.text.append(t('forward-text', { target: String(r['target']), value: num(r as Json) }));
      return;
    }
    const b = (r['backward'] as Json[])[this.frame - 1]!;
    const from = this.nodeName(b['from']);
    const to = this.nodeName(b['to']);
    this.text.append(
      el('span', {}, `${t('edge', { from, to })} `),
      tex(`\\underbrace{${num(b['upstream'])}}_{\\text{${t('upstream')}}} \\times \\underbrace{${b['local']?.['named']?.['latex'] ?? ''} = ${num(b['local'])}}_{\\text{${t('local')}}} = \\underbrace{${num(b['downstream'])}}_{\\text{${t('downstream')}}}`),
    );
  }

  private renderTable(): void {
    const r = this.res!;
    this.table.replaceChildren(el('caption', {}, t('gradients-caption', { target: String(r['target']) })), el('tr', {}, el('th', {}, t('col-input')), el('th', {}, t('col-gradient')), el('th', {}, t('col-check'))));
    for (const [k, g] of Object.entries(r['gradients'] as Record<string, Json>)) {
      this.table.append(el('tr', {}, el('td', {}, k), el('td', {}, num(g)), el('td', {}, verdictBadge(g['check']))));
    }
  }
}

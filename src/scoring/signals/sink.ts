import type { Signal } from '../assessment.js';
import type { Playbook, SignalCode } from '../playbook.js';

/** Collects the signals that fire; disabled signals are asked about first, so their reasons are never built. */
export class SignalSink {
  readonly signals: Signal[] = [];

  constructor(readonly cfg: Playbook['signals']) {}

  on(code: SignalCode): boolean {
    return this.cfg[code].enabled;
  }

  fire(code: SignalCode, points: number, reason: string, evidence: string[] = []): void {
    this.signals.push({ code, points, reason, evidence });
  }
}

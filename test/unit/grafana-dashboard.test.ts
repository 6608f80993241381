import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { OperatorMetrics } from '../../operator/runtime/metrics.js';

/** Every metric the Grafana dashboard queries exists with that name (so a rename cannot silently blank a panel). */
describe('config/grafana dashboard', () => {
  it('queries only metrics the operator exports (or their histogram series)', async () => {
    const dash = JSON.parse(readFileSync('config/grafana/cce-operator.json', 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const exported = new Set((await new OperatorMetrics().registry.getMetricsAsJSON()).map((m) => m.name));
    const used = new Set<string>();
    for (const p of dash.panels)
      for (const t of p.targets)
        for (const m of t.expr.matchAll(/\b((?:controller_runtime|workqueue|cce_operator|process|nodejs)_[a-z0-9_]+)/g)) used.add(m[1]!);
    expect(used.size).to.be.greaterThan(10);
    const missing = [...used].filter((n) => !exported.has(n) && !exported.has(n.replace(/_(bucket|sum|count)$/, '')));
    expect(missing).to.deep.equal([]);
  });
});

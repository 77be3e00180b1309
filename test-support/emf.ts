import { GRAPHQL_METRICS } from '@tributary/service-kit/graphql-metrics';

/** One metric of an EMF line, under one of the dimension sets it is published under. */
export interface EmittedMetric {
  namespace: string;
  name: string;
  unit: string;
  /** Dimension name → value, for the names of this set only. */
  dimensions: Record<string, string>;
  value: number | number[];
}

/**
 * Every metric of every embedded metric format line in `text` (JSON lines; lines without `_aws`
 * are plain logs and skipped), each checked against the contract: its name is a contract
 * metric's, with its unit, under one of its dimension sets, every dimension with a value.
 */
export function emittedMetrics(text: string): EmittedMetric[] {
  const specs = Object.values(GRAPHQL_METRICS);
  const found: EmittedMetric[] = [];
  for (const raw of text.split('\n').filter((l) => l.trim().startsWith('{'))) {
    const line = JSON.parse(raw) as Record<string, any>;
    if (!line._aws) continue;
    if (typeof line._aws.Timestamp !== 'number') throw new Error(`no Timestamp: ${raw}`);
    for (const directive of line._aws.CloudWatchMetrics) {
      for (const { Name, Unit } of directive.Metrics) {
        const spec = specs.find((s) => s.name === Name);
        if (!spec) throw new Error(`${Name} is not a contract metric`);
        if (spec.unit !== Unit) throw new Error(`${Name} has unit ${Unit}, not ${spec.unit}`);
        const value = line[Name];
        if (!(typeof value === 'number' || (Array.isArray(value) && value.every((v) => typeof v === 'number')))) throw new Error(`${Name} has no numeric value`);
        for (const set of directive.Dimensions as string[][]) {
          const sorted = [...set].sort().join(',');
          if (!spec.dimensionSets.some((s) => [...s].sort().join(',') === sorted)) throw new Error(`${Name} is not published by ${sorted}`);
          const dimensions = Object.fromEntries(set.map((d) => [d, line[d]]));
          if (Object.values(dimensions).some((v) => typeof v !== 'string' || v === '')) throw new Error(`${Name}: a dimension of ${sorted} has no value`);
          found.push({ namespace: directive.Namespace, name: Name, unit: Unit, dimensions, value });
        }
      }
    }
  }
  return found;
}
